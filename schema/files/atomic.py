"""Atomic file writes that never drop an edit: a reader sees the old file or the new one, never half
of one, and a change made to the file by someone else while daicho wrote is never replaced.

A temporary file is written in the same folder (so that the rename stays on one file system),
flushed and fsynced, renamed over the target, and the folder is fsynced so that the rename itself
survives a crash. A file whose bytes would not change is not touched at all: its modification time
stays, and tools watching the folder see nothing.

`replace_file` does it under the folder's write lock (`schema.files.lock`, shared by fmt, import and the
UI's saves) and checks, right before the rename, that the file is still the one it read: same
inode, size and times, and — when the caller says which bytes its new text was made from — those
bytes. On Linux the rename is an exchange (renameat2 RENAME_EXCHANGE), so that what was replaced is
looked at once more and given back when an edit slipped in. Where there is no exchange (chosen at
run time: `_renameat2` is the probe) the file's bytes are read once more by its name right before an
`os.replace`, and the old file is closed first (Windows cannot rename over an open file): only an
edit landing in the instant between that look and the rename goes unseen. Otherwise the caller
hears `FileChanged`, never success.

The file's owner and permission bits are kept (the owner where the system allows). A read-only file
and a file with more than one hard link are refused (`WriteRefused`): rewriting the first would
override its protection, and renaming over the second would leave its other names with the old text.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import secrets
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from schema.files.lock import folder_lock

__all__ = ["FileChanged", "WriteRefused", "clean_stale_temporaries", "exchange", "fsync_file", "fsync_folder",
           "publish_bytes", "replace_file", "staged", "temp_name", "temp_owner", "write_bytes_atomic", "write_fd",
           "write_text_atomic"]

_NEW_FILE_MODE = 0o666  # narrowed by the process umask, as for any new file
_TEMP = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{8}\.tmp")
"""The name of daicho's temporary files: `.NAME.XXXXXXXX.tmp` beside NAME."""


class FileChanged(Exception):
    """The file changed after it was read: nothing was written over the change."""


class WriteRefused(OSError):
    """A file that daicho does not rewrite (read-only, hard-linked, not a regular file)."""


def temp_name(name: str) -> str:
    return f".{name}.{secrets.token_hex(4)}.tmp"


def temp_owner(name: str) -> str | None:
    """The name of the file a temporary file of daicho's was for, None when `name` is not one."""
    match = _TEMP.fullmatch(name)
    return match.group("name") if match else None


def write_text_atomic(path: Path, text: str, expected: bytes | None = None) -> bool:
    """Write `text` as UTF-8 with LF line endings; False (and nothing written) when unchanged."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return replace_file(path, text.encode("utf-8"), expected)


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Replace the file at `path` with `data` atomically; False when it already holds `data`."""
    return replace_file(path, data)


def replace_file(path: Path, data: bytes, expected: bytes | None = None, *, new: bool = False,
                 sync_folder: bool = True) -> bool:
    """Replace the file at `path` with `data`; False when it already holds `data` (nothing written).

    `expected`: the bytes `data` was made from. When given, the file must still hold them, else
    `FileChanged` (or, when the file holds `data` already — another writer did the same —, False).
    `new`: the file must not exist yet (a record created in the UI), else `FileChanged`.
    `sync_folder`: the folder is synced (the rename made durable) before this returns; a caller
    that writes many files under a journal syncs each folder once at the end instead.
    A symbolic link is followed, so that the link stays and its target is rewritten. On any error
    the temporary file is removed and the file is left as it was.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    with folder_lock(folder):
        old = _OldFile(_open_existing(target))
        try:
            if new and (old.fd is not None or os.path.lexists(target)):
                raise FileChanged(f"{target.name} exists already")
            return _replace(target, data, expected, old, sync_folder)
        finally:
            old.close()


class _OldFile:
    """The file being replaced, open from the first look until the rename (or closed before it,
    where the system cannot rename over an open file)."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _replace(target: Path, data: bytes, expected: bytes | None, old: _OldFile, sync_folder: bool) -> bool:
    folder = target.parent
    old_fd = old.fd
    info = os.fstat(old_fd) if old_fd is not None else None
    current = b""
    if info is not None and old_fd is not None:
        if not stat.S_ISREG(info.st_mode):
            raise WriteRefused(errno.EINVAL, "not a regular file; only regular files are rewritten", str(target))
        current = read_up_to(old_fd, max(len(data), len(expected or b"")) + 1)
        if current == data:
            return False
        if expected is not None and current != expected:
            raise FileChanged(f"{target.name} changed after it was read")
        _check_writable(target, info)
    elif expected is not None:
        raise FileChanged(f"{target.name} was removed after it was read")
    temp = folder / temp_name(target.name)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), _NEW_FILE_MODE)
    try:
        try:
            if info is not None:
                _keep_owner_and_mode(fd, temp, info)
            write_fd(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        _recheck(target, old_fd, info)  # right before the rename
        _rename(temp, target, old, info, current)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if sync_folder:
        fsync_folder(folder)
    return True


def _open_existing(target: Path) -> int | None:
    try:
        # O_NONBLOCK: opening a named pipe does not wait for a writer (it is refused below).
        return os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None


def read_up_to(fd: int, limit: int) -> bytes:
    """Up to `limit` bytes from the start of the file, read in pieces of at most 1 MiB (a caller
    asks for one byte more than it accepts, to tell a file that is larger)."""
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _check_writable(target: Path, info: os.stat_result) -> None:
    mode = stat.S_IMODE(info.st_mode)
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise WriteRefused(errno.EACCES, f"{target.name} is read-only (mode {mode:04o}); not rewritten "
                           "(make it writable to change it)", str(target))
    if info.st_nlink > 1:
        raise WriteRefused(errno.EMLINK, f"{target.name} has {info.st_nlink} hard links; rewriting it would leave "
                           "the other names with the old text, so it is not rewritten (make it a file of its "
                           "own: cp it aside and move the copy over it)", str(target))


def _keep_owner_and_mode(fd: int, temp: Path, info: os.stat_result) -> None:
    if hasattr(os, "fchown"):
        with contextlib.suppress(OSError):  # only root may give a file away: where not, we own it
            os.fchown(fd, info.st_uid, info.st_gid)
    mode = stat.S_IMODE(info.st_mode)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # Windows
        os.chmod(temp, mode)


def _same(info: os.stat_result, now: os.stat_result, renamed: bool = False) -> bool:
    """The same file, unchanged: inode, size and modification time (and the change time, which a
    rename moves too, when it has not been renamed since)."""
    same = (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns) == (
        now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns)
    return same and (renamed or info.st_ctime_ns == now.st_ctime_ns)


def _recheck(target: Path, old_fd: int | None, info: os.stat_result | None) -> None:
    """The file at `target` is still the one read: the same inode, unchanged since."""
    try:
        now = os.stat(target)
    except FileNotFoundError:
        now = None
    if info is None or old_fd is None:
        if now is not None:
            raise FileChanged(f"{target.name} was made by someone else while it was written")
        return
    if now is None or not _same(info, now) or not _same(info, os.fstat(old_fd)):
        raise FileChanged(f"{target.name} changed while it was written")


def _rename(temp: Path, target: Path, old: _OldFile, info: os.stat_result | None, current: bytes) -> None:
    """Put `temp` in the place of `target`, and make sure no edit was replaced on the way."""
    old_fd = old.fd
    if info is None or old_fd is None:
        os.replace(temp, target)
        return
    if _exchange(temp, target):
        # `temp` now names what was at `target` an instant ago: it must be the file read, unchanged.
        replaced = os.stat(temp)
        if _same(info, replaced, renamed=True) and _same(info, os.fstat(old_fd), renamed=True):
            os.unlink(temp)
            return
        _exchange(temp, target)  # give it back; the caller removes `temp` (our text)
        raise FileChanged(f"{target.name} changed while it was written")
    # No exchange (not Linux, or a file system without it): the file's bytes are read once more by
    # its name and compared with those first read, the old file is let go of (Windows cannot
    # rename over an open file), and the new one renamed over it. An edit landing between that
    # look and the rename — an instant — is the one this cannot see.
    if _read_by_name(target, len(current)) != current or not _same(info, os.stat(target)):
        raise FileChanged(f"{target.name} changed while it was written")
    old.close()
    os.replace(temp, target)


def _read_by_name(target: Path, size: int) -> bytes:
    """Up to `size` + 1 bytes of the file at `target`, opened afresh."""
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        return read_up_to(fd, size + 1)
    finally:
        os.close(fd)


def exchange(first: Path, second: Path) -> bool:
    """Swap two names (files or folders) atomically; False where the system cannot (then nothing
    was done). Linux's renameat2 RENAME_EXCHANGE; see `_renameat2`, the capability probe."""
    return _exchange(first, second)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names atomically (Linux renameat2 RENAME_EXCHANGE); False where not supported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    import ctypes

    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # an old kernel, or a file system without exchange
    raise OSError(code, os.strerror(code), str(second))


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's renameat2 (2.28 and later), None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


@contextlib.contextmanager
def staged(folder: Path, name: str) -> Iterator[Path]:
    """For what daicho publishes (`export`, `render --output`): yields a new temporary file in
    `folder` to write; when the block ends without an error, the file is fsynced and renamed to
    `folder/name` — a file or a link already there is replaced, never written through, so nothing
    lands outside `folder` —; on an error it is removed. `name` is a plain file name."""
    if not name or name in (".", "..") or Path(name).name != name:
        raise ValueError(f"not a plain file name: {name!r}")
    temp = folder / temp_name(name)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), _NEW_FILE_MODE)
    os.close(fd)
    try:
        yield temp
        fsync_file(temp)
        os.replace(temp, folder / name)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(folder)


def publish_bytes(folder: Path, name: str, data: bytes) -> None:
    """Write `data` to `folder/name` through `staged`."""
    with staged(folder, name) as temp:
        temp.write_bytes(data)


def clean_stale_temporaries(folder: Path) -> list[str]:
    """Remove daicho's temporary files left in `folder` by a writer that was killed; their names.

    Taken under the folder's write lock, so no living writer is using one: each writer holds the
    lock from making its temporary file until it is renamed or removed."""
    removed = []
    with folder_lock(folder), os.scandir(folder) as entries:
        for entry in entries:
            if temp_owner(entry.name) is not None and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed.append(entry.name)
    return sorted(removed)


def fsync_file(path: Path) -> None:
    """Sync a file written by its path (opened to write, not following a link: Windows syncs only a
    file it may write)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_fd(fd: int, data: bytes) -> None:
    """All of `data` into `fd` (a write may take part of it: a pipe, a signal)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_folder(folder: Path) -> None:
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
