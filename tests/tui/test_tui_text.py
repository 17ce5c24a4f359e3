"""The terminal UI's headless parts: text matching, Japanese dates, catalogues, loading in steps."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema.load.loader import RepositoryLoader, load_repository
from schema.read.era import english_date, era_date, fiscal_year_label, full_date
from schema.read.textmatch import (
    Narrowing,
    filter_rows,
    kana_key,
    normalize,
    query_terms,
    ranked,
    reading_key,
    romaji,
    row_key,
    search_key,
)
from schema.words.problems import Problem
from tests.helpers import PROJECT
from tui.data import Ref, RepoData
from tui.i18n import Catalogue, detect_lang, load_strings, resolve_lang
from tui.listing import Column, Listing, columns
from tui.widgets.record_table import column_widths, fit


@dataclass
class Item:
    key: str
    active: bool = True


# -- matching ---------------------------------------------------------------------------------


def test_width_case_and_script_are_ignored() -> None:
    assert normalize("ＯＫＡＭＵＲＡ") == "okamura"
    assert normalize("ｵｶﾑﾗ") == normalize("オカムラ") == normalize("おかむら") == "おかむら"
    assert normalize("ﾄﾀﾞ") == "とだ"
    assert normalize("１１２２４１") == "112241"
    assert normalize("岡村　久和") == "岡村久和"
    assert normalize("okamura-hisakazu") == "okamurahisakazu"


def test_romaji_of_readings() -> None:
    assert romaji("おかむら ひさかず") == "okamurahisakazu"
    assert romaji("とだし") == "todashi"
    assert romaji("ちよだく") == "chiyodaku"
    assert romaji("しゃっきょう") == "shakkyou"
    assert romaji("まっちゃ") == "matcha"
    assert romaji("じゅんいちろう") == "junichirou"
    assert "tokyoto" in kana_key("とうきょうと")
    assert "toukyouto" in kana_key("トウキョウト")


def test_filter_matches_kanji_kana_romaji_and_codes() -> None:
    rows = [
        Item(search_key("岡村 久和", "okamura-hisakazu") + "\x1f" + kana_key("おかむら ひさかず")),
        Item(search_key("戸田市", "112241") + "\x1f" + kana_key("とだし")),
        Item(search_key("深谷市", "112186") + "\x1f" + kana_key("ふかやし")),
    ]
    for query in ("おかむら", "オカムラ", "ｵｶﾑﾗ", "岡村", "okamura", "OKAMURA", "岡村 久和", "岡村久和"):
        assert filter_rows(rows, query) == [rows[0]], query
    for query in ("とだ", "トダ", "戸田", "toda", "112241", "１１２２４１"):
        assert filter_rows(rows, query) == [rows[1]], query
    assert filter_rows(rows, "112") == rows[1:]
    assert filter_rows(rows, "") == rows
    assert filter_rows(rows, "   ") == rows
    assert filter_rows(rows, "とだ ふかや") == []


def test_completion_puts_what_begins_with_the_query_first() -> None:
    itoda = Item(search_key("糸田町", "406040") + "\x1f" + kana_key("いとだまち"))
    toda = Item(search_key("戸田市", "112241") + "\x1f" + kana_key("とだし"))
    fukaya = Item(search_key("深谷市", "112186") + "\x1f" + kana_key("ふかやし"))
    rows = [itoda, toda, fukaya]
    assert filter_rows(rows, "とだ") == [itoda, toda]
    assert ranked(rows, "とだ") == ranked(rows, "toda") == [toda, itoda]
    assert ranked(rows, "戸田") == [toda]
    assert ranked(rows, "4060") == [itoda]  # a code's start
    assert ranked(rows, "し") == [toda, fukaya]  # neither begins with it: their order
    assert ranked(rows, "") == rows


def test_an_exact_or_prefix_match_on_a_name_or_reading_ranks_first_then_activity() -> None:
    """Issue 18, bug 11: とだ puts 戸田市 (とだし, with records) before 糸田町 (いとだまち)."""
    itoda = Item(row_key(("糸田町", "406040"), readings=[kana_key("いとだまち")]))
    todaa = Item(row_key(("試験町", "112999"), readings=[kana_key("とだあまち")]), active=False)
    toda = Item(row_key(("戸田市", "112241"), ("埼玉県",), readings=[kana_key("とだし")]))
    saitama = Item(row_key(("埼玉県", "110001"), readings=[kana_key("さいたまけん")]))
    rows = [todaa, itoda, saitama, toda]  # in reading order, as a list holds them
    assert ranked(rows, "とだ") == ranked(rows, "toda") == [toda, todaa, itoda]
    assert ranked(rows, "とだし") == [toda]
    assert ranked(rows, "戸田市") == [toda]
    assert ranked(rows, "埼玉") == [saitama, toda]  # its own name before a related word
    assert ranked(rows, "まち") == [itoda, todaa]  # inside both: the one with records first
    assert ranked(rows, "") == rows
    exact = Item(row_key(("戸田", "000001")), active=False)
    assert ranked([toda, exact], "戸田") == [exact, toda]  # an exact name before a longer one


@given(st.lists(st.tuples(st.text(alphabet="abとだ戸田 ", max_size=8), st.booleans()), max_size=30),
       st.text(alphabet="abとだ戸田 ", max_size=6))
def test_ranking_orders_what_the_filter_keeps(items: list[tuple[str, bool]], query: str) -> None:
    rows = [Item(search_key(*text.split(" ")), active) for text, active in items]
    found = ranked(rows, query)
    assert sorted(map(id, found)) == sorted(map(id, filter_rows(rows, query)))


_KEY_TEXT = st.text(alphabet="abとだ戸田 ", max_size=8)


@given(st.lists(_KEY_TEXT.map(lambda text: Item(search_key(*text.split(" ")))), max_size=30),
       st.lists(_KEY_TEXT, min_size=1, max_size=12))
def test_narrowing_keeps_what_filtering_all_rows_keeps(rows: list[Item], queries: list[str]) -> None:
    """Query after query (typed, erased, replaced), the narrowed rows are those of a filter over
    every row, in the same order."""
    narrowing = Narrowing(rows)
    for query in queries:
        assert narrowing(query) == filter_rows(rows, query), query


def test_narrowing_searches_the_rows_a_shorter_query_kept() -> None:
    rows = [Item(search_key("戸田市", "toda")), Item(search_key("糸田町", "itoda")), Item(search_key("深谷市"))]
    narrowing = Narrowing(rows)
    assert narrowing("to") == rows[:2]
    narrowing.rows = [rows[2]] * 5  # not searched again: the rows the seen query kept are
    assert narrowing("toda") == rows[:2]
    assert narrowing("itoda") == rows[1:2]
    assert narrowing("to") == rows[:2]  # erased: the rows kept for it
    assert narrowing("深谷") == [rows[2]] * 5  # another query: every row
    narrowing.forget()
    assert narrowing("toda") == []  # forgotten: every row searched again


def test_a_query_never_matches_across_two_fields() -> None:
    row = Item(search_key("戸田", "市川"))
    assert filter_rows([row], "田市") == []


@given(st.text())
def test_normalizing_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)
    assert all(term == normalize(term) for term in query_terms(text))


def test_names_sort_by_reading() -> None:
    names = {"岡村 久和": "おかむら ひさかず", "大山 水帆": "おおやま みずほ",
             "齋藤 理栄": "さいとう りえ", "下山 紗代子": "シモヤマ サヨコ"}
    ordered = sorted(names, key=lambda name: reading_key(names[name]))
    assert ordered == ["大山 水帆", "岡村 久和", "齋藤 理栄", "下山 紗代子"]


@pytest.mark.parametrize(("first", "then"), [
    (("五霞町", "ごかまち"), ("狛江市", "こまえし")),  # ご sorts as こ: ごか before こま
    (("行田市", "ぎょうだし"), ("桐生市", "きりゅうし")),  # ぎょ as きよ: きよ before きり
    (("清川村", "きよかわむら"), ("鋸南町", "きょなんまち")),  # きよか before きよな
    (("柿", "かき"), ("鍵", "かぎ")),  # equal but for the mark: か before が
    (("病院", "びょういん"), ("美容院", "びよういん")),  # equal but for the size: ょ before よ
    (("ホール", "ほーる"), ("掘る", "ほる")),  # ー is the vowel before it: ほおる before ほる
    (("カード", "カード"), ("鍵", "かぎ")),  # かあど before かぎ (katakana as hiragana)
    (("八王子市", "はちおうじし"), ("羽生市", "はにゅうし")),
])
def test_readings_sort_as_a_dictionary_does(first: tuple[str, str], then: tuple[str, str]) -> None:
    names = dict([then, first])
    ordered = sorted(names, key=lambda name: (reading_key(names[name]), name))
    assert ordered == [first[0], then[0]]


def test_katakana_and_spaces_do_not_change_the_order() -> None:
    assert reading_key("シモヤマ サヨコ") == reading_key("しもやまさよこ")
    assert reading_key("ｺﾞｶﾏﾁ") == reading_key("ごかまち")


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("date", "expected"), [
    (dt.date(2022, 10, 5), "令和4年10月5日(水)"),
    (dt.date(2019, 5, 1), "令和元年5月1日(水)"),
    (dt.date(2019, 4, 30), "平成31年4月30日(火)"),
    (dt.date(1989, 1, 8), "平成元年1月8日(日)"),
    (dt.date(1989, 1, 7), "昭和64年1月7日(土)"),
])
def test_era_dates(date: dt.date, expected: str) -> None:
    assert era_date(date) == expected


def test_fiscal_years_and_english_dates() -> None:
    assert fiscal_year_label(2022, "ja") == "令和4年度"
    assert fiscal_year_label(2019, "ja") == "令和元年度"  # began under 平成, named 令和 as the government does
    assert fiscal_year_label(2018, "ja") == "平成30年度"
    assert fiscal_year_label(1989, "ja") == "平成元年度"  # 1 April 1989 was in 平成
    assert fiscal_year_label(1988, "ja") == "昭和63年度"
    assert fiscal_year_label(1927, "ja") == "昭和2年度"
    assert fiscal_year_label(1926, "ja") == "大正15年度"  # 昭和 began on 25 December 1926
    assert fiscal_year_label(1925, "ja") == "大正14年度"
    assert fiscal_year_label(1868, "ja") == "1868年度"  # before 明治's first day
    assert fiscal_year_label(2022, "en") == "FY2022"
    assert english_date(dt.date(2022, 10, 5)) == "Wed 5 Oct 2022"
    assert full_date(dt.date(2022, 10, 5), "ja") == "2022-10-05 令和4年10月5日(水)"


# -- catalogues -------------------------------------------------------------------------------


def test_both_ui_catalogues_have_the_same_keys() -> None:
    """The same keys, but for the singular forms (`key_one`) a language may add to a key it has."""
    ja, en = load_strings("ja"), load_strings("en")
    singular = {key for key in [*ja, *en] if key.endswith("_one")}
    assert sorted(key for key in singular if key.removesuffix("_one") not in ja.keys() & en.keys()) == []
    assert sorted(set(ja) - set(en) - singular) == []
    assert sorted(set(en) - set(ja) - singular) == []
    assert all(value.strip() for value in [*ja.values(), *en.values()])


def test_a_count_of_one_reads_in_the_singular() -> None:
    en, ja = Catalogue("en"), Catalogue("ja")
    assert en.t("edit.problems", count=1, here=1) == "1 problem (1 on this screen)"
    assert en.t("edit.problems", count=2, here=1) == "2 problems (1 on this screen)"
    assert en.t("edit.done", count=1) == "Saved 1 file"
    assert ja.t("edit.problems", count=1, here=1) == "問題 1 件（この画面 1 件）"


def test_placeholders_agree_between_catalogues() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    ja, en = load_strings("ja"), load_strings("en")
    assert [key for key in ja if fields(ja[key]) != fields(en[key])] == []
    assert [key for key in en if key.endswith("_one") and fields(en[key]) != fields(en[key[:-4]])] == []


def catalogue_uses() -> tuple[set[str], set[str], set[str]]:
    """Catalogue keys named in tui/: literal keys (of t(…), of Binding descriptions, of the help
    screen's and the views' tables), groups given to cat.enum(…), and the constant heads of keys
    built with an f-string (t(f"view.{view}"))."""
    import ast

    literal: set[str] = set()
    groups: set[str] = set()
    heads: set[str] = set()
    key = re.compile(r"[a-z_]+(\.[a-z_0-9]+)+")
    for path in sorted(PROJECT.joinpath("tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                node.func, "id", "")
            args = list(node.args)
            if name == "Binding":
                args = args[2:3] + [k.value for k in node.keywords if k.arg == "description"]
            elif name not in ("t", "enum"):
                continue
            first = args[0] if args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                (groups if name == "enum" else literal).add(first.value)
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                heads.add(str(first.values[0].value))
    from tui.screens.help import KEYS

    literal.update(title for title, _ in KEYS)
    literal.update(description for _, keys in KEYS for _, description in keys)
    return {k for k in literal if key.fullmatch(k)}, groups, heads


def dynamic_keys() -> dict[str, set[str]]:
    """Every key the code builds, by the head it builds it from: a new f-string key must be listed
    here, with every value it can take. (The records' vocabulary is tests/schema/words/test_catalogue.py's.)"""
    from schema.models import AGENDA_KINDS, Bureau, MeetingFormat, MeetingKind, MunicipalityKind
    from tui.views import LISTS, VIEWS

    names = [view.name for view in VIEWS]
    return {
        "view.": {f"view.{n}" for n in names},
        "view_short.": {f"view_short.{n}" for n in names},
        "view_help.": {f"view_help.{n}" for n in names},
        "count.": {f"count.{k}" for k in (*LISTS, "person", "item", "ranked")},
        "keys.": {f"keys.{view.binding_id}" for view in VIEWS},
        "kind.": {f"kind.{k}" for k in ("advisor", "municipality", "theme", "meeting")},
        "list.none.": {f"list.none.{k}" for k in LISTS},
        "meeting_kind": {f"meeting_kind.{v}" for v in MeetingKind},
        "meeting_format": {f"meeting_format.{v}" for v in MeetingFormat},
        "municipality_kind": {f"municipality_kind.{v}" for v in MunicipalityKind},
        "bureau": {f"bureau.{v}" for v in Bureau},
        "agenda_kind": {f"agenda_kind.{v}" for v in AGENDA_KINDS},
        "edit.hint_": {f"edit.hint_{kind}" for kind in ("records", "table", "values")},
        "edit.new_": {f"edit.new_{kind}" for kind in ("advisor", "theme", "meeting")},
    }


def test_every_catalogue_key_used_in_the_code_exists() -> None:
    literal, groups, heads = catalogue_uses()
    assert {"keys.open", "keys.back", "keys.home", "help.everywhere"} <= literal
    assert {"meeting_format", "municipality_kind"} <= groups
    assert {"view.", "list.none."} <= heads
    dynamic = dynamic_keys()
    assert sorted((groups | heads) - set(dynamic)) == [], "a key built at run time: list it above"
    for lang in ("ja", "en"):
        strings = Catalogue(lang).strings
        wanted = literal.union(*dynamic.values())
        assert sorted(wanted - set(strings)) == [], lang


@pytest.mark.parametrize(("environ", "lang"), [
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, "en"),
    ({}, "en"),
])
def test_language_from_the_locale(environ: dict[str, str], lang: str) -> None:
    assert detect_lang(environ) == lang


def test_lang_option_wins_over_the_locale() -> None:
    assert resolve_lang("en", {"LANG": "ja_JP.UTF-8"}) == "en"
    assert resolve_lang("ja", {"LANG": "C"}) == "ja"
    assert resolve_lang(None, {"LANG": "ja_JP.UTF-8"}) == "ja"
    assert Catalogue("ja").t("list.count", shown=1, total=4) == "1 件 / 全 4 件"


# -- loading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["tui_repo", "broken_repo"])
def test_loading_in_steps_gives_what_load_repository_gives(fixture: str,
                                                           request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(fixture)
    expected = load_repository(root)
    loader = RepositoryLoader(root)
    loader.load_roots()
    while not loader.done:
        loader.step(1)
    result = loader.finish()
    assert result.problems == expected.problems
    assert result.records == expected.records
    assert list(result.records.meetings) == list(expected.records.meetings)
    assert {p: s.text for p, s in result.sources.items()} == {p: s.text for p, s in expected.sources.items()}


def test_problems_point_at_the_record_at_fault(broken_repo: Path) -> None:
    data = RepoData.load(broken_repo, Catalogue("en"))
    codes = [p.code for p in data.problems]
    assert codes == ["E304", "E109"]
    assert data.problem_ref(0) == Ref("advisor", "okamura-hisakazu")
    assert data.problem_ref(1) is None  # the meeting did not load: its file is shown instead
    assert data.problems_of(Ref("advisor", "okamura-hisakazu")) == [0]


def test_rows_are_sorted_and_counted(tui_repo: Path) -> None:
    data = RepoData.load(tui_repo, Catalogue("ja"))
    listing = Listing(data, Catalogue("ja"))
    advisors = [row.cells[0] for row in listing.rows("advisor")]
    assert advisors == ["大山 水帆", "岡村 久和", "齋藤 理栄", "下山 紗代子"]
    municipalities = [row.cells[1] for row in listing.rows("municipality")]
    assert municipalities == ["埼玉県", "千代田区", "東京都", "戸田市", "深谷市"]
    toda = next(r for r in listing.rows("municipality") if r.ref.id == "112241")
    # the prefecture, then advisors, meetings and consultations, each with its unit
    assert toda.cells[4:] == ("埼玉県", "1名", "1件", "1件")
    meeting = listing.rows("meeting")[0]
    assert meeting.cells[:3] == ("2022-10-05", "令和4年10月5日(水)", "令和4年度")
    assert len(listing.rows("consultation")) == 3


def test_a_problem_anywhere_in_a_record_points_at_it(tui_repo: Path) -> None:
    """Problems on a record's header, inside it, on a line of a multi-line value and on the blank
    line after it all belong to that record (the key paths at the line, else above it)."""
    themes = tui_repo / "themes.toml"
    text = themes.read_text(encoding="utf-8")
    text = text.replace('description = "DX推進計画などの策定の支援。"',
                        'description = """\nDX推進計画などの\n策定の支援。"""', 1)
    themes.write_text(text, encoding="utf-8")
    data = RepoData.load(tui_repo, Catalogue("en"))
    lines = text.split("\n")
    header = lines.index("[themes.planning-support]") + 1
    for line in range(header, header + 7):
        data.problems = [Problem("themes.toml", line, 1, "E203", "made up")]
        data.complete(data.records, data.problems, data.file_texts, data.index)
        assert data.problem_ref(0) == Ref("theme", "planning-support"), (line, lines[line - 1])
    data.complete(data.records, [Problem("themes.toml", header - 1, 1, "E203", "made up")],
                  data.file_texts, data.index)
    assert data.problem_ref(0) != Ref("theme", "planning-support")


# -- columns ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["meeting", "consultation", "advisor", "municipality", "theme",
                                  "problem"])
@pytest.mark.parametrize("width", [60, 78, 80, 100, 120, 158])
def test_columns_keep_their_minimum_and_the_name_stays(kind: str, width: int) -> None:
    cols = columns(kind)  # type: ignore[arg-type]
    widths = column_widths(cols, width)
    shown = [(c, w) for c, w in zip(cols, widths, strict=True) if w]
    assert all(w >= c.width for c, w in shown)
    assert all(w for c, w in zip(cols, widths, strict=True) if not c.drop), "a name column went"
    if sum(c.width + 1 for c in cols if not c.drop) <= width:
        assert sum(w + 1 for _, w in shown) <= width
    # What gives way goes in order: no column is dropped while one of a later rank is shown.
    dropped = [c.drop for c, w in zip(cols, widths, strict=True) if not w]
    assert all(c.drop >= max(dropped) or not c.drop for c, _ in shown) if dropped else True


def test_at_80_columns_the_meeting_title_has_room() -> None:
    cols = columns("meeting")
    widths = dict(zip((c.title for c in cols), column_widths(cols, 78), strict=True))
    assert widths["col.title"] >= 24
    assert widths["col.local_date"] == widths["col.fiscal_year"] == widths["col.format"] == 0
    assert widths["col.date"] == 10 and widths["col.kind"] == 18


def test_at_160_columns_every_column_shows() -> None:
    for kind in ("meeting", "consultation", "advisor", "municipality", "theme", "problem"):
        assert all(column_widths(columns(kind), 158)), kind  # type: ignore[arg-type]


def test_the_era_date_column_holds_the_longest_date() -> None:
    longest = era_date(dt.date(2018, 12, 28))
    assert longest == "平成30年12月28日(金)"
    column = next(c for c in columns("meeting") if c.title == "col.local_date")
    assert fit(longest, column.width) == longest


def test_flexible_columns_share_what_is_left() -> None:
    cols = [Column("a", 10), Column("b", 5, flex=1), Column("c", 5, flex=3)]
    assert column_widths(cols, 3 + 10 + 5 + 5 + 8) == [10, 7, 11]
    assert column_widths(cols, 10) == [10, 5, 5]  # too narrow: every column at its minimum


def test_cut_at_the_left_keeps_the_end() -> None:
    assert fit("meetings/2023-02-01-kanto-study-session.toml:3:22", 20, cut="left") == (
        "…y-session.toml:3:22")
    assert fit("会議/会議.toml:3:1", 11, cut="left") == "… .toml:3:1"  # no half a 議
    assert fit("short", 10, cut="left") == "short     "
