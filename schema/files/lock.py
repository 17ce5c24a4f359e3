"""The lock every daicho write takes: `fmt`, `import`, the terminal UI's saves and the recovery of an
interrupted save (`schema.files.journal`).

The lock belongs to a folder — the repository's root or `meetings/` —: a writer of a file holds
the lock of the file's folder, and a save of several files holds the root's lock (the repository's
lock) from its journal's first byte to its removal; the root's lock is taken before `meetings/`'s,
never after, so two writers never wait for each other. A thread that holds a folder's lock may take
it again (a save holding the root's lock writes `advisors.toml`, whose folder is the root).

How a lock is held is chosen at run time (`backend`):

- `flock` (Linux, macOS, the BSDs): an advisory lock on the folder itself, so there is no lock file
  to leave behind after a kill, to follow as a link, or to commit by mistake, and the system
  releases it when its holder dies;
- `lockfile` (Windows, where a folder cannot be opened to be locked): a lock on a file of the user's
  cache folder (`~/.cache/daicho/locks/`, one per folder locked, named by a digest of its path),
  through `msvcrt.locking` (through `flock` when a test forces this backend elsewhere); the system
  releases it when its holder dies too. Without a cache folder to keep it in, writers rely on
  `atomic.replace_file`'s checks alone.

Writers that do not take the lock (an editor) are caught by `atomic.replace_file`'s checks instead.
While a writer holds the lock, every temporary file of that folder with daicho's name pattern is
its own or left by a writer that died: `atomic.clean_stale_temporaries` removes those.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from schema.files.userdirs import user_cache_folder

__all__ = ["LockTimeout", "backend", "folder_lock"]

Backend = Literal["flock", "lockfile"]


class LockTimeout(OSError):
    """Another daicho process kept the lock too long."""


@functools.cache
def backend() -> Backend:
    """How locks are held on this system (the capability probe; see the module's docstring)."""
    return "lockfile" if sys.platform == "win32" else "flock"


_registry = threading.Lock()
_held: dict[tuple[int, int], tuple[int, int]] = {}
"""The folders whose lock this process holds: (device, inode) → (thread, depth)."""
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_held.clear)  # a forked child holds none of its parent's locks


@contextlib.contextmanager
def folder_lock(folder: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the write lock of `folder`, waiting up to `timeout` seconds for another writer (0: try
    once). The thread that holds it may take it again."""
    info = os.stat(folder)
    identity = (info.st_dev, info.st_ino)
    me = threading.get_ident()
    with _registry:
        owner, depth = _held.get(identity, (None, 0))
        if owner == me:
            _held[identity] = (me, depth + 1)
    if owner == me:
        try:
            yield
        finally:
            with _registry:
                _held[identity] = (me, depth)
        return
    release = _acquire(folder, timeout)
    with _registry:
        _held[identity] = (me, 1)
    try:
        yield
    finally:
        with _registry:
            del _held[identity]
        release()


def _acquire(folder: Path, timeout: float) -> Callable[[], None]:
    """Take the lock (by this system's backend); the function that releases it."""
    if backend() == "flock":
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    else:
        path = _lock_file(folder)
        if path is None:
            return lambda: None  # nowhere to keep a lock file: the checks before the rename still hold
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        _wait(fd, folder, timeout)
    except BaseException:
        os.close(fd)
        raise

    def release() -> None:
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    return release


def _wait(fd: int, folder: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.005
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            raise LockTimeout(f"another daicho process is writing in {folder}; try again")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _try_lock(fd: int) -> bool:
    """Lock the folder (flock) or the first byte of its lock file (msvcrt on Windows), or False."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _lock_file(folder: Path) -> Path | None:
    """The lock file of `folder` in the user's cache folder (made when missing); None when there
    is no such folder to keep it in."""
    where = user_cache_folder() / "locks"
    name = os.path.normcase(os.path.realpath(folder))
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return where / f"{hashlib.blake2b(name.encode('utf-8', 'surrogateescape'), digest_size=16).hexdigest()}.lock"
