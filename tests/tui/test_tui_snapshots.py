"""SVG snapshots of each screen, in Japanese and in English, at 160×45 and at 80×24 (a terminal's
default size, where lesser columns give way, titles lose the start they share with the rows next to
them, and the bar uses short labels).

The app runs on a copy of the shipped themes, advisors and meetings with a handful of local
governments (tests/helpers.make_repo), in a folder with a fixed name, so the pictures depend on
nothing else (no clock, no random). Update with `pytest --snapshot-update tests/tui/test_tui_snapshots.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from textual.pilot import Pilot

from tests.helpers import SEED_MEETING, SIZE, add_meeting, break_repo, make_repo
from tui.app import create_app


def many_years(repo: Path) -> None:
    """Consultations in ten fiscal years (the home chart cannot show them all at 80 columns)."""
    for year in range(2013, 2022):
        path = repo / "meetings" / f"{add_meeting(repo, f'{year}-10-05')}.toml"
        path.write_text(path.read_text(encoding="utf-8").replace("fiscal_year = 2022", f"fiscal_year = {year}"),
                        encoding="utf-8")


def misspelt_theme(repo: Path) -> None:
    """A topic's theme misspelt: the problem is at the third topic, far down the meeting."""
    path = repo / SEED_MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('theme = "dx-talent"\ntitle', 'theme = "dx-talant"\ntitle'), encoding="utf-8")


class Shot(NamedTuple):
    keys: tuple[str, ...]
    setup: Callable[[Path], object] | None = None


SCREENS: dict[str, Shot] = {
    "home": Shot(("0",), many_years),
    "meetings": Shot(()),
    "consultations": Shot(("2",)),
    "advisors": Shot(("3",)),
    "local-governments": Shot(("4",)),
    "themes": Shot(("5",)),
    "problems": Shot(("6",), break_repo),
    "meeting": Shot(("enter",)),
    "consultation": Shot(("2", "down", "enter")),
    "advisor": Shot(("3", "slash", *"okamura", "enter")),
    "local-government": Shot(("4", "slash", *"toda", "enter")),
    "theme": Shot(("5", "slash", *"online", "enter")),
    "keys": Shot(("question_mark",)),
    "filter-highlight": Shot(("2", "slash", *"オンライン")),
    "problem-at-fault": Shot(("6", "enter"), misspelt_theme),
    "syntax-error": Shot(("6", "down", "enter"), break_repo),
}

NARROW = (80, 24)


@pytest.mark.parametrize("size", [SIZE, NARROW], ids=["160x45", "80x24"])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, lang: str, size: tuple[int, int], tmp_path: Path,
                snap_compare: Callable[..., bool]) -> None:
    repo = make_repo(tmp_path / "records")
    shot = SCREENS[screen]
    if shot.setup is not None:
        shot.setup(repo)
    app = create_app(repo, lang)

    async def run_before(pilot: Pilot) -> None:
        await app.wait_loaded()
        await pilot.pause()
        await pilot.press(*shot.keys)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


# -- the editing forms, at 160×45 and 80×24 -------------------------------------------------------

FORMS: dict[str, tuple[str, ...]] = {
    "form-meeting": ("enter", "e"),
    "form-agenda": ("enter", "e", "wait:50", "ctrl+end"),
    "form-topic-with-a-problem": ("enter", "e"),
    "form-editing-a-field": ("enter", "e", "down", "enter"),
    "form-new-meeting": ("n",),
}


@pytest.mark.parametrize("size", [SIZE, NARROW], ids=["160x45", "80x24"])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("form", list(FORMS))
def test_form(form: str, lang: str, size: tuple[int, int], tmp_path: Path,
              snap_compare: Callable[..., bool]) -> None:
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, lang)

    async def run_before(pilot: Pilot) -> None:
        from tui.screens.edit import EditScreen

        await app.wait_loaded()
        await pilot.pause()
        await pilot.press(*FORMS[form])
        await pilot.pause()
        if form == "form-agenda":  # the agenda's list
            screen = app.screen
            assert isinstance(screen, EditScreen)
            screen.query_one("#row-agenda").focus()
            await pilot.press("enter")
        elif form == "form-topic-with-a-problem":  # a topic whose theme is not in themes.toml
            screen = app.screen
            assert isinstance(screen, EditScreen)
            screen.draft.set(("agenda", 4, "topics", 0, "theme"), "planning-suport")
            screen._push(("agenda", 4, "topics", 0))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
