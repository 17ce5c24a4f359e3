"""Formatting data files into the canonical layout: the engine behind `daicho fmt` (and any save).

Each file is loaded and validated alone (schema level; references between files are validation's
job). A file with a problem that formatting cannot repair (it does not parse or validate, or it has
comments that a rewrite would drop) is INVALID and never rewritten. A byte-order mark (E102) and CR
line endings (E103) are what formatting repairs, so they do not stop it.

A file found canonical is remembered in `.daicho-cache/fmt.json` under a digest of its bytes (and
of daicho's code), so a warm check only formats what changed. Many files are formatted in a
process pool (schema.files.batch). The checking code (Pydantic, the models) is imported only when a file
needs it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from schema.files.batch import map_files
from schema.files.cache import FileCache, FileRead, read_for_cache
from schema.words.problems import Problem, blocks_rewrite

CANONICAL_MARK = "canonical"
"""What the cache holds for a file whose bytes are valid and canonical."""


class Status(Enum):
    CANONICAL = "canonical"
    CHANGED = "changed"
    INVALID = "invalid"
    UNREADABLE = "unreadable"


@dataclass
class FileFormat:
    """What formatting one file gives: its current bytes and, when it changes, the canonical text."""

    path: str
    status: Status
    current: bytes = b""
    canonical: str = ""
    problems: list[Problem] = field(default_factory=list)


def unified_diff(result: FileFormat) -> str:
    """`a/path` → `b/path` as git shows it, with a marker where a file lacks its final newline."""
    before = result.current.decode("utf-8", errors="replace").splitlines(keepends=True)
    after = result.canonical.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, f"a/{result.path}", f"b/{result.path}")
    return "".join(
        line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"
        for line in lines
    )


# ---------------------------------------------------------------------------------------------
# Formatting


def format_files(root: Path, paths: Sequence[str], cache: FileCache | None = None,
                 jobs: int | None = None) -> list[FileFormat]:
    """Each file's result, in the order of `paths`; files the cache knows canonical are skipped."""
    results: dict[str, FileFormat] = {}
    todo: list[tuple[str, bytes]] = []
    reads: dict[str, FileRead] = {}
    for path in paths:
        known: str | None = cache.unchanged(path, _canonical_mark) if cache is not None else None
        if known is not None:
            results[path] = FileFormat(path, Status.CANONICAL)
            continue
        read = read_for_cache(root, path)
        cached: str | None = cache.cached(path, read, _canonical_mark) if cache is not None else None
        if isinstance(read.raw, Problem):
            results[path] = FileFormat(path, Status.UNREADABLE, problems=[read.raw])
        elif cached is not None:
            results[path] = FileFormat(path, Status.CANONICAL, read.raw)
        else:
            reads[path] = read
            todo.append((path, read.raw))
    for (path, raw), (status, problems, canonical) in zip(todo, _format_all(root, todo, jobs),
                                                          strict=True):
        results[path] = FileFormat(path, status, raw, canonical, problems)
        if status is Status.CANONICAL and cache is not None:
            cache.store(path, reads[path].digest, reads[path].stat_key, CANONICAL_MARK)
    return [results[path] for path in paths]


def _canonical_mark(value: Any) -> str | None:
    return CANONICAL_MARK if value == CANONICAL_MARK else None


Outcome = tuple[Status, list[Problem], str]
"""Status, the problems that stop formatting, the canonical text when it differs."""


def _format_one(root: Path, path: str, raw: bytes) -> Outcome:
    from schema.load.loader import check_file
    from schema.models.writer import dumps_model

    result = check_file(root, path, raw)
    blocking = [p for p in result.problems if blocks_rewrite(p)]
    if result.model is None or blocking:
        return Status.INVALID, blocking or result.problems, ""
    canonical = dumps_model(result.model)
    if raw == canonical.encode("utf-8"):
        return Status.CANONICAL, [], ""
    return Status.CHANGED, [], canonical


def _format_all(root: Path, todo: list[tuple[str, bytes]], jobs: int | None) -> list[Outcome]:
    """Outcomes in the order of `todo`: in this process, or in a pool of workers when many
    (schema.files.batch: forked on Linux, spawned elsewhere)."""
    if todo:
        import schema.load.loader
        import schema.models.writer  # noqa: F401  (imported once here, not in every forked worker)
    return map_files(_format_one, root, todo, jobs)
