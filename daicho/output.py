"""Printing problems for people (text), for GitHub Actions (annotations) and for programs (JSON).

Output is bounded whatever the repository holds: at most MAX_LISTED problems are listed (each file
already lists at most `problems.MAX_REPEATS` of a code), then one line says how many more there
are; the GitHub job summary stays under GitHub's limit of 1 MiB. Every file name and message is
shown through `schema.words.sanitize` (by `Problem`'s display methods), so no record or file name can
write a workflow command, a terminal escape, or a link, image or HTML into the job summary.

Messages are in the catalogue's language (`--lang`, else the locale: `catalogue`), the summary line
too. JSON keeps `message` and `title` in English for programs and adds `message_localized` and
`title_localized` in that language.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TextIO

from schema.words.catalogue import Catalogue
from schema.words.i18n import resolve_lang
from schema.words.messages import Message, say
from schema.words.problems import CODES, Problem, outside_checked, weight
from schema.words.sanitize import json_text, markdown_code, printable

GITHUB_ANNOTATION_LIMIT = 10
MAX_LISTED = 1000
"""Problems listed in any format; the rest are counted."""
STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses a job summary larger than 1 MiB (the whole file, whatever wrote to it before)."""
_SUMMARY_RESERVE = 4096
"""Bytes kept for the lines that close the summary."""

NOT_LISTED = "E115"


def catalogue(lang: str | None) -> Catalogue:
    """The catalogue of `--lang`, else of the locale (LC_ALL, LC_MESSAGES, LANG)."""
    return Catalogue(resolve_lang(lang))


@cache
def english() -> Catalogue:
    """The English catalogue (made on first use: a command that prints nothing reads no catalogue)."""
    return Catalogue("en")


def print_problems(problems: Sequence[Problem], fmt: str, out: TextIO, files: int,
                   cat: Catalogue | None = None) -> None:
    cat = cat or english()
    listed = problems[:MAX_LISTED]
    if fmt == "json":
        rows = [p.as_dict(cat) for p in listed]
        if len(problems) > len(listed):
            more = not_listed(problems, len(listed))
            rows.append({"path": None, "line": None, "col": None, "code": NOT_LISTED, "title": CODES[NOT_LISTED],
                         "message": more.text, "title_localized": cat.t(f"problem_code.{NOT_LISTED}"),
                         "message_localized": cat.render(more)})
        out.write(json_text(rows))
    elif fmt == "github":
        _print_github(problems, out, files, cat)
    else:
        for problem in listed:
            out.write(problem.format_text(cat) + "\n")
        if len(problems) > len(listed):
            out.write(f"{NOT_LISTED} {cat.render(not_listed(problems, len(listed)))}\n")
        out.write(summary_line(problems, files, cat) + "\n")


def not_listed(problems: Sequence[Problem], listed: int) -> Message:
    rest = problems[listed:]
    count = sum(weight(p) for p in rest)
    in_files = len({p.path for p in rest})
    what = say("count_problem" if count == 1 else "count_problems", count=f"{count:,}")
    where = say("count_file" if in_files == 1 else "count_files", count=f"{in_files:,}")
    return say("not_listed", problems=what, files=where)


def summary_line(problems: Sequence[Problem], files: int, cat: Catalogue | None = None) -> str:
    """How many problems of which codes, in how many of the `files` data files checked; problems
    about paths that are not data files checked (a missing root file, a stray file) are counted
    apart, so that the line never says more files have problems than were checked."""
    cat = cat or english()
    if not problems:
        return cat.render(say("summary_clean", files=files))
    in_files = len({p.path for p in problems if not outside_checked(p)})
    others = len({p.path for p in problems if outside_checked(p)})
    codes: Counter[str] = Counter()
    for problem in problems:
        codes[problem.code] += weight(problem)
    total = sum(codes.values())
    by_code = cat.separator.join(f"{code}×{n}" for code, n in sorted(codes.items()))
    what = say("summary_one" if total == 1 else "summary", count=total)
    if not others:
        return cat.render(say("summary_line", problems=what, in_files=in_files, files=files, codes=by_code))
    if not files:
        return cat.render(say("summary_line_unchecked", problems=what, others=others, codes=by_code))
    return cat.render(say("summary_line_others", problems=what, in_files=in_files, files=files, others=others,
                          codes=by_code))


def _title(problem: Problem, cat: Catalogue) -> str:
    """What the problem's code means: in English the words CI logs have always shown."""
    return problem.title if cat.lang == "en" else cat.problem_title(problem)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _print_github(problems: Sequence[Problem], out: TextIO, files: int, cat: Catalogue) -> None:
    """GitHub shows ten annotations per step: annotate ten, and list the rest in the step summary."""
    for problem in problems[:GITHUB_ANNOTATION_LIMIT]:
        # file name, title and message made printable: no line break in any
        props = [f"file={_escape_property(printable(problem.path))}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        if problem.col is not None:
            props.append(f"col={problem.col}")
        title = printable(f"{problem.code} {_title(problem, cat)}")
        props.append(f"title={_escape_property(title)}")
        out.write(f"::error {','.join(props)}::{_escape_data(problem.text(cat))}\n")
    rest = len(problems) - GITHUB_ANNOTATION_LIMIT
    if rest > 0:
        out.write(f"::notice title=daicho::{_escape_data(cat.render(say('see_job_summary', count=rest)))}\n")
    out.write(summary_line(problems, files, cat) + "\n")
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        _write_step_summary(Path(summary_path), problems, files, cat)


def print_github_files(paths: Sequence[str], out: TextIO, cat: Catalogue) -> None:
    """Files not in the canonical layout (`daicho fmt --check --format github`): an annotation on
    each of the first ten, a notice for the rest, and the whole list in the job summary."""
    title = _escape_property(cat.render(say("fmt.title")))
    for path in paths[:GITHUB_ANNOTATION_LIMIT]:
        shown = printable(path)
        message = cat.render(say("fmt.annotation", path=shown))
        out.write(f"::error file={_escape_property(shown)},title={title}::{_escape_data(message)}\n")
    rest = len(paths) - GITHUB_ANNOTATION_LIMIT
    if rest > 0:
        out.write(f"::notice title=daicho::{_escape_data(cat.render(say('fmt.more', count=rest)))}\n")
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not paths or not summary_path:
        return
    lines = ["## daicho fmt", "", cat.render(say("fmt.summary", count=len(paths))), ""]
    lines += [f"- {markdown_code(path)}" for path in paths[:MAX_LISTED]]
    if len(paths) > MAX_LISTED:
        lines.append(f"- … ({len(paths) - MAX_LISTED:,})")
    text = "\n".join(lines) + "\n"
    try:
        summary = Path(summary_path)
        used = summary.stat().st_size if summary.exists() else 0
        if used + len(text.encode("utf-8")) <= STEP_SUMMARY_LIMIT:
            with summary.open("a", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
    except OSError:
        pass  # the annotations and the log already carry the first ten


def step_summary(problems: Sequence[Problem], files: int, budget: int, cat: Catalogue | None = None) -> str:
    """The job summary in at most `budget` bytes (UTF-8): a table of the problems, as many as fit
    (MAX_LISTED at most), then how many more there are. Every cell that comes from a file is a code
    span, so it shows as written."""
    cat = cat or english()
    head = ["## daicho validate", "", summary_line(problems, files, cat), ""]
    if not problems:
        return "\n".join(head) + "\n"
    lines = [*head, cat.render(say("summary_table_head")), "|---|---|---|"]
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    listed = 0
    for problem in problems[:MAX_LISTED]:
        row = f"| {markdown_code(problem.location())} | {problem.code} | {markdown_code(problem.text(cat))} |"
        row_size = len(row.encode("utf-8")) + 1
        if size + row_size > budget - _SUMMARY_RESERVE:
            break
        lines.append(row)
        size += row_size
        listed += 1
    if listed < len(problems):
        lines += ["", cat.render(say("not_listed_in_summary", more=not_listed(problems, listed)))]
    return "\n".join(lines) + "\n"


def _write_step_summary(path: Path, problems: Sequence[Problem], files: int, cat: Catalogue) -> None:
    try:
        used = path.stat().st_size if path.exists() else 0
        budget = STEP_SUMMARY_LIMIT - used
        if budget <= _SUMMARY_RESERVE:
            return  # the summary is full already: the log carries everything
        with path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(step_summary(problems, files, budget, cat))
    except OSError:
        pass  # the annotations and the log already carry everything
