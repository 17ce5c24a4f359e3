"""Printing problems for people (text), for GitHub Actions (annotations) and for programs (JSON)."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from schema.problems import Problem

GITHUB_ANNOTATION_LIMIT = 10


def print_problems(problems: Sequence[Problem], fmt: str, out: TextIO, files: int) -> None:
    if fmt == "json":
        json.dump([p.as_dict() for p in problems], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "github":
        _print_github(problems, out, files)
    else:
        for problem in problems:
            out.write(problem.format_text() + "\n")
        out.write(summary_line(problems, files) + "\n")


def summary_line(problems: Sequence[Problem], files: int) -> str:
    if not problems:
        return f"{files} files checked, no problems"
    in_files = len({p.path for p in problems})
    codes = Counter(p.code for p in problems)
    by_code = ", ".join(f"{code}×{n}" for code, n in sorted(codes.items()))
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun} in {in_files} of {files} files ({by_code})"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _print_github(problems: Sequence[Problem], out: TextIO, files: int) -> None:
    """GitHub shows ten annotations per step: annotate ten, and list all in the step summary."""
    for problem in problems[:GITHUB_ANNOTATION_LIMIT]:
        props = [f"file={_escape_property(problem.path)}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        if problem.col is not None:
            props.append(f"col={problem.col}")
        props.append(f"title={_escape_property(problem.code + ' ' + problem.title)}")
        out.write(f"::error {','.join(props)}::{_escape_data(problem.message)}\n")
    rest = len(problems) - GITHUB_ANNOTATION_LIMIT
    if rest > 0:
        out.write(f"::notice title=daicho::{rest} more problems; see the job summary\n")
    out.write(summary_line(problems, files) + "\n")
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        _write_step_summary(Path(summary_path), problems, files)


def _write_step_summary(path: Path, problems: Sequence[Problem], files: int) -> None:
    lines = ["## daicho validate", "", summary_line(problems, files), ""]
    if problems:
        lines += ["| location | code | problem |", "|---|---|---|"]
        for p in problems:
            message = p.message.replace("|", "\\|")
            lines.append(f"| `{p.location()}` | {p.code} | {message} |")
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    except OSError:
        pass  # the annotations and the log already carry everything
