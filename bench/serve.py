"""Time the preview from a save to the page showing it: ``python bench/serve.py --sizes 300 --saves 3``.

For each size N it writes N councils with bench/generate.py, starts ``build.py serve``
of each engine (a checkout, ``--engine``; default this one) on them, waits for the
first build, then saves one plan again and again: each save appends a new sentence to
its first action, and the time runs until the server's page of that action's
recommendation shows the sentence, polled every 10 ms, as a browser that reloads would.
Engines take turns save by save, so a burst of load hits them alike; the report gives
each engine's median and the load average seen.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))  # run as a script: bench/ is not a package

from generate import edit_plan, generate  # noqa: E402
from run import AS_OF, SEED, _commit  # noqa: E402

POLL_SECONDS = 0.01
PATIENCE_SECONDS = 900.0  # the first build at N = 1000, on a busy machine


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=PATIENCE_SECONDS) as answer:
            return bytes(answer.read())
    except (urllib.error.URLError, ConnectionError):
        return None


class Preview:
    """One engine's ``serve``, running on the content until the benchmark ends."""

    def __init__(self, root: Path, content: Path, work: Path) -> None:
        self.label = _commit(root)
        self.port = _free_port()
        self.content = work / f"content-{self.label}"  # its own copy: a save makes only this preview build
        shutil.rmtree(self.content, ignore_errors=True)
        shutil.copytree(content, self.content)
        command = [sys.executable, str(root / "build.py"), "serve", "--content", str(self.content), "--as-of", AS_OF]
        command += ["--port", str(self.port), "--cache-dir", str(work / f"cache-{self.label}")]
        self.process = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = ""

    def wait_until_served(self) -> None:
        """Wait for the first build; learn where the site is served (its base_url's path)."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while _get(f"http://127.0.0.1:{self.port}/__build") is None:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit(f"the preview of {self.label} did not start")
            time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=PATIENCE_SECONDS) as answer:
            self.base = urllib.parse.urlsplit(answer.geturl()).path

    def seconds_to_show(self, name: str, edit: int) -> float:
        """Save the plan ``name`` (council/plan.yaml) with a new sentence; return the seconds until its page shows
        it."""
        plan = self.content / name
        page = f"http://127.0.0.1:{self.port}{self.base}{plan.parent.name}/{plan.stem}/1/"
        sentence = f"Edit {edit}.".encode()
        start = time.perf_counter()
        edit_plan(plan, edit)
        while sentence not in (_get(page) or b""):
            if time.perf_counter() - start > PATIENCE_SECONDS:
                raise SystemExit(f"the preview of {self.label} never showed the save")
            time.sleep(POLL_SECONDS)
        return time.perf_counter() - start

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@contextlib.contextmanager
def previews(roots: Sequence[Path], content: Path, work: Path) -> Iterator[list[Preview]]:
    started: list[Preview] = []
    try:
        for root in roots:
            started.append(Preview(root, content, work))
        for preview in started:
            preview.wait_until_served()
        yield started
    finally:
        for preview in started:
            preview.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,100,300", help="numbers of councils, comma-separated")
    parser.add_argument("--saves", type=int, default=3, help="saves per engine and size (the median is reported)")
    parser.add_argument("--engine", type=Path, action="append", help="a checkout of actionplan (repeat to compare)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/actionplan-bench-serve"), help="scratch folder")
    args = parser.parse_args(argv)
    roots = [root.resolve() for root in args.engine or [BENCH.parent]]
    print("| N | commit | save → visible, median (each) | load |\n|---|---|---|---|", flush=True)
    for councils in (int(n) for n in args.sizes.split(",")):
        work = args.work / f"n{councils}"
        work.mkdir(parents=True, exist_ok=True)
        plans = generate(councils, work / "content", SEED)
        plan = plans[len(plans) // 2].relative_to(work / "content").as_posix()
        seconds: dict[str, list[float]] = {}
        loads: list[float] = []
        with previews(roots, work / "content", work) as running:
            for save in range(args.saves):
                for preview in running:
                    time.sleep(1.0)  # a burst of saves ends after a quiet moment: each save is its own
                    loads.append(os.getloadavg()[0])
                    edit = len(loads) + 1000 * save
                    seconds.setdefault(preview.label, []).append(preview.seconds_to_show(plan, edit))
        for label, found in seconds.items():
            each = ", ".join(f"{s:.2f}" for s in found)
            load = f"{min(loads):.1f}–{max(loads):.1f}"
            print(f"| {councils} | {label} | {statistics.median(found):.2f} s ({each}) | {load} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
