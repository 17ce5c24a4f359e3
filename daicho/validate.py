"""`daicho validate [--format text|github|json] [PATH…]`: every check, exit 0 valid / 1 problems / 2 usage.

Messages are in the language of `--lang`, else of the locale; JSON keeps English `message`s."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from daicho.output import catalogue, print_problems
from daicho.paths import PathError, relative_data_paths
from schema.load.validation import validate_repository
from schema.words.sanitize import printable


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "validate", help="check every record; exit 0 valid, 1 problems, 2 usage or I/O error",
        description="Check every record of the repository and print every problem found.",
    )
    parser.add_argument("--format", choices=("text", "github", "json"), default="text",
                        help="text for people, github for Actions annotations, json for programs")
    parser.add_argument("--no-cache", action="store_true",
                        help="check every file afresh (the cache in .daicho-cache/ never hides a problem)")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="report only problems in these files (all checks still run)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.repo
    cat = catalogue(getattr(args, "lang", None))
    try:
        only = relative_data_paths(root, args.paths) if args.paths else None
    except PathError as exc:
        print(printable(f"daicho validate: {cat.render(exc.said)}"), file=sys.stderr)
        return EXIT_USAGE
    problems, files = validate_repository(root, use_cache=not args.no_cache)
    if only is not None:
        problems = [p for p in problems if p.path in only]
        files = len(only)
    print_problems(problems, args.format, sys.stdout, files, cat)
    if any(p.code == "E100" for p in problems):
        return EXIT_USAGE  # a file could not be read: an I/O error, whatever else was found
    return EXIT_PROBLEMS if problems else EXIT_OK
