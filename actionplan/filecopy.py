"""Copy part of one file to the end of another by the system (Linux's copy_file_range), without reading it into
memory: the site's data files are joined this way from every plan's rows (``exports/site_rows.py``)."""

from __future__ import annotations

import os


def copy_range(source: int, target: int, offset: int, size: int) -> None:
    """Write ``size`` bytes of the open file ``source``, from ``offset``, to the open file ``target`` where it is;
    where the system cannot copy between the two, the bytes are read and written. Raises OSError if ``source``
    ends early."""
    copied = 0
    system_copy = getattr(os, "copy_file_range", None)  # Linux
    try:
        while system_copy is not None and copied < size:
            done = system_copy(source, target, size - copied, offset + copied)
            if not done:
                break
            copied += done
    except OSError:  # not between these file systems: read and write the rest
        pass
    while copied < size:
        data = _read_at(source, min(size - copied, 1 << 20), offset + copied)
        if not data:
            raise OSError(f"a file ended {size - copied} bytes early")
        write_all(target, data)
        copied += len(data)


def _read_at(source: int, size: int, offset: int) -> bytes:
    """Read up to ``size`` bytes of ``source`` from ``offset`` (Windows has no ``pread``: there, by seeking)."""
    if hasattr(os, "pread"):
        return os.pread(source, size, offset)
    os.lseek(source, offset, os.SEEK_SET)
    return os.read(source, size)


def write_all(target: int, data: bytes) -> None:
    """Write all of ``data`` to the open file ``target`` (one write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(target, view) :]
