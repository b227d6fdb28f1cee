"""Write "What the messages mean" in docs/editing.md from the message catalogue, so the two cannot drift.

After changing a message, run ``python -m actionplan.sources.messagedocs docs/editing.md``; a test fails
until the guide says what the code says. Each YAML mistake is shown with the message the code really
gives for it, read from its example, and the lines that fix it.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Mapping
from pathlib import Path

from . import messages as m
from .yamlnodes import parse_yaml

START = "<!-- What the messages mean: made by python -m actionplan.sources.messagedocs docs/editing.md -->"
END = "<!-- end of What the messages mean -->"
_INTRO = """\
## What the messages mean

Every message the check can give, grouped by what it is about: the mistake that
causes it, and what to type instead. Words in quotes in a message come from your
file; here they come from an example. Errors stop the build; warnings (said so
below) do not.
"""


class _Blank(dict[str, str]):
    """Fields the docs have no example for read as "…"."""

    def __missing__(self, key: str) -> str:
        return "…"


def _fill(template: str, fields: Mapping[str, str]) -> str:
    return string.Formatter().vformat(template, (), _Blank(fields))


def _markdown(text: str) -> str:
    """Show ``text`` as written, not as markdown."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _shown(entry: m.Message) -> tuple[str, str]:
    """The message and hint as a person sees them: from the example where there is one."""
    if entry.wrote:
        _, problems = parse_yaml(entry.wrote)
        if problems:
            return problems[0].message, problems[0].hint
    return _fill(entry.text, entry.sample), _fill(entry.hint, entry.sample)


def _yaml(text: str) -> list[str]:
    return ["```yaml", text.rstrip("\n").replace("\t", "→   "), "```", ""]


def render_section() -> str:
    """Return the section, from its first marker to its last."""
    lines = [START, _INTRO]
    topics = list(dict.fromkeys(entry.topic for entry in m.CATALOGUE))
    for topic in topics:
        lines += [f"### {topic}", ""]
        for entry in (e for e in m.CATALOGUE if e.topic == topic):
            message, hint = _shown(entry)
            lines += [f"#### {_markdown(message)}", "", _markdown(entry.mistake), ""]
            if entry.wrote:
                lines += ["For example:", "", *_yaml(entry.wrote)]
            lines += [f"What to do: {_markdown(hint)}{'' if hint.endswith(('.', '?', ')')) else '.'}", ""]
            if entry.instead:
                lines += ["Written right:", "", *_yaml(entry.instead)]
    lines.append(END)
    return "\n".join(lines) + "\n"


def update(path: Path) -> bool:
    """Rewrite the section in the file at ``path`` (adding it at the end if missing); return whether it changed."""
    text = path.read_text(encoding="utf-8")
    section = render_section()
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1].removeprefix("\n")
        new = before + section + after
    else:
        new = text.rstrip("\n") + "\n\n" + section
    path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    for name in sys.argv[1:] or ["docs/editing.md"]:
        print(f"{name}: {'updated' if update(Path(name)) else 'already up to date'}")
