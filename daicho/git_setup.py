"""`daicho git-setup [--check]`: make plain `git diff --word-diff` split Japanese text by character.

Japanese has no spaces, so git's default words are whole lines. `.gitattributes` routes `*.toml`
to the diff driver `daicho-toml`; this command gives that driver, in the repository's own git
configuration (`.git/config`), a word regex that makes every non-ASCII character a word and every
run of other printable ASCII characters a word. The regex is bytes: git matches it byte by byte in
the C locale (a UTF-8 character is a lead byte and its continuation bytes) and character by
character in a UTF-8 locale (where the last alternative takes one character), so it works in both.

Exit codes: 0 done (with --check: set up), 1 (--check) not set up, 2 not a git repository.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

DRIVER = "daicho-toml"
CONFIG_KEY = f"diff.{DRIVER}.wordRegex"
WORD_REGEX = b"[\xc0-\xff][\x80-\xbf]+|[!-~]+|[^[:space:]]"
"""A UTF-8 character (C locale), a run of printable ASCII, or one character that is not a space."""
ATTRIBUTE_LINE = f"*.toml diff={DRIVER}"
PROBE = "meetings/x.toml"
"""A data file name to ask git which diff driver it uses."""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "git-setup",
        help="make git diff --word-diff split Japanese text by character",
        description=f"Write the word regex of the diff driver {DRIVER} into the repository's git "
        f"configuration, so that git diff --word-diff shows a changed Japanese character as one "
        f"character. .gitattributes must route the data files to the driver ({ATTRIBUTE_LINE}).",
    )
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 unless the driver is configured and used")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        if _git(args.repo, "rev-parse", "--is-inside-work-tree", allowed=(0, 128)).strip() != b"true":
            print(f"daicho git-setup: {args.repo} is not in a git repository; git-setup configures a clone",
                  file=sys.stderr)
            return EXIT_USAGE
        current = _git(args.repo, "config", "--local", "--get", CONFIG_KEY, allowed=(0, 1))
        if not args.check and current.rstrip(b"\n") != WORD_REGEX:
            _git(args.repo, "config", "--local", CONFIG_KEY, WORD_REGEX)
            print(f"git-setup: wrote {CONFIG_KEY} into the repository's git configuration")
        elif args.check and current.rstrip(b"\n") != WORD_REGEX:
            print(f"git-setup: {CONFIG_KEY} is not set; run daicho git-setup", file=sys.stderr)
            return EXIT_PROBLEMS
        driver = _git(args.repo, "check-attr", "diff", "--", PROBE).decode().rsplit(": ", 1)[-1].strip()
    except _GitFailed as exc:
        print(f"daicho git-setup: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if driver != DRIVER:
        print(f"git-setup: the data files do not use the driver yet: add the line `{ATTRIBUTE_LINE}` "
              "to .gitattributes (and commit it)", file=sys.stderr)
        return EXIT_PROBLEMS
    print("git-setup: git diff --word-diff now splits Japanese text by character")
    return EXIT_OK


class _GitFailed(Exception):
    pass


def _git(cwd: Any, *args: str | bytes, allowed: tuple[int, ...] = (0,)) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise _GitFailed(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode not in allowed:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(lines[0].removeprefix("fatal: ") if lines else f"git exited {done.returncode}")
    return done.stdout
