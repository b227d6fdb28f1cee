"""Remember validated plans between builds, so an unchanged plan file is neither parsed nor checked again.

An entry is known by everything that can change what validating a plan gives: the
file's exact text, where it is (the path shown in problems, which names the council
folder and the plan) and the engine itself (every file of the actionplan package, so a new version or a
local edit never reuses an old entry). Nothing else reaches a plan's validation:
the as-of date, the templates and site.yaml are applied later, on every build. So
a cached build is byte-identical to a clean one, and the folder is safe to delete.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .. import stamp
from ..errors import Problem
from ..model import Plan

_SUFFIX = ".plan"


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


Entry = tuple[Plan | None, list[Problem]]


class PlanCache:
    """Validated plans and their problems, kept in memory and, given a folder, in it between runs (one file
    each; unreadable entries count as absent). A preview keeps one cache for all its builds, so a save makes it
    read and check again only the files that changed."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / "plans" if folder else None
        self.used: set[str] = set()
        self._kept: dict[str, Entry] = {}
        self._new: dict[str, Entry] = {}

    @staticmethod
    def key(digest: str, shown: str) -> str:
        return hashlib.sha256(f"{stamp.engine_fingerprint()}\0{shown}\0{digest}".encode()).hexdigest()

    def has(self, digest: str, shown: str) -> bool:
        """Whether the plan is cached; its entry is loaded now, so it cannot vanish before ``take``."""
        key = self.key(digest, shown)
        if key not in self._kept:
            if self.folder is None:
                return False
            try:
                self._kept[key] = pickle.loads((self.folder / (key + _SUFFIX)).read_bytes())
            except Exception:  # missing, truncated or from another Python: build it again
                return False
        self.used.add(key)
        return True

    def take(self, digest: str, shown: str) -> Entry:
        plan, problems = self._kept[self.key(digest, shown)]
        return plan, list(problems)

    def put(self, digest: str, shown: str, plan: Plan | None, problems: list[Problem]) -> None:
        """Remember a newly validated plan, to be written by ``save``."""
        key = self.key(digest, shown)
        self.used.add(key)
        self._new[key] = self._kept[key] = (plan, problems)

    def save(self) -> None:
        """Write the new entries and forget the ones not used since the last save (edited, renamed or deleted
        plans).

        Each entry is written atomically, so a killed build leaves none half-written; a cache that cannot be
        written only makes the next build slower.
        """
        self._kept = {key: entry for key, entry in self._kept.items() if key in self.used}
        try:
            if self.folder is not None:
                self._write(self.folder)
        except OSError:
            pass
        self._new.clear()
        self.used = set()

    def _write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for key, entry in self._new.items():
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(entry, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / (key + _SUFFIX))
        for path in list(folder.iterdir()):
            if path.suffix in (_SUFFIX, ".tmp") and path.stem not in self.used:
                path.unlink(missing_ok=True)
