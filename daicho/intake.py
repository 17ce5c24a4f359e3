"""`daicho intake survey|questions FILE --meeting ID [--write]`: a form tool's export taken into a
meeting — the pre-meeting survey tallied into its survey item, the questions sent before a
consultation into its consultation item by theme (schema.intake).

It prints what it noticed (respondents who answered twice, organisations matched by the region or
not at all, options that match no theme) and the changes as `daicho diff` shows them, and writes
them only with `--write`, through the editing session's save (validated, atomic, under the lock).

Exit codes: 0 planned (or written); 1 not written — an option matches no theme, or the records as
planned would have problems, or a file changed meanwhile; 2 the export or the arguments cannot be
used (a file too large, not a CSV or xlsx, a column or meeting that is not there).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from schema.intake import IntakePlan
    from schema.words.catalogue import Catalogue


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "intake", help="take a form's export into a meeting: the survey tallied, the questions by theme",
        description="Read a form tool's export (Microsoft Forms, Google Forms, LoGoフォーム: CSV in "
        "UTF-8 or Shift_JIS, or xlsx; at most 5 MB) and fill the meeting's survey item (survey: "
        "responses, and the ranking of the themes chosen, with votes and tied ranks) or its "
        "consultation item (questions: each question under its theme's topic, with the asking local "
        "government). Shows what would change as daicho diff does; writes only with --write.",
        epilog="Exit codes: 0 planned or written; 1 not written (an option matches no theme, the "
        "records would have problems, a file changed meanwhile); 2 the export or an argument cannot "
        "be used.",
    )
    parser.add_argument("what", choices=("survey", "questions"),
                        help="survey: tally the chosen themes; questions: take the questions in by theme")
    parser.add_argument("file", type=Path, metavar="FILE", help="the export (.csv or .xlsx)")
    parser.add_argument("--meeting", required=True, metavar="ID", help="the meeting's id (its file name "
                        "without .toml)")
    parser.add_argument("--column", metavar="HEADER",
                        help="survey: the column of the chosen options; questions: the column of "
                        "questions, beside a column of themes (default: found from the headers and cells)")
    parser.add_argument("--theme-column", metavar="HEADER",
                        help="questions: the column of themes, beside a column of questions")
    parser.add_argument("--org-column", metavar="HEADER",
                        help="the column of the respondents' organisations (default: found from the headers)")
    parser.add_argument("--map", action="append", default=[], metavar="OPTION=THEME",
                        help="take OPTION (as the export words it) for the theme THEME (an id); kept as an "
                        "alias of the theme in themes.toml, so that the next intake needs no --map")
    parser.add_argument("--item", type=int, metavar="N",
                        help="the agenda item (from 1) to fill, where the meeting has several of its kind")
    parser.add_argument("--write", action="store_true", help="write the changes (default: only show them)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from daicho.output import catalogue
    from schema.edit.session import EditSession, SaveFailed
    from schema.intake import (
        IntakeError,
        QuestionOptions,
        SurveyOptions,
        apply_plan,
        parse_maps,
        plan_questions,
        plan_survey,
        read_export,
    )
    from schema.load.loader import parse_repository
    from schema.words.messages import say

    cat = catalogue(getattr(args, "lang", None))
    if args.what == "survey" and args.theme_column:
        return _fail(cat.render(say("intake_bad_option", option="--theme-column")))
    try:
        maps = parse_maps(args.map)
        export = read_export(args.file)
        session = EditSession(args.repo, parse_repository(args.repo), keep_current=False)  # ends with its save
        if args.what == "survey":
            plan = plan_survey(session, export, args.meeting,
                               SurveyOptions(args.column, maps, args.item, args.org_column))
        else:
            plan = plan_questions(session, export, args.meeting,
                                  QuestionOptions(args.theme_column, args.column, maps, args.item, args.org_column))
    except IntakeError as exc:
        for problem in exc.problems:
            print(problem.format_text(cat), file=sys.stderr)
        return _fail(cat.render(exc.said), EXIT_PROBLEMS if exc.problems else EXIT_USAGE)
    _show(plan, cat)
    if plan.blocked:
        for problem in plan.problems:
            print(problem.format_text(cat), file=sys.stderr)
        if plan.problems:
            print(f"daicho intake: {cat.render(say('intake_plan_problems'))}", file=sys.stderr)
        return _fail(cat.render(say("intake_blocked")), EXIT_PROBLEMS)
    if not plan.changes:
        print(cat.render(say("intake_no_change")))
        return EXIT_OK
    if not args.write:
        print(cat.render(say("intake_would_write")))
        return EXIT_OK
    try:
        written = apply_plan(session, plan)
    except IntakeError as exc:
        for problem in exc.problems:
            print(problem.format_text(cat), file=sys.stderr)
        return _fail(cat.render(exc.said), EXIT_PROBLEMS)
    except SaveFailed as exc:
        return _fail(cat.render(say("intake_save_failed", file=exc.relpath, reason=exc.reason)),
                     EXIT_PROBLEMS if exc.changed else EXIT_USAGE)
    print(cat.render(say("intake_wrote", files=", ".join(c.relpath for c in written.changes))))
    return EXIT_OK


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    from schema.words.sanitize import printable

    print(printable(f"daicho intake: {message}"), file=sys.stderr)
    return code


def _show(plan: IntakePlan, cat: Catalogue) -> None:
    """The findings, then the changes as daicho diff lays them out."""
    from daicho import diffformat
    from daicho.diff import use_colour
    from schema.words.sanitize import printable

    for finding in plan.findings:
        mark = "✖ " if finding.blocking else ""
        print(printable(mark + cat.render(finding.said)))
    if plan.changes:
        report = plan.report()
        print()
        print("\n".join(diffformat.row_lines(list(diffformat.rows(report)), use_colour())))
        print()
        print(diffformat.summary(report))
