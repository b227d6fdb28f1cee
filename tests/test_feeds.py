"""Atom feeds: valid to RFC 4287, read by a real feed parser, with ids that never move."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from actionplan.commands.build import build
from actionplan.exports.feeds import SITE_FEED_ENTRIES
from actionplan.pipeline import Options
from tests.helpers import AS_OF, BUNDLED_BASE_URL, REPO, add_updates, edit_plan

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ABSOLUTE = re.compile(r"^https?://[^/\s]+/\S*$")


def rfc4287_problems(data: bytes) -> list[str]:
    """Return every way ``data`` breaks the rules RFC 4287 states with MUST (sections 4.1 and 4.2)."""
    root = etree.fromstring(data)
    problems: list[str] = []
    if root.tag != f"{ATOM}feed":
        return [f"the root is {root.tag}, not atom:feed"]

    def exactly_one(parent: etree._Element, name: str, where: str) -> etree._Element | None:
        found = parent.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where} has {len(found)} atom:{name}, not exactly one")
        return found[0] if found else None

    def check_date(element: etree._Element | None, where: str) -> None:
        if element is not None and not RFC3339.match(element.text or ""):
            problems.append(f"{where}: {element.text!r} is not an RFC 3339 date-time")

    def check_id(element: etree._Element | None, where: str) -> None:
        if element is not None and not ABSOLUTE.match(element.text or ""):
            problems.append(f"{where}: the id {element.text!r} is not an absolute IRI")

    def check_authors(parent: etree._Element, where: str) -> None:
        for author in parent.findall(f"{ATOM}author"):
            if len(author.findall(f"{ATOM}name")) != 1 or not (author.findtext(f"{ATOM}name") or "").strip():
                problems.append(f"{where}: an atom:author has no single atom:name")

    def check_links(parent: etree._Element, where: str) -> None:
        links = parent.findall(f"{ATOM}link")
        pairs = [(link.get("rel", "alternate"), link.get("type"), link.get("hreflang")) for link in links]
        if not all(link.get("href") for link in links):
            problems.append(f"{where}: an atom:link has no href")
        alternates = [p for p in pairs if p[0] == "alternate"]
        if len(alternates) != len(set(alternates)):
            problems.append(f"{where}: two alternate links with the same type and hreflang")

    check_id(exactly_one(root, "id", "the feed"), "the feed")
    exactly_one(root, "title", "the feed")
    check_date(exactly_one(root, "updated", "the feed"), "the feed's updated")
    check_authors(root, "the feed")
    check_links(root, "the feed")
    feed_has_author = bool(root.findall(f"{ATOM}author"))
    if not root.findall(f"{ATOM}link[@rel='self']"):
        problems.append("the feed has no rel=self link (RFC 4287 says SHOULD; validators warn)")
    ids: set[str] = set()
    for n, entry in enumerate(root.findall(f"{ATOM}entry"), 1):
        where = f"entry {n}"
        entry_id = exactly_one(entry, "id", where)
        check_id(entry_id, where)
        if entry_id is not None:
            if entry_id.text in ids:
                problems.append(f"{where}: the id {entry_id.text} is used twice")
            ids.add(entry_id.text or "")
        exactly_one(entry, "title", where)
        check_date(exactly_one(entry, "updated", where), f"{where}'s updated")
        check_authors(entry, where)
        check_links(entry, where)
        if not feed_has_author and not entry.findall(f"{ATOM}author"):
            problems.append(f"{where} has no author, and neither has the feed")
        contents = entry.findall(f"{ATOM}content")
        if len(contents) > 1:
            problems.append(f"{where} has {len(contents)} atom:content")
        if not contents and not entry.findall(f"{ATOM}link[@rel='alternate']") and not entry.findall(f"{ATOM}link"):
            problems.append(f"{where} has neither content nor an alternate link")
        if contents and contents[0].get("type") not in (None, "text", "html", "xhtml"):
            problems.append(f"{where}: content of type {contents[0].get('type')} needs a summary too")
    return problems


def test_the_checker_finds_what_rfc_4287_forbids() -> None:
    """A test that cannot fail is a defect: the checker must reject the feed the old code wrote."""
    old = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><id>feed.xml</id><title>T</title>'
        b"<updated>2024-01-01T00:00:00Z</updated><link href=''/>"
        b"<entry><id>a</id><id>b</id><updated>2024-01-01</updated></entry></feed>"
    )
    found = "\n".join(rfc4287_problems(old))
    for words in (
        "not an absolute IRI",
        "an atom:link has no href",
        "entry 1 has 2 atom:id",
        "entry 1 has 0 atom:title",
    ):
        assert words in found
    assert "entry 1's updated: '2024-01-01' is not an RFC 3339 date-time" in found
    assert "entry 1 has no author, and neither has the feed" in found


def _feeds(site: Path) -> list[Path]:
    return sorted(site.rglob("feed.xml"))


def test_every_feed_is_valid_atom(sample_site: Path, bundled_site: Path) -> None:
    feeds = _feeds(sample_site) + _feeds(bundled_site)
    assert len(feeds) == 2 + 6  # a site feed each, and one per plan
    for path in feeds:
        data = path.read_bytes()
        assert rfc4287_problems(data) == [], path
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.author_detail.name


def test_the_plan_feed_has_an_entry_per_update_newest_first(sample_site: Path) -> None:
    parsed = feedparser.parse((sample_site / "exampleton/cpc-2025/feed.xml").read_bytes())
    base = "https://plans.exampleton.gov.uk/exampleton/cpc-2025/"
    assert [(e.id, e.updated[:10]) for e in parsed.entries] == [
        (f"{base}1/#action-1.i/update-2026-01-20", "2026-01-20"),
        (f"{base}1/#action-1.i/update-2025-09-30", "2025-09-30"),
    ]
    newest = parsed.entries[0]
    assert newest.link == f"{base}1/#action-1.i--update-2026-01-20"  # the update itself, on its page
    assert newest.title == "Exampleton, action i): On track – Agree a ten-year vision with partners"
    # The note is HTML, rendered from the plan's markdown, never the markdown itself.
    assert newest.content[0].type == "text/html"
    assert newest.content[0].value == (
        '<p>First draft shared with <a href="https://www.exampleton.gov.uk/vision">partners</a>.</p>'
    )
    assert parsed.feed.author_detail == {"name": "Exampleton Borough Council", "email": "web@exampleton.gov.uk"}
    assert parsed.feed.updated == "2026-01-31T00:00:00+00:00"  # the plan's own "updated" date


def test_the_site_feed_is_capped_and_newest_first(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    for source in sorted(content.glob("*/*.yaml")):
        if source.name != "council.yaml":
            edit_plan(source, lambda p: [add_updates(r, [0]) for r in p["recommendations"]])
    build(Options(content=content, output=tmp_path / "site", base_url=BUNDLED_BASE_URL, as_of=AS_OF))
    site = tmp_path / "site"
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    plan_entries = [
        e for path in _feeds(site) if path != site / "feed.xml" for e in feedparser.parse(path.read_bytes()).entries
    ]
    assert len(plan_entries) > SITE_FEED_ENTRIES
    expected = sorted(plan_entries, key=lambda e: (e.updated, e.id), reverse=True)[:SITE_FEED_ENTRIES]
    assert [e.id for e in parsed.entries] == [e.id for e in expected]
    assert rfc4287_problems((site / "feed.xml").read_bytes()) == []


def test_each_page_names_its_feed(sample_site: Path) -> None:
    plan = (sample_site / "exampleton/cpc-2025/index.html").read_text("utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="[./]*feed.xml">', plan)
    assert re.search(r'title="Progress updates: [^"]+" href="../../exampleton/cpc-2025/feed.xml">', plan)
    home = (sample_site / "index.html").read_text("utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="All progress updates" href="feed.xml">' in home


@pytest.mark.parametrize("name", ["feed.xml", "exampleton/cpc-2025/feed.xml"])
def test_feed_dates_are_the_plans_not_the_clock(sample_site: Path, name: str) -> None:
    updated = etree.fromstring((sample_site / name).read_bytes()).findtext(f"{ATOM}updated") or ""
    assert datetime.datetime.fromisoformat(updated).date() == datetime.date(2026, 1, 31)
