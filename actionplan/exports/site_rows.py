"""The site's actions and updates files, joined from every plan's rows as the councils' parts come.

Councils are made in parallel, so in any order, and the rows wait in temporary files until every part is in: at
N = 1000 they are 200 MB, which need not stay in memory while the pages are drawn. Those of a part that a
preview's cache holds in memory anyway are only pointed at; those of a part that the cache keeps in a file
(``KeptRows``) are copied from it by the system, never read into memory.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from ..addresses import Urls
from .data import ACTION_FIELDS, UPDATE_FIELDS, PlanRows, csv_file

RowSizes = tuple[int, int, int]  # a plan's actions JSON items (joined), actions CSV and updates CSV rows


@dataclass(frozen=True)
class KeptRows:
    """A council's rows as the cache keeps them: a file, open, with each plan's three pieces in turn."""

    file: IO[bytes]
    sizes: tuple[RowSizes, ...]  # each plan's, in the part's order


def row_pieces(rows: PlanRows) -> tuple[bytes, bytes, bytes]:
    """Return a plan's rows as the three pieces that go into the site's files (and into the cache's file)."""
    return b",\n".join(rows.actions_json), rows.actions_csv, rows.updates_csv


class SiteRows:
    """Every plan's action and update rows, gathered as the plans come and joined in the site's order."""

    def __init__(self) -> None:
        self._kept = tuple(tempfile.TemporaryFile() for _ in range(3))  # actions JSON, actions CSV, updates CSV
        self._spans: dict[str, tuple[tuple[int, int], ...] | PlanRows] = {}  # plan address -> where its rows are

    def add(self, plan: str, rows: PlanRows, spill: bool = True) -> None:
        """Keep the rows of the plan at address ``plan``: in the temporary files if ``spill``, else as they are."""
        if not spill:
            self._spans[plan] = rows
            return
        spans = []
        for kept, data in zip(self._kept, row_pieces(rows), strict=True):
            spans.append((kept.tell(), len(data)))
            kept.write(data)
        self._spans[plan] = tuple(spans)

    def add_kept(self, plans: Sequence[str], rows: KeptRows) -> None:
        """Keep the rows of the plans at addresses ``plans``, copied from the cache's file, which is then closed."""
        with rows.file as source:
            for plan, sizes in zip(plans, rows.sizes, strict=True):
                spans = []
                for kept, size in zip(self._kept, sizes, strict=True):
                    spans.append((kept.tell(), size))
                    _copy(source, kept, size)
                self._spans[plan] = tuple(spans)

    def close(self) -> None:
        """Let the rows go, whether or not the files were made (a build may stop part-way)."""
        for kept in self._kept:
            kept.close()

    def files(self, urls: Urls, plans: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """Yield the site's actions and updates files, with the rows of ``plans`` (addresses) in that order, one
        file at a time; the rows are then let go."""
        heads = (b"[\n", csv_file(ACTION_FIELDS, b""), csv_file(UPDATE_FIELDS, b""))
        joints, tails = (b",\n", b"", b""), (b"\n]\n", b"", b"")
        addresses = (urls.actions_json, urls.actions_csv, urls.updates_csv)
        for i, (kept, address) in enumerate(zip(self._kept, addresses, strict=True)):
            parts = []
            with kept:
                for where in (self._spans[p] for p in plans):
                    part = row_pieces(where)[i] if isinstance(where, PlanRows) else _read(kept, *where[i])
                    if part:
                        parts.append(part)
            if not parts and not i:
                yield address, b"[]\n"
                continue
            pieces = [heads[i]] + [piece for part in parts for piece in (joints[i], part)][1:] + [tails[i]]
            del parts
            yield address, b"".join(pieces)  # the rows are in memory twice at most, and only here


def _copy(source: IO[bytes], target: IO[bytes], size: int) -> None:
    """Copy ``size`` bytes from where ``source`` is to the end of ``target``: by the system where it can."""
    target.flush()
    start, copied = source.tell(), 0
    copy_range = getattr(os, "copy_file_range", None)  # Linux
    try:
        while copy_range is not None and copied < size:
            done = copy_range(source.fileno(), target.fileno(), size - copied, start + copied)
            if not done:
                break
            copied += done
    except OSError:  # not between these file systems: read and write the rest
        pass
    target.seek(0, os.SEEK_END)
    source.seek(start + copied)
    rest = source.read(size - copied)
    if len(rest) != size - copied:
        raise OSError(f"{getattr(source, 'name', 'a file')} ended early")
    target.write(rest)


def _read(kept: IO[bytes], start: int, length: int) -> bytes:
    kept.seek(start)
    return kept.read(length)
