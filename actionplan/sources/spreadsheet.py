"""Read a council's spreadsheet (.csv, .tsv or .xlsx) into rows of text, each cell locatable.

Councils keep action plans in Excel, or in a CSV or TSV saved from it. Whatever the file,
the importer sees the same thing: a grid of trimmed text, a name for the file and sheet, and
a way to point at one cell the way the person who owns the sheet would look for it
(``plan.csv:14:3``, ``plan.xlsx:Action plan!C14``).
"""

from __future__ import annotations

import csv
import datetime
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, Severity, did_you_mean
from ..text import CONTROL
from .reading import shown_path

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MAX_SHEET_BYTES = 10 * 1024 * 1024  # a plan of a thousand rows is well under 1 MB, even as .xlsx
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an .xlsx is a zip: a small one can unpack to gigabytes
SUFFIXES = (".csv", ".tsv", ".xlsx")
_FORMULA_GUARD = ("'=", "'+", "'-", "'@")  # how the site's own CSV keeps a cell from running as a formula


@dataclass(frozen=True)
class Sheet:
    """A grid of cell text, row by row, and where it came from."""

    shown: str  # the file, as a person would type it
    name: str | None  # the worksheet's name in a workbook; None for CSV and TSV
    rows: tuple[tuple[str, ...], ...]

    def cell(self, row: int, col: int) -> str:
        """Return the text of the cell at 1-based ``row`` and ``col`` ("" beyond the grid)."""
        cells = self.rows[row - 1] if 0 < row <= len(self.rows) else ()
        return cells[col - 1] if 0 < col <= len(cells) else ""

    def problem(self, row: int, col: int, severity: Severity, message: str, hint: str = "") -> Problem:
        """Return a problem located at one cell: ``file:row:col``, or ``book.xlsx:Sheet!C14`` in a workbook."""
        cell = f"{self.name}!{column_letters(col)}{row}" if self.name is not None else ""
        return Problem(self.shown, row, col, severity, message, hint, cell=cell)


def column_letters(col: int) -> str:
    """Return a spreadsheet's name for a 1-based column number: 1 → A, 27 → AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """Return a cell's value as the text a person sees in it, tidied for a YAML file.

    Dates become ISO dates, whole numbers lose Excel's ".0", and control characters (which a
    content file may not hold) become spaces.
    """
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\xa0", " ")
    text = CONTROL.sub(" ", text)
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return text[1:] if text.startswith(_FORMULA_GUARD) else text


def read_sheets(path: Path, sheet: str | None, problems: list[Problem]) -> tuple[Sheet, ...]:
    """Return the sheets of a .csv, .tsv or .xlsx file (a workbook's visible ones, or the one named).

    Return none after recording why the file cannot be read.
    """
    shown = shown_path(path)

    def refuse(message: str, hint: str) -> None:
        problems.append(Problem(shown, 1, 1, Severity.ERROR, message, hint))

    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        refuse(
            f'cannot import a "{suffix or path.name}" file',
            "save the sheet as .xlsx, .csv or .tsv"
            + (" (File → Save As in Excel)" if suffix in (".xls", ".xlsm", ".ods", ".numbers") else ""),
        )
        return ()
    try:
        if not path.is_file():
            refuse("the file does not exist, or is not a file", "check the name and the folder")
            return ()
        if path.stat().st_size > MAX_SHEET_BYTES:
            refuse("the file is larger than 10 MB", "check it is the action plan; save only its sheet")
            return ()
        data = path.read_bytes()
    except OSError as exc:
        refuse(f"cannot read the file: {exc.strerror or exc}", "check it exists and can be read")
        return ()
    if suffix == ".xlsx":
        return _read_workbook(shown, data, sheet, problems)
    if sheet is not None:
        problems.append(
            Problem(shown, 1, 1, Severity.WARNING, f'a {suffix} file has no sheets, so --sheet "{sheet}" is ignored')
        )
    return _read_delimited(shown, data, "\t" if suffix == ".tsv" else ",", problems)


def _read_delimited(shown: str, data: bytes, delimiter: str, problems: list[Problem]) -> tuple[Sheet, ...]:
    """Read CSV or TSV text: UTF-8 (with or without Excel's byte-order mark), else Windows-1252."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # what Excel on Windows saves as "CSV"
        problems.append(
            Problem(
                shown,
                1,
                1,
                Severity.WARNING,
                "the file is not UTF-8, so it was read as Windows text (Windows-1252)",
                'check £, é and dashes in the result, or save the sheet as "CSV UTF-8"',
            )
        )
    rows: list[tuple[str, ...]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows.extend(tuple(cell_text(c) for c in row) for row in reader)
    except csv.Error as exc:
        problems.append(
            Problem(
                shown,
                reader.line_num,
                1,
                Severity.ERROR,
                f"cannot read this line: {exc}",
                "check the file is a spreadsheet saved as text",
            )
        )
        return ()
    return (Sheet(shown, None, tuple(rows)),)


def _read_workbook(shown: str, data: bytes, sheet: str | None, problems: list[Problem]) -> tuple[Sheet, ...]:
    """Read one worksheet's values (not formulas), filling each merged cell down the rows it covers."""
    import openpyxl  # loaded only for workbooks: it takes a moment to import
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    Severity.ERROR,
                    f"the workbook unpacks to {unpacked / 1048576:.0f} MB; the most an action plan needs is 100 MB",
                    "check it is the action plan; copy its sheet into a new workbook",
                )
            )
            return ()
        with warnings.catch_warnings():  # openpyxl warns about features it drops, such as data validation
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        problems.append(
            Problem(
                shown,
                1,
                1,
                Severity.ERROR,
                f"cannot read the workbook: {exc}",
                "open it in Excel and save it again as an Excel Workbook (.xlsx)",
            )
        )
        return ()
    sheets = {ws.title: ws for ws in book.worksheets}  # charts have sheets of their own, without cells
    names = list(sheets)
    if sheet is not None and sheet not in names:
        problems.append(
            Problem(shown, 1, 1, Severity.ERROR, f'the workbook has no sheet "{sheet}"', did_you_mean(sheet, names))
        )
        return ()
    chosen = [sheets[sheet]] if sheet is not None else [ws for ws in sheets.values() if ws.sheet_state == "visible"]
    return tuple(_worksheet(shown, ws) for ws in chosen)


def _worksheet(shown: str, ws: Worksheet) -> Sheet:
    grid = [[cell_text(c) for c in row] for row in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        top = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
        for row in range(merged.min_row + 1, min(merged.max_row, len(grid)) + 1):
            grid[row - 1][merged.min_col - 1] = top  # a merged cell holds one value for every row it spans
    return Sheet(shown, ws.title, tuple(tuple(row) for row in grid))
