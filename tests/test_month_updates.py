"""An update dated by its month ("agreed by Cabinet in May 2019") is shown as that month in every output,
never as a made-up day, and is ordered and judged as of the month's last day."""

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
from tests.helpers import PUBLISHED_SITE, write_tree

PLAN = textwrap.dedent(
    """\
    title: Peer challenge 2019 – action plan
    review_date: November 2018
    reports:
      - {date: 2019-04-30, title: "Cabinet, 30 April 2019"}
      - {date: June 2019, title: "Cabinet, June 2019"}
    recommendations:
      - id: "1"
        label: "1."
        title: Improve customer service
        actions:
          - id: programme
            label: a)
            text: Agree a customer service programme
            due: April 2019
            updates:
              - {date: 2019-05-10, status: in-progress, note: Draft approach circulated.}
              - {date: May 2019, status: complete, note: Approach agreed by Cabinet.}
    """
)
AS_OF = datetime.date(2019, 8, 1)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("month-updates")
    content = write_tree(
        root / "content",
        {"site.yaml": PUBLISHED_SITE, "acme/council.yaml": "name: Acme Council\n", "acme/cpc-2019.yaml": PLAN},
    )
    build(Options(content=content, output=root / "site", as_of=AS_OF))
    return root / "site"


def _page(site: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text("utf-8"), "html.parser")


def _times(soup: BeautifulSoup, css: str) -> list[tuple[str, str]]:
    return [(str(t["datetime"]), t.get_text()) for t in soup.select(css)]


def test_the_recommendation_page_shows_the_month(site: Path) -> None:
    soup = _page(site, "acme/cpc-2019/1")
    assert _times(soup, ".timeline__date time") == [("2019-05-10", "10 May 2019"), ("2019-05", "May 2019")]
    assert "31 May 2019" not in soup.get_text()
    completed = soup.select_one(".status-text")
    assert completed is not None
    assert completed.text == "Reported complete in May 2019, less than a month after the deadline."


def test_recent_updates_put_the_month_after_its_days(site: Path) -> None:
    soup = _page(site, "acme/cpc-2019")
    assert _times(soup, ".recent-update time") == [("2019-05", "May 2019"), ("2019-05-10", "10 May 2019")]
    assert "31 May 2019" not in soup.get_text()


def test_a_report_lists_the_update_by_its_month(site: Path) -> None:
    soup = _page(site, "acme/cpc-2019/reports/2019-06")
    assert _times(soup, ".report-table__date time") == [("2019-05", "May 2019")]
    assert "31 May 2019" not in soup.get_text()


def test_a_report_lists_an_update_added_by_its_month(site: Path) -> None:
    soup = _page(site, "acme/cpc-2019/reports/2019-06")
    heading = soup.find(["h3", "h4"], string="Updates added")
    added = [li.get_text(" ", strip=True) for li in heading.find_next("ul").find_all("li")] if heading else []
    said = [text.split(": ", 1)[1] for text in added]
    assert said == ["update of 10 May 2019 In progress", "update of May 2019 Complete"]


def test_the_open_data_give_the_month_as_written(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "data/updates.csv").read_text("utf-8-sig"))))
    assert [(r["update"], r["date"]) for r in rows] == [("2019-05-10", "2019-05-10"), ("2019-05", "2019-05")]
    actions = json.loads((site / "data/actions.json").read_text("utf-8"))
    assert [a["last_update"] for a in actions] == ["2019-05"]


def test_a_feed_entry_is_timestamped_at_the_months_last_day(site: Path) -> None:
    feed = BeautifulSoup((site / "acme/cpc-2019/feed.xml").read_text("utf-8"), "xml")
    entries = [(e.id.text.rsplit("/", 1)[-1], e.updated.text) for e in feed.find_all("entry")]
    assert entries[0][1] == "2019-05-31T00:00:00+00:00"
    assert entries[0][0].endswith("2019-05") and entries[1][0].endswith("2019-05-10")


def test_the_plan_page_says_a_month_report_shows_the_end_of_its_month(site: Path) -> None:
    soup = _page(site, "acme/cpc-2019")
    since = soup.find(id="since-report")
    said = since.find_next("p").get_text(" ", strip=True) if since else ""
    assert said == (
        "From the end of June 2019 to 1 August 2019. The report shows the plan as it stood at the end of June 2019."
    )
    report = _page(site, "acme/cpc-2019/reports/2019-06").get_text(" ", strip=True)
    assert "as it stood at the end of June 2019" in report and "that day" not in report


def test_the_appendix_names_each_recommendation_by_its_number_and_first_words(site: Path) -> None:
    cell = _page(site, "acme/cpc-2019/reports/2019-06").select_one(".report-table td")
    assert cell is not None and [t.get_text() for t in cell.find_all(["a", "span"])] == [
        "Recommendation 1",
        "Improve customer service",
    ]
    table = list(csv.reader(io.StringIO((site / "acme/cpc-2019/reports/2019-06/report.csv").read_text("utf-8-sig"))))
    assert table[1][:2] == ["Recommendation 1", "Improve customer service"]
