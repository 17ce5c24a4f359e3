"""Changes between two revisions of a data repository, in record terms (`daicho diff`).

    compare(root, rev_a=None, rev_b=None, staged=False) -> Report

The base side is `rev_a`, else the merge base of the main branch and HEAD; the target side is
`rev_b`, else the index (`staged`), else the working tree (with its untracked data files). Only
the files that changed are read and parsed (`schema.diff.git`); each pair of documents is compared
generically (`schema.diff.tree`), and the target side's references are checked with the project's
loader (`schema.diff.dangling`). Headless: no printing here (`daicho/diff.py` prints).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from schema.diff.chars import Budget
from schema.diff.dangling import (
    Dangling,
    Target,
    dangling_references,
    may_add_references,
    removed_keys,
    sorted_dangling,
)
from schema.diff.git import Entry, Git, GitError, Read, Side, link_reason
from schema.diff.tree import Change, Step, collection_key, diff_documents, label_of, name
from schema.files import tomlparse

__all__ = ["Change", "Dangling", "FileDiff", "GitError", "Report", "Side", "Step", "compare", "name"]

FileStatus = Literal["added", "removed", "modified", "renamed"]
_STATUS: dict[str, FileStatus] = {"A": "added", "D": "removed", "M": "modified", "R": "renamed"}


@dataclass
class FileDiff:
    """One changed data file."""

    path: str
    """The path on the target side (on the base side for a removed file)."""
    status: FileStatus
    old_path: str | None
    label: str | None
    """The document's own title or name (a meeting's title)."""
    changes: list[Change] = field(default_factory=list)
    note: str | None = None
    """Why the records could not be compared (a side that does not parse), or that only the layout changed."""
    collection: str | None = None
    """The key of the one table of records the file holds (themes.toml: "themes"), else None."""
    unreadable: bool = False
    """A side could not be read as records (the note says why)."""
    document: dict[str, Any] | None = None
    """The parsed document of an added file (what it holds is shown whole)."""

    def record_of(self, change: Change) -> tuple[Step, ...]:
        """The steps naming the record a change belongs to: the record of a file of records, else
        nothing (a meeting file is one record)."""
        if self.collection is not None and change.where:
            return change.where[:1]
        return ()


@dataclass
class Report:
    base: Side
    target: Side
    files: list[FileDiff]
    dangling: list[Dangling]
    unchecked: list[str]
    """Files whose references could not be checked, with why."""
    coarse: int = 0
    """Texts, lists and elements compared coarser than they would have been, the work budget of
    the run (schema.diff.chars) being spent."""

    @property
    def change_count(self) -> int:
        """Records, elements and fields changed; a file added, removed, renamed or unreadable counts
        as one change (a file whose layout alone changed, as none)."""
        return sum(len(f.changes) + (f.status != "modified" or f.unreadable) for f in self.files)


def compare(root: Path, rev_a: str | None = None, rev_b: str | None = None, staged: bool = False) -> Report:
    """Compare two sides of the data repository at `root`. Raises GitError (one line for people)."""
    if staged and rev_b is not None:
        raise ValueError("--staged compares with the index: give at most one revision")
    git = Git(root)
    if rev_a is not None and rev_b is None and not staged and ".." in rev_a:
        return _range(git, rev_a)
    base = _base(git, rev_a)
    target = _target(git, rev_b, staged)
    return _compare(git, base, target)


def _range(git: Git, spec: str) -> Report:
    """`A..B` (A against B) and `A...B` (the merge base of A and B against B), as git diff reads them;
    an empty end is HEAD."""
    three = "..." in spec
    first, last = spec.split("..." if three else "..", 1)
    first, last = first or "HEAD", last or "HEAD"
    target = Side("commit", git.commit(last), last)
    if not three:
        return _compare(git, Side("commit", git.commit(first), first), target)
    base = git.merge_base(git.commit(first), first, target.sha)
    return _compare(git, Side("commit", base, f"the merge base of {first} and {last}"), target)


def _compare(git: Git, base: Side, target: Side) -> Report:
    assert base.sha is not None
    entries = git.changes(base.sha, target)
    olds = git.read(base, [e.old for e in entries if e.old])
    news = git.read(target, [e.new for e in entries if e.new])
    for entry in entries:  # a link in a commit or the index: git holds where it points, not records
        if entry.old is not None and entry.old_link:
            olds[entry.old] = link_reason(olds[entry.old])
        if entry.new is not None and entry.new_link and target.kind != "worktree":
            news[entry.new] = link_reason(news[entry.new])
    files: list[FileDiff] = []
    changed: list[Target] = []
    removed: dict[str, set[str]] = {}
    budget = Budget()
    for entry in entries:
        old = _document(olds[entry.old]) if entry.old else None
        new = _document(news[entry.new]) if entry.new else None
        diff = _file_diff(entry, old, new, base, target, budget)
        files.append(diff)
        if entry.new is None or not isinstance(raw := news[entry.new], bytes):
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            changed.append(Target(entry.new, raw, new, may_add_references(old, new, diff.changes)))
            if lost := removed_keys(entry.new, old, new):
                removed[entry.new] = lost
        else:  # a new file, or one that does not parse on a side: the loader says what it can
            changed.append(Target(entry.new, raw, new if isinstance(new, dict) else None))
    dangling, unchecked = dangling_references(git, target, changed, removed)
    return Report(base, target, files, sorted_dangling(dangling), unchecked, budget.coarse)


def _base(git: Git, rev: str | None) -> Side:
    if rev is not None:
        return Side("commit", git.commit(rev), rev)
    branch, sha = git.main_branch()
    return Side("commit", git.merge_base(sha, branch), f"the merge base of {branch} and HEAD")


def _target(git: Git, rev: str | None, staged: bool) -> Side:
    if rev is not None:
        return Side("commit", git.commit(rev), rev)
    if staged:
        return Side("index", None, "the index")
    return Side("worktree", None, "the working tree")


def _document(raw: Read) -> dict[str, Any] | str:
    """The parsed document, or why there is none."""
    if isinstance(raw, str):
        return f"cannot be read: {raw}"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return f"is not UTF-8 (byte {exc.start + 1})"
    try:
        return tomlparse.loads(text)
    except tomlparse.TOMLDecodeError as exc:
        return f"is not valid TOML ({exc})"


def _file_diff(entry: Entry, old: dict[str, Any] | str | None, new: dict[str, Any] | str | None,
               base: Side, target: Side, budget: Budget) -> FileDiff:
    path = entry.new or entry.old
    assert path is not None
    status = _STATUS[entry.status]
    shown_doc = new if isinstance(new, dict) else old if isinstance(old, dict) else None
    result = FileDiff(path, status, entry.old if status == "renamed" else None, label_of(shown_doc),
                      collection=collection_key(shown_doc))
    if status == "added" and isinstance(new, dict):
        result.document = new
    problems = [f"in {side.description}, the file {why}" for side, why in ((base, old), (target, new))
                if isinstance(why, str)]
    if problems:
        result.note = "; ".join(problems)
        result.unreadable = True
        return result
    if isinstance(old, dict) and isinstance(new, dict):
        result.changes = diff_documents(old, new, budget)
        if not result.changes and status == "modified":
            result.note = "the layout changed, not the records"
    return result
