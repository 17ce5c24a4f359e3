"""`daicho import municipalities [CSV] [--prefectures 茨城県,…] [--no-wards]`.

Without CSV, the national list shipped with daicho (schema/reference/, CC0) is read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from daicho.output import catalogue
from schema.files.repofiles import MUNICIPALITIES_FILE
from schema.words.messages import say

KANTO = "茨城県,栃木県,群馬県,埼玉県,千葉県,東京都,神奈川県,山梨県"


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "import", help="add or update local governments from the national list",
        description="Add or update local governments in municipalities.toml from the national "
        "list (localgovjp-utf8.csv, with prefjp-utf8.csv beside it). Notes are kept; "
        "records the list does not have are left as they are.",
    )
    parser.add_argument("what", choices=("municipalities",))
    parser.add_argument("csv", type=Path, metavar="CSV", nargs="?", default=None,
                        help="localgovjp-utf8.csv, with prefjp-utf8.csv beside it (default: the "
                        "national list shipped with daicho, schema/reference/)")
    parser.add_argument("--prefectures", default=None,
                        help=f"comma-separated prefecture names (the Kanto bureau: {KANTO}); "
                        "default: every prefecture")
    parser.add_argument("--no-wards", dest="wards", action="store_false",
                        help="leave out the wards of designated cities (kind ward)")
    parser.add_argument("--dry-run", action="store_true", help="print what would change only")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from schema.files.atomic import FileChanged, write_text_atomic
    from schema.files.repofiles import read_file
    from schema.load.importer import ReferenceListError, plan_import, reference_records
    from schema.load.loader import check_file
    from schema.models import MunicipalitiesFile, Municipality
    from schema.models.writer import dumps_model
    from schema.words.problems import Problem, blocks_rewrite
    from schema.words.sanitize import printable

    root: Path = args.repo
    cat = catalogue(getattr(args, "lang", None))
    prefectures = {p.strip() for p in args.prefectures.split(",") if p.strip()} \
        if args.prefectures else None
    from schema.load.importer import shipped_list

    try:
        if args.csv is not None:
            incoming = reference_records(args.csv, prefectures, wards=args.wards)
        else:
            with shipped_list() as path:
                incoming = reference_records(path, prefectures, wards=args.wards)
    except ReferenceListError as exc:
        print(printable(f"daicho import: {cat.render(exc.said)}"), file=sys.stderr)
        return EXIT_USAGE
    existing: dict[str, Municipality] = {}
    before: bytes | None = None
    known: set[tuple[str, str]] = set()  # the file's problems before the import
    if (root / MUNICIPALITIES_FILE).exists():
        raw = read_file(root, MUNICIPALITIES_FILE)
        result = check_file(root, MUNICIPALITIES_FILE, None if isinstance(raw, Problem) else raw)
        before = None if isinstance(raw, Problem) else raw
        model, problems = result.model, result.problems
        blocking = [p for p in problems if blocks_rewrite(p)]
        if model is None or blocking:
            # A rewrite would lose what the problems are about (a comment, a field it cannot read).
            for problem in blocking or problems:
                print(problem.format_text(cat), file=sys.stderr)
            print(f"daicho import: {cat.render(say('import_blocked', file=MUNICIPALITIES_FILE))}", file=sys.stderr)
            return EXIT_PROBLEMS
        assert isinstance(model, MunicipalitiesFile)
        existing = dict(model.municipalities)
        known = {(p.code, p.message) for p in problems}
    plan = plan_import(existing, incoming)
    print(cat.render(say("import_plan", added=len(plan.added), updated=len(plan.updated),
                         unchanged=len(plan.unchanged), kept=len(plan.kept))))
    if args.dry_run:
        return EXIT_OK
    text = dumps_model(MunicipalitiesFile(municipalities=plan.records))
    # The same checks as validate, on what would be written: nothing that fails them is written
    # (problems the file had before are its own business, not the import's).
    after = [p for p in check_file(root, MUNICIPALITIES_FILE, text.encode("utf-8")).problems
             if (p.code, p.message) not in known]
    if after:
        for problem in after:
            print(cat.render(say("import_would_write", problem=problem.format_text(cat))), file=sys.stderr)
        print(f"daicho import: {cat.render(say('import_invalid', file=MUNICIPALITIES_FILE))}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        written = write_text_atomic(root / MUNICIPALITIES_FILE, text, expected=before)
    except FileChanged:
        print(f"daicho import: {cat.render(say('import_changed', file=MUNICIPALITIES_FILE))}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        message = say("import_cannot_write", file=MUNICIPALITIES_FILE, error=printable(str(exc)))
        print(f"daicho import: {cat.render(message)}", file=sys.stderr)
        return EXIT_USAGE
    if written:
        print(cat.render(say("import_wrote", file=MUNICIPALITIES_FILE, count=len(plan.records))))
    return EXIT_OK
