"""Read when a plan's progress was reported, and when each action joined or left the plan.

Kept apart from validate.py so that the history of a plan is read in one place: the
reports (``reports:``) and each action's ``added`` and ``withdrawn`` days, which let
an old report show the plan exactly as it stood, however the file changes later.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ..model import REPORT_KINDS, Report
from ..model.progress import ReportDate
from .messages import REPORT_BEFORE_REVIEW, REPORT_TWICE, WITHDRAWN_BEFORE_ADDED
from .yamlnodes import Mapping

if TYPE_CHECKING:
    from .validate import _File


def read_reports(f: _File, node: Mapping, review_date: str | None) -> tuple[Report, ...]:
    """Return the plan's reports oldest first; report a day used twice, or one before the peer team's visit."""
    reports: dict[datetime.date, tuple[Report, int]] = {}
    visit = ReportDate.parse(review_date) if review_date else None
    for entry in f.mappings(node, "reports"):
        written = f.written_date(entry, "date", month_is_enough=True)
        if written is None:
            continue
        when = ReportDate.parse(written.iso)  # a month stands for its last day, when all of it is known
        day = when.last
        where = entry.get("date") or entry
        if day in reports:
            f.report(where, *REPORT_TWICE.say(date=written.iso, line=reports[day][1]))
            continue
        if visit is not None and day < visit.first:
            f.report(where, *REPORT_BEFORE_REVIEW.say(date=written.iso, review=visit.text))
        kind = f.text(entry, "kind")
        title, url = f.text(entry, "title") or "", f.text(entry, "url")
        report = Report(day, title, url, kind or REPORT_KINDS[0], is_month=when.is_month)
        reports[day] = (report, where.line)
    return tuple(report for _, (report, _) in sorted(reports.items()))


def read_membership(
    f: _File, entry: Mapping, parent: tuple[datetime.date | None, datetime.date | None]
) -> tuple[datetime.date | None, datetime.date | None, str]:
    """Return the days an action joined and left the plan, and why it left.

    A sub-action joins no earlier than its parent and leaves no later: by default it
    has the parent's days.
    """
    parent_added, parent_withdrawn = parent
    added = _later(f.date(entry, "added"), parent_added)
    withdrawn = _earlier(f.date(entry, "withdrawn"), parent_withdrawn)
    if added is not None and withdrawn is not None and withdrawn <= added:
        where = entry.get("withdrawn") or entry.get("added") or entry
        f.report(where, *WITHDRAWN_BEFORE_ADDED.say(withdrawn=withdrawn.isoformat(), added=added.isoformat()))
    return added, withdrawn, f.text(entry, "withdrawn_reason") or ""


def _later(day: datetime.date | None, other: datetime.date | None) -> datetime.date | None:
    return max(day, other) if day and other else day or other


def _earlier(day: datetime.date | None, other: datetime.date | None) -> datetime.date | None:
    return min(day, other) if day and other else day or other
