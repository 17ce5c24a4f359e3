"""Issue 10, the terminal UI for daily use: a Pilot test for each point — problems lead to the fault,
search finds what people remember, consultations read as answers, 80 columns and the home chart."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from rich.segment import Segment
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from schema.load.modelcache import ModelCache
from tests.helpers import PROJECT, SEED_MEETING, SIZE, add_meeting, document_text, ready
from tui.app import DaichoApp, create_app
from tui.data import Ref
from tui.screens.detail import DetailScreen
from tui.widgets.bar_chart import BarChart
from tui.widgets.document import DocumentView
from tui.widgets.nav import NavBar
from tui.widgets.record_table import RecordTable
from tui.widgets.trail import Trail

MEETING = "2022-10-05-kanto-advisor-meeting"
NARROW = (80, 24)


def listed(app: DaichoApp, kind: str) -> list[str]:
    return [row.ref.id for row in app.screen_stack[0].query_one(f"#table-{kind}", RecordTable).rows]


def blocks(app: DaichoApp) -> list[str]:
    view = app.screen.query_one(DocumentView)
    return ["".join(span.text for span in (*b.prefix, *b.body)) for b in view.blocks]


def links(app: DaichoApp) -> list[Ref]:
    view = app.screen.query_one(DocumentView)
    return [ref for n in view.links if (ref := view.blocks[n].ref) is not None]


def line_of(path: Path, text: str) -> int:
    """The number (from 1) of the first line of the file that holds `text`."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1) if text in line)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- problems lead to the fault -------------------------------------------------------------------


async def test_a_problem_opens_its_record_at_the_faulty_item(tui_repo: Path) -> None:
    """Enter on a problem of a meeting: the meeting, scrolled to the faulty line, marked ✖ with the
    message beside it (the theme of the third topic, far below the record's top)."""
    edit(tui_repo / SEED_MEETING, 'theme = "dx-talent"\ntitle = "DX人材育成・活用"',
         'theme = "dx-talant"\ntitle = "DX人材育成・活用"')
    app = create_app(tui_repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        [problem] = app.data.problems
        assert (problem.code, problem.line) == ("E304", line_of(tui_repo / SEED_MEETING, 'theme = "dx-talant"'))
        await pilot.press("6", "enter")
        assert isinstance(app.screen, DetailScreen) and app.screen.ref.kind == "meeting"
        view = app.screen.query_one(DocumentView)
        [faulty] = [n for n, b in enumerate(view.blocks) if "problem-0" in b.marks]
        text = blocks(app)[faulty]
        assert text.startswith("Topic 3 dx-talant")
        assert '✖ E304 unknown theme "dx-talant" (did you mean "dx-talent"?)' in text
        assert view._visible(faulty) and view._marked(view.blocks[faulty])
        assert view.scroll_y > 20  # not the record's top


def test_a_location_points_at_the_value_not_the_key(tui_repo: Path) -> None:
    """theme = "dx-talant" → the column of "dx-talant"; an unknown field → its key; validate says
    the same as the interface (one loader)."""
    from schema.load.loader import load_repository
    from schema.load.validation import validate_repository

    edit(tui_repo / SEED_MEETING, 'theme = "dx-talent"\ntitle = "DX人材育成・活用"',
         'theme = "dx-talant"\ntitle = "DX人材育成・活用"')
    edit(tui_repo / "advisors.toml", 'name = "岡村 久和"', 'name = "岡村 久和"\ncolour = "red"')
    found = [(p.path, p.code, p.line, p.col) for p in load_repository(tui_repo).problems]
    line = line_of(tui_repo / SEED_MEETING, 'theme = "dx-talant"')
    assert found == [("advisors.toml", "E201", 3, 1), (SEED_MEETING, "E304", line, 9)]
    assert [(p.path, p.code, p.line, p.col) for p in validate_repository(tui_repo, use_cache=False)[0]] == found


async def test_a_repository_with_problems_says_so_on_every_screen(broken_repo: Path) -> None:
    app = create_app(broken_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        nav = app.screen.query_one(NavBar)
        [problems] = [item for item in nav.views if item.view == "problem"]
        assert problems.alert and problems.label == "検証 (2)"  # the tab in the error colour
        alert = app.screen.query_one("#alert", Static)
        assert alert.display and "2 件の問題があります" in str(alert.render())  # the first screen
        for key in "02345":
            await pilot.press(key)
            assert alert.display, key
        await pilot.press("6")
        assert not alert.display  # the problems' own view lists them
        await pilot.press("3", "enter")
        trail = app.screen.query_one(Trail)
        assert "✖ 問題 2 件（6）" in str(trail.render())  # a record's screen too


async def test_a_file_that_did_not_load_is_not_described_as_absent(tui_repo: Path) -> None:
    (tui_repo / SEED_MEETING).write_text('id = "x"\ntitle = "broken\n', encoding="utf-8")
    edit(tui_repo / "themes.toml", '[themes.bpr]', '[themes.bpr\n')
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        table = app.screen.query_one("#table-meeting", RecordTable)
        assert table.empty == "meetings/ (1) を読み込めませんでした（6 で問題を表示）"
        assert "ありません" not in table.empty
        await pilot.press("5")
        assert app.screen.query_one("#table-theme", RecordTable).empty.startswith("themes.toml を読み込めませんでした")
        await pilot.press("3", "slash", *"saito", "enter")
        text = document_text(app)
        assert "bpr  （themes.toml を読み込めなかったため不明）" in text
        assert "記録にありません" not in text


async def test_did_you_mean_for_every_unknown_reference(tui_repo: Path) -> None:
    """An advisor's expertise, a topic's theme and a person key, each misspelt: the record names
    what was most likely meant, and Enter opens it."""
    edit(tui_repo / "advisors.toml", '"planning-support",', '"planing-support",')
    edit(tui_repo / SEED_MEETING, 'respondents = [\n    "oyama",', 'respondents = [\n    "oyamma",')
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert [p.code for p in app.data.problems] == ["E304", "E302"]
        await pilot.press("3", "slash", *"okamura", "enter")
        [line] = [text for text in blocks(app) if text.startswith("専門分野")]
        assert "planing-support  （記録にありません）候補： 計画策定支援  planning-support" in line
        assert '"planning-support" の誤りではありませんか' in line  # the problem beside it, too
        view = app.screen.query_one(DocumentView)
        view._set_cursor(next(n for n in view.links if blocks(app)[n].startswith("専門分野")))
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen) and app.screen.ref == Ref("theme", "planning-support")
        await pilot.press("1", "enter")
        assert "oyamma  （記録にありません）  候補：oyama" in document_text(app)


async def test_r_reloads_the_files_that_changed(tui_repo: Path) -> None:
    add_meeting(tui_repo, "2022-11-05")
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        cache = app.loading.cache
        assert isinstance(cache, ModelCache)
        path = tui_repo / SEED_MEETING
        edit(path, 'title = "令和4年度 関東総合通信局 地域情報化アドバイザー会議"',
             'title = "令和4年度 関東総合通信局 地域情報化アドバイザー会議(改)"')
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 1))
        hits = cache.hits
        await pilot.press("r")
        await until(pilot, lambda: app.data.records.meetings[MEETING].title.endswith("(改)"))
        assert cache.hits - hits == 4  # every file but the one changed came from memory (of 5)
        table = app.screen.query_one("#table-meeting", RecordTable)
        assert any(row.cells[5].endswith("(改)") for row in table.rows)


async def test_files_changed_on_disk_are_noticed(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        edit(tui_repo / "themes.toml", 'label = "計画策定支援"', 'label = "計画策定の支援"')
        await app._watch()
        alert = app.screen.query_one("#alert", Static)
        assert alert.display and "1 件のファイルがディスク上で変更されました（r で再読み込み）" in str(alert.render())
        await pilot.press("r")
        await until(pilot, lambda: not alert.display)
        assert app.data.records.themes["planning-support"].label == "計画策定の支援"


async def until(pilot: Pilot, condition: object, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if callable(condition) and condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


# -- search finds what people remember ------------------------------------------------------------


async def test_consultations_are_found_by_their_answers(tui_repo: Path) -> None:
    """申請管理 is only in an answer of the 行政手続きオンライン化 topic."""
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("2", "slash", *"申請管理")
        assert listed(app, "consultation") == [f"{MEETING}/5.2.1"]
        await pilot.press("escape", "escape", "ctrl+p", *"申請管理")
        await until(pilot, lambda: palette_texts(app) != [])
        assert palette_texts(app)[0].startswith("相談  業務が煩雑にならないような")


def palette_texts(app: DaichoApp) -> list[str]:
    from textual.command import CommandList

    options = app.screen.query_one(CommandList)
    texts = []
    for number in range(options.option_count):
        prompt = options.get_option_at_index(number).prompt
        texts.append(prompt.plain if isinstance(prompt, Content) else str(prompt))
    return texts


async def test_theme_ids_and_labels_in_both_languages_whatever_the_language(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for query, expected in (("online", [f"{MEETING}/5.2.1"]), ("dx-talent", [f"{MEETING}/5.3.1"]),
                                ("talent", [f"{MEETING}/5.3.1"])):
            await pilot.press("2", "slash", *query)
            assert listed(app, "consultation") == expected, query
            await pilot.press("escape", "escape")  # clears the filter, then leaves it
        await pilot.press("1", "slash", *"dx-talent")
        assert listed(app, "meeting") == [MEETING]


async def test_the_palette_ranks_a_record_s_own_id_first_and_reaches_consultations(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p", *"dx-talent")
        await until(pilot, lambda: len(palette_texts(app)) >= 3)
        await pilot.pause(0.3)
        assert palette_texts(app)[0].startswith("テーマ  DX人材育成・活用")
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen) and app.screen.ref == Ref("theme", "dx-talent")
        await pilot.press("ctrl+p", *"デジタルディバイド対策")
        await until(pilot, lambda: bool(palette_texts(app)))
        await pilot.pause(0.3)
        assert palette_texts(app)[0].startswith("相談  直接住民と接する機会の少ない県において")
        await pilot.press("enter")
        assert app.screen.ref == Ref("consultation", f"{MEETING}/5.3.1")


async def test_the_filter_and_the_list_act_as_one(tui_repo: Path) -> None:
    """Down in the filter moves the list's cursor (typing goes on); a character typed on the list
    starts filtering; the words found are highlighted; Enter opens the row under the cursor."""
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("3", "slash")
        table = app.screen.query_one("#table-advisor", RecordTable)
        field = app.screen.query_one("#filter-advisor")
        await pilot.press("down", "down")
        assert table.cursor == 2 and app.focused is field
        await pilot.press("up")
        assert table.cursor == 1
        await pilot.press("escape")  # empty: to the list
        assert app.focused is table
        await pilot.press(*"mizuho")
        assert app.focused is field and field.value == "mizuho"
        assert [r.ref.id for r in table.rows] == ["oyama-mizuho"]
        line = table.render_line(1)
        highlighted = "".join(s.text for s in line if isinstance(s, Segment) and s.style
                              and s.style.bold and s.style.underline)
        assert highlighted == "mizuho"  # the words typed, marked where the row shows them (its id)
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen) and app.screen.ref == Ref("advisor", "oyama-mizuho")


async def test_tab_wraps_from_the_last_link_to_the_first(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        view = app.screen.query_one(DocumentView)
        await pilot.press("end")
        assert view.cursor == view.links[-1]
        await pilot.press("tab")
        assert view.cursor == view.links[0]
        await pilot.press("shift+tab")
        assert view.cursor == view.links[-1]


# -- consultations read as answers ----------------------------------------------------------------


async def test_the_consultations_list_previews_the_question_and_answers(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("2")
        preview = app.screen.query_one("#preview-consultation", Static)
        assert preview.display
        text = str(preview.render())
        assert text.startswith("質問  計画策定支援の支援内容")
        assert "回答者  岡村 久和" in text and "回答1 最初からDX化を" in text and "回答2 課題解決なのか" in text
        await pilot.press("down")
        assert str(preview.render()).startswith("質問  業務が煩雑にならないような")


async def test_a_theme_lists_its_consultations_with_who_answered_filterable(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("5", "slash", *"online", "enter")
        text = blocks(app)
        at = text.index("相談 (1)")
        question = "業務が煩雑にならないような電子申請と既存の紙の運用を併用するにはどうすれば良いか。"
        assert text[at + 1] == f"2022-10-05  {question}"
        assert "[" not in text[at + 1]  # the theme is not repeated on every line
        assert text[at + 2] == "回答者 大山 水帆  ·  会議 令和4年度 関東総合通信局 地域情報化アドバイザー会議"
        await pilot.press("slash", *"okamura")  # nobody of that name answered: the entry goes
        assert "相談 (1)" in blocks(app) and not any("業務が煩雑" in t for t in blocks(app))
        await pilot.press("escape")  # clears
        assert any("業務が煩雑" in t for t in blocks(app))


async def test_a_tie_shows_as_a_tie_everywhere(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("5", "slash", *"dx-talent", "enter")
        text = "\n".join(blocks(app))
        assert "2022-10-05  3位（同率）  地方公共団体向け事前アンケート結果紹介" in text  # the rankings
        assert "アンケート順位  地方公共団体向け事前アンケート結果紹介  3位（同率）" in text  # the meetings


async def test_every_role_line_opens_the_meeting_at_the_item(tui_repo: Path) -> None:
    """深谷市's record: 齋藤 理栄 presented there; the role line opens the meeting at her talk."""
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("4", "slash", *"fukaya", "enter")
        view = app.screen.query_one(DocumentView)
        talk = "発表者  システム導入とBPR手法によるハイブリッド型の業務改革"
        [role] = [n for n in view.links if blocks(app)[n] == talk]
        assert view.blocks[role].ref == Ref("meeting", MEETING, "agenda-2")
        view._set_cursor(role)
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen) and app.screen.ref == Ref("meeting", MEETING, "agenda-2")
        view = app.screen.query_one(DocumentView)
        item = next(n for n, b in enumerate(view.blocks) if b.anchor == "agenda-2")
        assert view._visible(item) and view._marked(view.blocks[item])
        assert blocks(app)[item].startswith("3. システム導入とBPR手法")


async def test_survey_population_is_labelled_surveyed(tui_repo: Path) -> None:
    for lang, label in (("ja", "対象"), ("en", "Surveyed")):
        app = create_app(tui_repo, lang)
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            await pilot.press("enter")
            assert f"{label} 自治体職員" in [" ".join(t.split()) for t in blocks(app)]


async def test_homonymous_advisors_are_told_apart(tui_repo: Path) -> None:
    with (tui_repo / "advisors.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[advisors.okamura-hisakazu-2]\nname = "岡村 久和"\nkana = "おかむら ひさかず"\n\n'
                     '[[advisors.okamura-hisakazu-2.affiliations]]\norganization = "別の大学"\n')
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.data.advisor_label("okamura-hisakazu") == "岡村 久和 (亜細亜大学)"
        assert app.data.advisor_label("okamura-hisakazu-2") == "岡村 久和 (別の大学)"
        assert app.data.advisor_label("oyama-mizuho") == "大山 水帆"
        await pilot.press("2")
        assert app.screen.query_one("#table-consultation", RecordTable).rows[0].cells[3] == "岡村 久和 (亜細亜大学)"
        await pilot.press("1", "enter")
        assert "岡村 久和 (亜細亜大学)" in document_text(app)


async def test_themes_are_sorted_by_reading(tui_repo: Path) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("5")
        readings = [row.cells[2] for row in app.screen.query_one("#table-theme", RecordTable).rows]
        assert readings[:3] == ["ぎょうせいてつづきおんらいんか", "ぎょうむかいかく", "けいかくさくていしえん"]
        assert readings == sorted(readings, key=lambda k: k.replace("ー", "").replace("・", ""))


async def test_counts_have_thousands_separators(tui_repo: Path) -> None:
    shutil.copy2(PROJECT / "municipalities.toml", tui_repo / "municipalities.toml")  # the whole list
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("4")
        assert "/ 全国 1,963 件" in str(app.screen.query_one("#status-municipality", Static).render())
        await pilot.press("slash", "市")
        assert "件 / 全 1,963 件" in str(app.screen.query_one("#status-municipality", Static).render())
        await pilot.press("0")
        assert "自治体        1,963団体" in str(app.screen.query_one("#home-counts", Static).render())


async def test_the_breadcrumb_names_the_record_s_kind(tui_repo: Path) -> None:
    app = create_app(tui_repo, "en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("3", "enter")
        assert app.screen.query_one(Trail).text == "Advisors › Advisor: 大山 水帆"
        await pilot.press("escape", "1", "enter")
        assert app.screen.query_one(Trail).text.startswith("Meetings › Meeting: 2022-10-05 ")


# -- 80 columns and the home screen ---------------------------------------------------------------


async def test_at_80_columns_rows_show_where_their_titles_differ(tui_repo: Path) -> None:
    long = "令和4年度 関東総合通信局 地域情報化アドバイザー会議 と 長い副題の付いた勉強会"
    for number, date in enumerate(("2022-11-05", "2022-11-06"), start=1):
        meeting = add_meeting(tui_repo, date)
        edit(tui_repo / "meetings" / f"{meeting}.toml",
             'title = "令和4年度 関東総合通信局 地域情報化アドバイザー会議"', f'title = "{long} 第{number}回"')
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        table = app.screen.query_one("#table-meeting", RecordTable)
        first, second = (table.render_line(y).text for y in (1, 2))
        assert first != second
        assert "第2回" in first and "第1回" in second


async def test_the_home_chart_draws_bars_says_what_is_hidden_and_opens_a_theme(tui_repo: Path) -> None:
    for year in range(2013, 2022):  # ten fiscal years of consultations
        add_meeting(tui_repo, f"{year}-10-05")
        edit(tui_repo / "meetings" / f"{year}-10-05-kanto-advisor-meeting.toml", "fiscal_year = 2022",
             f"fiscal_year = {year}")
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("0")
        chart = app.screen.query_one(BarChart)
        assert len(chart.columns) == 10
        assert "█" in chart.render_line(1).text  # bars, not only numbers
        assert chart.border_subtitle is not None and chart.border_subtitle.startswith("◀ 平成25年度–")
        await pilot.press("tab")
        assert app.focused is chart
        await pilot.press("left")
        assert chart.border_subtitle.endswith("令和4年度は表示されていません ▶")
        await pilot.press("down", "enter")
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.ref == Ref("theme", app.screen_stack[0].query_one("#view-home").chart_themes[1])


async def test_a_second_start_reads_the_models_from_the_cache(tui_repo: Path) -> None:
    """No file is checked again on a second start; the records are those the first start loaded."""
    add_meeting(tui_repo, "2022-11-05")
    loaded = []
    for _ in range(2):
        app = create_app(tui_repo, "ja")
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            assert app.loading.cache is not None
            loaded.append((app.loading.cache.hits, app.data.records, app.data.problems))
    (first_hits, first, problems), (hits, second, again) = loaded
    assert (first_hits, hits) == (0, 5)  # themes, local governments, advisors and two meetings
    assert second == first and again == problems
