"""Notice changes to the files a build reads, once per burst of saves.

The system's file events (through watchfiles) wake the watcher, so an idle preview
uses no CPU; where there are none it polls. Either way a snapshot of (modified
time, size, inode) decides whether anything changed, whether or not a browser is
connected; editors that save several files, or a
``git pull``, give one rebuild because a burst ends only after a quiet period.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from ..sources.reading import shown_path

POLL_SECONDS = 0.05  # how often the watcher looks at the files
QUIET_SECONDS = 0.05  # a burst of saves has ended once nothing changed for this long (watchfiles' own default)
SAFETY_SECONDS = 2.0  # with file events, still look this often, in case one was missed
_SCRATCH = ("~", ".swp", ".swx", ".swo", ".tmp")  # editors' temporary files, which no build reads
_SKIPPED_FOLDERS = {".git", "__pycache__"}
Snapshot = dict[str, tuple[int, int, int]]


def _is_scratch(name: str) -> bool:
    return name.endswith(_SCRATCH) or name == "4913"  # vim's test of whether it may write


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
                if _is_scratch(name):
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


def _poll(roots: Sequence[Path], seen: Snapshot, rebuild: Callable[[str], object], stop: threading.Event) -> None:
    """Look at the files every POLL_SECONDS; rebuild once a burst of changes has ended."""
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


def watch(roots: Sequence[Path], seen: Snapshot, rebuild: Callable[[str], object], stop: threading.Event) -> None:
    """Call ``rebuild`` once after each burst of changes under ``roots``, until ``stop`` is set.

    The system's file events wake the watcher (through watchfiles), so an idle preview uses no CPU; where
    they are not to be had, it polls. Either way a snapshot decides whether anything a build reads changed.
    """
    try:
        import watchfiles
    except ImportError:  # pragma: no cover - watchfiles is a dependency; polling still works without it
        return _poll(roots, seen, rebuild, stop)
    seen = _rebuild_if_changed(roots, seen, rebuild)  # saves made before the watcher started
    try:
        for _ in watchfiles.watch(
            *roots,
            watch_filter=lambda _change, path: not _is_scratch(os.path.basename(path)),
            step=int(QUIET_SECONDS * 1000),  # a burst ends after this long without events
            stop_event=stop,
            rust_timeout=int(SAFETY_SECONDS * 1000),
            yield_on_timeout=True,  # look now and then anyway, in case an event was missed (a network drive)
            raise_interrupt=False,
        ):
            seen = _rebuild_if_changed(roots, seen, rebuild)
    except Exception:  # no events here (too many files for inotify, a name that is not UTF-8): poll instead
        _poll(roots, seen, rebuild, stop)
    return None


def _rebuild_if_changed(roots: Sequence[Path], seen: Snapshot, rebuild: Callable[[str], object]) -> Snapshot:
    """Rebuild when what a build reads differs from ``seen``; return what it is now."""
    try:
        current = take_snapshot(roots)
        if current != seen:
            rebuild(what_changed(seen, current))
        return current
    except Exception:  # keep watching whatever happens: the preview must outlive every error
        traceback.print_exc()
        return seen
