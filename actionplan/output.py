"""Write a complete site into place atomically, or not at all.

Pages are written into a fresh folder beside the output, which is then swapped in
with one rename. A build that fails or is killed leaves the previous site as it
was; a lock keeps two builds from writing to the same output at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import Abort

_RENAME_EXCHANGE = 2
_libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    renameat2 = getattr(_libc, "renameat2", None)
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
    output.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output.parent / f".{output.name}.lock"
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Abort(f"another build is writing to {output}; wait for it to finish and try again") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clear_leftovers(output: Path) -> None:
    """Remove folders left by builds that were killed half-way."""
    for stale in output.parent.glob(f".{output.name}.*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    made: set[Path] = set()
    for name in sorted(files):
        target = folder / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(files[name])


def publish(output: Path, files: dict[str, bytes]) -> None:
    """Replace ``output`` with exactly ``files``, atomically."""
    output = output.absolute()
    with output_lock(output):
        _clear_leftovers(output)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
        try:
            write_files(staging, files)
            staging.chmod(0o755)
            if output.exists() and not output.is_dir():
                raise Abort(f"{output} exists and is not a folder; move it out of the way")
            if output.is_dir() and _exchange(staging, output):
                shutil.rmtree(staging)  # now holds the previous site
                return
            if output.is_dir():
                old = staging.with_suffix(".old.tmp")
                output.rename(old)
                staging.rename(output)
                shutil.rmtree(old)
            else:
                staging.rename(output)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
