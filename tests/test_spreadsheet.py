"""Reading .csv, .tsv and .xlsx files into text cells that can be pointed at."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart

from actionplan.errors import Problem, Severity
from actionplan.sources.spreadsheet import cell_text, column_letters, read_sheets


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (3.0, "3"),
        (2.5, "2.5"),
        (datetime.datetime(2023, 6, 30), "2023-06-30"),
        (datetime.date(2023, 6, 30), "2023-06-30"),
        ("  Agree it \r\n  with partners  ", "Agree it\n  with partners"),
        ("tab\there", "tab here"),
        ("bell\x07and escape\x1b", "bell and escape"),
        ("'=SUM(A1)", "=SUM(A1)"),  # the site's own CSV guards formulas like this
        ("'Quoted' words", "'Quoted' words"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize(("col", "letters"), [(1, "A"), (3, "C"), (26, "Z"), (27, "AA"), (703, "AAA")])
def test_column_letters(col: int, letters: str) -> None:
    assert column_letters(col) == letters


def test_windows_text_is_read_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.csv").write_bytes("Recommendation,Lead\nCost £5m – review,Chief Exec\n".encode("cp1252"))
    problems: list[Problem] = []
    (sheet,) = read_sheets(Path("plan.csv"), None, problems)
    assert sheet.rows[1] == ("Cost £5m – review", "Chief Exec")
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert "Windows-1252" in problems[0].message


def test_merged_cells_fill_the_rows_they_span(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for row in (["Recommendation", "Action"], ["Set a vision", "Agree it"], [None, "Publish it"], [None, "Review it"]):
        ws.append(row)
    ws.merge_cells("A2:A4")
    ws.merge_cells("A1:B1")  # across columns: only the first column holds the text
    book.save(tmp_path / "plan.xlsx")
    (sheet,) = read_sheets(tmp_path / "plan.xlsx", None, [])
    assert [row[0] for row in sheet.rows] == ["Recommendation", "Set a vision", "Set a vision", "Set a vision"]
    assert sheet.rows[0][1] == ""


def test_chart_sheets_and_hidden_sheets_are_passed_over(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.create_chartsheet("Chart").add_chart(BarChart())
    hidden = book.create_sheet("Old")
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "plan.xlsx")
    assert [s.name for s in read_sheets(tmp_path / "plan.xlsx", None, [])] == ["Sheet"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.xls", b"\xd0\xcf\x11\xe0", 'cannot import a ".xls" file (save the sheet as .xlsx, .csv or .tsv (File'),
        ("plan.xlsx", b"not a zip", "cannot read the workbook: "),
        ("plan.csv", b'a,b\n"' + b"x" * 200_000 + b'"\n', "cannot read this line: field larger than field limit"),
        ("missing.csv", None, "the file does not exist, or is not a file"),
    ],
)
def test_files_it_cannot_read_are_errors(name: str, data: bytes | None, message: str, tmp_path: Path) -> None:
    if data is not None:
        (tmp_path / name).write_bytes(data)
    problems: list[Problem] = []
    assert read_sheets(tmp_path / name, None, problems) == ()
    assert [p.severity for p in problems] == [Severity.ERROR]
    assert str(problems[0]).split(": error: ", 1)[1].startswith(message)


def test_a_sheet_cell_is_named_the_spreadsheet_way(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Action plan"
    book.save(tmp_path / "book.xlsx")
    (sheet,) = read_sheets(tmp_path / "book.xlsx", None, [])
    problem = sheet.problem(14, 3, Severity.WARNING, "look here")
    assert (problem.line, problem.col, problem.cell) == (14, 3, "Action plan!C14")
    assert str(problem).endswith("book.xlsx:Action plan!C14: warning: look here")


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (101 * 1024 * 1024) + b"/>")
    assert (tmp_path / "bomb.xlsx").stat().st_size < 1024 * 1024
    problems: list[Problem] = []
    assert read_sheets(tmp_path / "bomb.xlsx", None, problems) == ()
    assert [p.message for p in problems] == ["the workbook unpacks to 101 MB; the most an action plan needs is 100 MB"]


def test_workbooks_are_read_through_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML  # installed with actionplan, so openpyxl refuses XML entity tricks
