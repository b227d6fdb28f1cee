"""Derive what the pages and exports show: statuses, deadlines, counts and links.

Everything a template prints arrives here ready — counts, keys, dates, flags,
percentages, URLs — so templates only display and every output format agrees on
the numbers. The sentences around them are the theme's: nothing here is English.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from markupsafe import Markup

from ..addresses import Urls
from ..model import Action, Council, Plan, Recommendation, Site, Source
from ..model.dates import months_between
from ..model.progress import Progress, ReportDate, Timeliness, last_reported, progress_on
from ..model.statuses import CATEGORIES, DEFAULT_LABELS, STARTED
from ..model.timetable import Review, Step, timetable
from .history import History, RecentUpdate, history, recent_updates
from .markdown import first_words, plain_words, render_block, render_inline
from .reports import PlanReports, members_on, plan_reports, withdrawn_on

STALE_MONTHS = 6
SHORT_TEXT = 160


def end_of_period(text: str) -> datetime.date:
    """Return the last day that YYYY-MM or YYYY-MM-DD covers."""
    if len(text) == 7:
        year, month = int(text[:4]), int(text[5:])
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    return datetime.date.fromisoformat(text)


@dataclass(frozen=True)
class Segment:
    """One status's share of a set of actions, ready to draw and to read out."""

    key: str  # a category, or "none"
    label: str | None  # the plan's word for the status; None for "none", which the theme names
    count: int
    x: str  # percent offset in the stacked bar
    width: str  # percent width in the stacked bar


@dataclass(frozen=True)
class Breakdown:
    total: int
    segments: tuple[Segment, ...]
    overdue: int  # reported not complete on or after a passed deadline
    no_report_since: int  # deadline passed with no report since: not overdue, as far as the sources say
    due_soon: int
    with_deadline: int  # actions whose deadline the build could read
    timeliness: tuple[Segment, ...]  # overdue and no-report-since, for the second bar
    reported_first: ReportDate | None  # the oldest date a shown status was reported
    reported_last: ReportDate | None  # the newest
    undated: int  # statuses whose date the plan does not give

    def by_status(self) -> dict[str, int]:
        return {s.key: s.count for s in self.segments}

    def _count(self, keys: Iterable[str]) -> int:
        return sum(s.count for s in self.segments if s.key in keys)

    @property
    def complete(self) -> int:
        return self._count(("complete",))

    @property
    def in_progress(self) -> int:
        """Started and not complete, whatever the schedule: in progress, on track, at risk, off track."""
        return self._count(STARTED)

    @property
    def not_started(self) -> int:
        return self._count(("not-started",))

    @property
    def no_status(self) -> int:
        return self._count(("none",))

    @property
    def has_deadlines(self) -> bool:
        return self.with_deadline > 0

    @property
    def reported_once(self) -> bool:
        """Whether every dated status was reported on the same date (a month or a day)."""
        return self.reported_first is not None and self.reported_first == self.reported_last

    @property
    def shown(self) -> tuple[Segment, ...]:
        """Return the statuses some action has, for the sentence that reads the bar out."""
        return tuple(s for s in self.segments if s.count)


@dataclass(frozen=True)
class ActionView:
    action: Action
    recommendation_id: str
    anchor: str
    url: str
    text: Markup
    short_text: str  # plain text for the all-actions table
    status_key: str  # a category, or "none"
    status_label: str | None  # None when the plan gives no status
    due_date: datetime.date | None
    understood_deadline: datetime.date | None  # shown beside words that were not an exact date
    is_ongoing: bool  # the work goes on after the deadline
    progress: Progress  # the reported status and timeliness on the as-of date
    status_wording: str | None  # the council's own words for the shown status, when they say more
    status_date: ReportDate | None  # when the shown status was reported; None when the plan does not say
    shared_with: tuple[ActionLink, ...]  # other actions the same status statement covers
    notes: Markup
    progress_note: Markup
    updates: tuple[UpdateView, ...]
    children: tuple[ActionView, ...]
    withdrawn_reason: Markup = Markup("")

    def walk(self) -> tuple[ActionView, ...]:
        return (self, *(a for child in self.children for a in child.walk()))

    @property
    def timeliness(self) -> str:
        """One of model.progress.Timeliness: "overdue", "no-report-since", "completed-late", …"""
        return self.progress.timeliness.value

    @property
    def is_overdue(self) -> bool:
        return self.progress.is_overdue

    @property
    def words(self) -> str:
        """The first words of its text: enough to name an action the source does not number."""
        return first_words(self.action.text)


@dataclass(frozen=True)
class ActionLink:
    url: str
    id: str
    label: str | None  # the numbering printed in the source
    words: str  # the first words of its text, for an action the source does not number


@dataclass(frozen=True)
class UpdateView:
    id: str
    anchor: str  # the id of its element on the recommendation's page
    url: str
    date: datetime.date  # the day it stands for, for ordering: for a month, its last day
    written: str  # the date shown, as written: 2025-02-28, or 2019-05 for a month
    status_label: str
    status_key: str
    note: Markup
    source: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True)
class Heading:
    """How a recommendation is named: the source's own words for it, its number, or its first words."""

    printed: str | None  # "Recommendation one", as the source printed it
    number: str | None  # "1": the theme says "Recommendation 1"
    words: str | None  # the start of its title, when the source numbers nothing


@dataclass(frozen=True)
class RecommendationLink:
    url: str
    heading: Heading


@dataclass(frozen=True)
class RecommendationView:
    rec: Recommendation
    url: str
    heading: Heading
    title: Markup
    detail: Markup
    position: Markup
    notes: Markup
    group_title: str | None
    breakdown: Breakdown
    actions: tuple[ActionView, ...]
    covered_by: RecommendationLink | None
    covers: tuple[RecommendationLink, ...]
    previous: RecommendationLink | None
    next: RecommendationLink | None
    withdrawn: tuple[ActionView, ...] = ()  # actions that have left the plan: shown, never counted

    def all_actions(self) -> tuple[ActionView, ...]:
        """Return every action and sub-action; a heading over actions is not one."""
        return tuple(a for top in self.actions for a in top.walk() if not a.action.is_heading)

    @property
    def words(self) -> str:
        """The first words of its title, to name it beside its number; "" when its heading is already those words."""
        return "" if self.heading.words else first_words(self.rec.title)


@dataclass(frozen=True)
class Headline:
    group_title: str | None
    actions: int
    recommendations: int


@dataclass(frozen=True)
class Staleness:
    """Why the plan's progress may be out of date: it names no date, or that date is months old."""

    last_reported: str | None  # YYYY-MM or YYYY-MM-DD, as the plan gives it; None when it gives none
    months: int  # since then, on the as-of date
    undated: int = 0  # statuses the plan gives no date for: they may be newer than ``last_reported``

    @property
    def is_month(self) -> bool:
        """Whether the plan gives a month (progress "in March 2023") rather than a day ("on 5 March 2023")."""
        return self.last_reported is not None and len(self.last_reported) == len("2023-03")


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    council: Council
    url: str
    feed_url: str
    embed_url: str
    calendar_url: str
    badge_url: str
    actions_csv_url: str
    actions_json_url: str
    summary: Markup
    notes: Markup
    last_reported: ReportDate | None  # when the plan last reported progress, on or before the as-of date
    stale: Staleness | None
    headlines: tuple[Headline, ...]
    breakdown: Breakdown
    group_breakdowns: tuple[tuple[str, str, int, Breakdown], ...]  # id, title, recommendations, breakdown
    recommendations: tuple[RecommendationView, ...]
    sections: tuple[tuple[str | None, tuple[RecommendationView, ...]], ...]  # recommendations by group, in order
    leads: tuple[str, ...]
    history: History  # the counts by status at each date a status was recorded
    recent_updates: tuple[RecentUpdate, ...]  # the newest, up to the as-of date
    updates_total: int  # every update up to the as-of date
    timetable: tuple[Step, ...]  # the LGA's timetable after the visit; empty without a review_date
    reports: PlanReports = PlanReports((), None, None)  # its report pages, and what changed since the latest

    def all_actions(self) -> tuple[ActionView, ...]:
        return tuple(a for rec in self.recommendations for a in rec.all_actions())


@dataclass(frozen=True)
class CouncilView:
    council: Council
    url: str
    plans: tuple[PlanView, ...]


@dataclass(frozen=True)
class SiteView:
    site: Site
    urls: Urls
    logo_url: str | None
    as_of: datetime.date
    councils: tuple[CouncilView, ...]

    @property
    def plans(self) -> tuple[PlanView, ...]:
        return tuple(p for c in self.councils for p in c.plans)


def breakdown(actions: Iterable[ActionView], labels: dict[str, str]) -> Breakdown:
    """Count actions by status category and by timeliness, with the bars' geometry."""
    counts = dict.fromkeys((*CATEGORIES, "none"), 0)
    timeliness = dict.fromkeys(Timeliness, 0)
    dates = []
    with_deadline = undated = 0
    for a in actions:  # one pass: a plan's breakdowns count its 26,000 actions at N = 300 three times over
        counts[a.status_key] += 1
        timeliness[a.progress.timeliness] += 1
        with_deadline += a.progress.deadline is not None
        if a.status_date is not None:
            dates.append(a.status_date)
        elif a.status_key != "none":
            undated += 1
    total = sum(counts.values())
    return Breakdown(
        total=total,
        segments=_segments(counts, labels, total),
        overdue=timeliness[Timeliness.OVERDUE],
        no_report_since=timeliness[Timeliness.NO_REPORT_SINCE],
        due_soon=timeliness[Timeliness.DUE_SOON],
        with_deadline=with_deadline,
        timeliness=_segments(
            {t.value: timeliness[t] for t in (Timeliness.OVERDUE, Timeliness.NO_REPORT_SINCE)}, {}, total
        ),
        reported_first=min(dates, key=lambda d: d.first, default=None),
        reported_last=max(dates, key=lambda d: d.last, default=None),
        undated=undated,
    )


def _segments(counts: dict[str, int], labels: dict[str, str], total: int) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    offset = 0.0
    for key, count in counts.items():
        width = count * 100 / total if total else 0
        segments.append(Segment(key, labels.get(key), count, f"{offset:.2f}", f"{width:.2f}"))
        offset += width
    return tuple(segments)


def _understood_deadline(action: Action) -> datetime.date | None:
    """Return the deadline the council's words were taken as, unless they were already an exact date."""
    deadline = action.deadline
    if deadline.date is None or action.due == deadline.date.isoformat():
        return None
    return deadline.date


def _short_text(markdown: str) -> str:
    """Return the action's words as plain text, cut at a word near 160 characters for the table."""
    words = plain_words(markdown)
    if len(words) <= SHORT_TEXT:
        return words
    return words[:SHORT_TEXT].rsplit(" ", 1)[0] + "…"


def _action_view(action: Action, plan: Plan, urls: Urls, rec_url: str, rec_id: str, as_of: datetime.date) -> ActionView:
    progress = progress_on(action, plan.updated, as_of)
    report = progress.report
    status = report.status if report else None
    return ActionView(
        action=action,
        recommendation_id=rec_id,
        anchor=urls.action_anchor(action.id),
        url=urls.action(rec_url, action.id),
        text=render_block(action.text),
        short_text=_short_text(action.text),
        status_key=status.category if status else "none",
        status_label=status.label if status else None,
        due_date=action.deadline.date,
        understood_deadline=_understood_deadline(action),
        is_ongoing=action.deadline.is_ongoing,
        progress=progress,
        status_wording=report.wording if report else None,
        status_date=report.date if report else None,
        shared_with=tuple(ActionLink(urls.action(rec_url, i), i, None, "") for i in action.status_shared_with),
        notes=render_block(action.notes),
        progress_note=render_block(action.progress_note),
        updates=tuple(
            UpdateView(
                u.id,
                urls.update_anchor(action.id, u.id),
                urls.update(rec_url, action.id, u.id),
                u.date,
                u.written,
                u.status.label if u.status else "",
                u.status.category if u.status else "none",
                render_block(u.note),
                u.source,
                u.sources,
            )
            for u in action.updates
        ),
        children=tuple(_action_view(a, plan, urls, rec_url, rec_id, as_of) for a in action.actions),
        withdrawn_reason=render_block(action.withdrawn_reason),
    )


def _labels(plan: Plan) -> dict[str, str]:
    labels = dict(DEFAULT_LABELS)
    labels.update({s.key: s.label for s in plan.statuses if s.key in CATEGORIES})
    return labels


def rec_heading(rec: Recommendation) -> Heading:
    """Name a recommendation by the source's numbering; never invent a number it did not print."""
    if rec.label:
        label = rec.label.rstrip(".")
        return Heading(label, None, None) if label.lower().startswith("rec") else Heading(None, label, None)
    if rec.id.isdigit():
        return Heading(None, rec.id, None)
    return Heading(None, None, first_words(rec.title))


def derive_plan(plan: Plan, council: Council, urls: Urls, as_of: datetime.date) -> PlanView:
    """Return everything the plan's pages and exports show: the actions in the plan on ``as_of``."""
    everything, plan = plan, members_on(plan, as_of)
    labels = _labels(plan)
    groups = {g.id: g for g in plan.groups}
    recs = plan.recommendations
    links = {r.id: RecommendationLink(urls.recommendation(council.slug, plan.slug, r.id), rec_heading(r)) for r in recs}
    views = []
    gone = {r.id: withdrawn_on(r, as_of) for r in everything.recommendations}
    for i, rec in enumerate(recs):
        rec_url = links[rec.id].url
        actions = _link_shared(tuple(_action_view(a, plan, urls, rec_url, rec.id, as_of) for a in rec.actions))
        views.append(
            RecommendationView(
                rec=rec,
                url=rec_url,
                heading=links[rec.id].heading,
                title=render_inline(rec.title),
                detail=render_block(rec.detail),
                position=render_block(rec.position),
                notes=render_block(rec.notes),
                group_title=groups[rec.group].title if rec.group else None,
                breakdown=breakdown((a for top in actions for a in top.walk() if not a.action.is_heading), labels),
                actions=actions,
                covered_by=links[rec.covered_by] if rec.covered_by else None,
                covers=tuple(links[r.id] for r in recs if r.covered_by == rec.id),
                previous=links[recs[i - 1].id] if i > 0 else None,
                next=links[recs[i + 1].id] if i + 1 < len(recs) else None,
                withdrawn=tuple(_action_view(a, plan, urls, rec_url, rec.id, _last_day(a)) for a in gone[rec.id]),
            )
        )
    all_actions = tuple(a for v in views for a in v.all_actions())
    group_rows = []
    for group in plan.groups:
        members = [v for v in views if v.rec.group == group.id]
        group_rows.append(
            (group.id, group.title, len(members), breakdown((a for v in members for a in v.all_actions()), labels))
        )
    recent, updates_total = recent_updates(views, as_of)
    reported = last_reported(plan, as_of)
    plan_breakdown = breakdown(all_actions, labels)
    headlines = tuple(Headline(title, b.total, n) for _, title, n, b in group_rows) or (
        Headline(None, len(all_actions), len(recs)),
    )
    return PlanView(
        plan=plan,
        council=council,
        url=urls.plan(council.slug, plan.slug),
        feed_url=urls.plan_feed(council.slug, plan.slug),
        embed_url=urls.embed(council.slug, plan.slug),
        calendar_url=urls.plan_calendar(council.slug, plan.slug),
        badge_url=urls.plan_badge(council.slug, plan.slug),
        actions_csv_url=urls.plan_actions_csv(council.slug, plan.slug),
        actions_json_url=urls.plan_actions_json(council.slug, plan.slug),
        summary=render_block(plan.summary),
        notes=render_block(plan.notes),
        last_reported=reported,
        stale=_staleness(reported, as_of, plan_breakdown.undated),
        headlines=headlines,
        breakdown=plan_breakdown,
        group_breakdowns=tuple(group_rows),
        recommendations=tuple(views),
        sections=_sections(views),
        leads=tuple(sorted({a.action.lead for a in all_actions if a.action.lead}, key=str.casefold)),
        history=history(
            everything, labels, as_of, {r.date: urls.report(council.slug, plan.slug, r.written) for r in plan.reports}
        ),
        recent_updates=recent,
        updates_total=updates_total,
        timetable=timetable(plan.review_date, plan.published, _reviews(plan), as_of),
        reports=plan_reports(
            everything, council, urls, as_of, {i: link.heading for i, link in links.items()}, derive_plan
        ),
    )


def _last_day(action: Action) -> datetime.date:
    """Return the last day a withdrawn action was in the plan: it is shown as it stood then."""
    assert action.withdrawn is not None
    return action.withdrawn - datetime.timedelta(days=1)


def _reviews(plan: Plan) -> tuple[Review, ...]:
    return tuple(Review(r.date, r.url is not None) for r in plan.reports if r.kind == "progress-review")


def _link_shared(actions: tuple[ActionView, ...]) -> tuple[ActionView, ...]:
    """Name each action that shares a status statement by its label or first words (validation keeps them
    within one recommendation)."""
    named = {a.action.id: a for top in actions for a in top.walk()}

    def fix(view: ActionView) -> ActionView:
        if not view.shared_with and not view.children:
            return view  # most actions: nothing to name
        links = tuple(
            replace(link, label=named[link.id].action.label, words=first_words(named[link.id].action.text))
            for link in view.shared_with
            if link.id in named
        )
        return replace(view, shared_with=links, children=tuple(fix(c) for c in view.children))

    return tuple(fix(a) for a in actions)


def _sections(views: list[RecommendationView]) -> tuple[tuple[str | None, tuple[RecommendationView, ...]], ...]:
    """Group consecutive recommendations by group, keeping the plan's order."""
    sections: list[tuple[str | None, list[RecommendationView]]] = []
    for view in views:
        if not sections or sections[-1][0] != view.group_title:
            sections.append((view.group_title, []))
        sections[-1][1].append(view)
    return tuple((title, tuple(members)) for title, members in sections)


def _staleness(reported: ReportDate | None, as_of: datetime.date, undated: int) -> Staleness | None:
    """Return why the plan's progress may be out of date on ``as_of``, or None when it is recent.

    It is judged from when progress was last reported (the plan's ``updated`` or its newest update),
    the date the headline gives, so the page never names two different "last updated" dates. When some
    statuses are undated, that date is only the newest *dated* report, and the page must say so.
    """
    if reported is None:
        return Staleness(None, 0, undated)
    months = months_between(reported.last, as_of)
    return Staleness(reported.text, months, undated) if months >= STALE_MONTHS else None


def _plan_order(view: PlanView) -> tuple[str, str]:
    plan = view.plan
    newest = plan.review_date or (plan.published.isoformat() if plan.published else "")
    return (newest, plan.slug)


def derive_council(council: Council, urls: Urls, as_of: datetime.date) -> CouncilView:
    """Return the view of one council: it needs nothing from the others, so each can be derived apart."""
    plans = sorted((derive_plan(p, council, urls, as_of) for p in council.plans), key=_plan_order, reverse=True)
    return CouncilView(council=council, url=urls.council(council.slug), plans=tuple(plans))


def council_order(view: CouncilView) -> str:
    """Councils are listed by name, as a reader looks for theirs."""
    return view.council.name.casefold()


def summary(view: CouncilView) -> CouncilView:
    """Return the council as the site's home page shows it: each plan's numbers, headlines and dates, without its
    recommendations, actions, history or reports, which only the council's own pages show (and which a rebuild
    would otherwise read back for every council)."""
    council = replace(view.council, plans=())
    plans = tuple(
        replace(
            plan,
            plan=replace(plan.plan, recommendations=()),
            council=council,
            recommendations=(),
            sections=(),
            history=History(0, (), (), None),
            recent_updates=(),
            reports=PlanReports((), None, None),
        )
        for plan in view.plans
    )
    return replace(view, council=council, plans=plans)


def site_view(site: Site, as_of: datetime.date, councils: Iterable[CouncilView]) -> SiteView:
    """Return the view of the site with these councils, listed by name."""
    urls = Urls.for_site(site.base_url)
    return SiteView(
        site=site,
        urls=urls,
        logo_url=urls.logo(site.logo.suffix) if site.logo else None,
        as_of=as_of,
        councils=tuple(sorted(councils, key=council_order)),
    )


def derive_site(site: Site, as_of: datetime.date) -> SiteView:
    """Return the view of the whole site, plans newest first within each council."""
    urls = Urls.for_site(site.base_url)
    return site_view(site, as_of, (derive_council(c, urls, as_of) for c in site.councils))
