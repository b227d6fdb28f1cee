"""Every file that is not a page: data, feeds, calendars, the sitemap and badges, and a list of them per plan."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import jinja2

from ..derive.views import PlanView, SiteView
from .badge import badge_files
from .calendars import calendar_files
from .data import data_files
from .feeds import feed_files
from .reports import report_files
from .sitemap import sitemap_files
from .words import Words

KILOBYTE = 1024


def export_files(view: SiteView, env: jinja2.Environment) -> Iterator[tuple[str, bytes]]:
    """Yield the files that are not pages, each with its output path, one at a time.

    Feeds, calendars and the sitemap name things by full address, which only a site
    with a base_url has: without one they are left out (and ``check`` says so).
    """
    words = Words(env)
    yield from data_files(view)
    yield from badge_files(view, words)
    yield from report_files(view, words)
    if view.urls.is_absolute:
        yield from feed_files(view, words)
        yield from calendar_files(view, words)
        yield from sitemap_files(view)


@dataclass(frozen=True)
class Download:
    """One file a reader can download from a plan's page, with what the link needs to say."""

    url: str
    scope: str  # "plan": the plan's own file; "site": a file about every plan
    kind: str  # what it holds, for the template's words: "plan-actions", "plan-updates", "all-actions", …
    format: str  # "CSV", "JSON", "iCalendar", "Atom"
    size: int  # bytes
    size_text: str  # "12.3 KB"


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
    return tuple(
        Download(url, scope, kind, form, sizes[url], size_text(sizes[url]))
        for scope, url, kind, form in wanted
        if url in sizes
    )


def downloads(view: SiteView, sizes: Mapping[str, int]) -> dict[str, tuple[Download, ...]]:
    """Return each plan's downloads, keyed by the plan's address, from the sizes of the files written."""
    return {plan.url: plan_downloads(plan, view, sizes) for plan in view.plans}
