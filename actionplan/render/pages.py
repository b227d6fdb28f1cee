"""Render the derived site through the Jinja theme into page files.

Rendering is a pure function of the site view: the same view gives the same
bytes. Content reaches templates only as values, autoescaped, so text that looks
like template code is shown as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from .. import addresses as urls
from ..derive.views import CouncilView, Link, PlanView, SiteView
from ..theme import DEFAULT_THEME as DEFAULT_THEME  # where tests and tools have long found it
from ..theme import theme_folders as theme_folders


@dataclass(frozen=True)
class Page:
    """One HTML page: where it goes, which template draws it, and what it shows.

    The page's title and every other word are the template's; ``breadcrumbs`` are the links
    after "Home" (None: the page shows no breadcrumbs).
    """

    url: str  # its address in the map (addresses.py), such as "harlow/cpc-2023/" or "404.html"
    template: str
    breadcrumbs: tuple[Link, ...] | None
    values: dict[str, Any]


def site_pages(view: SiteView) -> Iterator[Page]:
    """Yield every HTML page of the site."""
    yield from site_wide_pages(view)
    for council in view.councils:
        yield from council_pages(council)


def council_pages(council: CouncilView) -> Iterator[Page]:
    """Yield the council's page and the pages of its plans."""
    yield Page(council.url, "council.html", (), {"council": council})
    for plan in council.plans:
        yield from _plan_pages(plan, Link(council.url, council.council.short_name))


def site_wide_pages(view: SiteView) -> Iterator[Page]:
    """Yield the pages about the site itself: the home page, the accessibility statement and the 404 page."""
    single = view.councils[0] if len(view.councils) == 1 else None
    yield Page(view.urls.home, "home.html", None, {"single_council": single})
    yield Page(view.urls.accessibility, "accessibility.html", (), {})
    yield Page(view.urls.not_found, "404.html", (), {})


def _plan_pages(plan: PlanView, council: Link) -> Iterator[Page]:
    yield Page(plan.url, "plan.html", (council,), {"plan": plan})
    yield Page(plan.embed_url, "embed.html", None, {"plan": plan})
    crumbs = (council, Link(plan.url, plan.plan.title))
    for rec in plan.recommendations:
        yield Page(rec.url, "recommendation.html", crumbs, {"plan": plan, "rec": rec})
    for report in plan.reports.reports:  # each shows the plan as it stood on its day, not as it is now
        values = {"plan": report.plan, "report": report}
        yield Page(report.url, "report.html", crumbs, values)
        yield Page(report.print_css_url, "report_print.css", None, values)


def render_pages(
    view: SiteView,
    env: jinja2.Environment,
    extra: Mapping[str, Mapping[str, Any]] | None = None,
    pages: Iterable[Page] | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Yield each page's output path and bytes as it is drawn, council by council, so none waits in memory.

    ``extra`` adds values to the pages at some addresses; ``pages`` are those to draw (all of the site's by default).
    """
    for page in site_pages(view) if pages is None else pages:
        template = env.get_template(page.template)
        values = {**page.values, **(extra or {}).get(page.url, {})}
        html = template.render(site=view, urls=view.urls, page=page, canonical=view.urls.canonical(page.url), **values)
        yield urls.file(page.url), html.encode("utf-8")
