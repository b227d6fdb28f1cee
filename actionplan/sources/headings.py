"""Find a spreadsheet's heading row and name its columns, in the words councils use.

A heading is matched whole, ignoring capitals, spaces and a trailing full stop: "No." and
"Lead Officer" are read, "Lead officer (interim)" is not. A column whose heading is not
known is reported and left out, never guessed at: a wrong guess would publish a comment
as the action's text. The site's own ``data/actions.csv`` is recognised by its headings,
so an export imports back into the plan it came from.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..errors import Problem, Severity
from .spreadsheet import Sheet

MAX_HEADING_ROW = 30  # titles and notes above a table are a few rows, not pages

# The fields a row can fill, and the headings councils give them.
COUNCIL_HEADINGS: dict[str, tuple[str, ...]] = {
    "number": (
        "no",
        "ref",
        "ref no",
        "reference",
        "number",
        "#",
        "rec no",
        "recommendation no",
        "recommendation number",
    ),
    "recommendation": ("recommendation", "recommendations", "key recommendation", "key recommendations"),
    "action": (
        "action",
        "actions",
        "action(s)",
        "action taken",
        "actions taken",
        "action(s) taken",
        "action(s) to be explored",
        "actions to be explored",
        "proposed action",
        "proposed actions",
        "proposed action(s)",
    ),
    "lead": (
        "lead",
        "leads",
        "lead officer",
        "lead officers",
        "lead officer(s)",
        "responsible officer",
        "responsible officers",
        "responsible officer(s)",
        "owner",
        "action owner",
    ),
    "due": (
        "target date",
        "target dates",
        "timeframe",
        "timeframes",
        "time frame",
        "timescale",
        "timescales",
        "due",
        "due date",
        "deadline",
        "by when",
    ),
    "status": ("status", "progress", "progress (rag)", "rag", "rag status", "rag rating", "status (rag)"),
    "update": ("update", "updates", "comments", "comment", "progress update", "progress updates", "update on progress"),
    "update_date": ("update date", "date of update", "date updated", "last updated"),
    "position": ("current position", "position"),
}

# The site's own data/actions.csv: its "recommendation" is an id and its "action" an id, so it is
# read by these names when its headings show it is the export (both "action" and "text").
EXPORT_HEADINGS: dict[str, tuple[str, ...]] = {
    "rec_id": ("recommendation",),
    "recommendation": ("recommendation text", "recommendation title"),
    "rec_label": ("recommendation label",),
    "group": ("group",),
    "group_title": ("group title",),
    "id": ("action",),
    "parent": ("parent",),
    "heading": ("heading",),
    "label": ("label",),
    "action": ("text",),
    "lead": ("lead",),
    "due": ("due",),
    "status": ("status",),
    "status_text": ("status text", "status wording"),
}
# Columns of the export worked out by the build from the fields above: read past in silence.
EXPORT_WORKED_OUT = frozenset(
    {
        "council",
        "council name",
        "plan",
        "plan title",
        "due date",
        "deadline",
        "status label",
        "status date",
        "overdue",
        "deadline passed",
        "timeliness",
        "last update",
        "last update url",
        "url",
    }
)


@dataclass(frozen=True)
class Headings:
    """The heading row: where it is, which field each column fills, and whether it is the site's own export."""

    row: int
    columns: dict[int, str]  # 1-based column → field
    is_export: bool

    def has(self, field: str) -> bool:
        return field in self.columns.values()


def fold(heading: str) -> str:
    """Return a heading as it is matched: "Lead  Officer:" and "lead_officer" are both "lead officer"."""
    words = " ".join(heading.replace("_", " ").split()).casefold()
    return re.sub(r"\s*\(", " (", words).rstrip(".:").strip()


def _lookup(vocabulary: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(heading): field for field, headings in vocabulary.items() for heading in headings}


_COUNCIL = _lookup(COUNCIL_HEADINGS)
_EXPORT = _lookup(EXPORT_HEADINGS)


def find_headings(sheet: Sheet) -> Headings | None:
    """Return the first row (of the first 30) that names at least two columns, one of them the recommendation or
    the action; None if there is none."""
    for number, row in enumerate(sheet.rows[:MAX_HEADING_ROW], start=1):
        folded = [fold(cell) for cell in row]
        is_export = {"action", "text"} <= set(folded)
        vocabulary = _EXPORT if is_export else _COUNCIL
        columns: dict[int, str] = {}
        for col, heading in enumerate(folded, start=1):
            if heading in vocabulary and vocabulary[heading] not in columns.values():
                columns[col] = vocabulary[heading]
        if len(columns) >= 2 and {"recommendation", "rec_id", "action"} & set(columns.values()):
            return Headings(number, columns, is_export)
    return None


def report_columns(sheet: Sheet, headings: Headings, problems: list[Problem]) -> None:
    """Warn about every column that is not imported: unknown or repeated headings, and cells without a heading."""
    vocabulary = _EXPORT if headings.is_export else _COUNCIL
    seen: dict[str, str] = {}
    width = max((len(r) for r in sheet.rows[headings.row - 1 :]), default=0)
    for col in range(1, width + 1):
        heading = sheet.cell(headings.row, col)
        folded = fold(heading)
        if col in headings.columns:
            seen[headings.columns[col]] = heading
        elif not folded:
            _report_unnamed(sheet, headings.row, col, problems)
        elif not (headings.is_export and folded in EXPORT_WORKED_OUT):
            problems.append(sheet.problem(headings.row, col, Severity.WARNING, *_why_not(heading, seen, vocabulary)))


def _why_not(heading: str, seen: dict[str, str], vocabulary: dict[str, str]) -> tuple[str, str]:
    """Return why a column is left out, and what to do about it."""
    folded = fold(heading)
    if folded in vocabulary:
        return (
            f'column "{heading}" is not imported: "{seen[vocabulary[folded]]}" already gives the same thing',
            "merge the two columns into one, or rename one of them",
        )
    close = difflib.get_close_matches(folded, list(vocabulary), n=1, cutoff=0.75)
    return (
        f'column "{heading}" is not imported: actionplan does not know this heading',
        f'if it means "{close[0]}", rename it so'
        if close
        else 'see "Importing a spreadsheet" in docs/editing.md for the headings it reads',
    )


def _report_unnamed(sheet: Sheet, heading_row: int, col: int, problems: list[Problem]) -> None:
    """Warn once about a column that has cells but no heading, at its first filled cell."""
    first = next((r for r in range(heading_row + 1, len(sheet.rows) + 1) if sheet.cell(r, col)), None)
    if first is not None:
        problems.append(
            sheet.problem(
                first,
                col,
                Severity.WARNING,
                "this column has no heading, so it is not imported",
                'give it a heading such as "Comments", or clear it',
            )
        )
