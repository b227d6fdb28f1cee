"""Draw the whole site: every council's part (``parts.py``), then the site's own pages and files, made from them.

The councils' parts are made by a pool of processes for a large site (``workers.py``), or taken from the cache
of an earlier build, and their files are passed on as they come, so the site is never whole in memory. What
the site's own pages and files need of each council — its plans' numbers and rows — is kept until the last.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import BinaryIO

import jinja2

from ..cache import PartCache, part_key
from ..derive.views import council_order
from ..errors import ContentErrors, Problem
from ..exports.data import SiteRows
from ..exports.files import PlanSummary, site_files, with_sizes
from ..exports.words import Words
from ..parts import CouncilPart, Settings, make_part
from ..sources.files import CouncilSources
from .pages import render_pages, site_wide_pages
from .problems import located
from .workers import Workers, can_fork, cores

Shared = tuple[Settings, jinja2.Environment]
PLANS_WORTH_WORKERS = 12  # measured: 9 plans gained nothing from a second process, 17 plans a quarter of the wall time


def _made(shared: Shared, sources: CouncilSources) -> CouncilPart:
    settings, env = shared
    return make_part(settings, env, sources)


def jobs(wanted: int, councils: int, plans: int) -> int:
    """Return how many processes make the councils' parts: ``wanted``, or for 0 as many as pay for their start."""
    if not can_fork():
        return 1
    if wanted == 0:
        wanted = cores() if plans >= PLANS_WORTH_WORKERS else 1
    return max(1, min(wanted, councils))


def council_parts(
    shared: Shared, councils: list[CouncilSources], wanted: int, cache: PartCache | None, settings_key: str
) -> Iterator[CouncilPart]:
    """Yield each council's part, in the order given: from the cache, or made (by ``wanted`` processes, see
    ``jobs``) and added to it."""
    keys = [part_key(settings_key, council) for council in councils] if cache else []
    kept = [cache.get(key) for key in keys] if cache else [None] * len(councils)
    missing = [council for council, part in zip(councils, kept, strict=True) if part is None]
    processes = jobs(wanted, len(missing), sum(len(c.plans) for c in missing))
    with Workers(processes, shared) as workers:
        made = workers.map(_made, missing)
        for i, part in enumerate(kept):
            if part is None:
                part = next(made)
                if cache:
                    cache.put(keys[i], part)
            yield part


class _Held:
    """Plans' pages waiting for the sizes of the site's files, kept in a temporary file rather than in memory."""

    def __init__(self) -> None:
        self._file: BinaryIO = tempfile.TemporaryFile()
        self._pages: list[tuple[str, int]] = []

    def add(self, path: str, data: bytes) -> None:
        self._pages.append((path, len(data)))
        self._file.write(data)

    def pages(self, sizes: Mapping[str, int]) -> Iterator[tuple[str, bytes]]:
        self._file.seek(0)
        for path, length in self._pages:
            yield path, with_sizes(self._file.read(length), sizes)

    def close(self) -> None:
        self._file.close()


def draw_site(
    settings: Settings, env: jinja2.Environment, parts: Iterable[CouncilPart], problems: list[Problem]
) -> Iterator[tuple[str, bytes]]:
    """Yield every file but the theme's assets: the councils' as their parts come, then the site's own.

    Each part's problems are added to ``problems``; once every part is in, an error among ``problems`` raises
    ContentErrors with all of them (the previous site then stays as it was).
    """
    rows, held = SiteRows(), _Held()
    try:
        yield from _drawn(settings, env, parts, problems, rows, held)
    finally:
        rows.close()
        held.close()


def _drawn(
    settings: Settings,
    env: jinja2.Environment,
    parts: Iterable[CouncilPart],
    problems: list[Problem],
    rows: SiteRows,
    held: _Held,
) -> Iterator[tuple[str, bytes]]:
    kept: list[CouncilPart] = []
    failed = any(p.is_error for p in problems)
    for part in parts:
        problems.extend(part.problems)
        failed = failed or part.has_errors
        if failed:
            continue  # the site will not be published: only the remaining problems are wanted
        for path, data in part.files:
            if path in part.sized:
                held.add(path, data)
            else:
                yield path, data
        for plan, its_rows in zip(part.plans, part.rows, strict=True):
            rows.add(plan.url, its_rows)
        kept.append(replace(part, files=(), rows=()))  # what the site's own files need, and no more
    if failed:
        raise ContentErrors(sorted(problems))
    kept.sort(key=lambda part: council_order(part.council) if part.council else "")
    view = settings.view(tuple(p.council for p in kept if p.council))
    plans: list[PlanSummary] = [plan for part in kept for plan in part.plans]
    sizes: dict[str, int] = {}
    site = located(site_files(view, Words(env), plans, (p.addresses for p in kept)))
    for path, data in itertools.chain(site, rows.files(view.urls, [plan.url for plan in plans])):
        sizes[path] = len(data)
        yield path, data
    yield from held.pages(sizes)
    yield from located(render_pages(view, env, {}, site_wide_pages(view)))
