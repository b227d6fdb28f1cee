"""Deadline calendars: read back by an iCalendar parser, one all-day event per deadline, UIDs that never move,
and the same bytes as icalendar writes."""

from __future__ import annotations

import datetime
from pathlib import Path

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar.parser import Contentline

from actionplan.derive.views import derive_site
from actionplan.exports.calendars import PRODUCT_ID, Deadline, calendar_file, fold
from actionplan.pipeline import Options, check
from tests.helpers import AS_OF, SAMPLE


def _events(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar.name == "VCALENDAR"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"])
    return list(calendar.walk("VEVENT"))


def test_every_calendar_is_well_formed_rfc_5545(sample_site: Path, bundled_site: Path) -> None:
    calendars = sorted(sample_site.rglob("deadlines.ics")) + sorted(bundled_site.rglob("deadlines.ics"))
    assert len(calendars) == 1 + 5
    for path in calendars:
        data = path.read_bytes()
        lines = data.split(b"\r\n")
        assert lines[-1] == b"", f"{path}: lines end with CRLF, the last one too"
        assert all(len(line) <= 75 for line in lines), f"{path}: a content line is longer than 75 octets"
        assert b"\n" not in data.replace(b"\r\n", b""), f"{path}: a bare line feed"
        uids = set()
        for event in _events(path):
            for required in ("uid", "dtstamp", "dtstart", "dtend", "summary"):
                assert required in event, f"{path}: an event without {required}"
            start, end = event.decoded("dtstart"), event.decoded("dtend")
            assert type(start) is datetime.date, "a deadline is an all-day event"
            assert end == start + datetime.timedelta(days=1)
            assert str(event["uid"]) not in uids
            uids.add(str(event["uid"]))


def test_one_event_per_action_with_a_deadline(sample_site: Path) -> None:
    site, _ = check(Options(content=SAMPLE))
    plan = derive_site(site, AS_OF).plans[0]
    expected = {
        f"{a.recommendation_id}/#action-{a.action.id}/deadline": a.due_date for a in plan.all_actions() if a.due_date
    }
    assert len(expected) == 4
    events = _events(sample_site / "exampleton/cpc-2025/deadlines.ics")
    base = "https://plans.exampleton.gov.uk/exampleton/cpc-2025/"
    found = {str(e["uid"]).removeprefix(base): e.decoded("dtstart") for e in events}
    assert found == expected
    vision = next(e for e in events if "#action-1.i/" in str(e["uid"]))
    assert str(vision["summary"]) == "Deadline for action i) (Exampleton): Agree a ten-year vision with partners"
    assert str(vision["url"]) == base + "1/#action-1.i"
    assert "Due: September / October 2026 (deadline taken as 31 October 2026)" in str(vision["description"])


def test_the_stamp_is_the_plans_date_not_the_clock(sample_site: Path) -> None:
    events = _events(sample_site / "exampleton/cpc-2025/deadlines.ics")
    assert {e.decoded("dtstamp") for e in events} == {datetime.datetime(2026, 1, 31, tzinfo=datetime.UTC)}


# The calendar's lines are written and folded by our own code (icalendar folded a character at a time):
# these compare them, byte for byte, with what icalendar writes.

_PIECES = st.sampled_from(
    [*"aZ9 .,:;\\^\"'\r\n\t\0\u00e9\u2013\u4e2d\U0001f600", "\r\n", "\\N", "\\n", "^^", "https://"]
    + ["x" * 70, "\u00e9" * 40]  # long runs reach the fold
)
_TEXT = st.one_of(
    st.lists(_PIECES, max_size=60).map("".join),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
)
_ONE_LINE = _TEXT.map(lambda text: " ".join(text.split()))  # as Words.say gives names and titles
_DEADLINES = st.lists(
    st.builds(
        Deadline,
        uid=_TEXT,
        day=st.dates(max_value=datetime.date(9998, 12, 30)),
        summary=_TEXT,
        description=_TEXT,
        url=_ONE_LINE,
    ),
    max_size=4,
)


def _written_by_icalendar(name: str, url: str, stamp: datetime.datetime, deadlines: list[Deadline]) -> bytes:
    """Return the calendar as icalendar's ``to_ical()`` writes it: how calendars were written before."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("url", url)
    for deadline in deadlines:
        event = icalendar.Event()
        event.add("uid", deadline.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.day)
        event.add("dtend", deadline.day + datetime.timedelta(days=1))
        event.add("summary", deadline.summary)
        event.add("description", deadline.description)
        event.add("url", deadline.url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


@given(name=_ONE_LINE, url=_ONE_LINE, day=st.dates(), deadlines=_DEADLINES)
def test_a_calendar_is_written_as_icalendar_writes_it(
    name: str, url: str, day: datetime.date, deadlines: list[Deadline]
) -> None:
    stamp = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    assert calendar_file(name, url, stamp, deadlines) == _written_by_icalendar(name, url, stamp, deadlines)


@given(_TEXT.map(lambda text: text.replace("\n", "")))
def test_a_line_is_folded_as_icalendar_folds_it(line: str) -> None:
    folded = fold(line.encode())
    assert folded == Contentline(line).to_ical()
    assert all(len(piece) <= 75 for piece in folded.split(b"\r\n"))
    assert folded.replace(b"\r\n ", b"") == line.encode()


@pytest.mark.parametrize(
    ("line", "folded"),
    [
        ("a" * 74, "a" * 74),  # 74 octets fit: the next line's leading space makes 75
        ("a" * 75, "a" * 74 + "\r\n a"),
        ("a" * 148, "a" * 74 + "\r\n " + "a" * 74),
        ("a" * 73 + "\u00e9b", "a" * 73 + "\r\n \u00e9b"),  # é is two octets: never split
        ("a" * 72 + "\u00e9b", "a" * 72 + "\u00e9\r\n b"),
        ("a" * 73 + "\\,b", "a" * 73 + "\r\n \\,b"),  # an escape is not split
        ("a" * 72 + "\\,b", "a" * 72 + "\\,\r\n b"),
        ("a" * 73 + "^nb", "a" * 73 + "\r\n ^nb"),
        ("a" * 72 + "\U0001f600" + "b", "a" * 72 + "\r\n \U0001f600b"),  # four octets
    ],
)
def test_where_a_line_folds(line: str, folded: str) -> None:
    assert fold(line.encode()) == folded.encode()


def test_a_name_of_more_than_one_line_is_refused() -> None:
    """NAME is written verbatim (icalendar's type for it does not escape), so a line break would start a property."""
    stamp = datetime.datetime(2026, 1, 31, tzinfo=datetime.UTC)
    with pytest.raises(ValueError, match="one line"):
        calendar_file("Deadlines\r\nBEGIN:VEVENT", "https://plans.example/", stamp, [])
