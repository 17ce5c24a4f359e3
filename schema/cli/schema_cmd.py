"""`daicho schema [--check]`: write schema/json/*.schema.json from the models.

The schemas let editors (taplo, Even Better TOML) complete and check the data files; they are
generated, committed, and `--check` (for CI) fails when one is missing or stale.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_OK, EXIT_STALE, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="write schema/json/*.schema.json from the models",
        description="Write the JSON Schemas of the data files (schema/json/*.schema.json under "
        "the repository) from the models.",
    )
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 naming the schema files that are stale")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: the models (Pydantic) are not needed by the other commands' fast paths.
    from schema.jsonschema import stale_schemas, write_schemas

    if args.check:
        stale = stale_schemas(args.repo)
        for path in stale:
            print(f"stale {path}; run `daicho schema` to regenerate it", file=sys.stderr)
        return EXIT_STALE if stale else EXIT_OK
    try:
        written = write_schemas(args.repo)
    except OSError as exc:
        print(f"daicho schema: cannot write the schemas: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK
