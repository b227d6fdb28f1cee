"""Every number a reader sees is true: overdue only after a later report, dated statuses, no "0 overdue"."""

from __future__ import annotations

import csv
import datetime
import io
import json
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from actionplan.commands.build import build
from actionplan.pipeline import Options
from tests.helpers import REPO

AS_OF = datetime.date(2025, 1, 15)

PLAN = textwrap.dedent(
    """\
    title: Four kinds of lateness
    recommendations:
      - id: "1"
        title: Deliver the plan
        actions:
          - id: overdue
            text: Reported not complete after its deadline
            due: 2024-06-30
            updates:
              - {date: 2024-09-01, status: on track, note: Still going.}
          - id: no-report
            text: Last reported before its deadline
            due: June 2024
            updates:
              - {date: 2024-03-01, status: Underway, note: Begun.}
          - id: late
            text: Completed after its deadline
            due: March 2024
            updates:
              - {date: 2024-02-01, status: on track, note: Begun.}
              - {date: 2024-07-15, status: complete, note: Done.}
          - id: no-deadline
            text: Given no deadline
            status: Underway
            status_text: Underway, as the council wrote
            updates:
              - {date: 2024-05-01, note: A note without a status.}
    """
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("honest")
    (root / "content/testshire").mkdir(parents=True)
    (root / "content/testshire/council.yaml").write_text("name: Testshire Council\n", "utf-8")
    (root / "content/testshire/cpc-2024.yaml").write_text(PLAN, "utf-8")
    build(Options(content=root / "content", output=root / "site", as_of=AS_OF))
    return root / "site"


def _text(node: object) -> str:
    return " ".join(BeautifulSoup(str(node), "html.parser").get_text(" ").split())


def _action(site: Path, action: str) -> str:
    soup = BeautifulSoup((site / "testshire/cpc-2024/1/index.html").read_text("utf-8"), "html.parser")
    item = soup.find(id=f"action-{action}")
    assert item is not None
    return str(item)


@pytest.mark.parametrize(
    ("action", "shown", "not_shown"),
    [
        ("overdue", ['class="tag tag--overdue">Overdue<', "(reported 1 September 2024)"], ["Deadline passed"]),
        (
            "no-report",
            ["Deadline passed, no progress reported since", "In progress", "(reported 1 March 2024)"],
            ["tag--overdue"],
        ),
        (
            "late",
            ["Completed late", "Reported complete on 15 July 2024, 3 months after the deadline."],
            ["tag--overdue", "Deadline passed"],
        ),
        (
            "no-deadline",
            ["In progress", "“Underway, as the council wrote”", "(date not given)"],
            ["tag--overdue", "Deadline passed", "Completed late"],
        ),
    ],
)
def test_each_kind_of_lateness_is_said_on_its_action(site: Path, action: str, shown: list[str], not_shown: list[str]):
    html = _action(site, action)
    text = _text(html)
    for words in shown:
        assert words in html or words in text, (action, words)
    for words in not_shown:
        assert words not in html, (action, words)


def test_the_plan_page_counts_only_the_overdue_one_as_overdue(site: Path) -> None:
    soup = BeautifulSoup((site / "testshire/cpc-2024/index.html").read_text("utf-8"), "html.parser")
    verdict = _text(soup.select_one(".verdict"))
    assert "1 overdue" in verdict
    assert "1 past its deadline with no progress reported since" in verdict
    overdue = ["overdue" in row["data-status"].split() for row in soup.select("#actions-table tbody tr")]
    assert overdue == [True, False, False, False]
    when = _text(soup.select_one(".verdict__when"))
    assert when == "Newest dated progress: 1 September 2024. The plan does not say when 1 status was reported."
    caption = _text(soup.select_one(".breakdown__table caption"))
    assert caption == "Actions by status, as reported up to 1 September 2024 (some statuses are undated)"
    assert "15 January 2025" not in caption


EXPECTED = {
    "overdue": ("on-track", None, "2024-09-01", True, True, "overdue"),
    "no-report": ("in-progress", None, "2024-03-01", True, False, "no-report-since"),
    "late": ("complete", None, "2024-07-15", False, False, "completed-late"),
    "no-deadline": ("in-progress", "Underway, as the council wrote", None, False, False, "no-deadline"),
}
FIELDS = ("status", "status_text", "status_date", "deadline_passed", "overdue", "timeliness")


def test_exports_carry_the_same_truth(site: Path) -> None:
    rows = json.loads((site / "data/actions.json").read_text("utf-8"))
    assert {r["action"]: tuple(r[f] for f in FIELDS) for r in rows} == EXPECTED
    raw = (site / "data/actions.csv").read_bytes().decode("utf-8-sig")
    table = {r["action"]: tuple(r[f] for f in FIELDS) for r in csv.DictReader(io.StringIO(raw, newline=""))}

    def as_csv(value: object) -> str:
        return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)

    assert table == {k: tuple(as_csv(v) for v in values) for k, values in EXPECTED.items()}
    plan = json.loads((site / "data/plans.json").read_text("utf-8"))[0]
    assert (plan["overdue"], plan["no_report_since_deadline"], plan["with_deadline"]) == (1, 1, 3)


# ------------------------------------------------------------------ the bundled plans, as of 2025-01-15


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundled") / "site"
    build(Options(content=REPO / "content", output=out, as_of=AS_OF))
    return out


@pytest.mark.parametrize("council", ["hartlepool", "harlow", "halton"])
def test_no_bundled_action_without_a_later_report_is_overdue(bundled: Path, council: str) -> None:
    for page in (bundled / council).rglob("*.html"):
        assert "tag--overdue" not in page.read_text("utf-8"), page
    rows = [r for r in json.loads((bundled / "data/actions.json").read_text("utf-8")) if r["council"] == council]
    assert rows and not any(r["overdue"] for r in rows)
    plans = [p for p in json.loads((bundled / "data/plans.json").read_text("utf-8")) if p["council"] == council]
    assert [p["overdue"] for p in plans] == [None if council == "halton" else 0]  # Halton gives no deadlines


def test_passed_deadlines_are_still_shown_as_such(bundled: Path) -> None:
    rows = json.loads((bundled / "data/actions.json").read_text("utf-8"))
    passed = {c: sum(r["deadline_passed"] for r in rows if r["council"] == c) for c in ("harlow", "hartlepool")}
    assert passed == {"harlow": 51, "hartlepool": 24}
    page = (bundled / "harlow/cpc-2023/index.html").read_text("utf-8")
    assert "51</strong> past their deadlines with no progress reported since" in page


@pytest.mark.parametrize("council", ["halton", "huntingdonshire"])
def test_plans_without_deadlines_never_say_0_overdue(bundled: Path, council: str) -> None:
    pages = list((bundled / council).rglob("*.html")) + [bundled / "index.html"]
    for page in pages:
        assert "0 overdue" not in _text(page.read_text("utf-8")), page
    plan_page = next((bundled / council).glob("*/index.html"))
    assert "No deadlines given" in _text(plan_page.read_text("utf-8"))
