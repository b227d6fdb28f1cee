"""Derive a plan's report pages, and what its own page says about its reports.

A report's page shows the plan as it stood on the report's day, and what changed
since the report before. It is derived from a copy of the plan cut down to that
day (``plan_on``): only the actions that were in the plan then and only the updates
dated by then, so that nothing added later — updates, reports, a later build —
can change an old report's page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..addresses import Urls
from ..model import Action, Council, Plan, Recommendation, Report
from ..model.statuses import Status
from .changes import ActionState, Changes, Snapshot, compare, snapshot
from .markdown import render_block

if TYPE_CHECKING:
    from .views import ActionView, Heading, PlanView, RecommendationView

    DerivePlan = Callable[[Plan, Council, Urls, datetime.date], PlanView]


@dataclass(frozen=True)
class NamedAction:
    """An action named in a list of changes: its recommendation, its label, and its first words."""

    url: str
    id: str
    recommendation: Heading
    label: str | None
    words: str


@dataclass(frozen=True)
class StatusName:
    key: str  # a category, or "none"
    label: str | None  # None: no status had been reported


@dataclass(frozen=True)
class StatusChangeView:
    action: NamedAction
    before: StatusName
    after: StatusName


@dataclass(frozen=True)
class UpdateAddedView:
    action: NamedAction
    date: str  # as written: 2025-02-28, or 2019-05 for a month
    status: StatusName | None  # None: the update records no status


@dataclass(frozen=True)
class Removal:
    action: NamedAction
    day: datetime.date | None  # when it was withdrawn; None when it left the file
    reason: Markup


@dataclass(frozen=True)
class ChangesView:
    """What changed between two days, ready to show: each list in the plan's order."""

    since: datetime.date
    until: datetime.date
    status_changes: tuple[StatusChangeView, ...]
    completed: tuple[NamedAction, ...]
    deadlines_passed: tuple[NamedAction, ...]
    updates_added: tuple[UpdateAddedView, ...]
    actions_added: tuple[NamedAction, ...]
    actions_removed: tuple[Removal, ...]
    is_empty: bool


@dataclass(frozen=True)
class ReportLink:
    url: str
    report: Report


@dataclass(frozen=True)
class ReportRow:
    """One line of the committee appendix: an action as it stood on the report's day."""

    rec: RecommendationView
    action: ActionView
    note: Markup  # the latest update's note by the day
    note_date: str | None  # its date as written: 2025-02-28, or 2019-05 for a month


@dataclass(frozen=True)
class ReportView:
    report: Report
    url: str
    csv_url: str
    print_css_url: str
    plan_url: str
    plan: PlanView  # the plan as it stood on the report's day
    previous: ReportLink | None
    changes: ChangesView | None  # None for the first report: there is none before it
    rows: tuple[ReportRow, ...]


@dataclass(frozen=True)
class PlanReports:
    """What a plan's own page says about its reports."""

    reports: tuple[ReportView, ...]  # oldest first
    latest: ReportLink | None  # the newest on or before the as-of date
    since_latest: ChangesView | None  # from the latest report to the as-of date


def members_on(plan: Plan, day: datetime.date) -> Plan:
    """Return ``plan`` with only the actions that were part of it on ``day`` (see Action.in_plan_on)."""

    def kept(actions: tuple[Action, ...]) -> tuple[Action, ...]:
        return tuple(replace(a, actions=kept(a.actions)) for a in actions if a.in_plan_on(day))

    if all(a.added is None and a.withdrawn is None for r in plan.recommendations for t in r.actions for a in t.walk()):
        return plan
    return replace(plan, recommendations=tuple(replace(r, actions=kept(r.actions)) for r in plan.recommendations))


def withdrawn_on(rec: Recommendation, day: datetime.date) -> tuple[Action, ...]:
    """Return the recommendation's actions withdrawn by ``day`` (the outermost: their sub-actions go with them)."""

    def found(actions: tuple[Action, ...]) -> list[Action]:
        gone = []
        for a in actions:
            gone += [a] if a.withdrawn is not None and a.withdrawn <= day else found(a.actions)
        return gone

    return tuple(found(rec.actions))


def plan_on(plan: Plan, day: datetime.date) -> Plan:
    """Return ``plan`` as it stood on ``day``: its actions then, the updates dated by then, and no reports."""

    def known(actions: tuple[Action, ...]) -> tuple[Action, ...]:
        return tuple(
            replace(a, updates=tuple(u for u in a.updates if u.date <= day), actions=known(a.actions)) for a in actions
        )

    members = members_on(plan, day)
    recs = tuple(replace(r, actions=known(r.actions)) for r in members.recommendations)
    return replace(members, recommendations=recs, reports=())


def _snapshot(plan: Plan, day: datetime.date) -> Snapshot:
    """Return the plan on ``day`` from what is dated by then only: an old report never changes."""
    return snapshot(plan_on(plan, day), day)


@dataclass(frozen=True)
class _Names:
    """How to name and link an action of one plan."""

    urls: Urls
    council: str
    plan: str
    headings: Mapping[str, Heading]  # of the plan's recommendations, by id

    def __call__(self, state: ActionState) -> NamedAction:
        address = self.urls.action(self.urls.recommendation(self.council, self.plan, state.recommendation), state.id)
        heading = self.headings[state.recommendation]
        return NamedAction(address, state.id, heading, state.action.label, state.words)


def _status(status: Status | None) -> StatusName:
    return StatusName(status.category, status.label) if status else StatusName("none", None)


def changes_view(changes: Changes, name: Callable[[ActionState], NamedAction]) -> ChangesView:
    """Return the changes with each action named and linked, ready for a page."""
    return ChangesView(
        since=changes.since,
        until=changes.until,
        status_changes=tuple(
            StatusChangeView(name(c.action), _status(c.before), _status(c.after)) for c in changes.status_changes
        ),
        completed=tuple(name(a) for a in changes.completed),
        deadlines_passed=tuple(name(a) for a in changes.deadlines_passed),
        updates_added=tuple(
            UpdateAddedView(name(u.action), u.update.written, _status(u.update.status) if u.update.status else None)
            for u in changes.updates_added
        ),
        actions_added=tuple(name(a) for a in changes.actions_added),
        actions_removed=tuple(
            Removal(name(a), a.action.withdrawn, render_block(a.action.withdrawn_reason))
            for a in changes.actions_removed
        ),
        is_empty=changes.is_empty,
    )


def _rows(view: PlanView) -> tuple[ReportRow, ...]:
    rows = []
    for rec in view.recommendations:
        for a in rec.all_actions():
            latest = a.updates[-1] if a.updates else None
            rows.append(ReportRow(rec, a, latest.note if latest else Markup(""), latest.written if latest else None))
    return tuple(rows)


def plan_reports(
    plan: Plan,
    council: Council,
    urls: Urls,
    as_of: datetime.date,
    headings: Mapping[str, Heading],
    derive: DerivePlan,
) -> PlanReports:
    """Return the plan's report pages and what its own page says about them.

    ``headings`` name the plan's recommendations; ``derive`` is views.derive_plan, passed in so
    that this module and views do not import each other.
    """
    c, p = council.slug, plan.slug
    names = _Names(urls, c, p, headings)
    reports: list[ReportView] = []
    previous: ReportView | None = None
    for report in plan.reports:
        day = report.date
        changes = None
        if previous is not None:
            changes = changes_view(compare(_snapshot(plan, previous.report.date), _snapshot(plan, day)), names)
        view = derive(plan_on(plan, day), council, urls, day)
        reports.append(
            ReportView(
                report=report,
                url=urls.report(c, p, report.written),
                csv_url=urls.report_csv(c, p, report.written),
                print_css_url=urls.report_print_css(c, p, report.written),
                plan_url=urls.plan(c, p),
                plan=view,
                previous=ReportLink(previous.url, previous.report) if previous else None,
                changes=changes,
                rows=_rows(view),
            )
        )
        previous = reports[-1]
    latest = next((r for r in reversed(reports) if r.report.date <= as_of), None)
    if latest is None:
        return PlanReports(tuple(reports), None, None)
    since = compare(_snapshot(plan, latest.report.date), _snapshot(plan, as_of))
    return PlanReports(tuple(reports), ReportLink(latest.url, latest.report), changes_view(since, names))
