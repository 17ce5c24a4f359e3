"""The intake from a meeting's screen (issue 22, item 3), through Pilot: `i`, survey or questions,
the export's path, the findings and the changes as `daicho diff` shows them, confirmed, written
through the editing session's one save; an option of no theme given one in the dialog; a path that
cannot be used said in one line, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select, Static

from tests import intake_exports as made
from tests.cli.test_intake import SEED_ID, without_survey_and_questions
from tests.helpers import SEED_MEETING, SIZE, copy_records, document_text
from tests.tui.test_editing import choose, paste
from tests.tui.test_one_save import Told, Writes, files
from tui.app import DaichoApp, create_app
from tui.changes import subscribe
from tui.screens.detail import DetailScreen
from tui.screens.help import HelpScreen
from tui.screens.intake import IntakePrompt, MapPrompt
from tui.screens.prompts import ConfirmPrompt
from tui.widgets.keybar import KeyBar


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Writes:
    return Writes(monkeypatch)


def records(tmp_path: Path) -> Path:
    repo = copy_records(tmp_path / "records")
    without_survey_and_questions(repo)
    return repo


async def open_seed_meeting(pilot: Pilot) -> None:
    app = pilot.app
    assert isinstance(app, DaichoApp)
    await app.wait_loaded()
    app.open_ref(next(row.ref for row in app.listing.rows("meeting") if row.ref.id == SEED_ID))
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen)


async def start_intake(pilot: Pilot, what: str, path: str) -> IntakePrompt:
    """i, the kind of intake chosen, the path typed, 読み込む."""
    app = pilot.app
    await pilot.press("i")
    await pilot.pause()
    prompt = app.screen
    assert isinstance(prompt, IntakePrompt)
    if what != "survey":
        select = prompt.query_one("#intake-what", Select)
        select.focus()
        await pilot.press("enter")
        await choose(pilot, select, what)
    await paste(pilot, prompt.query_one("#intake-path", Input), path)
    await pilot.pause()
    await pilot.click("#create")
    await pilot.pause()
    return prompt


def body(app: DaichoApp) -> str:
    return str(app.screen.query_one("#prompt-body", Static).render())


def error_line(prompt: IntakePrompt) -> str:
    return str(prompt.query_one(".error", Static).render())


async def test_the_survey_and_the_questions_taken_in_from_the_meeting_s_screen(tmp_path: Path,
                                                                             writes: Writes) -> None:
    """The survey's export next to the records (a path relative to the repository), the questions'
    anywhere (an absolute path): each shown as daicho diff shows it, written by the one save, and
    the meeting's screen shows the ranking and the questions at once."""
    repo = records(tmp_path)
    (repo / "事前アンケート.csv").write_bytes(made.google_forms_survey(made.SEED_SURVEY, blank_rows=True))
    questions = tmp_path / "事前質問.xlsx"
    questions.write_bytes(made.microsoft_forms_questions(made.SEED_QUESTIONS))
    app = create_app(repo, "ja")
    told = Told()
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_meeting(pilot)
        assert "i 取り込み" in str(app.screen.query_one(KeyBar).render())  # in the meeting's footer
        subscribe(app.screen_stack[0], told)
        before = files(repo)

        await start_intake(pilot, "survey", "事前アンケート.csv")
        assert isinstance(app.screen, ConfirmPrompt)
        shown = body(app)
        assert "回答者 14名（10団体）" in shown
        assert "3位 DX人材育成・活用（7 票）" in shown and "3位 自治体システム標準化（7 票）" in shown
        assert f"{SEED_MEETING} › agenda 2 地方公共団体向け事前アンケート結果紹介" in shown  # as daicho diff
        assert files(repo) == before  # shown, not written
        await pilot.press("y")
        await pilot.pause()
        assert writes.saves == [[SEED_MEETING]] and writes.outside == []
        assert told.saved() == [[SEED_MEETING]]
        assert isinstance(app.screen, DetailScreen)
        assert "行政手続きオンライン化" in document_text(app) and "11" in document_text(app)

        await start_intake(pilot, "questions", str(questions))
        assert isinstance(app.screen, ConfirmPrompt)
        assert "質問 3 件（追加 3 件" in body(app)
        await pilot.press("y")
        await pilot.pause()
        assert writes.saves == [[SEED_MEETING], [SEED_MEETING]] and writes.outside == []
        assert "直接住民と接する機会の少ない県において" in document_text(app)

        await start_intake(pilot, "survey", "事前アンケート.csv")  # again: the records hold it already
        assert isinstance(app.screen, DetailScreen)
        assert "記録には既にこの内容があります" in [str(n.message) for n in app._notifications][-1]
    assert len(writes.saves) == 2
    assert app.data.problems == []


async def test_an_option_of_no_theme_is_given_one_in_the_dialog(tmp_path: Path, writes: Writes) -> None:
    """オンライン申請 matches no theme: the dialog asks for one; chosen, it is kept as the theme's
    alias, the meeting and themes.toml written in one save."""
    repo = records(tmp_path)
    answers = [*made.SEED_SURVEY[:3], ("x@example.jp", "戸田市", ("オンライン申請", made.PLANNING))]
    export = tmp_path / "answers.xlsx"
    export.write_bytes(made.microsoft_forms_survey(answers))
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_meeting(pilot)
        await start_intake(pilot, "survey", str(export))
        prompt = app.screen
        assert isinstance(prompt, MapPrompt)
        assert prompt.options == ["オンライン申請"]
        await pilot.click("#create")  # nothing chosen yet
        await pilot.pause()
        assert "すべての選択肢にテーマを選択してください" in str(prompt.query_one(".error", Static).render())
        select = prompt.query_one("#map-0", Select)
        select.focus()
        await pilot.press("enter")
        await choose(pilot, select, "online-procedures")
        prompt.query_one("#create", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmPrompt), (select.value, str(prompt.query_one(".error", Static).render()))
        assert "「オンライン申請」を online-procedures の別名として themes.toml に残します" in body(app)
        await pilot.press("y")
        await pilot.pause()
    assert writes.saves == [sorted([SEED_MEETING, "themes.toml"])] and writes.outside == []
    assert '"オンライン申請",' in (repo / "themes.toml").read_text(encoding="utf-8")


async def test_a_path_that_cannot_be_used_is_said_in_one_line(tmp_path: Path, writes: Writes) -> None:
    """Nothing typed, control or invisible characters, a folder, a file that is not there, an empty
    file, one over 5 MB: each said in one line under the path, the dialog still open; Escape
    leaves it, nothing written. The key is in `?`, and on no other record's screen."""
    repo = records(tmp_path)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "large.csv").write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    app = create_app(repo, "ja")
    before = files(repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_meeting(pilot)
        prompt = await start_intake(pilot, "survey", "")
        said: list[str] = [error_line(prompt)]
        for typed in ("a\x00b.csv", "\x1b[31mred.csv", "survey\u202e.csv", str(tmp_path), "no-such.csv",
                      str(tmp_path / "empty.csv"), str(tmp_path / "large.csv")):
            await paste(pilot, prompt.query_one("#intake-path", Input), typed)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is prompt
            said.append(error_line(prompt))
        assert said[0] == "ファイルのパスを入力してください"
        assert said[1] == said[2] == said[3] == ("パスに制御文字か見えない文字が含まれています。"
                                                 "ファイルのパスを入力し直してください")
        assert said[4].startswith(f"{tmp_path.name}：ファイルではありません。エクスポートした CSV か xlsx")
        assert said[5].startswith("no-such.csv：読み込めません（")
        assert said[6] == "empty.csv：空のファイルです。回答をもう一度エクスポートしてください"
        assert said[7].startswith("large.csv：5 MB を超えています")
        assert all("\n" not in line and line for line in said)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "会議の画面で、フォームの回答を取り込む" in str(
            app.screen.query_one("#help-text", Static).render())
        await pilot.press("escape")
        app.open_ref(next(row.ref for row in app.listing.rows("advisor")))
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.ref.kind == "advisor"
        assert "取り込み" not in str(app.screen.query_one(KeyBar).render())
    assert files(repo) == before and writes.saves == [] and writes.outside == []
