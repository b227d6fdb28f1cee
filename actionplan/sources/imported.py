"""A plan as read from a table, before it is written as YAML, and the reader that fills it row by row."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, Severity
from ..model import ids
from ..model.statuses import build_status_words
from .headings import Headings
from .schema import load_schema
from .spreadsheet import Sheet

_ID = re.compile(load_schema("plan")["$defs"]["id"]["pattern"])

# "Complete – steering group in place", "Green: on track", "Amber (some slippage)": the first words are the status.
_STATUS_HEAD = re.compile(r"\s+[–—-]\s+|\s*[:;(,]\s*|\.\s+")
_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WORDS = build_status_words(())


@dataclass
class Action:
    id: str
    label: str | None
    text: str
    lead: str | None
    due: str | None
    status: str | None
    status_text: str | None
    updates: list[dict[str, str]] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    heading: bool = False  # a heading over actions, not an action

    def content(self) -> dict[str, Any]:
        """Return the action in the content format, fields in the order the format describes them."""
        fields: dict[str, Any] = {"id": self.id, "label": self.label, "heading": self.heading, "text": self.text}
        fields["lead"] = self.lead
        fields |= {"due": self.due, "status": self.status, "status_text": self.status_text, "updates": self.updates}
        fields["actions"] = [a.content() for a in self.actions]
        return {k: v for k, v in fields.items() if v}


@dataclass
class Recommendation:
    id: str
    label: str | None
    title: str
    group: str | None = None
    position: list[str] = field(default_factory=list)
    lead: str | None = None
    actions: list[Action] = field(default_factory=list)

    def content(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"id": self.id, "label": self.label, "title": self.title, "group": self.group}
        fields |= {"position": "\n\n".join(self.position), "lead": self.lead}
        fields["actions"] = [a.content() for a in self.actions]
        return {k: v for k, v in fields.items() if v}


@dataclass
class ImportedPlan:
    """The plan read from a sheet, in the content format, and the counts the summary gives."""

    sheet: Sheet
    headings: Headings
    title: str
    groups: dict[str, str]  # id → title
    recommendations: list[Recommendation]
    statuses: Counter[str] = field(default_factory=Counter)  # status key, or the wording kept → actions
    unplaced: int = 0

    @property
    def action_count(self) -> int:
        def count(actions: list[Action]) -> int:
            return sum(1 + count(a.actions) for a in actions)

        return sum(count(r.actions) for r in self.recommendations)

    def content(self, updated: datetime.date | None) -> dict[str, Any]:
        """Return the plan in the content format, ready to write as YAML."""
        fields: dict[str, Any] = {"title": self.title, "updated": updated.isoformat() if updated else None}
        fields["groups"] = [{"id": gid, "title": title} for gid, title in self.groups.items()]
        fields["recommendations"] = [r.content() for r in self.recommendations]
        return {k: v for k, v in fields.items() if v}


class RowReader:
    """Place rows one at a time, remembering the recommendation and lead they carry on from."""

    def __init__(self, sheet: Sheet, headings: Headings, updated: datetime.date | None, problems: list[Problem]):
        self.sheet, self.headings, self.updated, self.problems = sheet, headings, updated, problems
        self.plan = ImportedPlan(sheet, headings, title(sheet, headings.row), {}, [])
        self.used_ids: set[str] = set()
        self.missing_update_date_reported = False

    def cells(self, row: int) -> dict[str, str]:
        return {name: self.sheet.cell(row, col) for col, name in self.headings.columns.items()}

    def column(self, name: str) -> int:
        return next(col for col, field_name in self.headings.columns.items() if field_name == name)

    def warn(self, row: int, name: str, message: str, hint: str = "", severity: Severity = Severity.WARNING) -> None:
        col = self.column(name) if self.headings.has(name) else 1
        self.problems.append(self.sheet.problem(row, col, severity, message, hint))

    def unique(self, wanted: str, fallback: str) -> str:
        """Return ``wanted`` (or ``fallback`` if empty), made unique in the plan with "-2", "-3"…"""
        base = wanted or fallback
        chosen, n = base, 1
        while chosen in self.used_ids:
            n += 1
            chosen = f"{base}-{n}"
        self.used_ids.add(chosen)
        return chosen

    def status(self, row: int, text: str) -> tuple[str | None, str | None]:
        """Return the status key and the wording to keep, warning about words no status goes by."""
        if not text:
            return None, None
        if found := _WORDS.lookup(text):
            self.plan.statuses[found.key] += 1
            return found.key, None
        if found := _WORDS.lookup(_STATUS_HEAD.split(text, maxsplit=1)[0]):
            self.plan.statuses[found.key] += 1
            return found.key, text
        self.plan.statuses[text] += 1
        self.warn(
            row,
            "status",
            f'"{text}" is not a status actionplan knows, so it is kept as the status wording with no status',
            'add "status:" with one of: complete, on-track, at-risk, off-track, not-started; or add the word to '
            "the plan's own statuses",
        )
        return None, text

    def update(self, row: int, cells: dict[str, str]) -> list[dict[str, str]]:
        note = cells.get("update", "")
        if not note:
            return []
        day = _date(cells.get("update_date", "")) or self.updated
        if day is None:
            self.warn(
                row,
                "update_date" if cells.get("update_date") else "update",
                "this progress update has no date, so it cannot be imported"
                if not cells.get("update_date")
                else f'cannot tell which day "{cells["update_date"]}" is',
                'give the date the updates are "as at" with --updated YYYY-MM-DD, or write it as YYYY-MM-DD',
                Severity.ERROR,
            )
            return []
        return [{"date": day.isoformat(), "note": note}]


def as_id(text: str) -> str:
    """Return ``text`` as an id: kept when it is one ("1.2", "2a"), else made one ("1." → "1", "R1" → "r1")."""
    return text if _ID.match(text) else ids.slug(text)


def _date(text: str) -> datetime.date | None:
    """Return the day an update-date cell names: an ISO date (as workbooks give) or a UK day/month/year."""
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    return None


def title(sheet: Sheet, heading_row: int) -> str:
    """Return the plan's title from the text above the headings, else from the sheet or file name."""
    lines: list[str] = []
    for row in sheet.rows[: heading_row - 1]:
        lines += [cell for cell in dict.fromkeys(row) if cell and cell not in lines]
    if lines:
        return " – ".join(lines)[:2000]
    if sheet.name and not re.fullmatch(r"sheet ?\d*", sheet.name, re.IGNORECASE):
        return sheet.name
    stem = sheet.shown.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return " ".join(re.split(r"[-_ ]+", stem)).strip().capitalize() or "Action plan"
