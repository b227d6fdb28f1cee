"""A council's part of the site: its pages and files, and what the site's own pages and files need of it.

A part is made from the council's own files and the build's settings alone — read, validated, derived and
drawn in one go — so a large site makes its councils' parts in parallel (``render/workers.py``), holds one
council's YAML nodes at a time, and a rebuild takes the parts of the councils that did not change from the
cache (``cache.py``). The site's own pages and files are then made from the parts (``render/site.py``).
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import jinja2

from .addresses import Urls, file
from .derive.views import CouncilView, SiteView, derive_council, summary
from .errors import ContentErrors, Problem, one_per_mistake
from .exports.data import PlanRows, plan_rows
from .exports.feeds import plan_entries
from .exports.files import PlanSummary, plan_downloads, plan_files, plan_summary
from .exports.site_rows import KeptRows
from .exports.sitemap import council_addresses, sitemap_entries
from .exports.words import Words
from .model import Site
from .render.pages import council_pages, render_pages
from .render.problems import located
from .sources.files import CouncilSources, parse_council, with_line_texts
from .sources.validate import validate_council


@dataclass(frozen=True)
class Settings:
    """What every council's part is made with: the same for the whole build."""

    site: Site  # site.yaml's settings, without the councils
    urls: Urls
    logo_url: str | None
    as_of: datetime.date

    @classmethod
    def of(cls, view: SiteView) -> Settings:
        """Return the settings a site's view was made with (its councils aside)."""
        return cls(view.site, view.urls, view.logo_url, view.as_of)

    def view(self, councils: tuple[CouncilView, ...]) -> SiteView:
        """Return the view of the site as the pages of these councils see it."""
        return SiteView(self.site, self.urls, self.logo_url, self.as_of, councils)


@dataclass(frozen=True)
class CouncilPart:
    """A council's part of the site, or the problems that stop it."""

    slug: str
    problems: tuple[Problem, ...]  # every problem in the council's files, warnings too
    paths: tuple[str, ...] = ()  # its pages and files
    files: tuple[tuple[str, bytes], ...] = ()  # their bytes (a part read from the cache may leave them there)
    sized: frozenset[str] = frozenset()  # its plans' pages, which need ``with_sizes``
    council: CouncilView | None = None  # as the home page shows it (``summary``)
    plans: tuple[PlanSummary, ...] = ()  # what the site's files need of each plan
    rows: tuple[PlanRows, ...] | KeptRows = ()  # each plan's rows of the site's actions and updates files
    sitemap: bytes = b""  # its pages' entries in the sitemap
    written: bool = False  # its files but its plans' pages are written into the new site's folder already

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a council's model and view are made.

    They are many small objects without reference cycles, which Python would scan again and again for
    cycles they do not have; drawing, though, leaves cyclic garbage (template contexts), so the collector
    runs again for it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def make_part(settings: Settings, env: jinja2.Environment, sources: CouncilSources) -> CouncilPart:
    """Read, validate, derive and draw one council's part of the site.

    Problems, a template's error included, come back in the part: the build reports every council's at once.
    """
    found: list[Problem] = []
    with collector_paused():
        files = parse_council(sources, found)
        council = validate_council(files, found)
        problems = sources.problems + tuple(with_line_texts(one_per_mistake(found), (files.council, *files.plans)))
        if any(p.is_error for p in problems):
            return CouncilPart(sources.slug, problems)
        view = derive_council(council, settings.urls, settings.as_of)
    site = settings.view((view,))
    words = Words(env)
    drawn: list[tuple[str, bytes]] = []
    plans: list[PlanSummary] = []
    rows: list[PlanRows] = []
    try:
        for plan in view.plans:
            rows.append(plan_rows(plan, site))
            entries = plan_entries(plan, site.urls, words) if site.urls.is_absolute else []  # worded once
            drawn += located(plan_files(plan, site, words, rows[-1], entries))
            plans.append(plan_summary(plan, site, entries))
        sizes = {path: len(data) for path, data in drawn}
        extra = {plan.url: {"downloads": plan_downloads(plan, site, sizes)} for plan in view.plans}
        drawn += located(render_pages(site, env, extra, council_pages(view)))
    except ContentErrors as errors:
        return CouncilPart(sources.slug, problems + tuple(errors.problems))
    return CouncilPart(
        slug=sources.slug,
        problems=problems,
        paths=tuple(path for path, _ in drawn),
        files=tuple(drawn),
        sized=frozenset(file(plan.url) for plan in view.plans),
        council=summary(view),
        plans=tuple(plans),
        rows=tuple(rows),
        sitemap=sitemap_entries(settings.urls, council_addresses(view)),
    )
