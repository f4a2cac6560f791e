"""Share independent work between the machine's cores by forking.

A forked child inherits the whole catalogue, so only the results cross the process boundary
(pickled through a pipe). Rendering 10,000 practice pages is such work: every page depends on
the catalogue and on nothing another page does.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items a fork costs more than it saves.
MINIMUM_SHARE = 1000


def _can_fork() -> bool:
    # Forking a process that runs other threads (such as `praktijkbank serve`'s web server) can
    # leave the child waiting forever on a lock one of those threads held.
    return hasattr(os, "fork") and threading.active_count() == 1


def _workers(count: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, count // MINIMUM_SHARE))


class ShareFailed(RuntimeError):
    """A forked child died or sent back something that cannot be read."""


def _portable(error: BaseException) -> BaseException:
    """The exception itself if it survives pickling, else a RuntimeError that names it."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")


def _child(function: Callable[[Item], Result], share: Sequence[Item], write_end: int) -> None:
    """Compute a share and send it (or the exception it raised) to the parent; never return."""
    try:
        try:
            outcome = (True, [function(item) for item in share])
        except BaseException as error:  # handed to the parent, which raises it
            outcome = (False, _portable(error))
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)  # no atexit handlers, no flushing of buffers the parent still owns


def _collect(pid: int, read_end: int) -> tuple[bool, object]:
    """Read one child's outcome and reap the child."""
    try:
        with os.fdopen(read_end, "rb") as pipe:
            outcome = pickle.load(pipe)
    except (EOFError, pickle.UnpicklingError) as error:
        outcome = (False, ShareFailed(f"een deelproces gaf geen resultaat ({error})"))
    finally:
        _pid, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return False, ShareFailed(f"een deelproces stopte met code {os.waitstatus_to_exitcode(status)}")
    return outcome


def mapped(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """`[function(item) for item in items]`, in order, computed by one process per core."""
    workers = _workers(len(items)) if _can_fork() else 1
    if workers == 1:
        return [function(item) for item in items]
    # Every worker takes every n-th item, so slow items that sit together (a catalogue's theme
    # pages, say) are spread over the workers instead of landing on one.
    shares = [items[start::workers] for start in range(workers)]
    children: list[tuple[int, int]] = []
    try:
        for share in shares[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                for _pid, earlier in children:
                    os.close(earlier)
                os.close(read_end)
                _child(function, share, write_end)
            os.close(write_end)
            children.append((pid, read_end))
        results = [function(item) for item in shares[0]]
    except BaseException:
        for pid, read_end in children:
            os.close(read_end)
            os.waitpid(pid, 0)
        raise
    failure = None
    shared = [results]
    for pid, read_end in children:
        ok, payload = _collect(pid, read_end)
        if ok:
            shared.append(payload)
        else:
            failure = failure or payload
    if failure is not None:
        raise failure
    ordered: list = [None] * len(items)
    for start, share in enumerate(shared):
        ordered[start::workers] = share
    return ordered
