"""`daicho export [--output DIR]`: the records as open data — one CSV file per table and one SQLite
database (schema.publish.export describes the tables, docs/opendata.md documents them).

Only a valid repository is exported: every check runs (with validate's cache), and a repository
with problems exports nothing. The meetings' tables are made as the files are checked, in a pool of
processes when there are many, so that each file is parsed once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from schema.models import Records

DEFAULT_OUTPUT = Path("opendata")
SHOWN_PROBLEMS = 5


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "export", help="write the records as open data: CSV files and a SQLite database",
        description="Write one CSV file per table (UTF-8 with BOM, CRLF, formula cells made inert) and "
        "one SQLite database with the same tables and foreign keys into DIR (docs/opendata.md). "
        "Exit 0 written, 1 the repository has problems (run daicho validate), 2 usage or I/O error.",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, metavar="DIR",
                        help=f"the folder to write into, made when missing (default: ./{DEFAULT_OUTPUT})")
    parser.add_argument("--no-cache", action="store_true", help="check every file afresh")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from schema.files.outputs import publish_folder
    from schema.publish import exportfiles
    from schema.publish.export import ExportError, collect
    from schema.publish.exportfiles import DATABASE, ExportIntegrityError, output_names
    from schema.words.sanitize import printable

    root: Path = args.repo
    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        print(printable(f"daicho export: {folder} is not a folder; give --output a folder"), file=sys.stderr)
        return EXIT_USAGE
    if folder.resolve() == (root / "meetings").resolve():
        print(printable(f"daicho export: {folder} is the repository's meetings/ folder, which holds meeting "
                        "files only; give --output another folder"), file=sys.stderr)
        return EXIT_USAGE
    try:
        problems, rows = collect(root, _roots(root), use_cache=not args.no_cache)
        if problems:
            for problem in problems[:SHOWN_PROBLEMS]:
                print(problem.format_text(), file=sys.stderr)
            count = len(problems)
            print(f"daicho export: the repository has {count:,} problem{'' if count == 1 else 's'}, so "
                  "nothing was exported; run daicho validate and fix them first", file=sys.stderr)
            return EXIT_PROBLEMS
        folder.parent.mkdir(parents=True, exist_ok=True)
        names = output_names()
        publish_folder(folder, names, lambda new: exportfiles.write_all(new, rows))
    except (ExportError, ExportIntegrityError) as exc:
        print(printable(f"daicho export: {exc}"), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(printable(f"daicho export: cannot write {folder}: {_reason(exc)}"), file=sys.stderr)
        return EXIT_USAGE
    counts = ", ".join(f"{name} {len(found):,}" for name, found in rows.items())
    print(printable(f"wrote {len(names) - 1} CSV files and {DATABASE} into {folder} ({counts})"))
    return EXIT_OK


def _reason(exc: OSError) -> str:
    """Why a write failed, in a few words: the system's ("No space left on device", with the file
    when it names one), or daicho's own reason."""
    from schema.files.outputs import OutputRefused
    from schema.publish.exportfiles import DatabaseError

    if isinstance(exc, OutputRefused | DatabaseError) or not exc.strerror:
        return str(exc)
    return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror


def _roots(root: Path) -> Records | None:
    """The root files' records, parsed; None when one does not load (the checks say why)."""
    from schema.files.repofiles import ROOT_FILES, data_files
    from schema.load.loader import parse_model
    from schema.models import ROOT_MODELS, AdvisorsFile, MunicipalitiesFile, Records, ThemesFile

    if not data_files(root):  # an empty repository: empty tables
        return Records()
    models = {name: parse_model(root, name, model) for name, model in ROOT_MODELS.items()}
    themes, municipalities, advisors = (models[name] for name in ROOT_FILES)
    if not (isinstance(themes, ThemesFile) and isinstance(municipalities, MunicipalitiesFile)
            and isinstance(advisors, AdvisorsFile)):
        return None
    return Records(themes.themes, municipalities.municipalities, advisors.advisors)
