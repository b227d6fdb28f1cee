"""Shared helpers: small content trees written on the fly, and the command line run in-process."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.cli import main

AS_OF = datetime.date(2026, 11, 24)
REPO = Path(__file__).resolve().parent.parent

MINIMAL_PLAN = """\
title: Peer challenge 2023 – action plan
updated: 2026-10-01
recommendations:
  - id: "1"
    title: Set a clear vision
    lead: Chief Executive
    actions:
      - text: Agree the vision with partners
        due: June 2027
        status: on-track
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (path → text or bytes) under ``root``; text is dedented."""
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body), encoding="utf-8")
    return root


@pytest.fixture
def content(tmp_path: Path) -> Callable[..., Path]:
    """Return a factory for a content folder: one council with the given plan text (and extra files)."""

    def make(plan: str = MINIMAL_PLAN, extra: dict[str, str | bytes] | None = None) -> Path:
        root = tmp_path / "content"
        files: dict[str, str | bytes] = {
            "testshire/council.yaml": "name: Testshire Council\n",
            "testshire/cpc-2023.yaml": plan,
        }
        files.update(extra or {})
        return write_tree(root, files)

    return make


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Run]:
    """Run the command line in-process from ``tmp_path`` so reported paths are short.

    Commands that judge deadlines (build, check, serve) run as of the tests' fixed day.
    """
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Run:
        dated = not args or args[0] in ("build", "check", "serve") or args[0].startswith("-")
        try:
            code = main([*args, *(["--as-of", AS_OF.isoformat()] if dated else [])])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
