"""Template errors as located problems: a council's own template is content, and its mistakes are shown as such."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

import jinja2

from ..errors import ContentErrors, Problem, Severity
from ..sources.positions import line_text
from ..sources.reading import shown_path

ENGINE = Path(__file__).resolve().parent.parent


def template_problem(exc: Exception) -> Problem | None:
    """Locate a template error in the template file, the way content errors are located.

    Return None when the error was raised inside the engine itself: that is a bug to show
    with its traceback, not a mistake in somebody's template.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(
            shown_path(Path(exc.filename or exc.name or "template")),
            exc.lineno,
            1,
            Severity.ERROR,
            f"template error: {exc.message}",
            "fix the template",
            line_text=line_text(exc.source, exc.lineno) if exc.source else None,
        )
    frames = traceback.extract_tb(exc.__traceback__)
    if frames and Path(frames[-1].filename).resolve().is_relative_to(ENGINE):
        return None
    for frame in reversed(frames):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return Problem(
                shown_path(Path(frame.filename)),
                frame.lineno or 1,
                1,
                Severity.ERROR,
                f"template error: {exc}",
                "fix the template",
            )
    return Problem("templates", 1, 1, Severity.ERROR, f"template error: {exc}", "fix the template")


def located(files: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """Yield the files as they are drawn; raise ContentErrors for a template error."""
    try:
        yield from files
    except (jinja2.TemplateError, TypeError, AttributeError, KeyError, ValueError) as exc:
        problem = template_problem(exc)
        if problem is None:
            raise
        raise ContentErrors([problem]) from None
