"""The checks of `daicho validate`, run on a file being edited: the same code, the same problems.

The draft's document is written as TOML and checked as a file (`loader.check_file`: text, schema
and the file's own checks), then its references into the other files are resolved against the
records the editor holds (`checks.resolve`). Each problem is placed at the key path of its line,
so that a form can show it beside the field at fault.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from schema.edit.draft import Draft
from schema.files.locate import KeyLocator, KeyPath
from schema.load.checks import resolve
from schema.load.loader import check_file, finding_problems
from schema.words.problems import Problem, blocks_rewrite


@dataclass
class DraftCheck:
    """The problems of a draft, each with the key path it belongs to."""

    problems: list[Problem] = field(default_factory=list)
    paths: list[KeyPath] = field(default_factory=list)
    """The key path of each problem (() for the file as a whole)."""

    def at(self, path: KeyPath) -> list[Problem]:
        """The problems of the value at `path` (not of the values inside it)."""
        return [p for p, where in zip(self.problems, self.paths, strict=True) if where == path]

    def within(self, path: KeyPath) -> list[Problem]:
        """The problems at `path` and inside it."""
        size = len(path)
        return [p for p, where in zip(self.problems, self.paths, strict=True) if where[:size] == path]

    @property
    def blocking(self) -> list[Problem]:
        """Problems that forbid a save: every problem of the file (a save writes only valid files)."""
        return list(self.problems)

    @property
    def unsafe(self) -> bool:
        return any(blocks_rewrite(p) for p in self.problems)


def check_draft(draft: Draft, root: Path, known: Mapping[str, Collection[str] | None]) -> DraftCheck:
    """Every problem `daicho validate` would report for the draft's file, given the other files'
    record keys (`known`: file → keys, as `repofiles.known_keys` gives them)."""
    text = draft.text()
    result = check_file(root, draft.relpath, text.encode("utf-8"))
    problems = list(result.problems)
    if result.source is not None:
        problems += finding_problems(result.source, resolve(draft.relpath, result.refs, known))
    lines = _line_paths(text)
    return DraftCheck(problems, [_path_of(lines, p) for p in problems])


def _line_paths(text: str) -> dict[int, KeyPath]:
    """For each line where a key path starts, the longest that does."""
    out: dict[int, KeyPath] = {}
    for path, line in KeyLocator(text).first_lines():
        if line not in out or len(path) > len(out[line]):
            out[line] = path
    return out


def _path_of(lines: dict[int, KeyPath], problem: Problem) -> KeyPath:
    if problem.line is None:
        return ()
    for line in range(problem.line, 0, -1):
        if line in lines:
            return lines[line]
    return ()
