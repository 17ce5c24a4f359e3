"""`daicho validate`'s pipeline: every file checked alone (cached, in parallel when many), then
the references between files resolved — always, whatever the cache holds.

A file's own result depends on its bytes only, so it is cached under a digest of them; what
depends on other files (whether an advisor id or a theme exists) is never cached. The cache keeps,
per file, its problems, the record keys it provides and the distinct values it refers to; a value
that does not resolve sends the file through a full check again to find every place that names it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schema.files.batch import Setup, map_files
from schema.files.cache import FileCache, FileRead, read_for_cache
from schema.files.repofiles import (
    ROOT_OF_PROBLEM,
    data_files,
    known_keys,
    missing_root_files,
    stray_files,
    unresolved,
)
from schema.words.messages import valid_args
from schema.words.problems import Problem, cap_repeats, sort_key

if TYPE_CHECKING:
    from pydantic import BaseModel

    from schema.load.loader import FileResult

# The checking code (Pydantic, the models, TOML) is imported only when a file must be checked:
# a warm run with every file cached starts without it.


@dataclass
class Summary:
    """What the cache keeps of one file: its own problems, its keys and what it refers to."""

    problems: list[Problem]
    keys: list[str] | None
    refs: dict[str, list[str]] = field(default_factory=dict)
    """Reference code → the distinct values the file refers to."""

    @classmethod
    def of(cls, result: FileResult) -> Summary:
        return cls(result.problems, result.keys, result.referred())

    def dump(self) -> list[Any]:
        return [[[p.path, p.line, p.col, p.code, p.message, p.key, [list(arg) for arg in p.args]]
                 for p in self.problems], self.keys, self.refs]

    @classmethod
    def load(cls, value: Any) -> Summary | None:
        """A summary from the cache, or None when the entry is not of the shape `dump` writes."""
        try:
            problems, keys, refs = value
            if not (_all_of(problems, list) and all(_is_problem(p) for p in problems)):
                return None
            if not (keys is None or _all_of(keys, str)):
                return None
            if not (isinstance(refs, dict) and all(k in ROOT_OF_PROBLEM and _all_of(v, str)
                                                   for k, v in refs.items())):
                return None
            return cls([Problem(path, line, col, code, message, key, tuple((name, text) for name, text in args))
                        for path, line, col, code, message, key, args in problems], keys, refs)
        except (TypeError, ValueError):
            return None


def _all_of(items: Any, kind: type) -> bool:
    """A list of exactly `kind` (checked for thousands of cached entries a run: types mapped in C)."""
    return isinstance(items, list) and set(map(type, items)) <= {kind}


def _is_problem(row: list[Any]) -> bool:
    """[path, line, col, code, English message, template key, [[name, text], …]] (see `dump`)."""
    return (len(row) == 7 and isinstance(row[0], str) and isinstance(row[3], str) and isinstance(row[4], str)
            and all(x is None or (isinstance(x, int) and not isinstance(x, bool)) for x in row[1:3])
            and isinstance(row[6], list) and valid_args(row[5], row[6]))


def validate_repository(root: Path, use_cache: bool = True, jobs: int | None = None) -> tuple[list[Problem], int]:
    """Every problem of the repository, sorted, and the number of data files checked."""
    problems, count, _ = validate_and_read(root, use_cache, jobs)
    return problems, count


FileHook = Callable[[str, "BaseModel"], Any]
"""`hook(relpath, model)`: what a reader makes of a file while it is checked (a module-level
function: it runs in the pool's workers)."""


def validate_and_read(root: Path, use_cache: bool = True, jobs: int | None = None,
                      hook: FileHook | None = None,
                      setup: Setup | None = None) -> tuple[list[Problem], int, dict[str, Any]]:
    """`validate_repository`, and `hook`'s result for every file that was checked here and loaded
    (a file whose result came from the cache was not parsed: the caller reads it itself), so that
    a reader of every file parses each once. `setup` prepares each worker of the pool for `hook`
    (schema.files.batch)."""
    relpaths = data_files(root)
    problems = missing_root_files(root) + stray_files(root)
    cache = FileCache(root, "validate") if use_cache else None
    summaries: dict[str, Summary] = {}
    todo: list[tuple[str, FileRead | None]] = []  # None: the worker reads the file
    for relpath in relpaths:
        if cache is None or not cache.known(relpath):
            todo.append((relpath, None))
            continue
        hit = cache.unchanged(relpath, Summary.load)
        read = None if hit is not None else read_for_cache(root, relpath)
        if read is not None and not isinstance(read.raw, Problem):
            hit = cache.cached(relpath, read, Summary.load)
        if hit is not None:
            summaries[relpath] = hit
        else:
            todo.append((relpath, read))
    extras: dict[str, Any] = {}
    for relpath, (file_digest, stat_key, summary, extra) in _check_all(root, todo, jobs, hook, setup):
        summaries[relpath] = summary
        if extra is not None:
            extras[relpath] = extra
        if cache is not None and file_digest:
            cache.store(relpath, file_digest, stat_key, summary.dump())
    if cache is not None:
        cache.keep_only(set(relpaths))
        cache.save()
    for summary in summaries.values():
        problems.extend(summary.problems)
    problems.extend(_unresolved(root, summaries))
    return sorted(cap_repeats(sorted(set(problems), key=sort_key)), key=sort_key), len(relpaths), extras


Checked = tuple[str, list[int] | None, "Summary", Any]
"""A file checked by a worker: the digest and stat key of the bytes it checked, the summary, and
the hook's result (None without a hook or a model)."""


def _check_all(root: Path, todo: list[tuple[str, FileRead | None]], jobs: int | None,
               hook: FileHook | None = None, setup: Setup | None = None) -> list[tuple[str, Checked]]:
    if not todo:
        return []
    import schema.load.loader  # noqa: F401  (imported once here, not in every forked worker)

    items = [(relpath, (read, hook)) for relpath, read in todo]
    return list(zip([relpath for relpath, _ in todo], map_files(_summarize, root, items, jobs, setup),
                    strict=True))


def _summarize(root: Path, relpath: str, item: tuple[FileRead | None, FileHook | None]) -> Checked:
    from schema.load.loader import check_file

    read, hook = item
    if read is None:
        read = read_for_cache(root, relpath)
    if isinstance(read.raw, Problem):
        return "", None, Summary([read.raw], None), None
    result = check_file(root, relpath, read.raw)
    extra = hook(relpath, result.model) if hook is not None and result.model is not None else None
    return read.digest, read.stat_key, Summary.of(result), extra


def _unresolved(root: Path, summaries: dict[str, Summary]) -> list[Problem]:
    """Problems for references that do not resolve, located by checking their file again."""
    known = known_keys({path: summary.keys for path, summary in summaries.items()})
    problems = []
    for relpath, summary in summaries.items():
        if not unresolved(summary.refs, known):
            continue
        from schema.load.checks import resolve
        from schema.load.loader import check_file, finding_problems

        result = check_file(root, relpath)
        if result.source is not None:
            problems.extend(finding_problems(result.source, resolve(relpath, result.refs, known)))
    return problems
