"""The lock every daicho write takes: `fmt`, `import` and the terminal UI's saves.

The lock is an advisory one (flock) on the folder that holds the file — the repository's root or
`meetings/` —, so there is no lock file to leave behind after a kill, to follow as a link, or to
commit by mistake, and it is released by the system when its holder dies. Writers that do not take
it (an editor) are caught by `atomic.replace_file`'s checks instead.

While a writer holds the lock, every temporary file of that folder with daicho's name pattern is
its own or left by a writer that died: `atomic.clean_stale_temporaries` removes those.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the checks before the rename still hold
    fcntl = None  # type: ignore[assignment]


class LockTimeout(OSError):
    """Another daicho process kept the lock too long."""


@contextlib.contextmanager
def folder_lock(folder: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the write lock of `folder` (waiting up to `timeout` seconds for another writer)."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        _acquire(fd, folder, timeout)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, folder: Path, timeout: float) -> None:
    import time

    assert fcntl is not None
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout(f"another daicho process is writing in {folder}; try again") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
