"""Entry point of the `daicho` console script.

No subcommand opens the terminal UI; subcommands are headless and never import Textual.
Exit codes: 0 success, 1 problems found, 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from daicho import (
    diff,
    export,
    fmt,
    git_setup,
    import_cmd,
    init_cmd,
    intake,
    render,
    report,
    schema_cmd,
    show,
    validate,
)
from daicho.exitcodes import EXIT_USAGE
from daicho.output import catalogue
from schema.files.repofiles import find_root
from schema.words.messages import say
from schema.words.sanitize import printable

SUBCOMMANDS = (validate, fmt, schema_cmd, show, import_cmd, diff, git_setup, render, export, report, intake, init_cmd)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors, as we want
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"daicho: error: {message}\n")


class _Version(argparse.Action):
    """`--version`: the installed distribution's version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> NoReturn:
        from schema.files.distribution import version

        print(f"daicho {version()}")
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="daicho",
        description="台帳 — records of the regional informatization advisor programme. "
        "Without a command, opens the terminal UI.",
    )
    _add_common(parser)
    parser.add_argument("--version", action=_Version, help="print daicho's version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in SUBCOMMANDS:
        module.add_parser(subparsers)
    for sub in subparsers.choices.values():
        _add_common(sub, suppress=True)
    return parser


def _add_common(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """Options every command takes, before or after its name."""
    parser.add_argument(
        "--repo",
        type=Path,
        default=argparse.SUPPRESS if suppress else None,
        help="the data repository (default: the first folder upwards holding advisors.toml, else the root of "
        "the git work tree)",
    )
    parser.add_argument(
        "--lang", choices=("ja", "en"), default=argparse.SUPPRESS if suppress else None,
        help="language of the terminal UI, of `show` and of problem messages (default: from the locale: "
        "LC_ALL, LC_MESSAGES, LANG)",
    )


def resolve_repo(given: Path | None) -> Path | None:
    if given is not None:
        return given.resolve() if given.is_dir() else None
    return find_root(Path.cwd())


def _tolerant_output() -> None:
    """Text that the output's encoding cannot hold is written as escapes, never a traceback (a
    strict UTF-8 stdout and a file name that is not UTF-8, a terminal in another encoding).
    What daicho prints is made printable first (`schema.words.sanitize`); this is the net below."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the UI) and return its exit code.

    The cyclic garbage collector is paused meanwhile: a command is one batch that frees what it
    is done with by reference counting, and the collector would only walk, again and again, the
    objects the imports make (0.02 s of `render`'s start, 0.05 s of the UI's). The UI runs with it
    on again (`_open_ui`); its state is restored after, for callers in the same process."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv, collecting)
    finally:
        if collecting:
            gc.enable()


def _main(argv: Sequence[str] | None, collecting: bool) -> int:
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "needs_repo", True):  # daicho schema works on the package, not on data
        return int(args.func(args))
    repo = resolve_repo(args.repo)
    if repo is None:
        where = say("repo_not_folder", path=str(args.repo)) if args.repo else say("repo_not_found")
        message = catalogue(args.lang).render(say("no_repository", where=where))
        print(printable(f"daicho: {message}"), file=sys.stderr)
        return EXIT_USAGE
    args.repo = repo
    if args.command is None:
        return _open_ui(repo, args.lang, collecting)  # the UI finishes an interrupted save as it loads
    if _reads_working_tree(args):
        _finish_interrupted_save(repo, args.lang)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`daicho validate | head`): what it did not read may have said
        # "problem", so this is never success.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_USAGE


def _reads_working_tree(args: argparse.Namespace) -> bool:
    """Whether the command reads the repository's files (every one but a diff of two revisions or
    of the index, which reads git's objects)."""
    return not (args.command == "diff" and (args.rev_b is not None or args.staged))


def _finish_interrupted_save(repo: Path, lang: str | None) -> None:
    """Finish or roll back a save of several files that a killed process left halfway (its
    journal, schema.files.journal), and say so in one line."""
    from schema.files.journal import recover

    done = recover(repo)
    if done is not None:
        print(printable(f"daicho: {catalogue(lang).render(done)}"), file=sys.stderr)


def _open_ui(repo: Path, lang: str | None, collecting: bool = True) -> int:
    try:
        import_ui(collecting)
    except ImportError as exc:  # the headless install must still explain itself
        print(f"daicho: the terminal UI is not available ({exc}); "
              "see `daicho --help` for the commands", file=sys.stderr)
        return EXIT_USAGE
    from tui.app import run

    return run(repo, lang)


def import_ui(collecting: bool = True) -> ModuleType:
    """`tui.app`, imported with the collector paused; then what the imports made is frozen (the
    modules stay for the session: the collector need not walk them again) and, when `collecting`,
    the collector runs again. The UI's headless bench starts the app the same way."""
    gc.disable()
    try:
        import tui.app
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    return tui.app


def entry() -> None:
    sys.exit(main())
