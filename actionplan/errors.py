"""Problems found in content, reported as ``file:line:col: severity: message``.

Content errors are never exceptions that escape to the user: every stage collects
:class:`Problem` values and the command line prints them all at once.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .text import printable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a person must look at, located in a file they can open."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str = ""
    cell: str = ""  # a spreadsheet cell such as "Action plan!C14", named instead of the line and column
    # The text of the line it points at, as the build read it: the preview quotes it and never opens the file again.
    line_text: str | None = dataclasses.field(default=None, compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        return f"{self.path}:{self.cell}" if self.cell else f"{self.path}:{self.line}:{self.col}"

    @property
    def advice(self) -> str:
        """Return the message with its hint, as a person reads it."""
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def printable(self) -> Problem:
        """Return the problem with names and values made safe to show (see :func:`actionplan.text.printable`)."""
        return dataclasses.replace(
            self,
            path=printable(self.path),
            message=printable(self.message),
            hint=printable(self.hint),
            cell=printable(self.cell),
        )

    def __str__(self) -> str:
        shown = self.printable()
        return f"{shown.location}: {shown.severity.value}: {shown.advice}"


FORMATS = ("text", "github", "json")


def _github_escape(text: str, *, is_property: bool = False) -> str:
    """Escape text the way GitHub Actions' workflow commands read it (line breaks are already shown as escapes)."""
    text = text.replace("%", "%25")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def format_problem(problem: Problem, style: str) -> str:
    """Return one problem as a line of ``text`` (people), ``github`` (pull request annotations) or ``json``."""
    problem = problem.printable()
    if style == "github":
        where = ",".join(
            f"{key}={_github_escape(str(value), is_property=True)}"
            for key, value in (("file", problem.path), ("line", problem.line), ("col", problem.col))
        )
        return f"::{problem.severity.value} {where}::{_github_escape(problem.advice)}"
    if style == "json":
        fields = {
            "path": problem.path,
            "line": problem.line,
            "col": problem.col,
            "severity": problem.severity.value,
            "message": problem.message,
            "hint": problem.hint,
        }
        return json.dumps(fields | ({"cell": problem.cell} if problem.cell else {}), ensure_ascii=False)
    return str(problem)


class Abort(Exception):
    """Stop a command with a message for the user (not a traceback)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class ContentErrors(Abort):
    """The content has errors: nothing was written."""

    def __init__(
        self, problems: Iterable[Problem], where: str = "content", outcome: str = "nothing was written"
    ) -> None:
        self.problems = tuple(sorted(problems))
        errors = sum(p.is_error for p in self.problems)
        super().__init__(f"{plural(errors, 'error')} in {where}; {outcome}")


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return "1 error" or "3 errors": the plural helper for messages to editors (readers' words are the theme's)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def one_per_mistake(problems: Iterable[Problem]) -> list[Problem]:
    """Keep one message per mistake: drop what follows an earlier problem on the same line.

    A value the schema refuses is not checked again as a date, an id or a status, and an
    error there explains every later message on its line; a warning explains only later warnings.
    """
    shown: dict[tuple[str, int], Severity] = {}
    kept = []
    for problem in problems:
        where = (problem.path, problem.line)
        first = shown.get(where)
        if first is Severity.ERROR or (first is Severity.WARNING and not problem.is_error):
            continue
        shown[where] = problem.severity
        kept.append(problem)
    return kept


def did_you_mean(word: str, choices: Iterable[str], near: Iterable[str] = ()) -> str:
    """Return a ``did you mean "x"?`` hint for a near miss, or a list of what is allowed.

    ``near`` adds words worth matching but too many to list (such as status aliases).
    """
    options = sorted(set(choices))
    close = difflib.get_close_matches(word.lower(), [*options, *near], n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    return "expected one of: " + ", ".join(f'"{o}"' for o in options)
