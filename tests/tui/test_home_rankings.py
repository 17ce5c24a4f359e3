"""The home screen's survey rankings: each survey of a fiscal year side by side, as `daicho report`
shows them (schema.read.figures), never a mean; the latest that fit the width."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import SEED_MEETING, SIZE, add_meeting, ready
from tui.app import create_app
from tui.screens.home import SurveyRankingsView


def panel_text(app: object) -> list[str]:
    view = app.screen.query_one(SurveyRankingsView)  # type: ignore[attr-defined]
    return [" ".join(line.split()) for line in str(view.content).split("\n")]


async def test_two_surveys_of_a_year_side_by_side(tui_repo: Path) -> None:
    second = tui_repo / "meetings" / f"{add_meeting(tui_repo, '2022-11-01')}.toml"
    text = second.read_text(encoding="utf-8")
    text = text.replace('rank = 1\nlabel = "行政手続きオンライン化"', 'rank = 2\nlabel = "行政手続きオンライン化"')
    second.write_text(text.replace('rank = 2\nlabel = "計画策定支援"', 'rank = 1\nlabel = "計画策定支援"'),
                      encoding="utf-8")
    assert (tui_repo / SEED_MEETING).exists()
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("0")
        await pilot.pause()
        lines = panel_text(app)
        assert lines[0] == "令和4年度 10/5 令和4年度 11/1"
        assert "行政手続きオンライン化 1位 2位" in lines and "計画策定支援 2位 1位" in lines
        assert "DX人材育成・活用 3位 3位" in lines and "自治体システム標準化 3位 3位" in lines
        view = app.screen.query_one(SurveyRankingsView)
        assert view.border_subtitle is None  # both fit


async def test_the_latest_surveys_that_fit(tui_repo: Path) -> None:
    for year in range(2013, 2022):
        path = tui_repo / "meetings" / f"{add_meeting(tui_repo, f'{year}-10-05')}.toml"
        path.write_text(path.read_text(encoding="utf-8").replace("fiscal_year = 2022", f"fiscal_year = {year}"),
                        encoding="utf-8")
    app = create_app(tui_repo, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("0")
        await pilot.pause()
        lines = panel_text(app)
        assert lines[0] == "FY2022"  # the latest, alone at 80 columns
        view = app.screen.query_one(SurveyRankingsView)
        assert view.border_subtitle == "◀ 9 earlier surveys not shown"
