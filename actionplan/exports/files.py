"""Every file that is not a page: data, feeds, calendars, the sitemap and badges, and a list of them per plan."""

from __future__ import annotations

import datetime
import pickle
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..addresses import Urls
from ..derive.views import PlanView, SiteView
from ..model import Report
from .badge import badge
from .calendars import plan_calendar
from .data import PlanLine, PlanRows, plan_data_files, plan_line, plans_files
from .feeds import SITE_FEED_ENTRIES, Entry, newest_date, plan_feed, site_feed
from .reports import report_csv
from .sitemap import sitemap_files
from .words import Words

KILOBYTE = 1024


@dataclass(frozen=True)
class FeedEntries:
    """Those of a plan's feed entries that the site's feed could show (its newest), kept pickled: the site's feed
    shows the newest of every plan's, so a rebuild unpickles only those of plans new enough to be among them."""

    newest: tuple[datetime.date, str] | None  # the newest entry's day and id
    pickled: bytes = b""

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> FeedEntries:
        kept = tuple(entries[:SITE_FEED_ENTRIES])  # ``plan_entries``'s, newest first
        newest = max(((entry.day, entry.id) for entry in kept), default=None)
        return cls(newest, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL) if kept else b"")

    def entries(self) -> tuple[Entry, ...]:
        return pickle.loads(self.pickled) if self.pickled else ()  # made by this build, or kept by its cache


@dataclass(frozen=True)
class PlanSummary:
    """What the site's own files need of a plan, made with the rest of its council's part (``parts.py``)."""

    url: str
    line: PlanLine  # its item and line of the site's plans files
    feed: FeedEntries  # those of its feed's entries that the site's feed could show
    newest: datetime.date | None  # the newest date the plan gives


def plan_summary(plan: PlanView, view: SiteView, entries: list[Entry]) -> PlanSummary:
    """Return what the site's files need of a plan (``entries`` is ``plan_entries``'s, newest first)."""
    return PlanSummary(plan.url, plan_line(plan, view), FeedEntries.of(entries), newest_date(plan))


def site_files(
    view: SiteView,
    words: Words,
    plans: Sequence[PlanSummary],
    entries: Iterable[Entry],
    councils: Iterable[bytes],
) -> Iterator[tuple[str, bytes]]:
    """Yield the files about every plan that are not made from their rows (``SiteRows``): the plans' data, the
    schemas, and for a site with a base_url (feeds and the sitemap name things by full address) the site's feed
    of the plans' newest ``entries`` and the sitemap, with each council's entries (``sitemap_entries``)."""
    urls = view.urls
    yield from plans_files(urls, [p.line for p in plans])
    if urls.is_absolute:
        updated = max((p.newest or view.as_of for p in plans), default=view.as_of)
        yield urls.feed, site_feed(view, words, entries, updated)
        yield from sitemap_files(urls, councils)


def plan_files(
    plan: PlanView, view: SiteView, words: Words, rows: PlanRows, entries: list[Entry]
) -> Iterator[tuple[str, bytes]]:
    """Yield the plan's own files: its data, its badge, its reports' tables and, for a site with a base_url,
    its feed (of ``entries``, ``plan_entries``'s) and calendar."""
    yield from plan_data_files(plan, rows)
    yield plan.badge_url, badge(plan, view, words)
    for report in plan.reports.reports:
        yield report.csv_url, report_csv(report, words)
    if view.urls.is_absolute:
        yield plan.feed_url, plan_feed(plan, view, words, entries)
        yield plan.calendar_url, plan_calendar(plan, view, words)


@dataclass(frozen=True)
class Download:
    """One file a reader can download from a plan's page, with what the link needs to say."""

    url: str
    scope: str  # "plan": the plan's own file; "site": a file about every plan
    kind: str  # what it holds, for the template's words: "plan-actions", "plan-updates", "all-actions", …
    format: str  # "CSV", "JSON", "iCalendar", "Atom"
    size: int | None  # bytes; None for a file about every plan, whose size is known only once the site is made
    size_text: str  # "12.3 KB"
    report: Report | None = None  # the report whose table it is, for kind "report"


def size_text(size: int) -> str:
    """Return a file size the way GOV.UK writes it next to a download: "812 bytes", "12.3 KB", "1.2 MB"."""
    if size < KILOBYTE:
        return f"{size} bytes"
    if size < KILOBYTE * KILOBYTE:
        return f"{size / KILOBYTE:.1f} KB"
    return f"{size / KILOBYTE / KILOBYTE:.1f} MB"


# Where a plan's page says the size of a file about every plan: a council's part is made before the site's files,
# so the page is drawn with this mark, which ``with_sizes`` replaces. Content can never hold a NUL character.
_SIZE_MARK = "\0size:{}\0"
_SIZE_MARKS = re.compile(b"\0size:([^\0]*)\0")


def with_sizes(page: bytes, sizes: Mapping[str, int]) -> bytes:
    """Return a plan's page with the sizes of the files about every plan written in."""
    return _SIZE_MARKS.sub(lambda found: size_text(sizes[found.group(1).decode()]).encode(), page)


def sizes_said(urls: Urls, sizes: Mapping[str, int]) -> str:
    """Return what ``with_sizes`` writes into the pages, as one text: two builds that say the same write the same."""
    return "\0".join(size_text(sizes[url]) for url, _, _ in _site_downloads(urls) if url in sizes)


def _site_downloads(urls: Urls) -> tuple[tuple[str, str, str], ...]:
    """The files about every plan that a plan's page offers: address, kind and format."""
    return (
        (urls.actions_csv, "all-actions", "CSV"),
        (urls.actions_json, "all-actions", "JSON"),
        (urls.updates_csv, "all-updates", "CSV"),
        (urls.plans_csv, "all-plans", "CSV"),
        (urls.plans_json, "all-plans", "JSON"),
    )


def plan_downloads(plan: PlanView, view: SiteView, sizes: Mapping[str, int]) -> tuple[Download, ...]:
    """Return the plan's own files, then the site's, each with its size: those this build writes (``sizes`` has
    the plan's own; the site's are marked for ``with_sizes``)."""
    urls = view.urls
    own = (
        (plan.actions_csv_url, "plan-actions", "CSV"),
        (plan.actions_json_url, "plan-actions", "JSON"),
        (plan.calendar_url, "plan-deadlines", "iCalendar"),
        (plan.feed_url, "plan-updates", "Atom"),
    )
    tables = tuple(
        Download(r.csv_url, "plan", "report", "CSV", sizes[r.csv_url], size_text(sizes[r.csv_url]), r.report)
        for r in plan.reports.reports
        if r.csv_url in sizes
    )
    return (
        *(
            Download(url, "plan", kind, form, sizes[url], size_text(sizes[url]))
            for url, kind, form in own
            if url in sizes
        ),
        *tables,
        *(Download(url, "site", kind, form, None, _SIZE_MARK.format(url)) for url, kind, form in _site_downloads(urls)),
    )
