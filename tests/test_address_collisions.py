"""No id or folder name can take an address that another output has.

A recommendation with id ``embed`` once replaced its plan's embed page, a council folder
named ``accessibility`` lost its page to the accessibility statement, and ids
``feed.xml`` or ``index.html`` passed ``check`` and then failed ``build`` with no
location. Every name the address map reserves is a located content error, in
``check`` and ``build`` alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.addresses import reserved_segments
from tests.helpers import MINIMAL_PLAN, Run

PLAN = "content/testshire/cpc-2023.yaml"


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("name", sorted(reserved_segments("recommendation")))
def test_a_recommendation_id_that_an_output_has_is_located(
    content: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path, name: str, command: str
) -> None:
    content(MINIMAL_PLAN.replace('id: "1"', f'id: "{name}"'))
    run = cli(command)
    assert run.code == 1, run.err
    assert any(line.startswith(f"{PLAN}:4:9: error: ") and name in line for line in run.lines), run.err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("name", sorted(reserved_segments("council")))
def test_a_council_folder_that_an_output_has_is_located(
    content: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path, name: str, command: str
) -> None:
    content(extra={f"{name}/council.yaml": "name: Clash Council\n", f"{name}/cpc-2023.yaml": MINIMAL_PLAN})
    run = cli(command)
    assert run.code == 1, run.err
    assert any(line.startswith(f"content/{name}:1:1: error: ") for line in run.lines), run.err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", sorted(reserved_segments("plan")))
def test_a_plan_file_that_an_output_has_is_located(
    content: Callable[..., Path], cli: Callable[..., Run], name: str
) -> None:
    content(extra={f"testshire/{name}.yaml": MINIMAL_PLAN})
    run = cli("check")
    assert run.code == 1, run.err
    assert any(line.startswith(f"content/testshire/{name}.yaml:1:1: error: ") for line in run.lines), run.err
