"""Write a complete site into place atomically, or not at all.

The new site is made in a folder beside the output, which is then swapped in with one
rename. A build that fails or is killed leaves the previous site as it was; a lock keeps
two builds from writing to the same output at once (the second stops with exit code 2).
Since the output folder is replaced entirely, only a new or empty folder, or a site that
actionplan wrote (it holds a marker file), is replaced.

The site before the previous one is kept, hidden beside the output (``previous.py``), with a list
of what each of its files was made from. A rebuild updates that folder in place — writing only the
files that changed, removing those that went — and swaps it in, so a small edit writes a few files
rather than the whole site. Without it (the first builds, or after a build was stopped part-way),
the new site is written into a fresh folder, where a file whose bytes the previous site holds is a
hard link to it. A file is always replaced by a new one, never rewritten where it is, so a site
in place is never changed until the swap.
"""

from __future__ import annotations

import errno
import glob
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .addresses import SITE_MARKER
from .errors import Abort
from .previous import (
    FOLDER_MODE,
    Content,
    DrawnInto,
    Folders,
    FolderWriter,
    Into,
    Made,
    Written,
    bytes_of,
    origin_of,
    update,
)

_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    if sys.platform != "linux":
        return False
    import ctypes  # imported when a site is swapped in, not by every command

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(first))


@contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold an exclusive lock for ``output``; refuse at once if another build holds it."""
    lock = FileLock(output.parent / f".{output.name}.lock", timeout=0)  # flock on Unix, msvcrt on Windows
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise Abort(f"another build is writing to {output}; wait for it to finish and try again", exit_code=2) from None
    except OSError as exc:
        raise Abort(f"cannot write beside {output}: {exc.strerror or exc}", exit_code=2) from None
    try:
        yield
    finally:
        lock.release()


def _clear_leftovers(output: Path) -> None:
    """Remove folders left by builds that were killed half-way."""
    for stale in output.parent.glob(f".{glob.escape(output.name)}.*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)


def write_files(into: Into, files: Iterable[tuple[str, Content]], made: Made | None = None) -> None:
    """Write each file into a new site's folder as it comes, so that a site is never held whole in memory;
    readable by a web server whatever the umask (pages 0644, folders 0755). A file that the previous
    site holds with the same bytes (its list says it was made from the same origin, or it is compared) is
    linked to, not written; one that the process which drew it wrote already is only listed. ``made`` gets
    the folder's list."""
    writer = FolderWriter(into)
    mask = os.umask(0o022)  # pages 0644 and folders 0755 as they are made, whatever the user's umask
    try:
        for name, content in files:
            origin = origin_of(content)
            if made is not None:
                made[name] = origin
            if not isinstance(content, Written) and not writer.link_same(name, origin):
                writer.write(name, bytes_of(content))
    finally:
        os.umask(mask)
    into.folder.chmod(FOLDER_MODE)


_MARKER_TEXT = b"actionplan built this folder; the next build replaces it whole.\n"


def _is_replaceable(output: Path) -> bool:
    """Tell whether replacing ``output`` deletes nothing but a site that actionplan wrote."""
    if not output.is_dir():
        return True
    try:
        return (output / SITE_MARKER).is_file() or next(output.iterdir(), None) is None
    except OSError:  # cannot list it: then it is not ours to replace
        return False


def _refuse_unsafe(output: Path) -> None:
    """Refuse an output folder whose replacement would delete anything but a site that actionplan wrote."""
    if Path.cwd().resolve().is_relative_to(output):
        raise Abort(
            f"{output} is the folder you are working in, or holds it; a build replaces its output folder "
            "entirely: choose a folder of its own, such as --output site",
            exit_code=2,
        )
    if (output / ".git").exists():
        raise Abort(
            f"{output} is a git repository; a build replaces its output folder entirely: "
            "choose a folder of its own, such as --output site",
            exit_code=2,
        )
    if output.exists() and not output.is_dir():
        raise Abort(f"{output} exists and is not a folder; move it out of the way", exit_code=2)
    if not _is_replaceable(output):
        raise Abort(
            f"{output} holds files that actionplan did not write; a build replaces its output folder entirely: "
            "choose a new or empty folder, such as --output site",
            exit_code=2,
        )


def _swap(staging: Path, output: Path) -> Path | None:
    """Put ``staging`` in place of ``output``; return where the previous site now is, if there was one."""
    if output.is_dir() and _exchange(staging, output):
        return staging
    if not output.is_dir():
        staging.rename(output)
        return None
    old = staging.with_suffix(".old.tmp")
    output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        old.rename(output)
        raise
    return old


def publish(output: Path, files: Iterable[tuple[str, Content]], reuse: bool = True) -> os.stat_result:
    """Replace ``output`` with exactly ``files``, atomically: the previous site stays until the last is written.

    With ``reuse``, the site before the previous one is updated in place and swapped in, when it is known
    (``previous.py``). Return the new site folder's status as it was in place under the lock, which tells
    it from any later one.
    """
    output = output.resolve()  # a link to the web root is kept; the folder it points to is replaced
    _refuse_unsafe(output)
    everything = itertools.chain(files, [(SITE_MARKER, _MARKER_TEXT)])
    with output_lock(output):
        _clear_leftovers(output)
        folders = Folders(output)
        before = folders.made(folders.previous) if reuse else None
        if before is not None:
            _update_previous(output, folders, before, everything)
        else:
            _write_afresh(output, folders, everything, files)
        published = os.stat(output)
        folders.tidy(output)
    return published


def _update_previous(output: Path, folders: Folders, before: Made, files: Iterable[tuple[str, Content]]) -> None:
    """Update the previous site in place into the new one, and swap it in; the site it replaces is kept."""
    folders.forget(folders.previous)  # from now on it is neither the site it was nor yet the new one
    try:
        after = update(folders.previous, before, files)
    except OSError as exc:  # a full disk, say: the site in place stays as it was
        raise Abort(f"cannot write {output}: {exc.strerror or exc}", exit_code=2) from None
    folders.describe(folders.previous, after)
    replaced = _swap(folders.previous, output)
    if replaced is not None and replaced != folders.previous:  # swapped by two renames, not exchanged
        folders.keep(replaced)


def _write_afresh(
    output: Path, folders: Folders, files: Iterable[tuple[str, Content]], drawn: Iterable[tuple[str, Content]]
) -> None:
    """Write the new site into a fresh folder and swap it in; the site it replaces is kept. Files ``drawn`` by
    processes that can write them themselves (``DrawnInto``) are told where."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
    except OSError as exc:
        raise Abort(f"cannot write beside {output}: {exc.strerror or exc}", exit_code=2) from None
    try:
        folders.forget(staging)  # a list left by a folder that had its inode
        made: Made = {}
        into = Into(staging, output, folders.made(output)) if output.is_dir() else Into(staging)
        if isinstance(drawn, DrawnInto):
            drawn.draw_into(into)
        write_files(into, files, made)
        folders.describe(staging, made)
        previous = _swap(staging, output)
    except OSError as exc:  # a full disk, say: the previous site stays as it was
        shutil.rmtree(staging, ignore_errors=True)
        raise Abort(f"cannot write {output}: {exc.strerror or exc}", exit_code=2) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if previous:
        try:
            folders.keep(previous)
        except OSError:  # it cannot be kept: then it is not needed
            shutil.rmtree(previous, ignore_errors=True)
