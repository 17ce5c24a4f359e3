"""`daicho fmt [--check] [--diff] [--format text|github] [PATH…]`: rewrite data files into the canonical
layout. With `--format github` (CI), the files that would change are workflow annotations, the
first ten, and all of them are listed in the job summary (`$GITHUB_STEP_SUMMARY`), as `validate`
does.

The engine is `schema.load.formatting`: a file with a problem that formatting cannot repair is reported
and left untouched; consistency problems (E3xx and up) do not concern the layout and are left to
`validate`.

Writes never drop an edit (`schema.files.atomic.replace_file`): a file changed by someone else after fmt
read it is left as it is and reported; a file that another fmt made canonical meanwhile is fine.
Before writing, fmt removes the temporary files that an interrupted daicho write left behind.

Exit codes: 0 all canonical (or reformatted), 1 a file has problems, changed while it was
formatted, or with --check/--diff would change, 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from daicho.output import catalogue, english, print_github_files
from daicho.paths import PathError, relative_data_paths
from schema.files.atomic import FileChanged, clean_stale_temporaries, replace_file
from schema.files.batch import no_cyclic_gc
from schema.files.cache import FileCache, digest
from schema.files.repofiles import data_files, inside_repository
from schema.load.formatting import CANONICAL_MARK, FileFormat, Status, format_files, unified_diff
from schema.words.catalogue import Catalogue
from schema.words.messages import say
from schema.words.sanitize import printable

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
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="how files that would change are listed: text, or github (workflow annotations, "
                        "the first ten; the rest in the job summary)")
    parser.add_argument("--no-cache", action="store_true",
                        help="format every file afresh (the cache in .daicho-cache/ only skips "
                        "files already known canonical)")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="data files or folders (default: every data file)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.repo
    cat = catalogue(getattr(args, "lang", None))
    try:
        paths = relative_data_paths(root, args.paths) if args.paths else data_files(root)
    except PathError as exc:
        print(printable(f"daicho fmt: {cat.render(exc.said)}"), file=sys.stderr)
        return EXIT_USAGE
    cache = None if args.no_cache else FileCache(root, "fmt")
    write = not (args.check or args.diff)
    github = args.format == "github" and not write
    exit_code = EXIT_OK
    if write:
        _remove_stale_temporaries(root, paths, cat)
    changing: list[str] = []
    with no_cyclic_gc():
        for result in format_files(root, paths, cache):
            code = _report(root, result, args.check and not github, args.diff, write, cache, cat)
            exit_code = max(exit_code, code)
            if result.status is Status.CHANGED:
                changing.append(result.path)
    if github:
        print_github_files(changing, sys.stdout, cat)
    if cache is not None:
        if not args.paths:
            cache.keep_only(set(paths))
        cache.save()
    return exit_code


def _report(root: Path, result: FileFormat, check: bool, diff: bool, write: bool,
            cache: FileCache | None, cat: Catalogue | None = None) -> int:
    """Print (and with neither --check nor --diff, write) one file's result; its exit code."""
    if result.status is Status.CANONICAL:
        return EXIT_OK
    cat = cat or english()
    shown = printable(result.path)
    if result.status in (Status.INVALID, Status.UNREADABLE):
        for problem in result.problems:
            print(problem.format_text(cat), file=sys.stderr)
        unreadable = any(p.code == "E100" for p in result.problems)
        return EXIT_USAGE if unreadable else EXIT_PROBLEMS
    if diff:
        sys.stdout.write(unified_diff(result))
    if check:
        print(cat.render(say("would_reformat", path=shown)))
    if not write:
        return EXIT_PROBLEMS
    data = result.canonical.encode("utf-8")
    try:
        written = replace_file(root / result.path, data, expected=result.current)
    except FileChanged:
        print(f"daicho fmt: {cat.render(say('changed_while_formatted', path=shown))}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        reason = printable(exc.strerror or str(exc))
        print(f"daicho fmt: {cat.render(say('cannot_write', path=shown, reason=reason))}", file=sys.stderr)
        return EXIT_USAGE
    if cache is not None:
        cache.put(result.path, digest(data), CANONICAL_MARK)
    if written:  # else another writer made it canonical meanwhile
        print(cat.render(say("reformatted", path=shown)))
    return EXIT_OK


def _remove_stale_temporaries(root: Path, paths: list[str], cat: Catalogue) -> None:
    """Remove what interrupted daicho writes left in the folders fmt writes to, and say so."""
    folders = sorted({str(Path(path).parent) for path in paths})
    for folder in folders:
        if not inside_repository(root, folder):
            continue  # never touch a folder outside the repository
        try:
            removed = clean_stale_temporaries(root / folder)
        except OSError:
            continue  # a folder fmt cannot lock: its writes will say why
        for name in removed:
            relpath = name if folder == "." else f"{folder}/{name}"
            print(cat.render(say("removed_temporary", path=printable(relpath))), file=sys.stderr)
