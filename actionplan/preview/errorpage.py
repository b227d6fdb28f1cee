"""The pages the preview shows about problems: the error page, the list of warnings and their banner.

While the content or templates have errors, the error page replaces every page. A build that
worked but has warnings puts a banner at the top of every page, linking to the list at /__problems.
"""

from __future__ import annotations

import hashlib
import html
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Problem, plural
from ..render.environment import make_environment
from ..text import printable
from ..theme import DEFAULT_THEME


@dataclass(frozen=True)
class Quote:
    """The line a problem points at, with a caret under its column."""

    number: int
    text: str
    caret: str


@dataclass(frozen=True)
class Listed:
    """A problem as the error page lists it: ``number`` makes its address, /__problems#problem-<number>."""

    number: int
    problem: Problem
    quote: Quote | None


BANNER_LIMIT = 10  # the banner lists this many warnings; the list at /__problems has them all


def quote_line(problem: Problem) -> Quote | None:
    """Return the line ``problem`` points at, as the build read it, or None if there is none to show."""
    line = problem.line_text
    if line is None or not line.strip():
        return None
    text = printable(line)
    caret = "".join("\t" if c == "\t" else " " for c in printable(line[: problem.col - 1])) + "^"
    return Quote(problem.line, text, caret)


def _listed(problems: Sequence[Problem]) -> tuple[list[Listed], list[Listed]]:
    """Number the errors, then the warnings, as the page lists them."""
    ordered = [p for p in problems if p.is_error] + [p for p in problems if not p.is_error]
    listed = [Listed(n, p.printable(), quote_line(p)) for n, p in enumerate(ordered, start=1)]
    return [i for i in listed if i.problem.is_error], [i for i in listed if not i.problem.is_error]


def _summary(errors: int, warnings: int) -> str:
    return ", ".join(plural(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n) or "no problems"


def render_error_page(problems: Sequence[Problem], built: bool = False) -> bytes:
    """Return the page that lists every problem with the line it points at; never raise.

    ``built`` says the site was built all the same: the page lists its warnings, at /__problems.
    """
    errors, warnings = _listed(problems)
    summary = _summary(len(errors), len(warnings))
    try:
        page = (
            make_environment([DEFAULT_THEME])  # only the default theme: a council's own may be what is broken
            .get_template("error.html")
            .render(
                built=built,
                errors=errors,
                warnings=warnings,
                summary=summary,
                heading=f"{plural(len(errors), 'problem')} to fix before the site can be built",
                errors_heading="Errors",
                warnings_heading="Warnings",
                checked_at=time.strftime("%H:%M:%S"),
            )
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


def render_banner(problems: Sequence[Problem]) -> bytes:
    """Return the banner that lists a built site's warnings at the top of each page, or nothing if there are none."""
    _, warnings = _listed(problems)
    if not warnings:
        return b""
    # The same warnings, dismissed once, stay hidden across rebuilds; a new one shows the banner again.
    signature = hashlib.sha256("\n".join(str(w.problem) for w in warnings).encode()).hexdigest()[:16]
    more = len(warnings) - BANNER_LIMIT
    try:
        banner = (
            make_environment([DEFAULT_THEME])  # only the default theme: a council's own may be what is broken
            .get_template("preview_banner.html")
            .render(
                signature=signature,
                summary=plural(len(warnings), "warning"),
                shown=warnings[:BANNER_LIMIT],
                more=f"and {plural(more, 'more warning')}" if more > 0 else "",
            )
        )
    except Exception:  # the banner's template is being edited: the list at /__problems still has them
        banner = f'<p><a href="/__problems">{plural(len(warnings), "warning")} in your content</a></p>\n'
    return banner.encode("utf-8")
