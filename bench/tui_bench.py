"""Terminal UI speed (the targets: bench/README.md): time to the first screen and filter-keystroke latency.

    python -m bench.tui_bench REPO [--runs 3]

- first screen: wall clock from spawning a fresh Python process to the moment the app, headless
  at 160×45, has rendered the meetings list with the newest meetings (interpreter start, imports,
  the root files and the first meetings loaded, layout); the repository goes on loading behind it,
  newest meetings first, and `all_loaded_s` is when every file is loaded, the references resolved
  and the cross-reference index built;
- filter keystroke: in one app, on the local-governments list with every row listed, the time
  from a key event entering the app to the filtered list rendered on the screen (the key reaches
  the filter, the rows are filtered, the table updated and the screen composed), for a typed
  sequence of kana, romaji and backspaces; median and maximum. The same on the consultations
  list, the longest list (`consultation_keystroke_*`, `consultations_listed`).

`measure(repo)` returns the figures in seconds; bench/run.py calls it for `make bench`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.pilot import Pilot

PROJECT = Path(__file__).resolve().parent.parent
SIZE = (160, 45)
# Each string is typed key by key into an empty filter, then erased key by key.
TYPED = ("とだ", "toda", "さいたま", "112241", "ﾄﾀﾞ", "kyoto")
TYPED_CONSULTATIONS = ("おかむら", "okamura", "RPA", "ｵｰﾌﾟﾝﾃﾞｰﾀ", "住民")
READY = "READY"
LOADED = "LOADED"


def _child_first_screen(repo: Path) -> None:
    """Run in a fresh process: open the app, report when the first frame with meetings listed is
    rendered, then when the whole repository is loaded."""
    from daicho.main import import_ui

    app = import_ui().create_app(repo, "ja")  # as `daicho` starts it

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one("#table-meeting")
            while not table.rows and not app.data.ready:
                await asyncio.sleep(0.001)
            app.screen._on_timer_update()
            sys.stdout.write(f"{READY} {len(table.rows)}\n")
            sys.stdout.flush()
            await app.wait_loaded()
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            sys.stdout.write(f"{LOADED} {len(table.rows)}\n")
            sys.stdout.flush()

    asyncio.run(main())


def first_screen(repo: Path) -> tuple[float, float, int]:
    """Seconds from spawn to the first screen (the newest meetings listed) and to the whole
    repository loaded, and the number of meetings listed then."""
    code = ("import sys; from pathlib import Path; from bench.tui_bench import _child_first_screen; "
            "_child_first_screen(Path(sys.argv[1]))")
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, str(repo)], cwd=PROJECT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = None
    for line in process.stdout or ():
        if line.startswith(READY):
            first = time.perf_counter() - start
        elif line.startswith(LOADED) and first is not None:
            loaded = time.perf_counter() - start
            process.wait(timeout=60)
            return first, loaded, int(line.split()[1])
    _, err = process.communicate(timeout=60)
    raise RuntimeError(f"the app did not start: {err.strip().splitlines()[-1:] or process.returncode}")


async def _keystrokes(repo: Path, key: str, kind: str,
                      typed: tuple[str, ...]) -> tuple[list[float], int]:
    from textual import events
    from textual.keys import _character_to_key

    from tui.app import create_app
    from tui.screens.lists import RecordList

    app = create_app(repo, "ja")
    latencies: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press(key, "slash")
        await pilot.pause()
        view = app.screen.query_one(f"#view-{kind}", RecordList)
        listed = len(view.table.rows)

        async def press(name: str, char: str | None) -> None:
            start = time.perf_counter()
            app.post_message(events.Key(name, char))
            await _settle(pilot)
            app.screen._on_timer_update()
            latencies.append(time.perf_counter() - start)

        for text in typed:
            for char in text:
                await press(_character_to_key(char), char)
            for _ in text:
                await press("backspace", None)
            if len(view.table.rows) != listed:
                raise RuntimeError(f"the {kind} filter did not come back to every row "
                                   f"({len(view.table.rows)} of {listed})")
    return latencies, listed


async def _settle(pilot: Pilot[object]) -> None:
    """Until the app and the screen's widgets have handled every message queued so far (the key,
    then the filter's Changed message, then the table's refresh)."""
    for _ in range(3):
        await pilot._wait_for_screen()


def keystrokes(repo: Path, key: str = "4", kind: str = "municipality",
               typed: tuple[str, ...] = TYPED) -> tuple[list[float], int]:
    """Filter-keystroke latencies on one list (by default the local governments), and its rows."""
    return asyncio.run(_keystrokes(repo, key, kind, typed))


def measure(repo: Path, runs: int = 3) -> dict[str, float]:
    """The TUI figures on `repo`, in seconds (first screen: median of `runs` fresh processes)."""
    repo = repo.resolve()
    firsts = [first_screen(repo) for _ in range(runs)]
    latencies, listed = keystrokes(repo)
    consulted, consultations = keystrokes(repo, "2", "consultation", TYPED_CONSULTATIONS)
    return {
        "first_screen_s": statistics.median(t for t, _, _ in firsts),
        "filter_keystroke_median_s": statistics.median(latencies),
        "filter_keystroke_max_s": max(latencies),
        "filter_keystroke_p90_s": statistics.quantiles(latencies, n=10)[-1],
        "local_governments_listed": float(listed),
        "consultation_keystroke_median_s": statistics.median(consulted),
        "consultation_keystroke_max_s": max(consulted),
        "consultation_keystroke_p90_s": statistics.quantiles(consulted, n=10)[-1],
        "consultations_listed": float(consultations),
        "all_loaded_s": statistics.median(t for _, t, _ in firsts),
        "meetings_listed": float(firsts[0][2]),
        "keystrokes_measured": float(len(latencies) + len(consulted)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tui_bench", description=__doc__.split("\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    results = measure(args.repo, args.runs)
    for name, value in results.items():
        shown = f"{value * 1000:.1f} ms" if name.endswith("_s") else f"{value:.0f}"
        print(f"{name:28} {shown}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
