"""`daicho init DIR --bureau ID [--source URL|PATH]`: a new records repository for any bureau
(schema.publish.newrepo says what it holds).

DIR must be empty but for `.git/` (a `git init` may have made it a repository); it is created when
missing. Every file is made and its data checked before anything is written, each written
atomically; a write that fails removes what was written.

Exit codes: 0 made, 2 usage or I/O error (DIR not empty, a source that is not a checkout, a write
that failed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from daicho.exitcodes import EXIT_OK, EXIT_USAGE
from daicho.output import catalogue
from schema.words.messages import say
from schema.words.sanitize import printable

# The record models (Pydantic) are imported when init runs, not when the parser is built: the
# other commands' fast paths (a warm validate, a diff of text) never import them.


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init",
        help="make a new records repository for a bureau",
        description="Make a new records repository in DIR (empty, or holding only .git/): daicho.toml "
        "with the bureau, the theme vocabulary, the national list of local governments, an empty "
        "advisors.toml, the JSON Schemas for editors with .taplo.toml, .gitattributes, .gitignore, a "
        "pre-commit configuration and a GitHub Actions workflow that install daicho from the source, and "
        "a README in Japanese for the secretariat.",
    )
    parser.add_argument("dir", type=Path, metavar="DIR", help="the folder of the new repository")
    parser.add_argument("--bureau", required=True, metavar="ID",
                        help="the bureau whose records the repository keeps (hokkaido, tohoku, kanto, …: "
                        "the values of `bureau` in docs/records.md)")
    parser.add_argument("--source", default=None, metavar="URL|PATH",
                        help="where the hooks and the workflow install daicho from: a git URL (at the "
                        "installed version's tag) or a local clone (at its checked-out commit); default: "
                        "the project's repository")
    parser.set_defaults(func=run, needs_repo=False)


def run(args: argparse.Namespace) -> int:
    from schema.models import Bureau
    from schema.publish.newrepo import (
        InitError,
        check_files,
        refuse_folder,
        repository_files,
        source_of,
        write_repository,
    )

    cat = catalogue(getattr(args, "lang", None))
    if args.bureau not in {b.value for b in Bureau}:
        known = ", ".join(b.value for b in Bureau)
        print(printable(f"daicho init: {cat.render(say('init.unknown_bureau', value=args.bureau, known=known))}"),
              file=sys.stderr)
        return EXIT_USAGE
    folder: Path = args.dir.expanduser().resolve()
    refused = refuse_folder(folder)
    if refused is not None:
        print(printable(f"daicho init: {cat.render(refused)}"), file=sys.stderr)
        return EXIT_USAGE
    bureau = Bureau(args.bureau)
    try:
        made = repository_files(bureau, source_of(args.source))
    except InitError as exc:
        print(printable(f"daicho init: {cat.render(exc.said)}"), file=sys.stderr)
        return EXIT_USAGE
    problems = check_files(made)
    if problems:  # daicho's own bug: say so, write nothing
        for problem in problems:
            print(printable(problem), file=sys.stderr)
        print(f"daicho init: {cat.render(say('init.invalid'))}", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = write_repository(folder, made)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(printable(f"daicho init: {cat.render(say('init.cannot_write', path=str(folder), reason=reason))}"),
              file=sys.stderr)
        return EXIT_USAGE
    for relpath in written:
        print(cat.render(say("init.wrote", path=relpath)))
    name = cat.enum("bureau", bureau.value)
    print(printable(cat.render(say("init.done", bureau=name, path=str(folder), count=len(written)))))
    print(printable(cat.render(say("init.next", path=str(folder)))))
    return EXIT_OK
