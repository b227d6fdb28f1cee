"""The ``serve`` command: preview the site on this computer, rebuilding it on every change.

The site is built into a temporary folder (never ``--output``; in memory where the
system allows) and served from there. A watcher thread polls the content and theme folders whether or not a
browser is open, waits for a burst of saves to end, rebuilds once, and tells open
pages to reload through a same-origin script (the pages' CSP forbids inline ones)
listening to server-sent events. While the content or templates have errors, every
address answers with the error page, so the browser never shows a stale site.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import signal
import socket
import socketserver
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

from ..addresses import base_path
from ..cache import PartCache
from ..errors import Abort, ContentErrors, Problem, Severity, plural
from ..options import Options
from ..pipeline import make_site
from ..publish import publish
from ..sources.reading import shown_path
from ..text import printable
from ..theme import DEFAULT_THEME
from .errorpage import render_banner, render_error_page
from .watch import take_snapshot, watch

# What signal.getsignal returns and signal.signal accepts.
_SignalHandler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None
PING_SECONDS = 15.0  # an idle reload stream is written to this often, to notice closed tabs
CLIENT_SECONDS = 10.0  # a client that sends nothing (or reads nothing) for this long is let go
BACKLOG = 1024  # connections the system holds while every thread is busy (Python's default of 5 drops some)
_FOLDER_PREFIX = "actionplan-serve-"
HTML = "text/html; charset=utf-8"
SVG = "image/svg+xml"
# An SVG opened at its own address is a document: it may draw with its own styles, never run or fetch anything.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
# The preview's own stylesheets: the default theme's, for its pages about problems, and the banner's.
PREVIEW_ASSETS = {
    "/__preview/style.css": DEFAULT_THEME / "assets" / "style.css",
    "/__preview/preview.css": Path(__file__).with_name("assets") / "preview.css",
}
RELOAD_JS = b"""\
// Reload this page when `actionplan serve` has rebuilt the site. Only the preview adds this script.
(function () {
  "use strict";
  var shown = document.currentScript.getAttribute("data-build");
  var source = null;

  function listen() {
    if (source || document.hidden) { return; }
    source = new EventSource("/__reload");
    source.onmessage = function (event) {
      if (event.data !== shown) { source.close(); window.location.reload(); }
    };
  }

  // A hidden tab lets its connection go: a browser opens only six at a time to one server.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { listen(); } else if (source) { source.close(); source = null; }
  });
  listen();

  // The warnings banner: its button hides it, and the same warnings stay hidden after each reload.
  var banner = document.querySelector("[data-preview-banner]");
  var button = banner && banner.querySelector("[data-preview-dismiss]");
  if (!button) { return; }
  var key = "actionplan-preview-dismissed", warnings = banner.getAttribute("data-preview-banner");
  try { banner.hidden = window.sessionStorage.getItem(key) === warnings; } catch (e) { /* storage is off */ }
  button.hidden = false;
  button.addEventListener("click", function () {
    banner.hidden = true;
    try { window.sessionStorage.setItem(key, warnings); } catch (e) { /* hidden until the next reload */ }
    var main = document.getElementById("main");
    if (main) { main.focus(); }
  });
})();
"""


@dataclass(frozen=True)
class Build:
    """The outcome of one build, as the server shows it."""

    number: int
    token: str  # differs for every build and every run of serve, so open pages know to reload
    seconds: float
    base_path: str  # where the site is served, such as "/" or "/plans/"
    problems: tuple[Problem, ...] = ()
    error_page: bytes | None = None  # served at every address while the build is broken
    banner: bytes = b""  # put at the top of every page of a build that worked but has warnings
    problems_page: bytes = b""  # the list of those warnings, at /__problems

    @property
    def is_ok(self) -> bool:
        return self.error_page is None


class Preview:
    """Build the site into a folder on demand and keep the latest build for the server."""

    def __init__(self, options: Options, folder: Path) -> None:
        self.options = options
        self.output = folder / "site"
        self._run = secrets.token_hex(4)
        self._changed = threading.Condition()
        self._warned: tuple[Problem, ...] = ()
        self.latest = Build(0, "", 0.0, base_path(options.base_url))
        # Councils' parts stay in memory: a save reads and makes again only the council whose files changed.
        self.cache = PartCache(options.cache, in_memory=True)

    def rebuild(self, reason: str = "") -> Build:
        """Build the site, publish it to the server and say how it went."""
        start = time.perf_counter()
        served_at, page = self.latest.base_path, None
        try:
            files = make_site(self.options, self.cache)
            publish(self.output, files)
            self.cache.prune()
            served_at, problems = base_path(files.base_url), tuple(files.problems)
        except ContentErrors as exc:
            problems = exc.problems
        except Abort as exc:
            problems = (Problem(shown_path(self.output), 1, 1, Severity.ERROR, str(exc)),)
        except Exception as exc:  # a bug in actionplan must not end the preview either
            traceback.print_exc()
            problems = (
                Problem(
                    "actionplan",
                    1,
                    1,
                    Severity.ERROR,
                    f"internal error: {exc!r}",
                    "the terminal shows the details; please report it",
                ),
            )
        banner, listing = b"", b""
        if any(p.is_error for p in problems):
            page = render_error_page(problems)
        else:
            banner, listing = render_banner(problems), render_error_page(problems, built=True)
        number = self.latest.number + 1
        seconds = time.perf_counter() - start
        build = Build(number, f"{self._run}-{number}", seconds, served_at, problems, page, banner, listing)
        with self._changed:
            self.latest = build
            self._changed.notify_all()
        self._report(build, reason)
        return build

    def wait(self, token: str | None, timeout: float) -> Build:
        """Return the latest build as soon as it is not ``token``, or after ``timeout`` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.latest.token != token, timeout)
            return self.latest

    def describe(self) -> dict[str, object]:
        """Return the latest build as the /__build address shows it."""
        build = self.latest
        return {
            "build": build.number,
            "token": build.token,
            "ok": build.is_ok,
            "milliseconds": round(build.seconds * 1000),
            "output": str(self.output),
            "problems": [str(p) for p in build.problems],
            "errors": [str(p) for p in build.problems if p.is_error],
            "warnings": [str(p) for p in build.problems if not p.is_error],
        }

    def _report(self, build: Build, reason: str) -> None:
        done = f"{'built' if build.number == 1 else 'rebuilt'} in {build.seconds * 1000:.0f} ms{reason}"
        if build.is_ok:
            if build.problems != self._warned:
                _print(*map(str, build.problems))
            self._warned = build.problems
            _say(done)
            return
        self._warned = ()
        errors = sum(p.is_error for p in build.problems)
        _print(*map(str, build.problems))
        _say(f"{done}: {plural(errors, 'error')}, shown on every page until fixed")


def _print(*lines: str) -> None:
    for line in lines:
        print(printable(line), file=sys.stderr, flush=True)


def _say(message: str) -> None:
    _print(f"{time.strftime('%H:%M:%S')} {message}")


def _with_banner(page: bytes, banner: bytes) -> bytes:
    """Put the warnings banner above the page's main content (or at the top of its body), with its stylesheet."""
    if not banner:
        return page
    at = page.find(b"<main")
    if at == -1:
        body = page.find(b"<body")
        at = page.find(b">", body) + 1 if body != -1 else 0
    page = page[:at] + banner + page[at:]
    head = page.find(b"</head>")
    link = b'<link rel="stylesheet" href="/__preview/preview.css">\n'
    return page[:head] + link + page[head:] if head != -1 else page


def _with_reload_script(page: bytes, token: str) -> bytes:
    tag = f'<script src="/__reload.js" data-build="{token}" defer></script>\n'.encode()
    for marker in (b"</head>", b"</body>"):
        at = page.find(marker)
        if at != -1:
            return page[:at] + tag + page[at:]
    return page + tag


def _content_type(path: Path) -> str:
    types = {
        ".html": HTML,
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".csv": "text/csv; charset=utf-8",
        ".xml": "application/atom+xml",
        ".svg": SVG,
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".ico": "image/x-icon",
    }
    return types.get(path.suffix.lower(), "application/octet-stream")


def _find(root: Path, rel: str) -> Path | None:
    """Return the file for a site-relative path, or None if it would lead out of ``root``."""
    parts = [p for p in rel.split("/") if p]
    if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
        return None
    return root.joinpath(*parts)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name longer than the system allows, say: then it is no folder of the site
        return False


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = CLIENT_SECONDS  # on every read and write: a slow or silent client cannot hold a thread for good

    def version_string(self) -> str:
        return "actionplan-preview"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # the terminal is for build results; every request would bury them

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        self._answer()

    def do_HEAD(self) -> None:  # noqa: N802 - the base class's name
        self._answer()

    def _answer(self) -> None:
        preview = self.server.preview
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        if path == "/__reload.js":
            return self._send(200, RELOAD_JS, "text/javascript; charset=utf-8")
        if path == "/__build":
            return self._send(200, json.dumps(preview.describe()).encode(), "application/json")
        if path == "/__reload":
            return self._stream_builds(preview)
        if path in PREVIEW_ASSETS:
            return self._send(200, PREVIEW_ASSETS[path].read_bytes(), "text/css; charset=utf-8")
        build = preview.latest  # taken before reading a file, so a page is never older than its token
        if build.error_page is not None:
            return self._send(500, build.error_page, HTML, build.token)
        if path == "/__problems":
            return self._send(200, build.problems_page, HTML, build.token)
        base = build.base_path
        if not path.startswith(base):
            if path in ("/", "/index.html") or path + "/" == base:
                return self._redirect(base)
            return self._not_found(preview, build.token)
        target = _find(preview.output, path[len(base) :])
        if target is not None and _is_folder(target):
            if not url.path.endswith("/"):
                return self._redirect(url.path + "/")
            target = target / "index.html"
        try:
            body = target.read_bytes() if target is not None else None
        except OSError:
            body = None
        if target is None or body is None:
            return self._not_found(preview, build.token)
        self._send(200, body, _content_type(target), build.token, build.banner)

    def _not_found(self, preview: Preview, token: str) -> None:
        try:
            self._send(404, (preview.output / "404.html").read_bytes(), HTML, token, preview.latest.banner)
        except OSError:
            self._send(404, b"Not found\n", "text/plain; charset=utf-8")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, body: bytes, content_type: str, token: str = "", banner: bytes = b"") -> None:
        if content_type == HTML:
            body = _with_reload_script(_with_banner(body, banner), token)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if content_type == SVG:
            self.send_header("Content-Security-Policy", SVG_POLICY)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _stream_builds(self, preview: Preview) -> None:
        """Send the latest build's token now and again after every build, until the tab goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command == "HEAD":
            return
        self.wfile.write(b"retry: 1000\n\n")  # after a restart of serve, reconnect (and so reload) soon
        token = None
        while True:
            build = preview.wait(token, PING_SECONDS)
            message = f"data: {build.token}\n\n" if build.token != token else ": still here\n\n"
            token = build.token
            self.wfile.write(message.encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # open reload streams must not hold up Ctrl-C
    request_queue_size = BACKLOG
    preview: Preview

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # skip the base class's reverse DNS look-up
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):  # a closed tab is not an error
            super().handle_error(request, client_address)


def _listen(host: str, port: int) -> _Server:
    """Return a server listening at host:port, or abort with one line that says what to do."""
    if not 0 <= port <= 65535:
        raise Abort(f"port {port} does not exist: ports run from 1 to 65535; try --port 8000", exit_code=2)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server_class: type[_Server] = type("Server", (_Server,), {"address_family": family})
    try:
        return server_class((host, port), _Handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise Abort(f"port {port} is in use; try --port {port + 1}", exit_code=2) from None
        if exc.errno == errno.EACCES:
            raise Abort(
                f"port {port} is not open to you; try a port above 1023, such as --port 8000", exit_code=2
            ) from None
        raise Abort(
            f"cannot listen at {host}:{port}: {exc.strerror or exc}; try --host 127.0.0.1", exit_code=2
        ) from None


def _stop_on_signals() -> list[tuple[signal.Signals, _SignalHandler]]:
    """Let SIGTERM stop the preview as Ctrl-C does; return the handlers to put back."""
    if threading.current_thread() is not threading.main_thread():
        return []
    return [
        (signal.SIGINT, signal.getsignal(signal.SIGINT)),
        (signal.SIGTERM, signal.signal(signal.SIGTERM, signal.default_int_handler)),
    ]


def _ignore_signals(handlers: list[tuple[signal.Signals, _SignalHandler]]) -> None:
    for number, _ in handlers:
        signal.signal(number, signal.SIG_IGN)


def _restore_signals(handlers: list[tuple[signal.Signals, _SignalHandler]]) -> None:
    for number, handler in handlers:
        signal.signal(number, handler)


def _make_folder() -> Path:
    """Return a new private folder to build into, in memory where the system has such a place."""
    # Writing and deleting a whole site on a busy disk can take longer than the rest of a rebuild.
    prefix = f"{_FOLDER_PREFIX}{os.getpid()}-"
    for place in (os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm"):
        if place and os.path.isdir(place) and os.access(place, os.W_OK | os.X_OK):
            _clear_abandoned(Path(place))
            try:
                return Path(tempfile.mkdtemp(prefix=prefix, dir=place))
            except OSError:
                continue
    _clear_abandoned(Path(tempfile.gettempdir()))
    return Path(tempfile.mkdtemp(prefix=prefix))


def _clear_abandoned(place: Path) -> None:
    """Remove the folders of earlier previews that were killed before they could tidy up."""
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there, not ask whether it runs
        return
    for folder in place.glob(f"{_FOLDER_PREFIX}*-*"):
        pid = folder.name.removeprefix(_FOLDER_PREFIX).partition("-")[0]
        try:
            if not pid.isdigit() or folder.stat().st_uid != os.getuid():
                continue
            os.kill(int(pid), 0)  # raises if no such process: the folder is abandoned
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # another user's process, or the folder went: not ours to remove
            continue


def run_preview(options: Options, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Preview the site at http://host:port/ until Ctrl-C; return the exit code."""
    server = _listen(host, port)
    try:
        folder = _make_folder()
    except OSError as exc:
        server.server_close()
        raise Abort(f"cannot make a temporary folder to build into: {exc.strerror or exc}", exit_code=2) from None
    stop = threading.Event()
    watcher: threading.Thread | None = None
    handlers = _stop_on_signals()
    try:
        server.preview = preview = Preview(options, folder)
        roots = list(dict.fromkeys(p.absolute() for p in (options.content, options.templates, DEFAULT_THEME) if p))
        seen = take_snapshot(roots)  # before building, so that saves during the first build count
        preview.rebuild()
        watcher = threading.Thread(target=watch, args=(roots, seen, preview.rebuild, stop), name="watch", daemon=True)
        watcher.start()
        shown_host = f"[{host}]" if ":" in host else host
        _say(f"serving http://{shown_host}:{server.server_address[1]}{preview.latest.base_path} (Ctrl-C to stop)")
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        _ignore_signals(handlers)  # a second Ctrl-C while tidying up must not leave a traceback or the folder
        stop.set()
        if watcher is not None:
            watcher.join(timeout=10)  # a build under way finishes before its folder goes
        server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
        _restore_signals(handlers)
    _say("stopped")
    return 0
