"""What the sources say about an action's progress on a given day: its status, and whether it is late.

Every page, export and feed — and the history of a plan — rests on two facts, and
they are worked out here only, so that no two outputs can disagree:

- ``reported_status(action, updated, day)``: the status of an action as reported on
  or before ``day``, and the date it was reported;
- ``progress_on(action, updated, day)``: that status with the action's timeliness on
  ``day`` (overdue, deadline passed with no report since, completed late, …).

The rule that keeps the numbers honest: an action is *overdue* only when the
council reported it not complete on or after its deadline. When its latest report
predates the deadline, or there is none, all the sources support is "the deadline
has passed and no progress has been reported since" — which is not counted as
overdue anywhere.

Dates given as a month (a plan ``updated: 2024-02``, an update dated ``May 2019``) are read cautiously: a report
"as at February 2024" is known on a day only once February has ended, and counts
as made on or after a deadline only when the whole month is. Nothing here reads
today's date, so any day can be asked about, not only the day of the build.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from . import Action, Plan, Update
from .dates import DUE_SOON_DAYS, months_between
from .statuses import Status


@dataclass(frozen=True)
class ReportDate:
    """When something was reported: a day, or a whole month when the source gives only the month."""

    first: datetime.date
    last: datetime.date
    text: str  # YYYY-MM or YYYY-MM-DD, as the source gives it

    @classmethod
    @lru_cache(maxsize=4096)  # each update's date is asked for on each date of its plan's history
    def of_day(cls, day: datetime.date) -> ReportDate:
        return cls(day, day, day.isoformat())

    @classmethod
    def of_update(cls, update: Update) -> ReportDate:
        """Return when an update was made: its day, or its whole month."""
        return cls.parse(update.written) if update.is_month else cls.of_day(update.date)

    @classmethod
    @lru_cache(maxsize=4096)  # a plan's ``updated`` is read for each action on each date of its history too
    def parse(cls, text: str) -> ReportDate:
        """Read a YYYY-MM or YYYY-MM-DD date that validation has already checked."""
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:])
            first = datetime.date(year, month, 1)
            return cls(first, first.replace(day=calendar.monthrange(year, month)[1]), text)
        return cls.of_day(datetime.date.fromisoformat(text))

    @property
    def is_month(self) -> bool:
        return self.first != self.last


@dataclass(frozen=True)
class StatusReport:
    """A status as the source reported it."""

    status: Status
    wording: str | None  # the council's own words (``status_text``), when they say more than the label
    date: ReportDate | None  # None: the source does not say when
    update: Update | None  # the update that reported it; None when it is the action's own ``status``


class Timeliness(StrEnum):
    """An action's standing against its deadline on one day."""

    NO_DEADLINE = "no-deadline"  # not complete, and the source gives no deadline we can read
    NOT_DUE = "not-due"  # the deadline is more than 30 days away
    DUE_SOON = "due-soon"  # the deadline is today or within the next 30 days
    OVERDUE = "overdue"  # deadline passed; reported not complete on or after it
    NO_REPORT_SINCE = "no-report-since"  # deadline passed; nothing reported since it (or ever)
    COMPLETE = "complete"  # reported complete, on time or at a time we cannot tell
    COMPLETED_LATE = "completed-late"  # an update reported it complete after its deadline


@dataclass(frozen=True)
class Progress:
    """An action's reported status and its timeliness, as of one day."""

    day: datetime.date
    report: StatusReport | None
    deadline: datetime.date | None
    timeliness: Timeliness
    completed: ReportDate | None  # when an update first reported it complete (a day or a month), when known

    @property
    def deadline_passed(self) -> bool:
        """Not reported complete, and its deadline is before the day (overdue or no report since)."""
        return self.timeliness in (Timeliness.OVERDUE, Timeliness.NO_REPORT_SINCE)

    @property
    def is_overdue(self) -> bool:
        return self.timeliness is Timeliness.OVERDUE

    @property
    def months_late(self) -> int:
        """Whole months between the deadline and the completion, for an action completed late."""
        if self.timeliness is not Timeliness.COMPLETED_LATE or self.deadline is None or self.completed is None:
            return 0
        return months_between(self.deadline, self.completed.first)


def _status_updates(action: Action, day: datetime.date) -> list[Update]:
    return [u for u in action.updates if u.status is not None and u.date <= day]


def reported_status(action: Action, updated: str | None, day: datetime.date) -> StatusReport | None:
    """Return the status of ``action`` as reported on or before ``day``, and when it was reported.

    The reports are the action's updates that record a status, each on its own date,
    and the action's own ``status``, which stands as at the plan's ``updated`` date
    (``updated`` is that YYYY-MM or YYYY-MM-DD text). The newest report known by ``day``
    wins; on the same date the action's own ``status`` wins, as it carries the council's
    wording. In a plan without an ``updated`` date the action's own ``status`` is
    undated: it is returned for any day (nothing says when it began) unless an update
    records a status after ``day``, and its date is None, so it can never make the
    action overdue. Return None when nothing had been reported by ``day``, and for a
    heading, which reports nothing of its own.
    """
    if action.is_heading:
        return None
    latest: Update | None = None  # the newest update to record a status by ``day`` (of two on a date, the later)
    for u in action.updates:
        if u.status is not None and u.date <= day and (latest is None or u.date >= latest.date):
            latest = u
    own_date = ReportDate.parse(updated) if updated else None
    if action.status is not None and own_date is not None and own_date.last <= day:
        if latest is None or own_date.last >= latest.date:  # on the same date, the action's own status wins
            return StatusReport(action.status, action.status_text, own_date, None)
    if latest is not None:
        assert latest.status is not None
        return StatusReport(latest.status, None, ReportDate.of_update(latest), latest)
    later_news = any(u.status is not None for u in action.updates)
    if action.status is not None and own_date is None and not later_news:
        return StatusReport(action.status, action.status_text, None, None)
    return None


def _completed(action: Action, day: datetime.date) -> ReportDate | None:
    """Return when an update first reported the action complete, in the run of reports that still says so."""
    first_complete: ReportDate | None = None
    for update in _status_updates(action, day):
        if update.status is not None and update.status.is_complete:
            first_complete = first_complete or ReportDate.of_update(update)
        else:
            first_complete = None
    # Without such an update, a plan's own "complete" as at its date says only that it was done by then.
    return first_complete


def progress_on(action: Action, updated: str | None, day: datetime.date) -> Progress:
    """Return the action's reported status and its timeliness as of ``day``.

    Overdue: not complete, the deadline is before ``day``, and the latest report —
    made on or after the deadline — still says not complete. Deadline passed with no
    report since: the same, but the latest report predates the deadline, or there is
    none. Completed late: an update reported it complete after the deadline.
    """
    report = reported_status(action, updated, day)
    deadline = None if action.is_heading else action.deadline.date
    if report is not None and report.status.is_complete:
        completed = _completed(action, day)
        # Late only when the whole of a month is after the deadline: "complete, May 2019" may be 1 May.
        late = deadline is not None and completed is not None and completed.first > deadline
        timeliness = Timeliness.COMPLETED_LATE if late else Timeliness.COMPLETE
        return Progress(day, report, deadline, timeliness, completed)
    if deadline is None:
        timeliness = Timeliness.NO_DEADLINE
    elif deadline < day:
        reported_since = report is not None and report.date is not None and report.date.first >= deadline
        timeliness = Timeliness.OVERDUE if reported_since else Timeliness.NO_REPORT_SINCE
    elif deadline <= day + datetime.timedelta(days=DUE_SOON_DAYS):
        timeliness = Timeliness.DUE_SOON
    else:
        timeliness = Timeliness.NOT_DUE
    return Progress(day, report, deadline, timeliness, None)


def last_reported(plan: Plan, day: datetime.date) -> ReportDate | None:
    """Return when the plan last reported progress on or before ``day``: its ``updated`` date or its newest update."""
    dates = [
        ReportDate.of_update(u)
        for rec in plan.recommendations
        for top in rec.actions
        for action in top.walk()
        for u in action.updates
        if u.date <= day
    ]
    if plan.updated and (own := ReportDate.parse(plan.updated)).last <= day:
        dates.append(own)
    return max(dates, key=lambda d: d.last, default=None)
