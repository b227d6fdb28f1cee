"""What changed in a plan between two days, or between two versions of its file: the one place that says so.

A *snapshot* is a plan as it stood on one day: each action's status as reported by
then (model/progress.py), its deadline, the updates known by then, and whether it
was part of the plan that day. ``compare`` lists what differs between two snapshots:
of one plan on two days (a report and the one before it), or of two versions of the
plan's file on the same day (the content at a git revision and now). Actions and
recommendations are matched by their stable ids (model/ids.py), so an action
inserted between others is one addition, never a cascade of changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Action, Plan, Recommendation, Update
from ..model.progress import Progress, progress_on
from ..model.statuses import Status
from .markdown import first_words


@dataclass(frozen=True)
class ActionState:
    """One action as it stood on the snapshot's day."""

    action: Action
    recommendation: str  # its recommendation's id
    words: str  # the first words of its text, to name it where it has no label
    progress: Progress  # its status as reported by the day, and its timeliness that day
    updates: tuple[Update, ...]  # those dated on or before the day, oldest first
    in_plan: bool  # added by the day and not yet withdrawn

    @property
    def id(self) -> str:
        return self.action.id

    @property
    def status(self) -> Status | None:
        return self.progress.report.status if self.progress.report else None

    @property
    def is_complete(self) -> bool:
        return self.status is not None and self.status.is_complete

    @property
    def deadline_passed(self) -> bool:
        return self.progress.deadline_passed


@dataclass(frozen=True)
class RecommendationState:
    recommendation: Recommendation
    words: str  # the first words of its title

    @property
    def id(self) -> str:
        return self.recommendation.id


@dataclass(frozen=True)
class Snapshot:
    """A plan as it stood on ``day``: every action in its file, in the plan's order, each saying whether it
    was in the plan that day."""

    day: datetime.date
    actions: Mapping[str, ActionState]  # by id
    recommendations: Mapping[str, RecommendationState]  # by id

    def in_plan(self) -> tuple[ActionState, ...]:
        """Return the actions that were part of the plan on the day, in the plan's order."""
        return tuple(a for a in self.actions.values() if a.in_plan)


@dataclass(frozen=True)
class StatusChange:
    action: ActionState  # as it stood on the later day
    before: Status | None  # None: no status had been reported
    after: Status | None


@dataclass(frozen=True)
class UpdateAdded:
    action: ActionState
    update: Update


@dataclass(frozen=True)
class DeadlineChange:
    action: ActionState  # as it stands in the later version
    before_due: str | None  # the timeframes as written
    after_due: str | None
    before: datetime.date | None  # the deadlines read from them
    after: datetime.date | None


@dataclass(frozen=True)
class Changes:
    """What changed from one snapshot to a later one, each list in the plan's order."""

    since: datetime.date
    until: datetime.date
    status_changes: tuple[StatusChange, ...]
    completed: tuple[ActionState, ...]  # newly reported complete (each is also a status change)
    deadlines_passed: tuple[ActionState, ...]  # passed without the action being reported complete
    updates_added: tuple[UpdateAdded, ...]
    actions_added: tuple[ActionState, ...]
    actions_removed: tuple[ActionState, ...]  # as they stood before
    deadlines_changed: tuple[DeadlineChange, ...]
    recommendations_added: tuple[RecommendationState, ...]
    recommendations_removed: tuple[RecommendationState, ...]

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.status_changes,
                self.deadlines_passed,
                self.updates_added,
                self.actions_added,
                self.actions_removed,
                self.deadlines_changed,
                self.recommendations_added,
                self.recommendations_removed,
            )
        )


def snapshot(plan: Plan, day: datetime.date) -> Snapshot:
    """Return ``plan`` as it stood on ``day``, from what is dated on or before it (headings report nothing)."""
    actions: dict[str, ActionState] = {}
    recommendations: dict[str, RecommendationState] = {}
    for rec in plan.recommendations:
        recommendations[rec.id] = RecommendationState(rec, first_words(rec.title))
        for top in rec.actions:
            for action in top.walk():
                if action.is_heading:
                    continue
                actions[action.id] = ActionState(
                    action=action,
                    recommendation=rec.id,
                    words=first_words(action.text),
                    progress=progress_on(action, plan.updated, day),
                    updates=tuple(u for u in action.updates if u.date <= day),
                    in_plan=action.in_plan_on(day),
                )
    return Snapshot(day, actions, recommendations)


def compare(before: Snapshot, after: Snapshot) -> Changes:
    """Return what changed from ``before`` to ``after``: two days of one plan, or two versions of it."""
    kept = [(before.actions[a.id], a) for a in after.in_plan() if _was_in(before, a.id)]
    status_changes = tuple(StatusChange(new, old.status, new.status) for old, new in kept if _key(old) != _key(new))
    known = {a.id: {u.id for u in a.updates} for a in before.actions.values()}
    return Changes(
        since=before.day,
        until=after.day,
        status_changes=status_changes,
        completed=tuple(c.action for c in status_changes if c.action.is_complete and not _complete(c.before)),
        deadlines_passed=tuple(
            new for old, new in kept if new.deadline_passed and not old.deadline_passed and not new.is_complete
        ),
        updates_added=tuple(
            UpdateAdded(a, u) for a in after.in_plan() for u in a.updates if u.id not in known.get(a.id, ())
        ),
        actions_added=tuple(a for a in after.in_plan() if not _was_in(before, a.id)),
        actions_removed=tuple(a for a in before.in_plan() if not _was_in(after, a.id)),
        deadlines_changed=tuple(
            DeadlineChange(new, old.action.due, new.action.due, old.action.deadline.date, new.action.deadline.date)
            for old, new in kept
            if (old.action.due, old.action.deadline.date) != (new.action.due, new.action.deadline.date)
        ),
        recommendations_added=tuple(r for i, r in after.recommendations.items() if i not in before.recommendations),
        recommendations_removed=tuple(r for i, r in before.recommendations.items() if i not in after.recommendations),
    )


def _was_in(snap: Snapshot, action_id: str) -> bool:
    state = snap.actions.get(action_id)
    return state is not None and state.in_plan


def _key(state: ActionState) -> str | None:
    return state.status.key if state.status else None


def _complete(status: Status | None) -> bool:
    return status is not None and status.is_complete
