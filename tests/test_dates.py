"""Tests for actionplan.dates: the deadlines derived from councils' timeframe text.

Expected values are what a careful person reading the text would say; the seed
table covers every timeframe in /work/shared/seeds/*.txt (issue 5).
"""

from __future__ import annotations

import datetime
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.model.dates import (
    Deadline,
    NoSuchDate,
    UnknownMonth,
    WrittenDate,
    months_between,
    parse_deadline,
    read_date,
)

D = datetime.date
ONGOING = "ongoing"  # marker in the tables below: no deadline, work continues
NONE = "none"  # understood, but no deadline (TBC, statuses, blank)
NOT_UNDERSTOOD = "not understood"


def expected(value: object, ongoing: bool = False) -> Deadline:
    """Turn a table entry into the Deadline it stands for."""
    if isinstance(value, NoSuchDate):
        return Deadline(None, False, False, value)
    if value == ONGOING:
        return Deadline(None, True, True)
    if value == NONE:
        return Deadline(None, False, True)
    if value == NOT_UNDERSTOOD:
        return Deadline(None, False, False)
    assert isinstance(value, datetime.date)
    return Deadline(value, ongoing, True)


# Every timeframe found in the five seed plans (columns "Timeframe", "Target Date",
# "Due Date and Status"; for Huntingdonshire and Halton, which have no such column,
# the date phrases written in their status and action text).
SEED_TIMEFRAMES = [
    # 000 Hartlepool, "Timeframe"
    ("January 2024", D(2024, 1, 31), False),
    ("September / October 2023", D(2023, 10, 31), False),
    ("October / November 2023", D(2023, 11, 30), False),
    ("December 2023", D(2023, 12, 31), False),
    ("May 2023", D(2023, 5, 31), False),
    ("March 2024", D(2024, 3, 31), False),
    ("June 2023", D(2023, 6, 30), False),
    ("May - September 2023", D(2023, 9, 30), False),
    ("September 2023", D(2023, 9, 30), False),
    ("October 2023", D(2023, 10, 31), False),
    ("June 2023 and ongoing", D(2023, 6, 30), True),
    ("Completed - February 2023", D(2023, 2, 28), False),
    ("June / July 2023", D(2023, 7, 31), False),
    ("July 2023", D(2023, 7, 31), False),
    ("June \u2013 September 2023", D(2023, 9, 30), False),
    # 001 Harlow, "Target Date"
    ("August 2023", D(2023, 8, 31), False),
    ("Sept 2023", D(2023, 9, 30), False),
    ("Oct 2023", D(2023, 10, 31), False),
    ("Nov 2023", D(2023, 11, 30), False),
    ("Dec 2023", D(2023, 12, 31), False),
    ("Jan 2024", D(2024, 1, 31), False),
    ("Ongoing", ONGOING, False),
    ("Sept. 2023", D(2023, 9, 30), False),
    ("Budget 2024/25", D(2025, 3, 31), False),
    ("May 2024", D(2024, 5, 31), False),
    ("June 2024", D(2024, 6, 30), False),
    # 004 North Tyneside, "Due Date and Status"
    ("Complete", NONE, False),
    ("Complete \u2013 Steering Group in place", NONE, False),
    ("Due November 2019", D(2019, 11, 30), False),
    ("Underway", NONE, False),
    ("Due to begin autumn 2019. Complete spring 2020", D(2020, 5, 31), False),
    ("Due March 2020", D(2020, 3, 31), False),
    (
        "Timetable agreed by Cabinet September 2019 Constitutional Changes considered by "
        "Task Group for consideration by Council November 2019",
        D(2019, 11, 30),
        False,
    ),
    (
        "Timetable agreed by Cabinet September 2019 Constitutional Changes considered by "
        "Task Group for consideration by Council November 2019 Due November 2019",
        D(2019, 11, 30),
        False,
    ),
    ("Due 26th November 2019", D(2019, 11, 26), False),
    ("Due to start autumn 2019. Due to complete spring 2020.", D(2020, 5, 31), False),
    ("Due December 2019", D(2019, 12, 31), False),
    ("Considered regularly by ICT Board", ONGOING, False),
    ("Due to complete spring 2020", D(2020, 5, 31), False),
    ("Due spring 2020", D(2020, 5, 31), False),
    # 002 Huntingdonshire, dates written inside the status text
    ("Updated February 2024", D(2024, 2, 29), False),
    ("1st February 2025, full transition by 1st March 2025.", D(2025, 3, 1), False),
    ("24th February 2025.", D(2025, 2, 24), False),
    ("by March 2025", D(2025, 3, 31), False),
    ("January to March 2025", D(2025, 3, 31), False),
    ("February 2025", D(2025, 2, 28), False),
    ("January 2025", D(2025, 1, 31), False),
    ("December 2024", D(2024, 12, 31), False),
    ("2025/26", D(2026, 3, 31), False),
    ("2024/25", D(2025, 3, 31), False),
    ("Completion April 2025.", D(2025, 4, 30), False),
    ("Completion May 2025/26.", D(2025, 5, 31), False),  # May within financial year 2025/26
    ("Q4 2024/25", D(2025, 3, 31), False),
    # 003 Halton (no timeframe column): dates in the action text
    ("10-13 September 2019", D(2019, 9, 13), False),
    ("2020/21", D(2021, 3, 31), False),
    ("May", NOT_UNDERSTOOD, False),  # "the new Council being in place in May": which year?
]


@pytest.mark.parametrize(("text", "value", "ongoing"), SEED_TIMEFRAMES)
def test_seed_timeframes(text: str, value: object, ongoing: bool) -> None:
    assert parse_deadline(text) == expected(value, ongoing)


EXAMPLES_AND_VARIANTS = [
    # the examples
    ("Q1 2024/25", D(2024, 6, 30), False),
    ("Q2 2024/25", D(2024, 9, 30), False),
    ("Q3 2024/25", D(2024, 12, 31), False),
    ("2024-25", D(2025, 3, 31), False),
    ("2024/2025", D(2025, 3, 31), False),
    ("2024\u20132025", D(2025, 3, 31), False),
    ("FY 24/25", D(2025, 3, 31), False),
    ("2023/24 \u2013 2026/27", D(2027, 3, 31), False),
    ("31/03/2025", D(2025, 3, 31), False),
    ("31.03.25", D(2025, 3, 31), False),
    ("31-03-2025", D(2025, 3, 31), False),
    ("1/4/24", D(2024, 4, 1), False),
    ("2023-09-30", D(2023, 9, 30), False),
    ("2023-09", D(2023, 9, 30), False),
    ("03/2025", D(2025, 3, 31), False),
    ("29/02/2024", D(2024, 2, 29), False),
    ("2024", D(2024, 12, 31), False),
    ("2024-2026", D(2026, 12, 31), False),
    # calendar quarters for a plain year
    ("Q1 2024", D(2024, 3, 31), False),
    ("Q2 2024", D(2024, 6, 30), False),
    ("q4 2024", D(2024, 12, 31), False),
    ("Quarter 3 2024/25", D(2024, 12, 31), False),
    ("Q4 of 2024-25", D(2025, 3, 31), False),
    # seasons
    ("Spring 2024", D(2024, 5, 31), False),
    ("summer 2024", D(2024, 8, 31), False),
    ("AUTUMN 2024", D(2024, 11, 30), False),
    ("Fall 2024", D(2024, 11, 30), False),
    ("winter 2023", D(2024, 2, 29), False),
    ("Winter 2024", D(2025, 2, 28), False),
    ("winter 2023/24", D(2024, 2, 29), False),
    ("Spring/Summer 2024", D(2024, 8, 31), False),
    ("Autumn 2023 \u2014 Spring 2024", D(2024, 5, 31), False),
    ("autumn 2023 to winter", D(2024, 2, 29), False),
    # months: case, abbreviations, full stops, dashes, separators
    ("SEPTEMBER 2023", D(2023, 9, 30), False),
    ("september 2023", D(2023, 9, 30), False),
    ("Sep 2023", D(2023, 9, 30), False),
    ("Sep. 2023", D(2023, 9, 30), False),
    ("Feb 2024", D(2024, 2, 29), False),
    ("Dec-23", D(2023, 12, 31), False),
    ("December-2023", D(2023, 12, 31), False),
    ("May 2025/26", D(2025, 5, 31), False),
    ("January 2025/26", D(2026, 1, 31), False),
    ("May\u2013September 2023", D(2023, 9, 30), False),
    ("May \u2014 September 2023", D(2023, 9, 30), False),
    ("June-Sept 2023", D(2023, 9, 30), False),
    ("June 2023 - August", D(2023, 8, 31), False),
    ("December 2023 - March", D(2024, 3, 31), False),
    ("November 2023 \u2013 February 2024", D(2024, 2, 29), False),
    # days and ordinals
    ("Due 1st March 2024", D(2024, 3, 1), False),
    ("2nd April 2024", D(2024, 4, 2), False),
    ("3rd May 2024", D(2024, 5, 3), False),
    ("26 Nov 2019", D(2019, 11, 26), False),
    ("26th of November 2019", D(2019, 11, 26), False),
    ("March 31st, 2025", D(2025, 3, 31), False),
    ("due 26TH NOVEMBER 2019", D(2019, 11, 26), False),
    # leading words and modifiers
    ("By March 2024", D(2024, 3, 31), False),
    ("by the end of March 2024", D(2024, 3, 31), False),
    ("End of 2023", D(2023, 12, 31), False),
    ("late 2023", D(2023, 12, 31), False),
    ("Late 2023", D(2023, 12, 31), False),
    ("early 2024", D(2024, 4, 30), False),
    ("Mid 2024", D(2024, 8, 31), False),
    ("mid-2024", D(2024, 8, 31), False),
    ("start of 2024", D(2024, 4, 30), False),
    ("early 2024/25", D(2024, 7, 31), False),
    ("late 2024/25", D(2025, 3, 31), False),
    ("early June 2023", D(2023, 6, 10), False),
    ("mid-June 2023", D(2023, 6, 20), False),
    ("late June 2023", D(2023, 6, 30), False),
    ("Completed \u2013 February 2023", D(2023, 2, 28), False),
    ("COMPLETED - FEBRUARY 2023", D(2023, 2, 28), False),
    ("Completed 15/02/2023", D(2023, 2, 15), False),
    # ongoing with and without a date
    ("ongoing", ONGOING, False),
    ("ONGOING", ONGOING, False),
    ("On-going", ONGOING, False),
    ("Continuous", ONGOING, False),
    ("Ongoing \u2013 reviewed quarterly", ONGOING, False),
    ("June 2023 and ongoing", D(2023, 6, 30), True),
    ("June 2023 & on-going", D(2023, 6, 30), True),
    ("From April 2024 onwards", D(2024, 4, 30), True),
    ("June 2023 and monthly thereafter", D(2023, 6, 30), True),
    # understood, but no deadline
    ("TBC", NONE, False),
    ("tbc", NONE, False),
    ("TBA", NONE, False),
    ("To be confirmed", NONE, False),
    ("to be agreed", NONE, False),
    ("n/a", NONE, False),
    ("N/A", NONE, False),
    ("", NONE, False),
    ("   ", NONE, False),
    ("-", NONE, False),
    ("\u2013", NONE, False),
    ("\u2014", NONE, False),
    ("Not started", NONE, False),
    ("In progress", NONE, False),
    # cannot be understood: no deadline, warning
    ("31/02/2024", NoSuchDate(2024, 2, 31), False),
    ("29/02/2023", NoSuchDate(2023, 2, 29), False),
    ("31/04/2024", NoSuchDate(2024, 4, 31), False),
    ("13/13/2024", NoSuchDate(2024, 13, 13), False),
    ("2023-13-01", NoSuchDate(2023, 13, 1), False),
    ("30th February 2024", NoSuchDate(2024, 2, 30), False),
    ("32nd March 2024", NOT_UNDERSTOOD, False),
    ("31/02/2024 and ongoing", NoSuchDate(2024, 2, 31), False),
    ("by 31 April 2025", NoSuchDate(2025, 4, 31), False),
    ("2024-13", NoSuchDate(2024, 13), False),
    ("13/2024", NoSuchDate(2024, 13), False),
    ("Q5 2024", NOT_UNDERSTOOD, False),
    ("2024/26", NOT_UNDERSTOOD, False),
    ("Due November", NOT_UNDERSTOOD, False),
    ("Sept 23", NOT_UNDERSTOOD, False),  # 23 September, or September 2023?
    ("next year", NOT_UNDERSTOOD, False),
    ("soon", NOT_UNDERSTOOD, False),
    ("asap", NOT_UNDERSTOOD, False),
    ("12", NOT_UNDERSTOOD, False),
    ("24/7", NOT_UNDERSTOOD, False),
    ("Q3", NOT_UNDERSTOOD, False),
    ("x" * 501, NOT_UNDERSTOOD, False),
    ("March 2024 " + "x" * 500, NOT_UNDERSTOOD, False),
]


@pytest.mark.parametrize(("text", "value", "ongoing"), EXAMPLES_AND_VARIANTS)
def test_examples_and_variants(text: str, value: object, ongoing: bool) -> None:
    assert parse_deadline(text) == expected(value, ongoing)


def test_every_month_name_and_abbreviation() -> None:
    names = ["january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"]  # fmt: skip
    for month, name in enumerate(names, start=1):
        last = (D(2025, month % 12 + 1, 1) if month < 12 else D(2026, 1, 1)) - datetime.timedelta(days=1)
        for spelling in {name, name[:3], name.title(), name[:3].upper() + "."}:
            assert parse_deadline(f"{spelling} 2025") == Deadline(last, False, True), spelling


@pytest.mark.parametrize("text", [None, 2024, b"March 2024", ["March 2024"]])
def test_non_strings_are_not_understood_rather_than_an_error(text: object) -> None:
    assert parse_deadline(text) == Deadline(None, False, False)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "1/" * 250,
        "q" * 500,
        "may - " * 83,
        "2024/" * 100,
        "1" * 500,
        "9" * 10_000,
        "June 2023 " * 1000,
        "a" * 1_000_000,
    ],
)
def test_adversarial_strings_are_quick(text: str) -> None:
    started = time.perf_counter()
    assert isinstance(parse_deadline(text), Deadline)
    assert time.perf_counter() - started < 0.5


FRAGMENTS = st.sampled_from([
    "Q", "Q4", "q1", "quarter", "2024/25", "24/25", "2024-25", "2024/2025", "2024", "1999", "2099/00",
    "31/03/2025", "31/02/2024", "31.03.25", "2023-09-30", "2023-09", "03/2025", "10-13", "Dec-23",
    "1st", "26th", "32nd", "of", "the", "end", "early", "mid", "late", "start", "by", "Due", "Completed",
    "-", "\u2013", "\u2014", "/", ".", ",", "&", "to", "and", "ongoing", "TBC", "n/a",
    "May", "Sept.", "September", "dec", "winter", "spring", "autumn", "9999", "0000", "00/00/00",
])  # fmt: skip


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = parse_deadline(text)
    assert isinstance(result, Deadline)
    assert result.date is None or isinstance(result.date, datetime.date)
    if not result.is_understood:  # it may still say which date does not exist, as "0/0/2000" does
        assert (result.date, result.is_ongoing) == (None, False)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=12), st.sampled_from([" ", "", " - ", "/"]))
def test_date_like_fragments_never_raise(fragments: list[str], joiner: str) -> None:
    result = parse_deadline(joiner.join(fragments))
    assert isinstance(result, Deadline)
    if result.date is not None:
        # "2099/00 - winter - winter": each range end is the next one after its start, a year per step at most
        assert D(1900, 1, 1) <= result.date <= D(2101 + len(fragments), 12, 31)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=D(1950, 1, 1), max_value=D(2098, 12, 31)))
def test_any_written_date_is_its_own_deadline(day: datetime.date) -> None:
    for text in (day.isoformat(), day.strftime("%d/%m/%Y"), f"Due {day.day} {day.strftime('%B %Y')}"):
        assert parse_deadline(text) == Deadline(day, False, True), text
    assert parse_deadline(f"{day.strftime('%B %Y')} and ongoing").is_ongoing


AS_OF = D(2024, 3, 1)


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (D(2023, 1, 15), D(2024, 3, 15), 14),
        (D(2023, 1, 15), D(2024, 3, 14), 13),
        (D(2024, 3, 1), D(2024, 3, 31), 0),
        (D(2024, 3, 1), D(2024, 3, 1), 0),
        (D(2024, 3, 1), D(2023, 3, 1), 0),  # later is earlier
        (D(2023, 9, 1), D(2024, 3, 1), 6),  # exactly six months: stale
        (D(2023, 9, 2), D(2024, 3, 1), 5),
        (D(2023, 1, 31), D(2023, 2, 28), 1),  # end of a shorter month counts
        (D(2024, 1, 31), D(2024, 2, 29), 1),
        (D(2024, 1, 31), D(2024, 2, 28), 0),
        (D(2023, 12, 31), D(2024, 1, 1), 0),
        (D(2019, 11, 30), D(2024, 3, 1), 51),
    ],
)
def test_months_between(earlier: datetime.date, later: datetime.date, months: int) -> None:
    assert months_between(earlier, later) == months


# ----------------------------------------------------------------- the one rule for date fields

DAY = WrittenDate(2025, 2, 28)
MONTH = WrittenDate(2025, 2, None)
DATE_FIELDS = [
    # (written, as a day field, where a month is enough)
    ("2025-02-28", DAY, DAY),
    ("2025-2-8", WrittenDate(2025, 2, 8), WrittenDate(2025, 2, 8)),
    ("28/02/2025", DAY, DAY),
    ("28/2/25", DAY, DAY),
    ("28.02.2025", DAY, DAY),
    ("28-02-2025", DAY, DAY),
    ("28 February 2025", DAY, DAY),
    ("28 february 2025", DAY, DAY),
    ("28th Feb 2025", DAY, DAY),
    ("28 Feb. 2025", DAY, DAY),
    ("  28  February   2025 ", DAY, DAY),
    ("February 2025", None, MONTH),
    ("Feb 2025", None, MONTH),
    ("2025-02", None, MONTH),
    ("31/02/2025", NoSuchDate(2025, 2, 31), NoSuchDate(2025, 2, 31)),
    ("29 February 2023", NoSuchDate(2023, 2, 29), NoSuchDate(2023, 2, 29)),
    ("2024-04-31", NoSuchDate(2024, 4, 31), NoSuchDate(2024, 4, 31)),
    ("00/02/2025", NoSuchDate(2025, 2, 0), NoSuchDate(2025, 2, 0)),
    ("02/28/2025", NoSuchDate(2025, 28, 2), NoSuchDate(2025, 28, 2)),
    ("2025-13", None, NoSuchDate(2025, 13)),
    ("28 Febuary 2025", UnknownMonth("Febuary"), UnknownMonth("Febuary")),
    ("Febuary 2025", None, UnknownMonth("Febuary")),
    ("29/02/2024", WrittenDate(2024, 2, 29), WrittenDate(2024, 2, 29)),
    ("28/02/0205", None, None),  # a year no plan has
    ("2025/02/28", None, None),
    ("28/02-2025", None, None),
    ("2025-02-28 10:00", None, None),
    ("next week", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "day", "day_or_month"), DATE_FIELDS)
def test_every_date_field_reads_the_same_forms(text: str, day: object, day_or_month: object) -> None:
    assert read_date(text) == day
    assert read_date(text, month_is_enough=True) == day_or_month


@pytest.mark.parametrize(("text", "day", "day_or_month"), DATE_FIELDS)
def test_a_date_field_and_a_due_date_agree(text: str, day: object, day_or_month: object) -> None:
    """What a date field reads as a day, a due date reads as the same deadline; what it refuses as a
    date that does not exist, a due date names too."""
    deadline = parse_deadline(text)
    if isinstance(day_or_month, WrittenDate):
        assert deadline.date == (day_or_month.date if day_or_month.day else _last_day(day_or_month))
    if isinstance(day_or_month, NoSuchDate):
        assert deadline.no_such_date == day_or_month and not deadline.is_understood


def _last_day(month: WrittenDate) -> datetime.date:
    following = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


@settings(deadline=None)
@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)))
def test_any_real_day_is_read_in_all_three_forms(day: datetime.date) -> None:
    for text in (day.isoformat(), f"{day:%d/%m/%Y}", f"{day.day} {day:%B %Y}"):
        assert read_date(text) == WrittenDate(day.year, day.month, day.day), text
    assert read_date(f"{day:%B %Y}", month_is_enough=True) == WrittenDate(day.year, day.month, None)


@settings(deadline=None)
@given(st.text(max_size=40))
def test_reading_a_date_field_never_raises(text: str) -> None:
    read_date(text)
    read_date(text, month_is_enough=True)
