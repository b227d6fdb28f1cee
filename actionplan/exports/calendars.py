"""Calendars (RFC 5545) of a plan's deadlines, so councillors can subscribe.

Each action with a deadline is an all-day event on that day. Its UID is built from
the action's stable id, so a calendar that has subscribed updates the event in place
when the plan changes, rather than showing it twice. UIDs must be unique beyond this
site, so calendars are written only for a site with a ``base_url``.

icalendar's value types encode each value (text escapes, dates, URIs), as its
``Calendar.to_ical()`` would, a property's values of every event at once; the content
lines are put together and folded here, in the order ``to_ical()`` gives them, because
icalendar builds several objects for each property and folds every line a character at
a time: that took 3 of the 3.8 CPU seconds that 445 calendars cost
(tests/test_calendars.py proves the bytes the same).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from typing import NamedTuple

from icalendar.prop import TypesFactory

from ..derive.views import PlanView, SiteView
from .feeds import newest_date
from .words import Words

PRODUCT_ID = "-//actionplan//Action plan deadlines//EN"

LINE_OCTETS = 75
"""RFC 5545 §3.1: a content line SHOULD NOT be longer than 75 octets, line break excluded."""

_VALUE_TYPES = TypesFactory()
_UTF8_CONTINUATION = 0x80  # 0b10xxxxxx: a byte inside a character, never its first
_ESCAPE_STARTS = b"\\^"  # how a TEXT escape (\n, \,) and an RFC 6868 parameter escape (^n) begin


class Deadline(NamedTuple):
    """One all-day event: an action's deadline."""

    uid: str
    day: datetime.date
    summary: str
    description: str
    url: str


def fold(line: bytes) -> bytes:
    """Fold a UTF-8 content line into pieces of at most 74 octets joined by CRLF and a space (RFC 5545 §3.1).

    As icalendar 7 folds: never inside a character, and never right after a
    backslash or a caret (icalendar issue 1501: some programs misread an escape that a fold splits),
    which then begins the next piece instead. A piece of a folded line has at least
    71 octets, so moving one character on never leaves it empty.
    """
    longest = LINE_OCTETS - 1  # the space that starts each next line counts towards its 75
    if len(line) <= longest:
        return line
    pieces = []
    start = 0
    while len(line) - start > longest:
        end = start + longest
        while line[end] & 0xC0 == _UTF8_CONTINUATION:
            end -= 1
        if line[end - 1] in _ESCAPE_STARTS:
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return b"\r\n ".join(pieces)


def content_line(name: str, value: object) -> bytes:
    """Return the property's folded content line, its value encoded by the type icalendar gives that property."""
    encoded = _VALUE_TYPES.for_property(name)(value)
    params = encoded.params.to_ical() if encoded.params else b""
    head = name.upper().encode() + (b";" + params if params else b"")
    line = head + b":" + encoded.to_ical()
    if b"\n" in line or b"\r" in line:  # a type that writes its value verbatim (NAME): it would start a property
        raise ValueError(f"a calendar's {name} must be one line: {value!r}")
    return fold(line)


def _encoded(name: str, values: list[str]) -> list[bytes]:
    """Return the property's values encoded by the type icalendar gives it, as one value of that type.

    A calendar has dozens of events, and a value of icalendar's costs more to make than to encode. Its
    encodings (TEXT escapes, URIs as they are) change one character or a pair at a time and never a NUL, so
    values joined by a NUL come out joined by it. Content never holds a NUL; values that do are encoded one by one.
    """
    value_type = _VALUE_TYPES.for_property(name)
    joined = "\0".join(values)
    if not values or joined.count("\0") != len(values) - 1:
        return [value_type(value).to_ical() for value in values]
    encoded: list[bytes] = value_type(joined).to_ical().split(b"\0")
    return encoded


@functools.cache
def _day_lines(day: datetime.date) -> tuple[bytes, bytes]:
    """Return an all-day event's DTSTART and DTEND lines: deadlines share a few days (the end of a quarter)."""
    return content_line("dtstart", day), content_line("dtend", day + datetime.timedelta(days=1))


_BEGIN_EVENT = content_line("begin", "VEVENT")
_END_EVENT = content_line("end", "VEVENT")
_TRANSPARENT = content_line("transp", "TRANSPARENT")  # a deadline does not make anyone busy
_HEAD = (
    content_line("begin", "VCALENDAR"),
    content_line("version", "2.0"),
    content_line("prodid", PRODUCT_ID),
    content_line("calscale", "GREGORIAN"),
)
_END_CALENDAR = content_line("end", "VCALENDAR")


def calendar_file(name: str, url: str, stamp: datetime.datetime, deadlines: Iterable[Deadline]) -> bytes:
    """Return an iCalendar file of the deadlines, byte for byte as icalendar's ``Calendar.to_ical()`` writes it."""
    lines = [
        *_HEAD,
        content_line("name", name),  # RFC 7986
        content_line("x-wr-calname", name),  # what most calendar programs read
        content_line("url", url),
    ]
    stamp_line = content_line("dtstamp", stamp)
    deadlines = list(deadlines)
    columns = (
        _encoded(field, [getattr(d, field) for d in deadlines]) for field in ("summary", "uid", "description", "url")
    )
    for deadline, summary, uid, description, address in zip(deadlines, *columns, strict=True):
        start, end = _day_lines(deadline.day)
        lines += (
            _BEGIN_EVENT,
            fold(b"SUMMARY:" + summary),
            start,
            end,
            stamp_line,
            fold(b"UID:" + uid),
            fold(b"DESCRIPTION:" + description),
            _TRANSPARENT,
            fold(b"URL:" + address),
            _END_EVENT,
        )
    lines.append(_END_CALENDAR)
    lines.append(b"")
    return b"\r\n".join(lines)


def _stamp(plan: PlanView, view: SiteView) -> datetime.datetime:
    """Return the plan's own newest date as DTSTAMP: the build's clock would change the bytes every day."""
    day = newest_date(plan) or view.as_of
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def plan_calendar(plan: PlanView, view: SiteView, words: Words) -> bytes:
    """Return the plan's deadlines as an iCalendar file."""
    urls = view.urls
    deadlines = [
        Deadline(
            uid=urls.calendar_uid(action.url),
            day=action.due_date,
            summary=words.say("deadline_summary", plan, action),
            description=words.text("deadline_description", plan, action),
            url=urls.absolute(action.url),
        )
        for action in plan.all_actions()
        if action.due_date is not None
    ]
    return calendar_file(words.say("calendar_name", plan), urls.absolute(plan.url), _stamp(plan, view), deadlines)
