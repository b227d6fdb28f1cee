"""Write content files the way a person would: block style, quotes only where YAML needs them.

``import`` and ``new`` write YAML that people go on editing by hand, so it must read like the
bundled plans: two-space indents, lists indented under their field, long text folded, text of
several lines as a block, a comment saying where the file came from, and the line that lets
editors check it against the content format's schema as people type.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

import yaml

SCHEMA_PREFIX = "# yaml-language-server: $schema="
FOLD_AFTER = 88  # characters: longer one-line text is folded over several lines
_STR = "tag:yaml.org,2002:str"


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their field, and never an alias (the loader refuses them)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: _Dumper, text: str) -> yaml.ScalarNode:
    """Choose how a piece of text is written: plain when YAML reads it back as the same text."""
    style: str | None = None
    resolve = cast(Callable[[type[yaml.Node], str, tuple[bool, bool]], str], dumper.resolve)  # untyped in the stubs
    reads_back = resolve(yaml.ScalarNode, text, (True, False)) == _STR
    if "\n" in text:
        style = "|"
    elif not reads_back or not dumper.analyze_scalar(text).allow_block_plain:
        style = '"'  # "1", "2024-03-31", "yes" and text starting with a quote or '- ' need quotes
    elif len(text) > FOLD_AFTER:
        style = ">"
    return dumper.represent_scalar(_STR, text, style=style)


_Dumper.add_representer(str, _text)


def dump_yaml(data: Any) -> str:
    """Return ``data`` as tidy block-style YAML."""
    text: str = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=FOLD_AFTER, indent=2)
    return text


def schema_line(file: Path, content: Path, kind: str) -> str | None:
    """Return the comment that points editors at the ``kind`` schema, relative to ``file``.

    A council's repository made by ``new`` keeps copies of the schemas in ``schema/`` beside
    ``content/``; this project ships them in ``actionplan/sources/schema/``. Return None when
    neither is there.
    """
    project = content.resolve().parent
    for folder in (project / "schema", project / "actionplan" / "sources" / "schema"):
        schema = folder / f"{kind}.schema.json"
        if schema.is_file():
            return SCHEMA_PREFIX + Path(os.path.relpath(schema, file.resolve().parent)).as_posix()
    return None


def content_file(data: Any, comments: Iterable[str]) -> str:
    """Return a content file's text: the comment lines (each given without its "# "), then the YAML."""
    header = "".join(line + "\n" if line.startswith(SCHEMA_PREFIX) else f"# {line}\n" for line in comments)
    return header + dump_yaml(data)


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all: a stopped import never leaves half a plan."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as any new file: mkstemp makes it private
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
