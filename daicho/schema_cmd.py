"""`daicho schema [--check]`: write a repository's schema/json/*.schema.json and .taplo.toml from the
models — and in daicho's source checkout docs/records.md, and docs/opendata.md from the description
of the exported tables (schema.publish.export).

The schemas let editors (taplo, Even Better TOML) complete and check the data files offline; they
are generated, committed, and `--check` (for CI) fails when one is missing or stale. In a records
repository they are its copies (`daicho init` writes them), compared with the installed daicho's
models; in daicho's source checkout they are the package's own. Outside any repository, the
package's own schemas are checked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="write the repository's schema/json/*.schema.json and .taplo.toml (for editors)",
        description="Write the JSON Schemas of the data files from the installed daicho's models into "
        "the repository's schema/json/, and its .taplo.toml that points editors at them; in daicho's "
        "source checkout also the reference of the record files, docs/records.md, and of the exported "
        "tables, docs/opendata.md.",
    )
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 naming the schema files that are missing or stale")
    parser.set_defaults(func=run, needs_repo=False)


def run(args: argparse.Namespace) -> int:
    # Imported here: the models (Pydantic) are not needed by the other commands' fast paths.
    from schema.files.repofiles import find_root
    from schema.publish.jsonschema import stale_schemas, write_schemas

    given: Path | None = args.repo
    if given is not None and not given.is_dir():
        print(f"daicho schema: {given} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    repo = given.resolve() if given is not None else find_root(Path.cwd())
    if args.check:
        found = stale_schemas(repo)
        for path, state in found:
            action = "write" if state == "missing" else "regenerate"
            print(f"{state} {path}; run `daicho schema` to {action} it", file=sys.stderr)
        return EXIT_PROBLEMS if found else EXIT_OK
    try:
        written = write_schemas(repo)
    except OSError as exc:
        print(f"daicho schema: cannot write the schemas: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK
