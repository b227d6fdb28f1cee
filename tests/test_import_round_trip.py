"""Round trip: the site's own ``data/actions.csv`` imports back into the plans it was built from.

The export has one row per action, so the plans come back with their recommendation and
action ids, nesting, groups, statuses, leads and due dates as written. Recommendations with
no actions have no row, and the words the export does not carry (recommendation titles while
it has none) are not compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actionplan.model import Action, Plan
from actionplan.pipeline import Options, check
from tests.helpers import REPO, SEED_PLANS

PLANS = [(council, slug) for council, slug, *_ in SEED_PLANS]


def _plans(content: Path) -> dict[tuple[str, str], Plan]:
    site, problems = check(Options(content=content))
    assert [str(p) for p in problems if p.is_error] == []
    return {(c.slug, p.slug): p for c in site.councils for p in c.plans}


def _shape(plan: Plan) -> list[tuple[object, ...]]:
    def action(a: Action) -> tuple[object, ...]:
        status = a.status.key if a.status else None
        return (a.id, a.label, a.text, a.lead, a.due, status, [action(s) for s in a.actions])

    return [(r.id, r.group, [action(a) for a in r.actions]) for r in plan.recommendations if r.actions]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the bundled plans once and return the folder holding site/data/actions.csv."""
    from actionplan.commands.build import build

    folder = tmp_path_factory.mktemp("round-trip")
    build(Options(content=REPO / "content", output=folder / "site"))
    return folder


@pytest.mark.parametrize(("council", "slug"), PLANS, ids=[c for c, _ in PLANS])
def test_actions_csv_imports_to_an_equivalent_plan(council: str, slug: str, exported: Path, cli) -> None:
    csv_file = exported / "site" / "data" / "actions.csv"
    content = exported / f"content-{council}"
    run = cli(
        "import",
        str(csv_file),
        "--council",
        council,
        "--plan",
        slug,
        "--council-name",
        council,
        "--content",
        str(content),
    )
    assert run.code == 0, run.err
    assert not [line for line in run.lines if "is not imported" in line]  # every column is known
    bundled = _plans(REPO / "content")[(council, slug)]
    imported = _plans(content)[(council, slug)]
    assert _shape(imported) == _shape(bundled)
    assert [g.id for g in imported.groups] == [g.id for g in bundled.groups if _has_actions(bundled, g.id)]


def _has_actions(plan: Plan, group: str) -> bool:
    return any(r.actions for r in plan.recommendations if r.group == group)


def test_the_site_wide_file_needs_a_plan_it_holds(exported: Path, cli) -> None:
    csv_file = exported / "site" / "data" / "actions.csv"
    run = cli("import", str(csv_file), "--council", "harlow", "--plan", "cpc-2024", "--council-name", "Harlow")
    assert run.code == 1
    assert (
        "error: the file holds 5 plans, none of them harlow/cpc-2024 (choose one with --council and --plan:" in run.err
    )
