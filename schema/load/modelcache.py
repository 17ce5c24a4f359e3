"""Each data file's model and own problems, kept between runs and within one, so that loading an
unchanged repository reads JSON (validated by Pydantic's compiled core) instead of parsing TOML and
checking every file again, and reloading checks only the files that changed.

The terminal UI loads through a `ModelCache` (`RepositoryLoader(root, cache=…)`): a file whose
bytes it has seen — its stat unchanged since it settled, else the same digest of its bytes, as in
`schema.files.cache` — gives the model and the problems stored for it; any other file is checked by
`schema.load.loader.check_file` and stored. What depends on other files (whether a referenced id
exists) is never stored: the loader resolves the references on every load, and checks a file again
in full when one of its references does not resolve (see `schema.load.validation.Summary`).

On disk (`.daicho-cache/models.bin`) the cache is one file, signed like validate's cache with this
machine's key (so a cache that did not come from here is never trusted) and keyed by a digest of
daicho's code: the models' JSON one after the other, a JSON header (each file's digest, stat key,
summary and where its model's JSON is), the header's length in 12 digits, a line break and the
signature of all that (written last, so that the file is written as the models are serialized,
never whole in memory). A cache that cannot be used is ignored and written afresh.

Within a run the cache keeps, for each file, the model it gave (the same object the records hold),
so that `r` (reload) reuses every model whose file did not change and a stat scan tells which
files changed on disk (`changed`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from schema.files.cache import (
    FileRead,
    _stat_key,
    code_version,
    read_cache_file,
    read_for_cache,
    signing_key,
    write_cache_file,
)
from schema.files.repofiles import data_files
from schema.load.loader import FileResult, check_file, model_for
from schema.load.validation import Summary
from schema.models.common import share_field_sets
from schema.models.walk import records
from schema.words.problems import Problem

CACHE_NAME = "models.bin"
MAX_BYTES = 256 * 1024 * 1024
"""A larger cache is neither read nor written (the nationwide repository's is about 10 MB)."""


@dataclass(slots=True)
class _Entry:
    digest: str
    stat_key: list[int] | None
    """The file's stat when it was read, if it had settled by then (else it is read next time)."""
    summary: Summary
    blob: tuple[int, int] | None = None
    """Where the model's JSON is in the cache file read (None: no model, or not from disk)."""
    model: BaseModel | None = None
    """The model it gave in this run (None: not loaded yet, or the file did not load)."""
    loaded: bool = False
    """Whether `model` and `summary` are this run's."""


class ModelCache:
    """Loads files through the cache (`check`), remembers what they gave, and writes itself back
    (`save`, best in a thread: it serializes the models that were checked)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._root = os.fspath(root)
        self._entries: dict[str, _Entry] = {}
        self._pending: dict[str, Any] = {}
        """Entries of the cache file not yet asked for, as its header has them: each is made an
        `_Entry` when its file is loaded (`_get`), so that a start does not first make all 3,000."""
        self._blobs: memoryview = memoryview(b"")
        self._dirty = False
        self._lock = threading.Lock()
        self.seen: dict[str, list[int] | None] = {}
        """Each file's stat as the last load found it (for `changed`), None where it had none."""
        self.hits = 0
        """Files whose model came from the cache (for tests and the bench)."""
        self.strings: dict[str, str] = {}
        """Short strings of the files checked (schema.load.loader.check_file) and of the values they
        refer to, shared between them."""
        self._read()

    # -- loading ---------------------------------------------------------------------------

    def check(self, relpath: str) -> FileResult:
        """The file's result: from the cache when its bytes are those it holds, else checked (and
        stored). A result from the cache has no source text and its references as values only."""
        entry = self._get(relpath)
        info = _stat(os.path.join(self._root, relpath))
        self.seen[relpath] = info
        read: FileRead | None = None
        if entry is not None:
            if entry.stat_key is None or entry.stat_key != info:
                read = read_for_cache(self.root, relpath)
                if isinstance(read.raw, Problem) or read.digest != entry.digest:
                    entry = None
                elif read.stat_key != entry.stat_key:
                    entry.stat_key = read.stat_key  # settled now: no need to read it next time
                    self._dirty = True
            if entry is not None:
                result = self._result(relpath, entry)
                if result is not None:
                    self.hits += 1
                    return result
        if read is None:
            read = read_for_cache(self.root, relpath)
        if isinstance(read.raw, Problem):
            self._entries.pop(relpath, None)
            self._pending.pop(relpath, None)
            self._dirty = True
            return FileResult(relpath, None, [read.raw], None)
        result = check_file(self.root, relpath, read.raw, self.strings)
        _share(result.model)
        with self._lock:
            self._entries[relpath] = _Entry(read.digest, read.stat_key, Summary.of(result),
                                             model=result.model, loaded=True)
            self._dirty = True
        return result

    def start(self, paths: Sequence[str]) -> None:
        """A load of `paths` begins: a file seen before and not among them is gone."""
        present = set(paths)
        self.seen = {path: info for path, info in self.seen.items() if path in present}

    def forget(self, relpath: str) -> None:
        """The file is gone (a save deleted it): no longer seen, nor kept."""
        self.seen.pop(relpath, None)
        with self._lock:
            if self._entries.pop(relpath, None) is not None or self._pending.pop(relpath, None) is not None:
                self._dirty = True

    def _result(self, relpath: str, entry: _Entry) -> FileResult | None:
        """The result an entry gives: its model (this run's, else from its JSON) and problems."""
        if not entry.loaded:
            if entry.blob is not None:
                model_type = model_for(relpath)
                start, end = entry.blob
                try:
                    blob = bytes(self._blobs[start:end])
                    entry.model = model_type.model_validate_json(blob) if model_type else None
                except ValidationError:
                    return None
                _share(entry.model)
            entry.loaded = True
        summary = entry.summary
        return FileResult(relpath, entry.model, list(summary.problems), None,
                          ref_values=summary.refs)

    def done(self) -> None:
        """Every file has been loaded: forget the files that are gone, and the cache file read
        unless it is to be written again."""
        files = set(self.seen)
        self._get_all()
        for relpath in [p for p in self._entries if p not in files]:
            del self._entries[relpath]
            self._dirty = True
        for entry in self._entries.values():
            if not entry.loaded:
                entry.blob = None
        if not self._dirty:
            self._blobs = memoryview(b"")
        self.strings = {}  # the records hold the strings; the table would only hold them twice

    def _get(self, relpath: str) -> _Entry | None:
        """The file's entry, made from the header's value the first time it is asked for (a value
        not of the shape `save` writes is dropped: the file is checked again)."""
        entry = self._entries.get(relpath)
        if entry is None and relpath in self._pending:
            entry = _entry(self._pending.pop(relpath), len(self._blobs), self.strings)
            if entry is None:
                self._dirty = True
            else:
                self._entries[relpath] = entry
        return entry

    def _get_all(self) -> None:
        for relpath in list(self._pending):
            self._get(relpath)

    @property
    def dirty(self) -> bool:
        return self._dirty

    # -- changes on disk ---------------------------------------------------------------------

    def changed(self) -> list[str]:
        """Data files added, removed or changed (by their stat) since the last load."""
        files = data_files(self.root)
        root = os.fspath(self.root)
        out = [p for p in files if p not in self.seen or _stat(os.path.join(root, p)) != self.seen[p]]
        present = set(files)
        out += [p for p in self.seen if p not in present]
        return sorted(out)

    # -- on disk ----------------------------------------------------------------------------

    def _read(self) -> None:
        key = signing_key()
        if key is None:
            return
        raw = read_cache_file(self.root, CACHE_NAME, MAX_BYTES)
        if raw is None or len(raw) < _TRAILER + _LENGTH:
            return
        data = memoryview(raw)
        body, signature = data[:-_TRAILER], bytes(data[-_TRAILER:])
        signer = hmac.new(key, digestmod=hashlib.blake2b)
        signer.update(body)
        if not hmac.compare_digest(b"\n" + signer.hexdigest().encode("ascii"), signature):
            return
        try:
            length = int(bytes(body[-_LENGTH:]))
            if not 0 < length <= len(body) - _LENGTH:
                return
            header = json.loads(bytes(body[-_LENGTH - length:-_LENGTH]))
            if not isinstance(header, dict) or header.get("version") != code_version():
                return
            files = header.get("files")
            if not isinstance(files, dict):
                return
            blobs = body[:-_LENGTH - length]
        except (ValueError, UnicodeDecodeError):
            return
        self._pending, self._blobs = files, blobs

    def save(self) -> bool:
        """Write the cache when anything changed (the files' models as JSON). False when it could
        not be written (no key, a read-only repository, too large)."""
        key = signing_key()
        with self._lock:
            if not self._dirty or key is None:
                return False
            self._get_all()
            entries = dict(self._entries)
            blobs_read, self._blobs = self._blobs, memoryview(b"")
            self._dirty = False
        return write_cache_file(self.root, CACHE_NAME, _pieces(key, entries, blobs_read))


_LENGTH = 12
"""Digits of the header's length."""
_TRAILER = 1 + 128
"""A line break and the signature (a BLAKE2b HMAC in hexadecimal)."""


def _share(model: BaseModel | None) -> None:
    """The model's records are kept (the terminal UI's): they share their sets of given fields."""
    if model is not None:
        share_field_sets(record for _, record in records(model))


class _TooLarge(OSError):
    """The cache grew past MAX_BYTES while being written (an OSError, so that the writer removes
    the file it began, as it does when the disk is full)."""


def _pieces(key: bytes, entries: dict[str, _Entry], blobs_read: memoryview) -> Iterator[bytes]:
    """The cache file in pieces: each model's JSON as it is serialized, the header, the trailer."""
    signer = hmac.new(key, digestmod=hashlib.blake2b)
    files: dict[str, list[Any]] = {}
    size = 0
    for relpath, entry in entries.items():
        blob: bytes | None = None
        if entry.model is not None:
            blob = entry.model.model_dump_json(exclude_defaults=True).encode()
        elif entry.blob is not None:
            blob = bytes(blobs_read[entry.blob[0]:entry.blob[1]])
        span = None
        if blob is not None:
            span = [size, size + len(blob)]
            size += len(blob)
            if size > MAX_BYTES:
                raise _TooLarge
            signer.update(blob)
            yield blob
        files[relpath] = [entry.digest, entry.stat_key, entry.summary.dump(), span]
    header = json.dumps({"version": code_version(), "files": files}, ensure_ascii=True,
                        separators=(",", ":")).encode("ascii")
    tail = header + b"%0*d" % (_LENGTH, len(header))
    signer.update(tail)
    yield tail + b"\n" + signer.hexdigest().encode("ascii")


def _stat(path: Path | str) -> list[int] | None:
    try:
        return _stat_key(os.stat(path))
    except OSError:
        return None


def _entry(value: Any, blobs: int, strings: dict[str, str]) -> _Entry | None:
    """An entry of the header, or None when it is not of the shape `save` writes. The values the
    file refers to are shared with the other files' (a nationwide repository names the same ids
    tens of thousands of times)."""
    if not (isinstance(value, list) and len(value) == 4):
        return None
    digest, stat_key, summary_value, span = value
    if not isinstance(digest, str):
        return None
    if not (stat_key is None or (isinstance(stat_key, list) and all(isinstance(x, int) for x in stat_key))):
        return None
    summary = Summary.load(summary_value)
    if summary is None:
        return None
    summary.refs = {code: [strings.setdefault(v, v) for v in values] for code, values in summary.refs.items()}
    blob = None
    if span is not None:
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
                and 0 <= span[0] <= span[1] <= blobs):
            return None
        blob = (span[0], span[1])
    return _Entry(digest, stat_key, summary, blob)
