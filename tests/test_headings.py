"""The heading row is found below titles and blank rows, and its columns are named in councils' words."""

from __future__ import annotations

import pytest

from actionplan.errors import Problem
from actionplan.sources.headings import COUNCIL_HEADINGS, find_headings, fold, report_columns
from actionplan.sources.spreadsheet import Sheet
from tests.helpers import REPO


def _sheet(*rows: tuple[str, ...]) -> Sheet:
    return Sheet("plan.csv", None, rows)


@pytest.mark.parametrize(
    ("heading", "folded"),
    [
        ("No.", "no"),
        ("  Lead   Officer: ", "lead officer"),
        ("PROGRESS(RAG)", "progress (rag)"),
        ("due_date", "due date"),
    ],
)
def test_fold(heading: str, folded: str) -> None:
    assert fold(heading) == folded


@pytest.mark.parametrize("field", COUNCIL_HEADINGS)
def test_every_heading_councils_use_is_read_in_any_case(field: str) -> None:
    for heading in COUNCIL_HEADINGS[field]:
        other = "Action" if field == "recommendation" else "Recommendation"
        found = find_headings(_sheet((heading.upper(), other)))
        assert found is not None and found.columns[1] == field, heading


def test_the_heading_row_is_found_below_a_title_and_blank_rows() -> None:
    sheet = _sheet(
        ("Harlow Council",), ("Action plan", "", ""), ("",), ("Ref", "Recommendation", "Lead"), ("1", "x", "")
    )
    found = find_headings(sheet)
    assert found is not None
    assert (found.row, found.columns, found.is_export) == (4, {1: "number", 2: "recommendation", 3: "lead"}, False)


def test_a_row_of_one_known_heading_is_not_the_heading_row() -> None:
    assert find_headings(_sheet(("Recommendations", "from the peer team"), ("Lead", "Status"))) is None
    found = find_headings(_sheet(("Recommendations", "from the peer team"), ("Recommendation", "Action")))
    assert found is not None and found.row == 2


def test_the_sites_own_export_is_read_by_its_own_names() -> None:
    found = find_headings(_sheet(("council", "plan", "recommendation", "action", "parent", "text", "status_label")))
    assert found is not None and found.is_export
    assert found.columns == {3: "rec_id", 4: "id", 5: "parent", 6: "action"}


def test_columns_left_out_are_each_reported() -> None:
    sheet = _sheet(
        ("Recommendation", "Action", "Lead offcer", "Notes", "Action", ""),
        ("Set a vision", "Agree it", "CEO", "n", "x", "stray"),
    )
    found = find_headings(sheet)
    assert found is not None
    problems: list[Problem] = []
    report_columns(sheet, found, problems)
    assert [str(p) for p in problems] == [
        'plan.csv:1:3: warning: column "Lead offcer" is not imported: actionplan does not know this heading '
        '(if it means "lead officer", rename it so)',
        'plan.csv:1:4: warning: column "Notes" is not imported: actionplan does not know this heading '
        '(see "Importing a spreadsheet" in docs/editing.md for the headings it reads)',
        'plan.csv:1:5: warning: column "Action" is not imported: "Action" already gives the same thing '
        "(merge the two columns into one, or rename one of them)",
        "plan.csv:2:6: warning: this column has no heading, so it is not imported "
        '(give it a heading such as "Comments", or clear it)',
    ]


def test_the_editing_guide_lists_exactly_the_headings_read() -> None:
    guide = (REPO / "docs" / "editing.md").read_text(encoding="utf-8")
    table = guide[guide.index("| the column holds | headings it reads |") :].split("\n\n", 1)[0]
    listed = [{fold(h) for h in line.split(" | ")[1].rstrip(" |").split(", ")} for line in table.splitlines()[2:]]
    assert listed == [{fold(h) for h in headings} for headings in COUNCIL_HEADINGS.values()]
