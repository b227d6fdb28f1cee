"""Tests for ``build.py serve``: the live preview, run as a person runs it, and asked over HTTP.

Each test starts ``serve`` in a subprocess on a free loopback port with its own copy
of the bundled content, and no browser connected. Waits are bounded polls, with
room for a slow, loaded machine.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from actionplan.preview.server import CLIENT_SECONDS
from actionplan.sources.positions import position
from tests.helpers import (
    BUILD_SECONDS,
    PLAN,
    PLAN_PAGE,
    REPO,
    START_SECONDS,
    Preview,
    chromium_tab,
    in_a_thread_of_its_own,
    playwright_and_chromium,
    save_edit,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]  # every test starts a server process


def test_the_page_changes_after_an_edit(start: Callable[..., Preview], site_content: Path) -> None:
    preview = start()
    page = preview.get(PLAN_PAGE)
    assert page.status == 200
    assert '<script src="/__reload.js"' in page.body
    number = preview.build()["build"]

    save_edit(site_content / PLAN, r"^title: .*$", "title: A title edited while previewing")

    assert preview.wait_for_build(number)["ok"]
    assert "A title edited while previewing" in preview.get(PLAN_PAGE).body


def test_a_broken_file_gives_the_error_page_everywhere_until_it_is_fixed(
    start: Callable[..., Preview], site_content: Path
) -> None:
    preview = start()
    original = (site_content / PLAN).read_text(encoding="utf-8")
    title = re.search(r"^title:", original, re.MULTILINE)
    assert title is not None
    title_line, _ = position(original, title.start())
    number = preview.build()["build"]

    save_edit(site_content / PLAN, r"^title: .*$", "title: x\n  bad: <b>indent</b>")
    state = preview.wait_for_build(number)

    assert not state["ok"]
    for path in ("", PLAN_PAGE, "assets/style.css", "no/such/page/"):
        page = preview.get(path)
        assert page.status == 500
        where = rf"cpc-2023\.yaml:{title_line + 1}:\d+</code></p>\s*<p class=\"problem__message\">&#34;bad:&#34; is"
        assert re.search(where, page.body), page.body
        assert "<code>  bad: &lt;b&gt;indent&lt;/b&gt;\n" in page.body  # the offending line, quoted as text
        assert '<html lang="en-GB">' in page.body and "<title>Error: 1 error" in page.body
        assert '<script src="/__reload.js"' in page.body  # so an open page recovers by itself

    (site_content / PLAN).write_text(original, encoding="utf-8")

    assert preview.wait_for_build(state["build"])["ok"]
    page = preview.get(PLAN_PAGE)
    assert page.status == 200
    assert "Key Recommendations" in page.body


def test_a_template_error_is_shown_the_same_way(start: Callable[..., Preview], tmp_path: Path) -> None:
    override = tmp_path / "theme"
    override.mkdir()
    preview = start("--templates", str(override))
    number = preview.build()["build"]

    (override / "plan.html").write_text('{% extends "base.html" %}\n{% block main %}{% if %}{% endblock %}\n')
    state = preview.wait_for_build(number)

    page = preview.get(PLAN_PAGE)
    assert page.status == 500
    assert re.search(r"theme/plan\.html:2:\d+</code></p>\s*<p class=\"problem__message\">template error", page.body)
    assert "{% block main %}{% if %}{% endblock %}" in page.body

    (override / "plan.html").unlink()

    assert preview.wait_for_build(state["build"])["ok"]
    assert preview.get(PLAN_PAGE).status == 200


def test_several_files_saved_at_once_give_one_rebuild(start: Callable[..., Preview], site_content: Path) -> None:
    preview = start()
    number = preview.build()["build"]
    plans = [site_content / PLAN, *sorted(p for p in site_content.glob("*/cpc-*.yaml") if "harlow" not in str(p))]
    scratch = []
    for n, plan in enumerate(plans[:3]):  # written first, then renamed into place together, as `git pull` does
        text = re.sub(
            r"^title: .*$", f"title: Saved together {n}", plan.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE
        )
        scratch.append((plan.with_suffix(".new"), plan))
        plan.with_suffix(".new").write_text(text, encoding="utf-8")
    for new, plan in scratch:
        os.replace(new, plan)

    state = preview.wait_for_build(number)
    time.sleep(1.0)  # a second rebuild would have begun by now

    assert preview.build()["build"] == state["build"] == number + 1
    assert "Saved together 0" in preview.get(PLAN_PAGE).body
    assert re.search(r"rebuilt in \d+ ms \(\d+ files changed\)", preview.said())


def test_a_sub_folder_base_url_is_served_as_when_deployed(start: Callable[..., Preview]) -> None:
    preview = start("--base-url", "https://example.gov.uk/plans/")

    assert preview.url.endswith("/")
    home = preview.get("")
    assert home.status == 302 and home.headers["Location"] == "/plans/"
    assert preview.get("plans").headers["Location"] == "/plans/"
    assert preview.get("plans/").status == 200
    assert preview.get(f"plans/{PLAN_PAGE}").status == 200
    assert preview.get(f"plans/{PLAN_PAGE[:-1]}").headers["Location"] == f"/plans/{PLAN_PAGE}"
    missing = preview.get(PLAN_PAGE)
    assert missing.status == 404 and "Page not found" in missing.body


def test_open_pages_are_told_of_every_build(start: Callable[..., Preview], site_content: Path) -> None:
    preview = start()
    first = preview.build()["token"]
    with urllib.request.urlopen(preview.url + "__reload", timeout=BUILD_SECONDS) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        events = (line.decode().strip() for line in stream)
        assert next(e for e in events if e.startswith("data:")) == f"data: {first}"

        save_edit(site_content / PLAN, r"^title: .*$", "title: Announced")

        assert next(e for e in events if e.startswith("data:")) == f"data: {preview.build()['token']}"
    assert preview.build()["token"] != first
    script = preview.get("__reload.js")
    assert script.status == 200 and "EventSource" in script.body


def test_nothing_outside_the_site_is_served(start: Callable[..., Preview]) -> None:
    preview = start()
    host, port = preview.url.split("//")[1].rstrip("/").split(":")
    for path in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2fetc/passwd"):
        connection = http.client.HTTPConnection(host, int(port), timeout=BUILD_SECONDS)
        connection.request("GET", path)
        answer = connection.getresponse()
        assert answer.status == 404, path
        assert b"root:" not in answer.read()
        connection.close()


def test_a_port_in_use_is_one_line_and_exit_2(site_content: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "build.py", "serve", "--port", str(port), "--content", str(site_content)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=START_SECONDS,
            check=False,
        )
    assert run.returncode == 2
    assert run.stderr == f"actionplan: port {port} is in use; try --port {port + 1}\n"


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_is_clean(start: Callable[..., Preview], how: int) -> None:
    preview = start()
    output = Path(preview.build()["output"])
    assert output.is_dir()
    with urllib.request.urlopen(preview.url + "__reload", timeout=BUILD_SECONDS) as stream:
        stream.readline()  # an open page is listening

        code = preview.stop(how)

    assert code in (0, 130)
    assert "Traceback" not in preview.said()
    assert preview.said().splitlines()[-1].endswith("stopped")
    assert not output.parent.exists()  # the temporary build folder is gone


def test_an_open_page_reloads_by_itself_under_its_csp(start: Callable[..., Preview], site_content: Path) -> None:
    playwright_and_chromium()  # or skip before starting the preview
    preview = start()
    console: list[str] = []
    headings: list[str] = []

    def edit_with_the_page_open() -> None:
        with chromium_tab(console) as (_, page):
            page.goto(preview.url + PLAN_PAGE)
            page.wait_for_timeout(300)  # let the reload stream connect
            for old, new in [
                (r"^title: .*$", "title: Reloaded by itself"),
                (r"^title: .*$", "title: x\n  bad: indent"),
                (r"^  bad: indent\n", ""),
            ]:
                with page.expect_event("load", timeout=BUILD_SECONDS * 1000):
                    save_edit(site_content / PLAN, old, new)
                headings.append(page.locator("h1").inner_text())

    in_a_thread_of_its_own(edit_with_the_page_open, timeout=START_SECONDS + 3 * BUILD_SECONDS)

    assert headings == ["Reloaded by itself", "1 problem to fix before the site can be built", "x"]
    assert not [m for m in console if "Content Security Policy" in m or "Refused" in m]


def test_a_killed_preview_leaves_nothing_behind_for_long(start: Callable[..., Preview]) -> None:
    killed = start()
    folder = Path(killed.build()["output"]).parent
    killed.process.kill()
    killed.process.wait(timeout=BUILD_SECONDS)
    assert folder.is_dir()

    start()

    assert not folder.exists()  # the next preview removed it


def test_a_folder_name_that_is_not_utf8_is_reported_not_a_crash(
    start: Callable[..., Preview], site_content: Path
) -> None:
    """A name that is not UTF-8 (copied from an old system) is an error on the page, found at start or later."""
    at_start = os.path.join(os.fsencode(site_content), b"caf\xe9")
    os.mkdir(at_start)
    preview = start()
    state = preview.build()
    assert not state["ok"]
    assert any('"caf\\xe9" cannot be a council name' in p for p in state["problems"]), state
    page = preview.get(PLAN_PAGE)
    assert page.status == 500 and "caf\\xe9" in page.body

    os.rmdir(at_start)
    state = preview.wait_for_build(state["build"])
    assert state["ok"]

    os.mkdir(os.path.join(os.fsencode(site_content), b"\xff\xfe"))  # appears while serving
    state = preview.wait_for_build(state["build"])
    assert not state["ok"]
    assert any("\\xff\\xfe" in p for p in state["problems"]), state
    assert preview.get(PLAN_PAGE).status == 500
    assert "Traceback" not in preview.said()


def test_an_svg_is_served_under_a_policy_that_runs_nothing(start: Callable[..., Preview], site_content: Path) -> None:
    (site_content / "site.yaml").write_text("theme:\n  logo: crest.svg\n", encoding="utf-8")
    (site_content / "crest.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    preview = start()
    logo = preview.get("assets/logo.svg")
    assert logo.status == 200 and logo.headers["Content-Type"] == "image/svg+xml"
    policy = logo.headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'") and "script-src" not in policy and "sandbox" in policy


def test_a_very_long_address_is_not_found_without_a_traceback(start: Callable[..., Preview]) -> None:
    preview = start()
    for path in ("a" * 300, f"{PLAN_PAGE}{'b' * 300}/", "assets/" + "c/" * 2100):
        assert preview.get(path).status == 404, path
    assert preview.get(PLAN_PAGE).status == 200  # and it goes on serving
    assert "Traceback" not in preview.said()


CONCURRENT = 200
SILENT = 20


def test_many_clients_at_once_are_all_answered_and_silent_ones_let_go(start: Callable[..., Preview]) -> None:
    """200 requests at the same moment all get the page, while silent and slow clients hold connections open.

    Only loopback traffic, bounded in count and time.
    """
    preview = start()
    host, port = preview.url.split("//")[1].rstrip("/").split(":")
    silent = [socket.create_connection((host, int(port)), timeout=BUILD_SECONDS) for _ in range(SILENT)]
    slow = socket.create_connection((host, int(port)), timeout=BUILD_SECONDS)
    slow.sendall(b"GET / HTTP/1.1\r\n")  # and never the rest
    ready = threading.Barrier(CONCURRENT, timeout=BUILD_SECONDS)

    def fetch(_: int) -> int:
        ready.wait()  # every request starts at once
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        try:
            connection.request("GET", "/" + PLAN_PAGE)
            return connection.getresponse().status
        except OSError as exc:
            return -1 if isinstance(exc, TimeoutError) else -2
        finally:
            connection.close()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        answers = list(pool.map(fetch, range(CONCURRENT)))
    assert answers == [200] * CONCURRENT, f"{answers.count(-1)} timed out, {answers.count(-2)} refused"
    assert time.monotonic() - started < 30

    deadline = time.monotonic() + CLIENT_SECONDS + BUILD_SECONDS
    for client in [*silent, slow]:  # the server hangs up on clients that say nothing
        client.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            assert client.recv(1024) is not None  # b"" once closed; an answer (408) is fine too
        except TimeoutError:
            pytest.fail(f"a silent client was still connected after {CLIENT_SECONDS + BUILD_SECONDS} s")
        finally:
            client.close()
    assert preview.get(PLAN_PAGE).status == 200
