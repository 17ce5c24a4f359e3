"""Saving edits: only the files that change, each atomically, none over an edit made elsewhere, and
all of them or none — across a crash too.

A save is a set of `FileChange`s: the bytes a file held when it was read (None: a new file) and the
bytes to write (None: delete it). Each file is written with `atomic.replace_file`, which holds the
folder's write lock and refuses to replace a file that no longer holds the bytes it was read with
(Fava's checksum rule: `FileChanged`). When a later file of the set fails, the files already
written are put back as they were, so a rename across many files never leaves half of its
references changed.

A save of several files holds the repository's lock throughout and is journaled
(`schema.files.journal`): the journal, synced before the first file is replaced, lets the next daicho
process finish the save or roll it back when this one dies halfway (a kill, a closed terminal).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from schema.files.atomic import FileChanged
from schema.files.journal import FileChange, JournalError, apply_change, begin, end, sync_folders
from schema.files.lock import folder_lock

__all__ = ["FileChange", "FileChanged", "SaveFailed", "diff_text", "write_changes"]


class SaveFailed(Exception):
    """A save that wrote nothing: every file is as it was. `relpath` is the file at fault."""

    def __init__(self, relpath: str, reason: str, changed: bool = False) -> None:
        super().__init__(f"{relpath}: {reason}")
        self.relpath = relpath
        self.reason = reason
        self.changed = changed
        """True when the file changed on disk since it was read (reload or compare)."""


def write_changes(root: Path, changes: Sequence[FileChange]) -> None:
    """Write every change, or none: on a failure the files already written are put back, and a
    save of several files that dies halfway is finished or rolled back by the next daicho process
    (its journal)."""
    if len(changes) <= 1:
        _write_all(root, changes)  # one file is replaced atomically on its own: no journal
        return
    with folder_lock(root):
        try:
            begin(root, changes)
        except JournalError as exc:
            raise SaveFailed(changes[0].relpath, str(exc)) from None
        try:
            _write_all(root, changes, sync_folder=False)  # the journal stands for the renames meanwhile
        except SaveFailed:
            end(root)  # every file put back (else the journal would finish the save next time)
            raise
        # (Anything else — an interrupt — keeps the journal: the next process sees to the files.)
        sync_folders(root, changes)
        end(root)


def _write_all(root: Path, changes: Sequence[FileChange], sync_folder: bool = True) -> None:
    done: list[FileChange] = []
    try:
        for change in changes:
            apply_change(root, change, sync_folder)
            done.append(change)
    except FileChanged as exc:
        _undo(root, done)
        raise SaveFailed(_at_fault(changes, done), str(exc), changed=True) from None
    except OSError as exc:
        _undo(root, done)
        raise SaveFailed(_at_fault(changes, done), exc.strerror or str(exc)) from None


def _at_fault(changes: Sequence[FileChange], done: list[FileChange]) -> str:
    return changes[len(done)].relpath if len(done) < len(changes) else changes[-1].relpath


def _undo(root: Path, done: list[FileChange]) -> None:
    """Put back the files a failed save already wrote (each holds what this save wrote)."""
    for change in reversed(done):
        try:
            apply_change(root, change.reversed())
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
