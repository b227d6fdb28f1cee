"""Share the drawing of a large site among processes, one piece of work (such as a council) at a time.

The workers are forked once the site's view is made, so each starts with it, and the
template environment, already in memory: nothing of the model is pickled. Only each
piece's description goes to a worker and only its files come back, in the order the
pieces were given, so the site is the same whatever the number of workers.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

Shared = TypeVar("Shared")
Piece = TypeVar("Piece")
Result = TypeVar("Result")

_shared: Any = None  # in a worker: what the parent held when it forked it


def _adopt(shared: Any) -> None:
    global _shared
    _shared = shared


def _do(work: Callable[[Any, Piece], Result], piece: Piece) -> Result:
    return work(_shared, piece)


def cores() -> int:
    """Return how many processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Tell whether workers can start as copies of this process: Windows cannot, and macOS advises against it."""
    return sys.platform == "linux"


class Workers(Generic[Shared]):
    """Processes that each hold ``shared``, or this process alone when ``jobs`` is 1."""

    def __init__(self, jobs: int, shared: Shared) -> None:
        self.shared = shared
        # All workers are forked here, before the pool starts its threads: a fork copies only this thread.
        self._pool: Pool | None = None
        if jobs > 1:  # imported only then: a rebuild that makes one council's part does without it
            import multiprocessing

            self._pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_adopt, initargs=(shared,))
        self._waiting = 2 * jobs  # pieces handed out ahead: enough to keep every worker busy, few to hold in memory

    def map(self, work: Callable[[Shared, Piece], Result], pieces: Iterable[Piece]) -> Iterator[Result]:
        """Yield ``work(shared, piece)`` for each piece, in the pieces' order.

        ``work`` must be a function of a module (workers find it by name).
        """
        if self._pool is None:
            yield from (work(self.shared, piece) for piece in pieces)
            return
        pending: deque[AsyncResult[Result]] = deque()
        for piece in pieces:
            pending.append(self._pool.apply_async(_do, (work, piece)))
            if len(pending) >= self._waiting:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def __enter__(self) -> Workers[Shared]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.terminate()  # nothing is left to do, or the build failed: stop at once
            self._pool.join()
