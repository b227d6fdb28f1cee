"""Atom feeds (RFC 4287) of progress updates, written by feedgen: one for the site and one per plan.

Every entry is one dated update of one action. Its id is built from the action's
stable id and the update's id, so it never changes when other actions are added,
and a feed reader shows each update once. Feeds need absolute ids, so they are
written only for a site with a ``base_url``.
"""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from ..addresses import Urls
from ..derive.views import ActionView, PlanView, SiteView, UpdateView, end_of_period
from ..model import Owner
from .words import Words

SITE_FEED_ENTRIES = 50  # a feed reader wants what is new, not the whole history of every plan
GENERATOR = "actionplan"


@dataclass(frozen=True)
class Entry:
    id: str
    day: datetime.date
    title: str
    link: str
    html: str


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def _entry(plan: PlanView, action: ActionView, update: UpdateView, urls: Urls, words: Words) -> Entry:
    note = (
        update.note
        if update.note.strip()
        else Markup("<p>{}</p>").format(words.say("entry_without_note", action, update))
    )
    return Entry(
        id=urls.feed_entry(action.url, update.id),
        day=update.date,
        title=words.say("entry_title", plan, action, update),
        link=urls.absolute(update.url),  # the update itself, on its recommendation's page
        html=str(note),
    )


def plan_entries(plan: PlanView, urls: Urls, words: Words) -> list[Entry]:
    """Return an entry per dated update of the plan, newest first."""
    entries = [_entry(plan, a, u, urls, words) for a in plan.all_actions() for u in a.updates]
    return sorted(entries, key=lambda e: (e.day, e.id), reverse=True)


def newest_date(plan: PlanView) -> datetime.date | None:
    """Return the newest date the plan itself gives: a feed or calendar changes only when the plan does."""
    p = plan.plan
    known = [u.date for a in plan.all_actions() for u in a.updates]
    known += [end_of_period(d) for d in (p.updated, p.review_date) if d]
    known += [p.published] if p.published else []
    return max(known, default=None)


def _author(owner: Owner, fallback: str) -> dict[str, str]:
    """Return the site owner as the feed's author, which RFC 4287 requires (named by the site title at least)."""
    author = {"name": owner.name or fallback}
    if owner.email:
        author["email"] = owner.email
    if owner.url and owner.url.startswith(("https://", "http://")):
        author["uri"] = owner.url
    return author


def atom(view: SiteView, address: str, title: str, page: str, updated: datetime.date, entries: list[Entry]) -> bytes:
    """Return the Atom document at ``address``, about the page at ``page``."""
    urls = view.urls
    feed = FeedGenerator()
    feed.id(urls.absolute(address))
    feed.title(title)
    feed.author(_author(view.site.owner, view.site.title))
    feed.link(href=urls.absolute(page), rel="alternate", type="text/html")
    feed.link(href=urls.absolute(address), rel="self", type="application/atom+xml")
    feed.language(view.site.language)
    feed.generator(GENERATOR)
    feed.updated(_midnight(updated))
    for e in entries:
        item = feed.add_entry(order="append")
        item.id(e.id)
        item.title(e.title)
        item.updated(_midnight(e.day))
        item.link(href=e.link, rel="alternate", type="text/html")
        item.content(e.html, type="html")
    data: bytes = feed.atom_str(pretty=True)
    return data


def plan_feed(plan: PlanView, view: SiteView, words: Words, entries: list[Entry]) -> bytes:
    """Return the plan's feed: every dated update, newest first (``entries`` is ``plan_entries``'s)."""
    updated = newest_date(plan) or view.as_of
    title = words.say("plan_feed_title", plan)
    return atom(view, plan.feed_url, title, plan.url, updated, entries)


def site_feed(view: SiteView, words: Words, entries: Iterable[Entry], updated: datetime.date) -> bytes:
    """Return the site's feed: the newest of every plan's ``SITE_FEED_ENTRIES`` newest entries; ``updated`` is
    the newest date any plan gives."""
    newest = heapq.nlargest(SITE_FEED_ENTRIES, entries, key=lambda e: (e.day, e.id))
    return atom(view, view.urls.feed, words.say("site_feed_title", view), view.urls.home, updated, newest)
