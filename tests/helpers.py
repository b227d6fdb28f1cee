"""What the tests share: the repository's places, small content trees, digests, builds in a child process,
the parser's own words, the browser tools, and a running preview (its fixtures are in conftest.py)."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"  # the bundled plans
SAMPLE = REPO / "tests" / "fixtures" / "sample"  # a small plan that uses every feature; its site.yaml has a base_url
BUNDLED_BASE_URL = "https://example.gov.uk/plans/"  # an address to build the bundled plans for
# A published site: an address (so feeds and calendars are written) and what its accessibility statement needs.
PUBLISHED_SITE = """\
base_url: https://example.gov.uk/plans/
owner: {name: Testshire Council, email: web@example.gov.uk}
accessibility: {prepared: 2026-01-05, last_reviewed: 2026-01-05}
"""
AS_OF = datetime.date(2026, 11, 24)

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

# The bundled plans: council, plan, recommendations, actions (sub-actions included), actions per recommendation
SEED_PLANS = [
    ("halton", "cpc-2019", 11, 9, [1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]),
    ("harlow", "cpc-2023", 13, 66, [10, 5, 5, 2, 6, 4, 5, 5, 6, 3, 3, 5, 7]),
    ("hartlepool", "cpc-2022", 9, 26, [3, 5, 3, 1, 1, 2, 2, 7, 2]),
    ("huntingdonshire", "cpc-2024", 15, 34, [3, 4, 3, 6, 1, 3, 2, 5, 1, 1, 1, 1, 1, 1, 1]),
    # Under recommendation 3, "Our Team", "Our Resources" and "Our Technology" are headings, not actions.
    ("north-tyneside", "cpc-2019", 6, 40, [4, 3, 22, 3, 3, 5]),
]


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


def tree_digest(root: Path) -> dict[str, str]:
    """Return every entry under ``root`` with a digest of what it holds (folders and links included)."""
    digest: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            digest[name] = "link:" + os.readlink(path)
        elif path.is_dir():
            digest[name] = "folder"
        else:
            digest[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def run_build_process(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python build.py ARGS`` from ``cwd`` in a child process, as a person would."""
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args],
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        capture_output=True,
        timeout=timeout,
    )


class Run:
    """What the command line did: its exit code and what it printed."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


# The parser's own words: none may reach a person, in a message or a hint.
PARSER_PHRASES = (
    "mapping values",
    "block collection",
    "block mapping",
    "block end",
    "block sequence",
    "expected <",
    "<document start>",
    "while scanning",
    "while parsing",
    "could not find expected",
    "did not find expected",
    "simple key",
    "quoted scalar",
    "plain scalar",
    "block scalar",
    "flow sequence",
    "flow mapping",
    "found character",
    "cannot start any token",
    "escape character",
    "violates indentation",
    "end of stream",
    "YAML syntax error",
    "YAML error",
    "in this context",
)


def parser_phrases_in(text: str) -> list[str]:
    """Return the parser phrases found in ``text`` (any case)."""
    lowered = text.lower()
    return [phrase for phrase in PARSER_PHRASES if phrase.lower() in lowered]


# ----------------------------------------------------------------- browser tools

CHROMIUM = Path(os.environ.get("ACTIONPLAN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NPM_FIX = "run npm ci --ignore-scripts in the repository root"


def unavailable(what: str, fix: str) -> None:
    """Skip the calling test because a tool is missing; under CI, fail it instead."""
    message = f"{what} is missing: {fix}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true, so the browser tests must run)", pytrace=False)
    pytest.skip(message)


def playwright_and_chromium() -> tuple[Callable[[], Any], Path]:
    """Return Playwright's sync_playwright and Debian's Chromium, or skip (fail under CI) without them."""
    if not CHROMIUM.is_file():
        unavailable(f"Chromium ({CHROMIUM})", "install Debian's chromium package (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python", 'install the test extras (python -m pip install -e ".[test]")')
    return sync_playwright, CHROMIUM


@contextlib.contextmanager
def chromium_tab(console: list[str]) -> Iterator[tuple[Any, Any]]:
    """Start Chromium and yield it with a tab whose console messages go to ``console``.

    The tab is a resident's: the page's own Content-Security-Policy applies.
    """
    sync_playwright, chromium = playwright_and_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda message: console.append(message.text))
            yield browser, page
        finally:
            browser.close()


def in_a_thread_of_its_own(work: Callable[[], None], timeout: float) -> None:
    """Run ``work`` and re-raise what it raised; Playwright's sync API refuses a thread where an event loop runs,
    as it does while the browser tests' session-wide Chromium is open."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the test's own thread below
            failures.append(exc)

    thread = threading.Thread(target=run, name="browser", daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"the browser did not finish within {timeout} s"
    if failures:
        raise failures[0]


# ----------------------------------------------------------------- a running preview

START_SECONDS = 30.0  # Python's start and the first build, on a loaded machine
BUILD_SECONDS = 15.0
PLAN = Path("harlow") / "cpc-2023.yaml"
PLAN_PAGE = "harlow/cpc-2023/"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


@dataclass
class Response:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Preview:
    """A running ``serve`` process and what it has said."""

    process: subprocess.Popen[bytes]
    log: Path
    url: str = ""

    def said(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str = "") -> Response:
        try:
            with _OPENER.open(self.url + path, timeout=BUILD_SECONDS) as answer:
                return Response(answer.status, answer.read().decode(), dict(answer.headers))
        except urllib.error.HTTPError as answer:
            return Response(answer.code, answer.read().decode(), dict(answer.headers))

    def build(self) -> dict:
        return json.loads(self.get("__build").body)

    def wait_for_build(self, after: int) -> dict:
        """Return the state of the first build numbered above ``after``."""
        deadline = time.monotonic() + BUILD_SECONDS
        while time.monotonic() < deadline:
            state = self.build()
            if state["build"] > after:
                return state
            time.sleep(0.02)
        pytest.fail(f"no rebuild within {BUILD_SECONDS} s; serve said:\n{self.said()}")

    def stop(self, how: int = signal.SIGINT) -> int:
        self.process.send_signal(how)
        return self.process.wait(timeout=BUILD_SECONDS)


def interrupt_as_in_a_terminal() -> None:
    # A shell without job control starts background jobs ignoring SIGINT; Ctrl-C in a terminal is not ignored.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def save_edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (a regular expression) as an editor saves: a new file renamed over the old."""
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(old, new, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{old!r} is not in {path}"
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(changed, encoding="utf-8")
    os.replace(scratch, path)


def add_updates(node: Any, counter: list[int]) -> None:
    """Give every action of a parsed plan progress updates (the bundled plans have none), two of them on one day."""
    for action in node.get("actions", ()):
        counter[0] += 1
        day = f"2024-{counter[0] % 12 + 1:02d}-15"
        if not action.get("heading"):  # a heading reports no progress of its own
            action["updates"] = [{"date": day, "note": "Met the board."}, {"date": day, "note": "Agreed the scope."}]
        add_updates(action, counter)


def edit_plan(path: Path, change: Callable[[Any], Any]) -> None:
    """Change the plan file at ``path`` through ``change``, which edits the parsed YAML in place."""
    plan = yaml.safe_load(path.read_text("utf-8"))
    change(plan)
    path.write_text(yaml.safe_dump(plan, sort_keys=False, allow_unicode=True), "utf-8")
