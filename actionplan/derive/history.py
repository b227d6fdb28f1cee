"""A plan's progress over time and its newest updates, ready for the plan page.

A snapshot counts the actions in each status on a date on which the plan, an update
or a report records a status; each action's status on that date is decided by
model/progress.py, as everywhere else. The chart's geometry is worked out here, so
the template only places ready numbers: horizontal positions are percentages of
the chart's width (the bars stretch to any screen while the words keep their size),
vertical ones are pixels.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..model import Action, Plan, Report
from ..model.progress import ReportDate, reported_status
from ..model.statuses import CATEGORIES

if TYPE_CHECKING:
    from .views import Heading, RecommendationView, UpdateView

KEYS = (*CATEGORIES, "none")  # the order of the bars, the table's columns and the key
RECENT_UPDATES = 10
ROW = 56  # pixels per date: its label, then its bar
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 24
COUNT_BASELINE = 17  # below the bar's top
COUNT_MIN_WIDTH = 7.0  # percent of the chart: narrower parts of a bar leave their count to the table
AXIS_GAP = 8
TICK_LENGTH = 6
TICK_BASELINE = 24  # below the axis
AXIS_TITLE_BASELINE = 46
KEY_TOP = 64  # below the axis
KEY_ROW = 26
KEY_SWATCH = 18
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
MAX_TICKS = 5


class Cell(NamedTuple):
    """The number of actions in one status on one date.

    A tuple, so a template's loop names its parts at once (``{% for key, count, label in s.cells %}``), which
    costs less than looking each up by name: the history's table and chart draw a quarter of a million of them
    for a large site. Its ``count`` is the number of actions, not a tuple's ``count()``, which nothing asks for.
    """

    key: str  # a category, or "none"
    count: int  # type: ignore[assignment]
    label: str | None  # the plan's word for the status; None for "none", which the theme names


@dataclass(frozen=True)
class Snapshot:
    date: ReportDate
    cells: tuple[Cell, ...]  # one per column of the history's table
    total: int  # the actions in the plan on that date
    report: Report | None = None  # the report made on that date, if one was
    report_url: str | None = None  # its page

    def count(self, key: str) -> int:
        return sum(c.count for c in self.cells if c.key == key)


class Band(NamedTuple):
    """One status's part of one bar: a tuple, as a ``Cell`` is."""

    key: str
    count: int  # type: ignore[assignment]
    x: str  # percent
    width: str  # percent
    middle: str | None  # percent: where its count is written; None when the part is too narrow for it


class Bar(NamedTuple):
    """One date's label and bar: a tuple, as a ``Cell`` is."""

    date: ReportDate
    label_y: int
    bar_y: int
    count_y: int
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Tick:
    value: int
    x: str  # percent
    anchor: str  # how its number lines up with it: "start", "middle" or "end"


@dataclass(frozen=True)
class KeyEntry:
    key: str
    label: str | None  # None for "none", which the theme names
    y: int  # the swatch's top
    text_y: int


@dataclass(frozen=True)
class Chart:
    height: int
    bar_height: int
    swatch: int
    key_text_x: int
    bars: tuple[Bar, ...]
    axis_y: int
    tick_end_y: int
    tick_label_y: int
    axis_title_y: int
    ticks: tuple[Tick, ...]
    key: tuple[KeyEntry, ...]


@dataclass(frozen=True)
class History:
    """The counts at every dated report, oldest first; a chart only when there are two or more."""

    total: int  # the most actions the plan had on any of the dates: the length of the chart's axis
    columns: tuple[tuple[str, str | None], ...]  # key and the plan's word for it, for the statuses that occur
    snapshots: tuple[Snapshot, ...]
    chart: Chart | None
    undated: int = 0  # actions whose status the plan does not date: on the dates they count as no status given

    @property
    def first(self) -> Snapshot | None:
        return self.snapshots[0] if self.snapshots else None

    @property
    def last(self) -> Snapshot | None:
        return self.snapshots[-1] if self.snapshots else None


@dataclass(frozen=True)
class RecentUpdate:
    """An update, and the action it is about named in words."""

    url: str  # the update on its recommendation's page
    recommendation: Heading
    action_label: str | None  # without a closing full stop: "action 2:", not "action 2.:"
    action_words: str  # the first words of the action's text
    update: UpdateView


def status_dates(plan: Plan, actions: Iterable[Action], as_of: datetime.date) -> tuple[ReportDate, ...]:
    """Return the dates up to ``as_of`` on which the plan, a report or an update records a status, oldest first.

    A month (the plan's ``updated: 2024-02``) is counted at its end, when all of it is known.
    """
    dates: dict[datetime.date, ReportDate] = {}
    if plan.updated and (own := ReportDate.parse(plan.updated)).last <= as_of:
        dates[own.last] = own
    for report in plan.reports:
        if report.date <= as_of:
            dates.setdefault(report.date, ReportDate.parse(report.written))
    for action in actions:
        for u in action.updates:
            if u.status is not None and u.date <= as_of:
                dates.setdefault(u.date, ReportDate.of_update(u))
    return tuple(dates[day] for day in sorted(dates))


def _status_runs(action: Action, updated: str | None, days: Sequence[datetime.date]) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, category)``: the runs of ``days[start:end]`` over which the action's reported status
    keeps one category, while the action is in the plan.

    The status changes only on the days a status was reported, so it is worked out once for each run.
    """
    own = {ReportDate.parse(updated).last} if updated and action.status is not None else set()
    changes = {u.date for u in action.updates if u.status is not None} | own
    first = 0 if action.added is None else bisect.bisect_left(days, action.added)
    end = len(days) if action.withdrawn is None else bisect.bisect_left(days, action.withdrawn)
    if first >= end:
        return
    bounds = sorted({first, end, *(i for i in (bisect.bisect_left(days, c) for c in changes) if first < i < end)})
    for start, stop in itertools.pairwise(bounds):
        report = reported_status(action, updated, days[start])
        # A status the plan does not date is not placed on any date: nothing says it held then.
        yield start, stop, report.status.category if report and report.date else "none"


def history(
    plan: Plan, labels: dict[str, str], as_of: datetime.date, report_urls: Mapping[datetime.date, str]
) -> History:
    """Count the plan's actions by status at each date a status was recorded, each date counting the actions
    in the plan on it (added by then, not yet withdrawn); a date with a report links to its page."""
    actions = tuple(a for rec in plan.recommendations for top in rec.actions for a in top.walk() if not a.is_heading)
    dates = status_dates(plan, actions, as_of) if actions else ()
    days = [date.last for date in dates]
    steps = {key: [0] * (len(days) + 1) for key in KEYS}  # +1 where a run starts, -1 after it ends
    for action in actions:
        for start, stop, category in _status_runs(action, plan.updated, days):
            steps[category][start] += 1
            steps[category][stop] -= 1
    running = {key: list(itertools.accumulate(steps[key][:-1])) for key in KEYS}
    counts = [{key: running[key][i] for key in KEYS} for i in range(len(days))]
    keys = tuple(k for k in KEYS if any(row[k] for row in counts))
    made = {r.written: r for r in plan.reports}  # a month's report goes with that month, a day's with that day
    snapshots = []
    for date, row in zip(dates, counts, strict=True):
        on_day = made.get(date.text)
        url = report_urls.get(on_day.date) if on_day else None
        cells = tuple(Cell(k, row[k], labels.get(k)) for k in keys)
        snapshots.append(Snapshot(date, cells, sum(row.values()), on_day, url))
    total = max((s.total for s in snapshots), default=0)
    chart = _chart(tuple(snapshots), keys, labels, total) if len(snapshots) > 1 and total else None
    now = (reported_status(a, plan.updated, as_of) for a in actions if a.in_plan_on(as_of)) if snapshots else ()
    undated = sum(1 for report in now if report is not None and report.date is None)
    return History(total, tuple((k, labels.get(k)) for k in keys), tuple(snapshots), chart, undated)


def _percent(value: float) -> str:
    return f"{value:.2f}"


def _bands(snapshot: Snapshot, total: int) -> tuple[Band, ...]:
    bands = []
    offset = 0.0
    for cell in snapshot.cells:
        if not cell.count:
            continue
        width = cell.count * 100 / total
        middle = _percent(offset + width / 2) if width >= COUNT_MIN_WIDTH else None
        bands.append(Band(cell.key, cell.count, _percent(offset), _percent(width), middle))
        offset += width
    return tuple(bands)


def _ticks(total: int) -> tuple[Tick, ...]:
    """Return round numbers along the axis, from 0 to at most ``total``, at most MAX_TICKS + 1 of them."""
    step = next((s for s in NICE_STEPS if total / s <= MAX_TICKS), -(-total // MAX_TICKS))
    ticks = []
    for value in range(0, total + 1, step):
        x = value * 100 / total
        ticks.append(Tick(value, _percent(x), "start" if value == 0 else "end" if value == total else "middle"))
    return tuple(ticks)


def _chart(snapshots: tuple[Snapshot, ...], keys: tuple[str, ...], labels: dict[str, str], total: int) -> Chart:
    bars = tuple(
        Bar(s.date, i * ROW + LABEL_BASELINE, i * ROW + BAR_TOP, i * ROW + BAR_TOP + COUNT_BASELINE, _bands(s, total))
        for i, s in enumerate(snapshots)
    )
    axis_y = len(snapshots) * ROW + AXIS_GAP
    key_top = axis_y + KEY_TOP
    key = tuple(
        KeyEntry(k, labels.get(k), key_top + i * KEY_ROW, key_top + i * KEY_ROW + KEY_SWATCH - 4)
        for i, k in enumerate(keys)
    )
    return Chart(
        height=key_top + len(keys) * KEY_ROW,
        bar_height=BAR_HEIGHT,
        swatch=KEY_SWATCH,
        key_text_x=KEY_SWATCH + 8,
        bars=bars,
        axis_y=axis_y,
        tick_end_y=axis_y + TICK_LENGTH,
        tick_label_y=axis_y + TICK_BASELINE,
        axis_title_y=axis_y + AXIS_TITLE_BASELINE,
        ticks=_ticks(total),
        key=key,
    )


def recent_updates(
    recommendations: Iterable[RecommendationView], as_of: datetime.date, limit: int = RECENT_UPDATES
) -> tuple[tuple[RecentUpdate, ...], int]:
    """Return the newest ``limit`` updates up to ``as_of`` (on one date, in the plan's order) and how many there are."""
    found = [(u, a, rec) for rec in recommendations for a in rec.all_actions() for u in a.updates if u.date <= as_of]
    newest = sorted(found, key=lambda r: r[0].date, reverse=True)  # sorted() keeps the plan's order within a date
    shown = tuple(
        RecentUpdate(u.url, rec.heading, (a.action.label or "").rstrip(".") or None, a.words, u)
        for u, a, rec in newest[:limit]  # worded only when shown
    )
    return shown, len(found)
