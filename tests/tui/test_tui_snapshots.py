"""SVG snapshots of each main screen, at 160×45, in Japanese and in English, and of the lists at
80×24 (a terminal's default size), where lesser columns give way and the bar uses short labels.

The app runs on a copy of the shipped themes, advisors and meetings with a handful of local
governments (tests/conftest_tui.py), in a folder with a fixed name, so the pictures depend on
nothing else (no clock, no random). Update with `pytest --snapshot-update tests/test_tui_snapshots.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import SIZE, break_repo, make_repo
from tui.app import create_app

SCREENS: dict[str, tuple[str, ...]] = {
    "home": ("0",),
    "meetings": (),
    "consultations": ("2",),
    "advisors": ("3",),
    "local-governments": ("4",),
    "themes": ("5",),
    "problems": ("6",),
    "meeting": ("enter",),
    "consultation": ("2", "down", "enter"),
    "advisor": ("3", "slash", *"okamura", "enter"),
    "local-government": ("4", "slash", *"toda", "enter"),
    "theme": ("5", "enter"),
    "keys": ("question_mark",),
}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, lang: str, tmp_path: Path, snap_compare: Callable[..., bool]) -> None:
    repo = make_repo(tmp_path / "records")
    if screen == "problems":
        break_repo(repo)
    app = create_app(repo, lang)

    async def run_before(pilot: Pilot) -> None:
        await app.wait_loaded()
        await pilot.pause()
        await pilot.press(*SCREENS[screen])
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


NARROW = (80, 24)
NARROW_SCREENS = ("meetings", "local-governments")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("screen", NARROW_SCREENS)
def test_screen_at_80x24(screen: str, lang: str, tmp_path: Path,
                         snap_compare: Callable[..., bool]) -> None:
    app = create_app(make_repo(tmp_path / "records"), lang)

    async def run_before(pilot: Pilot) -> None:
        await app.wait_loaded()
        await pilot.pause()
        await pilot.press(*SCREENS[screen])
        await pilot.pause()

    assert snap_compare(app, terminal_size=NARROW, run_before=run_before)


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
