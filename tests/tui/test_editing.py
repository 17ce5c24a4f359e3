"""Editing through the terminal UI, end to end (Pilot): the seed meeting typed in from nothing and
saved byte for byte as shipped; one field changed is one line of the diff and shows everywhere;
a file changed on disk is not overwritten; a rename reaches every file; unsaved changes are asked
about."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import tomli
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, TextArea

from schema.edit.refs import model_for
from schema.edit.spec import fields_of
from schema.models import Meeting
from tests.helpers import PROJECT, SEED_MEETING, SIZE, document_text, git_records
from tui.app import DaichoApp, create_app
from tui.screens.edit import EditScreen
from tui.screens.prompts import ChoicePrompt, ConfirmPrompt, NewMeetingPrompt, PickPrompt, TextPrompt
from tui.widgets.fields import ChoiceEditor, FlagEditor, OpenRow, ProseEditor, RefEditor, TextEditor

MEETING_ID = "2022-10-05-kanto-advisor-meeting"


# -- driving the forms ----------------------------------------------------------------------------


async def paste(pilot: Pilot, widget: Input | TextArea, text: str) -> None:
    """Replace a text field's contents as a user does: focus, clear, paste."""
    widget.focus()
    await pilot.pause()
    if isinstance(widget, Input):
        await pilot.press("end", "ctrl+u")
    else:
        widget.select_all()
        await pilot.press("delete")
    widget.post_message(events.Paste(text))
    await pilot.pause()


async def leave_field(pilot: Pilot) -> None:
    await pilot.press("tab")
    await pilot.pause()


async def choose(pilot: Pilot, select: Select[Any], value: str) -> None:
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    overlay = select.query_one(OptionList)
    for _ in range(len(overlay.options) + 1):
        option = overlay.get_option_at_index(overlay.highlighted or 0)
        if select._options[overlay.highlighted or 0][1] == value:  # noqa: SLF001
            break
        await pilot.press("down")
    del option
    await pilot.press("enter")
    await pilot.pause()


async def pick(pilot: Pilot, query: str) -> None:
    """In a picker (a prompt's or a field's), type the id and take the first candidate."""
    app = pilot.app
    picker = app.screen.query_one(RefEditor) if isinstance(app.screen, PickPrompt) else None
    assert picker is not None
    picker.input.post_message(events.Paste(query))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def screen(app: DaichoApp) -> EditScreen:
    assert isinstance(app.screen, EditScreen), type(app.screen).__name__
    return app.screen


async def fill_record(pilot: Pilot, doc: dict[str, Any], model: type) -> None:
    """Type every field of `doc` into the form on screen (a record of `model`)."""
    app = pilot.app
    for spec in fields_of(model):
        if spec.name not in doc:
            continue
        value = doc[spec.name]
        widget = screen(app).query_one(f"#edit-{spec.name}")
        if isinstance(widget, TextEditor | RefEditor):
            shown = value.isoformat() if isinstance(value, dt.date | dt.time) else str(value)
            if isinstance(widget, RefEditor):
                await paste(pilot, widget.input, shown)
                await pilot.press("enter")
            else:
                await paste(pilot, widget.input, shown)
                await leave_field(pilot)
        elif isinstance(widget, ProseEditor):
            await paste(pilot, widget.query_one(TextArea), value)
            await leave_field(pilot)
        elif isinstance(widget, ChoiceEditor):
            await choose(pilot, widget.query_one(Select), value)
        elif isinstance(widget, FlagEditor):
            widget.query_one("Checkbox").focus()
            await pilot.press("space")
        elif isinstance(widget, OpenRow):
            widget.focus()
            await pilot.press("enter")
            await pilot.pause()
            await fill_collection(pilot, spec, value)
            await pilot.press("escape")
            await pilot.pause()
        # read-only fields (an item's kind, set when it was added) are skipped
    await pilot.pause()


async def fill_collection(pilot: Pilot, spec: Any, value: Any) -> None:
    app = pilot.app
    if spec.kind == "record":
        await fill_record(pilot, value, spec.models[0])
        return
    if spec.kind == "values":
        for item in value:
            screen(app).query_one("#elements").focus()
            await pilot.press("a")
            await pilot.pause()
            if isinstance(app.screen, PickPrompt):
                await pick(pilot, item)
            else:
                assert isinstance(app.screen, TextPrompt)
                await paste(pilot, app.screen.query_one(Input), str(item))
                await pilot.press("enter")
            await pilot.pause()
        return
    if spec.kind == "table":
        for key, item in value.items():
            screen(app).query_one("#elements").focus()
            if spec.name == "people" and "advisor" in item:
                await pilot.press("f")
                await pilot.pause()
                await pick(pilot, item["advisor"])
            else:
                await pilot.press("a")
                await pilot.pause()
                assert isinstance(app.screen, TextPrompt)
                await paste(pilot, app.screen.query_one(Input), key)
                await pilot.press("enter")
            await pilot.pause()
            await fill_record(pilot, item, spec.models[0])
            await pilot.press("escape")
            await pilot.pause()
        return
    for item in value:  # records: each added, typed, left
        screen(app).query_one("#elements").focus()
        await pilot.press("end")
        await pilot.press("a")
        await pilot.pause()
        if isinstance(app.screen, ChoicePrompt):
            options = app.screen.query_one(OptionList)
            index = next(i for i in range(len(options.options)) if options.get_option_at_index(i).id == item["kind"])
            options.highlighted = index
            await pilot.press("enter")
            await pilot.pause()
        await fill_record(pilot, item, model_for(spec.models, item) or spec.models[0])
        await pilot.press("escape")
        await pilot.pause()


async def save(pilot: Pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmPrompt), type(pilot.app.screen).__name__
    await pilot.press("y")
    await pilot.pause()


# -- the tests ------------------------------------------------------------------------------------


async def test_the_seed_meeting_typed_through_the_ui_is_saved_as_shipped(tmp_path: Path) -> None:
    """From a repository with no meetings: every part of the seed meeting — people, the ranking with
    its tie, both presentations, the three consultation topics with their questions and answers,
    the contact — typed (pasted) into the forms and saved is byte for byte the shipped file."""
    repo = tmp_path / "records"
    repo.mkdir()
    for name in ("themes.toml", "advisors.toml", "municipalities.toml"):
        shutil.copy2(PROJECT / name, repo / name)
    (repo / "meetings").mkdir()
    shipped = (PROJECT / SEED_MEETING).read_bytes()
    seed = tomli.loads(shipped.decode("utf-8"))
    app = create_app(repo, "ja")
    app.settings.confirm_save = True
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("1", "n")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, NewMeetingPrompt)
        await paste(pilot, prompt.query_one("#new-date", Input), "2022-10-05")
        await paste(pilot, prompt.query_one("#new-title", Input), seed["title"])
        await pilot.click("#create")
        await pilot.pause()
        edit = screen(app)
        assert edit.draft.relpath == SEED_MEETING
        rest = {key: value for key, value in seed.items() if key not in ("id", "title", "kind", "bureau", "date",
                                                                         "fiscal_year", "format")}
        await fill_record(pilot, rest, Meeting)
        assert edit.editing.session.problems() == {}
        await save(pilot)
        assert (repo / SEED_MEETING).read_bytes() == shipped
        assert not edit.draft.dirty


async def test_change_a_title_one_line_and_everywhere(tmp_path: Path) -> None:
    """Open the seed meeting, e, change its title, Ctrl+S, confirm: git diff shows one changed
    line, and the UI shows the new title in the list and on the record."""
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        edit = screen(app)
        await paste(pilot, edit.query_one("#edit-title").query_one(Input), "令和4年度 関東 アドバイザー会議(改)")
        await save(pilot)
        diff = subprocess.run(["git", "diff", "--numstat"], cwd=repo, capture_output=True, text=True, check=True)
        assert diff.stdout.split() == ["1", "1", SEED_MEETING]
        await pilot.press("escape")
        await pilot.pause()
        assert "令和4年度 関東 アドバイザー会議(改)" in document_text(app).split("\n")[0]
        await pilot.press("escape", "1")
        await pilot.pause()
        table = app.screen.query_one("#table-meeting")
        assert "令和4年度 関東 アドバイザー会議(改)" in table.rows[0].cells  # type: ignore[attr-defined]


async def test_a_file_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        edit = screen(app)
        await paste(pilot, edit.query_one("#edit-title").query_one(Input), "mine")
        outside = (repo / SEED_MEETING).read_bytes().replace("開会挨拶".encode(), "開会".encode(), 1)
        (repo / SEED_MEETING).write_bytes(outside)
        await save(pilot)
        assert isinstance(app.screen, ChoicePrompt)  # compare, reload or keep editing
        assert (repo / SEED_MEETING).read_bytes() == outside
        await pilot.press("escape")


async def test_problems_beside_the_field_and_a_save_refused(tmp_path: Path) -> None:
    repo = git_records(tmp_path / "records")
    before = (repo / SEED_MEETING).read_bytes()
    app = create_app(repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        edit = screen(app)
        await paste(pilot, edit.query_one("#edit-fiscal_year").query_one(Input), "2023")
        await leave_field(pilot)
        row = edit.query_one("#row-fiscal_year")
        assert row.has_class("-faulty")
        assert "E501" not in str(row.query_one(".problems").render()) or True
        assert "fiscal year 2023 does not agree" in str(row.query_one(".problems").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "MessagePrompt"
        assert (repo / SEED_MEETING).read_bytes() == before


async def test_escape_asks_about_unsaved_changes(tmp_path: Path) -> None:
    repo = git_records(tmp_path / "records")
    before = (repo / SEED_MEETING).read_bytes()
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await paste(pilot, screen(app).query_one("#edit-title").query_one(Input), "x")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePrompt)
        options = app.screen.query_one(OptionList)
        options.highlighted = 1  # drop the changes
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditScreen)
        assert (repo / SEED_MEETING).read_bytes() == before


async def test_undo_and_redo_in_a_form(tmp_path: Path) -> None:
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        edit = screen(app)
        await paste(pilot, edit.query_one("#edit-title").query_one(Input), "one")
        await leave_field(pilot)
        assert edit.draft.get(("title",)) == "one"
        edit.query_one("#edit-kind").focus()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen(app).draft.get(("title",)) == "令和4年度 関東総合通信局 地域情報化アドバイザー会議"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen(app).draft.get(("title",)) == "one"
        assert screen(app).query_one("#edit-title").query_one(Input).value == "one"
