"""`daicho diff [REV_A [REV_B]] [--staged] [--format text|markdown|json]`: changes in record terms.

The engine is `schema.diff`; this module parses the arguments and prints (`daicho.diffformat`).

Exit codes: 0 whether or not the records changed, 1 when the change leaves references that point
at nothing (a theme id renamed but still used), 2 usage or git error (not a git repository, an
unknown revision).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="changes between two revisions in record terms; exit 1 when references dangle",
        description="Changes between two revisions of the records, in record terms: records added and "
        "removed, fields changed (text marked character by character), agenda items, topics and "
        "answers moved, and references the change leaves dangling. Without REV_A: the merge base "
        "of the main branch (main, master or origin/HEAD's) and HEAD. Without REV_B: the working "
        "tree (its untracked data files too), or the index with --staged. A..B and A...B are read "
        "as git diff reads them.",
        epilog="Exit codes: 0 whether or not the records changed; 1 the change leaves references "
        "dangling; 2 usage or git error (not a git repository, an unknown revision).",
    )
    parser.add_argument("rev_a", nargs="?", metavar="REV_A",
                        help="the base revision (default: the merge base with the main branch)")
    parser.add_argument("rev_b", nargs="?", metavar="REV_B",
                        help="the revision to compare with it (default: the working tree)")
    parser.add_argument("--staged", "--cached", action="store_true",
                        help="compare with the index (what the next commit holds)")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="text for people (coloured on a terminal unless NO_COLOR is set), "
                        "markdown for a pull request, json for programs")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from daicho import diffformat
    from schema.diff import GitError, compare

    if args.staged and args.rev_b is not None:
        print("daicho diff: --staged compares with the index; give at most one revision (REV_A)",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        report = compare(args.repo, args.rev_a, args.rev_b, staged=args.staged)
    except GitError as exc:
        print(f"daicho diff: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        output = diffformat.as_json(report)
    elif args.format == "markdown":
        output = diffformat.markdown(report)
    else:
        output = diffformat.text(report, colour=use_colour())
    sys.stdout.write(output)
    sys.stdout.flush()
    return EXIT_PROBLEMS if report.dangling else EXIT_OK


def use_colour() -> bool:
    """Colour on a terminal, unless NO_COLOR is set to anything (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()
