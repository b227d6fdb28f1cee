"""Every class of content error is reported with its file, line, column and a fix."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from actionplan.pipeline import Options, check
from tests.helpers import BUNDLED_BASE_URL, MINIMAL_PLAN, write_tree

PLAN = "content/testshire/cpc-2023.yaml"

CASES = [
    # (name, plan text, expected "line:col", words in the message)
    ("yaml syntax", "title: [unclosed\nrecommendations: []\n", "1:8", 'the "[" on line 1 is never closed with "]"'),
    ("tab indentation", "title: x\nrecommendations:\n\t- id: '1'\n", "3:1", "line 3 is indented with a tab"),
    ("duplicate key", MINIMAL_PLAN + "title: again\n", "11:1", 'the field "title" is given twice (first on line 1)'),
    ("unknown key", MINIMAL_PLAN.replace("title: Peer", "titel: Peer"), "1:1", 'unknown field "titel"'),
    ("unknown key suggestion", MINIMAL_PLAN.replace("    lead:", "    laed:"), "6:5", 'did you mean "lead"?'),
    ("missing title", MINIMAL_PLAN.replace("    title: Set a clear vision\n", ""), "4:5", 'has no "title"'),
    (
        "missing required top",
        MINIMAL_PLAN.replace("title: Peer challenge 2023 – action plan\n", ""),
        "1:1",
        'the plan has no "title"',
    ),
    (
        "wrong type list",
        MINIMAL_PLAN.replace("    actions:\n", "    actions: some text\n    extra:\n"),
        "7:14",
        '"actions" should be a list',
    ),
    (
        "wrong type mapping",
        "title: x\nrecommendations:\n  - just text\n",
        "3:5",
        "a recommendation should be a set of fields",
    ),
    (
        "impossible date",
        MINIMAL_PLAN.replace("updated: 2026-10-01", "updated: 2023-02-30"),
        "2:10",
        '"updated" says 2023-02-30, but 30 February 2023 does not exist: February 2023 has 28 days',
    ),
    ("badly formed date", MINIMAL_PLAN.replace("updated: 2026-10-01", "updated: 1st May"), "2:10", "a month such as"),
    (
        "unknown status",
        MINIMAL_PLAN.replace("status: on-track", "status: compelte"),
        "10:17",
        'unknown status "compelte" (did you mean "complete"?)',
    ),
    (
        "unknown status in update",
        MINIMAL_PLAN + "        updates:\n          - {date: 2026-01-05, status: grean}\n",
        "12:40",
        'unknown status "grean" (did you mean "green"?)',
    ),
    (
        "duplicate recommendation id",
        MINIMAL_PLAN + '  - id: "1"\n    title: Again\n    covered_by: "1"\n',
        "11:9",
        'recommendation id "1" is used twice',
    ),
    ("id not a url segment", MINIMAL_PLAN.replace('id: "1"', 'id: "../etc"'), "4:9", "part of a web address"),
    (
        "python tag",
        MINIMAL_PLAN.replace("title: Peer", "title: !!python/object/apply:os.system ['ls']\nx: Peer"),
        "1:8",
        'YAML reads "!!python/object/apply:os.system" as a type',
    ),
    (
        "anchor",
        MINIMAL_PLAN.replace("lead: Chief Executive", "lead: &boss Chief Executive"),
        "6:11",
        'text cannot start with "&" unless it is in quotes',
    ),
    (
        "alias",
        MINIMAL_PLAN.replace("lead: Chief Executive", "lead: *boss"),
        "6:11",
        'YAML reads "*boss" as a reference to another value',
    ),
    ("absurd nesting", "title: " + "[" * 60 + "]" * 60 + "\nrecommendations: []\n", "1:47", "more than 40 levels deep"),
    ("empty file", "", "1:1", "the file is empty"),
    ("javascript url", MINIMAL_PLAN + "report_url: javascript:alert(1)\n", "11:13", "links must start with https://"),
    (
        "unknown group",
        MINIMAL_PLAN.replace("    lead: Chief", "    group: formal\n    lead: Chief"),
        "6:12",
        'unknown group "formal"',
    ),
    (
        "covered_by dangling",
        MINIMAL_PLAN.replace("    lead: Chief", '    covered_by: "9"\n    lead: Chief'),
        "6:17",
        'names recommendation "9", which this plan does not have',
    ),
    (
        "custom status without counts_as",
        MINIMAL_PLAN + "statuses:\n  paused: {label: Paused}\n",
        "12:3",
        'needs "counts_as"',
    ),
]


@pytest.mark.parametrize(("plan", "where", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_error_is_located(content, cli, plan: str, where: str, words: str) -> None:
    content(plan)
    run = cli("check")
    assert run.code == 1
    assert "Traceback" not in run.err
    matching = [line for line in run.lines if words in line]
    assert matching, run.err
    assert matching[0].startswith(f"{PLAN}:{where}: error: "), run.err


def test_all_problems_are_reported_at_once(content, cli) -> None:
    plan = MINIMAL_PLAN.replace("status: on-track", "status: compelte").replace("    lead:", "    laed:")
    content(plan + "published: 2023-02-30\n")
    run = cli("check")
    errors = [line for line in run.lines if ": error: " in line]
    assert len(errors) == 3, run.err
    assert run.lines[-1] == "3 errors, 0 warnings"


def test_not_utf8(content, cli) -> None:
    content(extra={"testshire/cpc-2023.yaml": b"title: caf" + b"\xe9\nrecommendations: []\n"})
    run = cli("check")
    assert run.code == 1
    assert f"{PLAN}:1:11: error: byte 0xe9 is not UTF-8 text (save the file as UTF-8 in your editor)" in run.lines


def test_council_folder_without_council_yaml(content, cli) -> None:
    content(extra={"orphans/cpc-2023.yaml": MINIMAL_PLAN})
    run = cli("check")
    assert run.code == 1
    assert any(
        line.startswith("content/orphans:1:1: error: this council folder has no council.yaml") for line in run.lines
    )


def test_council_yaml_checked_against_its_schema(content, cli) -> None:
    content(extra={"testshire/council.yaml": "nmae: Testshire\nwebsite: ftp://x\n"})
    run = cli("check")
    lines = run.lines
    assert any(line.startswith('content/testshire/council.yaml:1:1: error: unknown field "nmae"') for line in lines)
    assert any(line.startswith("content/testshire/council.yaml:2:10: error:") and "https://" in line for line in lines)
    # One mistake, one message: the misspelt "name" is not reported again as a missing one.
    assert not any("has no" in line for line in lines)


def test_warning_for_timeframe_not_understood(content, cli) -> None:
    content(MINIMAL_PLAN.replace("due: June 2027", "due: when the moon is blue"))
    run = cli("check")
    assert run.code == 0
    assert any(
        line.startswith(f"{PLAN}:9:14: warning: cannot tell when") and "'by 31/03/2024'" in line for line in run.lines
    )


def test_brand_colour_contrast(content, cli) -> None:
    content(extra={"site.yaml": "theme:\n  brand_colour: '#ffcc00'\n"})
    run = cli("check")
    assert run.code == 1
    line = next(line for line in run.lines if "brand colour" in line)
    assert line.startswith("content/site.yaml:2:17: error: brand colour #ffcc00 has a contrast of 1.")
    assert "4.5:1" in line


def test_statuses_accept_aliases_any_case(content, cli) -> None:
    content(MINIMAL_PLAN.replace("status: on-track", "status: IN PROGRESS"))
    assert cli("check").code == 0


def test_custom_status_counts_as_standard(content, tmp_path: Path) -> None:
    from actionplan.pipeline import Options, check

    root = content(
        MINIMAL_PLAN.replace("status: on-track", "status: Paused")
        + "statuses:\n  paused: {label: Paused, aliases: [On hold], counts_as: at-risk}\n"
    )
    site, problems = check(Options(content=root))
    assert not problems
    status = site.councils[0].plans[0].recommendations[0].actions[0].status
    assert status is not None and (status.key, status.label, status.category) == ("paused", "Paused", "at-risk")


def test_usage_errors_exit_2(cli) -> None:
    assert cli("build", "--bogus").code == 2
    assert cli("check", "--as-of", "yesterday").code == 2


def test_missing_content_folder(cli) -> None:
    run = cli("check", "--content", "nowhere")
    assert run.code == 1
    assert run.lines[0].startswith("nowhere:1:1: error: the content folder does not exist")


# ----------------------------------------------------------------- one rule for every date field

DATED_PLAN = """\
title: Peer challenge 2023 – action plan
review_date: {review_date}
published: {published}
updated: {updated}
sources:
  - title: Action plan update
    date: {source}
recommendations:
  - id: "1"
    title: Set a clear vision
    actions:
      - text: Agree the vision with partners
        due: {due}
        updates:
          - date: {update}
            note: Workshops held.
"""
END_OF_FEBRUARY = datetime.date(2025, 2, 28)
DATED_SITE = "accessibility:\n  prepared: {prepared}\n  last_reviewed: {last_reviewed}\n"
DAY_FIELDS = ("published", "prepared", "last_reviewed", "due")
MONTH_FIELDS = ("review_date", "updated", "source", "update")


def _dated_site(tmp_path: Path, values: dict[str, str]) -> tuple[Any, list[Any]]:
    root = tmp_path / "content"
    write_tree(
        root,
        {
            "testshire/council.yaml": "name: Testshire Council\n",
            "testshire/cpc-2023.yaml": DATED_PLAN.format(**values),
            "site.yaml": DATED_SITE.format(**values),
        },
    )
    as_of = datetime.date(2025, 6, 1)
    return check(Options(content=root, output=tmp_path / "site", base_url=BUNDLED_BASE_URL, as_of=as_of))


@pytest.mark.parametrize("written", ["2025-02-28", "28/02/2025", "28 February 2025"])
def test_every_date_field_takes_the_three_forms_of_a_day(tmp_path: Path, written: str) -> None:
    site, problems = _dated_site(tmp_path, dict.fromkeys(DAY_FIELDS + MONTH_FIELDS, written))
    assert problems == []
    plan = site.councils[0].plans[0]
    action = plan.recommendations[0].actions[0]
    day = datetime.date(2025, 2, 28)
    assert (plan.published, action.updates[0].date, action.deadline.date) == (day, day, day)
    assert (site.accessibility.prepared, site.accessibility.last_reviewed) == (day, day)
    assert (plan.review_date, plan.updated, plan.sources[0].date) == ("2025-02-28",) * 3


@pytest.mark.parametrize("written", ["February 2025", "Feb 2025", "2025-02"])
def test_a_month_is_enough_where_a_day_is_not_needed(tmp_path: Path, written: str) -> None:
    values = {**dict.fromkeys(DAY_FIELDS, "2025-02-28"), **dict.fromkeys(MONTH_FIELDS, written)}
    site, problems = _dated_site(tmp_path, values)
    assert problems == []
    plan = site.councils[0].plans[0]
    assert (plan.review_date, plan.updated, plan.sources[0].date) == ("2025-02",) * 3
    update = plan.recommendations[0].actions[0].updates[0]  # stands for the month's last day, shown as the month
    assert (update.id, update.written, update.date, update.is_month) == ("2025-02", "2025-02", END_OF_FEBRUARY, True)


@pytest.mark.parametrize("field", ["published", "prepared", "last_reviewed"])
def test_a_month_is_not_enough_for_a_day_field(tmp_path: Path, field: str) -> None:
    values = {**dict.fromkeys(DAY_FIELDS + MONTH_FIELDS, "2025-02-28"), field: "February 2025"}
    site, problems = _dated_site(tmp_path, values)
    assert len(problems) == 1 and problems[0].is_error
    assert 'cannot be "February 2025"' in problems[0].message and "28 February 2025" in problems[0].hint


@pytest.mark.parametrize("field", DAY_FIELDS + MONTH_FIELDS)
@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("31/02/2025", "but 31 February 2025 does not exist: February 2025 has 28 days"),
        ("31 April 2025", "but 31 April 2025 does not exist: April 2025 has 30 days"),
        ("2025-02-29", "but 29 February 2025 does not exist: February 2025 has 28 days"),
    ],
)
def test_a_day_that_does_not_exist_is_one_located_error_that_names_it(
    tmp_path: Path, field: str, written: str, says: str
) -> None:
    values = {**dict.fromkeys(DAY_FIELDS + MONTH_FIELDS, "2025-02-28"), field: written}
    site, problems = _dated_site(tmp_path, values)
    assert len(problems) == 1, problems  # one mistake, one message
    problem = problems[0]
    name = "date" if field in ("update", "source") else field
    assert problem.is_error and problem.message == f'"{name}" says {written}, {says}'
    assert problem.hint == "check the day and the month"
