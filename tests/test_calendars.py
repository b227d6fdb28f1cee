"""Deadline calendars: read back by an iCalendar parser, one all-day event per deadline, UIDs that never move."""

from __future__ import annotations

import datetime
from pathlib import Path

import icalendar

from actionplan.derive.views import derive_site
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
