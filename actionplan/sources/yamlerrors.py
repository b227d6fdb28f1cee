"""Explain a YAML syntax error in the editor's words, from the lines as the person sees them.

The parser's own words ("mapping values are not allowed in this context") name its
internals, and the same words stand for different mistakes: an over-indented field, a
colon inside text, a missing space. So we look at the lines themselves around the place
the parser stopped (indentation, dashes, colons, quotes, brackets) and name the mistake
with the catalogue's words, with a hint that says what to type instead. A parser error
we cannot place says so plainly, still with its line and column.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property

import yaml

from ..errors import plural
from . import messages as m
from .positions import split_lines

# A field name at the start of a line (after any "- "): a word, or quoted text, then a colon and a space.
_KEY = re.compile(r"""(?P<key>[A-Za-z0-9_][^:#]*?|"[^"\n]*"|'[^'\n]*')[ \t]*:(?=[ \t]|$)""")
_DASHES = re.compile(r"(?:-[ \t]+)+|-$")
_BLOCK_TEXT = re.compile(r"[|>][+-]?[0-9]?[+-]?[ \t]*(#.*)?$")  # "key: |" starts text over several lines


@dataclass(frozen=True)
class YamlProblem:
    """A problem in the YAML itself; positions are 1-based."""

    line: int
    col: int
    message: str
    hint: str = ""


def problem(line: int, col: int, entry: m.Message, /, **fields: object) -> YamlProblem:
    text, hint = entry.say(**fields)
    return YamlProblem(line, col, text, hint)


@dataclass(frozen=True)
class Line:
    """One line of the file, seen as a person sees it: indentation, a dash, a field name and its value."""

    number: int  # 1-based
    text: str

    @cached_property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def body(self) -> str:
        return self.text[self.indent :].rstrip()

    @property
    def is_blank(self) -> bool:
        return not self.body or self.body.startswith("#")

    @cached_property
    def entry_col(self) -> int:
        """Column (0-based) where the line's content starts, after any list dashes."""
        dashes = _DASHES.match(self.body)
        return self.indent + (dashes.end() if dashes else 0)

    @property
    def has_dash(self) -> bool:
        return self.entry_col > self.indent

    @cached_property
    def _key(self) -> re.Match[str] | None:
        return _KEY.match(self.text, self.entry_col)

    @property
    def key(self) -> str | None:
        return self._key["key"].strip("\"'") if self._key else None

    @property
    def colon_col(self) -> int:
        """Column (0-based) of the colon after the field name, or -1."""
        return self._key.end() - 1 if self._key else -1

    @property
    def value(self) -> str:
        """The text after "name: " on this line, without a trailing comment."""
        if not self._key:
            return ""
        return re.sub(r"[ \t]+#.*$", "", self.text[self._key.end() :]).strip()


def spaces(count: int) -> str:
    """Say where a column is as a person counts it."""
    if count == 0:
        return "at the very start of the line"
    return f"{plural(count, 'space')} in"


def quoted(text: str) -> str:
    """Return ``text`` in the quotes that need no escapes inside."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


class Layout:
    """The file's lines, and what each says about where things belong."""

    def __init__(self, text: str) -> None:
        self.lines = [Line(n, t) for n, t in enumerate(split_lines(text), start=1)]

    def line(self, number: int) -> Line:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else Line(number, "")

    def above(self, number: int) -> Line | None:
        """The nearest line above ``number`` that is not blank or a comment."""
        return next((line for line in reversed(self.lines[: max(number - 1, 0)]) if not line.is_blank), None)

    def fields_above(self, number: int) -> list[Line]:
        """The fields a line at ``number`` could line up with: the nearest above it, then each enclosing one."""
        found: list[Line] = []
        for line in reversed(self.lines[: max(number - 1, 0)]):
            if line.is_blank or line.key is None:
                continue
            if not found or line.entry_col < found[-1].entry_col:
                found.append(line)
        return found

    def block_text_start(self, number: int) -> Line | None:
        """The "name: |" line whose text over several lines ``number`` is inside of, if any."""
        for line in reversed(self.lines[: max(number - 1, 0)]):
            if line.is_blank:
                continue
            if line.key is not None and _BLOCK_TEXT.fullmatch(line.value):
                return line
            if line.indent <= self.line(number).indent:
                return None
        return None


def explain(text: str, exc: yaml.MarkedYAMLError, last: yaml.Event | None) -> YamlProblem:
    """Return the mistake behind a syntax error, located where the person should look."""
    mark = exc.problem_mark or exc.context_mark
    at, col = (mark.line + 1, mark.column) if mark else (1, 0)
    opened = exc.context_mark.line + 1 if exc.context_mark else at
    stop = Stop(Layout(text), at, col, opened, f"{exc.problem or ''} {exc.context or ''}", last)
    for explainer in (
        _tab,
        _unclosed_quote,
        _after_quote,
        _value_start,
        _unclosed_brackets,
        _start_character,
        _escape,
        _no_space,
        _no_colon,
        _colon,
        _list_entry,
        _field_placement,
        _text_line,
        _document_marks,
    ):
        found = explainer(stop)
        if found is not None:
            return found
    return problem(at, col + 1, m.YAML_UNREADABLE)


@dataclass(frozen=True)
class Stop:
    """Where and why the parser stopped; each explainer below returns the mistake it recognises there, or None."""

    layout: Layout
    at: int  # the line where the parser stopped (1-based)
    col: int  # ... and the column (0-based)
    opened: int  # the line where the construct it was reading began
    said: str  # the parser's words, only ever matched, never shown
    last: yaml.Event | None  # the last event it gave before stopping

    @property
    def line(self) -> Line:
        return self.layout.line(self.at)


def _tab(stop: Stop) -> YamlProblem | None:
    for number in (stop.at, stop.opened):
        text = stop.layout.line(number).text
        lead = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in lead:
            return problem(number, lead.index("\t") + 1, m.YAML_TAB, line=number)
    if stop.line.text[stop.col : stop.col + 1] == "\t":
        return problem(stop.at, stop.col + 1, m.YAML_TAB, line=stop.at)
    return None


@dataclass(frozen=True)
class _Quoted:
    """Quoted text the parser read just before it stopped; lines and columns are 0-based, as the parser's."""

    style: str
    value: str
    start_line: int
    start_col: int
    end_line: int
    end_col: int


def _quoted_event(last: yaml.Event | None) -> _Quoted | None:
    if isinstance(last, yaml.ScalarEvent) and last.style in ("'", '"') and last.start_mark and last.end_mark:
        start, end = last.start_mark, last.end_mark
        return _Quoted(last.style, last.value, start.line, start.column, end.line, end.column)
    return None


def _what(line: Line) -> str:
    return f'the text of "{line.key}:"' if line.key else "the text"


def _unclosed_quote(stop: Stop) -> YamlProblem | None:
    """A quote never closed: the parser trips where the text finally ends, often many lines on."""
    start: tuple[int, int] | None = None
    if "quoted scalar" in stop.said and ("end of stream" in stop.said or "document indicator" in stop.said):
        line = stop.layout.line(stop.opened)
        start = (stop.opened, next((i for i, c in enumerate(line.text) if c in "'\"" and i >= line.entry_col), 0))
    elif (scalar := _quoted_event(stop.last)) and scalar.start_line < scalar.end_line == stop.at - 1:
        swallowed = [stop.layout.line(n) for n in range(scalar.start_line + 2, stop.at + 1)]
        if any(line.key is not None or line.has_dash for line in swallowed):
            start = (scalar.start_line + 1, scalar.start_col)
    if start is None:
        return None
    number, col = start
    line = stop.layout.line(number)
    quote = line.text[col : col + 1] or '"'
    return problem(number, col + 1, m.YAML_UNCLOSED_QUOTE, quote=quote, line=number, what=_what(line))


def _after_quote(stop: Stop) -> YamlProblem | None:
    """Text after a closing quote, or an apostrophe that closed single quotes early."""
    scalar = _quoted_event(stop.last)
    if scalar is None or scalar.end_line != stop.at - 1 or scalar.end_col > stop.col:
        return None
    line, end = stop.line, scalar.end_col
    rest = line.text[end:].split(" #")[0].rstrip()
    if not rest.strip():
        return None
    apostrophe = scalar.style == "'" and rest[0].isalpha()
    whole = scalar.value + ("'" + rest.strip().removesuffix("'") if apostrophe else " " + rest.strip())
    fixed = f"{line.key}: {quoted(whole)}" if line.key and scalar.start_line == scalar.end_line else ""
    if apostrophe:
        before, after = re.findall(r"\w*$", line.text[: end - 1])[0], re.findall(r"^\w*", rest)[0]
        fixed = fixed or "put the text in double quotes"
        return problem(stop.at, end, m.YAML_APOSTROPHE, word=f"{before}'{after}", what=_what(line), fixed=fixed)
    fixed = fixed or "put all of the text inside one pair of quotes"
    return problem(stop.at, end + 1, m.YAML_TEXT_AFTER_QUOTE, what=_what(line), fixed=fixed)


def _value_start(stop: Stop) -> YamlProblem | None:
    """Text that starts with "[", "{", "*", "&" or "!": YAML reads it as something else, then finds more text."""
    line = stop.line
    value = line.value
    if not value or value[0] not in "[{*&!" or stop.col <= line.colon_col:
        return None
    col, fixed = line.colon_col + 3, f"{line.key}: {quoted(value)}"
    if value[0] in "*&!":
        reads_as = {"*": "a reference to another value", "&": "a label for reuse", "!": "a type"}[value[0]]
        return problem(
            stop.at, col, m.YAML_REFERENCE, char=value[0], word=value.split()[0], reads_as=reads_as, fixed=fixed
        )
    if "expected key" not in stop.said:
        return None
    reads_as = "a list" if value[0] == "[" else "a set of fields"
    return problem(
        stop.at, col, m.YAML_TEXT_STARTS_WITH_BRACKET, key=line.key, bracket=value[0], reads_as=reads_as, fixed=fixed
    )


def _unclosed_brackets(stop: Stop) -> YamlProblem | None:
    if "flow sequence" not in stop.said and "flow mapping" not in stop.said:
        return None
    bracket, closer, what = ("[", "]", "a list") if "flow sequence" in stop.said else ("{", "}", "a set of fields")
    where = stop.layout.line(stop.opened).text.find(bracket)
    return problem(
        stop.opened, where + 1, m.YAML_UNCLOSED_BRACKET, bracket=bracket, closer=closer, line=stop.opened, what=what
    )


def _start_character(stop: Stop) -> YamlProblem | None:
    """Text that starts with a character YAML keeps for itself: "@", "`", "%", "&", "|", ">" or "- "."""
    line, char = stop.line, stop.line.text[stop.col : stop.col + 1]
    if "block scalar" in stop.said:
        line = stop.layout.line(stop.opened)
        char = line.value[:1]
    elif "anchor" in stop.said:
        char = "&"
    elif "block sequence entries" in stop.said:
        char = "-"
    elif "cannot start any token" not in stop.said:
        return None
    if not char or char not in "@`%|>&-" or line.key is None:
        return None
    fixed = f"{line.key}: {quoted(line.value)}"
    col = line.colon_col + 3
    if char in "|>":
        return problem(line.number, col, m.YAML_BLOCK_INDICATOR, char=char, key=line.key, fixed=fixed)
    if char == "-":
        return problem(line.number, col, m.YAML_DASH_AFTER_COLON, key=line.key, fixed=fixed)
    return problem(line.number, col, m.YAML_RESERVED_START, char=char, fixed=fixed)


def _escape(stop: Stop) -> YamlProblem | None:
    text = stop.line.text
    backslash = text.rfind("\\", 0, stop.col + 1)
    if "escape" not in stop.said or backslash == -1:  # a tag's %-escape is not a backslash mistake
        return None
    return problem(stop.at, backslash + 1, m.YAML_BAD_ESCAPE, escape=text[backslash : backslash + 2])


def _no_space_after(line: Line) -> YamlProblem | None:
    """A dash or a colon written against the text after it ("-text", "title:Plan")."""
    body = line.text[line.indent :].rstrip()
    if re.match(r"-[^\s-]", body):
        return problem(line.number, line.indent + 2, m.YAML_NO_SPACE_AFTER_DASH, written=body, fixed="- " + body[1:])
    entry = line.text[line.entry_col :].rstrip()
    found = re.match(r"([A-Za-z_][\w-]*):(?=[^\s:/])", entry)
    if found and line.key is None:
        fixed = f"{found[1]}: {entry[found.end() :]}"
        col = line.entry_col + found.end() + 1
        return problem(line.number, col, m.YAML_NO_SPACE_AFTER_COLON, written=entry, fixed=fixed)
    return None


def _no_space(stop: Stop) -> YamlProblem | None:
    return _no_space_after(stop.line)


def _no_colon(stop: Stop) -> YamlProblem | None:
    if "simple key" not in stop.said:
        return None
    line = stop.layout.line(stop.opened)
    if found := _no_space_after(line):
        return found
    written = line.text[line.entry_col :].rstrip()
    return problem(stop.opened, line.entry_col + 1, m.YAML_MISSING_COLON, line=stop.opened, written=written)


def _colon(stop: Stop) -> YamlProblem | None:
    """A colon the parser did not expect: inside text, or after a field placed where none can be."""
    if "mapping values" not in stop.said:
        return None
    line = stop.line
    for suspect in (line, stop.layout.above(stop.at)):
        if suspect is not None and (found := _no_space_after(suspect)):
            return found
    if line.key is not None and stop.col != line.colon_col:  # a second colon, inside the text of a field
        fixed = f"{line.key}: {quoted(line.value)}"
        return problem(stop.at, stop.col + 1, m.YAML_COLON_IN_TEXT, key=line.key, fixed=fixed)
    if line.key is not None and " " not in line.key:
        return _field_placement(dataclasses.replace(stop, said="misplaced field"))
    owner = next(iter(stop.layout.fields_above(stop.at)), None)
    if owner is None:
        return None
    return problem(stop.at, stop.col + 1, m.YAML_COLON_IN_LONG_TEXT, key=owner.key, start=owner.number, line=stop.at)


def _list_entry(stop: Stop) -> YamlProblem | None:
    """A "- " where the lines around it are not a list, or not lined up with the list's other dashes."""
    line = stop.line
    if not line.has_dash or "expected key" not in stop.said:
        return None
    for other in reversed(stop.layout.lines[: stop.at - 1]):
        if other.is_blank or (not other.has_dash and other.indent > line.indent):
            continue  # blank, or the fields of an entry above
        if not other.has_dash or other.indent == line.indent:
            break
        return problem(
            stop.at,
            line.indent + 1,
            m.YAML_DASH_MISALIGNED,
            line=stop.at,
            above=other.number,
            spaces=spaces(other.indent),
        )
    return problem(stop.at, line.indent + 1, m.YAML_DASH_AMONG_FIELDS, line=stop.at)


def _field_placement(stop: Stop) -> YamlProblem | None:
    """A field indented so that it belongs to nothing above it: too far in, or between two levels."""
    line = stop.line
    if line.key is None or not any(s in stop.said for s in ("expected key", "'-' indicator", "misplaced")):
        return None
    fields = stop.layout.fields_above(stop.at)
    if not fields:
        return None
    nearest, where = fields[0], line.entry_col + 1
    if line.entry_col > nearest.entry_col:
        return problem(
            stop.at,
            where,
            m.YAML_OVER_INDENTED,
            key=line.key,
            above=nearest.key,
            line=nearest.number,
            spaces=spaces(nearest.entry_col),
        )
    first = stop.layout.line(stop.opened)
    if "'-' indicator" in stop.said and first.has_dash and line.indent == first.indent:
        return problem(stop.at, where, m.YAML_MISSING_DASH, key=line.key, line=stop.opened, above=nearest.key)
    further = [f for f in fields if f.entry_col > line.entry_col][:1]
    nearer = [f for f in fields if f.entry_col < line.entry_col][:1]
    if not further + nearer:
        return None
    choices = " or ".join(f'"{f.key}:" on line {f.number} ({spaces(f.entry_col)})' for f in further + nearer)
    return problem(stop.at, where, m.YAML_MISALIGNED, key=line.key, choices=choices)


def _text_line(stop: Stop) -> YamlProblem | None:
    """A line of text that belongs to no field: text over several lines indented too little, or a stray value."""
    line = stop.line
    if line.body.startswith(":"):
        return problem(stop.at, line.indent + 1, m.YAML_STRAY_COLON, line=stop.at, value=line.body[1:].strip() or "…")
    if line.key is not None or line.has_dash or "expected key" not in stop.said:
        return None
    owner = stop.layout.block_text_start(stop.at)
    if owner is not None:
        first = next((n for n in stop.layout.lines[owner.number :] if not n.is_blank), line)
        return problem(
            stop.at,
            line.indent + 1,
            m.YAML_BLOCK_TEXT_INDENT,
            key=owner.key,
            start=owner.number,
            spaces=spaces(first.indent),
        )
    return problem(stop.at, line.indent + 1, m.YAML_TEXT_WITHOUT_FIELD, line=stop.at)


def _document_marks(stop: Stop) -> YamlProblem | None:
    """Lines YAML reads as marks about the document: "%" instructions and a "..." end."""
    for number in (stop.at, stop.opened):
        if stop.layout.line(number).text.startswith("%"):
            return problem(number, 1, m.YAML_DIRECTIVE, line=number)
    if "document start" in stop.said:
        end = next((n for n in reversed(stop.layout.lines[: stop.at - 1]) if n.text.startswith("...")), None)
        if end is not None:
            return problem(end.number, 1, m.YAML_DOCUMENT_END, line=end.number)
    return None
