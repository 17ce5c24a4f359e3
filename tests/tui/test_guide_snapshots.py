"""The pictures of the secretariat's guide (docs/guide.ja.md): SVG snapshots of the screens each
step shows, in Japanese at 160×45, on the same small repository as the other snapshots. The guide
links the files pytest-textual-snapshot writes (tests/tui/__snapshots__/test_guide_snapshots/), so a
change to a screen fails here until the picture is written again, and the guide shows it at once;
`test_the_guide_shows_every_picture_and_no_other` holds the guide's links and these pictures to
one list. Update with `pytest --snapshot-update tests/tui/test_guide_snapshots.py`."""

from __future__ import annotations

import re
import shutil
import urllib.parse
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests import intake_exports as made
from tests.cli.test_intake import without_survey_and_questions
from tests.helpers import PROJECT, SEED_MEETING, SIZE, break_repo, make_repo
from tests.tui.test_editing import paste
from tui.app import DaichoApp, create_app

GUIDE = PROJECT / "docs" / "guide.ja.md"
PICTURES = PROJECT / "tests" / "tui" / "__snapshots__" / "test_guide_snapshots"
MEETING_ID = "2022-10-05-kanto-advisor-meeting"


async def _type(pilot: Pilot, text: str) -> None:
    from textual import events

    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def copy_dialog(app: DaichoApp, pilot: Pilot) -> None:
    from tui.record_actions import copy_meeting

    await pilot.press("enter")
    await pilot.pause()
    copy_meeting(app, MEETING_ID)


async def copy_form(app: DaichoApp, pilot: Pilot) -> None:
    await copy_dialog(app, pilot)
    await pilot.pause()
    await pilot.click("#create")


async def new_advisor(app: DaichoApp, pilot: Pilot) -> None:
    await pilot.press("3", "n")
    await pilot.pause()
    await _type(pilot, "川島 宏一")
    await pilot.press("tab")
    await _type(pilot, "かわしま こういち")


async def field_jump(app: DaichoApp, pilot: Pilot) -> None:
    await new_advisor(app, pilot)
    await pilot.click("#create")
    await pilot.pause()
    await pilot.press("slash")
    await pilot.pause()
    await _type(pilot, "いしょく")


async def year_added(app: DaichoApp, pilot: Pilot) -> None:
    await field_jump(app, pilot)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"2024", "enter")


async def save_diff(app: DaichoApp, pilot: Pilot) -> None:
    await year_added(app, pilot)
    await pilot.pause()
    await pilot.press("ctrl+s")


async def meeting(app: DaichoApp, pilot: Pilot) -> None:
    await pilot.press("enter")


async def problems(app: DaichoApp, pilot: Pilot) -> None:
    await pilot.press("6")


async def problem_at_fault(app: DaichoApp, pilot: Pilot) -> None:
    await pilot.press("6", "enter")


def misspelt_theme(repo: Path) -> None:
    path = repo / SEED_MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('theme = "dx-talent"\ntitle', 'theme = "dx-talant"\ntitle'), encoding="utf-8")


SURVEY_EXPORT = "../事前アンケート.csv"
"""Typed as the guide advises: beside the records' folder, not in it (the answers name people)."""


def survey_exported(repo: Path) -> None:
    """The seed meeting before its survey was taken in, the national list of local governments
    (the respondents' are matched against it), and the form's answers exported beside the records'
    folder."""
    without_survey_and_questions(repo)
    shutil.copy2(PROJECT / "municipalities.toml", repo / "municipalities.toml")
    (repo / SURVEY_EXPORT).write_bytes(made.google_forms_survey(made.SEED_SURVEY))


async def intake_dialog(app: DaichoApp, pilot: Pilot) -> None:
    from textual.widgets import Input

    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    await paste(pilot, app.screen.query_one("#intake-path", Input), SURVEY_EXPORT)


async def intake_changes(app: DaichoApp, pilot: Pilot) -> None:
    await intake_dialog(app, pilot)
    await pilot.pause()
    await pilot.click("#create")


Steps = Callable[[DaichoApp, Pilot], Awaitable[None]]

PICTURES_OF_THE_GUIDE: dict[str, tuple[Steps, Callable[[Path], object] | None]] = {
    "copy-dialog": (copy_dialog, None),
    "copy-form": (copy_form, None),
    "new-advisor": (new_advisor, None),
    "field-jump": (field_jump, None),
    "year-added": (year_added, None),
    "save-diff": (save_diff, None),
    "problems": (problems, break_repo),
    "problem-at-fault": (problem_at_fault, misspelt_theme),
    "meeting": (meeting, None),
    "intake-dialog": (intake_dialog, survey_exported),
    "intake-changes": (intake_changes, survey_exported),
}


@pytest.mark.parametrize("picture", list(PICTURES_OF_THE_GUIDE))
def test_guide(picture: str, tmp_path: Path, snap_compare: Callable[..., bool]) -> None:
    repo = make_repo(tmp_path / "records")
    steps, setup = PICTURES_OF_THE_GUIDE[picture]
    if setup is not None:
        setup(repo)
    app = create_app(repo, "ja")
    app.settings.confirm_save = True

    async def run_before(pilot: Pilot) -> None:
        await app.wait_loaded()
        await pilot.pause()
        await steps(app, pilot)
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_the_guide_shows_every_picture_and_no_other() -> None:
    """Each picture the guide links is one of this test's snapshots (so it is current), and each
    snapshot is in the guide."""
    links = [urllib.parse.unquote(link) for link in re.findall(r"!\[[^\]]*\]\(([^)]+\.svg)\)",
                                                                  GUIDE.read_text(encoding="utf-8"))]
    shown = {Path(link).name for link in links}
    assert all((GUIDE.parent / link).resolve().parent == PICTURES.resolve() for link in links), links
    assert shown == {f"test_guide[{name}].svg" for name in PICTURES_OF_THE_GUIDE}
    assert all((PICTURES / name).is_file() for name in shown)
