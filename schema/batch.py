"""Running one function over many files: in this process, or in a pool of forked ones when many.

Shared by validate and fmt. Results come back in the order of the input. The cyclic garbage
collector is paused while a batch runs: files are processed one at a time and freed by reference
counting, and the collector would only rescan the growing heap of results again and again.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

PARALLEL_THRESHOLD = 200
"""Below this many files, a process pool costs more than it saves."""

T = TypeVar("T")
Item = TypeVar("Item")
FileJob = Callable[[Path, str, Item], T]
"""`func(root, relpath, item)`: the item is the file's bytes, or what the caller read of it."""


def map_files(func: FileJob[Item, T], root: Path, todo: list[tuple[str, Item]], jobs: int | None = None) -> list[T]:
    """`func(root, relpath, raw)` for every file of `todo`, in order. `func` must be a module-level
    function (it is sent to the workers by name)."""
    workers = jobs or os.cpu_count() or 1
    with no_cyclic_gc():
        if workers <= 1 or len(todo) < PARALLEL_THRESHOLD or not _can_fork():
            return [func(root, relpath, raw) for relpath, raw in todo]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        count = workers * 4
        chunks = [todo[i::count] for i in range(count)]
        results: list[T | None] = [None] * len(todo)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for i, chunk_results in enumerate(pool.map(_run_chunk, [func] * count, [root] * count, chunks)):
                results[i::count] = chunk_results
        return results  # type: ignore[return-value]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


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
