"""Read an action plan out of a table: place each row under its recommendation, keep the council's words.

A row with recommendation text starts a recommendation; rows below with that cell blank (or
repeating it) add actions to it, the way merged cells look once saved. A blank lead takes the
lead from the row above within the same recommendation; a blank due date or status stays blank.
Status words are matched through the status aliases; words that match none are kept as the
status wording. Every action is given an explicit id, so that editing its text later never
moves its web address.
"""

from __future__ import annotations

import datetime
import re

from ..errors import Problem, Severity
from ..model import ids
from .export_table import place_export_rows
from .headings import MAX_HEADING_ROW, find_headings, report_columns
from .imported import Action, ImportedPlan, Recommendation, RowReader, as_id
from .spreadsheet import Sheet


def read_plan(
    sheet: Sheet, problems: list[Problem], *, council: str, plan: str, updated: datetime.date | None = None
) -> ImportedPlan | None:
    """Return the plan a sheet holds, or None after recording why it cannot be read.

    ``council`` and ``plan`` pick one plan's rows from the site's own export; ``updated`` dates progress notes.
    """
    headings = find_headings(sheet)
    if headings is None:
        problems.append(
            sheet.problem(
                1,
                1,
                Severity.ERROR,
                "cannot find the row of column headings",
                f'within its first {MAX_HEADING_ROW} rows the table needs headings such as "Recommendation", '
                '"Action", "Lead", "Target date" and "Status"',
            )
        )
        return None
    report_columns(sheet, headings, problems)
    reader = RowReader(sheet, headings, updated, problems)
    if headings.is_export:
        place_export_rows(reader, council, plan)
    elif not headings.has("recommendation"):
        problems.append(
            sheet.problem(
                headings.row,
                1,
                Severity.ERROR,
                "no column holds the recommendations",
                'head the column of recommendations "Recommendation"',
            )
        )
        return None
    else:
        _place_council_rows(reader)
    for rec in reader.plan.recommendations:
        _hoist_leads(rec)
    return reader.plan


def _numbers_actions(reader: RowReader) -> bool:
    """Tell whether the number column numbers actions ("1.1", "1.2") rather than recommendations."""
    if not reader.headings.has("number") or not reader.headings.has("action"):
        return False
    numbers: list[str] = []
    continued, title = False, ""
    for row in range(reader.headings.row + 1, len(reader.sheet.rows) + 1):
        cells = reader.cells(row)
        if cells.get("action"):
            numbers.append(cells.get("number", ""))
            continued = continued or cells.get("recommendation", "") in ("", title)
        title = cells.get("recommendation") or title
    return continued and all(numbers) and len(set(numbers)) == len(numbers)


def _place_council_rows(reader: RowReader) -> None:
    plan = reader.plan
    numbers_actions = _numbers_actions(reader)
    rec: Recommendation | None = None
    lead: str | None = None
    for row in range(reader.headings.row + 1, len(reader.sheet.rows) + 1):
        cells = reader.cells(row)
        if not any(cells.values()):
            continue  # a blank row: a page break in the source, or space before a total
        number, title = cells.get("number", ""), cells.get("recommendation", "")
        if title and (rec is None or title != rec.title):
            label = None if numbers_actions else number or None
            wanted = as_id(_number_prefix(number) if numbers_actions else number)
            rec = Recommendation(reader.unique(wanted, str(len(plan.recommendations) + 1)), label, title)
            plan.recommendations.append(rec)
            lead = None
        elif rec is None:
            plan.unplaced += 1
            reader.warn(row, "recommendation", "this row comes before the first recommendation, so it is not imported")
            continue
        elif number and not numbers_actions and number != rec.label:
            reader.warn(
                row,
                "number",
                f'number "{number}" has no recommendation beside it, so the row is read as part of '
                f"recommendation {rec.label or rec.id}",
                "write the recommendation beside its number",
            )
        if cells.get("position") and cells["position"] not in rec.position:
            rec.position.append(cells["position"])
        lead = cells.get("lead") or lead
        text = cells.get("action", "")
        if not text:
            rec.lead = rec.lead or lead
            if any(cells.get(name) for name in ("due", "status", "update")):
                plan.unplaced += 1
                reader.warn(row, "action", "this row has a date, status or update but no action, so they are left out")
            continue
        label = number if numbers_actions else None
        status, wording = reader.status(row, cells.get("status", ""))
        numbering = _number_prefix(number) if numbers_actions else rec.label  # "1.2" under "1" gives the id "1.2"
        wanted = ids.action_id(rec.id, numbering, label, text)
        action_id = reader.unique(wanted, f"{rec.id}.{len(rec.actions) + 1}")
        action = Action(action_id, label, text, lead, cells.get("due") or None, status, wording)
        action.updates = reader.update(row, cells)
        rec.actions.append(action)


def _number_prefix(number: str) -> str:
    """Return the recommendation's part of an action number: "1" of "1.2", "3" of "3b", "R2" of "R2.1"."""
    match = re.match(r"^([A-Za-z]*\d+)", number)
    return match.group(1) if match else ""


def _hoist_leads(rec: Recommendation) -> None:
    """Write each lead once, where it applies: on the recommendation when every action shares it."""

    def drop_inherited(actions: list[Action], inherited: str | None) -> None:
        for action in actions:
            drop_inherited(action.actions, action.lead or inherited)
            if action.lead == inherited:
                action.lead = None

    leads = {a.lead for a in rec.actions}
    if len(leads) == 1 and None not in leads:
        rec.lead = leads.pop()
    drop_inherited(rec.actions, rec.lead)
