"""Open data: every plan, action and update as CSV and JSON, with the same numbers as the pages.

An action row carries everything needed to read it alone — the council's and plan's
names, the recommendation's words, the status and when it was reported — so that a
journalist's spreadsheet needs no second file. The CSV and the JSON have the same
fields. The column names are also what ``import`` reads back, so they change only
with care.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup

from ..addresses import EXPORT_SCHEMA_NAMES, Urls
from ..derive.views import ActionView, Breakdown, PlanView, RecommendationView, SiteView
from ..model.statuses import CATEGORIES

ACTION_FIELDS = (
    "council",
    "council_name",
    "plan",
    "plan_title",
    "recommendation",
    "recommendation_text",
    "group",
    "action",
    "parent",
    "heading",
    "label",
    "text",
    "lead",
    "due",
    "due_date",
    "status",
    "status_label",
    "status_text",
    "status_date",
    "deadline_passed",
    "overdue",
    "timeliness",
    "last_update",
    "last_update_url",
    "url",
)
UPDATE_FIELDS = (
    "council",
    "council_name",
    "plan",
    "plan_title",
    "recommendation",
    "action",
    "update",
    "date",
    "status",
    "status_label",
    "note",
    "source",
    "url",
)
COUNT_KEYS = (*CATEGORIES, "none")
PLAN_FIELDS = (
    "council",
    "council_name",
    "plan",
    "title",
    "review",
    "review_date",
    "published",
    "updated",
    "url",
    "recommendations",
    "actions",
    *(key.replace("-", "_") for key in COUNT_KEYS),
    "with_deadline",
    "overdue",
    "no_report_since_deadline",
    "last_reported",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _counts(b: Breakdown) -> dict[str, int]:
    return b.by_status()


def _deadlines(b: Breakdown) -> dict[str, int | None]:
    """Count late actions; without any deadline there is nothing to count, so the counts are null, not 0."""
    return {
        "with_deadline": b.with_deadline,
        "overdue": b.overdue if b.has_deadlines else None,
        "no_report_since_deadline": b.no_report_since if b.has_deadlines else None,
    }


def _absolute_or_none(view: SiteView, address: str) -> str | None:
    """Return the full address of a file that is written only for a site with a base_url."""
    return view.urls.absolute(address) if view.urls.is_absolute else None


def plan_record(plan: PlanView, view: SiteView) -> dict[str, Any]:
    """Return what the site knows about a plan: its facts, its numbers and where its files are."""
    urls = view.urls
    p = plan.plan
    return {
        "council": plan.council.slug,
        "council_name": plan.council.name,
        "plan": p.slug,
        "title": p.title,
        "review": p.review,
        "review_date": p.review_date,
        "published": p.published.isoformat() if p.published else None,
        "updated": p.updated,
        "report_url": p.report_url,
        "summary": p.summary,
        "url": urls.absolute(plan.url),
        "recommendations": len(plan.recommendations),
        "actions": plan.breakdown.total,
        "by_status": _counts(plan.breakdown),
        "status_labels": {s.key: s.label for s in plan.breakdown.segments if s.label},
        **_deadlines(plan.breakdown),
        "last_reported": plan.last_reported.text if plan.last_reported else None,
        "groups": [
            {
                "id": gid,
                "title": title,
                "recommendations": n,
                "actions": b.total,
                "by_status": _counts(b),
                **_deadlines(b),
            }
            for gid, title, n, b in plan.group_breakdowns
        ],
        "files": {
            "actions_csv": urls.absolute(plan.actions_csv_url),
            "actions_json": urls.absolute(plan.actions_json_url),
            "feed": _absolute_or_none(view, plan.feed_url),
            "calendar": _absolute_or_none(view, plan.calendar_url),
            "badge": urls.absolute(plan.badge_url),
            "embed": urls.absolute(plan.embed_url),
        },
    }


def plan_row(record: dict[str, Any]) -> dict[str, Any]:
    """Flatten a plan's record into a row of data/plans.csv."""
    counts = {key.replace("-", "_"): record["by_status"][key] for key in COUNT_KEYS}
    return {**{f: record.get(f) for f in PLAN_FIELDS}, **counts}


@lru_cache(maxsize=256)
def _plain_text(html: Markup) -> str:
    """Return the words of a recommendation's title, once for all its actions' rows."""
    return html.striptags()


def action_record(plan: PlanView, rec: RecommendationView, a: ActionView, view: SiteView) -> dict[str, Any]:
    """Return one row: an action, or a heading over actions (``heading`` true), which is not counted as one."""
    action = a.action
    last = a.updates[-1] if a.updates else None
    return {
        "council": plan.council.slug,
        "council_name": plan.council.name,
        "plan": plan.plan.slug,
        "plan_title": plan.plan.title,
        "recommendation": a.recommendation_id,
        "recommendation_text": _plain_text(rec.title),
        "group": rec.rec.group,
        "action": action.id,
        "parent": action.parent,
        "heading": action.is_heading,
        "label": action.label,
        "text": action.text,
        "lead": action.lead,
        "due": action.due,
        "due_date": a.due_date.isoformat() if a.due_date else None,
        "status": None if a.status_key == "none" else a.status_key,
        "status_label": a.status_label,
        "status_text": a.status_wording,
        "status_date": a.status_date.text if a.status_date else None,
        "deadline_passed": a.progress.deadline_passed,
        "overdue": a.progress.is_overdue,
        "timeliness": a.timeliness,
        "last_update": last.written if last else None,
        "last_update_url": last.source if last else None,
        "url": view.urls.absolute(a.url),
    }


def _entries(plan: PlanView) -> Iterator[tuple[RecommendationView, ActionView]]:
    """Yield every action and every heading over actions, in the plan's order: the export imports back."""
    return ((rec, a) for rec in plan.recommendations for top in rec.actions for a in top.walk())


def action_records(plans: Iterable[PlanView], view: SiteView) -> Iterator[dict[str, Any]]:
    """Yield a row for every action and every heading over actions, in the plan's order."""
    return (action_record(plan, rec, a, view) for plan in plans for rec, a in _entries(plan))


def update_rows(plans: Iterable[PlanView], view: SiteView) -> Iterator[dict[str, Any]]:
    """Yield a row per dated update, oldest first within each action: the history behind the statuses."""
    return (
        {
            "council": plan.council.slug,
            "council_name": plan.council.name,
            "plan": plan.plan.slug,
            "plan_title": plan.plan.title,
            "recommendation": a.recommendation_id,
            "action": a.action.id,
            "update": u.id,
            "date": u.written,
            "status": None if u.status_key == "none" else u.status_key,
            "status_label": u.status_label or None,
            "note": u.note.striptags(),
            "source": u.source,
            "url": view.urls.absolute(a.url),
        }
        for plan in plans
        for _, a in _entries(plan)
        for u in a.updates
    )


# An object of plain values (an action's or an update's row) is written by json's C encoder, whose separators lay
# it out as indent=2 would: with an indent, json writes everything in Python, three times slower.
_FLAT_OBJECT = json.JSONEncoder(ensure_ascii=False, separators=(",\n    ", ": "))
_PLAIN_VALUES = frozenset((str, int, float, bool, type(None)))


def _json_item(value: Any) -> bytes:
    if value.__class__ is dict and value and set(map(type, value.values())) <= _PLAIN_VALUES:
        return f"  {{\n    {_FLAT_OBJECT.encode(value)[1:-1]}\n  }}".encode()
    # Every line break json writes is between values (a string's own are escaped): each starts an indented line.
    return ("  " + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")).encode("utf-8")


def json_items(values: Iterable[Any]) -> list[bytes]:
    """Return each value as an item of a JSON list, indented as ``json.dumps(list(values), indent=2)`` would."""
    return [_json_item(value) for value in values]


def json_list(items: Sequence[bytes]) -> bytes:
    """Return the JSON list of items from ``json_items``."""
    return b"[\n" + b",\n".join(items) + b"\n]\n" if items else b"[]\n"


def to_json(values: Iterable[Any]) -> bytes:
    """Return a JSON list written one item at a time, as ``json.dumps(list(values), indent=2)`` would."""
    return json_list(json_items(values))


def neutralise_cell(value: Any) -> str:
    """Return a CSV cell that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _cells(row: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    # Most cells are text that starts like no formula: they are taken as they are, without a call (a million cells).
    return [
        v if v.__class__ is str and not v.startswith(_FORMULA_STARTS) else "" if v is None else neutralise_cell(v)
        for v in map(row.__getitem__, fields)
    ]


def _csv_line(cells: list[str]) -> str:
    """Return the cells as a line of CSV, as ``csv.writer`` writes it with its default dialect, quoting what it must.

    csv's writer looks at each character of a cell twice, one call a character: for the 19 million in the actions'
    rows at N = 300, twice as long as asking Python whether a cell holds a comma, a quote or a line break.
    """
    if cells == [""]:
        return '""\r\n'  # an empty line would be no row at all
    quoted = [
        '"' + cell.replace('"', '""') + '"' if "," in cell or '"' in cell or "\n" in cell or "\r" in cell else cell
        for cell in cells
    ]
    return ",".join(quoted) + "\r\n"


def csv_lines(fields: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> bytes:
    """Return the rows as CSV lines in UTF-8, without the line of headings."""
    lines = "".join([_csv_line(_cells(row, fields)) for row in rows])
    return lines.encode("utf-8")  # bytes: half the memory of a str with a dash in it, kept for the site's file


def csv_file(fields: tuple[str, ...], lines: bytes) -> bytes:
    """Return a CSV file: the headings, then the lines from ``csv_lines``."""
    headings = _csv_line(list(fields)).encode("utf-8-sig")  # the byte order mark makes Excel read UTF-8: £, é, dashes
    return headings + lines


def to_csv(fields: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> bytes:
    return csv_file(fields, csv_lines(fields, rows))


def export_schema(name: str) -> bytes:
    """Return the JSON Schema that describes data/<name>.json."""
    return resources.files(__package__).joinpath(f"schema/{name}.schema.json").read_bytes()


@dataclass(frozen=True)
class PlanLine:
    """A plan's item of data/plans.json and its line of data/plans.csv, written once with its council's part."""

    json: bytes
    csv: bytes


def plan_line(plan: PlanView, view: SiteView) -> PlanLine:
    record = plan_record(plan, view)
    return PlanLine(json_items([record])[0], csv_lines(PLAN_FIELDS, [plan_row(record)]))


def plans_files(urls: Urls, plans: Sequence[PlanLine]) -> Iterator[tuple[str, bytes]]:
    """Yield every plan with its numbers (``plan_record``), as JSON and CSV, and the schemas that describe the
    JSON."""
    yield urls.plans_json, json_list([p.json for p in plans])
    yield urls.plans_csv, csv_file(PLAN_FIELDS, b"".join(p.csv for p in plans))
    for name in EXPORT_SCHEMA_NAMES:
        yield urls.schema(name), export_schema(name)


@dataclass(frozen=True)
class PlanRows:
    """A plan's rows of the action and update data, written once for its own files and for the site's."""

    actions_json: tuple[bytes, ...]
    actions_csv: bytes
    updates_csv: bytes


def plan_rows(plan: PlanView, view: SiteView) -> PlanRows:
    records = list(action_records((plan,), view))
    updates = csv_lines(UPDATE_FIELDS, update_rows((plan,), view))
    return PlanRows(tuple(json_items(records)), csv_lines(ACTION_FIELDS, records), updates)


def plan_data_files(plan: PlanView, rows: PlanRows) -> Iterator[tuple[str, bytes]]:
    """Yield the plan's own data files."""
    yield plan.actions_json_url, json_list(rows.actions_json)
    yield plan.actions_csv_url, csv_file(ACTION_FIELDS, rows.actions_csv)
