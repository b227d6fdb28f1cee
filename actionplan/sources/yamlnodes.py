"""Parse YAML into a small tree of nodes that remember where they came from.

We build the tree from the parser's events ourselves rather than with PyYAML's
constructors so that every value keeps its line and column for error messages,
duplicate keys are caught (PyYAML silently keeps the last), and the features a
plan never needs — tags, anchors and aliases (alias bombs) — are refused outright.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import yaml

from ..text import CONTROL_CHARACTERS
from .positions import line_text, position

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
        raise _Refused(
            YamlProblem(line, col, f'YAML tag "{shown}" is not allowed', "remove the tag; values are plain text")
        )


class _Builder:
    def __init__(self, events: Iterable[yaml.Event]) -> None:
        self._events = iter(events)
        self._depth = 0
        self.last: yaml.Event | None = None  # the last event read, to explain a syntax error that follows it
        self.problems: list[YamlProblem] = []  # mistakes after which reading goes on, to find the file's others

    def next(self) -> yaml.Event:
        self.last = next(self._events)
        return self.last

    def node(self, event: yaml.Event) -> Node:
        line, col = _pos(event)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                YamlProblem(line, col, f'YAML alias "*{event.anchor}" is not allowed', "write the value out in full")
            )
        _refuse_extras(event)
        if isinstance(event, yaml.ScalarEvent):
            if bad := _CONTROL.search(event.value):
                self.problems.append(
                    YamlProblem(
                        line,
                        col,
                        f"the text holds control character U+{ord(bad.group()):04X}, "
                        'written as an escape such as "\\e"',
                        "remove the escape",
                    )
                )
            kind = "str"
            if event.implicit[0]:
                kind = _TAG_NAMES.get(_resolve_tag(yaml.ScalarNode, event.value, event.implicit), "str")
            return Scalar(event.value, kind, line, col)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(
                YamlProblem(line, col, f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure")
            )
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
            value = self.node(self.next())
            if not isinstance(key, Scalar):
                self.problems.append(
                    YamlProblem(key.line, key.col, "a key must be plain text", "use a word such as 'title:'")
                )
            elif key.text in seen:
                self.problems.append(
                    YamlProblem(
                        key.line,
                        key.col,
                        f'duplicate key "{key.text}" (first given on line {seen[key.text]})',
                        "keep one of them; YAML would silently use the last",
                    )
                )
            else:  # the first of two keys is kept, so the rest of the file is checked as written
                seen[key.text] = key.line
                pairs.append((key, value))
        return Mapping(tuple(pairs), line, col)


def parse_yaml(text: str) -> tuple[Node | None, list[YamlProblem]]:
    """Return the single document in ``text`` as nodes (None if parsing had to stop) and every problem found."""
    builder = _Builder(yaml.parse(text, Loader=_Loader))
    node, stopped_by = _read_document(builder, text)
    return node, [*builder.problems, *([stopped_by] if stopped_by else [])]


def _read_document(builder: _Builder, text: str) -> tuple[Node | None, YamlProblem | None]:
    """Return the document's nodes, or the problem that stops parsing."""
    try:
        documents: list[Node] = []
        while not isinstance(event := builder.next(), yaml.StreamEndEvent):
            if isinstance(event, yaml.DocumentStartEvent):
                if documents:
                    line, col = _pos(event)
                    builder.problems.append(
                        YamlProblem(line, col, "a file may hold only one YAML document", "remove the '---' line")
                    )
                    break
                inner = builder.next()
                documents.append(builder.node(inner))
        if not documents or (isinstance(documents[0], Scalar) and documents[0].is_null):
            return None, YamlProblem(1, 1, "the file is empty", "write the fields this file needs, or delete it")
        return documents[0], None
    except _Refused as refused:
        return None, refused.problem
    except yaml.MarkedYAMLError as exc:
        return None, _syntax_problem(text, exc, builder.last)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; the position counts UTF-8 bytes
        before = text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "replace")
        line, col = position(text, len(before))
        return None, YamlProblem(
            line,
            col,
            f"the character U+{exc.character:04X} is not allowed in YAML",
            "delete it; it is often left by copying from another program",
        )
    except yaml.YAMLError as exc:
        return None, YamlProblem(1, 1, f"YAML error: {exc}")
    except UnicodeEncodeError as exc:  # a lone surrogate: never read from a file, but parse_yaml takes any str
        line, col = position(text, exc.start)
        return None, YamlProblem(line, col, "the text holds a character that is not valid Unicode", "delete it")


def _char_at(text: str, mark: yaml.Mark) -> str:
    line = line_text(text, mark.line + 1) or ""
    return line[mark.column] if mark.column < len(line) else ""


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError, last: yaml.Event | None) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(part for part in (exc.problem, exc.context) if part) or "invalid YAML"
    start = exc.context_mark
    opened = start.line + 1 if start and mark and start.line != mark.line else None
    if opened:
        message += f" that starts on line {opened}"
    hint = _syntax_hint(message, _char_at(text, mark) if mark else "", opened)
    # An unclosed quote swallows the lines after it and the parser trips only where the quote
    # finally "closes"; say where the quoted text began, which is the line to fix.
    if (
        isinstance(last, yaml.ScalarEvent)
        and last.style in ("'", '"')
        and mark
        and last.start_mark
        and last.end_mark
        and last.start_mark.line < last.end_mark.line == mark.line
    ):
        opened = last.start_mark.line + 1
        message += f"; the quoted text that starts on line {opened} runs on to here"
        hint = f"is the closing quote missing on line {opened}?"
    return YamlProblem(line, col, f"YAML syntax error: {message}", hint)


def _syntax_hint(message: str, char: str, opened: int | None) -> str:
    if char == "\t" or "tab" in message:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return 'put text that contains ": " in quotes, or check the indentation'
    if opened and "quoted scalar" in message:
        return f"close the quote that opens on line {opened}"
    if opened and "flow sequence" in message:
        return f"close the '[' on line {opened} with ']', or put text that starts with '[' in quotes"
    if opened and "flow mapping" in message:
        return f"close the '{{' on line {opened} with '}}', or put text that starts with '{{' in quotes"
    if opened and "simple key" in message:
        return f"write line {opened} as 'name: value', or join it to the line before"
    if char in ("@", "`") and "found character" in message:
        return "put text that starts with @ or ` in quotes"
    if "escape" in message:
        return "write \\\\ for a backslash inside double quotes, or use single quotes"
    return "check the indentation and quotes on this line and the one before"
