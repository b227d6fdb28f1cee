"""The Nu Html Checker on every page of the built site: no errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .report import Problems

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("where", ["site", "subfolder_site"], ids=["without base_url", "with base_url"])
def test_every_page_is_valid_html(where: str, request: pytest.FixtureRequest, vnu_command: list[str]) -> None:
    """With a base_url the pages gain feed links and code to copy, so both builds are checked."""
    site = request.getfixturevalue(where)
    files = sorted(site.folder.rglob("*.html"))
    # One run for every file: the checker takes seconds to start.
    result = subprocess.run(
        [*vnu_command, "--errors-only", "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(
            f"the Nu Html Checker failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False
        )
    errors = Problems("HTML errors")
    for message in messages:
        if message.get("type") == "info":  # --errors-only drops these; stay safe if a version does not
            continue
        path = Path(message.get("url", "").removeprefix("file:"))
        shown = path.relative_to(site.folder).as_posix() if path.is_relative_to(site.folder) else str(path)
        extract = f" [{' '.join(message['extract'].split())}]" if message.get("extract") else ""
        where = f"{shown}:{message.get('lastLine', '?')}"
        errors.add(f"{message.get('type')}: {message.get('message')}{extract}", where)
    assert not errors, str(errors)
    assert result.returncode == 0, result.stderr
