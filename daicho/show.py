"""`daicho show advisor|municipality|meeting|theme ID`: one record and everything that refers to it.

Every field the record has is printed (the same outline the terminal UI shows, schema.read.outline), in
the language of `--lang` or the locale.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from schema.models import Record, Records

KINDS = ("advisor", "municipality", "meeting", "theme")


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "show", help="print one record and everything that refers to it",
        description="Print one record with every field it has and everything that refers to it, "
        "across all meetings.",
    )
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("id", help="advisor id, local government code, meeting id or theme id")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from schema.load.loader import load_repository
    from schema.load.suggest import Suggestions
    from schema.read.outline import Outliner, text_lines
    from schema.read.readmodel import ReadModel, Ref
    from schema.read.xref import build_index
    from schema.words.catalogue import Catalogue
    from schema.words.i18n import resolve_lang
    from schema.words.sanitize import printable

    result = load_repository(args.repo)
    records = result.records
    table = _table(records, args.kind)
    if args.id not in table:
        unloaded = _unloaded_source(args.repo, records, args.kind, args.id)
        if unloaded:
            print(printable(f"daicho show: {unloaded}, so {args.kind} \"{args.id}\" cannot be shown; "
                            "run daicho validate to see why"), file=sys.stderr)
            return EXIT_PROBLEMS
        close = Suggestions().closest(args.id, list(table), n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        print(printable(f"daicho show: no {args.kind} \"{args.id}\"{hint}"), file=sys.stderr)
        return EXIT_USAGE
    texts = {path: source.text for path, source in result.sources.items()}
    view = ReadModel(records, build_index(records), list(result.problems), texts)
    cat = Catalogue(resolve_lang(getattr(args, "lang", None)))
    lines = Outliner(view, cat).record(Ref(args.kind, args.id))
    for line in text_lines(lines):
        print(printable(line, multiline=True))  # record text sets no terminal title or colour
    if result.problems:
        count = len(result.problems)
        missing = "".join(
            f"; {name} {'did not load' if (args.repo / name).exists() else 'is missing'}, "
            "so what refers to it shows ids only" for name in sorted(records.unloaded))
        print(f"\n({count} validation problem{'' if count == 1 else 's'} in the repository"
              f"{missing}; run daicho validate)", file=sys.stderr)
    return EXIT_OK


def _unloaded_source(root: Path, records: Records, kind: str, record_id: str) -> str | None:
    """Why a record may be absent: the file that holds it is missing or did not load."""
    from schema.files.repofiles import (
        ADVISORS_FILE,
        MEETINGS_DIR,
        MUNICIPALITIES_FILE,
        THEMES_FILE,
    )

    if kind == "meeting":
        relpath = f"{MEETINGS_DIR}/{record_id}.toml"
        return f"{relpath} did not load" if (root / relpath).is_file() else None
    name = {"advisor": ADVISORS_FILE, "municipality": MUNICIPALITIES_FILE,
            "theme": THEMES_FILE}[kind]
    if name not in records.unloaded:
        return None
    return f"{name} did not load" if (root / name).exists() else f"{name} is missing"


def _table(records: Records, kind: str) -> Mapping[str, Record]:
    tables: dict[str, Mapping[str, Record]] = {
        "advisor": records.advisors, "municipality": records.municipalities,
        "meeting": records.meetings, "theme": records.themes}
    return tables[kind]
