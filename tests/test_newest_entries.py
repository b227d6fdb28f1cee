"""The site's feed takes the newest entries of every plan's, whatever order the councils' parts come in."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from actionplan.exports.feeds import SITE_FEED_ENTRIES, Entry
from actionplan.exports.files import FeedEntries
from actionplan.render.site import NewestEntries

days = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2026, 12, 31))
plans = st.lists(st.lists(days, max_size=3 * SITE_FEED_ENTRIES // 2), max_size=8)


@given(plans=plans, order=st.randoms(use_true_random=False))
def test_the_newest_entries_of_all_plans_are_kept(plans: list[list[datetime.date]], order: object) -> None:
    feeds, every = [], []
    for p, plan_days in enumerate(plans):
        entries = [Entry(f"urn:plan-{p}:{i}", day, "title", "link", "html") for i, day in enumerate(plan_days)]
        entries.sort(key=lambda e: (e.day, e.id), reverse=True)  # as a plan's feed gives them, newest first
        feeds.append(FeedEntries.of(entries))
        every += entries[:SITE_FEED_ENTRIES]
    order.shuffle(feeds)  # type: ignore[attr-defined]
    newest = NewestEntries()
    for feed in feeds:
        newest.add(feed)
    expected = sorted(every, key=lambda e: (e.day, e.id))[-SITE_FEED_ENTRIES:]
    assert sorted(newest.entries(), key=lambda e: (e.day, e.id)) == expected


def test_a_plan_whose_entries_are_all_older_is_not_unpickled() -> None:
    newest = NewestEntries()
    new = [Entry(f"urn:new:{i}", datetime.date(2026, 1, 1), "t", "l", "h") for i in range(SITE_FEED_ENTRIES)]
    newest.add(FeedEntries.of(new))
    old = FeedEntries(FeedEntries.of([Entry("urn:old", datetime.date(2020, 1, 1), "t", "l", "h")]).newest, b"x")
    newest.add(old)  # b"x" is no pickle: unpickling it would raise
    assert newest.entries() and all(entry.id.startswith("urn:new") for entry in newest.entries())
