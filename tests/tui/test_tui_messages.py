"""Problems in the interface's language: the validation panel, its preview, a record's problems, the
home screen; the English words of `daicho validate` with --lang en."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.helpers import SIZE, document_text
from tui.app import create_app
from tui.widgets.record_table import RecordTable

THEME = {"ja": 'テーマ "smart-city" は登録されていません', "en": 'unknown theme "smart-city"'}
SYNTAX = {"ja": "TOML の構文エラーです：ここに書けない文字", "en": "TOML syntax error: Illegal character"}


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_problems_in_the_interface_language(broken_repo: Path, lang: str) -> None:
    app = create_app(broken_repo, lang)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.pause()
        status = app.screen.query_one("#home-status", Static)  # the home screen's validation section
        assert f"advisors.toml:6:5: E304 {THEME[lang]}" in str(status.render())

        await pilot.press("6")
        await pilot.pause()
        table = app.screen.query_one("#table-problem", RecordTable)
        assert ("検証メッセージ" if lang == "ja" else "Validator message") in table.render_line(0).text
        assert THEME[lang] in table.render_line(1).text
        assert SYNTAX[lang] in table.render_line(2).text
        preview = app.screen.query_one("#preview-problem", Static)
        assert f"advisors.toml:6:5: E304 {THEME[lang]}" in str(preview.render())

        await pilot.press("enter")  # the advisor at fault, its problems section
        await pilot.pause()
        assert f"E304 {THEME[lang]}" in document_text(app)
        assert (THEME["en"] in document_text(app)) is (lang == "en")


async def test_a_filter_finds_a_problem_by_its_english_words_too(broken_repo: Path) -> None:
    app = create_app(broken_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.pause()
        await pilot.press("6", "slash", *"syntax")
        await pilot.pause()
        table = app.screen.query_one("#table-problem", RecordTable)
        assert [row.ref.id for row in table.rows] == ["1"]
