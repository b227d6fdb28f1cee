"""CPU seconds of each stage of one build, in-process: ``python bench/stages.py CONTENT [--repeat 3]``.

The runner times whole builds; this says where the time goes (load and validate,
derive, render, exports, publish), to measure a change to one stage on its own.
CPU time, not wall time: the machine is shared, and other work on it stretches
wall time far more than CPU time. Each figure is the median of the repeats.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actionplan.derive.views import derive_site  # noqa: E402
from actionplan.exports.files import downloads, export_files  # noqa: E402
from actionplan.pipeline import Options, check  # noqa: E402
from actionplan.publish import publish  # noqa: E402
from actionplan.render.pages import render_pages, theme_folders  # noqa: E402


def _environment() -> Any:
    """The default theme's template environment."""
    from actionplan.render.environment import make_environment

    return make_environment(theme_folders(None))


def _timed(seconds: dict[str, float], name: str, step: Callable[[], Any]) -> Any:
    start = time.process_time()
    result = step()
    seconds[name] = time.process_time() - start
    return result


def _as_a_build_runs() -> AbstractContextManager[object]:
    """The build command's garbage collector policy, where the engine has one."""
    try:
        from actionplan.commands.build import collector_paused
    except ImportError:
        return contextlib.nullcontext()
    return collector_paused()


def measure_once(content: Path) -> dict[str, float]:
    """One build's stages in this process (a fresh one, so no cache inside the engine is warm)."""
    options = Options(content=content, as_of=datetime.date(2026, 11, 24))
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch, _as_a_build_runs():
        site, _problems = _timed(seconds, "load + validate", lambda: check(options))
        view = _timed(seconds, "derive", lambda: derive_site(site, options.as_of))
        env = _environment()
        files = _timed(seconds, "exports", lambda: dict(export_files(view, env)))
        extra = {url: {"downloads": d} for url, d in downloads(view, {p: len(b) for p, b in files.items()}).items()}
        pages = _timed(seconds, "render", lambda: dict(render_pages(view, env, extra)))  # all drawn, as before
        everything = {**pages, **files}
        try:  # today's publish takes (path, bytes) pairs; the first took a dict
            _timed(seconds, "publish", lambda: publish(Path(scratch) / "site", everything.items()))
        except (AttributeError, TypeError):
            _timed(seconds, "publish", lambda: publish(Path(scratch) / "site", everything))
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.once:
        print(json.dumps(measure_once(args.content)))
        return 0
    runs = [
        json.loads(subprocess.run([sys.executable, __file__, str(args.content), "--once"], check=True,
                                  capture_output=True, text=True).stdout)
        for _ in range(args.repeat)
    ]  # fmt: skip
    for name in runs[0]:
        print(f"{name:16} {statistics.median(run[name] for run in runs):6.2f} s")
    print(f"{'total':16} {statistics.median(sum(run.values()) for run in runs):6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
