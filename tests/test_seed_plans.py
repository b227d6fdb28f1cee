"""The five bundled plans are complete: counts taken by hand from the source documents."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from actionplan.derive.views import derive_site
from actionplan.pipeline import Options, check
from tests.helpers import BUNDLED_BASE_URL, REPO, SEED_PLANS


@pytest.fixture(scope="module")
def site():
    model, problems = check(Options(content=REPO / "content", base_url=BUNDLED_BASE_URL))
    assert [str(p) for p in problems] == []
    return derive_site(model, datetime.date(2026, 11, 24))


def _plan(site, council: str, slug: str):
    return next(p for p in site.plans if p.council.slug == council and p.plan.slug == slug)


@pytest.mark.parametrize(("council", "slug", "recs", "actions", "per_rec"), SEED_PLANS, ids=[e[0] for e in SEED_PLANS])
def test_counts_match_the_source(site, council: str, slug: str, recs: int, actions: int, per_rec: list[int]) -> None:
    plan = _plan(site, council, slug)
    assert len(plan.recommendations) == recs
    assert plan.breakdown.total == actions
    assert [r.breakdown.total for r in plan.recommendations] == per_rec


def test_all_five_councils_are_published(site) -> None:
    assert sorted(c.council.slug for c in site.councils) == [e[0] for e in SEED_PLANS]


def test_huntingdonshire_reproduces_its_own_headline(site) -> None:
    plan = _plan(site, "huntingdonshire", "cpc-2024")
    assert [(h.group_title, h.actions, h.recommendations) for h in plan.headlines] == [
        ("Formal recommendations", 27, 8),  # "27 actions linked to 8 recommendations"
        ("Additional recommendations and suggestions", 7, 7),
    ]


def test_halton_recommendations_covered_by_the_first(site) -> None:
    plan = _plan(site, "halton", "cpc-2019")
    first, second, third = plan.recommendations[:3]
    assert second.covered_by and second.covered_by.url == first.url
    assert third.covered_by and third.covered_by.url == first.url
    assert [link.heading.printed for link in first.covers] == ["Recommendation 2", "Recommendation 3"]


def test_north_tyneside_nests_sub_actions(site) -> None:
    rec = _plan(site, "north-tyneside", "cpc-2019").recommendations[2]
    parents = [a for a in rec.actions if a.children]
    assert [a.action.label for a in parents] == ["4.", "5.", "6."]
    assert [len(a.children) for a in parents] == [6, 5, 8]


def test_huntingdonshire_underway_is_in_progress_in_the_councils_words(site) -> None:
    plan = _plan(site, "huntingdonshire", "cpc-2024")
    underway = [a for a in plan.all_actions() if a.action.status_text in ("Underway", "Both actions underway")]
    assert len(underway) == 8
    assert {a.status_key for a in underway} == {"in-progress"}
    assert plan.breakdown.by_status()["on-track"] == 0


def test_what_the_format_could_not_say_before(site) -> None:
    """Headings, one status for two actions, and progress without a date have fields of their own."""
    plan = _plan(site, "north-tyneside", "cpc-2019")
    headings = [a.action.text for top in plan.recommendations[2].actions for a in top.walk() if a.action.is_heading]
    assert headings == [
        f"Our {what}: The following actions are taking place" for what in ("Team", "Resources", "Technology")
    ]
    north_tyneside = plan.all_actions()
    assert not any(a.action.is_heading for a in north_tyneside)
    ict = next(a.action for a in north_tyneside if a.action.label == "6. f.")
    assert (ict.due, ict.progress_note) == (None, "Considered regularly by ICT Board")
    shared = [a.action for a in _plan(site, "huntingdonshire", "cpc-2024").all_actions() if a.action.status_shared_with]
    assert [a.status_text for a in shared] == ["Both actions underway", "Both actions underway"]


def test_every_plan_names_its_source_and_explains_itself(site) -> None:
    for plan in site.plans:
        assert plan.plan.sources and plan.plan.notes, plan.plan.slug


def test_hartlepool_keeps_source_numbering_and_gaps(site) -> None:
    plan = _plan(site, "hartlepool", "cpc-2022")
    rec7, rec8 = plan.recommendations[6], plan.recommendations[7]
    assert [a.action.label for a in rec7.actions] == ["i)", "iii)"]
    assert [a.action.label for a in rec8.actions][:2] == ["a) i)", "b) i)"]


def test_huntingdonshire_dates_only_the_events_its_text_gives_a_day() -> None:
    """The source's days of events become updates; none records a status, and the planned ones say so."""
    model, _ = check(Options(content=REPO / "content", base_url=BUNDLED_BASE_URL))
    plan = next(p for c in model.councils if c.slug == "huntingdonshire" for p in c.plans)
    updates = [
        (u.date.isoformat(), u.status, u.note) for r in plan.recommendations for a in r.actions for u in a.updates
    ]
    assert [day for day, _, _ in updates] == ["2025-01-17", "2025-02-01", "2025-02-24"]
    assert {status for _, status, _ in updates} == {None}  # the source gives no status word with these dates
    assert [("planned" in note.lower()) for _, _, note in updates] == [False, True, True]


def test_north_tyneside_and_hartlepool_date_their_past_events_by_the_month() -> None:
    """Past events their sources date by a month become month-dated updates with the status the source gives;
    a date before the action's own work, a deadline and a date that may be a target do not."""
    model, _ = check(Options(content=REPO / "content", base_url=BUNDLED_BASE_URL))
    plans = {c.slug: p for c in model.councils for p in c.plans}
    found = {
        slug: [
            (u.written, u.is_month, u.status.key if u.status else None)
            for r in plans[slug].recommendations
            for top in r.actions
            for a in top.walk()
            for u in a.updates
        ]
        for slug in ("north-tyneside", "hartlepool")
    }
    assert found == {
        "north-tyneside": [
            ("2019-04", True, "complete"),  # 1.1: the briefings, September 2018 to April 2019
            ("2019-05", True, "complete"),  # 1.2: agreed by Cabinet in May 2019
            ("2019-04", True, "complete"),  # 2.1: the same briefings
            ("2019-04", True, "complete"),  # 2.2: "in the same period"
        ],
        "hartlepool": [("2023-02", True, "complete")] * 2,  # "Completed - February 2023", listed twice
    }


def test_no_other_bundled_plan_has_a_dated_update() -> None:
    """Harlow's and Halton's sources date no past event: none is invented."""
    model, _ = check(Options(content=REPO / "content", base_url=BUNDLED_BASE_URL))
    dated = {
        council.slug
        for council in model.councils
        for plan in council.plans
        for rec in plan.recommendations
        for top in rec.actions
        for action in top.walk()
        if action.updates
    }
    assert dated == {"huntingdonshire", "north-tyneside", "hartlepool"}


def test_north_tynesides_page_places_only_dated_statuses_on_its_dates(bundled_site: Path) -> None:
    """Its 17 other statuses are undated: the history counts them on no date and says so; updates show months."""
    page = BeautifulSoup((bundled_site / "north-tyneside/cpc-2019/index.html").read_text("utf-8"), "html.parser")
    table = page.select(".history__table tr")
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table]
    assert rows[1:] == [["April 2019", "3", "37", "40"], ["May 2019", "4", "36", "40"]]
    said = page.find(string=re.compile("The plan does not say when 17 actions' statuses were reported"))
    assert said is not None
    recent = [t.get_text() for t in page.select(".recent-update time")]
    assert recent == ["May 2019", "April 2019", "April 2019", "April 2019"]
    first = page.select_one(".recent-update__action")
    assert first is not None and first.get_text().startswith("Recommendation 1, action 2: “The approach")
