"""A plan's reports and when actions joined or left it: read into the model, in order, with their defaults."""

from __future__ import annotations

import datetime
import textwrap

from actionplan.model import Report
from actionplan.pipeline import Options, check

D = datetime.date

PLAN = textwrap.dedent(
    """\
    title: Peer challenge 2023 – action plan
    review_date: March 2023
    updated: 2024-02-01
    reports:
      - {date: 12/02/2024, title: "Cabinet, 12 February 2024", url: "https://example.gov.uk/cabinet"}
      - {date: 2023-10-05, title: "Progress review", kind: progress-review}
    recommendations:
      - id: "1"
        title: Set a clear vision
        actions:
          - id: first
            text: Appoint a manager
          - id: later
            text: Review the structure
            added: 2023-11-01
            withdrawn: 01/02/2024
            withdrawn_reason: Merged into the first action.
            actions:
              - id: child
                text: Count the posts
              - id: own
                text: Ask the staff
                added: 2023-12-01
                withdrawn: 2024-03-01
    """
)


def test_reports_are_read_oldest_first_with_committee_the_default_kind(content) -> None:
    site, problems = check(Options(content=content(PLAN)))
    assert [str(p) for p in problems] == []
    assert site.councils[0].plans[0].reports == (
        Report(D(2023, 10, 5), "Progress review", None, "progress-review"),
        Report(D(2024, 2, 12), "Cabinet, 12 February 2024", "https://example.gov.uk/cabinet", "committee"),
    )


def test_a_sub_action_joins_no_earlier_and_leaves_no_later_than_its_parent(content) -> None:
    site, _ = check(Options(content=content(PLAN)))
    first, later = site.councils[0].plans[0].recommendations[0].actions
    child, own = later.actions
    assert (first.added, first.withdrawn) == (None, None)
    assert (later.added, later.withdrawn, later.withdrawn_reason) == (
        D(2023, 11, 1),
        D(2024, 2, 1),
        "Merged into the first action.",
    )
    assert (child.added, child.withdrawn) == (D(2023, 11, 1), D(2024, 2, 1))
    assert (own.added, own.withdrawn) == (D(2023, 12, 1), D(2024, 2, 1))


def test_an_action_is_in_the_plan_from_its_added_day_until_the_day_before_its_withdrawal(content) -> None:
    site, _ = check(Options(content=content(PLAN)))
    first, later = site.councils[0].plans[0].recommendations[0].actions
    assert first.in_plan_on(D(2000, 1, 1))
    days = (D(2023, 10, 31), D(2023, 11, 1), D(2024, 1, 31), D(2024, 2, 1))
    assert [later.in_plan_on(day) for day in days] == [False, True, True, False]


def test_a_report_the_source_dates_by_its_month_stands_for_the_end_of_it(content, cli) -> None:
    """ "Updated February 2024": the report is known once February has ended, and is shown and addressed by
    the month, never by a day the source did not give."""
    month = "  - {date: February 2025, title: Six month update}\n"
    plan = PLAN.replace("  - {date: 2023-10-05,", month + "  - {date: 2023-10-05,")
    site, problems = check(Options(content=content(plan)))
    assert [str(p) for p in problems] == []
    report = site.councils[0].plans[0].reports[-1]
    assert (report.date, report.is_month, report.written) == (D(2025, 2, 28), True, "2025-02")
    assert cli("build", "--content", str(content(plan))).code == 0
    page = (content(plan).parent / "site/testshire/cpc-2023/reports/2025-02/index.html").read_text("utf-8")
    assert "checked as at February 2025, the date of this report" in page
    assert '<time datetime="2025-02">February 2025</time>' in (
        content(plan).parent / "site/testshire/cpc-2023/index.html"
    ).read_text("utf-8")


def test_a_month_and_a_day_at_its_end_are_the_same_report(content) -> None:
    plan = PLAN.replace("  - {date: 2023-10-05,", "  - {date: 2024-02, title: February}\n  - {date: 2023-10-05,")
    plan = plan.replace("{date: 12/02/2024,", "{date: 29/02/2024,")
    _, problems = check(Options(content=content(plan)))
    assert [p.message for p in problems if p.is_error] == ["this plan already has a report on 2024-02 (line 5)"]
