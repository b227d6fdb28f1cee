"""A mistake found while reading a file does not hide the file's other mistakes.

``check`` promises every problem at once: a duplicate key, a key that is not text,
an escaped control character or a second document are reported and reading goes on,
so an unknown status further down the same file is reported in the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.sources.yamlnodes import parse_yaml
from tests.helpers import MINIMAL_PLAN, Run

PLAN = "content/testshire/cpc-2023.yaml"
UNKNOWN_STATUS = MINIMAL_PLAN.replace("status: on-track", "status: compelte")


@pytest.mark.parametrize(
    ("mistake", "where", "words"),
    [
        (
            UNKNOWN_STATUS.replace("    lead: Chief", "    lead: x\n    lead: Chief"),
            "7:5",
            'the field "lead" is given twice',
        ),
        (UNKNOWN_STATUS.replace("    lead: Chief", "    [lead]: x\n    lead: Chief"), "6:5", "must be a plain word"),
        (UNKNOWN_STATUS.replace("    lead: Chief Executive", '    lead: "Chief\\e[2J"'), "6:11", "U+001B"),
        (UNKNOWN_STATUS + "---\ntitle: another\n", "11:1", "a file may hold only one plan"),
    ],
    ids=["duplicate key", "key not text", "escaped control character", "second document"],
)
def test_check_reports_both_problems_of_a_two_error_file(
    content: Callable[..., Path], cli: Callable[..., Run], mistake: str, where: str, words: str
) -> None:
    run = cli("check", "--content", str(content(mistake)))
    assert run.code == 1
    errors = [line for line in run.lines if ": error: " in line]
    status_line = str(mistake.splitlines().index("        status: compelte") + 1)
    assert len(errors) == 2, run.err
    assert any(line.startswith(f"{PLAN}:{where}: error: ") and words in line for line in errors), run.err
    assert any(line.startswith(f"{PLAN}:{status_line}:17: error: unknown status") for line in errors), run.err


def test_the_parser_keeps_the_first_of_two_keys() -> None:
    node, problems = parse_yaml("a: 1\nb: 2\na: 3\n")
    assert [(p.line, p.col) for p in problems] == [(3, 1)]
    assert node is not None and [(k.text, v.text) for k, v in node.pairs] == [("a", "1"), ("b", "2")]  # type: ignore[union-attr]
