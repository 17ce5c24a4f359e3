"""The journal of a save that changes several files, so that a save killed halfway (kill -9, a closed
terminal window, a power cut) leaves the repository as it was or as the save meant it — never half
renamed — once the next daicho process has opened it.

`schema.edit.save.write_changes` (the one function every save of several files goes through) holds
the repository's lock (`schema.files.lock`, the root folder's), writes the journal — every file's bytes
before and after — and syncs it and its folder before it replaces the first file, and removes it
after the last file and its folder are synced. Any daicho process that opens the repository (the
UI's start, `validate`, `fmt`, `show`, `render`, `export`, `diff` on the working tree, …) calls
`recover` first: when there is a journal, it takes the same lock (so a save still running in
another process is waited for, not raced) and looks at what each file holds:

- some hold the bytes after the save and the others the bytes before: the save was cut short; it is
  finished (every file as the save meant it);
- every file holds its bytes before: nothing was written; the journal is dropped;
- a file holds something else — changed by someone since (an editor, a `git checkout`) —: the save
  cannot be finished over that change; the files the save wrote are put back as they were, that file
  is left as it is, and the notice names it.

Every step writes one file atomically (`atomic.replace_file`, checked against the bytes it expects)
and the journal goes last, so a recovery killed halfway is finished by the next one: recovery is
idempotent. Temporary files a killed writer left in the repository's folders are removed too.

The journal is `.daicho-cache/journal` (the cache folder is ignored by git through the `.gitignore`
inside it, in any repository), signed with this machine's cache key (`schema.files.cache.signing_key`),
and names the repository it belongs to and data files of that repository only. A journal that is
not signed by this machine, belongs to another repository, names any other path, or cannot be read
is reported and never replayed: the files are left as they are and the journal stays until removed.

On disk: a magic line, the signature (hex) line, then the body — a JSON header line (the
repository's real path; each file's path and the lengths of its bytes before and after, null for a
file that does not exist on that side) followed by the bytes themselves, in that order.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schema.files.atomic import FileChanged, clean_stale_temporaries, fsync_folder, replace_file, temp_name
from schema.files.cache import CACHE_DIR, read_cache_file, relative_opens, signing_key, write_cache_file
from schema.files.lock import folder_lock
from schema.files.repofiles import MEETINGS_DIR, is_data_path
from schema.words.messages import Message, say

__all__ = ["JOURNAL", "FileChange", "JournalError", "apply_change", "begin", "end", "finished", "recover",
           "sync_folders"]

JOURNAL = "journal"
"""The journal's name in the cache folder."""
MAGIC = b"daicho-journal 1\n"
MAX_JOURNAL_BYTES = 1 << 30
"""A larger journal is not read (a save of every meeting of a nationwide repository is ~40 MB)."""


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file of a save: the bytes it held when it was read (None: a new file) and the bytes to
    write (None: delete it)."""

    relpath: str
    before: bytes | None
    after: bytes | None

    def reversed(self) -> FileChange:
        return FileChange(self.relpath, self.after, self.before)


class JournalError(OSError):
    """The journal could not be written (the save then writes nothing)."""


def apply_change(root: Path, change: FileChange, sync_folder: bool = True) -> None:
    """Write one change atomically, only over the bytes it was made from (`FileChanged` else).
    `sync_folder`: see `atomic.replace_file` (a journaled save syncs its folders once, at the end)."""
    path = root / change.relpath
    if change.after is None:
        _delete(path, change.before)
        if sync_folder:
            fsync_folder(path.parent)
    elif change.before is None:
        replace_file(path, change.after, new=True, sync_folder=sync_folder)
    else:
        replace_file(path, change.after, expected=change.before, sync_folder=sync_folder)


def sync_folders(root: Path, changes: Sequence[FileChange]) -> None:
    """Make the renames of `changes` durable: each folder they are in, synced once."""
    for folder in sorted({(root / change.relpath).parent for change in changes}):
        fsync_folder(folder)


def _delete(path: Path, expected: bytes | None) -> None:
    with folder_lock(path.parent):
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            return
        if expected is not None and current != expected:
            raise FileChanged(f"{path.name} changed after it was read")
        os.unlink(path)


# -- writing ----------------------------------------------------------------------------------------


def begin(root: Path, changes: Sequence[FileChange]) -> None:
    """Write the journal of `changes`, synced with its folder, before the first file is replaced.
    The caller holds the repository's lock. `JournalError` when it cannot be written."""
    key = signing_key()
    if key is None:
        raise JournalError("no key to sign the save's journal with (the folder ~/.cache/daicho cannot be written)")
    header = {"root": _real(root), "files": [[c.relpath, _size(c.before), _size(c.after)] for c in changes]}
    head = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"
    blobs = [blob for change in changes for blob in (change.before, change.after) if blob]
    signature = hmac.new(key, MAGIC, hashlib.blake2b)
    for piece in (head, *blobs):
        signature.update(piece)
    if not _write(root, [MAGIC, signature.hexdigest().encode("ascii") + b"\n", head, *blobs]):
        raise JournalError(f"cannot write the save's journal in {CACHE_DIR}/ (is the repository read-only, or "
                           f"{CACHE_DIR} not a folder?)")


def _write(root: Path, pieces: list[bytes]) -> bool:
    if relative_opens():
        return write_cache_file(root, JOURNAL, pieces, durable=True)
    # (Windows) No opening relative to a folder: the folder is checked by its path, then written.
    folder = root / CACHE_DIR
    try:
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder)
        if not _plain_folder(folder):
            return False
        with contextlib.suppress(FileExistsError), open(folder / ".gitignore", "xb") as ignore:
            ignore.write(b"*\n")
        temp = folder / temp_name(JOURNAL)
        try:
            with open(temp, "xb") as handle:
                for piece in pieces:
                    handle.write(piece)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, folder / JOURNAL)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        fsync_folder(folder)
        fsync_folder(root)
        return True
    except OSError:
        return False


def _read(root: Path) -> bytes | None:
    if relative_opens():
        return read_cache_file(root, JOURNAL, limit=MAX_JOURNAL_BYTES)
    path = root / CACHE_DIR / JOURNAL
    try:
        info = os.lstat(path)
        if not (_plain_folder(path.parent) and stat.S_ISREG(info.st_mode)) or info.st_size > MAX_JOURNAL_BYTES:
            return None
        with open(path, "rb") as handle:
            data = handle.read(MAX_JOURNAL_BYTES + 1)
        return data if len(data) <= MAX_JOURNAL_BYTES else None
    except OSError:
        return None


def _plain_folder(folder: Path) -> bool:
    """A folder, not a link to one (nor a Windows junction)."""
    info = os.lstat(folder)
    junction = getattr(os.path, "isjunction", lambda path: False)(folder)
    return stat.S_ISDIR(info.st_mode) and not junction


def end(root: Path) -> None:
    """Remove the journal: the save is complete (or was put back). Not synced: a journal that comes
    back after a crash finds every file as it says and is dropped."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(_journal_path(root))


def _size(data: bytes | None) -> int | None:
    return None if data is None else len(data)


def _real(root: Path) -> str:
    return os.path.normcase(os.path.realpath(root))


def _journal_path(root: Path) -> Path:
    return root / CACHE_DIR / JOURNAL


# -- recovering -------------------------------------------------------------------------------------


def recover(root: Path) -> Message | None:
    """Finish or roll back a save that was interrupted, under the repository's lock; what was done
    (one line, for a notice), None when there was nothing to do. Never raises for a journal it
    cannot use or a write that fails: it says so and leaves the journal for the next run."""
    path = _journal_path(root)
    if not os.path.lexists(path):
        return None
    shown = f"{CACHE_DIR}/{JOURNAL}"
    try:
        with folder_lock(root):
            if not os.path.lexists(path):
                return None  # the save that was running finished meanwhile
            raw = _read(root)
            changes = _parse(root, raw) if raw is not None else say("journal_unreadable")
            if isinstance(changes, Message):
                return say("journal_refused", path=shown, reason=changes)
            return _replay(root, changes)
    except (OSError, FileChanged) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return say("journal_failed", path=shown, reason=reason)


def finished(outcome: Message) -> bool:
    """Whether `recover` finished the save as it was meant (else it rolled it back, or could not)."""
    return outcome.key == "message.journal_finished"


def _replay(root: Path, changes: list[FileChange]) -> Message:
    states = [_state(root, change) for change in changes]
    others = [change.relpath for change, state in zip(changes, states, strict=True) if state == "other"]
    count = say("count_file" if len(changes) == 1 else "count_files", count=f"{len(changes):,}")
    if others or "after" not in states:
        for change, state in zip(changes, states, strict=True):
            if state == "after":
                apply_change(root, change.reversed(), sync_folder=False)
        outcome = say("journal_rolled_back", count=count,
                      kept=say("journal_kept", files=", ".join(others[:3]) + (" …" if len(others) > 3 else ""))
                      if others else "")
    else:
        for change, state in zip(changes, states, strict=True):
            if state == "before":
                apply_change(root, change, sync_folder=False)
        outcome = say("journal_finished", count=count)
    sync_folders(root, changes)
    for folder in (root, root / MEETINGS_DIR):
        if folder.is_dir():
            clean_stale_temporaries(folder)
    end(root)
    return outcome


def _state(root: Path, change: FileChange) -> str:
    """"before", "after" or "other": what the file holds now."""
    try:
        current: bytes | None = (root / change.relpath).read_bytes()
    except FileNotFoundError:
        current = None
    if current == change.after:
        return "after"
    return "before" if current == change.before else "other"


def _parse(root: Path, raw: bytes) -> list[FileChange] | Message:
    """The journal's changes, or why it is not replayed."""
    key = signing_key()
    magic, found, rest = raw[:len(MAGIC)], raw[len(MAGIC):len(MAGIC) + 129], raw[len(MAGIC) + 129:]
    if magic != MAGIC or key is None or not found.endswith(b"\n"):
        return say("journal_unsigned")
    signature = hmac.new(key, MAGIC, hashlib.blake2b)
    signature.update(rest)
    if not hmac.compare_digest(found[:-1], signature.hexdigest().encode("ascii")):
        return say("journal_unsigned")
    head, _, body = rest.partition(b"\n")
    try:
        header: Any = json.loads(head)
        journal_root, files = header["root"], header["files"]
    except (ValueError, TypeError, KeyError):
        return say("journal_unreadable")
    if journal_root != _real(root):
        return say("journal_foreign", root=str(journal_root))
    if not isinstance(files, list):
        return say("journal_unreadable")
    changes = []
    blobs = _Blobs(body)
    for entry in files:
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)):
            return say("journal_unreadable")
        relpath, before, after = entry
        if not _inside(relpath):
            return say("journal_paths", path=relpath)
        try:
            changes.append(FileChange(relpath, blobs.take(before), blobs.take(after)))
        except ValueError:
            return say("journal_unreadable")
    return changes if blobs.done() else say("journal_unreadable")


class _Blobs:
    """The journal's bytes, taken one file's side at a time."""

    def __init__(self, body: bytes) -> None:
        self.body = memoryview(body)
        self.at = 0

    def take(self, size: Any) -> bytes | None:
        if size is None:
            return None
        if not isinstance(size, int) or isinstance(size, bool) or size < 0 or self.at + size > len(self.body):
            raise ValueError(size)
        self.at += size
        return bytes(self.body[self.at - size:self.at]) if size else b""

    def done(self) -> bool:
        return self.at == len(self.body)


def _inside(relpath: str) -> bool:
    """The name of a data file of the repository: a root file or meetings/<name>.toml."""
    return is_data_path(relpath) and "\\" not in relpath and "\x00" not in relpath

