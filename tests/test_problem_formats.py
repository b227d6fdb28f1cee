"""``--format github`` and ``--format json``: problems for pull request annotations and other CI systems."""

from __future__ import annotations

import json

import pytest

from actionplan.errors import Problem, Severity, format_problem
from tests.helpers import MINIMAL_PLAN

BROKEN = MINIMAL_PLAN.replace("status: on-track", "status: compelte").replace("June 2027", "when funding allows")


def test_github_annotations_point_at_the_line(content, cli) -> None:
    content(BROKEN)
    run = cli("check", "--format", "github")
    assert run.code == 1
    assert run.out.splitlines() == [
        '::warning file=content/testshire/cpc-2023.yaml,line=9,col=14::cannot tell when "when funding allows" is'
        ", so it can never show as overdue (add a date in the words, e.g. 'by 31/03/2024', or write a month and"
        " year)",
        '::error file=content/testshire/cpc-2023.yaml,line=10,col=17::unknown status "compelte" (did you mean'
        ' "complete"?)',
    ]
    assert run.lines == ["1 error, 1 warning"]


def test_json_lines_carry_every_field(content, cli) -> None:
    content(BROKEN)
    run = cli("check", "--format", "json")
    records = [json.loads(line) for line in run.out.splitlines()]
    assert records[1] == {
        "path": "content/testshire/cpc-2023.yaml",
        "line": 10,
        "col": 17,
        "severity": "error",
        "message": 'unknown status "compelte"',
        "hint": 'did you mean "complete"?',
    }
    assert [r["severity"] for r in records] == ["warning", "error"]


def test_a_failed_build_reports_in_the_chosen_format(content, cli) -> None:
    content(BROKEN)
    run = cli("build", "--format", "json")
    assert run.code == 1
    assert [json.loads(line)["severity"] for line in run.out.splitlines()] == ["warning", "error"]


def test_a_clean_check_prints_nothing_to_read(content, cli) -> None:
    content()
    run = cli("check", "--format", "github")
    assert (run.code, run.out) == (0, "")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("50% done", "50%25 done"),
        ("two\nlines\r", "two\\x0alines\\x0d"),  # shown, never obeyed, as everywhere
        ("a: b, c", "a: b, c"),  # only properties escape ':' and ','
    ],
)
def test_github_messages_are_escaped(message: str, expected: str) -> None:
    problem = Problem("content/a,b:c.yaml", 3, 4, Severity.ERROR, message)
    assert format_problem(problem, "github") == f"::error file=content/a%2Cb%3Ac.yaml,line=3,col=4::{expected}"


def test_a_spreadsheet_cell_is_named_in_text_and_kept_in_json() -> None:
    problem = Problem("harlow.xlsx", 14, 3, Severity.WARNING, "unknown status", cell="Action plan!C14")
    assert str(problem) == "harlow.xlsx:Action plan!C14: warning: unknown status"
    assert json.loads(format_problem(problem, "json"))["cell"] == "Action plan!C14"
    assert format_problem(problem, "github") == "::warning file=harlow.xlsx,line=14,col=3::unknown status"
