"""One save path (issue 21, item 3): every write the interface makes — an edit, a new meeting, a
copy, a new advisor or theme, a rename, a deletion, a revert — goes through the editing session's
one save (`EditSession.save`, which writes with `write_changes` and its journal), and the screens
learn of it by the app's one signal (`records_changed`, tui/changes.py), whatever screen they are:
a screen the app knows nothing of is told as the record screens are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

import schema.edit.save
from schema.edit.session import EditSession, SaveResult
from schema.files.journal import FileChange
from tests.helpers import SEED_MEETING, SIZE, make_repo
from tests.tui.test_editing import paste, save, screen, set_field
from tests.tui.test_editing_trust import new_meeting
from tui.app import DaichoApp, create_app
from tui.changes import Change, subscribe
from tui.screens.detail import DetailScreen
from tui.screens.prompts import ConfirmPrompt, CopyMeetingPrompt, NewAdvisorPrompt, TextPrompt
from tui.widgets.document import DocumentView

MEETING_ID = SEED_MEETING.removeprefix("meetings/").removesuffix(".toml")


class Writes:
    """Every file a save writes, and whether it was written inside the editing session's save: the
    lowest step of every save (`schema.edit.save.apply_change`, which `write_changes` calls for
    each file) is watched, and `EditSession.save` is wrapped to say when it runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.saves: list[list[str]] = []
        """The files each save wrote (sorted), in order."""
        self.outside: list[str] = []
        """Files written by anything but the session's save."""
        self._inside = 0
        original_save = EditSession.save
        original_apply = schema.edit.save.apply_change

        def session_save(session: EditSession, changes: Any = None) -> SaveResult:
            self._inside += 1
            try:
                result = original_save(session, changes)
            finally:
                self._inside -= 1
            if result.changes:
                self.saves.append(sorted(change.relpath for change in result.changes))
            return result

        def apply_change(root: Path, change: FileChange, *args: Any, **kwargs: Any) -> None:
            if not self._inside:
                self.outside.append(change.relpath)
            original_apply(root, change, *args, **kwargs)

        monkeypatch.setattr(EditSession, "save", session_save)
        monkeypatch.setattr(schema.edit.save, "apply_change", apply_change)


def files(repo: Path) -> dict[str, bytes]:
    return {path.relative_to(repo).as_posix(): path.read_bytes() for path in sorted(repo.rglob("*.toml"))}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


class Told:
    """The changes the app's signal published, as a subscriber got them."""

    def __init__(self) -> None:
        self.changes: list[Change] = []

    def __call__(self, change: Change) -> None:
        self.changes.append(change)

    def saved(self) -> list[list[str]]:
        return [sorted(c.saved.written) for c in self.changes if c.kind == "saved" and c.saved is not None]


def command(app: DaichoApp, key: str, **values: object) -> Callable[[], Any]:
    """The palette's command of this title (as the palette lists it for the screen on top)."""
    title = app.cat.t(key, **values)
    found = [c.callback for c in app.get_system_commands(app.screen) if c.title == title]
    assert found, (title, [c.title for c in app.get_system_commands(app.screen)])
    return found[0]


async def confirm(pilot: Pilot, answer: str = "y") -> None:
    assert isinstance(pilot.app.screen, ConfirmPrompt), type(pilot.app.screen).__name__
    if answer == "y":
        await pilot.press("y")
    else:
        await pilot.click("#yes")
    await pilot.pause()


async def open_record(pilot: Pilot, kind: str, record_id: str) -> None:
    app = pilot.app
    assert isinstance(app, DaichoApp)
    app.open_ref(next(row.ref for row in app.listing.rows(kind) if row.ref.id == record_id))  # type: ignore[arg-type]
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen) and app.screen.ref.id == record_id


async def rename(pilot: Pilot, advisor: str, new: str) -> None:
    """The advisor's screen, the palette's "change the id", the new id, y."""
    app = pilot.app
    assert isinstance(app, DaichoApp)
    await open_record(pilot, "advisor", advisor)
    command(app, "palette.rename")()
    await pilot.pause()
    await paste(pilot, app.screen.query_one(Input), new)
    await pilot.press("enter")
    await pilot.pause()
    await confirm(pilot)


async def delete(pilot: Pilot, kind: str, record_id: str) -> None:
    """The record's screen, the palette's "delete", the deletion confirmed (a click: y does not)."""
    app = pilot.app
    assert isinstance(app, DaichoApp)
    await open_record(pilot, kind, record_id)
    command(app, "palette.delete")()
    await pilot.pause()
    await confirm(pilot, "click")


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Writes:
    return Writes(monkeypatch)


async def test_every_write_of_the_interface_goes_through_the_session_s_one_save(
        tmp_path: Path, writes: Writes) -> None:
    """Each kind of write, driven as a person does: the files that changed on disk are exactly
    those the session's save wrote, nothing was written beside it, and the signal told of it."""
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    app.settings.confirm_save = True
    told = Told()

    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        subscribe(app.screen_stack[0], told)
        on_disk = files(repo)

        def written(*expected: str) -> None:
            nonlocal on_disk
            now = files(repo)
            assert changed(on_disk, now) == sorted(expected)
            assert writes.saves[-1] == sorted(expected)
            assert told.saved()[-1] == sorted(expected)
            assert writes.outside == []
            on_disk = now

        # an edit: e on the seed meeting, its title, ctrl+s, y
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await set_field(pilot, "title", "令和4年度 関東 アドバイザー会議(改)")
        await save(pilot)
        written(SEED_MEETING)
        await pilot.press("escape", "escape")
        await pilot.pause()

        # a new meeting: 1 n, its date and title, its form saved
        await new_meeting(pilot, "2024-07-03", "令和6年度 関東 アドバイザー会議")
        await save(pilot)
        written("meetings/2024-07-03-kanto-advisor-meeting.toml")
        await pilot.press("escape")
        await pilot.pause()

        # a copy of the seed meeting, from its screen's palette
        app.open_ref(app.listing.rows("meeting")[-1].ref)
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.ref.id == MEETING_ID
        command(app, "palette.copy_meeting")()
        await pilot.pause()
        assert isinstance(app.screen, CopyMeetingPrompt)
        await pilot.click("#create")
        await pilot.pause()
        assert screen(app).draft.relpath == "meetings/2023-10-04-kanto-advisor-meeting.toml"
        await save(pilot)
        written("meetings/2023-10-04-kanto-advisor-meeting.toml")
        await pilot.press("escape", "escape")
        await pilot.pause()

        # the copy deleted from its own screen's palette: its screen closes itself
        await delete(pilot, "meeting", "2023-10-04-kanto-advisor-meeting")
        written("meetings/2023-10-04-kanto-advisor-meeting.toml")
        assert not isinstance(app.screen, DetailScreen)

        # a new advisor: 3 n, the name and reading, the form saved
        await pilot.press("3", "n")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, NewAdvisorPrompt)
        await paste(pilot, prompt.query_one("#advisor-name", Input), "山田 花子")
        await paste(pilot, prompt.query_one("#advisor-kana", Input), "やまだ はなこ")
        await pilot.pause()
        await pilot.click("#create")
        await pilot.pause()
        await save(pilot)
        written("advisors.toml")
        await pilot.press("escape")
        await pilot.pause()
        assert "yamada-hanako" in app.data.records.advisors

        # a new theme: 5 n, its id, its labels
        await pilot.press("5", "n")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await paste(pilot, app.screen.query_one(Input), "open-data")
        await pilot.press("enter")
        await pilot.pause()
        await set_field(pilot, "label", "オープンデータ")
        await set_field(pilot, "label_en", "Open data")
        await save(pilot)
        written("themes.toml")
        await pilot.press("escape")
        await pilot.pause()

        # the advisor renamed from their screen's palette: every file that names them, in one save
        await rename(pilot, "okamura-hisakazu", "okamura-h")
        written("advisors.toml", SEED_MEETING)
        assert isinstance(app.screen, DetailScreen) and app.screen.ref.id == "okamura-h"

        # reverted from the palette: the files as they were before the rename
        command(app, "palette.revert")()
        await pilot.pause()
        written("advisors.toml", SEED_MEETING)
        assert "okamura-hisakazu" in app.data.records.advisors
        await pilot.press("escape")
        await pilot.pause()

        # a theme named by nothing deleted from its screen's palette
        await delete(pilot, "theme", "workation")
        written("themes.toml")
        assert "workation" not in app.data.records.themes
        assert not isinstance(app.screen, DetailScreen)

    assert len(writes.saves) == len(told.saved()) == 9


class Probe(Screen[None]):
    """A screen the app knows nothing of: it learns of changes only by subscribing to the signal."""

    def __init__(self) -> None:
        super().__init__()
        self.told = Told()

    def compose(self) -> ComposeResult:
        yield Static("probe")

    def on_mount(self) -> None:
        subscribe(self, self.told)


def links(app: DaichoApp) -> set[str]:
    view = app.screen.query_one(DocumentView)
    return {f"{block.ref.kind}:{block.ref.id}" for block in view.blocks if block.ref is not None}


async def test_screens_below_are_told_of_a_rename_and_a_deletion_made_on_another(tmp_path: Path,
                                                                               writes: Writes) -> None:
    """The seed meeting's screen, a screen of the test's own, then an advisor's screen on top:
    the advisor renamed there, the screens below are told — the test's screen at once (the app
    calls no method of it), the meeting's shows the new id when it comes back. Then a theme
    deleted from its screen: told again."""
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        app.open_ref(next(row.ref for row in app.listing.rows("meeting") if row.ref.id == MEETING_ID))
        await pilot.pause()
        assert "advisor:okamura-hisakazu" in links(app)
        probe = Probe()
        await app.push_screen(probe)
        await rename(pilot, "okamura-hisakazu", "okamura-h")
        assert probe.told.saved() == [["advisors.toml", SEED_MEETING]]
        saved = probe.told.changes[-1].saved
        assert saved is not None and saved.state is app.data  # the records as they now are, handed over
        assert "okamura-h" in saved.state.records.advisors
        assert [m.id for m in saved.added] == [MEETING_ID]  # the new model of the meeting rewritten
        assert isinstance(app.screen, DetailScreen) and app.screen.ref.id == "okamura-h"
        await pilot.press("escape")  # the new advisor's screen
        await pilot.pause()
        assert app.screen is probe
        app.pop_screen()
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.ref.id == MEETING_ID
        assert "advisor:okamura-h" in links(app) and "advisor:okamura-hisakazu" not in links(app)

        await app.push_screen(probe := Probe())
        await delete(pilot, "theme", "workation")
        assert app.screen is probe  # the theme's screen closed itself: its record is gone
        assert probe.told.saved() == [["themes.toml"]]
    assert writes.outside == []
