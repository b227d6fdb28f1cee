"""Draw the whole site: the files about every plan and each plan's own, then the pages, which list their sizes.

The work is cut into pieces — a part of the site-wide data, a council's files, a
council's pages — that a large site shares among processes (``workers.py``). A
template error in any piece is a located problem, raised as ContentErrors.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2

from ..derive.views import SiteView
from ..errors import ContentErrors, Problem, Severity
from ..exports.data import PlanRows, SiteRows, plan_rows
from ..exports.files import SITE_PARTS, downloads, plan_files
from ..exports.words import Words
from ..sources.files import shown_path
from ..sources.positions import line_text
from .pages import council_pages, render_pages, site_wide_pages
from .workers import Workers, can_fork, cores

ENGINE = Path(__file__).resolve().parent.parent
Files = list[tuple[str, bytes]]
Drawn = tuple[Files, tuple[Problem, ...]]  # a piece's files, or the problem that stopped it
Shared = tuple[SiteView, jinja2.Environment]
PLANS_WORTH_WORKERS = 12  # measured: 9 plans gained nothing from a second process, 17 plans a quarter of the wall time


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


def _drawn(files: Iterable[tuple[str, bytes]]) -> Drawn:
    """Draw a piece whole; its problem comes back as a value (ContentErrors does not cross processes)."""
    try:
        return list(located(files)), ()
    except ContentErrors as errors:
        return [], errors.problems


def _files(shared: Shared, piece: tuple[str, int]) -> tuple[Drawn, list[PlanRows]]:
    """Draw a part of the files about every plan ("site"), or the files of a council's plans ("council"),
    with the plans' rows of the site's data files."""
    view, env = shared
    kind, index = piece
    words = Words(env)
    if kind == "site":
        return _drawn(SITE_PARTS[index](view, words)), []
    plans = view.councils[index].plans
    rows = [plan_rows(plan, view) for plan in plans]
    files = (f for plan, its_rows in zip(plans, rows, strict=True) for f in plan_files(plan, view, words, its_rows))
    return _drawn(files), rows


def _pages(shared: Shared, piece: tuple[int | None, dict[str, dict[str, Any]]]) -> Drawn:
    """Draw a council's pages (or, for None, those of the site itself) with the values they add."""
    view, env = shared
    index, extra = piece
    pages = site_wide_pages(view) if index is None else council_pages(view.councils[index])
    return _drawn(render_pages(view, env, extra, pages))


def _checked(drawn: Drawn) -> Files:
    files, problems = drawn
    if problems:
        raise ContentErrors(problems)
    return files


def jobs(wanted: int, view: SiteView) -> int:
    """Return how many processes draw the site: ``wanted``, or for 0 as many as pay for their start."""
    if not can_fork():
        return 1
    if wanted == 0:
        wanted = cores() if len(view.plans) >= PLANS_WORTH_WORKERS else 1
    return max(1, min(wanted, len(view.councils)))


def draw_site(view: SiteView, env: jinja2.Environment, jobs: int = 1) -> Iterator[tuple[str, bytes]]:
    """Yield every file but the theme's assets, one piece at a time, drawn by ``jobs`` processes."""
    sizes: dict[str, int] = {}
    site = SiteRows()
    with Workers(jobs, (view, env)) as workers:
        pieces = [("site", i) for i in range(len(SITE_PARTS))] + [("council", i) for i in range(len(view.councils))]
        for drawn, plans in workers.map(_files, pieces):
            for rows in plans:
                site.add(rows)
            for path, data in _checked(drawn):
                sizes[path] = len(data)
                yield path, data
        for path, data in site.files(view.urls):
            sizes[path] = len(data)
            yield path, data
        offered = downloads(view, sizes)
        councils = [
            (i, {plan.url: {"downloads": offered[plan.url]} for plan in council.plans})
            for i, council in enumerate(view.councils)
        ]
        for drawn in workers.map(_pages, [(None, {}), *councils]):
            yield from _checked(drawn)
