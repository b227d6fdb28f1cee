"""Lines and columns, counted in one place and the way the YAML parser counts them.

The parser's marks locate most problems; problems found in the text around it (bytes
that are not UTF-8, control characters) are located with :func:`position`, and the
preview quotes a problem's line with :func:`line_text`. All must agree, or a caret
points at the wrong line of a file saved with Windows or classic Mac line endings.
Lines and columns are 1-based and count characters, not bytes.
"""

from __future__ import annotations

import re

# What YAML reads as the end of a line: CRLF, CR or LF, NEL and the Unicode line and paragraph separators.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def position(text: str, index: int) -> tuple[int, int]:
    """Return the line and column of ``text[index]`` (``index == len(text)`` is the end of the text)."""
    line, start = 1, 0
    for found in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


def split_lines(text: str) -> list[str]:
    """Return the lines of ``text`` without their line breaks."""
    return _LINE_BREAK.split(text)


def line_text(text: str, line: int) -> str | None:
    """Return line number ``line`` of ``text`` without its line break, or None if the text is shorter."""
    lines = split_lines(text)
    return lines[line - 1] if 1 <= line <= len(lines) else None
