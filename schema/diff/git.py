"""Reading revisions of a data repository with git itself.

Which data files changed between two sides (`git diff --name-status -z`), their bytes on either
side (`git cat-file --batch`, or the files on disk for the working tree), and which files of a
side mention some ids (`git grep`). Each is one git process whatever the number of files, so the
cost of a comparison grows with the change, not with the repository.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from schema.files.repofiles import (
    ADVISORS_FILE,
    MEETINGS_DIR,
    MUNICIPALITIES_FILE,
    SETTINGS_FILE,
    THEMES_FILE,
    is_data_path,
    read_file,
)
from schema.files.textscan import MAX_FILE_BYTES
from schema.words.problems import Problem

PATHSPECS = (SETTINGS_FILE, THEMES_FILE, MUNICIPALITIES_FILE, ADVISORS_FILE, f"{MEETINGS_DIR}/")
"""Where the data files are: git is asked about these only."""
MAIN_BRANCHES = ("main", "master")
LINK_MODE = "120000"
"""git's mode of a symbolic link."""


class GitError(Exception):
    """A git failure or a revision that does not exist, worded for people in one line."""


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a commit, the index or the working tree."""

    kind: Literal["commit", "index", "worktree"]
    sha: str | None
    description: str
    """For people: "the merge base of main and HEAD", "HEAD~1", "the index", "the working tree"."""

    def as_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind, "commit": self.sha, "description": self.description}


@dataclass(frozen=True, slots=True)
class Entry:
    """One changed data file: git's status letter (A, D, M or R) and its path on either side."""

    status: str
    old: str | None
    new: str | None
    old_link: bool = False
    """The file is a symbolic link on the base side (git's mode 120000)."""
    new_link: bool = False
    """The file is a symbolic link on the target side (in a commit or the index)."""


Read = bytes | str
"""A file's bytes, or why they could not be read."""


class Git:
    """git, run in the data repository's folder (which may be a folder inside the git repository)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat"}
        not_a_clone = GitError(f"{root} is not in a git repository (daicho diff compares git revisions); "
                               "run it inside a clone")
        try:
            out = self._run("rev-parse", "--is-inside-work-tree", "--show-prefix")
        except GitError as exc:
            if "not a git repository" in str(exc):
                raise not_a_clone from None
            raise
        lines = out.decode("utf-8", "surrogateescape").split("\n")
        if lines[0] != "true":
            raise not_a_clone
        self.prefix = lines[1] if len(lines) > 1 else ""
        """The data repository's folder relative to the top of the git repository ("" or "data/")."""

    # -- revisions ------------------------------------------------------------------------------

    def commit(self, rev: str) -> str:
        """The commit `rev` names (a branch, tag, commit or expression such as HEAD~1)."""
        if not rev or rev.startswith("-"):
            raise GitError(f'"{rev}" is not a revision')
        sha = self._verify(f"{rev}^{{commit}}")
        if sha is None:
            raise GitError(f'unknown revision "{rev}": not a branch, tag or commit of this repository')
        return sha

    def main_branch(self) -> tuple[str, str]:
        """(name, commit) of the main line: main, else master, else origin/HEAD's branch, else
        origin/main or origin/master."""
        for name in MAIN_BRANCHES:
            if (sha := self._verify(f"refs/heads/{name}")) is not None:
                return name, sha
        target = self._run("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD", allowed=(0, 1, 128))
        ref = target.decode("utf-8", "surrogateescape").strip()
        if ref and (sha := self._verify(ref)) is not None:
            return f"{ref.removeprefix('refs/remotes/')} (origin/HEAD)", sha
        for name in MAIN_BRANCHES:
            if (sha := self._verify(f"refs/remotes/origin/{name}")) is not None:
                return f"origin/{name}", sha
        raise GitError("no main branch to compare with (main, master or origin/HEAD); "
                       "name the revision: daicho diff REV")

    def merge_base(self, sha: str, branch: str, other: str | None = None) -> str:
        """The merge base of commit `sha` (named `branch`) and `other` (default: HEAD)."""
        head = other or self._verify("HEAD^{commit}")
        if head is None:
            raise GitError("HEAD has no commit yet; commit first, or name the revisions: daicho diff REV_A REV_B")
        out = self._run("merge-base", sha, head, allowed=(0, 1)).decode().strip()
        if not out:
            raise GitError(f"{branch} and {'HEAD' if other is None else 'the other revision'} have no common "
                           "history; name the revision: daicho diff REV")
        return out

    def _verify(self, rev: str) -> str | None:
        out = self._run("rev-parse", "--verify", "--quiet", rev, allowed=(0, 1, 128))
        return out.decode().strip() or None

    # -- what changed ---------------------------------------------------------------------------

    def changes(self, base: str, target: Side) -> list[Entry]:
        """The data files that differ between commit `base` and `target`, renames found, with
        which of them are symbolic links (git's raw format gives each side's mode)."""
        args = ["diff", "--raw", "-z", "--find-renames", "--no-ext-diff", "--no-color",
                "--relative", "--ignore-submodules"]
        if target.kind == "index":
            args.append("--cached")
        args.append(base)
        if target.kind == "commit":
            assert target.sha is not None
            args.append(target.sha)
        tokens = self._run(*args, "--", *PATHSPECS).split(b"\0")
        entries: list[Entry] = []
        n = 0
        while n < len(tokens) and tokens[n]:
            modes = tokens[n].decode().split()  # ":100644 120000 <oid> <oid> R100"
            status = modes[-1][:1]
            links = (modes[0] == f":{LINK_MODE}", modes[1] == LINK_MODE)
            if status in "RC":
                old, new = _path(tokens[n + 1]), _path(tokens[n + 2])
                n += 3
                entries.extend(_renamed(status, old, new, links))
                continue
            path = _path(tokens[n + 1])
            n += 2
            if not is_data_path(path):
                continue
            if status == "A":
                entries.append(Entry("A", None, path, new_link=links[1]))
            elif status == "D":
                entries.append(Entry("D", path, None, old_link=links[0]))
            else:  # M, T (type), U (unmerged): the same file, changed
                entries.append(Entry("M", path, path, *links))
        if target.kind == "worktree":
            known = {e.new for e in entries}
            out = self._run("ls-files", "-z", "--others", "--exclude-standard", "--", *PATHSPECS)
            for token in out.split(b"\0"):
                path = _path(token)
                if token and is_data_path(path) and path not in known:
                    entries.append(Entry("A", None, path))
        return sorted(entries, key=lambda e: e.new or e.old or "")

    # -- reading --------------------------------------------------------------------------------

    def read(self, side: Side, paths: Iterable[str]) -> dict[str, Read]:
        """The bytes of each path on `side` (or why they could not be read)."""
        paths = list(dict.fromkeys(paths))
        if side.kind == "worktree":
            return {path: _from_disk(self.root, path) for path in paths}
        stage = "" if side.kind == "index" else side.sha
        return self._read_objects({path: f"{stage}:{self.prefix}{path}" for path in paths}, side)

    def _read_objects(self, names: dict[str, str], side: Side) -> dict[str, Read]:
        out: dict[str, Read] = {}
        wanted: dict[str, tuple[str, int]] = {}
        asked = {path: name for path, name in names.items() if "\n" not in name}
        out.update({path: "its name holds a line break" for path in names if path not in asked})
        if not asked:
            return out
        checked = self._run("cat-file", "--batch-check",
                            input="".join(f"{name}\n" for name in asked.values()).encode())
        for path, line in zip(asked, checked.decode("utf-8", "surrogateescape").splitlines(), strict=False):
            parts = line.split()
            if len(parts) == 3 and parts[1] == "blob":
                size = int(parts[2])
                if size > MAX_FILE_BYTES:
                    out[path] = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
                else:
                    wanted[path] = (parts[0], size)
            else:
                out[path] = f"not in {side.description}"
        if wanted:
            data = self._run("cat-file", "--batch",
                             input="".join(f"{oid}\n" for oid, _ in wanted.values()).encode())
            at = 0
            for path, (_, size) in wanted.items():
                start = data.index(b"\n", at) + 1
                out[path] = data[start:start + size]
                at = start + size + 1
        return out

    def grep(self, side: Side, words: Sequence[str]) -> list[str]:
        """The data files of `side` that contain any of `words` (fixed strings)."""
        if not words:
            return []
        args = ["grep", "-l", "-z", "-F", "--no-color"]
        for word in words:
            args += ["-e", word]
        if side.kind == "index":
            args.append("--cached")
        elif side.kind == "worktree":
            args.append("--untracked")
        else:
            assert side.sha is not None
            args.append(side.sha)
        out = self._run(*args, "--", *PATHSPECS, allowed=(0, 1))
        paths = []
        for token in out.split(b"\0"):
            if not token:
                continue
            path = _path(token)
            if side.kind == "commit":
                path = path.split(":", 1)[1]
            if is_data_path(path):
                paths.append(path)
        return paths

    # -- running git ----------------------------------------------------------------------------

    def _run(self, *args: str, input: bytes | None = None, allowed: Sequence[int] = (0,)) -> bytes:
        try:
            done = subprocess.run(["git", *args], cwd=self.root, input=input, capture_output=True,
                                  env=self._env, check=False)
        except FileNotFoundError:
            raise GitError("git is not installed (or not on PATH); daicho diff reads revisions with git") from None
        except OSError as exc:
            raise GitError(f"cannot run git: {exc.strerror or exc}") from None
        if done.returncode not in allowed:
            lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
            message = lines[0].removeprefix("fatal: ") if lines else f"exit {done.returncode}"
            raise GitError(f"git {args[0]} failed: {message}")
        return done.stdout


def _path(token: bytes) -> str:
    return token.decode("utf-8", "surrogateescape")


def _renamed(status: str, old: str, new: str, links: tuple[bool, bool]) -> list[Entry]:
    """A rename or copy between two data files; a data file that leaves the data is removed, one
    that comes in is added."""
    old_data, new_data = is_data_path(old), is_data_path(new)
    if old_data and new_data:
        renamed = status == "R"
        return [Entry("R" if renamed else "A", old if renamed else None, new, links[0] and renamed, links[1])]
    entries = []
    if old_data and status == "R":
        entries.append(Entry("D", old, None, old_link=links[0]))
    if new_data:
        entries.append(Entry("A", None, new, new_link=links[1]))
    return entries


def link_reason(target: bytes | str) -> str:
    """Why a data file that is a symbolic link is not read (E113's rule: data files are files)."""
    shown = target if isinstance(target, str) else target.decode("utf-8", "surrogateescape")
    return f'it is a symbolic link (to "{shown[:200]}"), not a file'


def _link_target(root: Path, path: str) -> str:
    try:
        return os.readlink(os.path.join(root, path))
    except OSError:
        return "?"


def _from_disk(root: Path, path: str) -> Read:
    if os.path.islink(os.path.join(root, path)):
        return link_reason(_link_target(root, path))
    found = read_file(root, path)
    if isinstance(found, Problem):
        return found.message
    if len(found) > MAX_FILE_BYTES:
        return f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
    return found
