"""CPU seconds of each stage of one build, in-process: ``python bench/stages.py CONTENT [--repeat 3]``.

The runner times whole builds; this says where the time goes (load and validate,
derive, exports and render of every council's part, one council at a time), to measure a
change to one stage on its own, then times a whole build in one process ("build (all)":
the stages again, the site's own files and publishing).
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

from actionplan.derive.views import derive_council  # noqa: E402
from actionplan.exports.data import plan_rows  # noqa: E402
from actionplan.exports.feeds import plan_entries  # noqa: E402
from actionplan.exports.files import plan_downloads, plan_files  # noqa: E402
from actionplan.pipeline import Options, make_site  # noqa: E402
from actionplan.publish import publish  # noqa: E402
from actionplan.render.pages import council_pages, render_pages, theme_folders  # noqa: E402
from actionplan.sources.files import list_content, parse_council  # noqa: E402
from actionplan.sources.validate import validate_council, validate_site  # noqa: E402


def _environment() -> Any:
    """The default theme's template environment."""
    from actionplan.render.environment import make_environment

    return make_environment(theme_folders(None))


def _timed(seconds: dict[str, float], name: str, step: Callable[[], Any]) -> Any:
    start = time.process_time()
    result = step()
    seconds[name] = seconds.get(name, 0.0) + time.process_time() - start
    return result


def _as_a_build_runs() -> AbstractContextManager[object]:
    """The build command's garbage collector policy, where the engine has one."""
    try:
        from actionplan.parts import collector_paused
    except ImportError:
        return contextlib.nullcontext()
    return collector_paused()


def measure_once(content: Path) -> dict[str, float]:
    """One build's stages in this process (a fresh one, so no cache inside the engine is warm), council by
    council in one process, as ``parts.make_part`` makes them; then the whole build again, timed as "build"."""
    from actionplan.addresses import Urls
    from actionplan.exports.words import Words
    from actionplan.parts import Settings

    as_of = datetime.date(2026, 11, 24)
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch, _as_a_build_runs():
        listing = _timed(seconds, "load + validate", lambda: list_content(content))
        site = validate_site(listing.site, listing.logo, [])
        urls = Urls.for_site(site.base_url)
        settings = Settings(site, urls, None, as_of)
        env = _environment()
        words = Words(env)
        for sources in listing.councils:
            council = _timed(
                seconds,
                "load + validate",
                lambda s=sources: validate_council(parse_council(s, []), []),  # type: ignore[misc]
            )
            view = _timed(seconds, "derive", lambda c=council: derive_council(c, urls, as_of))  # type: ignore[misc]
            one = settings.view((view,))

            def exports(view: Any = view, one: Any = one) -> dict[str, int]:
                return {
                    path: len(data)
                    for plan in view.plans
                    for path, data in plan_files(
                        plan, one, words, plan_rows(plan, one), plan_entries(plan, urls, words)
                    )
                }

            sizes = _timed(seconds, "exports", exports)
            extra = {plan.url: {"downloads": plan_downloads(plan, one, sizes)} for plan in view.plans}
            _timed(seconds, "render", lambda v=view, o=one, e=extra: list(render_pages(o, env, e, council_pages(v))))  # type: ignore[misc]
        options = Options(content=content, as_of=as_of)
        _timed(seconds, "build (all)", lambda: publish(Path(scratch) / "site", make_site(options)))
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
