"""Measure daicho against its peers on the synthetic nationwide repository (the targets: bench/README.md).

    python -m bench.run [--runs 5] [--keep]        (or: make bench)

1. Generates the repository into bench/out/nationwide (reused when present and written by the
   same generator version with the same arguments).
2. Installs the peers into bench/.peers/ (git-ignored): a virtual environment with the PyPI
   packages `taplo` and `check-jsonschema`; npm's `@taplo/cli` into bench/.peers/node when the taplo
   wheel cannot be installed. A peer that cannot be installed is reported in its row.
3. Times, side by side and interleaved round by round, the whole process (wall clock from spawn to
   exit) of: daicho validate, daicho fmt --check, taplo lint (the exported JSON Schemas through the
   repository's .taplo.toml), check-jsonschema (one invocation per schema, summed), taplo fmt
   --check, and a bare tomli parse of every file (the floor). Peak memory is the largest resident
   set of the process and the children it waited for (`wait4`'s ru_maxrss).
   - cold: no daicho cache (`<repo>/.daicho-cache` deleted before each daicho run);
   - warm: the cache filled by a previous run, then one meeting file changed (its note, written by
     the project's writer) before each timed run; the file is restored at the end.
4. Runs bench/tui_bench.py's `measure(repo)` (first screen, filter keystroke) when it exists, then
   the pseudo-terminal benches bench/tui_e2e.py (browsing) and bench/edit_e2e.py (editing, on a
   copy of the repository).
5. Prints a Markdown table with the ratios and the targets of bench/README.md, and writes it to
   bench/out/results.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import (
    MARKER,
    PROJECT,
    GenerateError,
    generate,
    version_key,
    write_taplo_config,
)
from schema.load.importer import ReferenceListError

BENCH = PROJECT / "bench"
OUT = BENCH / "out"
REPO = OUT / "nationwide"
RESULTS = OUT / "results.md"
PEERS = BENCH / ".peers"
CACHE_DIR = ".daicho-cache"
SCHEMAS = PROJECT / "schema" / "json"
SCHEMA_FILES = {  # schema → the files it describes (relative to the repository)
    "themes": ["themes.toml"],
    "municipalities": ["municipalities.toml"],
    "advisors": ["advisors.toml"],
    "meeting": ["meetings/*.toml"],
}
TUI_TIMEOUT = 600

FLOOR = """\
import sys
from pathlib import Path
import tomli
root = Path(sys.argv[1])
files = [root / n for n in ("themes.toml", "municipalities.toml", "advisors.toml")]
files += sorted((root / "meetings").glob("*.toml"))
for path in files:
    tomli.loads(path.read_bytes().decode("utf-8"))
"""


# ---------------------------------------------------------------------------------------------
# Running a command


@dataclass
class Sample:
    seconds: float
    max_rss_kb: int
    returncode: int
    output: str = ""
    cpu_seconds: float = 0.0
    """User + system time of the process and its children (more than wall time when parallel)."""


@dataclass
class Measured:
    """One row of the table: the samples of one command in the cold and the warm rounds."""

    label: str
    argv: list[list[str]] | None
    """One or more command lines run one after the other as one measurement (times summed)."""
    daicho: bool = False
    warm_too: bool = True
    problem: str | None = None
    """Why the command cannot run (a peer that did not install)."""
    cold: list[Sample] = field(default_factory=list)
    warm: list[Sample] = field(default_factory=list)

    def peak_mb(self) -> float | None:
        samples = self.cold + self.warm
        return max(s.max_rss_kb for s in samples) / 1024 if samples else None

    def failures(self) -> list[Sample]:
        return [s for s in self.cold + self.warm if s.returncode != 0]


def run_once(argv: list[str], cwd: Path) -> Sample:
    """Spawn, wait, and take the wall time and the child's resource usage from `wait4`."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        try:
            process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=output,
                                       stderr=subprocess.STDOUT)
        except OSError as exc:
            return Sample(0.0, 0, 127, f"cannot run {argv[0]}: {exc}")
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        text = ""
        if process.returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", errors="replace")[-2000:]
    return Sample(seconds, usage.ru_maxrss, process.returncode, text,
                  usage.ru_utime + usage.ru_stime)


def run_measure(row: Measured, cwd: Path) -> Sample:
    """Run every command line of a row; times add up, the peak is the largest, any failure shows."""
    assert row.argv is not None
    total = Sample(0.0, 0, 0)
    for argv in row.argv:
        sample = run_once(argv, cwd)
        total.seconds += sample.seconds
        total.cpu_seconds += sample.cpu_seconds
        total.max_rss_kb = max(total.max_rss_kb, sample.max_rss_kb)
        if sample.returncode != 0 and total.returncode == 0:
            total.returncode, total.output = sample.returncode, sample.output
    return total


# ---------------------------------------------------------------------------------------------
# The repository


def ensure_repository(repo: Path, meetings: int, advisors: int, log: Callable[[str], None]) -> str:
    """Generate the repository unless a matching one is there; returns what was done."""
    wanted = {"version": version_key(), "meetings": meetings, "advisors": advisors,
              "municipalities": None}
    try:
        marker = json.loads((repo / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        marker = {}
    if all(marker.get(k) == v for k, v in wanted.items()):
        write_taplo_config(repo)  # the project's .taplo.toml may have changed since
        return f"reused (generator {wanted['version']})"
    log(f"generating {repo} …")
    start = time.perf_counter()
    summary = generate(repo, meetings=meetings, advisors=advisors)
    log(summary.describe())
    return f"generated in {time.perf_counter() - start:.1f} s (generator {wanted['version']})"


def repository_stats(repo: Path) -> str:
    files = [repo / n for n in ("themes.toml", "municipalities.toml", "advisors.toml")]
    meetings = sorted((repo / "meetings").glob("*.toml"))
    size = sum(p.stat().st_size for p in [*files, *meetings])
    marker = json.loads((repo / MARKER).read_text(encoding="utf-8"))
    lgs = sum(1 for line in (repo / "municipalities.toml").open(encoding="utf-8")
              if line.startswith("[municipalities."))
    return (f"{len(files) + len(meetings):,} files, {size / 1e6:.1f} MB of TOML — {lgs:,} local "
            f"governments ({marker.get('reference')}), {marker.get('advisors')} advisors, "
            f"{len(meetings):,} meetings")


def data_globs(repo: Path, patterns: Sequence[str]) -> list[str]:
    out: list[str] = []
    for pattern in patterns:
        out.extend(sorted(p.relative_to(repo).as_posix() for p in repo.glob(pattern)))
    return out


@contextlib.contextmanager
def changing_meeting(repo: Path) -> Iterator[Callable[[int], None]]:
    """Yield a function that changes one meeting file (round n → a new note); restore it after."""
    import tomli

    from schema.models import Meeting
    from schema.models.writer import dumps_model

    files = sorted((repo / "meetings").glob("*.toml"))
    path = files[len(files) // 2]
    original = path.read_bytes()
    meeting = Meeting.model_validate(tomli.loads(original.decode("utf-8")))

    def change(n: int) -> None:
        note = f"{meeting.note} " if meeting.note else ""
        changed = meeting.model_copy(update={"note": f"{note}ベンチマークによる変更 {n}"})
        path.write_bytes(dumps_model(changed).encode("utf-8"))

    try:
        yield change
    finally:
        path.write_bytes(original)


# ---------------------------------------------------------------------------------------------
# The peers


@dataclass
class Peers:
    taplo: list[str] | None = None
    check_jsonschema: list[str] | None = None
    notes: dict[str, str] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)


def _venv_bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


def ensure_peers(log: Callable[[str], None]) -> Peers:
    """taplo and check-jsonschema in bench/.peers/venv; npm's @taplo/cli as taplo's fallback."""
    peers = Peers()
    venv = PEERS / "venv"
    taplo, cjs = _venv_bin(venv, "taplo"), _venv_bin(venv, "check-jsonschema")
    if not (taplo.exists() and cjs.exists()):
        log(f"installing taplo and check-jsonschema into {venv} …")
        made = _call([sys.executable, "-m", "venv", str(venv)])
        if made is not None:
            peers.notes["venv"] = f"cannot create {venv}: {made}"
        else:
            pip = [str(_venv_bin(venv, "python")), "-m", "pip", "install", "--quiet",
                   "--disable-pip-version-check"]
            for package, binary in (("taplo", taplo), ("check-jsonschema", cjs)):
                if not binary.exists() and (error := _call([*pip, package])) is not None:
                    peers.notes[package] = f"pip install {package} failed: {error}"
    if taplo.exists():
        peers.taplo = [str(taplo)]
    else:
        node_taplo = PEERS / "node" / "node_modules" / ".bin" / "taplo"
        if not node_taplo.exists() and shutil.which("npm"):
            log("taplo wheel not available; installing @taplo/cli with npm …")
            error = _call(["npm", "install", "--silent", "--prefix", str(PEERS / "node"),
                           "@taplo/cli"])
            if error is not None:
                peers.notes["taplo"] = f"{peers.notes.get('taplo', '')}; npm @taplo/cli: {error}"
        if node_taplo.exists():
            peers.taplo = [str(node_taplo)]
            peers.notes.pop("taplo", None)
    if cjs.exists():
        peers.check_jsonschema = [str(cjs)]
    for name, argv in (("taplo", peers.taplo), ("check-jsonschema", peers.check_jsonschema)):
        if argv:
            try:
                result = subprocess.run([*argv, "--version"], capture_output=True, text=True,
                                        timeout=60, check=False)
                version = (result.stdout.strip() or result.stderr.strip()).splitlines()[0]
                peers.versions[name] = version.removeprefix(name).strip(" ,").removeprefix(
                    "version ")
            except (OSError, subprocess.SubprocessError, IndexError):
                peers.versions[name] = "version unknown"
        else:
            peers.notes.setdefault(name, "not installed")
    return peers


def _call(argv: list[str]) -> str | None:
    """Run an installation step; None on success, else the last line of its output."""
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if result.returncode == 0:
        return None
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    return lines[-1] if lines else f"exit {result.returncode}"


# ---------------------------------------------------------------------------------------------
# The TUI


def measure_tui(repo: Path) -> tuple[dict[str, float] | None, str]:
    """bench/tui_bench.py's `measure(repo)`, in a child process; (None, why) when it cannot run."""
    if not (BENCH / "tui_bench.py").is_file():
        return None, "bench/tui_bench.py is missing"
    code = ("import json, sys; from pathlib import Path; from bench.tui_bench import measure; "
            "result = measure(Path(sys.argv[1])); "
            "sys.stdout.write('\\nRESULT ' + json.dumps({k: float(v) for k, v in result.items()}))")
    try:
        result = subprocess.run([sys.executable, "-c", code, str(repo)], cwd=PROJECT,
                                capture_output=True, text=True, timeout=TUI_TIMEOUT, check=False,
                                env={**os.environ, "PYTHONPATH": str(PROJECT)})
    except subprocess.TimeoutExpired:
        return None, f"timed out after {TUI_TIMEOUT} s"
    except OSError as exc:
        return None, str(exc)
    for line in reversed(result.stdout.splitlines()):
        if line.startswith("RESULT "):
            try:
                return json.loads(line[len("RESULT "):]), ""
            except ValueError:
                break
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return None, f"failed: {lines[-1] if lines else f'exit {result.returncode}'}"


TUI_TARGETS = (("first screen", ("first",), 1.0), ("filter keystroke", ("key", "filter"), 0.050))
"""The headless UI's targets: (what, words of the key it is reported under, limit in seconds)."""


def tui_rows(values: dict[str, float] | None) -> list[tuple[str, float | None, str | None, float]]:
    """(what, seconds, key, limit in seconds) for the two TUI targets; None where not measured."""
    rows = []
    for what, words, limit in TUI_TARGETS:
        found = None
        for key, value in (values or {}).items():
            if any(w in key.lower() for w in words):
                found = (key, value / 1000 if key.lower().endswith("_ms") else value)
                break
        rows.append((what, found[1] if found else None, found[0] if found else None, limit))
    return rows


# ---------------------------------------------------------------------------------------------
# The TUI end to end (bench/tui_e2e.py)


def tui_e2e_section(repo: Path, headless: dict[str, float] | None, headless_note: str,
                    log: Callable[[str], None]) -> str:
    """bench/tui_e2e.py's table — the real program driven through a pseudo-terminal — with the
    headless figures beside (Markdown); a line saying why when it cannot run."""
    heading = "## TUI end to end (bench/tui_e2e.py)\n\n"
    try:
        from bench import tui_e2e

        figures = tui_e2e.measure(repo, log=log)
    except Exception as exc:  # the rest of the bench stands; the section says what went wrong
        return f"{heading}n/a: {type(exc).__name__}: {exc}\n"
    finally:
        clear_cache(repo)
    return heading + tui_e2e.report(figures, headless, headless_note)


def edit_e2e_section(repo: Path, log: Callable[[str], None]) -> str:
    """bench/edit_e2e.py's table — editing in the real program, on a copy of the repository."""
    heading = "\n## Editing end to end (bench/edit_e2e.py)\n\n"
    try:
        from bench import edit_e2e

        figures, facts = edit_e2e.measure(repo, log=log)
    except Exception as exc:  # the rest of the bench stands; the section says what went wrong
        return f"{heading}n/a: {type(exc).__name__}: {exc}\n"
    return heading + edit_e2e.report(figures, facts)


# ---------------------------------------------------------------------------------------------
# The benchmark


def build_rows(repo: Path, peers: Peers) -> list[Measured]:
    bin_dir = Path(sys.executable).parent
    daicho = [str(bin_dir / "daicho")] if (bin_dir / "daicho").exists() else [
        sys.executable, "-c", "import sys; from daicho.main import entry; entry()"]
    rows = [
        Measured("daicho validate", [[*daicho, "--repo", str(repo), "validate"]], daicho=True),
        Measured("daicho fmt --check", [[*daicho, "--repo", str(repo), "fmt", "--check"]],
                 daicho=True),
    ]
    if peers.taplo:
        rows.append(Measured("taplo lint (JSON Schemas)", [[*peers.taplo, "lint"]]))
        rows.append(Measured("taplo fmt --check", [[*peers.taplo, "fmt", "--check"]]))
    else:
        rows.append(Measured("taplo lint (JSON Schemas)", None, problem=peers.notes.get("taplo")))
        rows.append(Measured("taplo fmt --check", None, problem=peers.notes.get("taplo")))
    if peers.check_jsonschema:
        argv = [[*peers.check_jsonschema, "--schemafile", str(SCHEMAS / f"{name}.schema.json"),
                 *data_globs(repo, patterns)] for name, patterns in SCHEMA_FILES.items()]
        rows.append(Measured("check-jsonschema (4 runs, one per schema)", argv, warm_too=False))
    else:
        rows.append(Measured("check-jsonschema (4 runs, one per schema)", None, warm_too=False,
                             problem=peers.notes.get("check-jsonschema")))
    rows.append(Measured("tomli parse of every file (floor)",
                         [[sys.executable, "-c", FLOOR, str(repo)]]))
    return rows


def clear_cache(repo: Path) -> None:
    shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)


PACKAGES = ("schema", "daicho", "tui")


def compile_sources(log: Callable[[str], None]) -> None:
    """Byte-compile daicho's own modules, as `make run` and `make test` do when they install: a
    user's processes read cached bytecode, whereas with PYTHONDONTWRITEBYTECODE set (as on some
    CI machines) each process would compile every module again (about 0.2 s of each start)."""
    log("byte-compiling schema/, daicho/ and tui/ …")
    subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=PROJECT, check=False)


def benchmark(repo: Path, rows: list[Measured], runs: int, log: Callable[[str], None]) -> bool:
    """Cold rounds, then warm rounds; returns whether daicho left a cache to be warm with."""
    runnable = [r for r in rows if r.argv]
    log("warming the OS file cache (one untimed run of everything) …")
    for row in runnable:
        if row.daicho:
            clear_cache(repo)
        run_measure(row, repo)
    for n in range(runs):
        log(f"cold round {n + 1}/{runs}")
        for row in _rotated(runnable, n):
            if row.daicho:
                clear_cache(repo)
            row.cold.append(run_measure(row, repo))
    clear_cache(repo)
    daicho_rows = [r for r in runnable if r.daicho]
    for row in daicho_rows:  # fill the cache
        run_measure(row, repo)
    cached = (repo / CACHE_DIR).exists()
    with changing_meeting(repo) as change:
        for n in range(runs):
            log(f"warm round {n + 1}/{runs} (one meeting changed)")
            change(n)
            for row in _rotated([r for r in runnable if r.warm_too], n):
                row.warm.append(run_measure(row, repo))
    return cached


def _rotated(rows: list[Measured], n: int) -> list[Measured]:
    """A different command first in each round, so that no command always follows the same one."""
    k = n % len(rows) if rows else 0
    return rows[k:] + rows[:k]


# ---------------------------------------------------------------------------------------------
# The report


def _median(samples: list[Sample]) -> float | None:
    return statistics.median(s.seconds for s in samples) if samples else None


def _min(samples: list[Sample]) -> float | None:
    return min(s.seconds for s in samples) if samples else None


def _cell(samples: list[Sample]) -> str:
    if not samples:
        return "—"
    return f"{statistics.median(s.seconds for s in samples):.3f} s ({min(s.seconds for s in samples):.3f})"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _verdict(value: float | None, limit: float, strict: bool = False) -> str:
    if value is None:
        return "n/a"
    met = value < limit if strict else value <= limit
    return "**met**" if met else "**not met**"


RATIOS = (
    # name, numerator row, denominator row, cold target, denominator's phase when warm, warm target
    ("validate / taplo lint", "daicho validate", "taplo lint", 0.6, "warm", 0.2),
    ("validate / check-jsonschema", "daicho validate", "check-jsonschema", 0.15, "cold", None),
    ("fmt --check / taplo fmt --check", "daicho fmt --check", "taplo fmt --check", 1.0, "warm", 0.2),
)
"""The command line's targets (bench/README.md; check-jsonschema runs in the cold rounds only)."""


def _samples(row: Measured | None, phase: str) -> list[Sample]:
    if row is None:
        return []
    return row.cold if phase == "cold" else row.warm


def _ratio_cells(num: Measured | None, num_phase: str, den: Measured | None, den_phase: str,
                 limit: float | None) -> tuple[str, str]:
    """The ratio cell — medians, minimums in parentheses — and the target cell with its verdict.

    A run that exited non-zero did not do the work being timed: no ratio, no verdict."""
    target = f"≤ {limit}" if limit is not None else "(no target)"
    a, b = _samples(num, num_phase), _samples(den, den_phase)
    codes = sorted({s.returncode for s in a + b if s.returncode != 0})
    if codes:
        failed = f"n/a (exit {', '.join(map(str, codes))})"
        return failed, f"{target} {failed}" if limit is not None else target
    median, least = _ratio(_median(a), _median(b)), _ratio(_min(a), _min(b))
    cell = f"{_fmt_ratio(median)} ({_fmt_ratio(least)})"
    return cell, f"{target} {_verdict(median, limit)}" if limit is not None else target


def report(rows: list[Measured], tui: dict[str, float] | None, tui_note: str, *, runs: int,
           repo_note: str, stats: str, peers: Peers, cached: bool, load: str = "") -> str:
    by = {r.label.split(" (")[0]: r for r in rows}
    lines = [
        "# daicho benchmark",
        "",
        f"- when: {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        + (f"; load average (1/5/15 min) {load} — other work on the machine adds noise"
           if load else ""),
        f"- repository: `{_shown(REPO)}` — {stats}; {repo_note}",
        f"- peers: {', '.join(f'{k} {v}' for k, v in peers.versions.items()) or 'none'}"
        + "".join(f"; {k}: {v}" for k, v in peers.notes.items()),
        f"- {runs} timed runs per command and phase, interleaved round by round; wall time of the "
        "whole process, **median (min)**; peak = largest resident set (ru_maxrss) of the process "
        "and its children (daicho validate checks files in a process pool when many must be "
        "checked: CPU time then exceeds wall time, and the peak is that of the largest process)",
        "- cold: `.daicho-cache` deleted before each daicho run; warm: the cache filled by a previous "
        "run and one meeting file changed before each run (taplo and the floor have no cache: their "
        "warm column is the same work, measured in the warm rounds)"
        + ("" if cached else " — **daicho left no .daicho-cache: warm equals cold**"),
        "",
        "| command | cold median (min) | warm median (min) | cold CPU s | peak MB | notes |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        if row.problem is not None or row.argv is None:
            lines.append(f"| {row.label} | n/a | n/a | n/a | n/a | {row.problem or 'not installed'} |")
            continue
        notes = []
        failures = row.failures()
        if failures:
            codes = sorted({s.returncode for s in failures})
            notes.append(f"exit {', '.join(map(str, codes))} in {len(failures)} runs!")
        if not row.warm_too:
            notes.append("no cache: warm = cold")
        peak = row.peak_mb()
        warm = _cell(row.warm) if row.warm_too else "—"
        cpu = statistics.median(s.cpu_seconds for s in row.cold) if row.cold else None
        lines.append(f"| {row.label} | {_cell(row.cold)} | {warm} | "
                     f"{'—' if cpu is None else f'{cpu:.2f}'} | "
                     f"{'—' if peak is None else f'{peak:.0f}'} | {'; '.join(notes)} |")
    tui_values = tui_rows(tui)
    used = {key for _, _, key, _ in tui_values if key}
    others = ", ".join(f"{_tui_value(k, v)} {k}" for k, v in (tui or {}).items() if k not in used)
    for n, (what, seconds, key, _) in enumerate(tui_values):
        value = "n/a" if seconds is None else f"{seconds * 1000:.0f} ms"
        note = f"`{key}`" if key else (tui_note or "not reported by tui_bench.measure")
        if n == len(tui_values) - 1 and others:
            note += f" (also: {others})"
        lines.append(f"| TUI {what} (headless, bench/tui_bench.py) | {value} | | | | {note} |")

    lines += ["", "Ratios of medians (verdicts) and, in parentheses, of minimums:", "",
              "| ratio (target: bench/README.md) | cold | cold target | warm | warm target |",
              "|---|---|---|---|---|"]
    for name, numerator, denominator, c_limit, w_phase, w_limit in RATIOS:
        num, den = by.get(numerator), by.get(denominator)
        cold, cold_target = _ratio_cells(num, "cold", den, "cold", c_limit)
        warm, warm_target = _ratio_cells(num, "warm", den, w_phase, w_limit)
        lines.append(f"| {name} | {cold} | {cold_target} | {warm} | {warm_target} |")
    for what, seconds, _, limit in tui_values:
        shown = "n/a" if seconds is None else f"{seconds * 1000:.0f} ms"
        lines.append(f"| TUI {what} | {shown} | < {limit * 1000:.0f} ms "
                     f"{_verdict(seconds, limit, strict=True)} | | |")
    for row in rows:
        for sample in row.failures()[:1]:
            lines += ["", f"`{row.label}` failed (exit {sample.returncode}); its output ended with:",
                      "", "```", sample.output.strip()[-1500:], "```"]
    return "\n".join(lines) + "\n"


def _tui_value(key: str, value: float) -> str:
    if key.endswith("_ms"):
        return f"{value:.0f} ms"
    if key.endswith("_s"):
        return f"{value * 1000:.0f} ms"
    return f"{value:,.0f}"


def _load_average() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _fmt_ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}×"


def _shown(path: Path) -> str:
    try:
        return path.relative_to(PROJECT).as_posix()
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------------------
# daicho diff


def diff_section(repo: Path, runs: int, log: Callable[[str], None]) -> str:
    """`daicho diff` for one and for 100 changed meetings (bench/diff_bench.py): a Markdown table."""
    from bench.diff_bench import measure, table

    try:
        return table(measure(repo, runs, log), runs)
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"\n`daicho diff` not measured: {exc}\n"


# ---------------------------------------------------------------------------------------------
# daicho export, render and report


def publish_section(repo: Path, runs: int, log: Callable[[str], None]) -> str:
    """`daicho export` of the whole repository, `render` of one meeting and `report`
    (bench/publish_bench.py): a Markdown table."""
    from bench.publish_bench import measure, table

    try:
        return table(measure(repo, runs, log), runs)
    except OSError as exc:
        return f"\n`daicho export`, `render` and `report` not measured: {exc}\n"


# ---------------------------------------------------------------------------------------------
# Command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command and phase")
    parser.add_argument("--keep", action="store_true",
                        help="keep bench/out/nationwide afterwards (reused by the next run); by "
                             "default it is deleted, results.md stays")
    parser.add_argument("--meetings", type=int, default=3000)
    parser.add_argument("--advisors", type=int, default=600)
    parser.add_argument("--no-tui", action="store_true",
                        help="skip bench/tui_bench.py, bench/tui_e2e.py and bench/edit_e2e.py")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    OUT.mkdir(parents=True, exist_ok=True)
    try:
        repo_note = ensure_repository(REPO, args.meetings, args.advisors, log)
    except (GenerateError, ReferenceListError) as exc:
        print(f"bench.run: cannot generate the repository: {exc}", file=sys.stderr)
        return 2
    stats = repository_stats(REPO)
    peers = ensure_peers(log)
    compile_sources(log)
    rows = build_rows(REPO, peers)
    load_before = _load_average()
    try:
        cached = benchmark(REPO, rows, args.runs, log)
        clear_cache(REPO)
        if args.no_tui:
            tui, tui_note = None, "skipped (--no-tui)"
        else:
            log("measuring the TUI (bench/tui_bench.py) …")
            tui, tui_note = measure_tui(REPO)
        e2e = "" if args.no_tui else "\n" + tui_e2e_section(REPO, tui, tui_note, log) + edit_e2e_section(
            REPO, log)
        elapsed = time.perf_counter() - started
        load = f"{load_before} at the start, {_load_average()} at the end"
        text = report(rows, tui, tui_note, runs=args.runs, repo_note=repo_note, stats=stats,
                      peers=peers, cached=cached, load=load) + e2e
        text += diff_section(REPO, args.runs, log)
        text += publish_section(REPO, args.runs, log)
        text += f"\nThe whole benchmark took {elapsed:.0f} s.\n"
    finally:
        clear_cache(REPO)
        if not args.keep:
            shutil.rmtree(REPO, ignore_errors=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    log(f"written to {_shown(RESULTS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
