"""The terminal UI's headless parts: text matching, Japanese dates, catalogues, loading in steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema.loader import RepositoryLoader, load_repository
from tests.conftest_tui import broken_repo, tui_repo  # noqa: F401  (fixtures)
from tui.data import Ref, RepoData
from tui.era import english_date, era_date, fiscal_year_label, full_date
from tui.i18n import Catalogue, detect_lang, load_strings, resolve_lang
from tui.listing import Listing
from tui.textmatch import filter_rows, kana_key, normalize, query_terms, reading_key, romaji, search_key


@dataclass
class Item:
    key: str


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
    assert fiscal_year_label(2019, "ja") == "令和元年度"
    assert fiscal_year_label(2018, "ja") == "平成30年度"
    assert fiscal_year_label(1989, "ja") == "平成元年度"
    assert fiscal_year_label(2022, "en") == "FY2022"
    assert english_date(dt.date(2022, 10, 5)) == "Wed 5 Oct 2022"
    assert full_date(dt.date(2022, 10, 5), "ja") == "2022-10-05 令和4年10月5日(水)"


# -- catalogues -------------------------------------------------------------------------------


def test_both_catalogues_have_the_same_keys() -> None:
    ja, en = load_strings("ja"), load_strings("en")
    assert sorted(set(ja) - set(en)) == []
    assert sorted(set(en) - set(ja)) == []
    assert all(value.strip() for value in [*ja.values(), *en.values()])


def test_placeholders_agree_between_catalogues() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    ja, en = load_strings("ja"), load_strings("en")
    assert [key for key in ja if fields(ja[key]) != fields(en[key])] == []


def test_every_catalogue_key_used_in_the_code_exists() -> None:
    import re

    used: set[str] = set()
    for path in Path(__file__).resolve().parent.parent.joinpath("tui").rglob("*.py"):
        used.update(re.findall(r'\bt\("([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used, "no catalogue keys found in tui/"
    assert sorted(used - set(load_strings("en"))) == []


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


def test_problems_point_at_the_record_at_fault(broken_repo: Path) -> None:  # noqa: F811
    data = RepoData.load(broken_repo)
    codes = [p.code for p in data.problems]
    assert codes == ["E304", "E109"]
    assert data.problem_ref(0) == Ref("advisor", "okamura-hisakazu")
    assert data.problem_ref(1) is None  # the meeting did not load: its file is shown instead
    assert data.problems_of(Ref("advisor", "okamura-hisakazu")) == [0]


def test_rows_are_sorted_and_counted(tui_repo: Path) -> None:  # noqa: F811
    data = RepoData.load(tui_repo)
    listing = Listing(data, Catalogue("ja"))
    advisors = [row.cells[0] for row in listing.rows("advisor")]
    assert advisors == ["大山 水帆", "岡村 久和", "齋藤 理栄", "下山 紗代子"]
    municipalities = [row.cells[1] for row in listing.rows("municipality")]
    assert municipalities == ["埼玉県", "千代田区", "東京都", "戸田市", "深谷市"]
    toda = next(r for r in listing.rows("municipality") if r.ref.id == "112241")
    assert toda.cells[4:] == ("埼玉県", "1", "1", "1")  # prefecture, advisors, meetings, consultations
    meeting = listing.rows("meeting")[0]
    assert meeting.cells[:3] == ("2022-10-05", "令和4年10月5日(水)", "令和4年度")
    assert len(listing.rows("consultation")) == 3
