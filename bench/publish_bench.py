"""`daicho export`, `daicho render` and `daicho report` on the synthetic nationwide repository
(issue 11's targets: the export of the whole repository ≤ 3 s, the report of one meeting ≤ 0.3 s;
`daicho report` is timed without a target).

Each case times the whole process a few times. The export runs cold (validate's cache deleted
before each run: every file is checked, then the tables are made) and warm (the cache filled by a
previous run, as after `daicho validate`); render and report run with the cache as it is.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CACHE_DIR = ".daicho-cache"
EXPORT_TARGET = 3.0
"""Seconds: the export of the whole repository, cold and warm."""
RENDER_TARGET = 0.3
"""Seconds: the report of one meeting, in either format."""


@dataclass
class Case:
    label: str
    target: float | None
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User + system seconds of the process and its pool's workers (what the load of the machine
    does not change much)."""
    failure: str = ""

    def cell(self) -> str:
        if self.failure:
            return f"failed: {self.failure}"
        return f"{statistics.median(self.seconds):.3f} s ({min(self.seconds):.3f})"

    def cpu_cell(self) -> str:
        return f"{statistics.median(self.cpu):.2f}" if self.cpu and not self.failure else "—"

    def verdict(self) -> str:
        if self.target is None:
            return "(no target)"
        if self.failure or not self.seconds:
            return "n/a"
        met = statistics.median(self.seconds) <= self.target
        return f"≤ {self.target} s {'**met**' if met else '**not met**'}"


def measure(repo: Path, runs: int, log: Callable[[str], None]) -> list[Case]:
    bin_dir = Path(sys.executable).parent
    daicho = [str(bin_dir / "daicho")] if (bin_dir / "daicho").exists() else [
        sys.executable, "-c", "import sys; from daicho.main import entry; entry()"]
    base = [*daicho, "--repo", str(repo)]
    meetings = sorted((repo / "meetings").glob("*.toml"))
    meeting = max(meetings[len(meetings) // 2:len(meetings) // 2 + 50], key=lambda p: p.stat().st_size).stem
    with tempfile.TemporaryDirectory(prefix="daicho-publish-bench-") as tmp:
        out = Path(tmp) / "opendata"

        def clear() -> None:
            shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)

        cases = [
            _time(Case("export, cold (every file checked)", EXPORT_TARGET), [*base, "export", "--output", str(out)],
                  runs, log, before=clear, check=lambda: (out / "daicho.sqlite").is_file()),
            _time(Case("export, warm (validate's cache filled)", EXPORT_TARGET),
                  [*base, "export", "--output", str(out)], runs, log),
            _time(Case(f"render meeting {meeting} (Markdown)", RENDER_TARGET), [*base, "render", "meeting", meeting],
                  runs, log),
            _time(Case(f"render meeting {meeting} --format html", RENDER_TARGET),
                  [*base, "render", "meeting", meeting, "--format", "html"], runs, log),
            _time(Case("report (text)", None), [*base, "report"], runs, log),
            _time(Case("report --format csv", None), [*base, "report", "--format", "csv"], runs, log),
        ]
        clear()
    return cases


def table(cases: list[Case], runs: int) -> str:
    lines = ["", "`daicho export`, `render` and `report` (bench/publish_bench.py): the whole process on the "
             f"repository; median (min) of {runs} runs:", "",
             "| command | time | CPU s | target |", "|---|---|---|---|"]
    lines += [f"| {case.label} | {case.cell()} | {case.cpu_cell()} | {case.verdict()} |" for case in cases]
    return "\n".join(lines) + "\n"


def _time(case: Case, argv: list[str], runs: int, log: Callable[[str], None],
          before: Callable[[], None] | None = None, check: Callable[[], bool] | None = None) -> Case:
    """Run `argv` once untimed (to warm what it reads), then `runs` times; a failing run stops the case."""
    log(f"daicho {case.label}")
    for n in range(runs + 1):
        if before is not None:
            before()
        before_cpu = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        cpu = _children_cpu() - before_cpu
        if done.returncode != 0 or (check is not None and not check()):
            lines = (done.stderr or done.stdout).strip().splitlines()
            case.failure = f"exit {done.returncode}: {lines[-1] if lines else 'no output'}"
            break
        if n > 0:
            case.seconds.append(seconds)
            case.cpu.append(cpu)
    return case


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
