"""Every bundled content file names its JSON Schema on its first line, so editors check it as people type."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import REPO

CONTENT_FILES = sorted((REPO / "content").rglob("*.yaml"))
PREFIX = "# yaml-language-server: $schema="


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.relative_to(REPO).as_posix() for p in CONTENT_FILES])
def test_the_first_line_names_a_schema_that_exists(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(PREFIX)
    schema = (path.parent / first.removeprefix(PREFIX)).resolve()
    kind = {"council.yaml": "council", "site.yaml": "site"}.get(path.name, "plan")
    assert schema == REPO / "actionplan" / "sources" / "schema" / f"{kind}.schema.json"
    assert schema.is_file()
