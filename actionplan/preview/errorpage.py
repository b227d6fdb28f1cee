"""The page the preview shows while the content or templates have errors."""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Problem, plural
from ..render.environment import make_environment
from ..render.pages import DEFAULT_THEME
from ..text import printable


@dataclass(frozen=True)
class Quote:
    """The line a problem points at, with a caret under its column."""

    number: int
    text: str
    caret: str


@dataclass(frozen=True)
class Listed:
    """A problem as the error page lists it."""

    problem: Problem
    quote: Quote | None


def quote_line(problem: Problem) -> Quote | None:
    """Return the line ``problem`` points at, as the build read it, or None if there is none to show."""
    line = problem.line_text
    if line is None or not line.strip():
        return None
    text = printable(line)
    caret = "".join("\t" if c == "\t" else " " for c in printable(line[: problem.col - 1])) + "^"
    return Quote(problem.line, text, caret)


def render_error_page(problems: Sequence[Problem]) -> bytes:
    """Return the page that lists every problem with the line it points at; never raise."""
    errors = [Listed(p.printable(), quote_line(p)) for p in problems if p.is_error]
    warnings = [Listed(p.printable(), quote_line(p)) for p in problems if not p.is_error]
    summary = plural(len(errors), "error")
    try:
        # Only the default theme's template: a council's override folder may be what is broken.
        page = (
            make_environment([DEFAULT_THEME])
            .get_template("error.html")
            .render(errors=errors, warnings=warnings, summary=summary, checked_at=time.strftime("%H:%M:%S"))
        )
    except Exception as exc:  # the error page's own template is being edited: list the problems plainly
        items = "".join(f"<li>{html.escape(str(p))}</li>\n" for p in problems)
        page = (
            f'<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Error: {summary} – preview</title>\n</head>\n<body>\n"
            f"<h1>The site could not be built: {summary}</h1>\n<ol>\n{items}</ol>\n"
            f"<p>(The error page's template could not be used: {html.escape(str(exc))}.)</p>\n</body>\n</html>\n"
        )
    return page.encode("utf-8")
