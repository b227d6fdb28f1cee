"""Mistyped command options are one line and exit code 2, never a traceback.

A 300-character --output or --content name once ended in ``OSError: File name too
long`` with a traceback; ``--base-url javascript:…`` and a --templates folder that does
not exist were taken without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run

LONG = "a" * 300


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("build", "--output", LONG), "--output"),
        (("build", "--output", f"site/{LONG}/inner"), "--output"),
        (("check", "--content", LONG), "--content"),
        (("build", "--content", f"{LONG}/content"), "--content"),
        (("build", "--templates", LONG), "--templates"),
        (("build", "--base-url", "javascript:alert(1)"), "--base-url"),
        (("build", "--base-url", "data:text/html,<script>alert(1)</script>"), "--base-url"),
        (("build", "--base-url", "example.gov.uk/plans"), "--base-url"),
        (("build", "--templates", "no-such-theme"), "--templates"),
        (("serve", "--templates", "no-such-theme"), "--templates"),
        (("check", "--templates", "content/testshire/council.yaml"), "--templates"),
    ],
    ids=[
        "long output",
        "long output part",
        "long content",
        "long content part",
        "long templates",
        "script base url",
        "data base url",
        "base url without scheme",
        "missing templates",
        "missing templates for serve",
        "templates is a file",
    ],
)
def test_a_bad_option_is_one_line_and_exit_2(
    content: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    content()
    run = cli(*args)
    assert run.code == 2, run.err
    assert len(run.lines) == 1, run.err
    assert words in run.lines[0] and "Traceback" not in run.err
    assert not (tmp_path / "site").exists()


def test_a_web_address_is_taken(content: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path) -> None:
    content()
    assert cli("build", "--base-url", "https://example.gov.uk/plans").code == 0
    assert 'href="https://example.gov.uk/plans/"' in (tmp_path / "site/index.html").read_text()
