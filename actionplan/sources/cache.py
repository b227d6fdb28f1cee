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
    """Validated plans and their problems in ``folder``, one file each; unreadable entries count as absent."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "plans"
        self.used: set[str] = set()
        self._loaded: dict[str, Entry] = {}
        self._new: dict[str, Entry] = {}

    @staticmethod
    def key(digest: str, shown: str) -> str:
        return hashlib.sha256(f"{stamp.engine_fingerprint()}\0{shown}\0{digest}".encode()).hexdigest()

    def has(self, digest: str, shown: str) -> bool:
        """Whether the plan is cached; its entry is loaded now, so it cannot vanish before ``take``."""
        key = self.key(digest, shown)
        try:
            self._loaded[key] = pickle.loads((self.folder / (key + _SUFFIX)).read_bytes())
        except Exception:  # missing, truncated or from another Python: build it again
            return False
        self.used.add(key)
        return True

    def take(self, digest: str, shown: str) -> Entry:
        return self._loaded.pop(self.key(digest, shown))

    def put(self, digest: str, shown: str, plan: Plan | None, problems: list[Problem]) -> None:
        """Remember a newly validated plan, to be written by ``save``."""
        key = self.key(digest, shown)
        self.used.add(key)
        self._new[key] = (plan, problems)

    def save(self) -> None:
        """Write the new entries and remove the ones this build did not use (edited, renamed or deleted plans).

        Each entry is written atomically, so a killed build leaves none half-written; a cache that cannot be
        written only makes the next build slower.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for key, entry in self._new.items():
                handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
                with os.fdopen(handle, "wb") as out:
                    pickle.dump(entry, out, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self.folder / (key + _SUFFIX))
            for path in list(self.folder.iterdir()):
                if path.suffix in (_SUFFIX, ".tmp") and path.stem not in self.used:
                    path.unlink(missing_ok=True)
        except OSError:
            pass
        self._new.clear()
