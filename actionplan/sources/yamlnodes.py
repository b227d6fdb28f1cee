"""Parse YAML into a small tree of nodes that remember where they came from.

We build the tree from the parser's events ourselves rather than with PyYAML's
constructors so that every value keeps its line and column for error messages,
duplicate keys are caught (PyYAML silently keeps the last), and the features a
plan never needs — tags, anchors and aliases (alias bombs) — are refused outright.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import yaml

from ..text import CONTROL_CHARACTERS
from . import messages as m
from .positions import position
from .yamlerrors import Layout, YamlProblem, explain, problem, quoted

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 40
# Characters a double-quoted escape ("\e", "\0", "\uFFFE") can put in a value although the file has none:
# they would corrupt the Atom feeds (not allowed in XML) and could drive a terminal that shows our messages.
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}\r\ufffe\uffff]")
# PyYAML's stubs leave Resolver.resolve untyped: (node class, text, (plain, quoted)) -> tag.
_resolve_tag: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = yaml.resolver.Resolver().resolve
_TAG_NAMES = {
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "date",
}
# The first characters of the plain scalars YAML may read as something other than text ("" for an empty one).
_TYPED_STARTS = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)


# Nodes are made for every value of every file (half a million at 300 councils), so they are plain slotted
# classes: a frozen dataclass sets each field through object.__setattr__, which made parsing a fifth slower.
# Nothing changes a node once it is made.
@dataclass(slots=True)
class Scalar:
    """A scalar as written: the text, and what YAML would have read it as."""

    text: str
    kind: str  # "str", "null", "bool", "int", "float" or "date"
    line: int
    col: int

    @property
    def is_null(self) -> bool:
        return self.kind == "null"


@dataclass(slots=True)
class Mapping:
    pairs: tuple[tuple[Scalar, Node], ...]
    line: int
    col: int
    # The values by their keys' texts (the first of two equal keys): validation looks fields up by name about a
    # million times at 300 councils.
    fields: dict[str, Node] = field(repr=False, compare=False)

    def get(self, key: str) -> Node | None:
        return self.fields.get(key)

    def key_node(self, key: str) -> Scalar | None:
        for k, _ in self.pairs:
            if k.text == key:
                return k
        return None


@dataclass(slots=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    col: int


Node = Scalar | Mapping | Sequence


class _Refused(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        self.problem = problem


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _refuse_extras(event: yaml.Event, text: str) -> None:
    """Refuse an alias, an anchor or a tag (the non-specific tag "!" is allowed) in the file ``text``."""
    line, col = _pos(event)
    if isinstance(event, yaml.AliasEvent):
        raise _Refused(_reference(text, line, col, "*", event.anchor or "", "a reference to another value"))
    if anchor := getattr(event, "anchor", None):
        raise _Refused(_reference(text, line, col, "&", anchor, "a label for reuse"))
    tag = getattr(event, "tag", None)
    if tag not in (None, "!"):
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(_reference(text, line, col, "!", shown, "a type"))


def _reference(text: str, line: int, col: int, char: str, name: str, reads_as: str) -> YamlProblem:
    """Refuse YAML's labels, references and types, saying how to write the text they came from."""
    written = Layout(text).line(line)
    word = (written.text[col - 1 :].split() or [char + name])[0]
    value = written.value if written.key is not None and written.colon_col < col else word
    rest = value[len(word) :].strip()
    if rest[:1] in ("[", "{") or (char == "&" and not rest):
        value = "…"  # the label stands before a list or fields: there is no text to quote
    key = f"{written.key}: " if written.key is not None else ""
    return problem(line, col, m.YAML_REFERENCE, char=char, word=word, reads_as=reads_as, fixed=key + quoted(value))


def _kind(text: str) -> str:
    """Return what YAML reads a plain (unquoted) scalar as."""
    if text[:1] not in _TYPED_STARTS:
        return "str"
    return _TAG_NAMES.get(_resolve_tag(yaml.ScalarNode, text, (True, False)), "str")


class _Builder:
    """Build nodes from the parser's events: one call per node, as this runs for every value of every file."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._loader: _Loader | None = None
        self._next_event: Callable[[], yaml.Event]  # the parser's, once open
        self._depth = 0
        # A value can hold a control character only if the file has one, or a double-quoted escape makes it.
        self._may_hold_control = "\\" in text or _CONTROL.search(text) is not None
        self._kinds: dict[str, str] = {}  # plain scalars repeat (field names, statuses): resolve each text once
        self.last: yaml.Event | None = None  # the last event read, to explain a syntax error that follows it
        self.problems: list[YamlProblem] = []  # mistakes after which reading goes on, to find the file's others

    def open(self) -> None:
        """Start the parser (it may refuse the text at once: a character YAML does not allow)."""
        self._loader = _Loader(self._text)
        # It returns None only past the stream's end, which is never read.
        self._next_event = cast("Callable[[], yaml.Event]", self._loader.get_event)

    def close(self) -> None:
        if self._loader is not None:
            self._loader.dispose()

    def next(self) -> yaml.Event:
        self.last = event = self._next_event()
        return event

    def node(self, event: yaml.Event) -> Node:
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        _refuse_extras(event, self._text)
        line, col = _pos(event)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(problem(line, col, m.YAML_TOO_DEEP, depth=MAX_DEPTH))
        try:
            if isinstance(event, yaml.SequenceStartEvent):
                return self._sequence(line, col)
            return self._mapping(line, col)
        finally:
            self._depth -= 1

    def scalar(self, event: yaml.ScalarEvent) -> Scalar:
        mark = event.start_mark  # as _pos reads it, without the call
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if event.anchor is not None or event.tag is not None:
            _refuse_extras(event, self._text)
        text = event.value
        if self._may_hold_control and (bad := _CONTROL.search(text)):
            self.problems.append(problem(line, col, m.YAML_ESCAPED_CONTROL, code=f"{ord(bad.group()):04X}"))
        if not event.implicit[0]:
            return Scalar(text, "str", line, col)
        kind = self._kinds.get(text)
        if kind is None:
            kind = self._kinds[text] = _kind(text)
        return Scalar(text, kind, line, col)

    # Most values are scalars: the two loops below make them without going through ``node``.
    def _sequence(self, line: int, col: int) -> Sequence:
        items: list[Node] = []
        next_event, node, scalar = self._next_event, self.node, self.scalar
        while True:
            self.last = event = next_event()
            if isinstance(event, yaml.ScalarEvent):
                items.append(scalar(event))
            elif event.__class__ is yaml.SequenceEndEvent:
                return Sequence(tuple(items), line, col)
            else:
                items.append(node(event))

    def _mapping(self, line: int, col: int) -> Mapping:
        pairs: list[tuple[Scalar, Node]] = []
        fields: dict[str, Node] = {}
        next_event, node, scalar = self._next_event, self.node, self.scalar
        while True:
            self.last = event = next_event()
            if event.__class__ is yaml.MappingEndEvent:
                return Mapping(tuple(pairs), line, col, fields)
            key = scalar(event) if isinstance(event, yaml.ScalarEvent) else node(event)
            self.last = event = next_event()
            value = scalar(event) if isinstance(event, yaml.ScalarEvent) else node(event)
            if not isinstance(key, Scalar):
                self.problems.append(problem(key.line, key.col, m.YAML_KEY_NOT_TEXT))
            elif key.text in fields:
                first = next(k.line for k, _ in pairs if k.text == key.text)
                self.problems.append(problem(key.line, key.col, m.YAML_DUPLICATE_KEY, key=key.text, line=first))
            else:  # the first of two keys is kept, so the rest of the file is checked as written
                fields[key.text] = value
                pairs.append((key, value))


def parse_yaml(text: str) -> tuple[Node | None, list[YamlProblem]]:
    """Return the single document in ``text`` as nodes (None if parsing had to stop) and every problem found."""
    builder = _Builder(text)
    try:
        node, stopped_by = _read_document(builder, text)
    finally:
        builder.close()
    return node, [*builder.problems, *([stopped_by] if stopped_by else [])]


def _read_document(builder: _Builder, text: str) -> tuple[Node | None, YamlProblem | None]:
    """Return the document's nodes, or the problem that stops parsing."""
    try:
        builder.open()
        documents: list[Node] = []
        while not isinstance(event := builder.next(), yaml.StreamEndEvent):
            if isinstance(event, yaml.DocumentStartEvent):
                if documents:
                    line, col = _pos(event)
                    builder.problems.append(problem(line, col, m.YAML_ONE_DOCUMENT))
                    break
                inner = builder.next()
                documents.append(builder.node(inner))
        if not documents or (isinstance(documents[0], Scalar) and documents[0].is_null):
            return None, problem(1, 1, m.YAML_EMPTY)
        return documents[0], None
    except _Refused as refused:
        return None, refused.problem
    except yaml.MarkedYAMLError as exc:
        return None, explain(text, exc, builder.last)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; the position counts UTF-8 bytes
        before = text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "replace")
        line, col = position(text, len(before))
        return None, problem(line, col, m.YAML_BAD_CHARACTER, code=f"{exc.character:04X}")
    except yaml.YAMLError:
        return None, problem(1, 1, m.YAML_UNREADABLE)
    except UnicodeEncodeError as exc:  # a lone surrogate: never read from a file, but parse_yaml takes any str
        line, col = position(text, exc.start)
        return None, problem(line, col, m.YAML_NOT_UNICODE)
