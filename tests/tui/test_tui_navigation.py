"""Pilot tests of the terminal UI: lists, filter, records, references, back, problems, keys."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.align import Align
from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.command import CommandList
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from schema.load.loader import RepositoryLoader
from schema.read.xref import build_index
from tests.helpers import (
    BROKEN_MEETING,
    BROKEN_MEETING_TOML,
    SIZE,
    add_meeting,
    add_tokyo_cities,
    document_text,
    ready,
)
from tui.app import DaichoApp, create_app
from tui.data import Ref
from tui.screens.detail import DetailScreen
from tui.screens.help import HelpScreen
from tui.screens.lists import RecordList
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.widgets.document import DocumentView
from tui.widgets.nav import NavBar
from tui.widgets.record_table import RecordTable, column_widths

MEETING = "2022-10-05-kanto-advisor-meeting"


def showing(app: DaichoApp, *kinds: str) -> bool:
    """Whether the screen on top shows a record of one of `kinds`."""
    return isinstance(app.screen, DetailScreen) and app.screen.ref.kind in kinds


def listed(app: DaichoApp, kind: str) -> list[str]:
    table = app.screen.query_one(f"#table-{kind}", RecordTable)
    return [row.ref.id for row in table.rows]


def links(app: DaichoApp) -> list[Ref]:
    view = app.screen.query_one(DocumentView)
    return [view.blocks[n].ref for n in view.links if view.blocks[n].ref is not None]


def field(app: DaichoApp, label: str) -> str:
    """The value of a record's field, by its label."""
    view = app.screen.query_one(DocumentView)
    for block in view.blocks:
        if "".join(span.text for span in block.prefix).strip() == label:
            return "".join(span.text for span in block.body)
    raise AssertionError(f"no field {label!r}")


async def move_to(pilot: Pilot, app: DaichoApp, wanted: Ref, limit: int = 40) -> None:
    """Press Down until the cursor is on the link to `wanted`."""
    view = app.screen.query_one(DocumentView)
    for _ in range(limit):
        if view.current_ref == wanted:
            return
        await pilot.press("down")
    raise AssertionError(f"no link to {wanted} reached; at {view.current_ref}")


async def jump_to(pilot: Pilot, app: DaichoApp, wanted: Ref) -> None:
    """Home, then Tab from link to link until the cursor is on the first link to `wanted`."""
    view = app.screen.query_one(DocumentView)
    await pilot.press("home")
    for _ in range(len(view.links)):
        if view.current_ref == wanted:
            return
        await pilot.press("tab")
    if view.current_ref != wanted:
        raise AssertionError(f"no link to {wanted}; at {view.current_ref}")


async def test_opens_on_the_meetings_list(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "meeting"
        assert listed(app, "meeting") == [MEETING]
        assert isinstance(app.focused, RecordTable)


@pytest.mark.parametrize("query", ["おかむら", "オカムラ", "岡村", "okamura"])
async def test_filter_open_follow_and_back(tui_repo: Path, query: str) -> None:
    """3, /, おかむら → 岡村 久和; Enter shows him; Enter on his consultation opens it in its
    meeting; Escape twice returns to the advisors list; q quits."""
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("3", "slash", *query)
        assert listed(app, "advisor") == ["okamura-hisakazu"]

        await pilot.press("enter")
        assert showing(app, "advisor")
        text = document_text(app)
        for expected in ("岡村 久和", "亜細亜大学 都市創造学部教授", "ボルタージャパン 顧問", "計画策定支援",
                         "令和4年度 関東総合通信局 地域情報化アドバイザー会議"):
            assert expected in text, expected
        assert field(app, "委嘱年度") == "令和4年度 (FY2022)"
        consultation = Ref("consultation", f"{MEETING}/5.1.1")
        assert Ref("theme", "planning-support") in links(app)
        assert ("meeting", MEETING) in {(r.kind, r.id) for r in links(app)}
        assert consultation in links(app)

        await move_to(pilot, app, consultation)
        await pilot.press("enter")
        assert showing(app, "consultation")
        assert app.screen.ref == consultation
        text = document_text(app)
        assert text.startswith("相談  計画策定支援\n質問")  # the question and its answers first
        assert "回答1 最初からDX化を進めていくことに" in text
        assert Ref("advisor", "okamura-hisakazu") in links(app)  # who answered
        assert Ref("meeting", MEETING, consultation.id) in links(app)  # the meeting, at the question
        view = app.screen.query_one(DocumentView)
        question = next(b for b in view.blocks if b.anchor == consultation.id)
        assert view._marked(question)  # marked where the meeting shows it

        await pilot.press("escape")
        assert showing(app, "advisor")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "advisor"
        assert listed(app, "advisor") == ["okamura-hisakazu"]
        assert isinstance(app.focused, RecordTable)

        await pilot.press("q")
    assert app.return_code == 0


async def test_escape_twice_typed_at_once(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await jump_to(pilot, app, Ref("advisor", "okamura-hisakazu"))
        await pilot.press("enter")
        assert showing(app, "advisor")
        # Two keys read in one go (as a terminal delivers fast typing) act in order.
        app.post_message(events.Key("escape", None))
        app.post_message(events.Key("escape", None))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_name_that_begins_with_the_query_comes_first(tui_repo: Path) -> None:
    """Issue 18, bug 11: 4, /, とだ lists 戸田市 (とだし, with records) first, then a town whose
    reading also begins with とだ but that has no records, then 糸田町 (いとだまち); Enter opens 戸田市."""
    with (tui_repo / "municipalities.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[municipalities.112992]\nname = "試験町"\nkana = "とだあまち"\nkind = "town"\n'
                     '\n[municipalities.400009]\nname = "福岡県"\nkana = "ふくおかけん"\nkind = "prefecture"\n'
                     '\n[municipalities.406040]\nname = "糸田町"\nkana = "いとだまち"\nkind = "town"\n')
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("4", "slash", "と", "だ")
        assert listed(app, "municipality") == ["112241", "112992", "406040"]
        await pilot.press("enter")
        assert showing(app, "municipality") and app.screen.ref.id == "112241"
        await pilot.press("escape", "escape", "ctrl+p", "と", "だ")  # the palette ranks alike
        await until(pilot, lambda: len(palette_options(app)) >= 3)
        await pilot.pause(0.3)
        options = palette_options(app)
        assert "戸田市" in options[0] and "試験町" in options[1] and "糸田町" in options[2], options


async def test_local_government_by_reading(tui_repo: Path) -> None:
    """4, /, とだ → 戸田市, whose record shows 大山 水帆 and the meetings it appears in."""
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("4", "slash", "と", "だ")
        assert listed(app, "municipality") == ["112241"]
        await pilot.press("enter")
        assert showing(app, "municipality")
        text = document_text(app)
        assert "大山 水帆" in text
        assert "埼玉県" in text
        assert Ref("advisor", "oyama-mizuho") in links(app)
        assert ("meeting", MEETING) in {(r.kind, r.id) for r in links(app)}
        assert Ref("municipality", "110001") in links(app)
        assert Ref("consultation", f"{MEETING}/5.2.1") in links(app)

        # Follow the prefecture, then back.
        await jump_to(pilot, app, Ref("municipality", "110001"))
        await pilot.press("enter")
        assert showing(app, "municipality")
        assert app.screen.ref.id == "110001"
        assert Ref("municipality", "112241") in links(app)  # its members
        await pilot.press("escape")
        assert app.screen.ref.id == "112241"


async def test_every_reference_of_the_meeting_opens(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1", "enter")
        assert showing(app, "meeting")
        text = document_text(app)
        for expected in ("2022-10-05 令和4年10月5日(水)", "オンライン", "18名",
                         "亜細亜大学都市創造学部教授 ボルタージャパン顧問", "3位（同率）",
                         "業務が煩雑にならないような", "03-6238-1690", "発表資料"):
            assert expected in text, expected
        assert field(app, "年度") == "令和4年度 (FY2022)"
        assert field(app, "担当者") == "大江、安西"
        refs = links(app)
        assert {r.kind for r in refs} >= {"advisor", "municipality", "theme"}
        for ref in dict.fromkeys(refs):
            await jump_to(pilot, app, ref)
            await pilot.press("enter")
            assert showing(app, "advisor", "municipality", "theme")
            assert app.screen.ref.id == ref.id
            await pilot.press("escape")
            assert showing(app, "meeting")


async def test_a_consultation_opens_as_its_question_and_answers(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("2")
        assert len(listed(app, "consultation")) == 3
        await pilot.press("down", "enter")
        assert showing(app, "consultation")
        assert app.screen.ref.id == listed_second(app)


def listed_second(app: DaichoApp) -> str:
    main = app.screen_stack[0]
    return main.query_one("#table-consultation", RecordTable).rows[1].ref.id


async def test_theme_and_home(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("5", "slash", *"オンライン", "enter")
        assert showing(app, "theme")
        assert app.screen.ref.id == "online-procedures"
        text = document_text(app)
        assert "大山 水帆" in text and "齋藤 理栄" in text
        # The ranking section: the rank before the survey item, which opens the meeting there.
        view = app.screen.query_one(DocumentView)
        ranked = ["".join(s.text for s in (*b.prefix, *b.body)) for b in view.blocks
                  if b.ref is not None and b.ref.anchor == "agenda-1"]
        assert "2022-10-05  1位  地方公共団体向け事前アンケート結果紹介" in ranked
        # In the meetings section, the role line opens the meeting at the survey too.
        assert "アンケート順位  地方公共団体向け事前アンケート結果紹介  1位" in ranked
        await pilot.press("0")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "home"
        await pilot.press("enter")
        assert showing(app, "meeting")


async def test_q_types_into_the_filter_and_ctrl_q_quits(tui_repo: Path) -> None:
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


async def test_help_and_number_keys_from_a_record(tui_repo: Path) -> None:
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
        assert showing(app, "meeting")
        await pilot.press("4")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "municipality"


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_each_key_of_the_help_is_one_line(tui_repo: Path, lang: str) -> None:
    """A description longer than its column wrapped under the keys (seen with `i`'s): every key
    and its description fit on one line of the help box."""
    app = create_app(tui_repo, lang)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.query_one("#help-text", Static)
        assert text.size.height == str(text.render()).count("\n") + 1


async def test_command_palette_jumps_to_a_record(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"toda")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert showing(app, "municipality")
        assert app.screen.ref.id == "112241"


async def test_english_and_japanese_labels(tui_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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


async def test_problem_panel_opens_the_record_at_fault(broken_repo: Path) -> None:
    app = create_app(broken_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "(2)" in str(app.screen.query_one(NavBar).render())
        await pilot.press("6")
        assert listed(app, "problem") == ["0", "1"]

        await pilot.press("enter")  # E304 in advisors.toml: the advisor, at the faulty item
        assert showing(app, "advisor")
        assert app.screen.ref.id == "okamura-hisakazu"
        view = app.screen.query_one(DocumentView)
        [faulty] = [n for n, b in enumerate(view.blocks) if "problem-0" in b.marks]
        text = "".join(s.text for s in view.blocks[faulty].body)
        assert "✖ E304" in text and 'テーマ "smart-city" は登録されていません' in text
        assert view._visible(faulty) and view._marked(view.blocks[faulty])
        await pilot.press("escape")

        await pilot.press("down", "enter")  # E109: the meeting did not load, so its file
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.path == BROKEN_MEETING
        view = app.screen.query_one(DocumentView)
        [line, message] = [n for n, b in enumerate(view.blocks) if "problem-1" in b.marks]
        assert view._visible(line) and view._visible(message)
        assert 'kind = "study-session' in "".join(s.text for s in view.blocks[line].body)
        assert "✖ E109" in "".join(s.text for s in view.blocks[message].body)  # the message, under it
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current == "problem"


async def test_opens_without_local_governments(tui_repo: Path) -> None:
    (tui_repo / "municipalities.toml").unlink()
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert [p.code for p in app.data.problems] == ["E111"]
        await pilot.press("4")
        assert listed(app, "municipality") == []
        await pilot.press("3", "slash", *"oyama", "enter")
        assert showing(app, "advisor")
        assert "戸田市" in document_text(app)
        assert not any(r.kind == "municipality" for r in links(app))  # nothing to open
        await pilot.press("escape", "6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # a missing file has nothing to open


async def test_opens_an_empty_folder(tmp_path: Path) -> None:
    """A folder with no data file is an empty repository with no problems (a bureau starting);
    one with some root files but not all lacks the others (E111)."""
    app = create_app(tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.data.problems == []
        for key in "0123456":
            await pilot.press(key)
        assert app.screen.current == "problem"
    (tmp_path / "themes.toml").write_text("", encoding="utf-8")
    app = create_app(tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert sorted(p.code for p in app.data.problems) == ["E111", "E111"]
        for key in "0123456":
            await pilot.press(key)
        assert app.screen.current == "problem"


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the app run until `condition` holds (what loads in the background)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


async def test_first_screen_comes_before_the_whole_repository(
        tui_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading in steps: the newest meeting is listed while the other is still pending; then every
    meeting and every list."""
    newer = add_meeting(tui_repo, "2022-11-05")
    gate = threading.Event()
    real_step = RepositoryLoader.step
    steps = 0

    def step(loader: RepositoryLoader, count: int) -> list[str]:
        nonlocal steps
        if steps and not gate.is_set():
            return []  # the rest waits (the app goes on looking at the keyboard meanwhile)
        steps += 1
        return real_step(loader, count)

    monkeypatch.setattr(RepositoryLoader, "step", step)
    monkeypatch.setattr("tui.loading.FIRST_STEP", 1)
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(listed(app, "meeting")))
        assert listed(app, "meeting") == [newer]
        assert not app.data.ready
        status = app.screen.query_one("#status-meeting", Static)
        assert "会議 1 / 2" in str(status.render())
        await pilot.press("3")
        # The advisors are listed before the meetings are loaded; what the meetings say follows.
        assert len(listed(app, "advisor")) == 4
        table = app.screen.query_one("#table-advisor", RecordTable)
        assert table.rows[0].cells[-3:] == ("…", "…", "…")
        status = str(app.screen.query_one("#status-advisor", Static).render())
        assert "全 4 件" in status and "会議を読み込み中 1 / 2" in status

        gate.set()
        await ready(app, pilot)
        assert app.data.ready
        assert listed(app, "advisor") != []
        assert "…" not in table.rows[0].cells
        await pilot.press("1")
        assert listed(app, "meeting") == [newer, MEETING]


async def test_q_closes_the_help_not_the_app(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for close in ("q", "escape", "question_mark"):
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(close)
            assert isinstance(app.screen, MainScreen), close
            assert app.return_code is None
        await pilot.press("q")
    assert app.return_code == 0


def palette_options(app: DaichoApp) -> list[str]:
    """The texts the command palette lists."""
    options = app.screen.query_one(CommandList)
    texts = []
    for number in range(options.option_count):
        prompt = options.get_option_at_index(number).prompt
        if isinstance(prompt, Align):  # "no matches", centred
            prompt = prompt.renderable
        texts.append(prompt.plain if isinstance(prompt, Text | Content) else str(prompt))
    return texts


async def test_palette_ranks_every_match(tui_repo: Path) -> None:
    """東京 matches 45 cities of Tokyo (by their prefecture) before 東京都 in reading order; the
    prefecture, whose name starts with the query, still comes first."""
    add_tokyo_cities(tui_repo, 45)
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p", *"東京")
        await until(pilot, lambda: len(palette_options(app)) >= 40)
        await pilot.pause(0.3)
        assert "東京都" in palette_options(app)[0]
        await pilot.press("enter")
        assert showing(app, "municipality")
        assert app.screen.ref.id == "130001"


async def test_palette_while_loading(tui_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opened before the repository is loaded, the palette says so; once loaded, it finds every
    record (without being opened again)."""
    gate = threading.Event()

    def slow_index(records: object) -> object:
        gate.wait(10)
        return build_index(records)  # type: ignore[arg-type]

    monkeypatch.setattr("tui.loading.build_index", slow_index)
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(listed(app, "meeting")))
        await pilot.press("ctrl+p", *"tod")
        await until(pilot, lambda: bool(palette_options(app)))
        assert "読み込み中" in palette_options(app)[0]
        gate.set()
        await app.wait_loaded()
        await pilot.press("a")
        await until(pilot, lambda: any("戸田市" in o for o in palette_options(app)))
        await pilot.press("enter")
        assert showing(app, "municipality")
        assert app.screen.ref.id == "112241"


@pytest.mark.parametrize(("lang", "words"), [("ja", "該当する記録はありません"),
                                             ("en", "No matches found")])
async def test_palette_says_no_matches_in_the_language(tui_repo: Path, lang: str,
                                                       words: str) -> None:
    app = create_app(tui_repo, lang)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p", *"zzqx")
        await until(pilot, lambda: palette_options(app) == [words])


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_every_key_shows_in_the_bar_at_80_columns(tui_repo: Path, lang: str) -> None:
    app = create_app(tui_repo, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        nav = app.screen.query_one(NavBar)
        text = str(nav.render())
        assert cell_len(text.rstrip()) <= nav.content_region.width
        for key in "0123456":
            assert f" {key} " in text, key
        assert app.cat.t("view.meeting") in text or app.cat.t("view_short.meeting") in text


@pytest.mark.parametrize(("kind", "key", "name"), [("meeting", "1", MEETING),
                                                   ("municipality", "4", "戸田市")])
@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_lists_at_80_columns_keep_the_name(tui_repo: Path, lang: str, kind: str, key: str,
                                                 name: str) -> None:
    """The title or name column keeps at least its width at 80×24; lesser columns give way."""
    app = create_app(tui_repo, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press(key)
        table = app.screen.query_one(f"#table-{kind}", RecordTable)
        width = table.scrollable_content_region.width
        widths = column_widths(table.columns, width)
        name_column = 5 if kind == "meeting" else 1
        assert widths[name_column] >= table.columns[name_column].width
        assert sum(w + 1 for w in widths if w) <= width
        lines = [table.render_line(y).text for y in range(table.size.height)]
        if kind == "meeting":
            assert any("関東総合通信局" in line for line in lines)
        else:
            assert any(name in line for line in lines)


async def test_an_empty_repository_says_so(tmp_path: Path) -> None:
    app = create_app(tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("0")
        latest = app.screen.query_one("#home-latest", RecordTable)
        assert latest.outer_size.height == 4  # borders, heading, "no meetings"
        await pilot.press("1")
        table = app.screen.query_one("#table-meeting", RecordTable)
        assert table.empty == "This repository has no meetings"
        assert "This repository has no meetings" in table.render_line(1).text
        await pilot.press("slash", "x")
        assert table.empty == "This repository has no meetings"


async def test_a_filter_that_matches_nothing_says_so(tui_repo: Path) -> None:
    app = create_app(tui_repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"zzqx")
        table = app.screen.query_one("#table-meeting", RecordTable)
        assert table.rows == []
        assert table.empty == "No records match"


@pytest.mark.parametrize(("key", "kind", "query", "expected"), [
    ("3", "advisor", "計画策定", ["okamura-hisakazu"]),  # expertise, in Japanese…
    ("3", "advisor", "support for planning", ["okamura-hisakazu"]),  # …and in English
    ("3", "advisor", "顧問", ["okamura-hisakazu"]),  # the title at an affiliation
    ("3", "advisor", "CDO", ["oyama-mizuho"]),
    ("1", "meeting", "okamura", [MEETING]),  # people's readings in romaji
    ("1", "meeting", "オカムラ", [MEETING]),
    ("4", "municipality", "さいたま 戸田", ["112241"]),  # the prefecture by its reading
    ("4", "municipality", "saitama toda", ["112241"]),
    ("4", "municipality", "tokyo", ["130001", "131016"]),  # its own reading first
    ("2", "consultation", "okamura", [f"{MEETING}/5.1.1"]),
])
async def test_filter_finds(tui_repo: Path, key: str, kind: str, query: str,
                            expected: list[str]) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press(key, "slash", *query)
        assert listed(app, kind) == expected


async def test_english_screens_use_english_separators_and_ranks(tui_repo: Path) -> None:
    app = create_app(tui_repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("3")
        table = app.screen.query_one("#table-advisor", RecordTable)
        saito = next(row for row in table.rows if row.ref.id == "saito-rie")
        assert saito.cells[4] == "Business process re-engineering, Online administrative procedures"

        await pilot.press("1", "enter")
        assert field(app, "Names") == "大江, 安西"
        await pilot.press("5", "slash", *"online", "enter")
        assert showing(app, "theme")
        text = document_text(app)
        assert "Survey rank  地方公共団体向け事前アンケート結果紹介  #1" in text
        assert "位" not in text.replace("地方公共団体", "")


async def test_ranks_in_japanese(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("5", "slash", *"online", "enter")
        assert "アンケート順位  地方公共団体向け事前アンケート結果紹介  1位" in document_text(app)


@pytest.mark.parametrize(("lang", "heading", "failed"), [
    ("ja", "検証メッセージ", "台帳を読み込めませんでした"),
    ("en", "Validator message", "The repository could not be loaded"),
])
async def test_loader_failure_in_the_language(tui_repo: Path, monkeypatch: pytest.MonkeyPatch,
                                              lang: str, heading: str, failed: str) -> None:
    def broken(loader: RepositoryLoader) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(RepositoryLoader, "finish", broken)
    app = create_app(tui_repo, lang)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("6")
        table = app.screen.query_one("#table-problem", RecordTable)
        assert heading in table.render_line(0).text
        assert [p.message for p in app.data.problems] == [f"{failed}" + (
            "（不具合です）：RuntimeError('a bug')" if lang == "ja" else " (a bug): RuntimeError('a bug')")]


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_problem_locations_keep_their_line(tui_repo: Path, size: tuple[int, int]) -> None:
    """A location longer than its column is cut at the left: the file's end and :line:col stay."""
    name = "meetings/2023-02-01-kanto-regional-informatization-study-session.toml"
    (tui_repo / name).write_text(BROKEN_MEETING_TOML, encoding="utf-8")
    app = create_app(tui_repo, "en")
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        await pilot.press("6")
        table = app.screen.query_one("#table-problem", RecordTable)
        [problem] = app.data.problems
        assert problem.location() == f"{name}:3:22"
        assert "session.toml:3:22 " in table.render_line(1).text


async def test_a_person_shows_as_the_meeting_named_them(tui_repo: Path) -> None:
    """Issue 18, bug 9: 岡村久和 as the meeting wrote it, the advisor 岡村 久和 beside it (Enter opens it)."""
    path = tui_repo / "meetings" / f"{MEETING}.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('name = "岡村 久和"', 'name = "岡村久和"', 1),
                    encoding="utf-8")
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("2")
        assert app.screen.query_one("#table-consultation", RecordTable).rows[0].cells[3] == "岡村久和"
        await pilot.press("1", "enter")
        text = document_text(app)
        assert "回答者 岡村久和 岡村 久和" in " ".join(text.split())
        assert Ref("advisor", "okamura-hisakazu") in links(app)
