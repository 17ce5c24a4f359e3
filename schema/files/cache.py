"""An on-disk cache of per-file results under the repository (`.daicho-cache/`, ignored by git).

Entries are keyed by the file's path and a digest of its bytes, and the whole cache by a digest of
daicho's own checking code, so a changed file or a changed checker is always checked again. A
cache that cannot be read (missing, corrupt, from another version) is silently started afresh.

The cache file is signed with a key kept outside the repository (in the user's cache folder), so a
cache that did not come from this machine — say one committed to a pull request with `git add -f`
— is never trusted: it cannot tell CI that a broken file is fine. Callers still check the shape of
every entry they read (`validation.Summary.load`).

Such a pull request can also put links and special files in the cache folder. So nothing there is
reached through a link: a cache folder that is a link is not used at all, files in it are opened
without following links and read only when they are regular files of bounded size, and writes
replace an entry by renaming (a link in the way is replaced, never written through).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from schema.files.atomic import fsync_folder, read_up_to
from schema.files.repofiles import read_file
from schema.files.userdirs import user_cache_folder
from schema.words.problems import Problem

CACHE_DIR = ".daicho-cache"
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""A cache file larger than this is not read (nor written): a real one is a few MB."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


CACHE_FORMAT = 2
"""The shape of a cached entry (2: problems keep their message's template key and arguments)."""


@cache
def code_version() -> str:
    """A digest of the code that produces cached results: every module of `schema/` (models, loader,
    checks, writer, formatting engine) and the catalogues the messages are worded from, so that no
    change to them can leave a stale result."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"format {CACHE_FORMAT}".encode())
    for name, resource in sorted(_code_files(files("schema")), key=lambda item: item[0]):
        h.update(name.encode())
        h.update(resource.read_bytes())
    return h.hexdigest()


def _code_files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """The modules of the installed `schema` package and its catalogues (i18n/*.toml), by their
    path in the package (read through importlib.resources: any install layout)."""
    for entry in folder.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _code_files(entry, f"{name}/")
        elif entry.name.endswith(".py") or (prefix == "i18n/" and entry.name.endswith(".toml")):
            yield name, entry


def _key_path() -> Path:
    return user_cache_folder() / "cache-key"


@cache
def signing_key() -> bytes | None:
    """This machine's key for signing caches (made on first use); None when it cannot be kept."""
    path = _key_path()
    try:
        with path.open("rb") as handle:
            key = handle.read(4096)  # a key is 32 bytes: never read more than a little
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except OSError:
        return None


def _sign(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.blake2b).hexdigest()


T = TypeVar("T")

SETTLED_NS = 2_000_000_000
"""A file unchanged for this long when it was read is "settled": its stat alone (size, times,
inode) then tells whether it changed since, as git's index does. A file changed more recently is
always read and digested: a change within the same clock tick as the read could keep its stat."""


def _stat_key(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


@dataclass(frozen=True, slots=True)
class FileRead:
    """One file as read for the cache: its bytes (or the problem reading them), their digest, and
    its stat key when the file was settled at the time (stat taken before reading)."""

    raw: bytes | Problem
    digest: str
    stat_key: list[int] | None


def read_for_cache(root: Path, relpath: str) -> FileRead:
    try:
        info: os.stat_result | None = os.stat(os.path.join(root, relpath))
    except OSError:
        info = None
    now = time.time_ns()
    raw = read_file(root, relpath)
    if isinstance(raw, Problem):
        return FileRead(raw, "", None)
    settled = info is not None and max(info.st_mtime_ns, info.st_ctime_ns) < now - SETTLED_NS
    return FileRead(raw, digest(raw), _stat_key(info) if settled and info is not None else None)


class FileCache:
    """`path → (digest, value, stat)` for one purpose (validate, fmt), stored as one JSON file."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self._root = os.fspath(root)
        self.path = root / CACHE_DIR / f"{name}.json"
        self.version = code_version()
        self._entries: dict[str, list[Any]] = {}
        self._dirty = False
        self._load()

    def known(self, relpath: str) -> bool:
        """Whether the cache has anything for this file (else reading it here would be wasted)."""
        return relpath in self._entries

    def unchanged(self, relpath: str, load: Callable[[Any], T | None]) -> T | None:
        """The cached result of a settled file whose stat has not changed, without reading it.
        `load` turns a cached value into a result, None when the value is not of the right shape."""
        entry = self._entries.get(relpath)
        if not (isinstance(entry, list) and len(entry) == 3 and entry[2] is not None):
            return None
        try:
            info = os.stat(os.path.join(self._root, relpath))  # not pathlib: thousands a run
        except OSError:
            return None
        return load(entry[1]) if entry[2] == _stat_key(info) else None

    def cached(self, relpath: str, read: FileRead, load: Callable[[Any], T | None]) -> T | None:
        """The cached result for these bytes, or None."""
        value = self.get(relpath, read.digest)
        result = load(value) if value is not None else None
        entry = self._entries.get(relpath)
        if result is not None and isinstance(entry, list) and entry[2:] != [read.stat_key]:
            self._entries[relpath] = [read.digest, value, read.stat_key]  # settled now: not read next time
            self._dirty = True
        return result

    def store(self, relpath: str, file_digest: str, stat_key: list[int] | None, value: Any) -> None:
        self._entries[relpath] = [file_digest, value, stat_key]
        self._dirty = True

    def _load(self) -> None:
        key = signing_key()
        if key is None:
            return
        try:
            raw = read_cache_file(self.root, self.path.name)
            if raw is None:
                return
            signature, _, body = raw.partition(b"\n")
            if not hmac.compare_digest(signature.decode("ascii"), _sign(key, body)):
                return
            data = json.loads(body)
            if isinstance(data, dict) and data.get("version") == self.version:
                entries = data.get("files")
                if isinstance(entries, dict):
                    self._entries = entries
        except (OSError, ValueError, UnicodeDecodeError):
            self._entries = {}

    def get(self, relpath: str, file_digest: str) -> Any | None:
        entry = self._entries.get(relpath)
        if isinstance(entry, list) and len(entry) in (2, 3) and entry[0] == file_digest:
            return entry[1]
        return None

    def put(self, relpath: str, file_digest: str, value: Any) -> None:
        """Cache `value` for these bytes (written by daicho itself: no stat, read next time)."""
        self.store(relpath, file_digest, None, value)

    def keep_only(self, relpaths: set[str]) -> None:
        gone = set(self._entries) - relpaths
        for relpath in gone:
            del self._entries[relpath]
        self._dirty = self._dirty or bool(gone)

    def save(self) -> None:
        key = signing_key()
        if not self._dirty or key is None:
            return
        body = json.dumps({"version": self.version, "files": self._entries}, ensure_ascii=True,
                          separators=(",", ":")).encode("ascii")
        if len(body) < MAX_CACHE_BYTES:  # a larger one would not be read
            write_cache_file(self.root, self.path.name, _sign(key, body).encode("ascii") + b"\n" + body)
        self._dirty = False


# ---------------------------------------------------------------------------------------------
# The cache folder, never through a link


def relative_opens() -> bool:
    """Whether files can be opened and renamed relative to an open folder (not on Windows)."""
    return os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd


def _cache_folder(root: Path, create: bool) -> int | None:
    """An open descriptor of the cache folder; None when it is missing (and not to be created), a
    link, or anything but a folder."""
    if not relative_opens():
        return None  # (Windows) without opening relative to a folder, links could not be refused
    path = root / CACHE_DIR
    try:
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(path)
        return os.open(path, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW)
    except OSError:
        return None  # missing, a link (ELOOP), not a folder (ENOTDIR), not readable


_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def read_cache_file(root: Path, name: str, limit: int = MAX_CACHE_BYTES) -> bytes | None:
    """The bytes of a regular file of the cache folder, None when it is missing, a link, a special
    file (a pipe, a device) or larger than `limit`."""
    folder = _cache_folder(root, create=False)
    if folder is None:
        return None
    try:
        # O_NONBLOCK: opening a named pipe does not wait for a writer.
        fd = os.open(name, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK, dir_fd=folder)
    except OSError:
        return None
    finally:
        os.close(folder)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = read_up_to(fd, limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def write_cache_file(root: Path, name: str, data: bytes | Iterable[bytes], durable: bool = False) -> bool:
    """Replace a file of the cache folder (made, with a .gitignore, when missing): a new file is
    written and renamed over the old name, so a link there is replaced, never followed. False when
    the folder cannot be used (a read-only repository, a cache folder that is a link). `data` may
    come in pieces, written as they come (so that a large cache is never whole in memory).
    `durable`: the file, its name and the cache folder's own name are synced before this returns
    (a save's journal); a cache is not: one torn by a crash fails its signature and is rebuilt."""
    made = durable and not os.path.lexists(root / CACHE_DIR)
    folder = _cache_folder(root, create=True)
    if folder is None:
        return False
    temp = f".{name}.{secrets.token_hex(4)}.tmp"
    try:
        _create(folder, ".gitignore", b"*\n")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW, 0o666, dir_fd=folder)
        try:
            for piece in (data,) if isinstance(data, bytes) else data:
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view):]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
        if durable:
            os.fsync(folder)
            if made:
                fsync_folder(root)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        return False  # a read-only repository still validates; it only loses the speed-up
    finally:
        os.close(folder)


def _create(folder: int, name: str, data: bytes) -> None:
    """Write a new file, unless something (a file, a link) has that name already."""
    try:
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW, 0o666, dir_fd=folder)
    except FileExistsError:
        return
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
