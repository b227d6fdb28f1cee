"""The LGA's timetable after a Corporate Peer Challenge, and where a plan stands against it on a day.

The LGA asks a council to publish its action plan within three months of the peer
team's visit (five at the latest), and returns for a progress review about ten
months after the visit, whose report is published within twelve months. This is
the one place that says so; the plan page only shows the steps it returns.

A visit given as a month (``review_date: 2025-03``) makes every step a month too:
"within three months" of some day in March is read as "by the end of June", and a
step counts as on time when it was done in or before that month. Nothing here reads
today's date: the state of each step is worked out for the day asked about.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum

from .progress import ReportDate

PUBLISH_MONTHS = 3  # the action plan, as the LGA asks
PUBLISH_LATEST_MONTHS = 5  # the latest the LGA allows
REVIEW_MONTHS = 10  # the progress review visit, "about" ten months after the peer challenge
REVIEW_REPORT_MONTHS = 12  # the progress review's report


class StepKind(StrEnum):
    PLAN_PUBLISHED = "plan-published"
    PROGRESS_REVIEW = "progress-review"
    REVIEW_REPORT = "review-report"


class StepState(StrEnum):
    """Where one step stands on a day."""

    DONE = "done"  # the plan records it, by the usual time
    DONE_LATE = "done-late"  # the plan records it after the usual time
    DONE_UNDATED = "done-undated"  # the plan records it without a date we can compare
    NOT_DATED = "not-dated"  # it happened (the plan exists) but the plan does not say when
    UPCOMING = "upcoming"  # not recorded, and the usual time has not passed
    LATE = "late"  # not recorded, the usual time has passed, the latest has not
    MISSED = "missed"  # not recorded by the latest time


@dataclass(frozen=True)
class Step:
    kind: StepKind
    due: ReportDate  # the usual time: a day, or a month when the visit is given as a month
    latest: ReportDate  # the latest time; the same as ``due`` when the LGA gives no other
    done_on: datetime.date | None  # when the plan says it was done
    state: StepState

    @property
    def has_latest(self) -> bool:
        """Whether the LGA allows longer than the usual time for this step."""
        return self.latest != self.due


@dataclass(frozen=True)
class Review:
    """A progress review the plan records (a report of kind progress-review): when, and whether its report is linked."""

    date: datetime.date
    has_report: bool


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return the same day ``months`` later; the month's last day when it is shorter (31 March + 3 = 30 June)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def after(visit: ReportDate, months: int) -> ReportDate:
    """Return the time ``months`` after the visit, as precise as the visit's date."""
    if visit.is_month:
        first = add_months(visit.first, months)
        return ReportDate.parse(first.isoformat()[:7])
    return ReportDate.of_day(add_months(visit.first, months))


def _state(
    due: ReportDate, latest: ReportDate, done_on: datetime.date | None, day: datetime.date, on_time_by: ReportDate
) -> StepState:
    if done_on is not None and done_on <= day:
        return StepState.DONE if done_on <= on_time_by.last else StepState.DONE_LATE
    if day <= due.last:
        return StepState.UPCOMING
    return StepState.LATE if day <= latest.last else StepState.MISSED


def _step(
    kind: StepKind,
    visit: ReportDate,
    months: tuple[int, int],
    done_on: datetime.date | None,
    day: datetime.date,
    about: bool = False,
) -> Step:
    """Make a step due ``months[0]`` after the visit, at the latest ``months[1]``; when the usual time is only
    ``about`` right, doing it by the latest time is on time."""
    due, last = after(visit, months[0]), after(visit, months[1])
    return Step(kind, due, last, done_on, _state(due, last, done_on, day, last if about else due))


def timetable(
    review_date: str | None, published: datetime.date | None, reviews: tuple[Review, ...], day: datetime.date
) -> tuple[Step, ...]:
    """Return the LGA's steps after the visit on ``review_date`` and where each stands on ``day``.

    ``published`` is when the plan was published; a plan without it was published (it is
    here) on a day it does not give. ``reviews`` are the progress reviews the plan records;
    the first on or before ``day`` counts, and its report is done when the plan links it
    (the plan gives no separate date for that). No visit date: no timetable.
    """
    if not review_date:
        return ()
    visit = ReportDate.parse(review_date)
    plan = _step(StepKind.PLAN_PUBLISHED, visit, (PUBLISH_MONTHS, PUBLISH_LATEST_MONTHS), published, day)
    if published is None:
        plan = Step(plan.kind, plan.due, plan.latest, None, StepState.NOT_DATED)
    held = min((r for r in reviews if r.date <= day), key=lambda r: r.date, default=None)
    done_on = held.date if held else None
    review = _step(StepKind.PROGRESS_REVIEW, visit, (REVIEW_MONTHS, REVIEW_REPORT_MONTHS), done_on, day, about=True)
    report = _step(StepKind.REVIEW_REPORT, visit, (REVIEW_REPORT_MONTHS, REVIEW_REPORT_MONTHS), None, day)
    if held is not None and held.has_report:
        report = Step(report.kind, report.due, report.latest, None, StepState.DONE_UNDATED)
    return (plan, review, report)
