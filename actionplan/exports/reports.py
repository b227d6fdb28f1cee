"""report.csv beside each report page: the appendix's table for those who paste it into a committee paper.

The columns are the printed table's, in the theme's words (``export_words.txt``), and the
cells are written by the same CSV writer as the open data: a byte order mark for Excel,
and cells that start like a formula made into text.
"""

from __future__ import annotations

from typing import Any

from ..derive.reports import ReportRow, ReportView
from .data import to_csv
from .words import Words

COLUMNS = ("recommendation", "recommendation_title", "action", "lead", "due", "status", "note")


def report_row(row: ReportRow, words: Words) -> dict[str, Any]:
    """Return one action's cells, keyed by the column's key."""
    a = row.action
    label = a.action.label
    return {
        "recommendation": words.say("report_recommendation", row.rec),
        "recommendation_title": row.rec.title.striptags(),
        "action": f"{label} {a.text.striptags()}" if label else a.text.striptags(),
        "lead": a.action.lead,
        "due": a.action.due,
        "status": words.say("report_status", a),
        "note": words.text("report_note", row),
    }


def report_csv(report: ReportView, words: Words) -> bytes:
    """Return the report's table as CSV, its headings in the theme's words."""
    headings = tuple(words.say("report_column", key) for key in COLUMNS)
    rows = (dict(zip(headings, report_row(row, words).values(), strict=True)) for row in report.rows)
    return to_csv(headings, rows)
