"""Calendars (RFC 5545) of a plan's deadlines, written by icalendar, so councillors can subscribe.

Each action with a deadline is an all-day event on that day. Its UID is built from
the action's stable id, so a calendar that has subscribed updates the event in place
when the plan changes, rather than showing it twice. UIDs must be unique beyond this
site, so calendars are written only for a site with a ``base_url``.
"""

from __future__ import annotations

import datetime

import icalendar

from ..derive.views import PlanView, SiteView
from .feeds import newest_date
from .words import Words

PRODUCT_ID = "-//actionplan//Action plan deadlines//EN"


def _stamp(plan: PlanView, view: SiteView) -> datetime.datetime:
    """Return the plan's own newest date as DTSTAMP: the build's clock would change the bytes every day."""
    day = newest_date(plan) or view.as_of
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def plan_calendar(plan: PlanView, view: SiteView, words: Words) -> bytes:
    """Return the plan's deadlines as an iCalendar file."""
    urls = view.urls
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = words.say("calendar_name", plan)
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # what most calendar programs read
    calendar.add("url", urls.absolute(plan.url))
    stamp = _stamp(plan, view)
    for action in plan.all_actions():
        if action.due_date is None:
            continue
        event = icalendar.Event()
        event.add("uid", urls.calendar_uid(action.url))
        event.add("dtstamp", stamp)
        event.add("dtstart", action.due_date)
        event.add("dtend", action.due_date + datetime.timedelta(days=1))
        event.add("summary", words.say("deadline_summary", plan, action))
        event.add("description", words.text("deadline_description", plan, action))
        event.add("url", urls.absolute(action.url))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
