"""derive/changes.py: a plan as it stood on a day, and what changed between two days or two versions of it."""

from __future__ import annotations

import datetime
import textwrap

from actionplan.derive.changes import Changes, Snapshot, compare, snapshot
from actionplan.model import Plan
from actionplan.pipeline import Options, check
from tests.helpers import write_tree

D = datetime.date

# Three reports; updates between them; an action added after the first report and one withdrawn before the third.
HISTORY = textwrap.dedent(
    """\
    title: Peer challenge 2024 – action plan
    review_date: March 2024
    reports:
      - {date: 2024-09-10, title: "Cabinet, 10 September 2024"}
      - {date: 2025-01-14, title: "Cabinet, 14 January 2025"}
      - {date: 2025-05-20, title: "Progress review", kind: progress-review}
    recommendations:
      - id: "1"
        title: Set a clear vision for the council
        actions:
          - id: vision
            text: Agree the vision with partners
            due: December 2024
            updates:
              - {date: 2024-08-01, status: not-started, note: Planned for the autumn.}
              - {date: 2024-11-02, status: in-progress, note: Workshops held.}
              - {date: 2025-03-03, status: complete, note: Vision agreed by Council.}
          - id: survey
            text: Run a residents' survey
            due: October 2024
            updates:
              - {date: 2024-07-01, status: on-track, note: Survey designed.}
          - id: comms
            text: Publish the vision
            due: June 2025
            added: 2024-10-01
            updates:
              - {date: 2024-12-01, status: not-started}
      - id: "2"
        title: Strengthen the finances
        actions:
          - id: budget
            text: Set a three-year budget
            due: March 2025
            withdrawn: 2025-04-01
            withdrawn_reason: Replaced by the medium-term financial strategy.
            updates:
              - {date: 2024-09-01, status: at-risk, note: Waiting for the settlement.}
    """
)


def _plan(root, text: str) -> Plan:
    write_tree(root, {"acme/council.yaml": "name: Acme\n", "acme/cpc-2024.yaml": text})
    site, problems = check(Options(content=root))
    assert [str(p) for p in problems if p.is_error] == []
    return site.councils[0].plans[0]


def _statuses(snap: Snapshot) -> dict[str, str | None]:
    return {a.id: a.status.key if a.status else None for a in snap.in_plan()}


def _summary(changes: Changes) -> dict[str, list]:
    return {
        "status": [
            (c.action.id, c.before.key if c.before else None, c.after.key if c.after else None)
            for c in changes.status_changes
        ],
        "completed": [a.id for a in changes.completed],
        "deadlines passed": [a.id for a in changes.deadlines_passed],
        "updates": [(u.action.id, u.update.id) for u in changes.updates_added],
        "added": [a.id for a in changes.actions_added],
        "removed": [a.id for a in changes.actions_removed],
        "deadlines changed": [(c.action.id, c.before_due, c.after_due) for c in changes.deadlines_changed],
        "recommendations added": [r.id for r in changes.recommendations_added],
        "recommendations removed": [r.id for r in changes.recommendations_removed],
    }


NOTHING: dict[str, list] = {
    "status": [], "completed": [], "deadlines passed": [], "updates": [], "added": [], "removed": [],
    "deadlines changed": [], "recommendations added": [], "recommendations removed": [],
}  # fmt: skip


def test_each_report_shows_the_statuses_reported_by_its_day(tmp_path) -> None:
    plan = _plan(tmp_path, HISTORY)
    first, second, third = (snapshot(plan, r.date) for r in plan.reports)
    assert _statuses(first) == {"vision": "not-started", "survey": "on-track", "budget": "at-risk"}
    assert _statuses(second) == {
        "vision": "in-progress",
        "survey": "on-track",
        "comms": "not-started",
        "budget": "at-risk",
    }
    assert _statuses(third) == {"vision": "complete", "survey": "on-track", "comms": "not-started"}
    assert [a.id for a in third.actions.values() if not a.in_plan] == ["budget"]


def test_each_report_lists_what_changed_since_the_one_before(tmp_path) -> None:
    plan = _plan(tmp_path, HISTORY)
    first, second, third = (snapshot(plan, r.date) for r in plan.reports)
    assert _summary(compare(first, second)) == NOTHING | {
        "status": [("vision", "not-started", "in-progress")],
        "deadlines passed": ["vision", "survey"],
        "updates": [("vision", "2024-11-02"), ("comms", "2024-12-01")],
        "added": ["comms"],
    }
    assert _summary(compare(second, third)) == NOTHING | {
        "status": [("vision", "in-progress", "complete")],
        "completed": ["vision"],
        "updates": [("vision", "2025-03-03")],
        "removed": ["budget"],
    }
    assert compare(second, third).actions_removed[0].action.withdrawn_reason.startswith("Replaced")


def test_the_same_day_compared_with_itself_has_no_changes(tmp_path) -> None:
    plan = _plan(tmp_path, HISTORY)
    day = plan.reports[1].date
    changes = compare(snapshot(plan, day), snapshot(plan, day))
    assert changes.is_empty and _summary(changes) == NOTHING


def test_an_inserted_action_is_one_addition_not_a_cascade(tmp_path) -> None:
    """Two versions of the file on one day, as ``changes --since`` compares them: ids match the actions."""
    inserted = "      - text: Hold a staff briefing\n        due: May 2025\n      - id: survey\n"
    new = HISTORY.replace("      - id: survey\n", inserted, 1)
    new = new.replace("        due: October 2024\n", "        due: November 2024\n", 1)
    new = new.replace('  - id: "2"', '  - id: "1b"\n    title: Listen to residents\n  - id: "2"', 1)
    new = new[: new.index("      - id: budget")] + "      - text: Set the medium-term financial strategy\n"
    day = D(2025, 6, 1)
    before = snapshot(_plan(tmp_path / "old", HISTORY), day)
    after = snapshot(_plan(tmp_path / "new", new), day)
    assert _summary(compare(before, after)) == NOTHING | {
        "added": ["1.hold-a-staff-briefing", "2.set-the-medium-term-financial-strategy"],
        "deadlines changed": [("survey", "October 2024", "November 2024")],
        "recommendations added": ["1b"],
    }


def test_an_action_deleted_from_the_file_is_removed(tmp_path) -> None:
    new = HISTORY[: HISTORY.index("      - id: budget")] + "      - text: Set the medium-term financial strategy\n"
    day = D(2025, 3, 1)  # before the withdrawal: the budget action was still in the plan
    before = snapshot(_plan(tmp_path / "old", HISTORY), day)
    after = snapshot(_plan(tmp_path / "new", new), day)
    assert _summary(compare(before, after)) == NOTHING | {
        "added": ["2.set-the-medium-term-financial-strategy"],
        "removed": ["budget"],
    }
