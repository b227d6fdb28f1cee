"""Every file that is not a page: data, feeds, calendars, the sitemap and badges, and a list of them per plan."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import jinja2

from ..derive.views import PlanView, SiteView
from ..model import Report
from .badge import badge
from .calendars import plan_calendar
from .data import PlanRows, SiteRows, plan_data_files, plan_rows, plans_files
from .feeds import plan_feed, site_feed
from .reports import report_csv
from .sitemap import sitemap_files
from .words import Words

KILOBYTE = 1024


def export_files(view: SiteView, env: jinja2.Environment) -> Iterator[tuple[str, bytes]]:
    """Yield the files that are not pages, each with its output path, one at a time: the site's, then each plan's."""
    words = Words(env)
    for part in SITE_PARTS:
        yield from part(view, words)
    site = SiteRows()
    for plan in view.plans:
        rows = plan_rows(plan, view)
        site.add(rows)
        yield from plan_files(plan, view, words, rows)
    yield from site.files(view.urls)


def _feed_and_sitemap(view: SiteView, words: Words) -> Iterator[tuple[str, bytes]]:
    """Feeds and the sitemap name things by full address, which only a site with a base_url has.

    Without one they are left out (and ``check`` says so).
    """
    if view.urls.is_absolute:
        yield view.urls.feed, site_feed(view, words)
        yield from sitemap_files(view)


# The files about every plan that are not made from the plans' rows (``SiteRows``), in parts
# that can be made apart (in separate processes for a large site).
SITE_PARTS: tuple[Callable[[SiteView, Words], Iterator[tuple[str, bytes]]], ...] = (
    lambda view, _: plans_files(view),
    _feed_and_sitemap,
)


def plan_files(plan: PlanView, view: SiteView, words: Words, rows: PlanRows) -> Iterator[tuple[str, bytes]]:
    """Yield the plan's own files: its data, its badge, its reports' tables and, for a site with a base_url,
    its feed and calendar."""
    yield from plan_data_files(plan, rows)
    yield plan.badge_url, badge(plan, view, words)
    for report in plan.reports.reports:
        yield report.csv_url, report_csv(report, words)
    if view.urls.is_absolute:
        yield plan.feed_url, plan_feed(plan, view, words)
        yield plan.calendar_url, plan_calendar(plan, view, words)


@dataclass(frozen=True)
class Download:
    """One file a reader can download from a plan's page, with what the link needs to say."""

    url: str
    scope: str  # "plan": the plan's own file; "site": a file about every plan
    kind: str  # what it holds, for the template's words: "plan-actions", "plan-updates", "all-actions", …
    format: str  # "CSV", "JSON", "iCalendar", "Atom"
    size: int  # bytes
    size_text: str  # "12.3 KB"
    report: Report | None = None  # the report whose table it is, for kind "report"


def size_text(size: int) -> str:
    """Return a file size the way GOV.UK writes it next to a download: "812 bytes", "12.3 KB", "1.2 MB"."""
    if size < KILOBYTE:
        return f"{size} bytes"
    if size < KILOBYTE * KILOBYTE:
        return f"{size / KILOBYTE:.1f} KB"
    return f"{size / KILOBYTE / KILOBYTE:.1f} MB"


def plan_downloads(plan: PlanView, view: SiteView, sizes: Mapping[str, int]) -> tuple[Download, ...]:
    """Return the plan's own files, then the site's, each with its size: those this build writes."""
    urls = view.urls
    wanted = (
        ("plan", plan.actions_csv_url, "plan-actions", "CSV"),
        ("plan", plan.actions_json_url, "plan-actions", "JSON"),
        ("plan", plan.calendar_url, "plan-deadlines", "iCalendar"),
        ("plan", plan.feed_url, "plan-updates", "Atom"),
        ("site", urls.actions_csv, "all-actions", "CSV"),
        ("site", urls.actions_json, "all-actions", "JSON"),
        ("site", urls.updates_csv, "all-updates", "CSV"),
        ("site", urls.plans_csv, "all-plans", "CSV"),
        ("site", urls.plans_json, "all-plans", "JSON"),
    )
    own, site = wanted[:4], wanted[4:]
    tables = tuple(
        Download(r.csv_url, "plan", "report", "CSV", sizes[r.csv_url], size_text(sizes[r.csv_url]), r.report)
        for r in plan.reports.reports
        if r.csv_url in sizes
    )
    return (*_offered(own, sizes), *tables, *_offered(site, sizes))


def _offered(wanted: tuple[tuple[str, str, str, str], ...], sizes: Mapping[str, int]) -> tuple[Download, ...]:
    """Return the downloads among ``wanted`` (scope, address, kind, format) that this build writes."""
    return tuple(
        Download(url, scope, kind, form, sizes[url], size_text(sizes[url]))
        for scope, url, kind, form in wanted
        if url in sizes
    )


def downloads(view: SiteView, sizes: Mapping[str, int]) -> dict[str, tuple[Download, ...]]:
    """Return each plan's downloads, keyed by the plan's address, from the sizes of the files written."""
    return {plan.url: plan_downloads(plan, view, sizes) for plan in view.plans}
