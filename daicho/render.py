"""`daicho render meeting ID [--format md|html] [--output FILE]`: the public report of a meeting.

The report is worded and laid out as the bureaus publish them (schema.publish.report) and written with
the format's template (schema/publish/templates/report.<format>.j2). Only the meeting's file and the root
files are loaded, so the cost does not grow with the repository. A meeting with problems is not
rendered: a published report is made from a valid record.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

FORMATS = ("md", "html")
SHOWN_PROBLEMS = 5


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "render", help="write the public report of a meeting (Markdown or HTML)",
        description="Write the public report (開催報告) of a meeting in Japanese, laid out as the "
        "bureaus publish them: 概要 with the attendance, the agenda in order, the materials and the "
        "contact. Exit 0 written, 1 the meeting has problems (run daicho validate), 2 usage or I/O "
        "error.",
    )
    parser.add_argument("kind", choices=("meeting",), help="what to render (a meeting)")
    parser.add_argument("id", help="the meeting's id (its file name without .toml)")
    parser.add_argument("--format", choices=FORMATS, default="md", help="md (default) or html")
    parser.add_argument("--output", type=Path, metavar="FILE",
                        help="write the report to FILE instead of printing it: a regular file is replaced "
                        "atomically, a named pipe or a character device (/dev/stdout, >(cmd)) written into")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from schema.files.repofiles import MEETINGS_DIR
    from schema.load.loader import load_meeting
    from schema.load.suggest import Suggestions
    from schema.publish.report import build_report
    from schema.publish.templating import render
    from schema.words.sanitize import printable

    root: Path = args.repo
    relpath = f"{MEETINGS_DIR}/{args.id}.toml"
    if "/" in args.id or "\\" in args.id or not (root / relpath).is_file():
        known = sorted(p.stem for p in (root / MEETINGS_DIR).glob("*.toml"))
        close = Suggestions().closest(args.id, known, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        print(printable(f"daicho render: no meeting \"{args.id}\" in {root / MEETINGS_DIR}{hint}"),
              file=sys.stderr)
        return EXIT_USAGE
    result = load_meeting(root, relpath)
    records = result.records
    problems = [p for p in result.problems if p.path == relpath]
    meeting = records.meetings.get(args.id)
    if problems or meeting is None or records.unloaded:
        for problem in problems[:SHOWN_PROBLEMS]:
            print(problem.format_text(), file=sys.stderr)
        why = (f"{relpath} has {len(problems)} problem{'' if len(problems) == 1 else 's'}" if problems
               else f"{relpath} did not load" if meeting is None
               else f"{', '.join(sorted(records.unloaded))} did not load")
        print(printable(f"daicho render: {why}, so its report is not written; run daicho validate"),
              file=sys.stderr)
        return EXIT_PROBLEMS
    text = render("report", args.format, report=build_report(meeting, records))
    if args.output is None:
        sys.stdout.write(printable(text, multiline=True))  # no record text sets a terminal title
        return EXIT_OK
    from schema.files.outputs import write_output

    output: Path = args.output
    try:
        write_output(output, printable(text, multiline=True).encode("utf-8"))
    except OSError as exc:
        print(printable(f"daicho render: cannot write {output}: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    print(printable(f"wrote {output}"), file=sys.stderr)
    return EXIT_OK
