"""Derived values: overdue and due-soon flags, stale notices, headlines and breakdowns."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from actionplan.derive.views import Staleness, derive_site
from actionplan.pipeline import Options, check
from tests.helpers import MINIMAL_PLAN, REPO


def _harlow(as_of: datetime.date):
    site, _ = check(Options(content=REPO / "content"))
    view = derive_site(site, as_of)
    return next(p for p in view.plans if p.council.slug == "harlow")


def test_harlow_flags_match_a_hand_check() -> None:
    # Worked out by hand from content/harlow/cpc-2023.yaml for 20 August 2023: a deadline (end of the month
    # named) before that day on an action not complete has passed; due soon is up to 19 September. Harlow's
    # statuses are undated, so no report is known to be after a deadline: none of them is overdue.
    plan = _harlow(datetime.date(2023, 8, 20))
    flags: dict[str, list[str]] = {"overdue": [], "no-report-since": [], "due-soon": []}
    for rec in plan.recommendations:
        for n, a in enumerate(rec.actions, start=1):  # named by place for the hand check; no action has children
            if a.timeliness in flags:
                flags[a.timeliness].append(f"{rec.rec.id}.{n}")
    assert flags["overdue"] == []
    assert flags["no-report-since"] == [
        "1.3",
        "2.2",
        "3.1",
        "5.3",
        "5.4",
        "5.5",
        "6.1",
        "6.2",
        "7.1",
        "8.1",
        "8.3",
        "9.3",
        "11.3",
        "12.1",
        "13.2",
        "13.3",
    ]
    assert flags["due-soon"] == ["1.2", "1.4", "7.2", "8.2", "10.3"]
    assert (plan.breakdown.overdue, plan.breakdown.no_report_since, plan.breakdown.due_soon) == (0, 16, 5)


def test_flags_are_shown_as_text_on_the_pages(tmp_path) -> None:
    from actionplan.commands.build import build

    build(Options(content=REPO / "content", output=tmp_path / "site", as_of=datetime.date(2023, 8, 20)))
    page = (tmp_path / "site/harlow/cpc-2023/1/index.html").read_text()
    assert 'class="tag tag--overdue"' not in page
    assert page.count('<span class="tag tag--no-report-since">Deadline passed, no progress reported since</span>') == 1
    assert page.count('<strong class="tag tag--due-soon">Due soon</strong>') == 2  # 1.2 and 1.4


@pytest.mark.parametrize(
    ("updated", "as_of", "stale"),
    [
        ("2026-10-01", "2026-11-24", None),
        ("2026-05-25", "2026-11-24", None),
        ("2026-05-24", "2026-11-24", Staleness("2026-05-24", 6)),
        ("2025-09-01", "2026-11-24", Staleness("2025-09-01", 14)),
        ("2026-04", "2026-11-24", Staleness("2026-04", 6)),
    ],
)
def test_staleness(content, updated: str, as_of: str, stale: Staleness | None) -> None:
    root = content(MINIMAL_PLAN.replace("updated: 2026-10-01", f"updated: {updated}"))
    site, _ = check(Options(content=root))
    assert derive_site(site, datetime.date.fromisoformat(as_of)).plans[0].stale == stale


def test_a_plan_without_an_update_date_is_stale(content) -> None:
    site, _ = check(Options(content=content(MINIMAL_PLAN.replace("updated: 2026-10-01\n", ""))))
    assert derive_site(site, datetime.date(2026, 11, 24)).plans[0].stale == Staleness(None, 0, 1)


def test_headline_and_bar_geometry(content) -> None:
    root = content(
        MINIMAL_PLAN + "  - id: '2'\n    title: Second\n    actions:\n      - {text: a, status: complete}\n"
        "      - {text: b, status: complete}\n      - {text: c}\n"
    )
    site, _ = check(Options(content=root))
    plan = derive_site(site, datetime.date(2026, 11, 24)).plans[0]
    assert [(h.actions, h.recommendations) for h in plan.headlines] == [(4, 2)]
    segments = {s.key: (s.count, s.x, s.width) for s in plan.breakdown.segments}
    assert segments["complete"] == (2, "0.00", "50.00")
    assert segments["on-track"] == (1, "50.00", "25.00")
    assert segments["none"] == (1, "75.00", "25.00")
    assert [(s.key, s.label, s.count) for s in plan.breakdown.shown] == [
        ("complete", "Complete", 2),
        ("on-track", "On track", 1),
        ("none", None, 1),  # the theme names it
    ]


def test_plans_listed_newest_first(content) -> None:
    older = MINIMAL_PLAN + "review_date: 2019-09\n"
    newer = MINIMAL_PLAN + "review_date: 2023-03-14\n"
    root = content(older, extra={"testshire/cpc-2023b.yaml": newer})
    site, _ = check(Options(content=root))
    council = derive_site(site, datetime.date(2026, 11, 24)).councils[0]
    assert [p.plan.slug for p in council.plans] == ["cpc-2023b", "cpc-2023"]
    assert [p.plan.review_date for p in council.plans] == ["2023-03-14", "2019-09"]


def test_table_text_is_plain_and_cut_at_a_word(content) -> None:
    long_text = "**Review** the " + "partnership arrangements " * 10
    root = content(MINIMAL_PLAN.replace("text: Agree the vision with partners", f"text: '{long_text}'"))
    site, _ = check(Options(content=root))
    action = derive_site(site, datetime.date(2026, 11, 24)).plans[0].all_actions()[0]
    assert action.short_text.startswith("Review the partnership")
    assert action.short_text.endswith(" partnership…") and len(action.short_text) <= 161
    assert (action.understood_deadline, action.is_ongoing) == (datetime.date(2027, 6, 30), False)


def test_the_stale_banner_counts_from_the_newest_report_the_headline_gives(content) -> None:
    """A dated update after ``updated`` is progress reported: the banner and "Progress last reported" agree."""
    plan = MINIMAL_PLAN.replace("updated: 2026-10-01", "updated: 2024-02")
    newer = plan + "        updates:\n          - {date: 2025-02-24, note: Reported to Cabinet.}\n"
    site, problems = check(Options(content=content(newer)))
    assert not [p for p in problems if p.is_error], problems
    view = derive_site(site, datetime.date(2026, 11, 24)).plans[0]
    assert view.last_reported is not None and view.last_reported.text == "2025-02-24"
    assert view.stale == Staleness("2025-02-24", 21)
    month = newer.replace("2025-02-24", "May 2025")
    site, _ = check(Options(content=content(month)))
    assert derive_site(site, datetime.date(2026, 11, 24)).plans[0].stale == Staleness("2025-05", 17)


def test_huntingdonshires_page_gives_one_last_updated_date(bundled_site: Path) -> None:
    page = (bundled_site / "huntingdonshire/cpc-2024/index.html").read_text("utf-8")
    assert "Progress last reported: 24 February 2025." in page
    assert "Last updated 21 months ago, on 24 February 2025." in page
    assert "February 2024. Progress may have moved on" not in page


def test_undated_statuses_make_the_newest_dated_report_no_last_update(content) -> None:
    """A plan whose own statuses are undated may have reported them after its newest dated update: say so."""
    plan = MINIMAL_PLAN.replace("updated: 2026-10-01\n", "")
    dated = (
        plan + "        updates:\n          - {date: May 2019, status: complete, note: Agreed by Cabinet.}\n"
        "      - {text: Map the partners, status: on-track}\n"
    )
    site, problems = check(Options(content=content(dated)))
    assert not [p for p in problems if p.is_error], problems
    view = derive_site(site, datetime.date(2026, 11, 24)).plans[0]
    assert view.stale == Staleness("2019-05", 89, 1)
    site, _ = check(Options(content=content(dated.replace("status: on-track}", "}"))))
    assert derive_site(site, datetime.date(2026, 11, 24)).plans[0].stale == Staleness("2019-05", 89, 0)


def test_north_tynesides_page_does_not_call_its_newest_dated_update_its_last(bundled_site: Path) -> None:
    page = " ".join((bundled_site / "north-tyneside/cpc-2019/index.html").read_text("utf-8").split())
    assert "Newest dated progress: May 2019. The plan does not say when 17 statuses were reported." in page
    assert "The newest dated progress is from May 2019," in page
    assert "Progress last reported" not in page and "Last updated" not in page
