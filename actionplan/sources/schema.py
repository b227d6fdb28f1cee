"""Check YAML nodes against the JSON Schemas shipped in ``actionplan/sources/schema/``.

The schema files are the single description of the content format: editors use
them for completion, and this small interpreter of the subset they use turns each
violation into a located, plain-English problem with a fix suggestion.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
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


class _Rule:
    """One schema, read once into what a node must be: checking half a million nodes then reads no schema dicts."""

    __slots__ = (
        "name", "check", "properties", "extra", "property_names", "required",
        "min_items", "items", "needs_text", "enum", "pattern", "hint", "max_length",
    )  # fmt: skip

    def fill(self, schema: Schema, root: Schema, compiled: dict[int, _Rule]) -> None:
        """Read ``schema`` (its "$ref" resolved) into this rule; ``compiled`` holds the rules made so far."""
        self.name: str | None = schema.get("x-name")
        kinds = schema.get("type", [])  # an optional field's is [kind, "null"]: _object skips its nulls
        expected = kinds if isinstance(kinds, str) else next((kind for kind in kinds if kind != "null"), None)
        checks: dict[str | None, Callable[[Node, str, list[Violation]], None]] = {
            "object": self._object,
            "array": self._array,
            "string": self._string,
            "boolean": self._boolean,
        }
        self.check = checks.get(expected, self._anything)
        self.properties = {
            key: (_compile(value, root, compiled), f'"{key}"') for key, value in schema.get("properties", {}).items()
        }
        extra = schema.get("additionalProperties", True)
        self.extra: _Rule | bool = _compile(extra, root, compiled) if isinstance(extra, dict) else extra
        names = schema.get("propertyNames")
        self.property_names = _compile(names, root, compiled) if names is not None else None
        self.required: list[str] = schema.get("required", [])
        self.min_items: int = schema.get("minItems", 0)
        items = schema.get("items")
        self.items = _compile(items, root, compiled) if items is not None else None
        self.needs_text = schema.get("minLength", 0) > 0
        self.enum: list[str] | None = schema.get("enum")
        self.pattern = re.compile(schema["pattern"]) if "pattern" in schema else None
        self.hint: str = schema.get("x-hint", "")
        self.max_length: int | None = schema.get("maxLength")

    def _anything(self, node: Node, where: str, found: list[Violation]) -> None:
        """A schema that names no type checks nothing."""

    def _boolean(self, node: Node, where: str, found: list[Violation]) -> None:
        if not (isinstance(node, Scalar) and node.kind == "bool" and node.text in BOOLEAN_WORDS):
            found.append(
                Violation(
                    node,
                    f"{where if self.name is None else self.name} should be true or false, not {_describe(node)}",
                    "write true or false, without quotes",
                )
            )

    def _array(self, node: Node, where: str, found: list[Violation]) -> None:
        where = where if self.name is None else self.name
        if not isinstance(node, Sequence):
            found.append(Violation(node, f"{where} should be {_TYPE_WORDS['array']}, not {_describe(node)}"))
            return
        if len(node.items) < self.min_items:
            found.append(Violation(node, f"{where} is empty", "add at least one entry"))
        if self.items is None:
            return
        check, entry = self.items.check, f"an entry of {where}"
        for item in node.items:
            check(item, entry, found)

    def _object(self, node: Node, where: str, found: list[Violation]) -> None:
        where = where if self.name is None else self.name
        if not isinstance(node, Mapping):
            found.append(Violation(node, f"{where} should be {_TYPE_WORDS['object']}, not {_describe(node)}"))
            return
        properties, extra = self.properties, self.extra
        for key, value in node.pairs:
            known = properties.get(key.text)
            if known is not None:
                if not (isinstance(value, Scalar) and value.is_null):  # a null says nothing: absent
                    known[0].check(value, known[1], found)
            elif extra is False:
                found.append(
                    Violation(key, f'unknown field "{_clip(key.text)}" in {where}', did_you_mean(key.text, properties))
                )
            elif isinstance(extra, _Rule):
                if self.property_names is not None:
                    self.property_names.check(key, "the name of a status", found)
                extra.check(value, f'"{_clip(key.text)}"', found)
        for name in self.required:
            required = node.get(name)
            if required is None or (isinstance(required, Scalar) and (required.is_null or not required.text.strip())):
                found.append(Violation(node, f'{where} has no "{name}"', f'add "{name}: …"'))

    def _string(self, node: Node, where: str, found: list[Violation]) -> None:
        where = where if self.name is None else self.name
        if not isinstance(node, Scalar):
            found.append(
                Violation(
                    node,
                    f"{where} should be {_TYPE_WORDS['string']}, not {_describe(node)}",
                    "put text that starts with '-' or '[' in quotes",
                )
            )
            return
        text = node.text
        if node.kind == "bool" and text in BOOLEAN_WORDS:  # YAML 1.2 reads it as true or false, not text
            found.append(Violation(node, f"{where} should be text, not {text}", f"write '{text}' in quotes"))
            return
        if self.needs_text and not text.strip():  # the schema's pattern "\\S" says the same
            found.append(Violation(node, f"{where} is empty", "write the text, or remove the line"))
            return
        if self.enum is not None and text not in self.enum:
            found.append(Violation(node, f'{where} cannot be "{_clip(text)}"', did_you_mean(text, self.enum)))
        elif self.pattern is not None and not self.pattern.search(text):
            found.append(Violation(node, f'{where} cannot be "{_clip(text)}"', self.hint))
        if self.max_length is not None and len(text) > self.max_length:
            found.append(
                Violation(
                    node, f"{where} is {len(text):,} characters long; the most is {self.max_length:,}", "shorten it"
                )
            )


def _compile(schema: Schema, root: Schema, compiled: dict[int, _Rule]) -> _Rule:
    """Return the rule for ``schema``, a dict inside ``root``; a schema that refers to itself gets the same rule."""
    rule = compiled.get(id(schema))
    if rule is None:
        rule = compiled[id(schema)] = _Rule()
        rule.fill(resolve(schema, root), root, compiled)
    return rule


@cache
def _rules(name: str) -> _Rule:
    root = load_schema(name)
    return _compile(root, root, {})


def check_node(node: Node, name: str) -> list[Violation]:
    """Return every way ``node`` breaks the ``name`` schema (plan, council or site)."""
    found: list[Violation] = []
    _rules(name).check(node, f"a {name} file", found)
    return found
