"""What a command publishes at a path the user named (`render --output FILE`, `export --output DIR`):
written so that a reader never sees half of it, and so that nothing but what was named is touched.

A file output (`write_output`) is

- streamed into a named pipe or a character device (`/dev/null`, a terminal, `/dev/fd/N`, bash's
  `>(cmd)`), opened for writing as a shell redirection would, never replaced;
- streamed into this process's own standard output or error when the path names it (`/dev/stdout`
  with the output sent to a file);
- otherwise a regular file, replaced atomically (`atomic.staged`: a new file in the same folder,
  synced, renamed over the name; a link at the name is replaced, never written through), or made;
- anything else — a folder, a socket, a block device — is refused (`OutputRefused`), untouched.

A folder output (`publish_folder`) is built whole in a new folder beside it, then put in its place in
one step, so the folder holds the old set or the new one, never a mix: on Linux the two folders'
names are exchanged atomically (renameat2 RENAME_EXCHANGE) and the old set removed; where there is no
exchange (other systems, some file systems) the old folder is renamed aside and the new one renamed
into place — two renames, between which the folder is missing for an instant, never mixed. A folder
of daicho's (its files named as the output's, or left by an interrupted run) is replaced as a whole;
a folder that holds anything else (a file the set does not have, a link, a sub-folder) is refused,
untouched, so that nothing of the user's is ever removed with the old set. A build that fails (a full
disk) removes what it made and leaves the old set as it was; builds left by a killed run are removed
by the next one (each build holds its folder's lock while it runs, so a running one is never taken).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable, Collection
from pathlib import Path

from schema.files.atomic import exchange, fsync_folder, staged, temp_name, temp_owner, write_fd
from schema.files.lock import LockTimeout, folder_lock

__all__ = ["OutputRefused", "publish_folder", "write_output"]


class OutputRefused(OSError):
    """An output path that is not written: a kind of file that is neither replaced nor streamed
    into, or a folder that holds what is not the output's. Its text is the reason alone."""

    def __str__(self) -> str:
        return str(self.strerror)


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISSOCK, "a socket"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISLNK, "a link"))
TAKES = "--output takes a file, a named pipe or a character device"


def _kind(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def write_output(path: Path, data: bytes) -> None:
    """Write `data` at `path` (see the module's docstring): streamed, replaced or refused."""
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None  # nothing there (or a link to nothing): made
    if info is not None and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        _stream(path, data)
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputRefused(errno.EINVAL, f"it is {_kind(info.st_mode)}; {TAKES}", str(path))
    own = _own_stream(info)
    if own is not None:
        write_fd(own, data)
        return
    with staged(path.parent if str(path.parent) else Path("."), path.name) as temp:
        temp.write_bytes(data)


def _stream(path: Path, data: bytes) -> None:
    """Write into a pipe or a device as a shell's `>` would (waiting for a pipe's reader)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):  # replaced since it was looked at
            raise OutputRefused(errno.EINVAL, f"it changed into {_kind(mode)} while it was opened", str(path))
        write_fd(fd, data)
    finally:
        os.close(fd)


def _own_stream(info: os.stat_result | None) -> int | None:
    """Our standard output or error, when `info` is the file it writes into."""
    if info is None:
        return None
    for stream in (sys.stdout, sys.stderr):
        try:
            fd = stream.fileno()
            mine = os.fstat(fd)
        except (AttributeError, OSError, ValueError):
            continue
        if (mine.st_dev, mine.st_ino) == (info.st_dev, info.st_ino):
            stream.flush()
            return fd
    return None


# -- a folder of files, in one step ---------------------------------------------------------------


def publish_folder(folder: Path, names: Collection[str], build: Callable[[Path], object]) -> None:
    """Make the set of files `names` at `folder`: `build(new)` writes them into a new, empty folder
    `new` beside it; then `new` takes `folder`'s place in one step (see the module's docstring).
    `OutputRefused` when `folder` holds anything but such files; any error of `build` (an
    `OSError`, or its own) leaves `folder` as it was."""
    target = Path(os.path.realpath(folder))  # a link to the folder stays, and names the new set
    old = _existing(target, folder)
    if old is not None:
        _check_own(target, folder, names)
    parent = target.parent
    new = parent / temp_name(target.name)
    os.mkdir(new, 0o777)
    try:
        with folder_lock(new):
            if old is not None:
                _keep_mode(new, old)
            build(new)
            fsync_folder(new)
            with folder_lock(parent):
                _remove_left_behind(parent, target.name, names, keep=new)
                if old is not None:
                    _check_own(target, folder, names)
                _swap(new, target, old is not None, names)
    except BaseException:
        _remove_folder(new, names)
        raise
    fsync_folder(parent)


def _existing(target: Path, shown: Path) -> os.stat_result | None:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        raise OutputRefused(errno.ENOTDIR, f"it is {_kind(info.st_mode)}; give --output a folder", str(shown))
    return info


def _check_own(target: Path, shown: Path, names: Collection[str]) -> None:
    """Refuse a folder holding anything but regular files of the set (and daicho's temporary files)."""
    with os.scandir(target) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if not _ours(entry.name, names):
                raise OutputRefused(errno.ENOTEMPTY, f"it holds {entry.name}, which is not one of the output's "
                                    "files; the folder is replaced as a whole, so give --output a folder of its "
                                    "own (or one that does not exist)", str(shown))
            if not entry.is_file(follow_symlinks=False):
                kind = _kind(entry.stat(follow_symlinks=False).st_mode)
                raise OutputRefused(errno.EISDIR, f"it holds {entry.name}, which is {kind} where a file is "
                                    "written; remove it, or give --output another folder", str(shown))


def _ours(name: str, names: Collection[str]) -> bool:
    return name in names or temp_owner(name) in names


def _keep_mode(new: Path, old: os.stat_result) -> None:
    with contextlib.suppress(OSError):
        os.chmod(new, stat.S_IMODE(old.st_mode))
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):  # only root may give a folder away
            os.chown(new, old.st_uid, old.st_gid)


def _swap(new: Path, target: Path, replacing: bool, names: Collection[str]) -> None:
    """Put `new` at `target`: an exchange of names, else two renames; then remove the old set."""
    if not replacing:
        os.rename(new, target)  # fails, rather than merge, if a folder appeared there meanwhile
        return
    if exchange(new, target):
        old = new  # the old set now has the new folder's name
    else:
        old = target.parent / temp_name(target.name)
        os.rename(target, old)
        try:
            os.rename(new, target)
        except BaseException:
            os.rename(old, target)
            raise
    _remove_folder(old, names)


def _remove_left_behind(parent: Path, name: str, names: Collection[str], keep: Path) -> None:
    """Folders of earlier runs beside the output (`.NAME.XXXXXXXX.tmp`) that no run holds any more:
    a build killed halfway, an old set not removed."""
    with os.scandir(parent) as entries:
        for entry in entries:
            if temp_owner(entry.name) != name or entry.path == str(keep) or not entry.is_dir(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError, LockTimeout), folder_lock(Path(entry.path), timeout=0):
                _remove_folder(Path(entry.path), names)


def _remove_folder(folder: Path, names: Collection[str]) -> None:
    """The set's files (unlinked, never followed), then the folder, if nothing else is left in it."""
    with contextlib.suppress(OSError):
        for entry in os.listdir(folder):
            if _ours(entry, names) and not os.path.isdir(folder / entry):
                os.unlink(folder / entry)
        os.rmdir(folder)
