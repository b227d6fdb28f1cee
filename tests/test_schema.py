"""The shipped JSON Schemas are valid, agree with the bundled content, and agree with the checker.

The checker (``check_node``) interprets the schemas to report located problems; an
editor's YAML tooling reads the same files with a JSON Schema validator. The property
test writes plan, council and site documents — valid ones built from the schemas,
then damaged — as YAML text, and asks both for a verdict on the same parsed nodes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from actionplan.addresses import SCHEMA_NAMES
from actionplan.model.dates import read_date
from actionplan.sources.schema import BOOLEAN_WORDS, check_node, load_schema, resolve
from actionplan.sources.yamlnodes import Mapping, Node, Sequence, parse_yaml
from tests.helpers import CONTENT

Schema = dict[str, Any]


def as_json(node: Node) -> Any:
    """Return the value an editor's schema tool sees: YAML 1.2's nulls and booleans, every other scalar as text."""
    if isinstance(node, Mapping):
        return {key.text: as_json(value) for key, value in node.pairs}
    if isinstance(node, Sequence):
        return [as_json(item) for item in node.items]
    if node.is_null:
        return None
    if node.kind == "bool" and node.text in BOOLEAN_WORDS:  # "yes" and "on" are booleans only to YAML 1.1
        return node.text.casefold() == "true"
    return node.text


def _parsed(text: str) -> Node:
    node, problem = parse_yaml(text)
    assert node is not None, problem
    return node


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_json_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema(name))


def _content_files() -> list[tuple[str, Path]]:
    files = [("site", p) for p in CONTENT.glob("site.yaml")]
    for path in sorted(CONTENT.glob("*/*.yaml")):
        files.append(("council" if path.name == "council.yaml" else "plan", path))
    return files


@pytest.mark.parametrize(("name", "path"), _content_files(), ids=lambda v: getattr(v, "name", v))
def test_bundled_content_passes_the_published_schema(name: str, path: Path) -> None:
    document = as_json(_parsed(path.read_text("utf-8-sig")))
    validator = jsonschema.Draft202012Validator(load_schema(name))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


# ----------------------------------------------------------------- documents written from the schemas

_MAX_DEPTH = 3  # sub-actions of sub-actions: deep enough for every rule, small enough to be quick
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=40)
# Values of every shape and YAML type, to put where they do not belong.
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.sampled_from(["", " ", "\t", "null", "~", "-", "[", "2023-13-45", "javascript:x", "On-Track"]),
    _TEXT,
)
_WRONG = st.one_of(
    _SCALARS,
    st.lists(_SCALARS, max_size=2),
    st.dictionaries(st.sampled_from(["text", "id", "x", "title"]), _SCALARS, max_size=2),
)


def _kind(schema: Schema) -> str | None:
    kinds = schema.get("type")
    return kinds if isinstance(kinds, str) or kinds is None else next(k for k in kinds if k != "null")


@st.composite
def _fields(draw: st.DrawFn, required: dict[str, st.SearchStrategy[Any]], optional: dict[str, Any]) -> dict[str, Any]:
    """Return the required fields and most optional ones, so that their rules are there to break."""
    fields = {key: draw(value) for key, value in required.items()}
    fields.update({key: draw(value) for key, value in optional.items() if draw(st.integers(0, 3))})
    return fields


def _valid(schema: Schema, root: Schema, depth: int = 0) -> st.SearchStrategy[Any]:
    """Return values that the schema allows."""
    schema = resolve(schema, root)
    kind = _kind(schema)
    if kind == "object":
        properties: dict[str, Schema] = schema.get("properties", {})
        required = schema.get("required", [])
        if depth >= _MAX_DEPTH:  # no deeper sub-actions
            properties = {k: s for k, s in properties.items() if k != "actions"}
        values = {k: _valid(s, root, depth + 1) for k, s in properties.items()}
        extra = schema.get("additionalProperties", True)
        if isinstance(extra, dict):
            names = _valid(schema.get("propertyNames", {"type": "string"}), root)
            return st.dictionaries(names, _valid(extra, root, depth + 1), max_size=3)
        return _fields({k: values[k] for k in required}, {k: v for k, v in values.items() if k not in required})
    if kind == "array":
        items = _valid(schema.get("items", {}), root, depth + 1)
        return st.lists(items, min_size=schema.get("minItems", 0), max_size=2)
    if kind == "boolean":
        return st.sampled_from(BOOLEAN_WORDS).map(lambda word: word.casefold() == "true")
    if kind == "string":
        limit = min(schema.get("maxLength", 40), 40)
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda s: len(s) <= limit)
        return _TEXT.filter(lambda s: len(s) <= limit)
    return _WRONG


class Place(NamedTuple):
    container: Any  # a dict or a list of the document
    key: Any  # a key of the dict or an index of the list
    schema: Schema  # what container[key] should meet
    around: Schema  # what the container should meet


def _places(value: Any, schema: Schema, root: Schema) -> Iterator[Place]:
    """Yield every place inside ``value``, with the schemas it and its container should meet."""
    schema = resolve(schema, root)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            inner = resolve(properties.get(key, extra if isinstance(extra, dict) else {}), root)
            yield Place(value, key, inner, schema)
            yield from _places(item, inner, root)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            inner = resolve(schema.get("items", {}), root)
            yield Place(value, index, inner, schema)
            yield from _places(item, inner, root)


def _breaches(place: Place) -> Iterator[tuple[str, str, st.SearchStrategy[Any]]]:
    """Yield (rule, how, what) for each way to break one rule at ``place``: set a value, remove or rename the key."""
    schema, kind = place.schema, _kind(place.schema)
    yield "type", "set", _WRONG
    if kind == "string":
        yield "minLength", "set", st.sampled_from(["", " ", "\t"])
        if "enum" in schema:
            yield "enum", "set", st.sampled_from([schema["enum"][0].upper(), schema["enum"][0] + " ", "done"])
        if "pattern" in schema:
            yield "pattern", "set", st.sampled_from(["a b", "On hold", "1 June", "-"])
        limit = schema.get("maxLength")
        if limit is not None and re.search(schema.get("pattern", ""), "a" * (limit + 1)):
            yield "maxLength", "set", st.sampled_from(["a" * limit, "a" * (limit + 1)])
    if kind == "boolean":
        yield "boolean", "set", st.sampled_from(["true", "True", "tRUE", "yes", "on", "1"])
    if kind == "array" and schema.get("minItems", 0):
        yield "minItems", "set", st.just([])
    if isinstance(place.container, dict):
        yield "required", "remove", st.none()
        yield "additionalProperties", "rename", st.sampled_from(["titel", "Status", "extra", "1"])
        if "propertyNames" in place.around:
            yield "propertyNames", "rename", st.sampled_from(["On hold", "1st", "a" * 41])


@st.composite
def _damaged(draw: st.DrawFn, document: Any, root: Schema) -> Any:
    """Return ``document`` with up to three rules broken: a rule is drawn first, then a place that has it."""
    for _ in range(draw(st.sampled_from([1, 0, 1, 2, 3]))):  # one broken rule most often: nothing hides it
        breaches: dict[str, list[tuple[Place, str, st.SearchStrategy[Any]]]] = {}
        for place in _places(document, root, root):
            for rule, how, what in _breaches(place):
                breaches.setdefault(rule, []).append((place, how, what))
        if not breaches:
            return draw(_WRONG)
        place, how, what = draw(st.sampled_from(breaches[draw(st.sampled_from(sorted(breaches)))]))
        if how == "set":
            place.container[place.key] = draw(what)
        elif how == "remove":
            del place.container[place.key]
        elif place.key in place.container:  # rename, unless an earlier change removed it
            place.container[draw(what)] = place.container.pop(place.key)
    return document


@functools.cache
def _valid_document(name: str) -> st.SearchStrategy[Any]:
    root = load_schema(name)
    return _valid(root, root)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """Return a schema's name and a document for it as YAML text, valid or not."""
    name = draw(st.sampled_from(["plan", "plan", "council", "site"]))  # a plan has the most rules
    document = draw(_damaged(draw(_valid_document(name)), load_schema(name)))
    return name, yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents())
def test_the_published_schema_and_the_checker_agree(named: tuple[str, str]) -> None:
    name, text = named
    node, problem = parse_yaml(text)
    assume(node is not None)  # text the parser refuses never reaches either
    assert node is not None, problem
    schema_errors = [e.message for e in jsonschema.Draft202012Validator(load_schema(name)).iter_errors(as_json(node))]
    checker_errors = [v.message for v in check_node(node, name)]
    assert bool(schema_errors) == bool(checker_errors), f"schema: {schema_errors}\nchecker: {checker_errors}"


def test_the_checker_is_asked() -> None:
    """Guard against a vacuous property: a document both call invalid, and one both call valid."""
    bad = _parsed('title: x\nrecommendations:\n  - id: "Bad Id"\n    title: t\n')
    good = _parsed('title: x\nrecommendations:\n  - id: "1"\n    title: t\n')
    validator = jsonschema.Draft202012Validator(load_schema("plan"))
    assert [v.message for v in check_node(bad, "plan")] == ['"id" cannot be "Bad Id"']
    assert not validator.is_valid(as_json(bad))
    assert check_node(good, "plan") == [] and validator.is_valid(as_json(good))


def test_scalars_are_text_but_for_yaml_12_nulls_and_booleans() -> None:
    assert as_json(_parsed("a: 1\nb: True\nc: 2024-01-01\nd:\ne: ~\nf: 'null'\ng: yes\nh: 'true'\n")) == {
        "a": "1",
        "b": True,
        "c": "2024-01-01",
        "d": None,
        "e": None,
        "f": "null",
        "g": "yes",
        "h": "true",
    }


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
        nodes = _parsed(yaml.safe_dump(document, default_style='"'))
        assert schema_says == (not check_node(nodes, "plan")), (field, written)
        reads = read_date(written, month_is_enough)
        if reads is not None:  # a date the checker reads (or names as impossible) never fails the schema
            assert schema_says, (field, written)
