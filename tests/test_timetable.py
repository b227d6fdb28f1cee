"""The LGA timetable: each step's state across the boundaries of its usual and latest dates."""

from __future__ import annotations

import datetime

import pytest

from actionplan.model.timetable import Review, StepKind, StepState, add_months, timetable

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 3, 15), 3, D(2025, 6, 15)),
        (D(2025, 3, 31), 3, D(2025, 6, 30)),  # June is shorter: its last day
        (D(2024, 11, 30), 3, D(2025, 2, 28)),  # across a year
        (D(2023, 11, 30), 3, D(2024, 2, 29)),  # a leap year
        (D(2025, 12, 1), 12, D(2026, 12, 1)),
    ],
)
def test_add_months(day: datetime.date, months: int, expected: datetime.date) -> None:
    assert add_months(day, months) == expected


def _published(review_date: str, published: datetime.date | None, day: datetime.date) -> StepState:
    plan, _, _ = timetable(review_date, published, (), day)
    assert plan.kind is StepKind.PLAN_PUBLISHED
    return plan.state


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (D(2025, 4, 1), StepState.DONE),
        (D(2025, 6, 15), StepState.DONE),  # three months to the day
        (D(2025, 6, 16), StepState.DONE_LATE),
        (D(2025, 8, 15), StepState.DONE_LATE),  # the latest date
        (D(2025, 8, 16), StepState.DONE_LATE),  # after it: late, and the page shows both dates
        (None, StepState.NOT_DATED),  # the plan is here, so it was published, on a day it does not give
    ],
)
def test_plan_published_against_a_visit_day(published: datetime.date | None, expected: StepState) -> None:
    assert _published("2025-03-15", published, D(2026, 11, 24)) == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (D(2025, 6, 30), StepState.DONE),  # a visit in March: by the end of June is on time
        (D(2025, 7, 1), StepState.DONE_LATE),
    ],
)
def test_a_visit_month_makes_the_due_date_a_month(published: datetime.date, expected: StepState) -> None:
    assert _published("2025-03", published, D(2026, 11, 24)) == expected
    plan = timetable("2025-03", published, (), D(2026, 11, 24))[0]
    assert (plan.due.text, plan.latest.text) == ("2025-06", "2025-08")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 6, 19), StepState.UPCOMING),  # published the next day: not yet known
        (D(2025, 6, 20), StepState.DONE),
    ],
)
def test_publication_is_known_only_from_its_day(day: datetime.date, expected: StepState) -> None:
    assert _published("2025-03", D(2025, 6, 20), day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 12, 31), StepState.UPCOMING),
        (D(2026, 1, 31), StepState.UPCOMING),  # ten months after a March visit: the end of January
        (D(2026, 2, 1), StepState.LATE),
        (D(2026, 3, 31), StepState.LATE),  # twelve months: the end of March
        (D(2026, 4, 1), StepState.MISSED),
    ],
)
def test_an_unrecorded_progress_review(day: datetime.date, expected: StepState) -> None:
    _, review, report = timetable("2025-03", D(2025, 6, 20), (), day)
    assert review.state == expected
    assert (review.due.text, review.latest.text) == ("2026-01", "2026-03")
    assert report.state == (StepState.MISSED if day > D(2026, 3, 31) else StepState.UPCOMING)


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        (D(2026, 1, 14), StepState.DONE),
        (D(2026, 3, 20), StepState.DONE),  # "about" ten months: by the latest date is on time
        (D(2026, 4, 2), StepState.DONE_LATE),
    ],
)
def test_a_recorded_progress_review(held: datetime.date, expected: StepState) -> None:
    _, review, report = timetable("2025-03", None, (Review(held, has_report=True),), D(2026, 11, 24))
    assert (review.state, review.done_on) == (expected, held)
    assert report.state is StepState.DONE_UNDATED


def test_a_review_after_the_day_asked_about_is_not_done_yet() -> None:
    _, review, report = timetable("2025-03", None, (Review(D(2026, 1, 14), has_report=True),), D(2026, 1, 13))
    assert (review.state, review.done_on) == (StepState.UPCOMING, None)
    assert report.state is StepState.UPCOMING


def test_a_review_without_its_report_leaves_the_report_to_the_calendar() -> None:
    _, review, report = timetable("2025-03", None, (Review(D(2026, 1, 14), has_report=False),), D(2026, 11, 24))
    assert review.state is StepState.DONE
    assert report.state is StepState.MISSED


def test_no_visit_date_no_timetable() -> None:
    assert timetable(None, D(2025, 6, 20), (), D(2026, 11, 24)) == ()
