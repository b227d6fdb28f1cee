"""Remember each council's part of the site between builds, so a rebuild makes again only the councils that changed.

A part is known by everything that can change it (``part_key``): the exact text of the council's files and
where they are, the build's settings (site.yaml, its logo, the base URL and the as-of date), the theme's
files, the folder the build runs from (problems show paths relative to it), Python's version and the engine
itself (every file of the actionplan package, so a new version or a local edit never reuses an old part). So a
cached build is byte-identical to a clean one, and the folder is safe to delete.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from . import stamp
from .exports.data import PlanRows
from .exports.site_rows import KeptRows, RowSizes, row_pieces
from .parts import CouncilPart, Settings
from .sources.files import Council
from .sources.remembered import Remembered

_SUFFIX, _FILES, _ROWS = ".part", ".files", ".rows"
_REMEMBERED = "councils.pickle"
_T = TypeVar("_T")


def settings_key(settings: Settings, templates: Path | None) -> str:
    """Return the digest of what every part of a build is made with."""
    digest = hashlib.sha256()
    said = (stamp.engine_fingerprint(), sys.version, os.getcwd(), repr(settings))
    digest.update(repr(said).encode("utf-8", "surrogatepass"))
    digest.update(stamp.theme_digest(templates).encode())
    return digest.hexdigest()


def part_key(settings: str, council: Council) -> str:
    """Return the digest of everything a council's part is made from; ``settings`` is ``settings_key``'s."""
    return hashlib.sha256(f"{settings}\0{council.digest}".encode()).hexdigest()


class PartCache:
    """Councils' parts, kept in a folder between runs and, for a preview, in memory too, so a save makes again
    only the council whose files changed.

    In the folder each part is two files, written as soon as it is made (unreadable ones count as absent):
    ``KEY.part``, what the site's own pages and files need of it, and ``KEY.files``, its files, which a build
    loads only when the site it updates does not already hold them (``previous.py``).
    """

    def __init__(self, folder: Path | None, in_memory: bool = False) -> None:
        self.folder = folder / "parts" if folder else None
        self.in_memory = in_memory
        self._used: set[str] = set()
        self._kept: dict[str, CouncilPart] = {}
        # The council folders as read: only those that changed are read again.
        self.remembered = Remembered(self._load("", _REMEMBERED, tuple))

    def has(self, key: str) -> bool:
        """Tell whether a part made from ``key``'s inputs is kept (``get`` may still find it unreadable)."""
        return key in self._kept or (self.folder is not None and (self.folder / (key + _SUFFIX)).is_file())

    def get(self, key: str) -> CouncilPart | None:
        """Return the part made from ``key``'s inputs, if it is kept; its ``files`` may be left to ``files``, and
        its rows to the cache's file (``KeptRows``), which the site's data files are joined from."""
        part = self._kept.get(key) or self._load_part(key)
        if part is not None:
            self._keep(key, part)
        return part

    def _load_part(self, key: str) -> CouncilPart | None:
        assert self.folder is not None
        kept = self._load(key, _SUFFIX, tuple)
        if kept is None or len(kept) != 2 or not isinstance(kept[0], CouncilPart):
            return None
        part: CouncilPart = kept[0]
        sizes: tuple[RowSizes, ...] = kept[1]
        rows = self.folder / (key + _ROWS)
        try:
            if os.stat(rows).st_size != sum(map(sum, sizes)):
                return None
            if self.in_memory:  # a preview keeps its parts' rows in memory
                with open(rows, "rb") as file:
                    return replace(
                        part, rows=tuple(PlanRows((file.read(a),), file.read(b), file.read(c)) for a, b, c in sizes)
                    )
        except OSError:
            return None
        return replace(part, rows=KeptRows(os.fspath(rows), sizes))

    def files(self, key: str) -> tuple[tuple[str, bytes], ...]:
        """Return the files of the part that ``get`` returned for ``key`` (empty if they cannot be read)."""
        kept = self._kept.get(key)
        return kept.files if kept and kept.files else self._load(key, _FILES, tuple) or ()

    def _load(self, key: str, suffix: str, kind: type[_T]) -> _T | None:
        if self.folder is None:
            return None
        try:
            found = pickle.loads((self.folder / (key + suffix)).read_bytes())
        except Exception:  # missing, truncated or from another Python: make it again
            return None
        return found if isinstance(found, kind) else None

    def put(self, key: str, part: CouncilPart) -> None:
        """Remember a part just made. It is written at once: a part depends on nothing but its key, so even a
        build that fails later leaves only true entries; a cache that cannot be written only makes the next
        build slower."""
        self._keep(key, part)
        if self.folder is None:
            return
        assert not isinstance(part.rows, KeptRows)  # a part just made
        pieces = [row_pieces(rows) for rows in part.rows]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._write(key + _FILES, part.files)  # first: a part is read only when its files and rows can be
            self._write(key + _ROWS, b"".join(piece for plan in pieces for piece in plan))
            sizes = tuple((len(a), len(b), len(c)) for a, b, c in pieces)
            self._write(key + _SUFFIX, (replace(part, files=(), rows=()), sizes))
        except OSError:
            pass

    def _write(self, name: str, value: object) -> None:
        """Write ``value`` (bytes as they are, anything else pickled) whole or not at all."""
        assert self.folder is not None
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            if isinstance(value, bytes):
                out.write(value)
            else:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.folder / name)

    def _keep(self, key: str, part: CouncilPart) -> None:
        self._used.add(key)
        if self.in_memory:
            self._kept[key] = part

    def prune(self) -> None:
        """Forget the parts that the build just published did not use (councils edited, renamed or gone)."""
        self._kept = {key: part for key, part in self._kept.items() if key in self._used}
        try:
            for path in list(self.folder.iterdir()) if self.folder and self.folder.is_dir() else ():
                if path.suffix in (_SUFFIX, _FILES, _ROWS, ".tmp") and path.stem not in self._used:
                    path.unlink(missing_ok=True)
        except OSError:
            pass
        self._used = set()
        try:
            if self.folder and self.folder.is_dir():
                self._write(_REMEMBERED, self.remembered.kept())
        except OSError:
            pass
