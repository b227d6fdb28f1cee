"""The pipeline: load → validate → derive → render, as one function of (content, theme, as-of date).

Nothing here writes: ``commands.build`` publishes the files ``make_site`` yields, as they
come, and the preview serves them. A build lists the content and reads site.yaml here; each
council's files are then read, validated, derived and drawn as one part (``parts.py``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from .addresses import SCHEMA_NAMES
from .cache import PartCache, settings_key
from .derive.views import site_view
from .errors import Problem, Severity, one_per_mistake
from .model import Site
from .options import Options
from .parts import Settings
from .previous import Content, Into
from .render.environment import make_environment
from .render.pages import theme_folders
from .render.site import council_parts, draw_site
from .sources.files import Document, Listing, list_content, load_content, with_line_texts
from .sources.reading import shown_path
from .sources.schema import schema_text
from .sources.validate import validate, validate_site


def check(options: Options) -> tuple[Site, list[Problem]]:
    """Load and validate all content; return the model and every problem, sorted."""
    content = load_content(options.content)
    site, problems = validate(content)
    problems = with_line_texts(problems, content.documents())
    if options.base_url:
        site = dataclasses.replace(site, base_url=options.base_url)
    if not site.base_url and not any(p.is_error for p in problems):  # advice for publishing, once the content builds
        problems.append(_no_base_url(content.site, options.content))
    return site, sorted(problems)


def _no_base_url(site_file: Document | None, content: Path) -> Problem:
    """Say once what a site without its address cannot have: feeds, calendars and a sitemap need full addresses."""
    return Problem(
        site_file.shown if site_file else shown_path(content / "site.yaml"),
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


def _assets(settings: Settings, options: Options) -> Iterator[tuple[str, bytes]]:
    urls = settings.urls
    yield from ((urls.asset(name), path.read_bytes()) for name, path in theme_assets(options.templates).items())
    # After the theme's assets: the build's brand colour wins over a theme.css of the theme's own.
    yield urls.theme_css, f":root {{ --brand: {settings.site.brand_colour}; }}\n".encode()
    if settings.site.logo and settings.logo_url:
        yield settings.logo_url, settings.site.logo.data
    for name in SCHEMA_NAMES:
        yield urls.schema(name), schema_text(name)


class SiteFiles:
    """A build's files, drawn as they are read, and its problems: all of them once the files are all read.

    Reading the files raises ContentErrors, after every council has been checked, when the content has errors
    (or a template has); publishing then leaves the previous site as it was.
    """

    def __init__(self, options: Options, cache: PartCache | None = None) -> None:
        self.options = options
        self.cache = cache
        self.problems: list[Problem] = []
        self.base_url: str | None = None  # the site's, once the files are read
        self.into: Into | None = None

    def draw_into(self, into: Into) -> None:
        """Let the councils' parts, as they are made, be written straight into a new site's folder (without a cache:
        a part that the cache keeps must keep its files there too)."""
        self.into = into

    def __iter__(self) -> Iterator[tuple[str, Content]]:
        options = self.options
        listing = list_content(options.content, self.cache.remembered if self.cache else None)
        problems = self.problems
        found = list(listing.problems)
        site = validate_site(listing.site, listing.logo, found)
        problems += with_line_texts(one_per_mistake(found), _documents(listing))
        if options.base_url:
            site = dataclasses.replace(site, base_url=options.base_url)
        self.base_url = site.base_url
        settings = Settings.of(site_view(site, options.as_of, ()))
        env = make_environment(theme_folders(options.templates), site.language)
        key = settings_key(settings, options.templates)
        into = self.into if self.cache is None else None
        parts = council_parts((settings, env, into), listing.councils, options.jobs, self.cache, key)
        yield from draw_site(settings, env, parts, problems)
        yield from _assets(settings, options)
        if not site.base_url:  # advice for publishing, once the content builds
            problems.append(_no_base_url(listing.site, options.content))
        problems.sort()


def _documents(listing: Listing) -> list[Document]:
    return [listing.site] if listing.site else []  # a council's problems come with their lines already


def make_site(options: Options, cache: PartCache | None = None) -> SiteFiles:
    """Return the site's files, to be read (and published) as they are drawn, and then its warnings; with a
    cache, councils whose files have not changed are not even read (``Remembered``)."""
    return SiteFiles(options, cache)
