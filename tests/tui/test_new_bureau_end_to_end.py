"""A bureau's first records, entered through the terminal UI alone from an empty git folder (issue
18, "done when"): a theme; an advisor with two fiscal years, a bureau picked from the list and two
posts; a meeting in two parts with three facilitators left unnamed, the advisor presenting with
both posts as the title, and an anonymous question whose answer was not recorded. Saved, the
repository passes `daicho validate` and `daicho fmt --check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tomli
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from tests.helpers import SIZE
from tests.tui.test_editing import choose, edit_field, paste, pick, screen, set_field
from tests.tui.test_editing_trust import empty_git_folder
from tui.app import DaichoApp, create_app
from tui.screens.edit import EditScreen
from tui.screens.prompts import ChoicePrompt, NewAdvisorPrompt, NewMeetingPrompt, TextPrompt
from tui.widgets.fields import FieldRow


async def on_row(pilot: Pilot, name: str, *keys: str) -> None:
    """Focus a field's row and press keys there; then wait for what they open (a on a list's row
    opens the list's form, which opens the new element's, or a dialog)."""
    before = pilot.app.screen
    screen(pilot.app).query_one(f"#row-{name}", FieldRow).focus()
    await pilot.press(*keys)
    for _ in range(100 if keys == ("a",) else 0):
        await pilot.pause()
        current = pilot.app.screen
        shown = not isinstance(current, EditScreen) or (bool(current.query(FieldRow) or current.query("#elements"))
                                                        and not current._add_when_shown)
        if current is not before and shown:
            break
    await pilot.pause()


async def choice(pilot: Pilot, value: str) -> None:
    """In a choice dialog, the choice whose value is `value`."""
    prompt = pilot.app.screen
    assert isinstance(prompt, ChoicePrompt), type(prompt).__name__
    options = prompt.query_one(OptionList)
    options.highlighted = next(i for i in range(options.option_count) if options.get_option_at_index(i).id == value)
    await pilot.press("enter")
    await pilot.pause()


async def typed(pilot: Pilot, text: str) -> None:
    """In a one-line dialog, type `text` and Enter."""
    prompt = pilot.app.screen
    assert isinstance(prompt, TextPrompt), type(prompt).__name__
    await paste(pilot, prompt.query_one(Input), text)
    await pilot.press("enter")
    await pilot.pause()


async def back(pilot: Pilot, times: int = 1) -> None:
    for _ in range(times):
        await pilot.press("escape")
        await pilot.pause()


async def test_a_bureau_s_first_records_from_an_empty_git_folder(tmp_path: Path) -> None:
    repo = empty_git_folder(tmp_path / "tohoku")
    app = create_app(repo, "ja")
    app.settings.confirm_save = False
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app, DaichoApp)
        await app.wait_loaded()
        # a theme
        await pilot.press("5", "n")
        await pilot.pause()
        await typed(pilot, "open-data")
        await set_field(pilot, "label", "オープンデータ")
        await set_field(pilot, "label_en", "Open data")
        await pilot.press("ctrl+s")
        await back(pilot)
        # an advisor: the name and reading first, the id proposed from the reading
        await pilot.press("3", "n")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, NewAdvisorPrompt)
        await paste(pilot, prompt.query_one("#advisor-name", Input), "川島 宏一")
        await paste(pilot, prompt.query_one("#advisor-kana", Input), "かわしま こういち")
        await pilot.pause()
        assert prompt.query_one("#advisor-id", Input).value == "kawashima-koichi"
        await pilot.click("#create")
        await pilot.pause()
        assert screen(app).record_path == ("advisors", "kawashima-koichi")
        for year in ("2023", "2024"):
            await on_row(pilot, "fiscal_years", "a")
            await pilot.press(*year, "enter")
            await pilot.pause()
        await on_row(pilot, "bureaus", "a")
        await choice(pilot, "tohoku")
        await on_row(pilot, "expertise", "a")
        await pick(pilot, "open-data")
        for organization, post in (("亜細亜大学", "都市創造学部教授"), ("ボルタージャパン", "顧問")):
            await on_row(pilot, "affiliations", "a")
            await set_field(pilot, "organization", organization)
            await set_field(pilot, "title", post)
            await back(pilot, 2)
        assert screen(app).editing.session.check(screen(app).draft).problems == []
        await pilot.press("ctrl+s")
        await back(pilot)
        # a meeting of the bureau picked (the repository's now: the advisor's)
        await pilot.press("1", "n")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, NewMeetingPrompt)
        assert prompt.query_one("#new-bureau", Select).value == "tohoku"
        await paste(pilot, prompt.query_one("#new-date", Input), "2024-07-03")
        await paste(pilot, prompt.query_one("#new-title", Input), "令和6年度 東北総合通信局 地域情報化アドバイザー会議")
        await pilot.click("#create")
        await pilot.pause()
        for key, title in (("part1", "第1部 事例紹介"), ("part2", "第2部 意見交換")):
            await on_row(pilot, "parts", "a")
            await typed(pilot, key)
            await set_field(pilot, "title", title)
            await back(pilot, 2)
        await on_row(pilot, "people", "enter")
        await pilot.press("f")
        await pilot.pause()
        await pick(pilot, "kawashima")
        title = screen(app).draft.get(("people", "kawashima", "title"))
        assert title == "亜細亜大学都市創造学部教授 ボルタージャパン顧問"  # organization then post, as the seed
        await back(pilot, 2)
        # a talk in part 1, with three facilitators not named and an anonymous question
        await on_row(pilot, "agenda", "a")
        await choice(pilot, "presentation")
        await set_field(pilot, "title", "オープンデータの取組")
        await set_field(pilot, "part", "part1")
        await on_row(pilot, "presenters", "a")
        await pick(pilot, "kawashima")
        await on_row(pilot, "unnamed", "a")
        editor = await edit_field(pilot, "role")
        await choose(pilot, editor.query_one(Select), "facilitators")
        await set_field(pilot, "description", "アドバイザー")
        await set_field(pilot, "count", "3")
        await back(pilot, 2)
        await on_row(pilot, "questions", "a")
        await set_field(pilot, "text", "データの公開範囲はどう決めたか。")
        await on_row(pilot, "anonymous", "enter")
        await back(pilot, 2)
        await back(pilot)  # to the agenda, the cursor on the talk
        await pilot.press("a")
        await pilot.pause()
        await choice(pilot, "discussion")
        await set_field(pilot, "title", "意見交換")
        await set_field(pilot, "part", "part2")
        await back(pilot, 2)
        edit = screen(app)
        assert edit.path == ()
        assert edit.editing.session.problems() == {}, edit.editing.session.problems()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not edit.draft.dirty
    meeting = tomli.loads((repo / "meetings" / "2024-07-03-tohoku-advisor-meeting.toml").read_text(encoding="utf-8"))
    assert meeting["bureau"] == "tohoku" and list(meeting["parts"]) == ["part1", "part2"]
    talk, discussion = meeting["agenda"]
    assert talk["presenters"] == ["kawashima"] and talk["part"] == "part1" and discussion["part"] == "part2"
    assert talk["unnamed"] == [{"role": "facilitators", "description": "アドバイザー", "count": 3}]
    assert talk["questions"] == [{"text": "データの公開範囲はどう決めたか。", "anonymous": True}]
    advisors = tomli.loads((repo / "advisors.toml").read_text(encoding="utf-8"))["advisors"]
    assert advisors["kawashima-koichi"]["fiscal_years"] == [2023, 2024]
    assert advisors["kawashima-koichi"]["bureaus"] == ["tohoku"]
    for command in (["validate", "--no-cache"], ["fmt", "--check", "--no-cache"]):
        done = subprocess.run([sys.executable, "-m", "daicho", "--repo", str(repo), *command],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
