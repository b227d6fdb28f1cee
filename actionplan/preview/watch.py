"""Notice changes to the files a build reads, once per burst of saves.

Polling a snapshot of (modified time, size, inode) works the same on every system
and whether or not a browser is connected; editors that save several files, or a
``git pull``, give one rebuild because a burst ends only after a quiet period.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from ..sources.files import shown_path

POLL_SECONDS = 0.05  # how often the watcher looks at the files
QUIET_SECONDS = 0.1  # a burst of saves has ended once nothing changed for this long
_SCRATCH = ("~", ".swp", ".swx", ".swo", ".tmp")  # editors' temporary files, which no build reads
_SKIPPED_FOLDERS = {".git", "__pycache__"}
Snapshot = dict[str, tuple[int, int, int]]


def take_snapshot(roots: Sequence[Path]) -> Snapshot:
    """Return (modified time, size, inode) of every file under ``roots`` that a build could read.

    Folders are listed by inode alone: a new, removed or renamed folder (even an empty one, whose
    name alone can be a mistake) is a change, and an editor's scratch file inside one is not.
    """
    found: Snapshot = {}
    for root in roots:
        for folder, folders, names in os.walk(root):
            folders[:] = [f for f in folders if f not in _SKIPPED_FOLDERS]
            try:
                found[folder] = (0, 0, os.stat(folder).st_ino)
            except OSError:  # gone while we looked; the next look sees that
                pass
            for name in names:
                if name.endswith(_SCRATCH) or name == "4913":  # vim's test of whether it may write
                    continue
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:  # gone while we looked; the next look sees that
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


def what_changed(before: Snapshot, after: Snapshot) -> str:
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    if len(changed) == 1:
        return f" ({shown_path(Path(changed[0]))} changed)"
    return f" ({len(changed)} files changed)"


def watch(roots: Sequence[Path], seen: Snapshot, rebuild: Callable[[str], object], stop: threading.Event) -> None:
    """Call ``rebuild`` once after each burst of changes under ``roots``, until ``stop`` is set."""
    latest, changed_at = seen, None
    while not stop.wait(POLL_SECONDS):
        try:
            now, current = time.monotonic(), take_snapshot(roots)
            if current != latest:
                latest, changed_at = current, now
            elif changed_at is not None and now - changed_at >= QUIET_SECONDS:
                changed_at = None
                if latest != seen:
                    rebuild(what_changed(seen, latest))
                    seen = latest
        except Exception:  # keep watching whatever happens: the preview must outlive every error
            traceback.print_exc()
