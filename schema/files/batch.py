"""Running one function over many files: in this process, or in a pool of worker processes when many.

Shared by validate, fmt and export. Results come back in the order of the input. The cyclic garbage
collector is paused while a batch runs: files are processed one at a time and freed by reference
counting, and the collector would only rescan the growing heap of results again and again.

The pool's workers are forked on Linux: they start at once with everything the parent imported.
Elsewhere — Windows has no fork, and macOS's is unsafe once system libraries are loaded — they are
spawned (`start_method`, the capability probe): each starts a fresh interpreter and imports what it
needs, so a pool pays only for many more files (SPAWN_THRESHOLD), and what the parent prepared for
the job (the root files' records of an export) is handed to every worker by `setup`, run as the
worker starts (a forked worker has it already; it runs there too, to the same effect).

Workers never outlive their parent: on Linux the system kills them when it dies (PR_SET_PDEATHSIG),
and everywhere a thread in each worker exits it once its parent is gone (a killed CI job, say).
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

PARALLEL_THRESHOLD = 200
"""Below this many files, a pool of forked processes costs more than it saves."""
SPAWN_THRESHOLD = 2000
"""The same for spawned processes, each of which imports the checking code afresh: two of them took
about a second more than two forked ones on a 2-CPU Linux machine, where a file is checked in about
a millisecond, so below some 2,000 files they save nothing."""

T = TypeVar("T")
Item = TypeVar("Item")
FileJob = Callable[[Path, str, Item], T]
"""`func(root, relpath, item)`: the item is the file's bytes, or what the caller read of it."""
Setup = tuple[Callable[..., None], tuple[Any, ...]]
"""`(function, arguments)` run in every worker as it starts (module-level, sent by name)."""


def start_method() -> Literal["fork", "spawn"]:
    """How the pool's workers start on this system (see the module's docstring)."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def map_files(func: FileJob[Item, T], root: Path, todo: list[tuple[str, Item]], jobs: int | None = None,
              setup: Setup | None = None) -> list[T]:
    """`func(root, relpath, raw)` for every file of `todo`, in order. `func` must be a module-level
    function (it is sent to the workers by name), as must `setup`'s."""
    workers = jobs or os.cpu_count() or 1
    method = start_method()
    with no_cyclic_gc():
        if workers <= 1 or len(todo) < (PARALLEL_THRESHOLD if method == "fork" else SPAWN_THRESHOLD):
            return [func(root, relpath, raw) for relpath, raw in todo]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        count = workers * 4
        chunks = [todo[i::count] for i in range(count)]
        results: list[T | None] = [None] * len(todo)
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=start_worker,
                                 initargs=(os.getpid(), setup)) as pool:
            for i, chunk_results in enumerate(pool.map(_run_chunk, [func] * count, [root] * count, chunks)):
                results[i::count] = chunk_results
        return results  # type: ignore[return-value]


def start_worker(parent: int, setup: Setup | None = None) -> None:
    """In a worker, as it starts: exit with the parent; run the job's `setup`."""
    die_with_parent(parent)
    if setup is not None:
        function, arguments = setup
        function(*arguments)


PARENT_POLL = 0.5
"""Seconds between a worker's checks that its parent is alive."""


def die_with_parent(parent: int) -> None:
    """In a worker: exit when the process `parent` dies."""
    if sys.platform.startswith("linux"):
        _death_signal(signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="daicho-parent-watch", daemon=True).start()


def _death_signal(signum: int) -> None:
    """Ask Linux to send `signum` to this process when its parent dies."""
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):  # else the watching thread does it
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signum, 0, 0, 0)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _run_chunk(func: FileJob[Item, T], root: Path, chunk: list[tuple[str, Item]]) -> list[T]:
    with no_cyclic_gc():
        return [func(root, relpath, raw) for relpath, raw in chunk]


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
