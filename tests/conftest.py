"""Fixtures the tests share: small content trees, the command line run in-process, and a running preview.

Helpers that are not fixtures live in helpers.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from actionplan.cli import main
from actionplan.commands.build import build
from actionplan.pipeline import Options
from tests.helpers import (
    AS_OF,
    BUILD_SECONDS,
    BUNDLED_BASE_URL,
    CONTENT,
    MINIMAL_PLAN,
    PUBLISHED_SITE,
    REPO,
    SAMPLE,
    START_SECONDS,
    Preview,
    Run,
    interrupt_as_in_a_terminal,
    write_tree,
)


@pytest.fixture
def content(tmp_path: Path) -> Callable[..., Path]:
    """Return a factory for a content folder: one council with the given plan text (and extra files)."""

    def make(plan: str = MINIMAL_PLAN, extra: dict[str, str | bytes] | None = None) -> Path:
        root = tmp_path / "content"
        files: dict[str, str | bytes] = {
            "site.yaml": PUBLISHED_SITE,
            "testshire/council.yaml": "name: Testshire Council\n",
            "testshire/cpc-2023.yaml": plan,
        }
        files.update(extra or {})
        return write_tree(root, files)

    return make


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


@pytest.fixture
def site_content(tmp_path: Path) -> Path:
    """A copy of the bundled content, free to edit."""
    return Path(shutil.copytree(CONTENT, tmp_path / "content"))


@pytest.fixture
def start(tmp_path: Path, site_content: Path) -> Iterator[Callable[..., Preview]]:
    """Return a function that starts ``serve`` with extra arguments and waits until it is serving."""
    started: list[Preview] = []

    def run(*extra: str, port: int = 0) -> Preview:
        log = tmp_path / f"serve-{len(started)}.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "build.py",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--content",
                    str(site_content),
                    "--as-of",
                    AS_OF.isoformat(),
                    *extra,
                ],
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=interrupt_as_in_a_terminal,
            )
        preview = Preview(process, log)
        started.append(preview)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            if found := re.search(r"serving (http://[^/\s]+/)", preview.said()):
                preview.url = found.group(1)  # the server's root, whatever the site's base path
                return preview
            time.sleep(0.02)
        pytest.fail(f"serve did not start; it said:\n{preview.said()}")

    yield run
    for preview in started:
        if preview.process.poll() is None:
            preview.process.terminate()  # stops as Ctrl-C does, removing its temporary folder
            try:
                preview.process.wait(timeout=BUILD_SECONDS)
            except subprocess.TimeoutExpired:
                preview.process.kill()
                preview.process.wait(timeout=BUILD_SECONDS)
        assert "Traceback" not in preview.said()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the sample site (its site.yaml sets a base_url), built once for all tests that only read it."""
    out = tmp_path_factory.mktemp("sample") / "site"
    build(Options(content=SAMPLE, output=out, as_of=AS_OF))
    return out


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the five bundled plans built with a base_url, once for all tests that only read it."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    build(Options(content=CONTENT, output=out, base_url=BUNDLED_BASE_URL, as_of=AS_OF))
    return out
