"""`daicho schema [--check]`: write schema/json/*.schema.json and docs/records.md from the models, and
docs/opendata.md from the description of the exported tables (schema.export).

The schemas let editors (taplo, Even Better TOML) complete and check the data files; they are
generated, committed, and `--check` (for CI) fails when one is missing or stale. They belong to
the package (`schema/json/` beside `schema/jsonschema.py`), not to the data repository: `--repo`
does not change where they are read or written.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="write schema/json/*.schema.json, docs/records.md and docs/opendata.md",
        description="Write the JSON Schemas of the data files from the models into the daicho "
        "package's schema/json/ (beside schema/jsonschema.py, whatever --repo says), and the "
        "reference of the record files, docs/records.md, and of the exported tables, docs/opendata.md, in a "
        "source checkout.",
    )
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 naming the schema files that are missing or stale")
    parser.set_defaults(func=run, needs_repo=False)


def run(args: argparse.Namespace) -> int:
    # Imported here: the models (Pydantic) are not needed by the other commands' fast paths.
    from schema.jsonschema import stale_schemas, write_schemas

    if args.check:
        found = stale_schemas()
        for path, state in found:
            action = "write" if state == "missing" else "regenerate"
            print(f"{state} {path}; run `daicho schema` to {action} it", file=sys.stderr)
        return EXIT_PROBLEMS if found else EXIT_OK
    try:
        written = write_schemas()
    except OSError as exc:
        print(f"daicho schema: cannot write the schemas: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK
