"""Editing through the terminal UI, end to end (Pilot): the seed meeting typed in from nothing and
saved byte for byte as shipped; one field changed is one line of the diff and shows everywhere;
a file changed on disk is not overwritten; a rename reaches every file; unsaved changes are asked
about."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import tomli
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea

from schema.edit.spec import fields_of
from schema.models import Meeting
from schema.models.annotations import element_model
from tests.helpers import PROJECT, SEED_MEETING, SIZE, document_text, git_records
from tui.app import DaichoApp, create_app
from tui.screens.edit import EditScreen
from tui.screens.prompts import ChoicePrompt, ConfirmPrompt, NewMeetingPrompt, PickPrompt, TextPrompt
from tui.widgets.fields import FieldRow, ProseEditor, RefEditor, TextEditor

MEETING_ID = "2022-10-05-kanto-advisor-meeting"


# -- driving the forms ----------------------------------------------------------------------------


async def paste(pilot: Pilot, widget: Input | TextArea, text: str) -> None:
    """Replace a text field's contents as a user does: clear it, paste (the paste reaches the app as
    a terminal's does, and the app gives it to the focused field)."""
    if widget is not pilot.app.focused:
        widget.focus()
        await pilot.pause()
    if isinstance(widget, Input) and widget.value:
        await pilot.press("end", "ctrl+u")
    elif isinstance(widget, TextArea) and widget.text:
        widget.select_all()
        await pilot.press("delete")
    pilot.app.post_message(events.Paste(text))


async def leave_field(pilot: Pilot) -> None:
    await pilot.press("tab")
    await pilot.pause()


async def choose(pilot: Pilot, select: Select[Any], value: str) -> None:
    await pilot.pause()
    overlay = select.query_one(OptionList)
    for _ in range(len(overlay.options) + 1):
        option = overlay.get_option_at_index(overlay.highlighted or 0)
        if select._options[overlay.highlighted or 0][1] == value:
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
    picker.input.focus()
    app.post_message(events.Paste(query))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def screen(app: DaichoApp) -> EditScreen:
    assert isinstance(app.screen, EditScreen), type(app.screen).__name__
    return app.screen


async def open_seed_form(pilot: Pilot, view: str = "1") -> None:
    """From the first screen: the loaded records, the first meeting (the seed), its form; or the
    first record of another list (`view`: 3 the advisors)."""
    app = pilot.app
    assert isinstance(app, DaichoApp)
    await app.wait_loaded()
    await pilot.press(view, "enter")
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()


async def edit_field(pilot: Pilot, name: str) -> Any:
    """Enter on a field's row; the editor mounted for it (its input focused)."""
    app = pilot.app
    row = screen(app).query_one(f"#row-{name}", FieldRow)
    row.focus()
    await pilot.press("enter")
    await pilot.pause()  # the editor mounted and given its value before anything is typed
    return row.editor


async def set_field(pilot: Pilot, name: str, text: str) -> None:
    """Type (paste) a value into a field and leave it."""
    editor = await edit_field(pilot, name)
    if isinstance(editor, ProseEditor):
        await paste(pilot, editor.query_one(TextArea), text)
        await pilot.press("escape")
    elif isinstance(editor, RefEditor):
        await paste(pilot, editor.input, text)
        await pilot.press("enter")
    else:
        assert isinstance(editor, TextEditor), type(editor).__name__
        await paste(pilot, editor.input, text)
        await pilot.press("enter")


async def fill_record(pilot: Pilot, doc: dict[str, Any], model: type) -> None:
    """Type every field of `doc` into the form on screen (a record of `model`)."""
    app = pilot.app
    for spec in fields_of(model):
        if spec.name not in doc:
            continue
        value = doc[spec.name]
        row = screen(app).query_one(f"#row-{spec.name}", FieldRow)
        if row.read_only:
            continue  # an item's kind, chosen when it was added
        if spec.kind in ("record", "records", "table", "values"):
            row.focus()
            await pilot.press("enter")
            await pilot.pause()
            await fill_collection(pilot, spec, value)
            await pilot.press("escape")
            await pilot.pause()
        elif spec.kind == "choice":
            editor = await edit_field(pilot, spec.name)
            await choose(pilot, editor.query_one(Select), value)
        elif spec.kind == "bool":
            row.focus()
            await pilot.press("enter")
        else:
            shown = value.isoformat() if isinstance(value, dt.date | dt.time) else str(value)
            await set_field(pilot, spec.name, shown)
    await pilot.pause()


async def fill_collection(pilot: Pilot, spec: Any, value: Any) -> None:
    app = pilot.app
    if spec.kind == "record":
        await fill_record(pilot, value, spec.models[0])
        return
    if spec.kind == "values":
        while screen(app).draft.get(screen(app).path):  # values a person from an advisor came with
            screen(app).query_one("#elements").focus()
            await pilot.press("x")
            await pilot.pause()
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
        await fill_record(pilot, item, element_model(spec.models, item) or spec.models[0])
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
        await open_seed_form(pilot)
        await set_field(pilot, "title", "令和4年度 関東 アドバイザー会議(改)")
        await save(pilot)
        diff = subprocess.run(["git", "diff", "--numstat"], cwd=repo, capture_output=True, text=True, check=True)
        assert diff.stdout.split() == ["1", "1", SEED_MEETING]
        trail = screen(app).query_one("#trail", Static)
        assert "令和4年度 関東 アドバイザー会議(改)" in str(trail.render()), trail.render()
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
        await open_seed_form(pilot)
        await set_field(pilot, "title", "mine")
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
        await open_seed_form(pilot)
        await set_field(pilot, "fiscal_year", "2023")
        row = screen(app).query_one("#row-fiscal_year", FieldRow)
        assert row.has_class("-faulty")
        assert any("fiscal year 2023 does not agree" in message for message in row.problems)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "MessagePrompt"
        assert (repo / SEED_MEETING).read_bytes() == before


async def test_escape_asks_about_unsaved_changes(tmp_path: Path) -> None:
    repo = git_records(tmp_path / "records")
    before = (repo / SEED_MEETING).read_bytes()
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_form(pilot)
        await set_field(pilot, "title", "x")
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
        await open_seed_form(pilot)
        await set_field(pilot, "title", "one")
        assert screen(app).draft.get(("title",)) == "one"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen(app).draft.get(("title",)) == "令和4年度 関東総合通信局 地域情報化アドバイザー会議"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen(app).draft.get(("title",)) == "one"
        assert "one" in screen(app).query_one("#row-title", FieldRow).shown


async def test_rename_an_advisor_named_by_several_meetings(tmp_path: Path) -> None:
    """The palette's "Change the id" on an advisor named by three meetings: one diff for the four
    files, every reference renamed, daicho validate clean, the record shown under its new id."""
    repo = git_records(tmp_path / "records")
    source = (repo / SEED_MEETING).read_text(encoding="utf-8")
    for date in ("2023-10-04", "2024-10-02"):
        (repo / "meetings" / f"{date}-kanto-advisor-meeting.toml").write_text(
            source.replace(MEETING_ID, f"{date}-kanto-advisor-meeting").replace("date = 2022-10-05", f"date = {date}")
            .replace("fiscal_year = 2022", f"fiscal_year = {date[:4]}"), encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.jp", "commit", "-qm", "three"],
                   cwd=repo, check=True)
    app = create_app(repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("3", "slash", *"okamura", "enter")
        await pilot.pause()
        assert app.screen.ref.id == "okamura-hisakazu"  # type: ignore[attr-defined]
        await pilot.press("ctrl+p", *"Change the id")
        await pilot.pause(0.6)  # the palette shows its results in batches
        await pilot.press("enter")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        await paste(pilot, prompt.query_one(Input), "okamura-h")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmPrompt)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.ref.id == "okamura-h"  # type: ignore[attr-defined]
        assert "okamura-hisakazu" not in app.data.records.advisors
        assert len(app.data.index.meetings_of("advisor", "okamura-h")) == 3
    changed = subprocess.run(["git", "diff", "--name-only"], cwd=repo, capture_output=True, text=True, check=True)
    assert sorted(changed.stdout.split()) == ["advisors.toml", SEED_MEETING,
                                              "meetings/2023-10-04-kanto-advisor-meeting.toml",
                                              "meetings/2024-10-02-kanto-advisor-meeting.toml"]
    assert "okamura-hisakazu" not in "".join(p.read_text(encoding="utf-8") for p in repo.rglob("*.toml"))
    validate = subprocess.run([sys.executable, "-m", "daicho", "--repo", str(repo), "validate", "--no-cache"],
                              capture_output=True, text=True, check=False)
    assert validate.returncode == 0, validate.stdout + validate.stderr


async def test_the_app_s_keys_do_not_leave_a_form_and_quitting_asks(tmp_path: Path) -> None:
    """In a form, q and the view keys do nothing (Escape leaves, asking); Ctrl+Q with changes not
    saved asks before it drops them."""
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_form(pilot)
        await set_field(pilot, "title", "changed")
        await pilot.press("q", "2", "0")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePrompt) and app.is_running
        options = app.screen.query_one(OptionList)
        options.highlighted = 1  # cancel
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen) and screen(app).draft.get(("title",)) == "changed"
        await pilot.press("ctrl+q")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 0  # quit without saving
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running


async def test_a_record_of_figures_is_summed_up_by_its_labelled_figures(tmp_path: Path) -> None:
    """The attendance row of a meeting's form says what it counts (each figure with its label),
    not the free note beside the figures."""
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_form(pilot)
        shown = screen(app).query_one("#row-attendance", FieldRow).shown
        spec = next(spec for spec in fields_of(Meeting) if spec.name == "attendance")
        label = screen(app).editing.label(element_model(spec.models, {}), "advisors")
        assert f"{label} 18" in shown, shown
        assert "関東地方に活動拠点" not in shown, shown
