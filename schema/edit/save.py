"""Saving edits: only the files that change, each atomically, none over an edit made elsewhere.

A save is a set of `FileChange`s: the bytes a file held when it was read (None: a new file) and the
bytes to write (None: delete it). Each file is written with `atomic.replace_file`, which holds the
folder's write lock and refuses to replace a file that no longer holds the bytes it was read with
(Fava's checksum rule: `FileChanged`). When a later file of the set fails, the files already
written are put back as they were, so a rename across many files never leaves half of its
references changed.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from schema.atomic import FileChanged, replace_file
from schema.lock import folder_lock

__all__ = ["FileChange", "FileChanged", "SaveFailed", "diff_text", "write_changes"]


@dataclass(frozen=True, slots=True)
class FileChange:
    relpath: str
    before: bytes | None
    """What the file held when it was read; None for a file that does not exist yet."""
    after: bytes | None
    """What to write; None to delete the file."""


class SaveFailed(Exception):
    """A save that wrote nothing: every file is as it was. `relpath` is the file at fault."""

    def __init__(self, relpath: str, reason: str, changed: bool = False) -> None:
        super().__init__(f"{relpath}: {reason}")
        self.relpath = relpath
        self.reason = reason
        self.changed = changed
        """True when the file changed on disk since it was read (reload or compare)."""


def write_changes(root: Path, changes: Sequence[FileChange]) -> None:
    """Write every change, or none: on a failure the files already written are put back."""
    done: list[FileChange] = []
    try:
        for change in changes:
            _apply(root, change)
            done.append(change)
    except FileChanged as exc:
        _undo(root, done)
        raise SaveFailed(_at_fault(changes, done), str(exc), changed=True) from None
    except OSError as exc:
        _undo(root, done)
        raise SaveFailed(_at_fault(changes, done), exc.strerror or str(exc)) from None


def _at_fault(changes: Sequence[FileChange], done: list[FileChange]) -> str:
    return changes[len(done)].relpath if len(done) < len(changes) else changes[-1].relpath


def _apply(root: Path, change: FileChange) -> None:
    path = root / change.relpath
    if change.after is None:
        _delete(path, change.before)
    elif change.before is None:
        replace_file(path, change.after, new=True)
    else:
        replace_file(path, change.after, expected=change.before)


def _delete(path: Path, expected: bytes | None) -> None:
    with folder_lock(path.parent):
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            return
        if expected is not None and current != expected:
            raise FileChanged(f"{path.name} changed after it was read")
        os.unlink(path)


def _undo(root: Path, done: list[FileChange]) -> None:
    """Put back the files a failed save already wrote (each holds what this save wrote)."""
    for change in reversed(done):
        try:
            _apply(root, FileChange(change.relpath, before=change.after, after=change.before))
        except (OSError, FileChanged):
            continue  # edited meanwhile: what is there now is someone's, not ours to replace


def diff_text(changes: Sequence[FileChange]) -> str:
    """The changes as `git diff` shows them (unified, a/ and b/ paths)."""
    out: list[str] = []
    for change in changes:
        before = (change.before or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
        after = (change.after or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
        old = f"a/{change.relpath}" if change.before is not None else "/dev/null"
        new = f"b/{change.relpath}" if change.after is not None else "/dev/null"
        out.extend(difflib.unified_diff(before, after, old, new))
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)
