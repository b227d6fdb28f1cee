"""Read one content file safely: never out of the content folder, never more than 5 MB, never bytes that are not text.

Reading refuses what could hurt or confuse a build — links out of the content
folder, huge files, FIFOs, bytes that are not UTF-8 text — and reports it with a
position instead of raising.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from ..errors import Problem, Severity
from ..text import CONTROL
from .positions import position

MAX_FILE_BYTES = 5 * 1024 * 1024
_BINARY_SNIFF = 8000  # like git: a NUL byte this near the start means a binary file


def shown_path(path: Path) -> str:
    """Return the path as a person would type it from the current folder."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()


def _too_big(size: str) -> tuple[str, str]:
    return f"the file is {size}; the most a content file may be is 5 MB", "split it, or check it is the file you meant"


_OUTSIDE = "this is a link to a file outside the content folder", "copy the file into the content folder instead"
# A FIFO named plan.yaml must not hang the build; Windows has neither FIFOs nor O_NONBLOCK.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _opened_path(fd: int) -> Path | None:
    """Return the real path of the file open as ``fd``, where the system can tell."""
    try:
        return Path(os.readlink(f"/proc/self/fd/{fd}"))  # Linux
    except OSError:
        pass
    if sys.platform == "darwin":
        import fcntl

        return Path(os.fsdecode(fcntl.fcntl(fd, fcntl.F_GETPATH, bytes(1024)).rstrip(b"\0")))
    return None


def _opened_inside(fd: int, real: Path, top: Path) -> bool:
    """Tell whether the file open as ``fd`` is inside ``top``: a link swapped after the check must not count."""
    opened = _opened_path(fd)
    if opened is not None:
        return opened.is_relative_to(top)
    return os.path.samestat(os.fstat(fd), real.stat())  # elsewhere: the file opened is the one checked


def read_inside(path: Path, root: Path, top: Path | None = None) -> bytes | tuple[str, str]:
    """Return the bytes of a file that stays inside ``root``, or why it cannot be used (message, hint).

    Never reads more than 5 MB. The place is checked twice: before opening, to say what is wrong,
    and after, on the file actually opened, so that a link swapped in between is never followed out.
    """
    top, real = top or root.resolve(), path.resolve()
    if not real.is_relative_to(top):
        return _OUTSIDE
    try:
        with os.fdopen(os.open(real, _OPEN_FLAGS), "rb") as handle:
            if not _opened_inside(handle.fileno(), real, top):
                return _OUTSIDE
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return "this is not a regular file", "content files must be plain text files"
            if info.st_size > MAX_FILE_BYTES:  # refused before reading a byte
                return _too_big(f"{info.st_size / 1048576:.1f} MB")
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}", "check it exists and can be read"
    return data if len(data) <= MAX_FILE_BYTES else _too_big("more than 5 MB")  # it grew while we read


def read_text(
    path: Path, root: Path, problems: list[Problem], shown: str | None = None, top: Path | None = None
) -> str | None:
    """Return the file's text, or None after recording why it cannot be used (``shown``: its path as shown;
    ``top``: the content folder with every link followed, when the caller knows them already)."""
    shown = shown or shown_path(path)

    def refuse(message: str, hint: str, line: int = 1, col: int = 1) -> None:
        problems.append(Problem(shown, line, col, Severity.ERROR, message, hint))

    data = read_inside(path, root, top)
    if isinstance(data, tuple):
        refuse(*data)
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        refuse("the file is saved as UTF-16", "save the file as UTF-8 in your editor")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if b"\0" in data[:_BINARY_SNIFF]:
            refuse(
                "this is a binary file (an image or a document?), not YAML text",
                "content files must be text: remove it, or rename it so it does not end in .yaml",
            )
            return None
        good = data[: exc.start].decode("utf-8", "replace")
        refuse(
            f"byte 0x{data[exc.start]:02x} is not UTF-8 text",
            "save the file as UTF-8 in your editor",
            *position(good, len(good)),
        )
        return None
    if bad := CONTROL.search(text):
        what = "a NUL byte" if bad.group() == "\0" else f"control character U+{ord(bad.group()):04X}"
        refuse(
            f"the file contains {what}; is it a binary file?",
            "remove the character, or the file",
            *position(text, bad.start()),
        )
        return None
    return text
