"""Golden output: the sample site builds to exactly the pages and data checked in.

After a deliberate change to output, rewrite the golden files with
``ACTIONPLAN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` (the test then fails
on purpose, so a run that rewrote them can never pass), review ``git diff tests/golden``,
run again without the variable, and commit the change with the reason for it.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from actionplan.commands.build import build
from actionplan.pipeline import Options
from tests.helpers import AS_OF

HERE = Path(__file__).parent
SAMPLE = HERE / "fixtures" / "sample"
GOLDEN = HERE / "golden" / "sample"
UPDATE = "ACTIONPLAN_UPDATE_GOLDEN"


def _compared(root: Path) -> dict[str, bytes]:
    # The theme's assets change with every style tweak; pages and data are what the golden files pin.
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "assets" not in p.relative_to(root).parts
    }


def _difference(name: str, expected: bytes, built: bytes) -> str:
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        built.decode("utf-8", "replace").splitlines(),
        f"golden/{name}",
        f"built/{name}",
        lineterm="",
    )
    return "\n".join(list(lines)[:40])


def _rewrite(built: dict[str, bytes]) -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for name, data in built.items():
        (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
        (GOLDEN / name).write_bytes(data)


def test_sample_site_matches_golden(tmp_path: Path) -> None:
    build(Options(content=SAMPLE, output=tmp_path / "site", as_of=AS_OF))
    built = _compared(tmp_path / "site")
    if os.environ.get(UPDATE):
        old = _compared(GOLDEN) if GOLDEN.is_dir() else {}
        changed = sorted(name for name in set(built) | set(old) if built.get(name) != old.get(name))
        _rewrite(built)
        pytest.fail(
            f"{UPDATE} is set: rewrote {len(changed)} golden file(s) from this build ({', '.join(changed) or 'none'}); "
            f"review git diff tests/golden, then run again without {UPDATE}",
            pytrace=False,
        )
    expected = _compared(GOLDEN)
    assert sorted(built) == sorted(expected), "the build writes other files than the golden site holds"
    different = [name for name in built if built[name] != expected[name]]
    assert not different, f"{len(different)} file(s) differ from tests/golden:\n" + _difference(
        different[0], expected[different[0]], built[different[0]]
    )
