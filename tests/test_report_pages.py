"""Report pages: the plan as it stood on each report's day, what changed since the one before, report.csv
beside it, and links both ways between a plan and its reports. An old report never changes."""

from __future__ import annotations

import csv
import datetime
import io
import textwrap
from pathlib import Path

from bs4 import BeautifulSoup

from actionplan.commands.build import build
from actionplan.pipeline import Options
from actionplan.render.environment import css_string
from tests.helpers import PUBLISHED_SITE, write_tree

PLAN = textwrap.dedent(
    """\
    title: Peer challenge 2024 – action plan
    review_date: March 2024
    reports:
      - {date: 2024-09-10, title: "Cabinet, 10 September 2024", url: "https://example.gov.uk/cabinet/2024-09"}
      - {date: 2025-01-14, title: "Cabinet, 14 January 2025"}
    recommendations:
      - id: "1"
        label: "1."
        title: Set a clear vision for the council
        lead: Chief Executive
        actions:
          - id: vision
            label: a)
            text: Agree the vision with partners
            due: December 2024
            updates:
              - {date: 2024-08-01, status: not-started, note: Planned for the autumn.}
              - {date: 2024-11-02, status: in-progress, note: Workshops held.}
          - id: survey
            label: b)
            text: "=HYPERLINK(\\"https://evil.example\\") a survey of residents"
            due: October 2024
            updates:
              - {date: 2024-07-01, status: on-track, note: Survey designed.}
          - id: comms
            label: c)
            text: Publish the vision
            due: June 2025
            added: 2024-10-01
            updates:
              - {date: 2024-12-01, status: not-started}
          - id: budget
            label: d)
            text: Set a three-year budget
            withdrawn: 2024-12-20
            withdrawn_reason: Replaced by the medium-term financial strategy.
            updates:
              - {date: 2024-09-01, status: at-risk, note: Waiting for the settlement.}
    """
)
FIRST, SECOND = "acme/cpc-2024/reports/2024-09-10/", "acme/cpc-2024/reports/2025-01-14/"
LATER = "          - {date: 2025-03-03, status: complete, note: Vision agreed by Council.}\n"


def _build(tmp_path: Path, plan: str, as_of: datetime.date, name: str = "site") -> Path:
    content = write_tree(
        tmp_path / f"content-{name}",
        {"site.yaml": PUBLISHED_SITE, "acme/council.yaml": "name: Acme Council\n", "acme/cpc-2024.yaml": plan},
    )
    build(Options(content=content, output=tmp_path / name, as_of=as_of))
    return tmp_path / name


def _page(site: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text("utf-8"), "html.parser")


def _rows(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Return each action's label and the status it shows, from the report's table."""
    table = soup.find("table", class_="report-table")
    return [
        (tr.find_all("td")[1].find(class_="action__label").get_text(), tr.find(class_="tag").get_text())
        for tr in table.find("tbody").find_all("tr")
    ]


def _changes(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Return each list of changes under its heading, in words."""
    found: dict[str, list[str]] = {}
    for heading in soup.find(id="changes").find_all_next("h3"):
        if heading.find_previous("h2").get("id") != "changes":
            break
        items = heading.find_next("ul").find_all("li")
        found[heading.get_text()] = [" ".join(li.get_text(" ").split()).replace(" :", ":") for li in items]
    return found


def test_each_report_shows_the_statuses_of_its_day(tmp_path: Path) -> None:
    site = _build(tmp_path, PLAN, datetime.date(2025, 6, 1))
    assert _rows(_page(site, FIRST)) == [("a)", "Not started"), ("b)", "On track"), ("d)", "At risk")]
    assert _rows(_page(site, SECOND)) == [("a)", "In progress"), ("b)", "On track"), ("c)", "Not started")]


def test_each_report_says_what_changed_since_the_one_before(tmp_path: Path) -> None:
    site = _build(tmp_path, PLAN, datetime.date(2025, 6, 1))
    first = _page(site, FIRST)
    assert "first report" in first.find(id="changes").find_next("p").get_text()
    summary = " ".join(_page(site, SECOND).find(class_="change-summary").get_text(" ").split())
    assert summary == (
        "1 status change 0 actions completed 2 deadlines passed 2 updates added "
        "1 action added to the plan 1 action removed from the plan"
    )
    assert _changes(_page(site, SECOND)) == {
        "Status changes": [
            "Recommendation 1, action a) “Agree the vision with partners”: from Not started to In progress"
        ],
        "Deadlines passed without the action reported complete": [
            "Recommendation 1, action a) “Agree the vision with partners”",
            'Recommendation 1, action b) “=HYPERLINK("https://evil.example") a survey of residents”',
        ],
        "Updates added": [
            "Recommendation 1, action a) “Agree the vision with partners”: update of 2 November 2024 In progress",
            "Recommendation 1, action c) “Publish the vision”: update of 1 December 2024 Not started",
        ],
        "Actions added to the plan": ["Recommendation 1, action c) “Publish the vision”"],
        "Actions removed from the plan": [
            "Recommendation 1, action d) “Set a three-year budget” (withdrawn on 20 December 2024) "
            "Replaced by the medium-term financial strategy."
        ],
    }


def test_a_report_page_never_changes_after_later_updates_reports_and_builds(tmp_path: Path) -> None:
    before = _build(tmp_path, PLAN, datetime.date(2025, 2, 1), "before")
    later = PLAN.replace("Workshops held.}\n", "Workshops held.}\n" + LATER)
    later = later.replace(
        '  - {date: 2025-01-14, title: "Cabinet, 14 January 2025"}\n',
        '  - {date: 2025-01-14, title: "Cabinet, 14 January 2025"}\n  - {date: 2025-04-01, title: Scrutiny}\n',
    )
    later += "      - {id: new, text: A new action, added: 2025-03-10, due: May 2025}\n"
    assert later.count("Vision agreed") == 1 and later.count("Scrutiny") == 1
    after = _build(tmp_path, later, datetime.date(2026, 11, 24), "after")
    for report in (FIRST, SECOND):
        for name in ("index.html", "report.csv", "print.css"):
            assert (after / report / name).read_bytes() == (before / report / name).read_bytes(), report + name
    assert (after / "acme/cpc-2024/reports/2025-04-01/index.html").is_file()
    assert (after / "acme/cpc-2024/index.html").read_bytes() != (before / "acme/cpc-2024/index.html").read_bytes()


def test_the_plan_page_links_every_report_and_says_what_changed_since_the_latest(tmp_path: Path) -> None:
    site = _build(tmp_path, PLAN, datetime.date(2025, 6, 1))
    plan = _page(site, "acme/cpc-2024/")
    links = [a["href"] for a in plan.find(id="all-reports").find_next("ul").find_all("a")]
    assert links == ["../../acme/cpc-2024/reports/2024-09-10/", "../../acme/cpc-2024/reports/2025-01-14/"]
    since = plan.find(id="since-report")
    assert "Cabinet, 14 January 2025" in since.get_text()
    report = _page(site, SECOND)
    back = [a for a in report.find("main").find_all("a") if a["href"] == "../../../../acme/cpc-2024/"]
    assert back, "a report links back to its plan"
    previous = report.find("a", string="Cabinet, 10 September 2024")["href"]
    assert previous == "../../../../acme/cpc-2024/reports/2024-09-10/"
    sheets = [link["href"] for link in report.find_all("link", rel="stylesheet", media="print")]
    assert sheets[-1].endswith("acme/cpc-2024/reports/2025-01-14/print.css")


def test_report_csv_is_the_table_in_words_with_formulas_made_text(tmp_path: Path) -> None:
    site = _build(tmp_path, PLAN, datetime.date(2025, 6, 1))
    data = (site / SECOND / "report.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Recommendation", "Recommendation title", "Action", "Lead", "Due", "Status", "Progress note"]
    assert rows[1] == [
        "Recommendation 1",
        "Set a clear vision for the council",
        "a) Agree the vision with partners",
        "Chief Executive",
        "December 2024",
        "In progress (reported 2 November 2024). Deadline passed, no progress reported since",
        "2 November 2024: Workshops held.",
    ]
    assert rows[2][2].startswith("b) =HYPERLINK")  # the label comes first, so no cell starts like a formula
    assert [r[2][:2] for r in rows[1:]] == ["a)", "b)", "c)"]


def test_a_report_prints_with_its_title_date_and_page_numbers_in_the_margins(tmp_path: Path) -> None:
    site = _build(tmp_path, PLAN, datetime.date(2025, 6, 1))
    css = (site / SECOND / "print.css").read_text("utf-8")
    assert "size: A4 landscape" in css
    assert '@top-left { content: "Cabinet, 14 January 2025";' in css
    assert '"14 January 2025"' in css and "counter(page)" in css and "counter(pages)" in css


def test_text_in_the_running_header_can_never_end_its_string() -> None:
    said = css_string('Cabinet "special"; } @import url(x); \\ \n')
    assert said == '"Cabinet \\22 special\\22 ; \\7d  \\40 import url(x); \\5c  \\a "'


def test_a_withdrawn_action_keeps_its_place_on_its_page_but_is_not_counted(tmp_path: Path) -> None:
    site = _build(tmp_path, PLAN, datetime.date(2025, 6, 1))
    page = _page(site, "acme/cpc-2024/1/")
    withdrawn = page.find(id="withdrawn").find_next("ol")
    assert withdrawn.find(id="action-budget") is not None  # old reports link to it
    assert "Replaced by the medium-term financial strategy." in withdrawn.get_text()
    counted = page.find("ol", class_="actions").find_all("li", class_="action")
    assert [li["id"] for li in counted] == ["action-vision", "action-survey", "action-comms"]
