"""The README's newcomer path and the guides' pictures stay true."""

from __future__ import annotations

import re

from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def _quick_start() -> list[str]:
    section = README[README.index("## Quick start") : README.index("## Commands")]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return block.group(1).splitlines()


def test_the_quick_start_is_two_lines_in_a_virtual_environment() -> None:
    install, test = _quick_start()
    assert install.startswith("python3 -m venv .venv && . .venv/bin/activate && ")  # PEP 668: never the system's pip
    assert "python -m pip install -e . && python build.py" in install  # editors: no test tools
    assert test == 'python -m pip install -e ".[test]" && python -m pytest'


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    command = _quick_start()[1].split(" && ")[-1]
    assert CI.rstrip().splitlines()[-1] == command
    assert 'python -m pip install -e ".[test]"' in CI


def test_the_quick_start_says_what_to_open_next() -> None:
    section = README[README.index("## Quick start") : README.index("## Commands")]
    assert "python build.py serve" in section and "<http://127.0.0.1:8000/>" in section
    assert "```powershell\npy -m venv .venv;" in section


def test_every_picture_in_the_guides_exists_and_they_stay_small() -> None:
    images = REPO / "docs" / "images"
    shown = {m for doc in (REPO / "docs").glob("*.md") for m in re.findall(r"\]\((images/[^)]+)\)", doc.read_text())}
    assert shown == {f"images/{p.name}" for p in images.glob("*.png")}
    assert sum(p.stat().st_size for p in images.glob("*.png")) < 300_000
