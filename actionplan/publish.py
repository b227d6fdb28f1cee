"""Write a complete site into place atomically, or not at all.

Pages are written into a fresh folder beside the output, which is then swapped in
with one rename. A build that fails or is killed leaves the previous site as it
was; a lock keeps two builds from writing to the same output at once (the second
stops with exit code 2). Since the output folder is replaced entirely, only a new
or empty folder, or a site that actionplan wrote (it holds a marker file), is replaced.

A file whose bytes the previous site already holds is not written again: the fresh folder gets a hard link
to the previous site's file, which is never opened for writing, so the previous site stays as it was until
the swap. Writing less, and deleting a previous site whose files live on in the new one, is most of what a
rebuild after a small edit spends on publishing.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import itertools
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .addresses import SITE_MARKER
from .errors import Abort

_RENAME_EXCHANGE = 2
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
PAGE_MODE, FOLDER_MODE = 0o644, 0o755  # a web server that runs as another user must read the site


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    if sys.platform != "linux":
        return False
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


def _holds(previous: Path, data: bytes, device: int) -> bool:
    """Tell whether ``previous`` is a plain file of the site on the same device with exactly ``data``, mode 0644."""
    try:
        if not _NO_FOLLOW and previous.is_symlink():  # Windows: no flag that refuses a link while opening
            return False
        handle = os.open(previous, os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode) or found.st_dev != device or stat.S_IMODE(found.st_mode) != PAGE_MODE:
            return False
        with open(handle, "rb", closefd=False) as file:
            return found.st_size == len(data) and file.read() == data
    finally:
        os.close(handle)


def write_files(folder: Path, files: Iterable[tuple[str, bytes]], previous: Path | None = None) -> None:
    """Write each file under ``folder`` as it comes, so that a site is never held whole in memory;
    readable by a web server whatever the umask (pages 0644, folders 0755). A file that the ``previous``
    site holds with the same bytes is linked to, not written."""
    made: set[Path] = {folder}
    device = folder.stat().st_dev
    for name, data in files:
        target = folder / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.update(p for p in target.parents if p.is_relative_to(folder))
        if previous is not None and _holds(previous / name, data, device):
            try:
                os.link(previous / name, target, follow_symlinks=False)
                continue
            except (OSError, NotImplementedError):  # no hard links here (some shared drives): write it
                pass
        target.write_bytes(data)
        target.chmod(PAGE_MODE)
    for made_folder in made:
        made_folder.chmod(FOLDER_MODE)


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


def publish(output: Path, files: Iterable[tuple[str, bytes]]) -> os.stat_result:
    """Replace ``output`` with exactly ``files``, atomically: the previous site stays until the last is written.

    Return the new site folder's status as it was in place under the lock, which tells it from any later one.
    """
    output = output.resolve()  # a link to the web root is kept; the folder it points to is replaced
    _refuse_unsafe(output)
    with output_lock(output):
        _clear_leftovers(output)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
        except OSError as exc:
            raise Abort(f"cannot write beside {output}: {exc.strerror or exc}", exit_code=2) from None
        try:
            reused = output if output.is_dir() else None
            write_files(staging, itertools.chain(files, [(SITE_MARKER, _MARKER_TEXT)]), reused)
            previous = _swap(staging, output)
        except OSError as exc:  # a full disk, say: the previous site stays as it was
            shutil.rmtree(staging, ignore_errors=True)
            raise Abort(f"cannot write {output}: {exc.strerror or exc}", exit_code=2) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        published = os.stat(output)
        if previous:
            shutil.rmtree(previous, ignore_errors=True)  # whatever is left, the next build clears
    return published
