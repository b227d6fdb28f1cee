"""Read the site's own ``data/actions.csv`` back into a plan: ids, nesting and groups as published.

The export has one row per action with the ids of its recommendation and parent action, so
the plan's shape comes back exactly; the words the build worked out (labels, deadlines,
overdue flags, addresses) are read past. The site-wide file holds every plan: the rows of
the plan being imported are picked by their council and plan columns.
"""

from __future__ import annotations

from ..errors import Severity
from ..model import ids
from .imported import Action, Recommendation, RowReader, as_id


def _column(reader: RowReader, heading: str) -> int:
    row = reader.sheet.rows[reader.headings.row - 1]
    return next((col for col, text in enumerate(row, start=1) if text.strip().casefold() == heading), 0)


def _rows_of(reader: RowReader, council: str, plan: str) -> list[int] | None:
    """Return the data rows of the plan being imported; None after reporting that the file does not hold it."""
    council_col, plan_col = _column(reader, "council"), _column(reader, "plan")
    rows = [r for r in range(reader.headings.row + 1, len(reader.sheet.rows) + 1) if any(reader.cells(r).values())]
    plan_of = {r: (reader.sheet.cell(r, council_col), reader.sheet.cell(r, plan_col)) for r in rows}
    found = dict.fromkeys(plan_of.values())
    if len(found) <= 1 or not council_col or not plan_col:
        return rows  # one plan: import it, whatever it was called
    if (council, plan) in found:
        return [r for r in rows if plan_of[r] == (council, plan)]
    reader.problems.append(
        reader.sheet.problem(
            reader.headings.row + 1,
            council_col,
            Severity.ERROR,
            f"the file holds {len(found)} plans, none of them {council}/{plan}",
            "choose one with --council and --plan: " + ", ".join(f"{c}/{p}" for c, p in found),
        )
    )
    return None


def place_export_rows(reader: RowReader, council: str, plan_slug: str) -> None:
    """Add the export's rows of one plan to ``reader.plan``, nesting each action under its parent."""
    plan = reader.plan
    rows = _rows_of(reader, council, plan_slug)
    recs: dict[str, Recommendation] = {}
    actions: dict[str, Action] = {}
    untitled = 0
    for row in rows or ():
        cells = reader.cells(row)
        rec_id, text = as_id(cells.get("rec_id", "")), cells.get("action", "")
        if not rec_id or not text:
            plan.unplaced += 1
            reader.warn(row, "action" if rec_id else "rec_id", "this row has no recommendation or no text")
            continue
        rec = recs.get(rec_id)
        if rec is None:
            title = cells.get("recommendation", "")
            untitled += not title
            reader.used_ids.add(rec_id)
            rec = Recommendation(rec_id, cells.get("rec_label") or None, title or f"Recommendation {rec_id}")
            rec.group = _group(reader, cells)
            recs[rec_id] = rec
            plan.recommendations.append(rec)
        status, wording = reader.status(row, cells.get("status", ""))
        label = cells.get("label") or None
        fallback = ids.action_id(rec.id, rec.label, label, text) or f"{rec.id}.{len(actions) + 1}"
        action = Action(
            reader.unique(as_id(cells.get("id", "")), fallback),
            label,
            text,
            cells.get("lead") or None,
            cells.get("due") or None,
            status,
            cells.get("status_text") or wording,
            heading=cells.get("heading", "").casefold() == "true",
        )
        parent = actions.get(cells.get("parent", ""))
        (parent.actions if parent else rec.actions).append(action)
        actions[action.id] = action
    if untitled:
        reader.warn(
            reader.headings.row,
            "rec_id",
            f"the file gives no recommendation text, so {untitled} recommendations are titled by their id",
            'copy each recommendation\'s words into its "title:" in the file written',
        )


def _group(reader: RowReader, cells: dict[str, str]) -> str | None:
    group = as_id(cells.get("group", ""))
    if group:
        reader.plan.groups.setdefault(group, cells.get("group_title") or group.replace("-", " ").capitalize())
    return group or None
