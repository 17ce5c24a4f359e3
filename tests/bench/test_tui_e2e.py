"""The end-to-end TUI bench (bench/tui_e2e.py): its screen model reads what Textual writes, and its
driver runs the real program in a pseudo-terminal and sees what a person would see.

Speed is never asserted (the bench measures it); what is asserted is what was on the screen.
"""

from __future__ import annotations

from pathlib import Path

import tomli

from bench.tui_e2e import Figures, Session, report
from bench.vtscreen import SYNC_REPLY, Screen
from tests.helpers import copy_records


def test_screen_model_places_wide_characters_and_survives_cut_sequences() -> None:
    screen = Screen(12, 3)
    data = "\x1b[?1049h\x1b[2;3H\x1b[1;7m会議\x1b[0;38;2;7;7;7m ab\x1b[3;1H戸田市".encode()
    for n in range(len(data)):  # every byte its own chunk: escapes and UTF-8 cut anywhere
        screen.feed(data[n:n + 1])
    screen.feed(b"\x1b[2;4Hx")  # overwrites the right half of 会: its left half blanks
    assert screen.lines() == ["", "   x議 ab", "戸田市"]
    assert screen.reversed_parts(1) == ["議"]  # reverse video; the 7s of a colour are not SGR 7


def test_screen_model_answers_the_synchronized_output_query() -> None:
    screen = Screen(10, 2)
    screen.feed(b"\x1b[?2026$p\x1b[?2026h\x1b[1;1Hhi\x1b[?2026l")
    assert screen.replies == [SYNC_REPLY]
    assert screen.frames == 1
    assert screen.line(0) == "hi"


def test_screen_model_counts_only_visible_changes() -> None:
    """A frame that writes again what is there changes nothing; a new style or character does."""
    screen = Screen(10, 2)
    frame = b"\x1b[1;9H\x1b[7;38;5;23m  \x1b[0m"
    screen.feed(frame)
    seen = screen.version
    screen.feed(frame)
    assert screen.version == seen
    screen.feed(b"\x1b[1;9H\x1b[38;5;23m  \x1b[0m")  # the same spaces, no longer reversed
    assert screen.version > seen
    seen = screen.version
    screen.feed(b"\x1b[2;1Hx")
    assert screen.version > seen


def _newest_meeting(repo: Path) -> dict[str, object]:
    meetings = [tomli.loads(p.read_text("utf-8")) for p in (repo / "meetings").glob("*.toml")]
    return max(meetings, key=lambda m: (str(m["date"]), str(m["id"])))


def test_driver_opens_the_newest_meeting_in_the_real_program(tmp_path: Path) -> None:
    """`daicho` in a 160×45 pty on the shipped records: the first screen lists the meetings, Enter
    opens the newest one (its title on the captured screen), Escape comes back to the list."""
    repo = copy_records(tmp_path / "repo")
    meeting = _newest_meeting(repo)
    figures = Figures()
    with Session(repo, figures) as session:
        session.start()
        session.open_meetings(count=1)
    meetings = len(list((repo / "meetings").glob("*.toml")))
    assert f"全 {meetings} 件" in figures.screens["first screen"]
    opened = figures.screens["open a meeting"]
    assert str(meeting["title"]) in opened
    assert str(meeting["id"]) in opened
    for row in ("first screen", "everything loaded", "open a meeting", "back (Escape, xterm)",
                "back (Escape, kitty protocol)"):
        assert len(figures.samples[row]) == (2 if row == "open a meeting" else 1), row
    table = report(figures)
    assert "| open a meeting | Enter on list 1 → the record |" in table
