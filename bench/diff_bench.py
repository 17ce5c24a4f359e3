"""`daicho diff` on the synthetic nationwide repository (issue 11's targets: ≤ 0.3 s for a change of
one meeting, ≤ 2 s for 100 changed meetings).

The repository is copied into a temporary folder and committed with git; each case then changes
meetings in the working tree and times the whole `daicho diff` process (the merge base of main
and the working tree) a few times. Two kinds of change: a text edit (a title: no reference can
dangle, so nothing is loaded) and a reference edit (a theme of the meeting replaced: the changed
meetings and the root files go through the loader).

Then the pathological texts of issue 19 (item 4), each a field of one meeting committed and
changed, through `daicho diff --format markdown` as the pull-request workflow runs it: a text of
19,990 characters over ten letters with 21 of them changed, and `"ab"*9999` → `"ba"*9999`. By
character, difflib took 81.7 s and 28.9 s on them; the work budget of `schema.diff.chars` bounds
them (they are compared by sentence, and the report says so).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TARGETS = {1: 0.3, 100: 2.0}
"""Changed meetings → the target, in seconds."""
_GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@daicho.invalid",
            "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@daicho.invalid",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
_THEMES = re.compile(r'^themes = \[\n    "([a-z0-9-]+)"', re.MULTILINE)
_TITLE = re.compile(r'^title = "', re.MULTILINE)


@dataclass
class DiffCase:
    label: str
    meetings: int
    seconds: list[float]
    failure: str = ""
    pathological: bool = False
    """A case of issue 19's texts: no target, it must only end (its time is quoted)."""

    def cell(self) -> str:
        if self.failure:
            return f"failed: {self.failure}"
        return f"{statistics.median(self.seconds):.3f} s ({min(self.seconds):.3f})"

    def verdict(self) -> str:
        if self.pathological:
            return "(bounded work; was 81.7 s / 28.9 s)"
        if self.failure or not self.seconds:
            return "n/a"
        met = statistics.median(self.seconds) <= TARGETS[self.meetings]
        return f"≤ {TARGETS[self.meetings]} s {'**met**' if met else '**not met**'}"


def measure(repo: Path, runs: int, log: Callable[[str], None]) -> list[DiffCase]:
    bin_dir = Path(sys.executable).parent
    daicho = [str(bin_dir / "daicho")] if (bin_dir / "daicho").exists() else [
        sys.executable, "-c", "import sys; from daicho.main import entry; entry()"]
    with tempfile.TemporaryDirectory(prefix="daicho-diff-bench-") as tmp:
        work = Path(tmp) / "repo"
        shutil.copytree(repo, work, ignore=shutil.ignore_patterns(".daicho-cache", ".git"))
        for args in (["init", "--quiet", "--initial-branch", "main"], ["add", "--all"],
                     ["commit", "--quiet", "--message", "synthetic repository"]):
            _git(work, *args)
        meetings = sorted(work.glob("meetings/*.toml"))
        themes = re.findall(r"^\[themes\.([a-z0-9-]+)\]", (work / "themes.toml").read_text(encoding="utf-8"),
                            re.MULTILINE)
        cases = []
        for count in TARGETS:
            chosen = meetings[:: max(1, len(meetings) // count)][:count]
            for kind, edit in (("text", _edit_title), ("reference", lambda text: _edit_theme(text, themes))):
                label = f"{count} meeting{'s' if count > 1 else ''} changed ({kind})"
                log(f"daicho diff: {label}")
                for path in chosen:
                    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
                cases.append(_time(label, count, len(chosen), [*daicho, "--repo", str(work), "diff"], work, runs))
                _git(work, "checkout", "--quiet", "--", ".")
        for label, (old, new) in pathological_texts().items():
            log(f"daicho diff: {label}")
            path = meetings[0]
            original = path.read_text(encoding="utf-8")
            path.write_text(f'bench_text = "{old}"\n{original}', encoding="utf-8")
            _git(work, "commit", "--quiet", "--all", "--message", "a long text")
            path.write_text(f'bench_text = "{new}"\n{original}', encoding="utf-8")
            argv = [*daicho, "--repo", str(work), "diff", "--format", "markdown", "HEAD"]
            case = _time(label, 1, 1, argv, work, runs, summary="1 file, 1 change")
            case.pathological = True
            cases.append(case)
            _git(work, "checkout", "--quiet", "--", ".")
    return cases


def pathological_texts() -> dict[str, tuple[str, str]]:
    """Issue 19's texts that a character diff took minutes on: label → (old, new)."""
    rng = random.Random(19)
    old = "".join(rng.choice("あいうえおかきくけこ") for _ in range(19_990))
    new = "".join("ん" if n % 997 == 0 else char for n, char in enumerate(old))
    return {"a 19,990-character text, 21 characters changed (Markdown)": (old, new),
            '"ab"*9999 → "ba"*9999 (Markdown)': ("ab" * 9999, "ba" * 9999)}


def table(cases: list[DiffCase], runs: int) -> str:
    lines = ["", "`daicho diff` (bench/diff_bench.py): a git copy of the repository, meetings changed in the "
             f"working tree, the whole process; median (min) of {runs} runs:", "",
             "| change | daicho diff | target |", "|---|---|---|"]
    lines += [f"| {case.label} | {case.cell()} | {case.verdict()} |" for case in cases]
    return "\n".join(lines) + "\n"


def _time(label: str, count: int, changed: int, argv: list[str], cwd: Path, runs: int,
          summary: str | None = None) -> DiffCase:
    """Time `argv` `runs` times; a run that fails or does not report `changed` files (or `summary`)
    stops the case."""
    case = DiffCase(label, count, [])
    expected = summary or f"\n{changed} file{'s' if changed > 1 else ''}, "
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
        case.seconds.append(time.perf_counter() - start)
        if done.returncode != 0 or expected not in done.stdout:
            lines = (done.stderr or done.stdout).strip().splitlines()
            case.failure = f"exit {done.returncode}: {lines[-1] if lines else 'no output'}"
            break
    return case


def _edit_title(text: str) -> str:
    return _TITLE.sub('title = "改訂 ', text, count=1)


def _edit_theme(text: str, themes: list[str]) -> str:
    found = _THEMES.search(text)
    if found is None:
        return _edit_title(text)
    other = next(t for t in themes if t != found[1])
    return text[:found.start(1)] + other + text[found.end(1):]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **_GIT_ENV}, check=True, capture_output=True)
