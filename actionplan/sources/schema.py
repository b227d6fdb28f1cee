"""Check YAML nodes against the JSON Schemas shipped in ``actionplan/sources/schema/``.

The schema files are the single description of the content format: editors use
them for completion, and this small interpreter of the subset they use turns each
violation into a located, plain-English problem with a fix suggestion.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..errors import did_you_mean
from .yamlnodes import Mapping, Node, Scalar, Sequence

Schema = dict[str, Any]
# YAML 1.2's booleans, as editors' schema tools read them: "yes", "on" and a quoted "true" are text to them.
BOOLEAN_WORDS = ("true", "True", "TRUE", "false", "False", "FALSE")


@dataclass(frozen=True)
class Violation:
    node: Node
    message: str
    hint: str = ""


@cache
def load_schema(name: str) -> Schema:
    """Return the parsed JSON Schema called ``name`` (plan, council or site)."""
    schema: Schema = json.loads(schema_text(name))
    return schema


def schema_text(name: str) -> bytes:
    return resources.files(__package__).joinpath(f"schema/{name}.schema.json").read_bytes()


def _describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a set of fields"
    if isinstance(node, Sequence):
        return "a list"
    return "empty" if node.is_null else f'"{_clip(node.text)}"'


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TYPE_WORDS = {
    "string": "text",
    "object": "a set of fields (name: value)",
    "array": "a list (lines starting with '- ')",
}


def resolve(schema: Schema, root: Schema) -> Schema:
    """Return ``schema`` with its "$ref" (a "#/..." pointer into ``root``) replaced by what it points at.

    Keywords beside the "$ref" win over the target's, as in JSON Schema they both apply.
    """
    while "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


class _Checker:
    def __init__(self, root: Schema) -> None:
        self.root = root

    def check(self, node: Node, schema: Schema, where: str) -> Iterator[Violation]:
        schema = resolve(schema, self.root)
        where = schema.get("x-name", where)
        kinds = schema.get("type", [])  # an optional field's is [kind, "null"]: _object skips its nulls
        expected = kinds if isinstance(kinds, str) else next((kind for kind in kinds if kind != "null"), None)
        if expected == "object":
            if not isinstance(node, Mapping):
                yield Violation(node, f"{where} should be {_TYPE_WORDS['object']}, not {_describe(node)}")
                return
            yield from self._object(node, schema, where)
        elif expected == "array":
            if not isinstance(node, Sequence):
                yield Violation(node, f"{where} should be {_TYPE_WORDS['array']}, not {_describe(node)}")
                return
            if len(node.items) < schema.get("minItems", 0):
                yield Violation(node, f"{where} is empty", "add at least one entry")
            for item in node.items:
                yield from self.check(item, schema.get("items", {}), f"an entry of {where}")
        elif expected == "string":
            if not isinstance(node, Scalar):
                yield Violation(
                    node,
                    f"{where} should be {_TYPE_WORDS['string']}, not {_describe(node)}",
                    "put text that starts with '-' or '[' in quotes",
                )
                return
            if node.kind == "bool" and node.text in BOOLEAN_WORDS:  # YAML 1.2 reads it as true or false, not text
                yield Violation(node, f"{where} should be text, not {node.text}", f"write '{node.text}' in quotes")
                return
            yield from self._string(node, schema, where)
        elif expected == "boolean" and not (
            isinstance(node, Scalar) and node.kind == "bool" and node.text in BOOLEAN_WORDS
        ):
            yield Violation(
                node, f"{where} should be true or false, not {_describe(node)}", "write true or false, without quotes"
            )

    def _object(self, node: Mapping, schema: Schema, where: str) -> Iterator[Violation]:
        properties: dict[str, Schema] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, value in node.pairs:
            if key.text in properties:
                if not (isinstance(value, Scalar) and value.is_null):  # a null says nothing: absent
                    yield from self.check(value, properties[key.text], f'"{key.text}"')
            elif extra is False:
                yield Violation(
                    key, f'unknown field "{_clip(key.text)}" in {where}', did_you_mean(key.text, properties)
                )
            elif isinstance(extra, dict):
                if "propertyNames" in schema:
                    yield from self.check(key, schema["propertyNames"], "the name of a status")
                yield from self.check(value, extra, f'"{_clip(key.text)}"')
        for name in schema.get("required", []):
            required = node.get(name)
            if required is None or (isinstance(required, Scalar) and (required.is_null or not required.text.strip())):
                yield Violation(node, f'{where} has no "{name}"', f'add "{name}: …"')

    def _string(self, node: Scalar, schema: Schema, where: str) -> Iterator[Violation]:
        text = node.text
        if text.strip() == "" and schema.get("minLength", 0) > 0:  # the schema's pattern "\\S" says the same
            yield Violation(node, f"{where} is empty", "write the text, or remove the line")
            return
        if "enum" in schema and text not in schema["enum"]:
            yield Violation(node, f'{where} cannot be "{_clip(text)}"', did_you_mean(text, schema["enum"]))
        elif "pattern" in schema and not re.search(schema["pattern"], text):
            yield Violation(node, f'{where} cannot be "{_clip(text)}"', schema.get("x-hint", ""))
        if len(text) > schema.get("maxLength", len(text)):
            yield Violation(
                node, f"{where} is {len(text):,} characters long; the most is {schema['maxLength']:,}", "shorten it"
            )


def check_node(node: Node, name: str) -> list[Violation]:
    """Return every way ``node`` breaks the ``name`` schema (plan, council or site)."""
    root = load_schema(name)
    return list(_Checker(root).check(node, root, f"a {name} file"))
