"""The pipeline: load → validate → derive → render, as one function of (content, theme, as-of date).

Nothing here writes: ``commands.build`` publishes the files ``make_site`` yields, as they
come, and the preview serves them.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Iterator
from pathlib import Path

import jinja2

from .addresses import SCHEMA_NAMES
from .derive.views import SiteView, derive_site
from .errors import ContentErrors, Problem, Severity
from .exports.files import downloads, export_files
from .model import Site
from .options import Options
from .render.environment import make_environment
from .render.pages import render_pages, theme_folders
from .sources.cache import PlanCache
from .sources.files import load_content, shown_path, with_line_texts
from .sources.positions import line_text
from .sources.schema import schema_text
from .sources.validate import validate

ENGINE = Path(__file__).resolve().parent


def check(options: Options, cache: PlanCache | None = None) -> tuple[Site, list[Problem]]:
    """Load and validate all content; return the model and every problem, sorted.

    Plans the cache holds are taken from it; newly validated ones are added to it, for the caller to save.
    """
    content = load_content(options.content, cache.has if cache else None)
    site, problems = validate(content, cache)
    problems = with_line_texts(problems, content)
    if options.base_url:
        site = dataclasses.replace(site, base_url=options.base_url)
    if not site.base_url and not any(p.is_error for p in problems):  # advice for publishing, once the content builds
        problems.append(_no_base_url(content.site.shown if content.site else shown_path(options.content / "site.yaml")))
    return site, sorted(problems)


def _no_base_url(site_file: str) -> Problem:
    """Say once what a site without its address cannot have: feeds, calendars and a sitemap need full addresses."""
    return Problem(
        site_file,
        1,
        1,
        Severity.WARNING,
        "no base_url is set, so the Atom feeds, the deadline calendars and sitemap.xml are not written",
        'add "base_url: https://…", the address the site is published at, to site.yaml, or build with --base-url',
    )


def _template_problem(exc: Exception) -> Problem | None:
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


def theme_assets(templates: Path | None) -> dict[str, Path]:
    """Return the theme's asset files by name, such as "style.css"; a council's override replaces the default."""
    found: dict[str, Path] = {}
    for folder in reversed(theme_folders(templates)):
        assets = folder / "assets"
        for path in sorted(assets.rglob("*")) if assets.is_dir() else ():
            if path.is_file():
                found[path.relative_to(assets).as_posix()] = path
    return found


def _assets(view: SiteView, options: Options) -> Iterator[tuple[str, bytes]]:
    urls = view.urls
    yield from ((urls.asset(name), path.read_bytes()) for name, path in theme_assets(options.templates).items())
    # After the theme's assets: the build's brand colour wins over a theme.css of the theme's own.
    yield urls.theme_css, f":root {{ --brand: {view.site.brand_colour}; }}\n".encode()
    if view.site.logo and view.logo_url:
        yield view.logo_url, view.site.logo.data
    for name in SCHEMA_NAMES:
        yield urls.schema(name), schema_text(name)


def _located(files: Iterator[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """Yield the files as they are drawn; raise ContentErrors for a template error."""
    try:
        yield from files
    except (jinja2.TemplateError, TypeError, AttributeError, KeyError, ValueError) as exc:
        problem = _template_problem(exc)
        if problem is None:
            raise
        raise ContentErrors([problem]) from None


def render_site(view: SiteView, options: Options) -> Iterator[tuple[str, bytes]]:
    """Yield every output file's path and bytes, one at a time, so that the site is never whole in memory.

    The files that are not pages come first: a plan's page lists them with their sizes.
    A template error raises ContentErrors part-way; publishing then leaves the previous site as it was.
    """
    env = make_environment(theme_folders(options.templates), view.site.language)
    sizes: dict[str, int] = {}
    for path, data in _located(export_files(view, env)):
        sizes[path] = len(data)
        yield path, data
    yield from _located(render_pages(view, env, {url: {"downloads": d} for url, d in downloads(view, sizes).items()}))
    yield from _assets(view, options)


def make_site(
    options: Options, cache: PlanCache | None = None
) -> tuple[Site, Iterator[tuple[str, bytes]], list[Problem]]:
    """Check the whole site and return the model, its files (drawn as they are read) and the warnings.

    Raises ContentErrors for the content's errors; a template's error is raised while the files are read.
    """
    site, problems = check(options, cache)
    if any(p.is_error for p in problems):
        raise ContentErrors(problems)
    return site, render_site(derive_site(site, options.as_of), options), problems
