"""Golden output: the sample site builds to exactly the pages and data checked in.

After a deliberate change to output, regenerate with
``ACTIONPLAN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

from actionplan.commands.build import build
from actionplan.pipeline import Options

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "sample"
AS_OF = datetime.date(2026, 11, 24)


def _compared(root: Path) -> dict[str, bytes]:
    # The theme's assets change with every style tweak; pages and data are what the golden files pin.
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "assets" not in p.relative_to(root).parts
    }


def test_sample_site_matches_golden(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(Options(content=HERE / "fixtures" / "sample", output=out, as_of=AS_OF))
    built = _compared(out)
    if os.environ.get("ACTIONPLAN_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    expected = _compared(GOLDEN)
    assert sorted(built) == sorted(expected)
    for name, data in built.items():
        assert data.decode() == expected[name].decode(), name
