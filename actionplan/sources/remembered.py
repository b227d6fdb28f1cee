"""Council folders as builds read them, known by the identity of their files, so that a rebuild reads again
only the folders whose files changed (``files.list_content``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .files import CouncilSources


def _identity(path: str) -> tuple[int, ...]:
    """What tells a file or folder from any other, and from itself before a change: the link's and the target's
    device, inode, size, modification and change times (raises OSError)."""
    link, found = os.lstat(path), os.stat(path)
    return (
        link.st_dev, link.st_ino, link.st_size, link.st_mtime_ns, link.st_ctime_ns,
        found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns,
    )  # fmt: skip


class Remembered:
    """Council folders as builds read them, known by the identity of the folder and of every entry in it: a folder
    that holds the same files as then is not read again, since its part of the site is known by the digest it had
    (``CouncilSources.digest``). A preview keeps it in memory; a build keeps it in the cache between builds."""

    def __init__(self, kept: object = None) -> None:
        cwd, folders = kept if isinstance(kept, tuple) and len(kept) == 2 else ("", {})
        self.cwd = os.getcwd()  # problems show paths relative to it
        self.folders: dict[str, tuple[tuple[object, ...], str]] = folders if cwd == self.cwd else {}
        self._seen: set[str] = set()

    def kept(self) -> tuple[str, dict[str, tuple[tuple[object, ...], str]]]:
        """Return what to keep for the next build: the folders the last listing saw."""
        self.folders = {folder: known for folder, known in self.folders.items() if folder in self._seen}
        self._seen = set()
        return self.cwd, self.folders

    @staticmethod
    def identities(folder: Path) -> tuple[object, ...] | None:
        """Return the identities of the folder and of every entry in it, or None if they cannot all be had."""
        try:
            with os.scandir(folder) as listed:
                entries = sorted((entry.name, entry.path) for entry in listed)
            return (_identity(os.fspath(folder)), *((name, _identity(path)) for name, path in entries))
        except OSError:
            return None

    def digest(self, folder: Path, identities: tuple[object, ...]) -> str | None:
        """Return the digest of the folder's files if they are the same files as when it was remembered."""
        self._seen.add(os.fspath(folder))
        known = self.folders.get(os.fspath(folder))
        return known[1] if known and known[0] == identities and self.cwd == os.getcwd() else None

    def remember(self, folder: Path, identities: tuple[object, ...], council: CouncilSources) -> None:
        """Remember a council folder whose files were all read (taken before they were read: a file changed
        while it was read is not the same file)."""
        if self.cwd != os.getcwd():
            self.folders, self.cwd = {}, os.getcwd()
        self._seen.add(os.fspath(folder))
        if council.council.text is not None and all(plan.text is not None for plan in council.plans):
            self.folders[os.fspath(folder)] = (identities, council.digest)
