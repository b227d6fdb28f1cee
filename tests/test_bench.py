"""The benchmark's content generator and runner: valid, realistic and reproducible content; a runner that works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.generate import MARKER, edit_plan, generate
from tests.conftest import REPO


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _bench(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one of bench/'s scripts as CI does, which must end and succeed."""
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args], capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr
    return run


def test_generated_content_passes_check(tmp_path: Path, cli) -> None:
    plans = generate(5, tmp_path / "synthetic")
    for path in plans:
        edit_plan(path)  # the runner's edit keeps a plan valid
    run = cli("check", "--content", str(tmp_path / "synthetic"))
    assert run.code == 0, run.err
    assert run.lines[-1] == "0 errors, 0 warnings"


def test_generated_plans_have_realistic_sizes(tmp_path: Path) -> None:
    plans = generate(20, tmp_path / "synthetic")
    assert 20 <= len(plans) <= 40  # one or two plans a council
    for path in plans:
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert 8 <= len(plan["recommendations"]) <= 13
        for rec in plan["recommendations"]:
            assert 2 <= len(rec["actions"]) <= 8
            assert all(len(action.get("updates", [])) <= 3 for action in rec["actions"])
        assert 15_000 < len(path.read_bytes()) < 90_000, path


def test_same_seed_same_bytes_and_smaller_runs_are_a_prefix(tmp_path: Path) -> None:
    generate(6, tmp_path / "one")
    generate(6, tmp_path / "two")
    generate(3, tmp_path / "three")
    generate(6, tmp_path / "other", seed=2)
    one = _files(tmp_path / "one")
    assert one == _files(tmp_path / "two")
    assert _files(tmp_path / "three").items() < one.items()
    assert one != _files(tmp_path / "other")


def test_generator_replaces_only_its_own_folders(tmp_path: Path) -> None:
    generate(2, tmp_path / "synthetic")
    assert (tmp_path / "synthetic" / MARKER).exists()
    generate(1, tmp_path / "synthetic")  # an earlier generation is replaced
    assert len([p for p in (tmp_path / "synthetic").iterdir() if p.is_dir()]) == 1
    (tmp_path / "mine" / "harlow").mkdir(parents=True)
    with pytest.raises(SystemExit, match="not written by bench/generate.py"):
        generate(1, tmp_path / "mine")
    assert (tmp_path / "mine" / "harlow").is_dir()


@pytest.mark.slow
def test_runner_reports_every_measure_at_five_councils(tmp_path: Path) -> None:
    """CI runs the benchmark at N = 5 to prove it works; the figures are not checked, the machine is shared."""
    run = _bench("run.py", "--sizes", "5", "--runs", "1", "--work", str(tmp_path))
    header, rule, row = run.stdout.splitlines()[-3:]
    assert header.startswith("| N | commit | plans, MB | pages | cold | no-op | after edit |")
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[0] == "5" and int(cells[3]) > 50
    assert all(re.fullmatch(r"[0-9.]+ / [0-9.]+( \(.*\))?", cells[i]) for i in (4, 5, 6))


@pytest.mark.slow
def test_preview_timer_reports_save_to_visible_at_five_councils(tmp_path: Path) -> None:
    """bench/serve.py saves a plan and polls the preview until the page shows it; it must end and report."""
    run = _bench("serve.py", "--sizes", "5", "--saves", "2", "--work", str(tmp_path))
    header, _, row = run.stdout.splitlines()[-3:]
    assert header.startswith("| N | commit | save → visible")
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[0] == "5" and re.fullmatch(r"[0-9.]+ s \([0-9.]+, [0-9.]+\)", cells[2])


@pytest.mark.slow
def test_stage_timer_reports_every_stage_at_five_councils(tmp_path: Path) -> None:
    """bench/stages.py times the stages of a council's part and a whole build; it must end and report each."""
    generate(5, tmp_path / "content")
    run = _bench("stages.py", str(tmp_path / "content"), "--repeat", "1")
    stages = dict(line.rsplit(None, 2)[:2] for line in run.stdout.splitlines())
    assert set(stages) == {"load + validate", "derive", "exports", "render", "build (all)"}
    assert all(float(seconds) > 0 for seconds in stages.values())
