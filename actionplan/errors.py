"""Problems found in content, reported as ``file:line:col: severity: message``.

Content errors are never exceptions that escape to the user: every stage collects
:class:`Problem` values and the command line prints them all at once.
"""

from __future__ import annotations

import dataclasses
import difflib
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

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def printable(self) -> Problem:
        """Return the problem with names and values made safe to show (see :func:`actionplan.text.printable`)."""
        return dataclasses.replace(
            self, path=printable(self.path), message=printable(self.message), hint=printable(self.hint)
        )

    def __str__(self) -> str:
        shown = self.printable()
        text = f"{shown.location}: {shown.severity.value}: {shown.message}"
        return f"{text} ({shown.hint})" if shown.hint else text


class Abort(Exception):
    """Stop a command with a message for the user (not a traceback)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class ContentErrors(Abort):
    """The content has errors: nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        errors = sum(p.is_error for p in self.problems)
        super().__init__(f"{errors} error{'s' if errors != 1 else ''} in content; nothing was written")


def did_you_mean(word: str, choices: Iterable[str], near: Iterable[str] = ()) -> str:
    """Return a ``did you mean "x"?`` hint for a near miss, or a list of what is allowed.

    ``near`` adds words worth matching but too many to list (such as status aliases).
    """
    options = sorted(set(choices))
    close = difflib.get_close_matches(word.lower(), [*options, *near], n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    return "expected one of: " + ", ".join(f'"{o}"' for o in options)
