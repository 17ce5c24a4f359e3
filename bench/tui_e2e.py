"""The terminal UI's speed as a person sees it (issue 10): the real program, in a pseudo-terminal.

    python -m bench.tui_e2e REPO [--runs 3] [--headless] [--json]

`.venv/bin/daicho --repo REPO --lang ja` runs in a 160×45 pseudo-terminal (TERM=xterm-256color,
COLORTERM=truecolor, no TEXTUAL_* variables, so Textual's defaults) through
`bench.ptyterm.Terminal`. Keys are written to the terminal as a terminal writes them; the program's
output is read continuously in a thread, every chunk timestamped, and fed to a small screen model
(`bench.vtscreen`). A figure is the time from the key written (or the process spawned) to the
screen settled: the expected text on the screen, then nothing written for 50 ms; what is reported
is the time of the last VISIBLE change (a cell's character or style) before that quiet window —
not the window itself, nor frames that only write again what is already there (Textual redraws
unchanged scrollbars for a few frames). Also kept: the time to the expected text ("text shown")
and to the last byte. What is expected, per row:

- first screen: spawn → the meetings list with rows and its count (全 N 件) in the status line;
- everything loaded: spawn → the navigation bar shows the number of problems (検証 (N) instead of
  検証 (…)), which the app does once every file is loaded and checked;
- list usable from spawn (2–5): a fresh process; the key pressed as soon as the first screen is
  up; spawn → that view current in the navigation bar (reverse video) and its status line giving
  the count of its rows (not the loading progress);
- first visit (2–5): the same in the session, once loaded and idle (the app builds the lists' rows
  in a thread once loaded, so this is the switch with the rows built);
- filter keystroke: the local governments (4) and the consultations (2), `/` then the strings of
  bench/tui_bench.py typed key by key and erased with backspace. Each sequence runs once untimed
  with a 250 ms quiet window to learn the screen every key ends on; the timed passes then wait for
  exactly that screen, so that a frame showing the typed character before the filtered rows cannot
  end a measurement early;
- open a meeting: Enter on the meetings list → the record's breadcrumb (›) on the first line;
  back: Escape → the meetings list again. Escape is timed twice: as xterm sends it (a bare ESC,
  which daicho holds for its escape delay, 50 ms unless ESCDELAY says, to tell it from an escape
  sequence) and as terminals with the kitty keyboard protocol send it (`CSI 27 u`, no wait);
- palette: ctrl+p → its input's placeholder shown; a name written at once (as an input method
  commits it) → a result line naming the record, with a 300 ms quiet window because the palette
  shows its results in batches every 250 ms (shorter than the input's 500 ms cursor blink, which
  restarts on every key); Enter → that record's breadcrumb;
- PageDown on the consultations list (the longest) → the rows shown changed;
- peak memory: VmHWM (the resident set's high-water mark) of the UI process from /proc at the end
  of the session.

The screen model answers Textual's query for synchronized output (mode 2026) as current terminals
do, so frames are counted. Linux only (pty, /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tomli

from bench.ptyterm import QUIET, Settled, Terminal, TerminalError
from bench.tui_bench import TYPED, TYPED_CONSULTATIONS
from bench.vtscreen import Screen
from tui.i18n import Catalogue
from tui.views import LISTS, VIEWS

PROJECT = Path(__file__).resolve().parent.parent
PROFILER = PROJECT / "bench" / ".peers" / "profile"
"""Where `--profile` finds pyinstrument (not a dependency: installed there by hand)."""
SIZE = (160, 45)
LANG = "ja"
LEARN_QUIET = 0.250
PALETTE_QUIET = 0.300
KEYS = {"enter": b"\r", "escape": b"\x1b", "escape_kitty": b"\x1b[27u", "backspace": b"\x7f",
        "down": b"\x1b[B", "home": b"\x1b[H", "pagedown": b"\x1b[6~", "ctrl+p": b"\x10"}
LIST_KEYS = ("2", "3", "4", "5")
TARGETS = {
    "first_screen": 0.5,
    "list_usable": 1.5,
    "filter_median": 0.033,
    "filter_p90": 0.050,
    "open_meeting": 0.100,
    "peak_memory_mb": 160.0,
}
"""Issue 10's targets, end to end on the nationwide repository with 2 CPUs."""


def daicho_argv(repo: Path) -> list[str]:
    """The installed `daicho` beside this interpreter (the project's .venv/bin/daicho)."""
    program = Path(sys.executable).parent / "daicho"
    command = [str(program)] if program.exists() else [
        sys.executable, "-c", "import sys; from daicho.main import entry; entry()"]
    return [*command, "--repo", str(repo), "--lang", LANG]


def environment() -> dict[str, str]:
    """The user's environment as a terminal gives it, without settings that change Textual."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL") and k not in ("ESCDELAY", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    env["COLORTERM"] = "truecolor"
    env.setdefault("LANG", "C.UTF-8")
    return env


# ---------------------------------------------------------------------------------------------
# What the screen says


def _template(text: str) -> str:
    """A catalogue string with placeholders ({total:,}) as a regular expression."""
    parts = re.split(r"\{[^}]*\}", text)
    return r"[\d,]+".join(re.escape(p) for p in parts)


class Look:
    """Reads the daicho UI's screen: the current view, the status line, the breadcrumb."""

    def __init__(self, lang: str = LANG) -> None:
        cat = Catalogue(lang)
        t = cat.t
        self.count = re.compile(
            f"(?:{_template(t('list.count_all'))}|{_template(t('list.count'))})")
        self.loading = re.compile(_template(t("list.loading")))
        self.problems = re.compile(re.escape(t("view.problem")) + r" \([\d,]+\)")
        self.placeholder = t("palette.placeholder")
        self.kinds = {kind: t(f"kind.{kind}") for kind in LISTS}
        self.views = {view.key: t(f"view.{view.name}") for view in VIEWS if view.name in LISTS}
        """The lists' keys and their labels in the navigation bar."""

    @staticmethod
    def status(screen: Screen) -> str:
        return screen.line(-2)

    def current(self, screen: Screen) -> str | None:
        """The key of the view marked current in the navigation bar."""
        for part in screen.reversed_parts(0):
            key, _, label = part.partition(" ")
            if self.views.get(key) == label.strip():
                return key
        return None

    def rows_shown(self, screen: Screen) -> bool:
        """The current list shows rows and their count (perhaps while still loading)."""
        return self.count.search(self.status(screen)) is not None

    def listed(self, key: str) -> Callable[[Screen], bool]:
        """View `key` is current and lists its rows, loading over."""
        def ready(screen: Screen) -> bool:
            status = self.status(screen)
            return (self.current(screen) == key and self.count.search(status) is not None
                    and self.loading.search(status) is None)
        return ready

    def loaded(self, screen: Screen) -> bool:
        return self.problems.search(screen.line(0)) is not None

    @staticmethod
    def on_record(screen: Screen) -> bool:
        """A record is open: its breadcrumb (… › …) is the first line."""
        return "›" in screen.line(0)

    def palette_open(self, screen: Screen) -> bool:
        return self.placeholder in screen.text()

    def palette_found(self, kind: str, name: str) -> Callable[[Screen], bool]:
        """A result line names the record: its kind, two spaces, its name."""
        start = f"{self.kinds[kind]}  {name}"

        def ready(screen: Screen) -> bool:
            return any(line.strip().startswith(start) for line in screen.lines())
        return ready


def changed(before: str, top: int = 4, bottom: int = 2) -> Callable[[Screen], bool]:
    """The screen's rows between `top` and `bottom` lines from the end differ from `before`'s."""
    old = before.split("\n")[top:-bottom]

    def ready(screen: Screen) -> bool:
        return screen.lines()[top:-bottom] != old
    return ready


def same_as(expected: str) -> Callable[[Screen], bool]:
    return lambda screen: screen.text() == expected


# ---------------------------------------------------------------------------------------------
# The figures


@dataclass
class Figures:
    samples: dict[str, list[float]] = field(default_factory=dict)
    """Row → seconds to the screen settled (each a sample)."""
    shown: dict[str, list[float]] = field(default_factory=dict)
    """Row → seconds to the expected text on the screen (styles may still change after)."""
    last_output: dict[str, list[float]] = field(default_factory=dict)
    """Row → seconds to the last byte written, visible change or not."""
    peak_rss_kb: int = 0
    loaded_rss_kb: int = 0
    frames: dict[str, list[int]] = field(default_factory=dict)
    screens: dict[str, str] = field(default_factory=dict)
    """A few settled screens, as text (the test reads them)."""
    notes: list[str] = field(default_factory=list)
    machine: dict[str, str] = field(default_factory=dict)

    def add(self, row: str, settled: Settled) -> Settled:
        self.samples.setdefault(row, []).append(settled.seconds)
        self.shown.setdefault(row, []).append(settled.shown)
        self.last_output.setdefault(row, []).append(settled.last_output)
        self.frames.setdefault(row, []).append(settled.frames)
        return settled

    def as_json(self) -> dict[str, object]:
        return {"samples": self.samples, "shown": self.shown, "last_output": self.last_output,
                "peak_rss_kb": self.peak_rss_kb,
                "loaded_rss_kb": self.loaded_rss_kb, "frames": self.frames,
                "notes": self.notes, "machine": self.machine}


class Session:
    """One daicho UI in a pseudo-terminal, and the steps the bench times in it."""

    def __init__(self, repo: Path, figures: Figures, look: Look | None = None,
                 profile: Path | None = None) -> None:
        argv, env = daicho_argv(repo), environment()
        if profile is not None:  # the UI under pyinstrument, from bench/.peers/profile
            argv = [sys.executable, "-m", "pyinstrument", "-r", "text", "-o", str(profile), *argv]
            env["PYTHONPATH"] = str(PROFILER)
        self.term = Terminal(argv, size=SIZE, env=env, cwd=PROJECT)
        self.figures = figures
        self.look = look or Look()

    def __enter__(self) -> Session:
        self.term.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.term.close()

    def press(self, key: str | bytes, ready: Callable[[Screen], bool], what: str,
              quiet: float = QUIET) -> Settled:
        data = key if isinstance(key, bytes) else KEYS.get(key, key.encode())
        return self.term.press(data, ready, what, quiet=quiet)

    def nudge(self, key: str) -> None:
        """Untimed: a key that may change nothing on the screen (Down on the last row)."""
        self.term.press(KEYS.get(key, key.encode()), lambda s: True, key, quiet=LEARN_QUIET,
                        silent_ok=True)

    def start(self, row_loaded: str | None = "everything loaded") -> None:
        """Spawn → first screen (→ everything loaded)."""
        term, look = self.term, self.look
        first = term.settle(look.rows_shown, term.spawned, "first screen")
        self.figures.add("first screen", first)
        self.figures.screens.setdefault("first screen", first.screen)
        if row_loaded is None:
            return
        if look.loaded(term.screen):  # a small repository: loaded by the time the first screen
            self.figures.add(row_loaded, first)  # settled (when exactly is not known closer)
        else:
            self.figures.add(row_loaded, term.settle(look.loaded, term.spawned, "everything loaded"))

    def idle(self) -> None:
        self.term.wait_idle()

    def show(self, key: str) -> None:
        """Untimed: make view `key` current (a key that changes nothing writes nothing)."""
        self.term.drain()
        if self.look.current(self.term.screen) != key:
            self.press(key, self.look.listed(key), f"list {key}", quiet=LEARN_QUIET)

    # -- the rows measured in the session, once loaded --------------------------------------------

    def first_visits(self) -> None:
        for key in LIST_KEYS:
            self.idle()
            settled = self.press(key, self.look.listed(key), f"first visit to list {key}")
            self.figures.add(f"first visit to list {key}", settled)

    def learn(self, keys: list[str], what: str, attempts: int = 4) -> list[str]:
        """The screen each key leads to, learned by typing the keys (they end where they began)
        until two passes agree: on a loaded machine a pass can settle on a screen the program has
        not finished drawing (the typed letter shown, the list not yet filtered), which the timed
        passes would then wait for in vain."""
        def one_pass() -> list[str]:
            return [self.press(k, lambda s: True, f"learning {what}: {k!r}", quiet=LEARN_QUIET).screen
                    for k in keys]

        previous = one_pass()
        for _ in range(attempts):
            current = one_pass()
            if current == previous:
                return current
            previous = current
        raise TerminalError(f"learning {what}: the screens of the keys differ from one pass to the next")

    def filter_keystrokes(self, key: str, typed: tuple[str, ...], row: str,
                          passes: int = 2) -> None:
        """Learn the screen each key ends on, then time `passes` passes of the same keys."""
        look = self.look
        self.show(key)
        self.press("/", lambda s: True, "/", quiet=LEARN_QUIET)
        keys = [k for text in typed for k in [*text, *(["backspace"] * len(text))]]
        expected = self.learn(keys, row)
        self.idle()
        for _ in range(passes):
            for k, screen in zip(keys, expected, strict=True):
                self.figures.add(row, self.press(k, same_as(screen), f"{row}: {k!r}"))
        self.press("escape", look.listed(key), "leaving the filter", quiet=LEARN_QUIET)

    def page_down(self, key: str = "2", count: int = 10) -> None:
        self.show(key)
        self.idle()
        for n in range(count):
            before = self.term.screen.text()
            self.figures.add("PageDown", self.press("pagedown", changed(before), f"PageDown {n}"))
        self.nudge("home")

    def open_meetings(self, count: int = 4) -> None:
        """Enter on the meetings list, then back: with a bare ESC `count` times, then with the
        kitty keyboard protocol's Escape `count` times; Down between to open another meeting."""
        look = self.look
        self.show("1")
        for n in range(2 * count):
            self.idle()
            opened = self.press("enter", look.on_record, f"open meeting {n}")
            self.figures.add("open a meeting", opened)
            self.figures.screens.setdefault("open a meeting", opened.screen)
            self.idle()
            escape = "escape" if n < count else "escape_kitty"
            row = "back (Escape, xterm)" if n < count else "back (Escape, kitty protocol)"
            self.figures.add(row, self.press(escape, look.listed("1"), f"back {n}"))
            self.nudge("down")

    def palette(self, names: list[tuple[str, str]]) -> None:
        """For each (kind, name): open the palette, write the name, open the first result."""
        look = self.look
        for n, (kind, name) in enumerate(names):
            self.idle()
            self.figures.add("palette open", self.press("ctrl+p", look.palette_open, "ctrl+p"))
            found = self.press(name.encode(), look.palette_found(kind, name), f"palette: {name}",
                               quiet=PALETTE_QUIET)
            self.figures.add("palette search (first)" if n == 0 else "palette search", found)
            opened = self.press("enter", look.on_record, f"palette: open {name}")
            self.figures.add("open from the palette", opened)
            if name not in self.term.screen.line(0):
                self.figures.notes.append(f"the palette's first result for {name!r} was "
                                          f"{self.term.screen.line(0).strip()!r}")
            self.press("escape_kitty", lambda s: not look.on_record(s), "back", quiet=LEARN_QUIET)

    def memory(self) -> None:
        self.figures.peak_rss_kb = max(self.figures.peak_rss_kb, self.term.peak_rss_kb())


# ---------------------------------------------------------------------------------------------
# The whole run


def palette_names(repo: Path) -> list[tuple[str, str]]:
    """(kind, name) of a local government (戸田市 when listed), an advisor and a theme of the
    repository."""
    names = []

    def read(name: str) -> dict[str, dict[str, object]]:
        try:
            with (repo / name).open("rb") as handle:
                return dict(tomli.load(handle))
        except (OSError, tomli.TOMLDecodeError):
            return {}

    municipalities = read("municipalities.toml").get("municipalities", {})
    if municipalities:
        chosen = municipalities.get("112241") or next(iter(municipalities.values()))
        names.append(("municipality", str(chosen["name"])))
    for kind, file, table, key in (("advisor", "advisors.toml", "advisors", "name"),
                                   ("theme", "themes.toml", "themes", "label")):
        records = read(file).get(table, {})
        if records:
            names.append((kind, str(next(iter(records.values()))[key])))
    return names


def machine() -> dict[str, str]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": str(os.cpu_count()), "model": model, "load_start": load_average()}


def load_average() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def measure(repo: Path, runs: int = 3, passes: int = 2,
            log: Callable[[str], None] = lambda _: None, profile: Path | None = None) -> Figures:
    """Every row on `repo`: one long session, then fresh processes for the start-up rows.
    With `profile`, the session's UI runs under pyinstrument, which writes its report there."""
    repo = repo.resolve()
    figures = Figures(machine=machine())
    if profile is not None:
        figures.notes.append(f"the session ran under pyinstrument ({profile}): its figures are "
                             "slower than without")
    look = Look()
    log("end to end: the session (first screen, loaded, lists, filters, records, palette) …")
    with Session(repo, figures, look, profile) as session:
        session.start()
        session.idle()
        figures.loaded_rss_kb = session.term.peak_rss_kb()
        session.first_visits()
        log("end to end: filter keystrokes …")
        session.filter_keystrokes("4", TYPED, "filter keystroke, local governments", passes)
        session.filter_keystrokes("2", TYPED_CONSULTATIONS, "filter keystroke, consultations",
                                  passes)
        log("end to end: PageDown, meetings, palette …")
        session.page_down()
        session.open_meetings()
        session.palette(palette_names(repo))
        session.memory()
    for n in range(runs - 1):
        log(f"end to end: first screen, fresh process {n + 2}/{runs}")
        with Session(repo, figures, look) as session:
            session.start()
            session.memory()
    for key in LIST_KEYS:
        for n in range(runs):
            log(f"end to end: list {key} usable from spawn, {n + 1}/{runs}")
            with Session(repo, figures, look) as session:
                session.start(row_loaded=None)
                term = session.term
                term.drain()
                term.write(KEYS.get(key, key.encode()))
                figures.add(f"list {key} usable from spawn",
                            term.settle(look.listed(key), term.spawned, f"list {key} from spawn"))
                session.memory()
    figures.machine["load_end"] = load_average()
    return figures


# ---------------------------------------------------------------------------------------------
# The report


@dataclass
class Line:
    row: str
    what: str
    """How it is measured, in a few words."""
    target: tuple[str, float] | None = None
    """(statistic, seconds): the issue's target on it."""
    headless: tuple[str, ...] = ()
    """bench/tui_bench.py's keys for the same figure (median, p90)."""


LINES = (
    Line("first screen", "spawn → meetings listed", ("median", TARGETS["first_screen"]),
         ("first_screen_s",)),
    Line("everything loaded", "spawn → 検証 (N) in the bar", None, ("all_loaded_s",)),
    *(Line(f"list {k} usable from spawn", "spawn → list shown with its count",
           ("median", TARGETS["list_usable"])) for k in LIST_KEYS),
    *(Line(f"first visit to list {k}", "key → list shown (loaded, idle)") for k in LIST_KEYS),
    Line("filter keystroke, local governments", "key → filtered list",
         ("median", TARGETS["filter_median"]),
         ("filter_keystroke_median_s", "filter_keystroke_p90_s")),
    Line("filter keystroke, consultations", "key → filtered list",
         ("median", TARGETS["filter_median"]),
         ("consultation_keystroke_median_s", "consultation_keystroke_p90_s")),
    Line("open a meeting", "Enter on list 1 → the record", ("median", TARGETS["open_meeting"])),
    Line("back (Escape, xterm)", "ESC → list 1 (includes the escape delay, 50 ms)"),
    Line("back (Escape, kitty protocol)", "CSI 27 u → list 1"),
    Line("PageDown", "key → next page (consultations)"),
    Line("palette open", "ctrl+p → palette"),
    Line("palette search (first)", "name → result (first search builds the entries)"),
    Line("palette search", "name → result"),
    Line("open from the palette", "Enter → the record"),
)
LIST_LABELS = {"2": "consultations", "3": "advisors", "4": "local governments", "5": "themes"}
KEYSTROKE_ROWS = ("filter keystroke, local governments", "filter keystroke, consultations")


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.0f} ms"


def _p90(values: list[float]) -> float | None:
    """The 90th percentile, within the samples; None for fewer than 5."""
    return statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) >= 5 else None


def _verdict(met: bool) -> str:
    return "**met**" if met else "**not met**"


def _label(row: str) -> str:
    for key, name in LIST_LABELS.items():
        row = row.replace(f"list {key} ", f"list {key} ({name}) ")
    return row


def report(figures: Figures, headless: dict[str, float] | None = None,
           headless_note: str = "") -> str:
    """The end-to-end table (Markdown), the headless figures beside where they exist."""
    m = figures.machine
    lines = [
        f"End to end: the real program (`daicho --repo R --lang {LANG}`) in a {SIZE[0]}×{SIZE[1]} "
        "pseudo-terminal (TERM=xterm-256color, COLORTERM=truecolor), from the key written (or the "
        "spawn) to the screen settled: the expected text shown, then 50 ms without output; the "
        "figure is the time of the last visible change (a cell's character or style) before that "
        "quiet window, which is not counted. *Text shown*: to the expected text on the screen "
        "(what changes after it is style: the cursor's row, the footer's keys, scrollbars). "
        f"Machine: {m.get('cpus')} CPUs, {m.get('model')}; load average (1/5/15 min) "
        f"{m.get('load_start')} at the start, {m.get('load_end', '?')} at the end.",
        "Headless: bench/tui_bench.py (`app.run_test`, keys posted into the app) on the same "
        "repository" + (f" — {headless_note}" if headless_note else "") + ".",
        "",
        "| row | measured | settled median | p90 | max | text shown median | n | frames "
        "| headless median (p90) | target |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for line in LINES:
        values = figures.samples.get(line.row)
        if not values:
            continue
        median, p90 = statistics.median(values), _p90(values)
        frames = figures.frames.get(line.row) or [0]
        head = "—"
        if line.headless and headless is not None:
            found = [headless.get(k) for k in line.headless]
            if found[0] is not None:
                head = _ms(found[0]) + (f" ({_ms(found[1])})" if len(found) > 1 and found[1]
                                         is not None else "")
        elif line.headless:
            head = "n/a"
        target = ""
        if line.row in KEYSTROKE_ROWS:
            target = (f"median ≤ 33 ms {_verdict(median <= TARGETS['filter_median'])}; "
                      f"p90 ≤ 50 ms {_verdict(p90 is not None and p90 <= TARGETS['filter_p90'])}")
        elif line.target is not None:
            target = f"≤ {_ms(line.target[1])} {_verdict(median <= line.target[1])}"
        shown = statistics.median(figures.shown.get(line.row) or values)
        lines.append(f"| {_label(line.row)} | {line.what} | {_ms(median)} | {_ms(p90)} | "
                     f"{_ms(max(values))} | {_ms(shown)} | {len(values)} | "
                     f"{statistics.median(frames):.0f} | {head} | {target} |")
    peak = figures.peak_rss_kb / 1024
    lines.append(f"| peak memory (VmHWM of the UI process) | at the end of the session | "
                 f"{peak:.0f} MB | | | | | | | ≤ 160 MB "
                 f"{_verdict(peak <= TARGETS['peak_memory_mb'])} |")
    lines.append(f"| memory once loaded (VmHWM) | loaded and idle | "
                 f"{figures.loaded_rss_kb / 1024:.0f} MB | | | | | | | |")
    for note in figures.notes:
        lines.append(f"\nNote: {note}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tui_e2e",
                                     description=(__doc__ or "").split("\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--runs", type=int, default=3,
                        help="fresh processes for each start-up row")
    parser.add_argument("--passes", type=int, default=2, help="timed passes of the filter keys")
    parser.add_argument("--headless", action="store_true",
                        help="also run bench/tui_bench.py and show its figures beside")
    parser.add_argument("--json", action="store_true", help="print the samples as JSON too")
    parser.add_argument("--profile", type=Path, metavar="OUT",
                        help="run the session's UI under pyinstrument and write its report to OUT")
    args = parser.parse_args(argv)
    if args.profile is not None and not (PROFILER / "pyinstrument").is_dir():
        print(f"bench.tui_e2e: --profile needs pyinstrument in {PROFILER}; install it with: "
              f"{sys.executable} -m pip install --target {PROFILER} pyinstrument", file=sys.stderr)
        return 2
    if not (args.repo / "advisors.toml").is_file():
        print(f"bench.tui_e2e: {args.repo} is not a daicho repository (no advisors.toml)",
              file=sys.stderr)
        return 2
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    headless, note = None, ""
    if args.headless:
        from bench.run import measure_tui  # bench.run imports this module

        log("headless: bench/tui_bench.py …")
        headless, note = measure_tui(args.repo.resolve())
    try:
        figures = measure(args.repo, args.runs, args.passes, log,
                          args.profile.resolve() if args.profile else None)
    except (TerminalError, OSError) as exc:
        print(f"bench.tui_e2e: {exc}", file=sys.stderr)
        return 1
    print(report(figures, headless, note))
    if args.json:
        print(json.dumps(figures.as_json()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
