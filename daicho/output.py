"""Printing problems for people (text), for GitHub Actions (annotations) and for programs (JSON).

Output is bounded whatever the repository holds: at most MAX_LISTED problems are listed (each file
already lists at most `problems.MAX_REPEATS` of a code), then one line says how many more there
are; the GitHub job summary stays under GitHub's limit of 1 MiB. Every file name and message is
shown through `schema.sanitize` (by `Problem`'s display methods), so no record or file name can
write a workflow command, a terminal escape, or a link, image or HTML into the job summary.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from schema.problems import CODES, Problem, weight
from schema.sanitize import markdown_code

GITHUB_ANNOTATION_LIMIT = 10
MAX_LISTED = 1000
"""Problems listed in any format; the rest are counted."""
STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses a job summary larger than 1 MiB (the whole file, whatever wrote to it before)."""
_SUMMARY_RESERVE = 4096
"""Bytes kept for the lines that close the summary."""

NOT_LISTED = "E115"


def print_problems(problems: Sequence[Problem], fmt: str, out: TextIO, files: int) -> None:
    listed = problems[:MAX_LISTED]
    if fmt == "json":
        rows = [p.as_dict() for p in listed]
        if len(problems) > len(listed):
            rows.append({"path": None, "line": None, "col": None, "code": NOT_LISTED,
                         "title": CODES[NOT_LISTED], "message": not_listed(problems, len(listed))})
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "github":
        _print_github(problems, out, files)
    else:
        for problem in listed:
            out.write(problem.format_text() + "\n")
        if len(problems) > len(listed):
            out.write(f"{NOT_LISTED} {not_listed(problems, len(listed))}\n")
        out.write(summary_line(problems, files) + "\n")


def not_listed(problems: Sequence[Problem], listed: int) -> str:
    rest = problems[listed:]
    count = sum(weight(p) for p in rest)
    in_files = len({p.path for p in rest})
    return (f"… and {count:,} more problem{'' if count == 1 else 's'} in {in_files:,} "
            f"file{'' if in_files == 1 else 's'}, not listed (fix these and run daicho validate again)")


def summary_line(problems: Sequence[Problem], files: int) -> str:
    if not problems:
        return f"{files} files checked, no problems"
    in_files = len({p.path for p in problems})
    codes: Counter[str] = Counter()
    for problem in problems:
        codes[problem.code] += weight(problem)
    total = sum(codes.values())
    by_code = ", ".join(f"{code}×{n}" for code, n in sorted(codes.items()))
    noun = "problem" if total == 1 else "problems"
    return f"{total} {noun} in {in_files} of {files} files ({by_code})"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _print_github(problems: Sequence[Problem], out: TextIO, files: int) -> None:
    """GitHub shows ten annotations per step: annotate ten, and list the rest in the step summary."""
    for problem in problems[:GITHUB_ANNOTATION_LIMIT]:
        shown = problem.as_dict()  # file name and message made printable: no line break in either
        props = [f"file={_escape_property(str(shown['path']))}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        if problem.col is not None:
            props.append(f"col={problem.col}")
        props.append(f"title={_escape_property(problem.code + ' ' + problem.title)}")
        out.write(f"::error {','.join(props)}::{_escape_data(str(shown['message']))}\n")
    rest = len(problems) - GITHUB_ANNOTATION_LIMIT
    if rest > 0:
        out.write(f"::notice title=daicho::{rest} more problems; see the job summary\n")
    out.write(summary_line(problems, files) + "\n")
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        _write_step_summary(Path(summary_path), problems, files)


def step_summary(problems: Sequence[Problem], files: int, budget: int) -> str:
    """The job summary in at most `budget` bytes (UTF-8): a table of the problems, as many as fit
    (MAX_LISTED at most), then how many more there are. Every cell that comes from a file is a code
    span, so it shows as written."""
    head = ["## daicho validate", "", summary_line(problems, files), ""]
    if not problems:
        return "\n".join(head) + "\n"
    lines = [*head, "| location | code | problem |", "|---|---|---|"]
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    listed = 0
    for problem in problems[:MAX_LISTED]:
        shown = problem.as_dict()
        row = f"| {markdown_code(problem.location())} | {problem.code} | {markdown_code(str(shown['message']))} |"
        row_size = len(row.encode("utf-8")) + 1
        if size + row_size > budget - _SUMMARY_RESERVE:
            break
        lines.append(row)
        size += row_size
        listed += 1
    if listed < len(problems):
        lines += ["", not_listed(problems, listed) + "; `daicho validate` lists them"]
    return "\n".join(lines) + "\n"


def _write_step_summary(path: Path, problems: Sequence[Problem], files: int) -> None:
    try:
        used = path.stat().st_size if path.exists() else 0
        budget = STEP_SUMMARY_LIMIT - used
        if budget <= _SUMMARY_RESERVE:
            return  # the summary is full already: the log carries everything
        with path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(step_summary(problems, files, budget))
    except OSError:
        pass  # the annotations and the log already carry everything
