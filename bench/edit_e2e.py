"""Editing's speed as a person sees it (issue 9): the real program, in a pseudo-terminal.

    python -m bench.edit_e2e REPO [--runs 5] [--json]

Runs `daicho --repo COPY --lang ja` on a copy of REPO (the synthetic nationwide repository; saves
and renames write into the copy, never into REPO) in a 160×45 pseudo-terminal, through
bench/tui_e2e.py's `Session`: keys written as a terminal writes them, every output chunk
timestamped, a figure the time from the key to the screen settled (the expected text shown, then
50 ms without output; the time of the last visible change before that window). Rows:

- open the form: `e` on the largest meeting's record (by file size) → its form (編集 › … and the
  saved/unsaved line); Escape back to the record between runs;
- keystroke in a form: Enter on the title opens its editor, then letters typed one by one → the
  editor's line shows what was typed;
- leave a field: Enter in the editor → the form shows the value and the unsaved line (the draft is
  checked with validate's checks on every change);
- completion: `a` on the meeting's list of local governments opens the picker over the 1,963 local
  governments; kana, romaji and a code typed key by key and erased → the candidates shown (each
  screen learned once untimed, then waited for exactly);
- save: `ctrl+s` → the diff the save will make (its checks, the canonical text, the diff); `y` →
  written and shown (保存済み); and in a second session with the confirmation turned off in the
  settings (`$XDG_CONFIG_HOME/daicho/settings.toml`), `ctrl+s` → saved;
- rename: the advisor named by the most meeting files nearest above 50 (the count is reported), from
  the palette's command on their record: the new id entered → the diff of every file shown; `y` →
  every file written (the notice 「N 件のファイルを保存しました」). Afterwards `daicho validate` on the
  copy must exit 0 (the figure is void otherwise).
- keystroke at the maximum length (issue 19, item 6): at the end of the second session, Enter on
  the largest meeting's summary opens its text area, a paste (bracketed, as a terminal sends one)
  makes it one paragraph as long as a text of paragraphs may be (MAX_PROSE, less the letters the
  runs type), then letters typed one by one at its end → the letters shown; Escape leaves the
  field each run. Nothing of it is saved.

Linux only (pty, /proc). Issue 9's targets: form ≤ 200 ms, keystroke ≤ 30 ms, completion ≤ 30 ms a
keystroke, save ≤ 100 ms, rename of an advisor named by 50 meetings ≤ 1 s; issue 19's: a keystroke
in a field at the maximum length ≤ 30 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import tomli

from bench.ptyterm import TerminalError
from bench.tui_e2e import (
    LEARN_QUIET,
    PALETTE_QUIET,
    Figures,
    Look,
    Session,
    _ms,
    _p90,
    _verdict,
    load_average,
    machine,
    same_as,
)
from bench.vtscreen import Screen
from schema.edit.spec import fields_of
from schema.models import Meeting
from schema.models.common import MAX_PROSE
from tui.i18n import Catalogue

CTRL_S = b"\x13"
TYPED = {True: "confirmed", False: "quick"}
"""Typed into the title, a letter at a time (then a number), in the sessions with and without the
confirmation: each save changes the title."""
PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"
"""A bracketed paste, as a terminal sends one."""
TYPED_AT_MAXIMUM = "qzjxv"
"""Typed at the end of the longest summary, each run (letters that no screen shows otherwise)."""
COMPLETED = ("とだ", "toda", "1122")
"""Typed into the picker of local governments, a key at a time, then erased."""
TARGETS = {
    "open the form": 0.200,
    "keystroke in a form": 0.030,
    "keystroke at the maximum length": 0.030,
    "completion keystroke": 0.030,
    "save (confirmation off)": 0.100,
    "rename: confirm → written": 1.0,
}


@dataclass(frozen=True)
class Row:
    name: str
    what: str
    target: float | None = None


ROWS = (
    Row("open the form", "e on the largest meeting → its form", TARGETS["open the form"]),
    Row("keystroke in a form", "letter → shown in the title's editor", TARGETS["keystroke in a form"]),
    Row("keystroke at the maximum length", f"letter → shown at the end of a {MAX_PROSE:,}-character summary",
        TARGETS["keystroke at the maximum length"]),
    Row("leave a field", "Enter → value shown, draft checked"),
    Row("completion keystroke", "key → candidates among 1,963 local governments",
        TARGETS["completion keystroke"]),
    Row("save: ctrl+s → diff", "checks, canonical text, the diff shown"),
    Row("save: confirm → saved", "y → written, 保存済み"),
    Row("save (confirmation off)", "ctrl+s → written, 保存済み", TARGETS["save (confirmation off)"]),
    Row("rename: id → diff", "Enter on the new id → the diff of every file"),
    Row("rename: confirm → written", "y → every file written", TARGETS["rename: confirm → written"]),
)


class Words:
    """What the screens say, from the UI's catalogue."""

    def __init__(self, cat: Catalogue) -> None:
        t = cat.t
        self.editing = t("edit.editing")
        self.saved, self.unsaved = t("edit.saved"), t("edit.unsaved")
        self.confirm, self.pick = t("edit.confirm"), t("edit.pick")
        self.rename_command = t("palette.rename")
        self.rename_title = re.escape(t("edit.rename_record", id="\x00")).replace("\x00", ".*")
        done = re.escape(t("edit.done", count=0)).replace("0", r"([\d,]+)")
        self.done = re.compile(done)

    def form(self, screen: Screen) -> bool:
        return screen.line(0).strip().startswith(self.editing) and self.status(screen) != ""

    def status(self, screen: Screen) -> str:
        line = screen.line(1).strip()
        return line if line.startswith((self.saved, self.unsaved)) else ""

    def saved_form(self, screen: Screen) -> bool:
        return self.form(screen) and self.status(screen).startswith(self.saved) \
            and self.confirm not in screen.text()

    def unsaved_form(self, screen: Screen) -> bool:
        return self.form(screen) and self.status(screen).startswith(self.unsaved)

    def diff_shown(self, screen: Screen) -> bool:
        return self.confirm in screen.text()

    def written(self, screen: Screen) -> int | None:
        found = self.done.search(screen.text())
        return int(found.group(1).replace(",", "")) if found else None


def shows_line(text: str) -> Callable[[Screen], bool]:
    return lambda screen: any(line.strip() == text for line in screen.lines())


def shows_joined(text: str) -> Callable[[Screen], bool]:
    """The screen shows `text`, perhaps wrapped over lines (its lines joined, stripped)."""
    return lambda screen: text in "".join(line.strip() for line in screen.lines())


# ---------------------------------------------------------------------------------------------
# The repository


def largest_meeting(repo: Path) -> Meeting:
    path = max((repo / "meetings").glob("*.toml"), key=lambda p: (p.stat().st_size, p.name))
    with path.open("rb") as handle:
        return Meeting.model_validate(tomli.load(handle))


def advisor_near_50(repo: Path) -> tuple[str, str, int]:
    """(id, name, meeting files naming them) of the advisor named by the fewest files above 50
    (else by the most)."""
    counts: dict[str, int] = {}
    for path in (repo / "meetings").glob("*.toml"):
        with path.open("rb") as handle:
            people = tomli.load(handle).get("people", {})
        for advisor in {p.get("advisor") for p in people.values() if isinstance(p, dict)} - {None}:
            counts[str(advisor)] = counts.get(str(advisor), 0) + 1
    with (repo / "advisors.toml").open("rb") as handle:
        advisors = tomli.load(handle)["advisors"]
    over = [a for a, n in counts.items() if n >= 50]
    chosen = min(over, key=lambda a: (counts[a], a)) if over else max(counts, key=lambda a: (counts[a], a))
    return chosen, str(advisors[chosen]["name"]), counts[chosen]


@contextmanager
def scratch_copy(repo: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="daicho-edit-bench-") as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".daicho-cache"))
        yield copy


@contextmanager
def settings(confirm_save: bool) -> Iterator[None]:
    """The UI's settings file in a temporary $XDG_CONFIG_HOME for the sessions started inside."""
    before = os.environ.get("XDG_CONFIG_HOME")
    with tempfile.TemporaryDirectory(prefix="daicho-settings-") as tmp:
        (Path(tmp) / "daicho").mkdir()
        (Path(tmp) / "daicho" / "settings.toml").write_text(
            f"confirm_save = {'true' if confirm_save else 'false'}\n", encoding="utf-8")
        os.environ["XDG_CONFIG_HOME"] = tmp
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("XDG_CONFIG_HOME", None)
            else:
                os.environ["XDG_CONFIG_HOME"] = before


# ---------------------------------------------------------------------------------------------
# The session


class EditSession:
    def __init__(self, session: Session, words: Words, figures: Figures) -> None:
        self.s, self.words, self.figures = session, words, figures

    def add(self, row: str, settled: object) -> None:
        self.figures.add(row, settled)  # type: ignore[arg-type]

    def open_record(self, kind: str, name: str, text: str) -> None:
        """Untimed: the record through the palette (`text` typed, the result naming `name`)."""
        look = self.s.look
        self.s.idle()
        self.s.press("ctrl+p", look.palette_open, "ctrl+p", quiet=LEARN_QUIET)
        self.s.press(text.encode(), look.palette_found(kind, name), f"palette: {text}",
                     quiet=PALETTE_QUIET)
        self.s.press("enter", look.on_record, f"open {name}", quiet=LEARN_QUIET)

    def open_form(self, runs: int) -> None:
        words = self.words
        for n in range(runs):
            self.s.idle()
            self.add("open the form", self.s.press("e", words.saved_form, f"form {n}"))
            if n < runs - 1:
                self.s.press("escape_kitty", lambda s: not words.form(s), "back", quiet=LEARN_QUIET)

    def no_notice(self, timeout: float = 30.0) -> None:
        """Until the notice of the last save (a toast, shown for a few seconds) is gone, so that
        the screens learned and waited for do not differ by it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.s.term.drain()
            if self.words.written(self.s.term.screen) is None:
                return
            time.sleep(0.1)
        raise TerminalError("the notice of the last save did not go away")

    def down(self, count: int) -> None:
        for _ in range(count):
            self.s.press("down", lambda s: True, "down", quiet=0.02)

    def type_letters(self, row: str, typed: str, shows: Callable[[str], Callable[[Screen], bool]]) -> None:
        """`typed` a letter at a time, each timed as `row` until `shows` what is typed so far."""
        for i in range(1, len(typed) + 1):
            self.add(row, self.s.press(typed[i - 1], shows(typed[:i]), f"{row}: {typed[:i]!r}"))

    def type_title_and_save(self, runs: int, confirm: bool) -> None:
        """On the title's row: Enter, letters, Enter, then save (with or without confirming)."""
        words = self.words
        for n in range(runs):
            self.s.idle()
            self.s.press("enter", lambda s: True, "edit the title", quiet=LEARN_QUIET)
            self.type_letters("keystroke in a form", f"{TYPED[confirm]}{n}", shows_line)
            self.add("leave a field", self.s.press("enter", words.unsaved_form, "leave the title"))
            self.s.idle()
            if confirm:
                self.add("save: ctrl+s → diff", self.s.press(CTRL_S, words.diff_shown, "ctrl+s"))
                self.s.idle()
                self.add("save: confirm → saved", self.s.press("y", words.saved_form, "y"))
            else:
                self.add("save (confirmation off)", self.s.press(CTRL_S, words.saved_form, "ctrl+s"))

    def type_at_maximum(self, runs: int, summary: str) -> None:
        """On the summary's row (holding `summary`): Enter, a paste that makes it MAX_PROSE
        characters less what the runs type, then each run letters typed at its end, each timed
        until it shows after the ones before; Escape leaves the field."""
        words = self.words
        room = runs * (len(TYPED_AT_MAXIMUM) + 1)
        filler = ("地域情報化アドバイザー" * MAX_PROSE)[: MAX_PROSE - room - len(summary)]
        for n in range(runs):
            self.s.idle()
            self.s.press("enter", lambda s: True, "edit the summary", quiet=LEARN_QUIET)
            if n == 0:
                self.s.press(PASTE_START + filler.encode() + PASTE_END, shows_joined(filler[-20:]),
                             "paste into the summary", quiet=LEARN_QUIET)
            self.type_letters("keystroke at the maximum length", f"{TYPED_AT_MAXIMUM}{n}", shows_joined)
            self.s.press("escape_kitty", words.unsaved_form, "leave the summary", quiet=LEARN_QUIET)

    def completion(self, rows_down: int, passes: int, completed: tuple[str, ...] = COMPLETED) -> None:
        """The picker of local governments on the meeting's `municipalities` list, `rows_down`
        fields below the cursor; each text of `completed` typed a key at a time, then erased."""
        words = self.words
        self.no_notice()
        self.down(rows_down)
        self.s.press("enter", lambda s: True, "open the list", quiet=LEARN_QUIET)
        self.s.press("a", lambda s: words.pick in s.text(), "a", quiet=LEARN_QUIET)
        keys = [k for text in completed for k in [*text, *(["backspace"] * len(text))]]
        expected = self.s.learn(keys, "complete")
        self.s.idle()
        for _ in range(passes):
            for key, screen in zip(keys, expected, strict=True):
                self.add("completion keystroke", self.s.press(key, same_as(screen), f"complete {key!r}"))
        self.s.press("escape_kitty", lambda s: words.pick not in s.text(), "close the picker",
                     quiet=LEARN_QUIET)
        self.s.press("escape_kitty", words.form, "back to the form", quiet=LEARN_QUIET)

    def rename(self, new_id: str) -> int:
        """The palette's rename command on the advisor's record; returns the files written."""
        words, look = self.words, self.s.look
        self.no_notice()
        self.s.idle()
        self.s.press("ctrl+p", look.palette_open, "ctrl+p", quiet=LEARN_QUIET)
        self.s.press(words.rename_command.encode(), lambda s: words.rename_command in s.text(),
                     "the rename command", quiet=PALETTE_QUIET)
        self.s.press("enter", lambda s: re.search(words.rename_title, s.text()) is not None,
                     "rename", quiet=LEARN_QUIET)
        self.s.press(b"\x15", lambda s: True, "ctrl+u", quiet=LEARN_QUIET)  # the id prefilled: cleared
        self.s.press(new_id.encode(), lambda s: new_id in s.text(), "the new id", quiet=LEARN_QUIET)
        self.s.idle()
        self.add("rename: id → diff", self.s.press("enter", words.diff_shown, "enter the new id"))
        self.s.idle()
        written = self.s.press("y", lambda s: words.written(s) is not None, "confirm the rename")
        self.add("rename: confirm → written", written)
        return words.written(self.s.term.screen) or 0


def validate(repo: Path) -> tuple[int, str]:
    program = Path(sys.executable).parent / "daicho"
    command = [str(program)] if program.exists() else [sys.executable, "-m", "daicho"]
    done = subprocess.run([*command, "--repo", str(repo), "validate"], capture_output=True, text=True,
                          timeout=600, check=False)
    return done.returncode, (done.stdout + done.stderr).strip().splitlines()[-1:][0] if (
        done.stdout + done.stderr).strip() else ""


def measure(repo: Path, runs: int = 5, passes: int = 2, completed: tuple[str, ...] = COMPLETED,
            log: Callable[[str], None] = lambda _: None) -> tuple[Figures, dict[str, object]]:
    """Every row on a copy of `repo`; the facts of the run (meeting, advisor, files) beside.
    `completed`: the texts typed into the picker of local governments (the test of the bench
    types fewer keys than a run of it)."""
    repo = repo.resolve()
    figures = Figures(machine=machine())
    cat = Catalogue("ja")
    words, look = Words(cat), Look()
    meeting = largest_meeting(repo)
    advisor, advisor_name, named_by = advisor_near_50(repo)
    names = [spec.name for spec in fields_of(Meeting)]
    label = f"{meeting.date.isoformat()} {meeting.title}"  # as the palette lists a meeting
    facts: dict[str, object] = {"meeting": meeting.id, "people": len(meeting.people),
                                "agenda": len(meeting.agenda), "advisor": advisor,
                                "advisor_meetings": named_by}
    with scratch_copy(repo) as copy:
        with settings(confirm_save=True):
            log(f"editing: the form of {meeting.id} …")
            with Session(copy, figures, look) as session:
                session.start(row_loaded="everything loaded")
                session.idle()
                edit = EditSession(session, words, figures)
                edit.open_record("meeting", label, meeting.id)
                edit.open_form(runs)
                edit.down(names.index("title"))
                log("editing: typing, saving with the diff shown …")
                edit.type_title_and_save(runs, confirm=True)
                log("editing: completion …")
                edit.completion(names.index("municipalities") - names.index("title"), passes, completed)
                session.press("escape_kitty", lambda s: not words.form(s), "leave the form",
                              quiet=LEARN_QUIET)
                log(f"editing: rename {advisor} (named by {named_by} meeting files) …")
                edit.open_record("advisor", advisor_name, advisor_name)
                facts["files_written"] = edit.rename(f"{advisor}-renamed")
                session.memory()
        with settings(confirm_save=False):
            log("editing: saving without the confirmation …")
            with Session(copy, figures, look) as session:
                session.start(row_loaded="everything loaded")
                session.idle()
                edit = EditSession(session, words, figures)
                with (copy / "meetings" / f"{meeting.id}.toml").open("rb") as handle:
                    title = tomli.load(handle)["title"]  # as the first session left it
                edit.open_record("meeting", f"{meeting.date.isoformat()} {title}", meeting.id)
                session.press("e", words.saved_form, "form", quiet=LEARN_QUIET)
                edit.down(names.index("title"))
                edit.type_title_and_save(runs, confirm=False)
                log("editing: a keystroke at the maximum length …")
                edit.down(names.index("summary") - names.index("title"))
                edit.type_at_maximum(runs, meeting.summary or "")
                session.term.close(timeout=0.2)  # unsaved on purpose: not the quit prompt's wait
        code, last = validate(copy)
        facts["validate_after"] = f"exit {code}: {last}"
        if code != 0:
            figures.notes.append(f"daicho validate on the edited copy exited {code} ({last}): "
                                 "the figures are void")
    figures.machine["load_end"] = load_average()
    return figures, facts


def report(figures: Figures, facts: dict[str, object]) -> str:
    m = figures.machine
    lines = [
        "Editing end to end: the real program (`daicho --repo COPY --lang ja`) in a 160×45 "
        "pseudo-terminal, from the key written to the screen settled (the expected text shown, "
        "then 50 ms without output; the figure is the last visible change before that window). "
        f"The largest meeting {facts['meeting']} ({facts['people']} people, {facts['agenda']} agenda "
        f"items); the rename of {facts['advisor']}, named by {facts['advisor_meetings']} meeting "
        f"files, wrote {facts.get('files_written', '?')} files; daicho validate afterwards: "
        f"{facts.get('validate_after', '?')}. Machine: {m.get('cpus')} CPUs, {m.get('model')}; "
        f"load average (1/5/15 min) {m.get('load_start')} at the start, {m.get('load_end', '?')} "
        "at the end.",
        "",
        "| row | measured | median | p90 | max | text shown median | n | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in ROWS:
        values = figures.samples.get(row.name)
        if not values:
            continue
        median = statistics.median(values)
        target = "" if row.target is None else f"≤ {_ms(row.target)} {_verdict(median <= row.target)}"
        shown = statistics.median(figures.shown.get(row.name) or values)
        lines.append(f"| {row.name} | {row.what} | {_ms(median)} | {_ms(_p90(values))} | "
                     f"{_ms(max(values))} | {_ms(shown)} | {len(values)} | {target} |")
    lines.append(f"| peak memory (VmHWM) | the first session | {figures.peak_rss_kb / 1024:.0f} MB "
                 "| | | | | |")
    for note in figures.notes:
        lines.append(f"\nNote: {note}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.edit_e2e",
                                     description=(__doc__ or "").split("\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--runs", type=int, default=5, help="forms opened, titles typed and saved")
    parser.add_argument("--passes", type=int, default=2, help="timed passes of the completion keys")
    parser.add_argument("--json", action="store_true", help="print the samples as JSON too")
    args = parser.parse_args(argv)
    if not (args.repo / "advisors.toml").is_file():
        print(f"bench.edit_e2e: {args.repo} is not a daicho repository (no advisors.toml)",
              file=sys.stderr)
        return 2
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    try:
        figures, facts = measure(args.repo, args.runs, args.passes, log=log)
    except (TerminalError, OSError) as exc:
        print(f"bench.edit_e2e: {exc}", file=sys.stderr)
        return 1
    print(report(figures, facts))
    if args.json:
        print(json.dumps({**figures.as_json(), "facts": facts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
