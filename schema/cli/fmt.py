"""`daicho fmt [--check] [--diff] [PATH…]`: rewrite data files into the canonical layout.

Each file is loaded and validated alone (schema level; references between files are `validate`'s
job). A file with a problem that formatting cannot repair (it does not parse or validate, or it has
comments that a rewrite would drop) is reported and left untouched. A byte-order mark (E102) and
CR line endings (E103) are what formatting repairs, so they do not stop it; consistency problems
(E3xx and up) do not concern the layout and are left to `validate`.

A file found canonical is remembered in `.daicho-cache/fmt.json` under a digest of its bytes (and
of daicho's code), so a warm `--check` only formats what changed. Many files are formatted in a
process pool. The checking code (Pydantic, the models) is imported only when a file needs it.

Exit codes: 0 all canonical (or reformatted), 1 a file has problems or, with --check/--diff,
would change, 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from schema.atomic import write_bytes_atomic
from schema.batch import map_files, no_cyclic_gc
from schema.cache import FileCache, FileRead, digest, read_for_cache
from schema.cli.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from schema.cli.paths import PathError, relative_data_paths
from schema.problems import Problem, blocks_rewrite
from schema.repofiles import data_files, read_file

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


# ---------------------------------------------------------------------------------------------
# Command line


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "fmt",
        help="rewrite data files into canonical form",
        description="Rewrite data files into the canonical layout (all of them without PATH). "
        "Files that do not load are reported and left untouched.",
    )
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list files that would change and exit 1 if any")
    parser.add_argument("--diff", action="store_true",
                        help="write nothing; print a unified diff and exit 1 if any file differs")
    parser.add_argument("--no-cache", action="store_true",
                        help="format every file afresh (the cache in .daicho-cache/ only skips "
                        "files already known canonical)")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="data files or folders (default: every data file)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.repo
    try:
        paths = relative_data_paths(root, args.paths) if args.paths else data_files(root)
    except PathError as exc:
        print(f"daicho fmt: {exc}", file=sys.stderr)
        return EXIT_USAGE
    cache = None if args.no_cache else FileCache(root, "fmt")
    write = not (args.check or args.diff)
    exit_code = EXIT_OK
    with no_cyclic_gc():
        for result in format_files(root, paths, cache):
            code = _report(root, result, args.check, args.diff, write, cache)
            exit_code = max(exit_code, code)
    if cache is not None:
        if not args.paths:
            cache.keep_only(set(paths))
        cache.save()
    return exit_code


def _report(root: Path, result: FileFormat, check: bool, diff: bool, write: bool,
            cache: FileCache | None) -> int:
    """Print (and with neither --check nor --diff, write) one file's result; its exit code."""
    if result.status is Status.CANONICAL:
        return EXIT_OK
    if result.status in (Status.INVALID, Status.UNREADABLE):
        for problem in result.problems:
            print(problem.format_text(), file=sys.stderr)
        return EXIT_USAGE if result.status is Status.UNREADABLE else EXIT_PROBLEMS
    if diff:
        sys.stdout.write(unified_diff(result))
    if check:
        print(f"would reformat {result.path}")
    if not write:
        return EXIT_PROBLEMS
    data = result.canonical.encode("utf-8")
    if read_file(root, result.path) != result.current:
        print(f"daicho fmt: {result.path} changed while it was being formatted; left as it is "
              "(run fmt again)", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        write_bytes_atomic(root / result.path, data)
    except OSError as exc:
        print(f"daicho fmt: cannot write {result.path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    if cache is not None:
        cache.put(result.path, digest(data), CANONICAL_MARK)
    print(f"reformatted {result.path}")
    return EXIT_OK


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
        if cache is not None and cache.unchanged(path, _canonical_mark):
            results[path] = FileFormat(path, Status.CANONICAL)
            continue
        read = read_for_cache(root, path)
        if isinstance(read.raw, Problem):
            results[path] = FileFormat(path, Status.UNREADABLE, problems=[read.raw])
        elif cache is not None and cache.cached(path, read, _canonical_mark):
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


def _canonical_mark(value: object) -> str | None:
    return CANONICAL_MARK if value == CANONICAL_MARK else None


Outcome = tuple[Status, list[Problem], str]
"""Status, the problems that stop formatting, the canonical text when it differs."""


def _format_one(root: Path, path: str, raw: bytes) -> Outcome:
    from schema.loader import check_file
    from schema.writer import dumps_model

    result = check_file(root, path, raw)
    blocking = [p for p in result.problems if blocks_rewrite(p)]
    if result.model is None or blocking:
        return Status.INVALID, blocking or result.problems, ""
    canonical = dumps_model(result.model)
    if raw == canonical.encode("utf-8"):
        return Status.CANONICAL, [], ""
    return Status.CHANGED, [], canonical


def _format_all(root: Path, todo: list[tuple[str, bytes]], jobs: int | None) -> list[Outcome]:
    """Outcomes in the order of `todo`: in this process, or in a pool of forked ones when many."""
    if todo:
        import schema.loader
        import schema.writer  # noqa: F401  (imported once here, not in every forked worker)
    return map_files(_format_one, root, todo, jobs)
