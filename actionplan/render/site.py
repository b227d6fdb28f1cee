"""Draw the whole site: every council's part (``parts.py``), then the site's own pages and files, made from them.

The councils' parts are made by a pool of processes for a large site (``workers.py``), or taken from the cache
of an earlier build, and their files are passed on as they come, so the site is never whole in memory. What
the site's own pages and files need of each council — its plans' numbers and rows — is kept until the last.
"""

from __future__ import annotations

import datetime
import functools
import heapq
import itertools
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import BinaryIO

import jinja2

from ..cache import PartCache, part_key
from ..derive.views import council_order
from ..errors import ContentErrors, Problem
from ..exports.data import PlanRows
from ..exports.feeds import SITE_FEED_ENTRIES, Entry
from ..exports.files import FeedEntries, PlanSummary, site_files, sizes_said, with_sizes
from ..exports.site_rows import KeptRows, SiteRows
from ..exports.words import Words
from ..parts import CouncilPart, Settings, make_part
from ..previous import Content, FolderWriter, Into, Known, Written
from ..sources.files import Council, CouncilSources, Unread
from .pages import render_pages, site_wide_pages
from .problems import located
from .workers import Workers, can_fork, cores

Shared = tuple[Settings, jinja2.Environment, Into | None]  # and where parts are written, if they write their files
PLANS_WORTH_WORKERS = 12  # measured: 9 plans gained nothing from a second process, 17 plans a quarter of the wall time


def _made(shared: Shared, council: Council) -> CouncilPart:
    settings, env, into = shared
    part = make_part(settings, env, council.read() if isinstance(council, Unread) else council)
    return part if into is None else _written(part, into)


def _written(part: CouncilPart, into: Into) -> CouncilPart:
    """Write a part's files into the new site's folder where it is made (in a worker, for a large site), but for
    its plans' pages, which wait for the sizes of the site's files; return it without them."""
    writer = FolderWriter(into)
    mask = os.umask(0o022)  # pages 0644 and folders 0755, as publishing makes them
    try:
        for path, data in part.files:
            if path not in part.sized:
                writer.write(path, data)
    finally:
        os.umask(mask)
    return replace(part, files=tuple((path, data) for path, data in part.files if path in part.sized), written=True)


def jobs(wanted: int, councils: int, plans: int) -> int:
    """Return how many processes make the councils' parts: ``wanted``, or for 0 as many as pay for their start."""
    if not can_fork():
        return 1
    if wanted == 0:
        wanted = cores() if plans >= PLANS_WORTH_WORKERS else 1
    return max(1, min(wanted, councils))


def council_parts(
    shared: Shared, councils: list[Council], wanted: int, cache: PartCache | None, settings_key: str
) -> Iterator[tuple[CouncilPart, Loader, bool]]:
    """Yield each council's part, in the order given, from the cache or made (by ``wanted`` processes, see
    ``jobs``) and added to it; with what loads its files, known by its key (a part's files are known by it
    with or without a cache, so that the next build can trust them); and whether the cache keeps it in
    memory anyway (a preview's).

    ``councils`` is emptied: the texts of the councils' files are held only until they are handed out.
    """
    cached = [cache is not None and cache.has(part_key(settings_key, council)) for council in councils]
    read = [c.read() if isinstance(c, Unread) and not hit else c for c, hit in zip(councils, cached, strict=True)]
    keys = [part_key(settings_key, council) for council in read]  # of the texts read, if they changed meanwhile
    missing = deque(council for council, hit in zip(read, cached, strict=True) if not hit)
    spare = {i: council for i, (council, hit) in enumerate(zip(read, cached, strict=True)) if hit}
    councils.clear()  # each council's texts are let go once a worker has them
    del read
    processes = jobs(wanted, len(missing), sum(len(c.plans) for c in missing if isinstance(c, CouncilSources)))
    with Workers(processes, shared) as workers:
        made = workers.map(_made, (missing.popleft() for _ in range(len(missing))))
        for i, hit in enumerate(cached):
            part = cache.get(keys[i]) if cache and hit else None  # read one at a time, as its turn comes
            if part is None:  # to make, or an entry that could not be read after all
                part = next(made) if not hit else _made(shared, spare[i])
                if cache:
                    cache.put(keys[i], part)
            loader = Loader(keys[i], part, cache, functools.partial(_made, shared, spare.pop(i)) if hit else None)
            yield part, loader, cache is not None and cache.in_memory


class Loader:
    """A part's files, known by its key; a cached part's are loaded the first time one is wanted (the site a build
    updates often holds them all)."""

    def __init__(
        self, key: str, part: CouncilPart, cache: PartCache | None, remake: Callable[[], CouncilPart] | None = None
    ) -> None:
        self.key = key
        self._files = dict(part.files) if part.files else None
        self._cache = cache
        self._remake = remake  # for a cached part whose files turn out unreadable: made again from its sources
        self._made: CouncilPart | None = None

    def loaded(self, path: str) -> bytes | None:
        """Return the file's bytes if they are in memory already (a part just made, or one whose files were
        loaded)."""
        return self._files[path] if self._files is not None else None

    def __call__(self, path: str) -> bytes:
        if self._files is None:
            self._files = dict(self._cache.files(self.key) if self._cache else ())
        if path not in self._files and self._remake is not None:
            self._files = dict(self._remade().files)
        return self._files[path]

    def remade_rows(self) -> tuple[PlanRows, ...]:
        """Return the part's rows, made again (the cache's file of them went, or changed)."""
        rows = self._remade().rows
        assert not isinstance(rows, KeptRows)  # a part just made
        return rows

    def _remade(self) -> CouncilPart:
        if self._made is None:
            assert self._remake is not None  # a part from the cache: made from its council's texts
            self._made = self._remake()  # the same part: its key is its inputs'
            if self._cache:
                self._cache.put(self.key, self._made)
        return self._made


class NewestEntries:
    """The site feed's entries, the newest of every plan's, gathered as the councils' parts come."""

    def __init__(self) -> None:
        self._kept: list[tuple[datetime.date, str, Entry]] = []  # a heap: the oldest kept first

    def add(self, feed: FeedEntries) -> None:
        """Keep those of a plan's newest entries that are among the newest so far; a plan none of whose entries
        can be is not even unpickled (ids are unique: no two entries tie)."""
        kept = self._kept
        if feed.newest is None or (len(kept) == SITE_FEED_ENTRIES and feed.newest < kept[0][:2]):
            return
        for entry in feed.entries():
            heapq.heappush(kept, (entry.day, entry.id, entry))
            if len(kept) > SITE_FEED_ENTRIES:
                heapq.heappop(kept)

    def entries(self) -> list[Entry]:
        return [entry for _, _, entry in self._kept]


class _Held:
    """Plans' pages waiting for the sizes of the site's files, kept in a temporary file rather than in memory
    (or, for a part in the cache, left there)."""

    def __init__(self) -> None:
        self._file: BinaryIO = tempfile.TemporaryFile()
        self._pages: list[tuple[str, str, Loader | tuple[int, int]]] = []  # path, part's key, where its bytes are

    def add(self, path: str, data: bytes | None, loader: Loader) -> None:
        """Hold a page: its bytes, or for a part in the cache (``data`` None) what loads them (only then is the
        loader kept: it may hold all of its part's files)."""
        if data is None:
            self._pages.append((path, loader.key, loader))
            return
        self._pages.append((path, loader.key, (self._file.tell(), len(data))))
        self._file.write(data)

    def pages(self, said: str, sizes: Mapping[str, int]) -> Iterator[tuple[str, Content]]:
        """Yield each page with the sizes written in (``said`` is ``sizes_said``)."""
        for path, key, where in self._pages:
            yield path, Known(f"{key}\0{said}", functools.partial(self._page, path, where, sizes))

    def _page(self, path: str, where: Loader | tuple[int, int], sizes: Mapping[str, int]) -> bytes:
        if isinstance(where, Loader):
            return with_sizes(where(path), sizes)
        start, length = where
        self._file.seek(start)
        return with_sizes(self._file.read(length), sizes)

    def close(self) -> None:
        self._file.close()


def draw_site(
    settings: Settings,
    env: jinja2.Environment,
    parts: Iterable[tuple[CouncilPart, Loader, bool]],
    problems: list[Problem],
) -> Iterator[tuple[str, Content]]:
    """Yield every file but the theme's assets: the councils' as their parts come, then the site's own.

    Each part's problems are added to ``problems``; once every part is in, an error among ``problems`` raises
    ContentErrors with all of them (the previous site then stays as it was). A part's file comes as ``Known`` by the
    part's key, so that publishing loads it only if the site it updates does not hold it.
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
    parts: Iterable[tuple[CouncilPart, Loader, bool]],
    problems: list[Problem],
    rows: SiteRows,
    held: _Held,
) -> Iterator[tuple[str, Content]]:
    kept: list[CouncilPart] = []
    newest = NewestEntries()
    failed = any(p.is_error for p in problems)
    for part, loader, in_memory in parts:
        problems.extend(part.problems)
        failed = failed or part.has_errors
        if failed:
            continue  # the site will not be published: only the remaining problems are wanted
        for path in part.paths:
            if path not in part.sized:
                yield path, Written(loader.key) if part.written else Known(loader.key, functools.partial(loader, path))
        for path in part.paths:  # once the others are published: whether the part's files were loaded is known
            if path in part.sized:
                held.add(path, loader.loaded(path), loader)
        if isinstance(part.rows, KeptRows):
            rows.add_kept([plan.url for plan in part.plans], part.rows, loader.remade_rows)
        else:
            for plan, its_rows in zip(part.plans, part.rows, strict=True):
                rows.add(plan.url, its_rows, spill=not in_memory)
        for plan in part.plans:
            newest.add(plan.feed)
        summaries = tuple(replace(plan, feed=FeedEntries(None)) for plan in part.plans)
        kept.append(replace(part, files=(), rows=(), plans=summaries))  # what the site's own files need, no more
    if failed:
        raise ContentErrors(sorted(problems))
    kept.sort(key=lambda part: council_order(part.council) if part.council else "")
    view = settings.view(tuple(p.council for p in kept if p.council))
    plans: list[PlanSummary] = [plan for part in kept for plan in part.plans]
    sizes: dict[str, int] = {}
    entries = newest.entries()
    site = located(site_files(view, Words(env), plans, entries, (p.sitemap for p in kept)))
    for path, data in itertools.chain(site, rows.files(view.urls, [plan.url for plan in plans])):
        sizes[path] = len(data)
        yield path, data
    yield from held.pages(sizes_said(view.urls, sizes), sizes)
    yield from located(render_pages(view, env, {}, site_wide_pages(view)))
