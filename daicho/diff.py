"""`daicho diff [REV_A [REV_B]] [--staged] [--format text|markdown|json]`: changes in record terms.

The engine is `schema.diff`; this module parses the arguments, lays out the records the change
added (their outline, as `daicho show` prints it: `outlines`) and prints (`daicho.diffformat`).

Exit codes: 0 whether or not the records changed, 1 when the change leaves references that point
at nothing (a theme id renamed but still used), 2 usage or git error (not a git repository, an
unknown revision).
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from typing import TYPE_CHECKING, Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from pathlib import Path

    from daicho.diffformat import Outlines
    from schema.diff import Report


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
    from schema.words.sanitize import printable

    if args.staged and args.rev_b is not None:
        print("daicho diff: --staged compares with the index; give at most one revision (REV_A)",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        report = compare(args.repo, args.rev_a, args.rev_b, staged=args.staged)
    except GitError as exc:
        print(printable(f"daicho diff: {exc}"), file=sys.stderr)  # names a revision as it was given
        return EXIT_USAGE
    added = outlines(args.repo, report, getattr(args, "lang", None))
    if args.format == "json":
        output = diffformat.as_json(report, added)
    elif args.format == "markdown":
        output = diffformat.markdown(report, added, summary_budget())
    else:
        output = diffformat.text(report, use_colour(), added)
    sys.stdout.write(output)
    sys.stdout.flush()
    return EXIT_PROBLEMS if report.dangling else EXIT_OK


def use_colour() -> bool:
    """Colour on a terminal, unless NO_COLOR is set to anything (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def summary_budget() -> int:
    """Bytes the Markdown may take: GitHub's limit of a job summary, less what the file that
    standard output appends to holds already (`>> "$GITHUB_STEP_SUMMARY"` after validate's)."""
    from daicho.output import STEP_SUMMARY_LIMIT

    try:
        info = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        return STEP_SUMMARY_LIMIT
    used = info.st_size if stat.S_ISREG(info.st_mode) else 0
    return max(0, STEP_SUMMARY_LIMIT - used)


def outlines(repo: Path, report: Report, lang: str | None) -> Outlines:
    """The outline of every record the change added — a meeting file, a theme, an advisor, a local
    government — as `daicho show` prints it (without what refers to it), in the language of
    `--lang` or the locale. References are named from the target side's root files; a record that
    does not load has none (the diff shows what it can of it, and its problems are validate's)."""
    from schema.files.repofiles import ROOT_NAMED, is_meeting_path  # not the models: most changes add nothing

    wanted: list[tuple[str, tuple[str | int, ...], Any]] = []
    for diff in report.files:
        if diff.status == "added" and diff.document is not None and is_meeting_path(diff.path):
            wanted.append((diff.path, (), diff.document))
        root = ROOT_NAMED.get(diff.path)
        if root is None:
            continue
        for change in diff.changes:
            if change.kind == "added" and change.field is None and len(change.keypath) == 2 \
                    and change.keypath[0] == root.table:
                wanted.append((diff.path, change.keypath, change.new))
    if not wanted:
        return {}
    return _lay_out(repo, report, wanted, lang)


def _lay_out(repo: Path, report: Report, wanted: list[tuple[str, tuple[str | int, ...], Any]],
             lang: str | None) -> Outlines:
    from pydantic import ValidationError

    from schema.diff.git import Git
    from schema.files import tomlparse
    from schema.files.repofiles import ROOT_NAMED
    from schema.models import ROOT_MODELS, Meeting, Records
    from schema.read.outline import Outliner, text_lines
    from schema.read.readmodel import ReadModel, Ref
    from schema.read.xref import build_index
    from schema.words.catalogue import Catalogue
    from schema.words.i18n import resolve_lang

    records = Records()
    for relpath, raw in Git(repo).read(report.target, list(ROOT_MODELS)).items():
        try:
            document = tomlparse.loads(raw.decode("utf-8")) if isinstance(raw, bytes) else None
            model = ROOT_MODELS[relpath].model_validate(document)
        except (UnicodeDecodeError, tomlparse.TOMLDecodeError, ValueError, RecursionError):  # ValidationError too
            records.unloaded.add(relpath)
            continue
        table = ROOT_NAMED[relpath].table
        setattr(records, table, getattr(model, table))
    refs: dict[tuple[str, tuple[str | int, ...]], Ref] = {}
    for relpath, keypath, document in wanted:
        try:
            if not keypath:  # a meeting file
                meeting = Meeting.model_validate(document)
                records.meetings[meeting.id] = meeting
                records.meeting_paths[meeting.id] = relpath
                refs[(relpath, keypath)] = Ref("meeting", meeting.id)
                continue
            table = getattr(records, ROOT_NAMED[relpath].table)
            if keypath[1] not in table:  # its file did not load: the record alone
                table[keypath[1]] = _record_type(relpath).model_validate(document)
            refs[(relpath, keypath)] = Ref(ROOT_NAMED[relpath].kind, str(keypath[1]))
        except ValidationError:
            continue
    view = ReadModel(records, build_index(records))
    outliner = Outliner(view, Catalogue(resolve_lang(lang)))
    return {key: list(text_lines(outliner.record(ref, referrers=False))) for key, ref in refs.items()}


def _record_type(relpath: str) -> Any:
    """The model of one record of a root file (the type of its table's values)."""
    from typing import get_args

    from schema.files.repofiles import ROOT_NAMED
    from schema.models import ROOT_MODELS

    return get_args(ROOT_MODELS[relpath].model_fields[ROOT_NAMED[relpath].table].annotation)[1]
