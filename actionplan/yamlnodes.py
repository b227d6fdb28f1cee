"""Parse YAML into a small tree of nodes that remember where they came from.

We build the tree from the parser's events ourselves rather than with PyYAML's
constructors so that every value keeps its line and column for error messages,
duplicate keys are caught (PyYAML silently keeps the last), and the features a
plan never needs — tags, anchors and aliases (alias bombs) — are refused outright.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 40
_RESOLVER = yaml.resolver.Resolver()
_TAG_NAMES = {
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "date",
}


@dataclass(frozen=True)
class Scalar:
    """A scalar as written: the text, and what YAML would have read it as."""

    text: str
    kind: str  # "str", "null", "bool", "int", "float" or "date"
    line: int
    col: int

    @property
    def is_null(self) -> bool:
        return self.kind == "null"


@dataclass(frozen=True)
class Mapping:
    pairs: tuple[tuple[Scalar, Node], ...]
    line: int
    col: int

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs:
            if k.text == key:
                return v
        return None

    def key_node(self, key: str) -> Scalar | None:
        for k, _ in self.pairs:
            if k.text == key:
                return k
        return None


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    col: int


Node = Scalar | Mapping | Sequence


@dataclass(frozen=True)
class YamlProblem:
    """A problem in the YAML itself; positions are 1-based."""

    line: int
    col: int
    message: str
    hint: str = ""


class _Refused(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        self.problem = problem


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _refuse_extras(event: yaml.Event) -> None:
    line, col = _pos(event)
    if anchor := getattr(event, "anchor", None):
        raise _Refused(YamlProblem(line, col, f'YAML anchor "&{anchor}" is not allowed', "write the value out in full"))
    tag = getattr(event, "tag", None)
    if tag not in (None, "!"):
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(YamlProblem(line, col, f'YAML tag "{shown}" is not allowed', "remove the tag; values are plain text"))


class _Builder:
    def __init__(self, events: object) -> None:
        self._events = iter(events)  # type: ignore[call-overload]
        self._depth = 0

    def next(self) -> yaml.Event:
        return next(self._events)

    def node(self, event: yaml.Event) -> Node:
        line, col = _pos(event)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                YamlProblem(line, col, f'YAML alias "*{event.anchor}" is not allowed', "write the value out in full")
            )
        _refuse_extras(event)
        if isinstance(event, yaml.ScalarEvent):
            kind = "str"
            if event.implicit[0]:
                kind = _TAG_NAMES.get(_RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit), "str")
            return Scalar(event.value, kind, line, col)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(YamlProblem(line, col, f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure"))
        try:
            if isinstance(event, yaml.SequenceStartEvent):
                return self._sequence(line, col)
            return self._mapping(line, col)
        finally:
            self._depth -= 1

    def _sequence(self, line: int, col: int) -> Sequence:
        items = []
        while not isinstance(event := self.next(), yaml.SequenceEndEvent):
            items.append(self.node(event))
        return Sequence(tuple(items), line, col)

    def _mapping(self, line: int, col: int) -> Mapping:
        pairs: list[tuple[Scalar, Node]] = []
        seen: dict[str, int] = {}
        while not isinstance(event := self.next(), yaml.MappingEndEvent):
            key = self.node(event)
            if not isinstance(key, Scalar):
                raise _Refused(YamlProblem(key.line, key.col, "a key must be plain text", "use a word such as 'title:'"))
            value = self.node(self.next())
            if key.text in seen:
                raise _Refused(
                    YamlProblem(
                        key.line,
                        key.col,
                        f'duplicate key "{key.text}" (first given on line {seen[key.text]})',
                        "keep one of them; YAML would silently use the last",
                    )
                )
            seen[key.text] = key.line
            pairs.append((key, value))
        return Mapping(tuple(pairs), line, col)


def parse_yaml(text: str) -> tuple[Node | None, YamlProblem | None]:
    """Return the single document in ``text`` as nodes, or the first problem that stops parsing."""
    try:
        builder = _Builder(yaml.parse(text, Loader=_Loader))
        documents: list[Node] = []
        for event in builder._events:
            if isinstance(event, yaml.DocumentStartEvent):
                if documents:
                    line, col = _pos(event)
                    return None, YamlProblem(line, col, "a file may hold only one YAML document", "remove the '---' line")
                inner = builder.next()
                documents.append(builder.node(inner))
        if not documents or (isinstance(documents[0], Scalar) and documents[0].is_null):
            return None, YamlProblem(1, 1, "the file is empty", "write the fields this file needs, or delete it")
        return documents[0], None
    except _Refused as refused:
        return None, refused.problem
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (exc.problem, exc.context) if part) or "invalid YAML"
        start = exc.context_mark
        if start and mark and start.line != mark.line:
            message += f" that starts on line {start.line + 1}"
        return None, YamlProblem(line, col, f"YAML syntax error: {message}", _syntax_hint(message))
    except yaml.YAMLError as exc:  # ReaderError and friends carry no mark
        return None, YamlProblem(1, 1, f"YAML error: {exc}")


def _syntax_hint(message: str) -> str:
    if "mapping values are not allowed" in message:
        return 'put text that contains ": " in quotes'
    if "tab" in message:
        return "indent with spaces, not tabs"
    if "found character" in message and ("@" in message or "`" in message):
        return "put text that starts with @ or ` in quotes"
    return "check the indentation and quotes on this line and the one before"
