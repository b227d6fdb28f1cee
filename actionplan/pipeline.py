"""The pipeline: load → validate → derive → render, as one function of (content, theme, as-of date).

Nothing here writes: ``commands.build`` publishes the files ``make_site`` yields, as they
come, and the preview serves them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from .addresses import SCHEMA_NAMES
from .derive.views import SiteView, derive_site
from .errors import ContentErrors, Problem, Severity
from .model import Site
from .options import Options
from .render.environment import make_environment
from .render.pages import theme_folders
from .render.site import draw_site, jobs
from .sources.cache import PlanCache
from .sources.files import load_content, shown_path, with_line_texts
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


def render_site(view: SiteView, options: Options) -> Iterator[tuple[str, bytes]]:
    """Yield every output file's path and bytes, a piece at a time, so that the site is never whole in memory.

    The files that are not pages come first: a plan's page lists them with their sizes.
    A template error raises ContentErrors part-way; publishing then leaves the previous site as it was.
    """
    env = make_environment(theme_folders(options.templates), view.site.language)
    yield from draw_site(view, env, jobs(options.jobs, view))
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
