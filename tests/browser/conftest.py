"""Fixtures for the browser tests: the bundled site built once, served on loopback, and one Chromium.

The tools come from outside Python: Debian's Chromium, Java, and the npm packages
axe-core and vnu-jar (``npm ci`` at the repository root). Locally a missing tool
skips the tests that need it, with the reason; under CI (``CI=true``) it fails them,
so a broken CI machine cannot pass by running nothing.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from actionplan.commands.build import build
from actionplan.pipeline import Options
from tests.helpers import (
    AS_OF,
    AXE,
    CHROMIUM_ARGS,
    CONTENT,
    NPM_FIX,
    REPO,
    SAMPLE,
    VNU,
    playwright_and_chromium,
    unavailable,
)

# A council's own templates folder, to check its theme the same way (default: the bundled theme only).
TEMPLATES = Path(os.environ["ACTIONPLAN_TEMPLATES"]) if os.environ.get("ACTIONPLAN_TEMPLATES") else None
SUBFOLDER = "plans"
SUBFOLDER_BASE_URL = f"https://example.gov.uk/{SUBFOLDER}/"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test, so ``-m "not browser"`` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class Served:
    """A built site and the address it is served at (ending in "/")."""

    folder: Path
    url: str
    base_url: str | None = None  # the address the site was built for, when one was given

    def pages(self) -> list[str]:
        """Return every HTML page as a site-relative URL, such as "" or "harlow/cpc-2023/"."""
        found = []
        for path in sorted(self.folder.rglob("*.html")):
            rel = path.relative_to(self.folder).as_posix()
            found.append(rel.removesuffix("index.html"))
        return found


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files quietly; answer a missing path with the site's 404 page, as a web host would."""

    not_found: Path

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@functools.cache
def _handler_for(not_found: Path) -> type[_Handler]:
    return type("Handler", (_Handler,), {"not_found": not_found})


@pytest.fixture(scope="package")
def _serve() -> Iterator[Callable[[Path, Path], str]]:
    """Start servers on free loopback ports; stop them all when the browser tests are done."""
    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread]] = []

    def serve(root: Path, not_found: Path) -> str:
        handler = functools.partial(_handler_for(not_found), directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server, thread in servers:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def _content(root: Path) -> Path:
    """Return the bundled content with the sample council beside it: its plan has reports, so every kind
    of page is checked (the bundled plans list only the reports their sources give)."""
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(SAMPLE / "exampleton", root / "content" / "exampleton")
    return root / "content"


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory, _serve) -> Served:
    """The bundled content (and the sample council) built once and served at the root of its own address."""
    root = tmp_path_factory.mktemp("root")
    folder = root / "site"
    build(Options(content=_content(root), templates=TEMPLATES, output=folder, as_of=AS_OF))
    return Served(folder, _serve(folder, folder / "404.html"))


@pytest.fixture(scope="package")
def subfolder_site(tmp_path_factory: pytest.TempPathFactory, _serve) -> Served:
    """The bundled content built for SUBFOLDER_BASE_URL and served under /plans/, as on a council's host."""
    root = tmp_path_factory.mktemp("host")
    folder = root / SUBFOLDER
    content = _content(tmp_path_factory.mktemp("host-content"))
    build(Options(content=content, templates=TEMPLATES, output=folder, as_of=AS_OF, base_url=SUBFOLDER_BASE_URL))
    # The host answers unknown addresses anywhere with the site's 404 page.
    return Served(folder, _serve(root, folder / "404.html") + f"{SUBFOLDER}/", SUBFOLDER_BASE_URL)


@pytest.fixture(scope="package")
def browser():
    """One headless Debian Chromium for these tests.

    Package-scoped, not session-scoped: a sync Playwright left running would stop
    any later test in the session from starting its own.
    """
    sync_playwright, chromium = playwright_and_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def context(browser):
    """A browser context as a resident's: the pages' own Content-Security-Policy applies."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A fresh tab in the shared context, closed after the test."""
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="package")
def axe_script() -> Path:
    """The axe-core script, installed from the npm registry by ``npm ci``."""
    if not AXE.is_file():
        unavailable(f"axe-core ({AXE.relative_to(REPO)})", NPM_FIX)
    return AXE


@pytest.fixture(scope="package")
def axe_context(browser, axe_script: Path):
    """A context whose every page has axe-core, injected past the pages' CSP (script-src 'self').

    An init script is sent to the browser once; a script tag per page sends 600 KB
    per page and made the axe test twice as slow.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    context.add_init_script(path=str(axe_script))
    yield context
    context.close()


@pytest.fixture(scope="package")
def vnu_command() -> list[str]:
    """The command that starts the Nu Html Checker."""
    java = shutil.which("java")
    if java is None:
        unavailable("Java", "install Debian's default-jre-headless package")
    if not VNU.is_file():
        unavailable(f"The Nu Html Checker ({VNU.relative_to(REPO)})", NPM_FIX)
    return [java, "-jar", str(VNU)]


@pytest.fixture(scope="package")
def actions(site: Served) -> list[dict]:
    """Every action of the built site, from its actions.json export."""
    return json.loads((site.folder / "data" / "actions.json").read_text(encoding="utf-8"))
