"""The one sanitiser for text that reaches a person: content files, the terminal, the error page.

A content file may not hold control characters (they break the XML feeds and could drive a
terminal). Whatever is shown to a person — names of files and folders, values quoted in a
message — is passed through :func:`printable`, which shows those same characters, line
breaks and the bidi controls that make a line read backwards as escapes such as ``\\x1b``.
"""

from __future__ import annotations

import re

# C0 controls but tab and line breaks, DEL, and C1 controls: YAML reads U+0085 as a line break,
# and ESC or CSI (U+009B) start the sequences that set a window's title or clear the screen.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# Characters that reorder the text around them (U+202E shows "exe.txt" as "txt.exe").
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Python reads a name that is not UTF-8 with each bad byte as a lone surrogate (U+DC80 to U+DCFF).
_SURROGATES = "\ud800-\udfff"

CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
"""The characters no content file may hold."""

_UNPRINTABLE = re.compile(f"[{CONTROL_CHARACTERS}\n\r{_BIDI}{_SURROGATES}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte as it was in the name
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Return ``text`` with every character a terminal would obey shown as an escape; tabs stay."""
    return _UNPRINTABLE.sub(_escape, text)
