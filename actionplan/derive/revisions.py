"""What changed in every plan between two versions of the content, ready for the theme's ``changes.md``.

Plans are matched by council and plan slug; within a plan, derive/changes.py says what changed.
Both versions are taken on the same day, so what differs is what was edited, never the calendar.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..model import Council, Plan, Site
from .changes import Changes, compare, snapshot
from .views import Heading, rec_heading


class Edit(StrEnum):
    """What happened to a whole plan."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class PlanChanges:
    council: Council  # as it is now; as it was, for a removed plan
    plan: Plan
    edit: Edit
    changes: Changes | None  # None for a plan added or removed whole
    recommendations: Mapping[str, Heading]  # by id, of both versions: how to name each action's recommendation


@dataclass(frozen=True)
class SiteChanges:
    day: datetime.date  # the day both versions are taken on
    plans: tuple[PlanChanges, ...]  # in the order of the content now, then the removed ones

    @property
    def is_empty(self) -> bool:
        return all(p.edit is Edit.UNCHANGED for p in self.plans)


def _plans(site: Site) -> dict[tuple[str, str], tuple[Council, Plan]]:
    return {(council.slug, plan.slug): (council, plan) for council in site.councils for plan in council.plans}


def _recommendations(*plans: Plan) -> dict[str, Heading]:
    """Return how each recommendation of the plans is named, by id; a later plan's names replace an earlier's."""
    return {rec.id: rec_heading(rec) for plan in plans for rec in plan.recommendations}


def compare_sites(before: Site, after: Site, day: datetime.date) -> SiteChanges:
    """Return what changed in each plan from the ``before`` content to the ``after`` content, both on ``day``."""
    old, new = _plans(before), _plans(after)
    found: list[PlanChanges] = []
    for key, (council, plan) in new.items():
        if key not in old:
            found.append(PlanChanges(council, plan, Edit.ADDED, None, _recommendations(plan)))
            continue
        earlier = old[key][1]
        changes = compare(snapshot(earlier, day), snapshot(plan, day))
        edit = Edit.UNCHANGED if changes.is_empty else Edit.CHANGED
        found.append(PlanChanges(council, plan, edit, changes, _recommendations(earlier, plan)))
    for key, (council, plan) in old.items():
        if key not in new:
            found.append(PlanChanges(council, plan, Edit.REMOVED, None, _recommendations(plan)))
    return SiteChanges(day, tuple(found))
