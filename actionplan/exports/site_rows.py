"""The site's actions and updates files, joined from every plan's rows as the councils' parts come.

Councils are made in parallel, so in any order, and the rows wait until every part is in: at N = 1000 they are
200 MB, which need not stay in memory while the pages are drawn. The rows of a part just made wait in temporary
files; those of a part that the cache keeps in a file (``KeptRows``) are left there; those of a part that a
preview's cache holds in memory anyway are only pointed at. Each site file is then ``Joined`` from them, copied
by the system as it is written, never read into memory.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..addresses import Urls
from ..previous import Joined, Piece
from .data import ACTION_FIELDS, UPDATE_FIELDS, PlanRows, csv_file

RowSizes = tuple[int, int, int]  # a plan's actions JSON items (joined), actions CSV and updates CSV rows
Remake = Callable[[], Sequence[PlanRows]]  # makes a council's rows again, in its plans' order


@dataclass(frozen=True)
class KeptRows:
    """A council's rows as the cache keeps them: a file with each plan's three pieces in turn."""

    path: str
    sizes: tuple[RowSizes, ...]  # each plan's, in the part's order


def row_pieces(rows: PlanRows) -> tuple[bytes, bytes, bytes]:
    """Return a plan's rows as the three pieces that go into the site's files (and into the cache's file)."""
    return b",\n".join(rows.actions_json), rows.actions_csv, rows.updates_csv


class SiteRows:
    """Every plan's action and update rows, gathered as the plans come and joined in the site's order."""

    def __init__(self) -> None:
        self._spilled = tuple(tempfile.TemporaryFile() for _ in range(3))  # actions JSON, actions CSV, updates CSV
        self._pieces: dict[str, tuple[Piece, Piece, Piece]] = {}  # plan address -> its three pieces
        self._kept: dict[str, tuple[int, Sequence[str], Remake]] = {}  # a cache file: its size, plans and remake

    def add(self, plan: str, rows: PlanRows, spill: bool = True) -> None:
        """Keep the rows of the plan at address ``plan``: in the temporary files if ``spill``, else as they are."""
        pieces = row_pieces(rows)
        if not spill:
            self._pieces[plan] = pieces
            return
        where = []
        for spilled, data in zip(self._spilled, pieces, strict=True):
            where.append((spilled, spilled.tell(), len(data)))
            spilled.write(data)
        self._pieces[plan] = (where[0], where[1], where[2])

    def add_kept(self, plans: Sequence[str], rows: KeptRows, remake: Remake) -> None:
        """Point at the rows of the plans at addresses ``plans`` in the cache's file; ``remake`` makes them again
        should the file be gone by the time they are wanted (another build that shares the cache may prune it)."""
        offset = 0
        for plan, sizes in zip(plans, rows.sizes, strict=True):
            where = []
            for size in sizes:
                where.append((rows.path, offset, size))
                offset += size
            self._pieces[plan] = (where[0], where[1], where[2])
        self._kept[rows.path] = (offset, plans, remake)

    def close(self) -> None:
        """Let the rows go, whether or not the files were made (a build may stop part-way)."""
        for spilled in self._spilled:
            spilled.close()

    def files(self, urls: Urls, plans: Sequence[str]) -> Iterator[tuple[str, bytes | Joined]]:
        """Yield the site's actions and updates files, with the rows of ``plans`` (addresses) in that order."""
        self._check_kept()
        for spilled in self._spilled:
            spilled.flush()
        heads = (b"[\n", csv_file(ACTION_FIELDS, b""), csv_file(UPDATE_FIELDS, b""))
        joints, tails = (b",\n", b"", b""), (b"\n]\n", b"", b"")
        addresses = (urls.actions_json, urls.actions_csv, urls.updates_csv)
        for i, address in enumerate(addresses):
            parts = [piece for piece in (self._pieces[p][i] for p in plans) if _size(piece)]
            if not parts and not i:
                yield address, b"[]\n"
                continue
            pieces = [heads[i]] + [piece for part in parts for piece in (joints[i], part)][1:] + [tails[i]]
            yield address, Joined(tuple(pieces))

    def _check_kept(self) -> None:
        """Make again the rows of any cache file that is gone or changed since it was pointed at."""
        for path, (size, plans, remake) in self._kept.items():
            try:
                if os.stat(path).st_size == size:
                    continue
            except OSError:
                pass
            for plan, rows in zip(plans, remake(), strict=True):
                self._pieces[plan] = row_pieces(rows)


def _size(piece: Piece) -> int:
    return len(piece) if isinstance(piece, bytes) else piece[2]
