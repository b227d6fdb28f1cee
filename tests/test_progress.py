"""Progress facts: the status reported by a day, and timeliness that the sources support."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.model import Action, Plan, Recommendation, Update
from actionplan.model.dates import DUE_SOON_DAYS, parse_deadline
from actionplan.model.progress import ReportDate, StatusReport, Timeliness, last_reported, progress_on, reported_status
from actionplan.model.statuses import build_status_words

WORDS = build_status_words(())
DAY = datetime.date(2025, 1, 15)


def _status(word: str | None):
    return WORDS.lookup(word) if word else None


def _action(
    due: str = "",
    status: str | None = None,
    updates: tuple[tuple[str, str | None], ...] = (),
    heading: bool = False,
) -> Action:
    return Action(
        id="1.1",
        label=None,
        text="Do the thing",
        lead=None,
        due=due or None,
        deadline=parse_deadline(due),
        status=_status(status),
        status_text=None,
        updates=tuple(_update(d, s) for d, s in updates),
        actions=(),
        parent=None,
        is_heading=heading,
    )


def _update(written: str, status: str | None) -> Update:
    """An update dated as written: a day (2024-06-30) or a month (2024-06), which stands for its last day."""
    when = ReportDate.parse(written)
    return Update(written, when.last, _status(status), "", None, is_month=when.is_month)


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


# (name, due, plan's updated, action's own status, updates, day, timeliness, deadline_passed, overdue)
CASES = [
    ("reported after a passed deadline", "June 2024", None, None, (("2024-09-01", "on-track"),), DAY,
     Timeliness.OVERDUE, True, True),
    ("reported on the deadline itself", "2024-06-30", None, None, (("2024-06-30", "at-risk"),), DAY,
     Timeliness.OVERDUE, True, True),
    ("reported before the deadline", "June 2024", None, None, (("2024-03-01", "on-track"),), DAY,
     Timeliness.NO_REPORT_SINCE, True, False),
    ("never reported", "June 2024", None, None, (), DAY, Timeliness.NO_REPORT_SINCE, True, False),
    ("undated status from a plan without 'updated'", "June 2024", None, "Underway", (), DAY,
     Timeliness.NO_REPORT_SINCE, True, False),
    ("plan's month after the deadline", "June 2024", "2024-09", "on-track", (), DAY,
     Timeliness.OVERDUE, True, True),
    ("plan's month holding the deadline is not after it", "2024-09-10", "2024-09", "on-track", (), DAY,
     Timeliness.NO_REPORT_SINCE, True, False),
    ("completed late", "March 2024", None, None, (("2024-02-01", "on-track"), ("2024-07-15", "complete")), DAY,
     Timeliness.COMPLETED_LATE, False, False),
    ("completed on time", "March 2024", None, None, (("2024-03-10", "complete"),), DAY,
     Timeliness.COMPLETE, False, False),
    ("complete by the plan's date: completion day unknown", "March 2024", "2024-09", "complete", (), DAY,
     Timeliness.COMPLETE, False, False),
    ("no deadline", "", "2024-09", "on-track", (), DAY, Timeliness.NO_DEADLINE, False, False),
    ("ongoing, no deadline", "Ongoing", None, None, (), DAY, Timeliness.NO_DEADLINE, False, False),
    ("due within 30 days", "2025-02-10", None, None, (), DAY, Timeliness.DUE_SOON, False, False),
    ("due later", "December 2025", None, None, (), DAY, Timeliness.NOT_DUE, False, False),
    ("past day: the later report is not yet known", "June 2024", None, None,
     (("2024-03-01", "on-track"), ("2024-09-01", "on-track")), _d("2024-08-01"),
     Timeliness.NO_REPORT_SINCE, True, False),
    ("past day: not yet due", "June 2024", None, None, (("2024-09-01", "on-track"),), _d("2024-01-10"),
     Timeliness.NOT_DUE, False, False),
    ("update's month after the deadline", "2024-06-15", None, None, (("2024-07", "on-track"),), DAY,
     Timeliness.OVERDUE, True, True),
    ("update's month holding the deadline is not after it", "2024-06-15", None, None, (("2024-06", "on-track"),), DAY,
     Timeliness.NO_REPORT_SINCE, True, False),
    ("update's month starting on the day after the deadline", "2024-05-31", None, None, (("2024-06", "at-risk"),), DAY,
     Timeliness.OVERDUE, True, True),
    ("complete in the month holding the deadline: not late", "2024-06-15", None, None, (("2024-06", "complete"),),
     DAY, Timeliness.COMPLETE, False, False),
    ("complete in a month after the deadline", "2024-06-15", None, None, (("2024-08", "complete"),), DAY,
     Timeliness.COMPLETED_LATE, False, False),
    ("update's month not over: not yet known", "2024-06-15", None, None, (("2024-07", "complete"),), _d("2024-07-20"),
     Timeliness.NO_REPORT_SINCE, True, False),
    ("past day: complete only later", "March 2024", None, None, (("2024-07-15", "complete"),), _d("2024-05-01"),
     Timeliness.NO_REPORT_SINCE, True, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("due", "updated", "status", "updates", "day", "timeliness", "passed", "overdue"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_timeliness(due, updated, status, updates, day, timeliness, passed, overdue) -> None:
    progress = progress_on(_action(due, status, updates), updated, day)
    assert (progress.timeliness, progress.deadline_passed, progress.is_overdue) == (timeliness, passed, overdue)


def test_completed_late_says_when_and_how_late() -> None:
    action = _action("March 2024", None, (("2024-02-01", "on-track"), ("2024-06-30", "done"), ("2024-08-01", "done")))
    progress = progress_on(action, None, DAY)
    assert progress.completed == ReportDate.of_day(_d("2024-06-30"))
    assert progress.months_late == 3


def test_completed_in_a_month_is_that_month_and_late_from_its_first_day() -> None:
    action = _action("2024-03-15", None, (("2024-02-01", "on-track"), ("2024-07", "complete")))
    progress = progress_on(action, None, DAY)
    assert progress.completed == ReportDate.parse("2024-07")
    assert (progress.timeliness, progress.months_late) == (Timeliness.COMPLETED_LATE, 3)  # 15 March to 1 July


def test_a_month_dated_status_is_known_once_the_month_has_ended() -> None:
    action = _action("", None, (("2024-05-10", "not started"), ("2024-05", "on-track")))
    during = reported_status(action, None, _d("2024-05-31"))
    assert during is not None and during.date == ReportDate.parse("2024-05")  # 31 May: all of May is known
    before = reported_status(action, None, _d("2024-05-30"))
    assert before is not None and before.status.key == "not-started"
    assert before.date == ReportDate.of_day(_d("2024-05-10"))


def test_reopened_work_is_not_complete() -> None:
    action = _action("March 2024", None, (("2024-02-01", "complete"), ("2024-05-01", "off-track")))
    progress = progress_on(action, None, DAY)
    assert (progress.timeliness, progress.completed) == (Timeliness.OVERDUE, None)


def test_reported_status_takes_the_newest_report_known_by_the_day() -> None:
    action = _action("", "complete", (("2023-05-01", "not started"), ("2023-11-20", "Underway")))
    newest = reported_status(action, "2024-02", DAY)
    assert newest is not None and (newest.status.key, newest.date) == ("complete", ReportDate.parse("2024-02"))
    assert newest.update is None
    during = reported_status(action, "2024-02", _d("2024-02-15"))  # February not over: the plan's date not known
    assert during is not None and during.status.key == "in-progress"
    assert during.date == ReportDate.of_day(_d("2023-11-20"))
    before = reported_status(action, "2024-02", _d("2023-01-01"))
    assert before is None


def test_an_undated_status_holds_unless_a_later_update_says_otherwise() -> None:
    undated = reported_status(_action("", "Underway"), None, _d("2020-01-01"))
    assert undated is not None and (undated.status.key, undated.date) == ("in-progress", None)
    with_news = _action("", "complete", (("2024-06-01", "on-track"),))
    assert reported_status(with_news, None, _d("2024-01-01")) is None


def test_a_heading_reports_nothing_and_has_no_deadline() -> None:
    heading = _action("June 2024", None, (), heading=True)
    assert reported_status(heading, "2024-09", DAY) is None
    assert progress_on(heading, "2024-09", DAY).timeliness is Timeliness.NO_DEADLINE


def test_report_dates() -> None:
    month = ReportDate.parse("2024-02")
    assert (month.first, month.last, month.is_month) == (_d("2024-02-01"), _d("2024-02-29"), True)
    day = ReportDate.parse("2024-02-10")
    assert (day.first, day.last, day.is_month) == (_d("2024-02-10"), _d("2024-02-10"), False)


def test_last_reported_is_the_newest_date_known_by_the_day() -> None:
    action = _action("", None, (("2024-05-01", None), ("2024-11-01", "on-track")))
    rec = Recommendation("1", None, "Title", None, "", "", None, None, (action,))
    plan = Plan("p", "c", "T", None, None, None, "2024-09", None, "", (), (), (rec,), "p.yaml")
    assert last_reported(plan, DAY) == ReportDate.of_day(_d("2024-11-01"))
    assert last_reported(plan, _d("2024-10-01")) == ReportDate.parse("2024-09")
    assert last_reported(plan, _d("2024-01-01")) is None
    monthly = replace(action, updates=(*action.updates, _update("2024-12", None)))
    later = replace(plan, recommendations=(replace(rec, actions=(monthly,)),))
    assert last_reported(later, _d("2024-12-30")) == ReportDate.of_day(_d("2024-11-01"))
    assert last_reported(later, DAY) == ReportDate.parse("2024-12")


@pytest.mark.parametrize(
    ("days", "timeliness"),
    [
        (-1, Timeliness.NO_REPORT_SINCE),
        (0, Timeliness.DUE_SOON),  # due today is not late
        (1, Timeliness.DUE_SOON),
        (DUE_SOON_DAYS, Timeliness.DUE_SOON),
        (DUE_SOON_DAYS + 1, Timeliness.NOT_DUE),
    ],
)
def test_due_soon_boundaries(days: int, timeliness: Timeliness) -> None:
    due = (DAY + datetime.timedelta(days=days)).isoformat()
    assert progress_on(_action(due), None, DAY).timeliness is timeliness
    assert progress_on(_action(due, "complete"), None, DAY).timeliness is Timeliness.COMPLETE


def _newest_report(action: Action, updated: str | None, day: datetime.date):
    """The rule reported_status follows, the plain way: every report known by ``day``, newest first; on one
    date the action's own status before an update, and of two updates the later listed."""
    if action.is_heading:
        return None
    reports = [(u.date, False, i, u) for i, u in enumerate(action.updates) if u.status is not None and u.date <= day]
    own = ReportDate.parse(updated) if updated else None
    if action.status is not None and own is not None and own.last <= day:
        reports.append((own.last, True, len(reports), None))
    if reports:
        update = max(reports, key=lambda r: r[:3])[3]
        if update is None:
            return StatusReport(action.status, action.status_text, own, None)
        return StatusReport(update.status, None, ReportDate.of_update(update), update)
    if action.status is not None and own is None and not any(u.status is not None for u in action.updates):
        return StatusReport(action.status, action.status_text, None, None)
    return None


_WRITTEN = st.sampled_from(["2024-05", "2024-05-31", "2024-05-01", "2024-06", "2024-06-15", "2024-04-30"])
_WORD = st.sampled_from([None, "complete", "on-track", "at-risk", "not-started"])


@settings(deadline=None)
@given(
    st.lists(st.tuples(_WRITTEN, _WORD), max_size=6),
    _WORD,
    st.one_of(st.none(), _WRITTEN),
    st.dates(datetime.date(2024, 4, 1), datetime.date(2024, 7, 1)),
)
def test_reported_status_is_the_newest_report(updates, status, updated, day) -> None:
    action = replace(_action(status=status, updates=tuple(updates)), status_text="Agreed by Cabinet")
    assert reported_status(action, updated, day) == _newest_report(action, updated, day)
