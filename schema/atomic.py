"""Atomic file writes: a reader sees the old file or the new one, never half of one.

A temporary file is written in the same folder (so that the rename stays on one file system),
flushed and fsynced, renamed over the target with `os.replace`, and the folder is fsynced so
that the rename itself survives a crash. A file whose bytes would not change is not touched
at all: its modification time stays, and tools watching the folder see nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

__all__ = ["write_bytes_atomic", "write_text_atomic"]

_NEW_FILE_MODE = 0o666  # narrowed by the process umask, as for any new file


def write_text_atomic(path: Path, text: str) -> bool:
    """Write `text` as UTF-8 with LF line endings; False (and nothing written) when unchanged."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Replace the file at `path` with `data` atomically; False when it already holds `data`.

    The original file's permission bits are kept; a symbolic link is followed, so that the link
    stays and its target is rewritten. On error the temporary file is removed and the original
    file is left as it was.
    """
    target = Path(os.path.realpath(path))
    old_mode = _mode_of(target)
    if old_mode is not None and _same_bytes(target, data):
        return False
    folder = target.parent
    temp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 _NEW_FILE_MODE)
    try:
        try:
            if old_mode is not None:
                _chmod(fd, temp, old_mode)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)
    return True


def _mode_of(path: Path) -> int | None:
    """The permission bits of an existing regular file, None when there is no file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file; only regular files are rewritten", str(path))
    return stat.S_IMODE(info.st_mode)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _chmod(fd: int, path: Path, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # Windows
        os.chmod(path, mode)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; some platforms (Windows) cannot open a folder: skip there."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
