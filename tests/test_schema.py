"""The shipped JSON Schemas are valid, and agree with the bundled content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from actionplan.sources.schema import SCHEMA_NAMES, load_schema
from tests.conftest import REPO


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_json_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema(name))


def _content_files() -> list[tuple[str, Path]]:
    files = [("site", p) for p in (REPO / "content").glob("site.yaml")]
    for path in sorted((REPO / "content").glob("*/*.yaml")):
        files.append(("council" if path.name == "council.yaml" else "plan", path))
    return files


def _yaml_12_booleans(value: Any) -> Any:
    """Read true and false as YAML 1.2 does, and every other scalar as text."""
    if isinstance(value, dict):
        return {k: _yaml_12_booleans(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_yaml_12_booleans(v) for v in value]
    return {"true": True, "false": False}.get(value, value)


@pytest.mark.parametrize(("name", "path"), _content_files(), ids=lambda v: getattr(v, "name", v))
def test_bundled_content_passes_the_published_schema(name: str, path: Path) -> None:
    # Editors read YAML 1.2, where dates and ids are text: BaseLoader reads every scalar as text too.
    text = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects
    document = _yaml_12_booleans(text)
    validator = jsonschema.Draft202012Validator(load_schema(name))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def test_schema_and_checker_agree_on_a_mistake() -> None:
    document = {"title": "x", "recommendations": [{"id": "Bad Id", "title": "t"}]}
    validator = jsonschema.Draft202012Validator(load_schema("plan"))
    assert any("Bad Id" in e.message for e in validator.iter_errors(document))
