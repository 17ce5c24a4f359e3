"""Pilot tests of the terminal UI: lists, filter, records, references, back, problems, keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from tests.conftest_tui import BROKEN_MEETING, SIZE, broken_repo, tui_repo  # noqa: F401
from tui.app import DaichoApp, create_app
from tui.data import Ref
from tui.screens.advisor import AdvisorScreen
from tui.screens.help import HelpScreen
from tui.screens.lists import RecordList
from tui.screens.main import MainScreen
from tui.screens.meeting import MeetingScreen
from tui.screens.municipality import MunicipalityScreen
from tui.screens.source import SourceScreen
from tui.screens.theme import ThemeScreen
from tui.widgets.document import DocumentView
from tui.widgets.nav import NavBar
from tui.widgets.record_table import RecordTable

MEETING = "2022-10-05-kanto-advisor-meeting"


async def ready(app: DaichoApp, pilot: Pilot) -> None:
    await app.wait_loaded()
    await pilot.pause()


def listed(app: DaichoApp, kind: str) -> list[str]:
    table = app.screen.query_one(f"#table-{kind}", RecordTable)
    return [row.ref.id for row in table.rows]


def document_text(app: DaichoApp) -> str:
    view = app.screen.query_one(DocumentView)
    return "\n".join("".join(span.text for span in (*b.prefix, *b.body)) for b in view.blocks)


def links(app: DaichoApp) -> list[Ref]:
    view = app.screen.query_one(DocumentView)
    return [view.blocks[n].ref for n in view.links if view.blocks[n].ref is not None]


async def move_to(pilot: Pilot, app: DaichoApp, wanted: Ref, limit: int = 40) -> None:
    """Press Down until the cursor is on the link to `wanted`."""
    view = app.screen.query_one(DocumentView)
    for _ in range(limit):
        if view.current_ref == wanted:
            return
        await pilot.press("down")
    raise AssertionError(f"no link to {wanted} reached; at {view.current_ref}")


async def test_opens_on_the_meetings_list(tui_repo: Path) -> None:  # noqa: F811
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "meeting"
        assert listed(app, "meeting") == [MEETING]
        assert isinstance(app.focused, RecordTable)


@pytest.mark.parametrize("query", ["おかむら", "オカムラ", "岡村", "okamura"])
async def test_filter_open_follow_and_back(tui_repo: Path, query: str) -> None:  # noqa: F811
    """3, /, おかむら → 岡村 久和; Enter shows him; Enter on his consultation opens it in its
    meeting; Escape twice returns to the advisors list; q quits."""
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("3", "slash", *query)
        assert listed(app, "advisor") == ["okamura-hisakazu"]

        await pilot.press("enter")
        assert isinstance(app.screen, AdvisorScreen)
        text = document_text(app)
        for expected in ("岡村 久和", "亜細亜大学 都市創造学部教授", "ボルタージャパン 顧問", "計画策定支援",
                         "令和4年度 関東総合通信局 地域情報化アドバイザー会議", "令和4年度"):
            assert expected in text, expected
        consultation = Ref("consultation", f"{MEETING}/5.1.1")
        assert Ref("theme", "planning-support") in links(app)
        assert Ref("meeting", MEETING) in links(app)
        assert consultation in links(app)

        await move_to(pilot, app, consultation)
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.ref == Ref("meeting", MEETING, consultation.id)
        view = app.screen.query_one(DocumentView)
        question = next(n for n, b in enumerate(view.blocks) if b.anchor == consultation.id)
        assert view._visible(question), "the consultation is scrolled into view"
        assert view.blocks[question].group in view.mark
        assert view.current_ref == Ref("advisor", "okamura-hisakazu")  # its respondent

        await pilot.press("escape")
        assert isinstance(app.screen, AdvisorScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "advisor"
        assert listed(app, "advisor") == ["okamura-hisakazu"]
        assert isinstance(app.focused, RecordTable)

        await pilot.press("q")
    assert app.return_code == 0


async def test_escape_twice_typed_at_once(tui_repo: Path) -> None:  # noqa: F811
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        view = app.screen.query_one(DocumentView)
        view.select_ref(Ref("advisor", "okamura-hisakazu"))
        await pilot.press("enter")
        assert isinstance(app.screen, AdvisorScreen)
        # Two keys read in one go (as a terminal delivers fast typing) act in order.
        app.post_message(events.Key("escape", None))
        app.post_message(events.Key("escape", None))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_local_government_by_reading(tui_repo: Path) -> None:  # noqa: F811
    """4, /, とだ → 戸田市, whose record shows 大山 水帆 and the meetings it appears in."""
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("4", "slash", "と", "だ")
        assert listed(app, "municipality") == ["112241"]
        await pilot.press("enter")
        assert isinstance(app.screen, MunicipalityScreen)
        text = document_text(app)
        assert "大山 水帆" in text
        assert "埼玉県" in text
        assert Ref("advisor", "oyama-mizuho") in links(app)
        assert Ref("meeting", MEETING) in links(app)
        assert Ref("municipality", "110001") in links(app)
        assert Ref("consultation", f"{MEETING}/5.2.1") in links(app)

        # Follow the prefecture, then back.
        view = app.screen.query_one(DocumentView)
        assert view.select_ref(Ref("municipality", "110001"))
        await pilot.press("enter")
        assert isinstance(app.screen, MunicipalityScreen)
        assert app.screen.ref.id == "110001"
        assert Ref("municipality", "112241") in links(app)  # its members
        await pilot.press("escape")
        assert app.screen.ref.id == "112241"


async def test_every_reference_of_the_meeting_opens(tui_repo: Path) -> None:  # noqa: F811
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1", "enter")
        assert isinstance(app.screen, MeetingScreen)
        text = document_text(app)
        for expected in ("2022-10-05 令和4年10月5日(水)", "令和4年度", "オンライン", "18名",
                         "亜細亜大学都市創造学部教授 ボルタージャパン顧問", "3位(同率)",
                         "業務が煩雑にならないような", "03-6238-1690", "発表資料"):
            assert expected in text, expected
        refs = links(app)
        assert {r.kind for r in refs} >= {"advisor", "municipality", "theme"}
        for ref in dict.fromkeys(refs):
            view = app.screen.query_one(DocumentView)
            assert view.select_ref(ref)
            await pilot.press("enter")
            assert isinstance(app.screen, AdvisorScreen | MunicipalityScreen | ThemeScreen)
            assert app.screen.ref.id == ref.id
            await pilot.press("escape")
            assert isinstance(app.screen, MeetingScreen)


async def test_consultations_open_within_their_meeting(tui_repo: Path) -> None:  # noqa: F811
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("2")
        assert len(listed(app, "consultation")) == 3
        await pilot.press("down", "enter")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.ref.anchor == listed_second(app)


def listed_second(app: DaichoApp) -> str:
    main = app.screen_stack[0]
    return main.query_one("#table-consultation", RecordTable).rows[1].ref.id


async def test_theme_and_home(tui_repo: Path) -> None:  # noqa: F811
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("5", "slash", *"オンライン", "enter")
        assert isinstance(app.screen, ThemeScreen)
        assert app.screen.ref.id == "online-procedures"
        text = document_text(app)
        assert "大山 水帆" in text and "齋藤 理栄" in text and "1位" in text
        await pilot.press("0")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "home"
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)


async def test_q_types_into_the_filter_and_ctrl_q_quits(tui_repo: Path) -> None:  # noqa: F811
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("3", "slash", "q", "1", "question_mark")
        view = app.screen.query_one("#view-advisor", RecordList)
        assert view.filter.value == "q1?"
        assert app.screen.current == "advisor"
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("escape")  # clears the filter
        assert view.filter.value == ""
        await pilot.press("escape")  # leaves it
        assert isinstance(app.focused, RecordTable)
        await pilot.press("slash", "x", "ctrl+q")
    assert app.return_code == 0


async def test_help_and_number_keys_from_a_record(tui_repo: Path) -> None:  # noqa: F811
    app = create_app(tui_repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark", "question_mark")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("4")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "municipality"


async def test_command_palette_jumps_to_a_record(tui_repo: Path) -> None:  # noqa: F811
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"toda")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MunicipalityScreen)
        assert app.screen.ref.id == "112241"


async def test_english_and_japanese_labels(tui_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    app = create_app(tui_repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        nav = str(app.screen.query_one(NavBar).render())
        assert "Meetings" in nav and "Local governments" in nav
        await pilot.press("enter")
        assert "Wed 5 Oct 2022" in document_text(app)
        assert "FY2022" in document_text(app)

    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    app = create_app(tui_repo, None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        nav = str(app.screen.query_one(NavBar).render())
        assert "会議" in nav and "自治体" in nav
        bindings = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "終了" in bindings


async def test_problem_panel_opens_the_record_at_fault(broken_repo: Path) -> None:  # noqa: F811
    app = create_app(broken_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "(2)" in str(app.screen.query_one(NavBar).render())
        await pilot.press("6")
        assert listed(app, "problem") == ["0", "1"]

        await pilot.press("enter")  # E304 in advisors.toml: the advisor, with the problem
        assert isinstance(app.screen, AdvisorScreen)
        assert app.screen.ref.id == "okamura-hisakazu"
        assert "E304" in document_text(app)
        await pilot.press("escape")

        await pilot.press("down", "enter")  # E109: the meeting did not load, so its file
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.path == BROKEN_MEETING
        view = app.screen.query_one(DocumentView)
        line = next(n for n, b in enumerate(view.blocks) if b.anchor == "focus")
        assert view._visible(line)
        assert 'kind = "study-session' in "".join(s.text for s in view.blocks[line].body)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "problem"


async def test_opens_without_local_governments(tui_repo: Path) -> None:  # noqa: F811
    (tui_repo / "municipalities.toml").unlink()
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert [p.code for p in app.data.problems] == ["E111"]
        await pilot.press("4")
        assert listed(app, "municipality") == []
        await pilot.press("3", "slash", *"oyama", "enter")
        assert isinstance(app.screen, AdvisorScreen)
        assert "戸田市" in document_text(app)
        assert not any(r.kind == "municipality" for r in links(app))  # nothing to open
        await pilot.press("escape", "6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # a missing file has nothing to open


async def test_opens_an_empty_folder(tmp_path: Path) -> None:
    app = create_app(tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert sorted(p.code for p in app.data.problems) == ["E111", "E111", "E111"]
        for key in "0123456":
            await pilot.press(key)
        assert app.screen.current == "problem"


async def test_first_screen_comes_before_the_whole_repository(tui_repo: Path) -> None:  # noqa: F811
    """Loading in steps: the meetings list is filled as meetings load, then every list."""
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.data.ready
        assert listed(app, "meeting") == [MEETING]
        await pilot.press("3")
        assert len(listed(app, "advisor")) == 4
