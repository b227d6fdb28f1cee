"""The shipped JSON Schemas are valid, and agree with the bundled content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from actionplan.model.dates import read_date
from actionplan.sources.schema import SCHEMA_NAMES, check_node, load_schema
from actionplan.sources.yamlnodes import Node, parse_yaml
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


@pytest.mark.parametrize(
    "written",
    [
        "2025-02-28",
        "28/02/2025",
        "28/2/25",
        "28.02.2025",
        "28-02-2025",
        "28 February 2025",
        "28th Feb 2025",
        "February 2025",
        "2025-02",
        "31/02/2025",
        "28 Febuary 2025",
        "2025/02/28",
        "28/02-2025",
        "1st of May",
        "soon",
    ],
)
def test_schema_and_checker_agree_on_date_forms(written: str) -> None:
    """The published schema and the checker accept the same date shapes; whether the day exists is checked later."""
    for field, month_is_enough in (("published", False), ("updated", True)):
        document = {"title": "x", field: written, "recommendations": [{"id": "1", "title": "t"}]}
        validator = jsonschema.Draft202012Validator(load_schema("plan"))
        schema_says = not list(validator.iter_errors(document))
        assert schema_says == (not check_node(_nodes(document), "plan")), (field, written)
        reads = read_date(written, month_is_enough)
        if reads is not None:  # a date the checker reads (or names as impossible) never fails the schema
            assert schema_says, (field, written)


def _nodes(document: dict[str, object]) -> Node:
    node, problems = parse_yaml(yaml.safe_dump(document, default_style='"'))
    assert node is not None and not problems
    return node
