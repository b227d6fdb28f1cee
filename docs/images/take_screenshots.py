"""Take the screenshots in docs/editing.md again after a change to the theme: run this file with Python.

They show the real site, built from the sample repository that ``python build.py new`` makes,
in Debian's Chromium (set ACTIONPLAN_CHROMIUM for another), at a small size so that the
guide stays quick to load.
"""

from __future__ import annotations

import datetime
import functools
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from actionplan.commands.build import build
from actionplan.commands.new import new_repository
from actionplan.pipeline import Options

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CHROMIUM = os.environ.get("ACTIONPLAN_CHROMIUM", "/usr/bin/chromium")
TODAY = datetime.date(2026, 11, 24)
PLAN = "example-council/peer-challenge/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would hide the sizes printed at the end


def _serve(folder: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def _shoot_site(page: Page, url: str) -> None:
    page.set_viewport_size({"width": 760, "height": 900})
    page.goto(url + PLAN)
    page.screenshot(path=HERE / "plan-page.png", animations="disabled")
    page.goto(url + PLAN + "1/")
    page.locator('[id="action-1.1"]').screenshot(path=HERE / "progress-update.png", animations="disabled")


def _shoot_preview_error(page: Page, content: Path) -> None:
    plan = content / PLAN.rstrip("/")
    plan = plan.with_suffix(".yaml")
    plan.write_text(plan.read_text(encoding="utf-8").replace("status: not-started", "status: not strated"), "utf-8")
    port = _free_port()
    serve = [sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)]
    preview = subprocess.Popen(serve, cwd=content.parent, stderr=subprocess.DEVNULL)  # paths shown as people see them
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        page.set_viewport_size({"width": 760, "height": 720})
        page.goto(f"http://127.0.0.1:{port}/")
        page.screenshot(path=HERE / "preview-error.png", animations="disabled")
    finally:
        preview.terminate()
        preview.wait()


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        repository = Path(temporary) / "council-plans"
        new_repository(repository, TODAY)
        build(Options(content=repository / "content", output=repository / "site", as_of=TODAY))
        url = _serve(repository / "site")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(device_scale_factor=1)
            _shoot_site(page, url)
            _shoot_preview_error(page, repository / "content")
            browser.close()
    for image in sorted(HERE.glob("*.png")):
        print(f"{image.relative_to(REPO)}: {image.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
