"""Editing a secretariat can trust (issue 18), through the terminal UI (Pilot): each bug seen while
recording real meetings, reproduced; a field reached by its label; every editing key in `?`."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Select, Static

from schema.words.problems import Problem
from tests.helpers import SEED_MEETING, SIZE, git_records, make_repo
from tests.tui.test_editing import choose, edit_field, open_seed_form, paste, save, screen, set_field
from tui.app import DaichoApp, create_app
from tui.screens.edit import EditScreen
from tui.screens.prompts import ChoicePrompt, ConfirmPrompt, MessagePrompt, NewMeetingPrompt, TextPrompt
from tui.widgets.fields import FieldRow

# -- helpers --------------------------------------------------------------------------------------


def empty_git_folder(path: Path) -> Path:
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def notices(app: DaichoApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def jump(pilot: Pilot, text: str) -> None:
    """`/` on a form, part of a label, Enter: the field's row is focused."""
    await pilot.press("slash")
    await pilot.pause()
    prompt = pilot.app.screen
    field = prompt.query_one(Input)
    await paste(pilot, field, text)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def open_advisor_form(pilot: Pilot) -> None:
    await open_seed_form(pilot, "3")


async def open_agenda(pilot: Pilot, item: int | None = None) -> None:
    """The seed meeting's form, then its agenda's; with `item`, that item's form."""
    await open_seed_form(pilot)
    screen(pilot.app).query_one("#row-agenda", FieldRow).focus()
    await pilot.press("enter")
    await pilot.pause()
    if item is not None:
        screen(pilot.app).query_one("#elements", OptionList).highlighted = item
        await pilot.press("enter")
        await pilot.pause()


def record(app: DaichoApp) -> tuple[str | int, ...]:
    """Where the form's record is in its file (the advisor opened: ("advisors", id))."""
    return screen(app).record_path


def focused_row(app: DaichoApp) -> str:
    focused = app.focused
    assert isinstance(focused, FieldRow), type(focused).__name__
    return focused.id or ""


async def new_meeting(pilot: Pilot, date: str, title: str, bureau: str | None = None) -> None:
    app = pilot.app
    await pilot.press("1", "n")
    await pilot.pause()
    prompt = app.screen
    assert isinstance(prompt, NewMeetingPrompt)
    await paste(pilot, prompt.query_one("#new-date", Input), date)
    await paste(pilot, prompt.query_one("#new-title", Input), title)
    if bureau is not None:
        select = prompt.query_one("#new-bureau", Select)
        select.focus()
        await pilot.press("enter")
        await choose(pilot, select, bureau)
    await pilot.click("#create")
    await pilot.pause()


# -- bug 1 ----------------------------------------------------------------------------------------


async def test_a_new_bureau_starts_from_an_empty_git_folder(tmp_path: Path) -> None:
    """5 n open-data in a folder with no data file: the theme's form, and a save that writes
    themes.toml; 1 n: a meeting saved although meetings/ did not exist."""
    repo = empty_git_folder(tmp_path / "records")
    app = create_app(repo, "ja")
    app.settings.confirm_save = True
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        assert app.data.problems == []
        await pilot.press("5", "n")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await paste(pilot, app.screen.query_one(Input), "open-data")
        await pilot.press("enter")
        await pilot.pause()
        assert screen(app).path == ("themes", "open-data")
        await set_field(pilot, "label", "オープンデータ")
        await set_field(pilot, "label_en", "Open data")
        await save(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await new_meeting(pilot, "2024-07-03", "令和6年度 東北 アドバイザー会議", "tohoku")
        await save(pilot)
        assert (repo / "meetings" / "2024-07-03-tohoku-advisor-meeting.toml").is_file()
    assert "[themes.open-data]" in (repo / "themes.toml").read_text(encoding="utf-8")
    validate = subprocess.run([sys.executable, "-m", "daicho", "--repo", str(repo), "validate", "--no-cache"],
                              capture_output=True, text=True, check=False)
    assert validate.returncode == 0, validate.stdout + validate.stderr


# -- bugs 2 and 3, and the field jump -------------------------------------------------------------


async def test_a_fiscal_year_added_to_an_advisor_is_a_number(tmp_path: Path) -> None:
    """3, Enter, e, / 委嘱, a, 2024, Enter: no problem; Ctrl+S saves one added line."""
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    app.settings.confirm_save = True
    async with app.run_test(size=SIZE) as pilot:
        await open_advisor_form(pilot)
        await jump(pilot, "委嘱")
        assert focused_row(app) == "row-fiscal_years"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"2024", "enter")
        await pilot.pause()
        edit = screen(app)
        assert edit.draft.get((*record(app), "fiscal_years")) == [2022, 2024]
        assert edit.editing.session.check(edit.draft).problems == []
        assert "2024" in edit.query_one("#row-fiscal_years", FieldRow).shown
        await save(pilot)
    diff = subprocess.run(["git", "diff", "--numstat"], cwd=repo, capture_output=True, text=True, check=True)
    assert diff.stdout.split() == ["1", "0", "advisors.toml"]


async def test_a_field_is_reached_by_the_reading_of_its_label(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_advisor_form(pilot)
        for query, row in (("いしょく", "row-fiscal_years"), ("shozoku", "row-affiliations"),
                           ("ishoku", "row-fiscal_years")):
            await jump(pilot, query)
            assert focused_row(app) == row, query


async def test_a_bureau_is_picked_by_its_label_and_stored_as_its_value(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_advisor_form(pilot)
        screen(app).query_one("#row-bureaus", FieldRow).focus()
        await pilot.press("a")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, ChoicePrompt)
        options = prompt.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "東北総合通信局" in labels and "tohoku" not in labels
        options.highlighted = labels.index("東北総合通信局")
        await pilot.press("enter")
        await pilot.pause()
        edit = screen(app)
        assert edit.draft.get((*record(app), "bureaus")) == ["kanto", "tohoku"]
        shown = edit.query_one("#row-bureaus", FieldRow).shown
        assert "関東総合通信局" in shown and "東北総合通信局" in shown and "kanto" not in shown


async def test_an_optional_value_is_cleared_with_one_key(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_advisor_form(pilot)
        screen(app).query_one("#row-note", FieldRow).focus()
        await pilot.press("delete")
        await pilot.pause()
        assert screen(app).draft.get((*record(app), "note")) is None


# -- bug 4 ----------------------------------------------------------------------------------------


async def test_undo_does_not_reach_past_a_save_and_a_form_left(tmp_path: Path) -> None:
    """Save, leave, e again, Ctrl+Z: the saved title stays, nothing is unsaved."""
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    app.settings.confirm_save = False
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_form(pilot)
        await set_field(pilot, "title", "保存した会議名")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen(app).draft.get(("title",)) == "保存した会議名"
        assert not screen(app).draft.dirty


async def test_an_undo_says_what_it_changed_and_moves_there(tmp_path: Path) -> None:
    """A change made in an agenda item's form, undone from the meeting's form: the notice names
    the item and the field, and the view is the item's form with the field focused."""
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot, 4)
        assert screen(app).path == ("agenda", 4)
        before = screen(app).draft.get(("agenda", 4, "summary"))
        await set_field(pilot, "summary", "あとで取り消す概要")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert screen(app).path == ()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen(app).path == ("agenda", 4)
        assert focused_row(app) == "row-summary"
        assert screen(app).draft.get(("agenda", 4, "summary")) == before
        said = notices(app)[-1]
        assert said.startswith("元に戻しました") and "議事" in said and "概要" in said, said
        assert "agenda" not in said and "summary" not in said


# -- bug 5 ----------------------------------------------------------------------------------------


async def test_a_new_meeting_is_unsaved_and_escape_asks(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await new_meeting(pilot, "2024-02-08", "令和5年度 相談会")
        status = str(screen(app).query_one("#edit-status", Static).render())
        assert app.cat.t("edit.unsaved") in status and app.cat.t("edit.saved") not in status
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePrompt)


# -- bug 6 ----------------------------------------------------------------------------------------


async def test_deleting_is_worded_as_deleting_and_keeps_by_default(tmp_path: Path) -> None:
    from tui.record_actions import delete_meeting

    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("1", "enter")
        await pilot.pause()
        delete_meeting(app, "2022-10-05-kanto-advisor-meeting")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, ConfirmPrompt)
        words = [prompt.title_text, prompt.yes, prompt.no]
        assert not any("保存" in word for word in words), words
        assert "削除" in prompt.title_text and "削除" in prompt.yes
        assert isinstance(app.focused, Button) and app.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
    assert (repo / SEED_MEETING).is_file()


# -- bug 7 ----------------------------------------------------------------------------------------


async def test_additions_come_out_in_the_order_they_were_made(tmp_path: Path) -> None:
    """In the agenda, on item 1: a, a, a (each edited and left) give items 2, 3, 4 in that order;
    ctrl+↓ then moves the last one added, not item 1."""
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot)
        first = screen(app).draft.get(("agenda", 0, "title"))
        for title in ("一", "二", "三"):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ChoicePrompt)
            await pilot.press("enter")
            await pilot.pause()
            await set_field(pilot, "title", title)
            await pilot.press("escape")
            await pilot.pause()
        agenda = screen(app).draft.get(("agenda",))
        assert [item["title"] for item in agenda[:4]] == [first, "一", "二", "三"]
        await pilot.press("ctrl+down")
        await pilot.pause()
        agenda = screen(app).draft.get(("agenda",))
        assert agenda[0]["title"] == first and agenda[4]["title"] == "三"


# -- bug 8 ----------------------------------------------------------------------------------------


async def test_the_breadcrumb_follows_a_changed_title(tmp_path: Path) -> None:
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot, 0)
        await set_field(pilot, "title", "新しい見出し")
        await pilot.pause()
        trail = str(screen(app).query_one("#trail", Static).render())
        assert trail.endswith("新しい見出し") and "開会挨拶: 開会挨拶" not in trail, trail


async def test_after_a_new_meeting_the_list_s_cursor_is_on_it(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    app.settings.confirm_save = False
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await new_meeting(pilot, "2021-02-08", "令和2年度 相談会")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        table: Any = app.screen.query_one("#table-meeting")
        row = table.current_row
        assert "令和2年度 相談会" in row.cells, row.cells


# -- bug 10 ---------------------------------------------------------------------------------------


async def test_a_new_meeting_asks_the_bureau_and_the_slug_follows(tmp_path: Path) -> None:
    """In an empty repository no bureau is proposed (and the picker does not say "Select"); the
    bureau picked makes the slug."""
    repo = empty_git_folder(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("1", "n")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, NewMeetingPrompt)
        bureau = prompt.query_one("#new-bureau", Select)
        assert bureau.is_blank()
        assert "Select" not in str(bureau.query_one("SelectCurrent").render())
        bureau.focus()
        await pilot.press("enter")
        await choose(pilot, bureau, "tohoku")
        assert prompt.query_one("#new-slug", Input).value == "tohoku-advisor-meeting"
        await paste(pilot, prompt.query_one("#new-date", Input), "2024-07-03")
        await paste(pilot, prompt.query_one("#new-title", Input), "会議")
        await pilot.click("#create")
        await pilot.pause()
        assert screen(app).draft.doc["bureau"] == "tohoku"
        assert screen(app).draft.relpath == "meetings/2024-07-03-tohoku-advisor-meeting.toml"


async def test_a_new_meeting_proposes_the_repository_s_bureau(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("1", "n")
        await pilot.pause()
        assert app.screen.query_one("#new-bureau", Select).value == "kanto"


# -- messages in a form never show key paths --------------------------------------------------------


async def test_a_person_still_named_is_said_in_words(tmp_path: Path) -> None:
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_form(pilot)
        screen(app).query_one("#row-people", FieldRow).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, MessagePrompt)
        body = "\n".join(app.screen.lines)
        assert "agenda" not in body and "議事" in body, body
        await pilot.press("enter")
        await pilot.pause()
        edit = screen(app)
        missing = Problem(edit.draft.relpath, 1, 1, "E202", "missing field", "message.missing_field",
                          (("field", "agenda[3].title"),))
        said = edit.editing.problem_text(edit.draft, missing)
        assert "agenda" not in said and "議事 › 3." in said and "title" not in said, said
        edit.draft.set(("agenda", 2, "title"), None)  # a required field left empty: the save refused
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MessagePrompt)
        body = "\n".join(app.screen.lines)
        assert "議事 › 3." in body and "agenda" not in body and "title" not in body, body


# -- every editing key discoverable ---------------------------------------------------------------


async def test_every_editing_key_is_in_the_help(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_form(pilot)
        keys_line = str(screen(app).query_one("#edit-keys", Static).render())
        for key in ("ctrl+s", "ctrl+z", "/", "Del"):
            assert key in keys_line, (key, keys_line)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text", Static).render())
        for key in ("e", "n", "ctrl+s", "ctrl+z / ctrl+y", "a / x / c", "r", "/", "Del",
                    app.cat.t("palette.copy_meeting"), app.cat.t("palette.rename"), app.cat.t("palette.delete")):
            assert key in text, key


async def test_a_multi_line_field_says_which_key_ends_it_and_escape_keeps_the_text(tmp_path: Path) -> None:
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_form(pilot)
        editor = await edit_field(pilot, "summary")
        await pilot.pause()
        keys_line = str(screen(app).query_one("#edit-keys", Static).render())
        assert "Esc" in keys_line and app.cat.t("keys.end_prose") in keys_line, keys_line
        assert editor is not None
        await pilot.press(*"追記")
        await pilot.press("escape")
        await pilot.pause()
        assert str(screen(app).draft.get(("summary",))).endswith("追記")
        assert isinstance(app.screen, EditScreen)


# -- every kind of field through real keys ----------------------------------------------------------


async def test_each_kind_of_field_takes_real_keys(tmp_path: Path) -> None:
    """One field of each kind typed key by key: text, integer, date, time, a choice by its label, a
    reference completed (a local government shown with its prefecture), cleared with Delete."""
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_form(pilot)
        draft = screen(app).draft
        for name, keys, value in (("theme_title", "DX", "DX"), ("fiscal_year", "2022", 2022),
                                  ("end_date", "2022-10-06", dt.date(2022, 10, 6)),
                                  ("start_time", "13:30", dt.time(13, 30))):
            await edit_field(pilot, name)
            await pilot.press("end", "ctrl+u", *keys, "enter")
            await pilot.pause()
            assert draft.get((name,)) == value, name
        await edit_field(pilot, "theme_title")
        await pilot.press("end", *"推進", "escape")  # Escape ends a one-line field too, keeping the text
        await pilot.pause()
        assert draft.get(("theme_title",)) == "DX推進"
        await edit_field(pilot, "format")
        await pilot.pause()
        await pilot.press("down", "enter")  # the picker is open on オンライン: the next label
        await pilot.pause()
        assert draft.get(("format",)) != "online"
        assert app.cat.get(f"meeting_format.{draft.get(('format',))}") in screen(app).query_one(
            "#row-format", FieldRow).shown
        await jump(pilot, "会場")
        await pilot.press("enter")
        await pilot.pause()
        await edit_field(pilot, "municipality")
        await pilot.press(*"toda")
        completion = app.screen.query_one("Completion", OptionList)
        for _ in range(200):  # each key's candidates shown in turn: wait for the last key's
            await pilot.pause()
            if completion.option_count and "戸田市" in str(completion.get_option_at_index(0).prompt):
                break
        assert "戸田市（埼玉県）" in str(completion.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert draft.get(("venue", "municipality")) == "112241"
        await pilot.press("delete")
        await pilot.pause()
        assert draft.get(("venue",)) is None
        await pilot.press("escape")
        await pilot.pause()
        await jump(pilot, "shuuryoubi")
        await pilot.press("delete")
        await pilot.pause()
        assert draft.get(("end_date",)) is None


async def test_a_form_left_without_saving_starts_afresh(tmp_path: Path) -> None:
    """A change made in an item's form and dropped on leaving: e again, Ctrl+Z has nothing to undo
    (the dropped change does not come back), and the item is as saved."""
    repo = git_records(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot, 0)
        title = screen(app).draft.get(("agenda", 0, "title"))
        await set_field(pilot, "title", "捨てる見出し")
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePrompt)
        app.screen.query_one(OptionList).highlighted = 1  # drop the changes
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen(app).draft.get(("agenda", 0, "title")) == title
        assert not screen(app).draft.dirty
        assert notices(app)[-1] == app.cat.t("edit.nothing_to_undo")


# -- copy a meeting ---------------------------------------------------------------------------------


async def test_a_copy_shows_the_weekday_flags_a_holiday_and_asks_what_to_keep(tmp_path: Path) -> None:
    from textual.widgets import Checkbox

    from tui.record_actions import copy_meeting
    from tui.screens.prompts import CopyMeetingPrompt

    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        copy_meeting(app, "2022-10-05-kanto-advisor-meeting")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, CopyMeetingPrompt)
        date = prompt.query_one("#copy-date", Input)
        assert date.value == "2023-10-04"  # 52 weeks on: a Wednesday again
        day = str(prompt.query_one("#copy-day", Static).render())
        assert "(水)" in day and "⚠" not in day, day
        await paste(pilot, date, "2023-11-03")
        await pilot.pause()
        day = str(prompt.query_one("#copy-day", Static).render())
        assert "文化の日" in day and "⚠" in day, day
        await paste(pilot, date, "2023-10-07")
        await pilot.pause()
        assert "土曜" in str(prompt.query_one("#copy-day", Static).render())
        prompt.query_one("#copy-unnamed", Checkbox).value = False
        await paste(pilot, date, "2023-10-04")
        await pilot.click("#create")
        await pilot.pause()
        edit = screen(app)
        assert edit.draft.relpath == "meetings/2023-10-04-kanto-advisor-meeting.toml"
        assert edit.draft.doc["title"].startswith("令和5年度")
        assert edit.draft.dirty


async def test_a_new_advisor_s_id_follows_the_reading_until_typed(tmp_path: Path) -> None:
    from tui.screens.prompts import NewAdvisorPrompt

    repo = make_repo(tmp_path / "records")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("3", "n")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, NewAdvisorPrompt)
        await pilot.press(*"abc")  # the name first (typed as it comes)
        await pilot.press("tab", *"sato", "enter")  # romaji typed into the reading
        await pilot.pause()
        identifier = prompt.query_one("#advisor-id", Input)
        assert identifier.value == "sato"
        await paste(pilot, prompt.query_one("#advisor-kana", Input), "さいとう りえ")
        await pilot.pause()
        assert identifier.value == "saito-rie"
        await paste(pilot, identifier, "saito-r")
        await paste(pilot, prompt.query_one("#advisor-kana", Input), "さいとう")
        await pilot.pause()
        assert identifier.value == "saito-r"  # typed by hand: kept
