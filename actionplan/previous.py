"""The site before the one in place, kept hidden beside the output for the next build to update in place.

It is ``.<output>.actionplan/previous``. Beside it, each site folder that a build put in place has a
list of what each of its files was made from (``<device>-<inode>.json``: a folder is known by its
inode, which renames and swaps keep). A list is written only once its folder is complete, and removed
before the folder is changed, so it never describes a folder other than as it is — unless somebody
edits a published site by hand, which is not looked for (the stamp, ``stamp.py``, does not either).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

from .filecopy import copy_range, write_all

NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
PAGE_MODE, FOLDER_MODE = 0o644, 0o755  # a web server that runs as another user must read the site


@dataclass(frozen=True)
class Known:
    """A file's bytes and what they were made from (a council's part, by its cache key): a file that a folder's
    list says was made from the same ``origin`` holds the same bytes, so they need not even be loaded."""

    origin: str
    load: Callable[[], bytes]


Piece = bytes | tuple[IO[bytes] | str, int, int]  # bytes, or where they are: an open file or a path, offset, size


@dataclass(frozen=True)
class Joined:
    """A file joined from pieces of others, copied by the system rather than read into memory: the site's data
    files, made of every plan's rows (``exports/site_rows.py``). The files it points at stay open, or in place,
    until it is written."""

    pieces: tuple[Piece, ...]

    def __len__(self) -> int:
        return sum(len(piece) if isinstance(piece, bytes) else piece[2] for piece in self.pieces)

    def write(self, target: int) -> None:
        """Write the pieces to the open file ``target``."""
        for piece in self.pieces:
            if isinstance(piece, bytes):
                write_all(target, piece)
                continue
            source, offset, size = piece
            if isinstance(source, str):
                with open(source, "rb") as opened:
                    copy_range(opened.fileno(), target, offset, size)
            else:
                copy_range(source.fileno(), target, offset, size)

    def __bytes__(self) -> bytes:
        with tempfile.TemporaryFile() as joined:
            self.write(joined.fileno())
            joined.seek(0)
            return joined.read()


@dataclass(frozen=True)
class Written:
    """A file that the process which drew it has written already, into the new site's folder (``Into``)."""

    origin: str


Content = bytes | Known | Joined | Written


@dataclass(frozen=True)
class Into:
    """A new site's folder, written afresh, where the processes that draw the site may write their files themselves;
    a file that the ``previous`` site holds with the same bytes is linked to, not written."""

    folder: Path
    previous: Path | None = None
    known: Made | None = None  # the previous site's list: what each of its files was made from


@runtime_checkable
class DrawnInto(Protocol):
    """Files that can be written by the processes that draw them, once they are told where (the others come as
    they are)."""

    def draw_into(self, into: Into) -> None: ...


class FolderWriter:
    """Write files into a new site's folder, making folders as needed (whoever made them), linking to the previous
    site's file where it holds the same bytes."""

    def __init__(self, into: Into) -> None:
        self.root = os.fspath(into.folder)
        self.previous = into.previous
        self.known = into.known or {}
        self.device = os.stat(self.root).st_dev
        self._folders = {""}

    def write(self, name: str, data: bytes | Joined) -> None:
        target = self._place(name)
        if self.previous is not None and holds(self.previous / name, data, self.device):
            try:
                os.link(self.previous / name, target, follow_symlinks=False)
                return
            except (OSError, NotImplementedError):  # no hard links here (some shared drives): write it
                pass
        write_new(target, data, exclusive=False)  # a fresh folder of its own

    def link_same(self, name: str, origin: str) -> bool:
        """Link to the previous site's file if its list says it was made from the same ``origin`` (so it holds the
        same bytes, which need not even be loaded); tell whether it was."""
        if not origin or self.previous is None or self.known.get(name) != origin:
            return False
        previous = self.previous / name
        try:
            if not _is_site_file(os.lstat(previous), self.device):
                return False
            os.link(previous, self._place(name), follow_symlinks=False)
        except (OSError, NotImplementedError):
            return False
        return True

    def _place(self, name: str) -> str:
        """Return where the file goes, its folder made."""
        parent = name.rpartition("/")[0]
        if parent not in self._folders:
            _make_folder(os.path.join(self.root, parent))
            while parent not in self._folders:
                self._folders.add(parent)
                parent = parent.rpartition("/")[0]
        return os.path.join(self.root, name)


def _make_folder(path: str) -> None:
    """Make a folder and any missing above it: one call for each, where ``os.makedirs`` first looks for each."""
    try:
        os.mkdir(path)
    except FileExistsError:
        pass
    except FileNotFoundError:
        _make_folder(os.path.dirname(path))
        _make_folder(path)


Made = dict[str, str]  # a folder's list: each file's path, and its origin ("" when not known)


def holds(previous: Path, data: bytes | Joined, device: int) -> bool:
    """Tell whether ``previous`` is a plain file of the site on the same device with exactly ``data``, mode 0644
    (a joined file is read to be compared only if it has the same size)."""
    try:
        if not NO_FOLLOW and previous.is_symlink():  # Windows: no flag that refuses a link while opening
            return False
        handle = os.open(previous, os.O_RDONLY | NO_FOLLOW | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        found = os.fstat(handle)
        if not _is_site_file(found, device):
            return False
        if found.st_size != len(data):
            return False
        with open(handle, "rb", closefd=False) as file:
            return file.read() == (bytes(data) if isinstance(data, Joined) else data)
    finally:
        os.close(handle)


def _is_site_file(found: os.stat_result, device: int) -> bool:
    """Tell whether a file is one a site of ours holds: a plain file on the same device, mode 0644."""
    return stat.S_ISREG(found.st_mode) and found.st_dev == device and stat.S_IMODE(found.st_mode) == PAGE_MODE


def bytes_of(content: Content) -> bytes | Joined:
    """Return a file's bytes (a joined file's only as they are written)."""
    if isinstance(content, Written):
        raise TypeError("a file written by the process that drew it is not handed on")
    return content.load() if isinstance(content, Known) else content


def write_new(target: str | Path, data: bytes | Joined, exclusive: bool = True) -> None:
    """Write a new file: never into one that exists, which another site may share as a hard link (unless not
    ``exclusive``: in a folder of its own)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC) | getattr(os, "O_BINARY", 0)
    handle = os.open(target, flags, PAGE_MODE)
    try:
        if isinstance(data, Joined):
            data.write(handle)
        else:
            write_all(handle, data)
    finally:
        os.close(handle)


def origin_of(content: Content) -> str:
    return content.origin if isinstance(content, Known | Written) else ""


class Folders:
    """The previous site of an output folder, and the lists of what site folders were made from."""

    def __init__(self, output: Path) -> None:
        self.home = output.parent / f".{output.name}.actionplan"
        self.previous = self.home / "previous"

    def _list(self, folder: Path) -> tuple[Path, int] | None:
        """Return where ``folder``'s list is, and the folder's modification time (which renames keep, and which
        tells a folder from another that took its inode: a copy, say, of some other site)."""
        try:
            found = os.stat(folder, follow_symlinks=False)
        except OSError:
            return None
        if not stat.S_ISDIR(found.st_mode):
            return None
        return self.home / f"{found.st_dev}-{found.st_ino}.json", found.st_mtime_ns

    def made(self, folder: Path) -> Made | None:
        """Return the list of what ``folder``'s files were made from, if it has a true one."""
        listed = self._list(folder)
        try:
            kept = json.loads(listed[0].read_bytes()) if listed else None
        except (OSError, ValueError):
            return None
        if not isinstance(kept, dict) or listed is None or kept.get("folder") != listed[1]:
            return None
        made = kept.get("files")
        if not isinstance(made, dict) or not all(isinstance(v, str) for v in made.values()):
            return None
        return made

    def forget(self, folder: Path) -> None:
        """Remove ``folder``'s list: it is about to change (or go)."""
        listed = self._list(folder)
        if listed:
            listed[0].unlink(missing_ok=True)

    def describe(self, folder: Path, made: Made) -> None:
        """Write ``folder``'s list, once it is complete (whole or not at all)."""
        listed = self._list(folder)
        if listed is None:
            return
        self.home.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.home, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"folder": listed[1], "files": made}, out)
        os.replace(temporary, listed[0])

    def keep(self, old: Path) -> None:
        """Keep ``old``, the site just replaced, as the previous site; the one kept before goes."""
        self.drop()
        self.home.mkdir(exist_ok=True)
        old.rename(self.previous)

    def drop(self) -> None:
        """Delete the previous site and its list."""
        self.forget(self.previous)
        shutil.rmtree(self.previous, ignore_errors=True)

    def tidy(self, output: Path) -> None:
        """Remove the lists of folders that are neither in place nor kept."""
        wanted = {listed[0] for listed in (self._list(output), self._list(self.previous)) if listed}
        for path in self.home.glob("*.json") if self.home.is_dir() else ():
            if path not in wanted:
                path.unlink(missing_ok=True)


def write(folder: Path, target: Path, data: bytes | Joined, made: set[Path]) -> None:
    """Write a new file at ``target`` (never into an existing one, which another site may share as a hard link);
    under ``update``'s umask, pages are made 0644 and folders 0755."""
    if target.parent not in made:
        for parent in reversed(target.parents):
            if parent in made or not parent.is_relative_to(folder):
                continue
            if parent.is_symlink() or (parent.exists() and not parent.is_dir()):
                parent.unlink()
            if not parent.is_dir():
                parent.mkdir()
            made.add(parent)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    else:
        target.unlink(missing_ok=True)
    write_new(target, data)


def update(folder: Path, before: Made, files: Iterable[tuple[str, Content]]) -> Made:
    """Make ``folder``, whose list is ``before``, hold exactly ``files``; return its new list.

    A file is left as it is when the list says it was made from the same origin, or when it holds the same
    bytes; otherwise it is replaced. Files that are not among ``files`` are removed, and folders left empty.
    """
    device = folder.stat().st_dev
    made: set[Path] = {folder}
    after: Made = {}
    mask = os.umask(0o022)  # pages 0644 and folders 0755 as they are made, whatever the user's umask
    try:
        for name, content in files:
            origin = after[name] = origin_of(content)
            if origin and before.get(name) == origin:
                continue
            data = bytes_of(content)
            target = folder / name
            if name not in before or not holds(target, data, device):
                write(folder, target, data, made)
    finally:
        os.umask(mask)
    emptied: set[Path] = set()
    for name in before.keys() - after.keys():
        gone = folder / name
        if gone.is_symlink() or gone.is_file():
            gone.unlink()
            emptied.update(p for p in gone.parents if p.is_relative_to(folder) and p != folder)
    for empty in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
        try:
            empty.rmdir()
        except OSError:  # not empty: it still holds files of the new site
            pass
    return after
