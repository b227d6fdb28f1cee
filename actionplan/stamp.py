"""The build stamp: a digest of everything a build reads, so that a build with nothing to do stops at once.

A build that published records, in the cache folder, the digest of its inputs (every file under the content
folder by name and identity, and the theme's by name and bytes, links by their target; the engine's own files
and Python's version; the options) with the identity of the site folder it put in place and the warnings it
gave. The next build with the same digest that finds the same folder in place gives the same warnings and
stops, before the pipeline is even imported: hence only the standard library here.

The site folder is known by its inode and its change times: a publish always puts a new folder in place, and
adding or removing a file in it changes them. A page edited by hand inside the site is not looked for: the
site is the build's own folder, which the next real build replaces whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .options import Options
from .theme import theme_folders

DEFAULT_CACHE = Path(".cache") / "actionplan"
_PACKAGE = Path(__file__).resolve().parent
# A version-control folder inside the content or theme is never read by a build, and can be large.
_NOT_READ = frozenset({".git", ".hg", ".svn"})


@cache
def engine_fingerprint() -> str:
    """A digest of the engine's own files: any change to them starts every cache afresh."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".json")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _add_tree(
    digest: hashlib._Hash, folder: str, by_identity: bool = False, seen: frozenset[str] = frozenset()
) -> None:
    """Add every name under ``folder`` and every file's bytes, following links as a build's reads do; or,
    ``by_identity``, what tells the file from any other and from itself before a change (device, inode, size,
    modification and change times: writing a file changes them, and nobody can set a change time), unread."""
    real = os.path.realpath(folder)
    if real in seen:  # a link back to a folder above: a build reports it; here it must only end
        digest.update(b"loop\0")
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        digest.update(f"unlisted {exc.errno}\0".encode())
        return
    for entry in (e for e in entries if e.name not in _NOT_READ):
        digest.update(os.fsencode(entry.name) + b"\0")
        try:
            if entry.is_symlink():
                digest.update(b"link " + os.fsencode(os.readlink(entry.path)) + b"\0")
            if entry.is_dir():
                digest.update(b"folder{\0")
                _add_tree(digest, entry.path, by_identity, seen | {real})
                digest.update(b"}\0")
            elif entry.is_file() and by_identity:
                found = os.stat(entry.path)
                digest.update(
                    b"file %d %d %d %d %d\0"
                    % (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
                )
            elif entry.is_file():  # never a FIFO or a device: opening one could block
                with open(entry.path, "rb") as file:
                    digest.update(b"file %d\0" % os.fstat(file.fileno()).st_size)
                    digest.update(hashlib.file_digest(file, "sha256").digest())
            else:
                digest.update(b"other\0")
        except OSError as exc:
            digest.update(f"unreadable {exc.errno}\0".encode())


def inputs_digest(options: Options) -> str:
    """Return the digest of everything a build with ``options`` reads, and of the options themselves."""
    digest = hashlib.sha256()
    said = (
        engine_fingerprint(),
        sys.version,
        os.getcwd(),  # paths in warnings are shown relative to it
        options.as_of.isoformat(),
        options.base_url or "",
        *(str(folder.absolute()) for folder in (options.content, options.output, *theme_folders(options.templates))),
    )
    digest.update(json.dumps(said).encode())
    _add_trees(digest, (options.content,), by_identity=True)  # the content can be large: its files are not read
    _add_trees(digest, theme_folders(options.templates))
    return digest.hexdigest()


def _add_trees(digest: hashlib._Hash, folders: Iterable[Path], by_identity: bool = False) -> None:
    for folder in folders:
        digest.update(b"tree{\0")
        _add_tree(digest, str(folder), by_identity)
        digest.update(b"}\0")


def theme_digest(templates: Path | None) -> str:
    """Return the digest of the theme's folders (where they are, and every name and byte in them)."""
    folders = theme_folders(templates)
    digest = hashlib.sha256(json.dumps([str(folder.absolute()) for folder in folders]).encode())
    _add_trees(digest, folders)
    return digest.hexdigest()


def site_identity(folder: os.stat_result) -> list[int]:
    """Return what tells the site folder a build published from any other."""
    return [folder.st_dev, folder.st_ino, folder.st_mtime_ns, folder.st_ctime_ns]


@dataclass(frozen=True)
class Stamp:
    """The stamp of one build: where it is kept, the digest of its inputs."""

    path: Path
    inputs: str
    output: Path

    @classmethod
    def of(cls, options: Options, folder: Path) -> Stamp:
        output = options.output.resolve()
        name = hashlib.sha256(os.fsencode(output)).hexdigest()[:32]
        return cls(folder / "builds" / f"{name}.json", inputs_digest(options), output)

    def unchanged(self) -> list[dict[str, object]] | None:
        """Return the warnings the last build gave, as stored, if nothing it read has changed since and its site
        is still in place; otherwise None."""
        try:
            stored = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or stored.get("inputs") != self.inputs:
            return None
        try:
            site = site_identity(os.stat(self.output))
        except OSError:
            return None
        if stored.get("site") != site:
            return None
        warnings = stored.get("warnings")
        return warnings if isinstance(warnings, list) else None

    def save(self, site: os.stat_result, warnings: list[dict[str, object]]) -> None:
        """Record a build that published ``site`` (the folder as it was when the build let go of the output's lock:
        a build that follows at once may already have replaced it); written whole or not at all, and a stamp that
        cannot be written only makes the next build do its work."""
        record = {"inputs": self.inputs, "site": site_identity(site), "warnings": warnings}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(record, out)
            os.replace(temporary, self.path)
        except OSError:
            pass
