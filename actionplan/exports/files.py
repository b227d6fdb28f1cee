"""Open data and feeds: the same numbers as the pages, for people who reuse them."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..derive.urls import Urls
from ..derive.views import ActionView, Breakdown, PlanView, SiteView, end_of_period

ACTION_FIELDS = (
    "council",
    "plan",
    "recommendation",
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
    "url",
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


def plan_record(plan: PlanView, urls: Urls) -> dict[str, Any]:
    return {
        "council": plan.council.slug,
        "council_name": plan.council.name,
        "plan": plan.plan.slug,
        "title": plan.plan.title,
        "url": urls.absolute(plan.url),
        "updated": plan.plan.updated,
        "recommendations": len(plan.recommendations),
        "actions": plan.breakdown.total,
        "by_status": _counts(plan.breakdown),
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
    }


def action_record(plan: PlanView, group: str | None, a: ActionView, urls: Urls) -> dict[str, Any]:
    """Return one row: an action, or a heading over actions (``heading`` true), which is not counted as one."""
    action = a.action
    return {
        "council": plan.council.slug,
        "plan": plan.plan.slug,
        "recommendation": a.recommendation_id,
        "group": group,
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
        "last_update": a.last_update.isoformat() if a.last_update else None,
        "url": urls.absolute(a.url),
    }


def action_records(view: SiteView) -> Iterator[dict[str, Any]]:
    """Yield a row for every action and every heading over actions, in the plan's order."""
    for plan in view.plans:
        for rec in plan.recommendations:
            for top in rec.actions:
                for a in top.walk():
                    yield action_record(plan, rec.rec.group, a, view.urls)


def _json(values: Iterable[Any]) -> bytes:
    """Return a JSON list written one item at a time, as ``json.dumps(list(values), indent=2)`` would."""
    items = [textwrap.indent(json.dumps(value, ensure_ascii=False, indent=2), "  ").encode("utf-8") for value in values]
    return b"[\n" + b",\n".join(items) + b"\n]\n" if items else b"[]\n"


def neutralise_cell(value: Any) -> str:
    """Return a CSV cell that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def actions_csv(records: Iterable[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ACTION_FIELDS)
    for record in records:
        writer.writerow(neutralise_cell(record[f]) for f in ACTION_FIELDS)
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def _atom(feed_id: str, title: str, link: str, updated: str, entries: list[tuple[str, str, str, str, str]]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{escape(feed_id)}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <link href={quoteattr(link)}/>",
        f"  <updated>{updated}T00:00:00Z</updated>",
    ]
    for entry_id, day, entry_title, url, html in entries:
        lines += [
            "  <entry>",
            f"    <id>{escape(entry_id)}</id>",
            f"    <title>{escape(entry_title)}</title>",
            f"    <updated>{day}T00:00:00Z</updated>",
            f"    <link href={quoteattr(url)}/>",
            f'    <content type="html">{escape(html)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>\n")
    return "\n".join(lines).encode("utf-8")


def _plan_entries(plan: PlanView, urls: Urls) -> list[tuple[str, str, str, str, str]]:
    entries = []
    for a in plan.all_actions():
        for u in a.updates:
            label = a.action.label or a.action.id
            title = f"{plan.council.short_name}: action {label} – {u.status_label or 'update'}"
            html = f"<p>{escape(a.action.text)}</p>{u.note}"
            entry = (urls.feed_entry(a.url, u.id), u.date.isoformat(), title, urls.absolute(a.url), html)
            entries.append(entry)
    return sorted(entries, key=lambda e: (e[1], e[0]), reverse=True)


def export_files(view: SiteView) -> Iterator[tuple[str, bytes]]:
    """Yield the data files and feeds, each with its output path, one at a time."""
    urls = view.urls
    yield urls.plans_json, _json(plan_record(p, urls) for p in view.plans)
    yield urls.actions_json, _json(action_records(view))
    yield urls.actions_csv, actions_csv(action_records(view))
    everything = []
    latest_overall = []
    for plan in view.plans:
        entries = _plan_entries(plan, urls)
        everything += entries
        latest = _latest_date(plan, entries) or view.as_of.isoformat()
        latest_overall.append(latest)
        title = f"{plan.plan.title} – {plan.council.name}"
        yield plan.feed_url, _atom(urls.absolute(plan.feed_url), title, urls.absolute(plan.url), latest, entries)
    everything.sort(key=lambda e: (e[1], e[0]), reverse=True)
    latest = max(latest_overall, default=view.as_of.isoformat())
    yield urls.feed, _atom(urls.absolute(urls.feed), view.site.title, urls.absolute(urls.home), latest, everything)


def _latest_date(plan: PlanView, entries: list[tuple[str, str, str, str, str]]) -> str | None:
    """Return the newest date the plan itself gives: a feed changes only when the plan does."""
    p = plan.plan
    known = [e[1] for e in entries]
    known += [end_of_period(d).isoformat() for d in (p.updated, p.review_date) if d]
    known += [p.published.isoformat()] if p.published else []
    return max(known, default=None)
