"""The plan page's history: progress over time (chart and table), recent updates and the LGA timetable."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.commands.build import build
from actionplan.derive.history import KEYS, history
from actionplan.derive.views import PlanView, derive_site
from actionplan.model import Action, Plan, Recommendation, Update
from actionplan.model.dates import parse_deadline
from actionplan.model.progress import ReportDate, reported_status
from actionplan.model.statuses import build_status_words
from actionplan.pipeline import Options, check
from tests.helpers import AS_OF, SAMPLE, write_tree

PLAN_PAGE = "exampleton/cpc-2025/index.html"
# The fixture's words for statuses, and the category each counts as (tests/fixtures/sample/exampleton/cpc-2025.yaml).
CATEGORY = {"on-track": "on-track", "Paused": "at-risk", "done": "complete", "complete": "complete"}
CATEGORY["not-started"] = "not-started"
CATEGORY["in-progress"] = "in-progress"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("history") / "site"
    build(Options(content=SAMPLE, output=folder, as_of=AS_OF))
    return folder


def _page(site: Path, name: str = PLAN_PAGE) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text("utf-8"), "html.parser")


def _actions(nodes: list[dict]) -> list[dict]:
    return [a for node in nodes for a in (node, *_actions(node.get("actions", [])))]


def _expected_counts() -> dict[str, dict[str, int]]:
    """Count the fixture's actions by status on each dated report, read straight from its YAML."""
    plan = yaml.safe_load((SAMPLE / "exampleton" / "cpc-2025.yaml").read_text("utf-8"))
    actions = _actions([a for rec in plan["recommendations"] for a in rec.get("actions", [])])
    updated = plan["updated"]  # a day in this fixture
    days = {updated} | {u["date"] for a in actions for u in a.get("updates", []) if "status" in u}
    days |= {r["date"] for r in plan.get("reports", [])}
    counts = {}
    for day in sorted(days):
        row: dict[str, int] = {}
        for action in actions:
            if action.get("added", day) > day or action.get("withdrawn", datetime.date.max) <= day:
                continue  # not in the plan that day
            reports = [(u["date"], 0, u["status"]) for u in action.get("updates", []) if "status" in u]
            if "status" in action:
                reports.append((updated, 1, action["status"]))  # the plan's own word wins on its date
            known = sorted(r for r in reports if r[0] <= day)
            category = CATEGORY[known[-1][2]] if known else "none"
            row[category] = row.get(category, 0) + 1
        counts[day.strftime("%-d %B %Y")] = row
    return counts


def _table(page: BeautifulSoup) -> dict[str, dict[str, int]]:
    table = page.find("caption", id="history-caption").find_parent("table")
    columns = [th.get_text(strip=True) for th in table.thead.find_all("th")][1:]
    rows = {}
    for tr in table.tbody.find_all("tr"):
        cells = [int(td.get_text()) for td in tr.find_all("td")]
        rows[str(tr.th.contents[0]).strip()] = {c: n for c, n in zip(columns, cells, strict=True) if n}
    return rows


def test_the_history_table_matches_counts_made_from_the_updates(sample_site: Path) -> None:
    words = {
        "complete": "Completed",
        "on-track": "On track",
        "at-risk": "At risk",
        "not-started": "Not started",
        "none": "No status given",
        "in-progress": "In progress",
    }
    expected = {
        day: {**{words[k]: n for k, n in row.items()}, "All actions": sum(row.values())}
        for day, row in _expected_counts().items()
    }
    assert len(expected) == 7  # four days with a status, and three reports
    assert _table(_page(sample_site)) == expected


def test_a_date_with_a_report_links_to_its_page(sample_site: Path) -> None:
    table = _page(sample_site).find("caption", id="history-caption").find_parent("table")
    links = {str(tr.th.contents[0]).strip(): tr.th.a for tr in table.tbody.find_all("tr") if tr.th.a}
    assert {day: a.get_text() for day, a in links.items()} == {
        "14 October 2025": "Cabinet, 14 October 2025",
        "10 February 2026": "Overview and Scrutiny, 10 February 2026",
        "20 March 2026": "LGA progress review",
    }
    for a in links.values():
        assert (sample_site / PLAN_PAGE).parent.joinpath(a["href"], "index.html").resolve().is_file()


def test_the_chart_draws_each_date_with_labels_and_a_text_alternative(sample_site: Path) -> None:
    page = _page(sample_site)
    svg = page.find("svg", class_="history__chart")
    assert svg["role"] == "img"
    assert {i: page.find(id=i).get_text() for i in svg["aria-labelledby"].split()} == {
        "history-chart-title": "Chart: actions by status on each date a status was reported",
        "history-chart-desc": "0 of 5 actions complete on 30 September 2025; 2 of 5 on 20 March 2026. "
        "The table after the chart gives every number.",
    }
    assert [t.get_text() for t in svg.find_all("text", class_="history__date")] == list(_table(page))
    assert [t.get_text() for t in svg.find_all("text", class_="history__tick")] == ["0", "2", "4", "6"]
    assert svg.find("text", class_="history__axis-title").get_text() == "Number of actions"
    key = [t.get_text() for t in svg.find_all("text", class_="history__key")]
    assert key == ["Completed", "In progress", "On track", "At risk", "Not started", "No status given"]
    # Every part of every bar has its pattern over its colour, so colour is never alone.
    parts = svg.find_all("rect", class_="bar__segment")
    patterns = svg.find_all("rect", class_="history__pattern")
    bands = sum(len(row) - 1 for row in _table(page).values())  # each date's statuses, less its total
    assert len(parts) == len(patterns) == bands + len(key)
    assert all(
        p["fill"] == f"url(#history-pattern-{r['class'][1].removeprefix('bar__segment--')})"
        for r, p in zip(parts, patterns, strict=True)
    )
    assert not page.find_all(style=True)


def _derive(tmp_path: Path, plan: str, as_of: datetime.date = AS_OF) -> PlanView:
    write_tree(tmp_path / "content", {"site.yaml": "title: Plans\n", "testshire/council.yaml": "name: Testshire\n"})
    write_tree(tmp_path / "content", {"testshire/cpc.yaml": plan})
    site, problems = check(Options(content=tmp_path / "content"))
    assert site is not None and not [p for p in problems if p.severity == "error"]
    return derive_site(site, as_of).plans[0]


ONE_SNAPSHOT = """\
title: Peer challenge – action plan
updated: 2026-02
recommendations:
  - id: "1"
    title: Set a clear vision
    actions:
      - {text: Agree the vision, due: June 2027, status: on-track, updates: [{date: 2025-10-01, note: Met.}]}
      - {text: Publish it, due: June 2027, status: complete}
"""


def test_a_single_snapshot_is_shown_as_one_row_not_a_chart(tmp_path: Path) -> None:
    history = _derive(tmp_path, ONE_SNAPSHOT).history
    assert history.chart is None
    assert [(s.date.text, [(c.key, c.count) for c in s.cells]) for s in history.snapshots] == [
        ("2026-02", [("complete", 1), ("on-track", 1)])
    ]


def test_a_month_is_counted_at_its_end_after_the_days_within_it(tmp_path: Path) -> None:
    plan = ONE_SNAPSHOT.replace("note: Met.}", "note: Met., status: not-started}").replace("2025-10-01", "2026-02-10")
    history = _derive(tmp_path, plan).history
    assert [(s.date.text, s.count("not-started"), s.count("none")) for s in history.snapshots] == [
        ("2026-02-10", 1, 1),
        ("2026-02", 0, 0),
    ]
    assert history.chart is not None
    for bar in history.chart.bars:
        assert sum(float(b.width) for b in bar.bands) == pytest.approx(100)


REPORTED = """\
title: Peer challenge – action plan
review_date: 2025-03
reports:
  - {date: 2025-11-04, title: "Cabinet, 4 November 2025"}
  - {date: 2026-01-14, title: Progress review, kind: progress-review, url: https://example.gov.uk/review}
recommendations:
  - id: "1"
    title: Set a clear vision
    actions:
      - text: Agree the vision
        updates:
          - {date: 2025-10-01, status: in-progress, note: Begun.}
          - {date: 2026-01-10, status: complete, note: Agreed.}
      - {text: Consult residents, added: 2025-12-01, updates: [{date: 2025-12-05, status: not-started, note: Planned.}]}
      - {text: Draft the old vision, withdrawn: 2026-01-01, withdrawn_reason: Replaced by the new vision}
"""


def test_reports_are_dates_and_each_date_counts_the_actions_then_in_the_plan(tmp_path: Path) -> None:
    history = _derive(tmp_path, REPORTED).history
    rows = [(s.date.text, s.total, [(c.key, c.count) for c in s.cells]) for s in history.snapshots]
    assert rows == [
        ("2025-10-01", 2, [("complete", 0), ("in-progress", 1), ("not-started", 0), ("none", 1)]),
        ("2025-11-04", 2, [("complete", 0), ("in-progress", 1), ("not-started", 0), ("none", 1)]),  # a report
        ("2025-12-05", 3, [("complete", 0), ("in-progress", 1), ("not-started", 1), ("none", 1)]),  # one added
        ("2026-01-10", 2, [("complete", 1), ("in-progress", 0), ("not-started", 1), ("none", 0)]),  # one withdrawn
        ("2026-01-14", 2, [("complete", 1), ("in-progress", 0), ("not-started", 1), ("none", 0)]),
    ]
    assert history.total == 3  # the axis is as long as the most actions on any date


def test_a_progress_review_report_completes_the_timetable(tmp_path: Path) -> None:
    states = [(s.kind.value, s.state.value, s.done_on) for s in _derive(tmp_path, REPORTED).timetable]
    assert states == [
        ("plan-published", "not-dated", None),
        ("progress-review", "done", datetime.date(2026, 1, 14)),
        ("review-report", "done-undated", None),
    ]


def test_a_status_the_plan_does_not_date_is_on_no_date(tmp_path: Path) -> None:
    """Without ``updated``, an action's own status holds on no date: only dated updates place statuses."""
    plan = ONE_SNAPSHOT.replace("updated: 2026-02\n", "").replace("note: Met.}", "note: Met., status: on-track}")
    history = _derive(tmp_path, plan).history
    assert [(s.date.text, [(c.key, c.count) for c in s.cells]) for s in history.snapshots] == [
        ("2025-10-01", [("on-track", 1), ("none", 1)])  # "Publish it" is complete, but the plan does not say since when
    ]
    assert history.undated == 1


def test_no_dated_status_no_history(tmp_path: Path) -> None:
    plan = _derive(
        tmp_path,
        ONE_SNAPSHOT.replace("updated: 2026-02\n", "").replace("updates: [{date: 2025-10-01, note: Met.}]", ""),
    )
    assert plan.history.snapshots == ()
    assert plan.history.chart is None


def test_recent_updates_name_their_actions_newest_first(tmp_path: Path) -> None:
    updates = ", ".join(f"{{date: 2025-{m:02d}-01, note: Month {m}.}}" for m in range(1, 13))
    plan = ONE_SNAPSHOT.replace("updates: [{date: 2025-10-01, note: Met.}]", f"label: a), updates: [{updates}]")
    view = _derive(tmp_path, plan, datetime.date(2025, 11, 15))  # the December update is after the as-of date
    assert view.updates_total == 11
    assert [r.update.date.month for r in view.recent_updates] == [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]
    first = view.recent_updates[0]
    assert (first.recommendation.number, first.action_label, first.action_words) == ("1", "a)", "Agree the vision")
    assert first.url == "testshire/cpc/1/#action-1.a--update-2025-11-01"


def test_recent_updates_link_to_the_updates_on_their_pages(sample_site: Path) -> None:
    items = _page(sample_site).find("ol", class_="recent-updates").find_all("li")
    assert [li.a.get_text() for li in items] == [
        "Recommendation 1, action i): “Agree a ten-year vision with partners”"
    ] * 2
    assert [li.time["datetime"] for li in items] == ["2026-01-20", "2025-09-30"]
    assert [li.find(class_="tag").get_text() for li in items] == ["On track", "Not started"]
    for li in items:
        page, anchor = li.a["href"].split("#")
        target = (sample_site / PLAN_PAGE).parent / page / "index.html"
        assert _page(sample_site, str(target.resolve().relative_to(sample_site.resolve()))).find(id=anchor).name == "li"


@pytest.mark.parametrize(
    ("as_of", "states"),
    [
        (datetime.date(2025, 6, 19), ["Upcoming", "Upcoming", "Upcoming"]),  # published the next day
        (datetime.date(2025, 12, 1), ["Done", "Upcoming", "Upcoming"]),
        (datetime.date(2026, 2, 15), ["Done", "Not recorded yet", "Upcoming"]),
        (datetime.date(2026, 4, 1), ["Done", "Done", "Not recorded"]),  # the sample's progress review: 20 March 2026
    ],
)
def test_the_timetable_at_several_dates(tmp_path: Path, as_of: datetime.date, states: list[str]) -> None:
    build(Options(content=SAMPLE, output=tmp_path / "site", as_of=as_of))
    steps = _page(tmp_path / "site").find("ol", class_="timetable").find_all("li")
    assert [li.find(class_="tag").get_text() for li in steps] == states
    assert "by June 2025; at the latest by August 2025" in steps[0].get_text()


def test_no_review_date_no_timetable(tmp_path: Path) -> None:
    assert _derive(tmp_path, ONE_SNAPSHOT).timetable == ()


def test_a_report_dated_by_its_month_names_the_month_it_stands_for(tmp_path: Path) -> None:
    reports = "reports:\n  - {date: February 2026, title: Update}\n"
    plan = ONE_SNAPSHOT.replace("updated: 2026-02\n", "updated: 2026-02\n" + reports)
    (snapshot,) = _derive(tmp_path, plan).history.snapshots
    assert (snapshot.date.text, snapshot.report and snapshot.report.title) == ("2026-02", "Update")
    assert snapshot.report_url == "testshire/cpc/reports/2026-02/"


_WRITTEN = st.sampled_from(["2024-05", "2024-05-31", "2024-05-01", "2024-06", "2024-06-15", "2024-04-30"])
_WORD = st.sampled_from([None, "complete", "on-track", "at-risk", "not-started"])
_ACTION = st.tuples(
    st.lists(st.tuples(_WRITTEN, _WORD), max_size=4),
    _WORD,
    st.one_of(st.none(), st.dates(datetime.date(2024, 4, 1), datetime.date(2024, 7, 1))),
)


@settings(deadline=None)
@given(st.lists(_ACTION, min_size=1, max_size=5), st.one_of(st.none(), _WRITTEN))
def test_each_date_counts_each_action_by_the_status_reported_by_then(actions, updated) -> None:
    """The counts, worked out once per run of days an action's status holds, are those of asking every action
    its status on every date."""
    words = build_status_words(())

    def update(written: str, word: str | None) -> Update:
        when = ReportDate.parse(written)
        return Update(written, when.last, words.lookup(word) if word else None, "", None, is_month=when.is_month)

    made = tuple(
        Action(f"1.{i}", None, "Do it", None, None, parse_deadline(""), words.lookup(status) if status else None,
               None, tuple(update(*u) for u in updates), (), None, added=added)
        for i, (updates, status, added) in enumerate(actions)
    )  # fmt: skip
    rec = Recommendation("1", None, "Do things", None, "", "", None, None, made)
    plan = Plan("p", "c", "Plan", None, None, None, updated, None, "", words.statuses, (), (rec,), "p.yaml")
    shown = history(plan, {}, datetime.date(2024, 7, 31), {})
    for snapshot in shown.snapshots:
        day = snapshot.date.last
        reports = [reported_status(a, updated, day) for a in made if a.in_plan_on(day)]
        categories = [r.status.category if r and r.date else "none" for r in reports]
        assert {key: snapshot.count(key) for key in KEYS} == {key: categories.count(key) for key in KEYS}
