"""Matching a form's wording to the records (schema.intake.themes, .organisations, .respondents)
and counting votes (schema.intake.tally)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schema.intake.exports import parse_export
from schema.intake.organisations import MunicipalityMatcher
from schema.intake.respondents import respondents
from schema.intake.tally import competition_ranking, tally
from schema.intake.themes import ThemeMatcher, ThemeNames, split_choices
from schema.load.loader import parse_model
from schema.models import Bureau, MunicipalitiesFile
from tests import intake_exports as made
from tests.helpers import PROJECT, examples

THEMES = {
    "online-procedures": ThemeNames("online-procedures", "行政手続きオンライン化", "ぎょうせいてつづきおんらいんか",
                                    "Online administrative procedures", ("オンライン申請",)),
    "planning-support": ThemeNames("planning-support", "計画策定支援", "けいかくさくていしえん",
                                   "Support for planning"),
    "dx-talent": ThemeNames("dx-talent", "DX人材育成・活用", None, "Developing and using DX talent"),
    "rpa": ThemeNames("rpa", "RPA, AI活用", None, "RPA and AI", ("業務自動化",)),
    "automation": ThemeNames("automation", "自動化", None, "Automation", ("業務自動化",)),
}


@pytest.fixture(scope="module")
def towns() -> MunicipalitiesFile:
    model = parse_model(PROJECT, "municipalities.toml", MunicipalitiesFile)
    assert isinstance(model, MunicipalitiesFile)
    return model


def matcher(**mapped: str) -> ThemeMatcher:
    return ThemeMatcher(THEMES, mapped)


@pytest.mark.parametrize(("option", "theme"), [
    ("行政手続きオンライン化", "online-procedures"),
    ("ぎょうせいてつづきおんらいんか", "online-procedures"),  # the reading
    ("ギョウセイテツヅキオンラインカ", "online-procedures"),  # in katakana
    ("online-procedures", "online-procedures"),  # the id
    ("ONLINE administrative  procedures", "online-procedures"),  # the English label, any case and spacing
    ("オンライン申請", "online-procedures"),  # an alias
    ("ＤＸ人材育成・活用", "dx-talent"),  # full width
    ("DX人材育成 活用", "dx-talent"),  # the middle dot as a space
    ("業務自動化", None),  # an alias two themes share: neither
    ("その他", None),
])
def test_options_match_by_every_name(option: str, theme: str | None) -> None:
    assert matcher().match(option) == theme


def test_a_map_settles_an_option() -> None:
    assert matcher(業務自動化="automation").match(" 業務自動化 ") == "automation"
    assert matcher().shared("業務自動化") == ["automation", "rpa"]


@pytest.mark.parametrize(("cell", "options"), [
    ("行政手続きオンライン化;計画策定支援;", ["行政手続きオンライン化", "計画策定支援"]),  # Microsoft Forms
    ("行政手続きオンライン化, 計画策定支援", ["行政手続きオンライン化", "計画策定支援"]),  # Google Forms
    ("行政手続きオンライン化\n計画策定支援\n", ["行政手続きオンライン化", "計画策定支援"]),  # one a line
    ("RPA, AI活用, 計画策定支援", ["RPA, AI活用", "計画策定支援"]),  # an option with a comma, found whole
    ("RPA, AI活用", ["RPA, AI活用"]),
    ("その他, 計画策定支援;;", ["その他", "計画策定支援"]),
    ("  ;  ", []),
    ("", []),
])
def test_multiple_choices_split(cell: str, options: list[str]) -> None:
    assert split_choices(cell, matcher()) == options


def test_a_header_names_its_theme() -> None:
    found = matcher()
    assert found.in_header("「計画策定支援」についてのご質問") == "planning-support"
    assert found.in_header("DX人材育成・活用に関する質問") == "dx-talent"
    assert found.in_header("ご所属") is None


@pytest.mark.parametrize(("typed", "code"), [
    ("戸田市", "112241"),
    ("埼玉県戸田市", "112241"),
    ("戸田市役所 企画財政部", "112241"),
    ("戸田市企画財政部デジタル戦略室", "112241"),
    ("寄居町役場", "114081"),
    ("埼玉県庁", "110001"),
    ("埼玉県 総務部", "110001"),
    ("東京都庁", "130001"),
    ("千代田区役所", "131016"),
    ("さいたま市 浦和区役所", "111074"),
    ("さいたま市役所", "111007"),
    ("広島県府中市", "342084"),
    ("府中市（東京都）", "132063"),
    ("ＦＵＣＨＵ", None),
    ("東京都立大学", None),  # 東京都 followed by what no office or department is
    ("株式会社リンクデータ", None),
    ("戸田市民", None),
    ("埼玉県府中市", None),  # no 府中市 in 埼玉県
])
def test_organisations_typed_every_way(typed: str, code: str | None, towns: MunicipalitiesFile) -> None:
    assert MunicipalityMatcher(towns.municipalities, {Bureau.KANTO}).match(typed).code == code


def test_a_shared_name_is_settled_by_the_region_and_says_so(towns: MunicipalitiesFile) -> None:
    kanto = MunicipalityMatcher(towns.municipalities, {Bureau.KANTO}).match("府中市")
    assert (kanto.code, kanto.by_region, set(kanto.candidates)) == ("132063", True, {"132063", "342084"})
    assert MunicipalityMatcher(towns.municipalities, {Bureau.CHUGOKU}).match("府中市役所").code == "342084"
    nowhere = MunicipalityMatcher(towns.municipalities, {Bureau.TOHOKU}).match("府中市")
    assert (nowhere.code, len(nowhere.candidates)) == (None, 2)  # not guessed
    both = MunicipalityMatcher(towns.municipalities, {Bureau.KANTO}).match("伊達市")  # Hokkaido and Fukushima
    assert both.code is None and len(both.candidates) == 2
    tokyo = MunicipalityMatcher(towns.municipalities, {Bureau.CHUGOKU}).match("府中市", prefecture="東京都")
    assert tokyo.code == "132063" and not tokyo.by_region  # the prefecture column settles it
    shown = MunicipalityMatcher(towns.municipalities, set())
    assert shown.display("132063") == "東京都府中市" and shown.display("110001") == "埼玉県"


def test_a_respondent_who_answers_twice_counts_by_the_last_row() -> None:
    rows = [*made.SEED_SURVEY[:2], ("anonymous", "戸田市", ()), ("anonymous", "深谷市", ()),
            ("A@Toda.Example", "戸田市", ())]
    found = respondents(parse_export("a.xlsx", made.microsoft_forms_survey(rows)))
    assert [row.number for row in found.rows] == [3, 4, 5, 6]  # row 2 replaced by row 6; anonymous kept apart
    assert found.identity == "メール" and len(found.findings) == 1
    assert found.findings[0].said.text == "rows 2 and 6 are one respondent (same メール): row 6 is counted"
    logo = respondents(parse_export("a.csv", made.csv_bytes([["団体名", "質問"], ["戸田市", "a"], ["戸田市", "b"]])
                                     .encode()))
    assert len(logo.rows) == 2 and logo.identity is None  # nothing to tell them apart: two respondents


def test_the_seed_ranking_from_its_made_up_answers() -> None:
    last = {email: options for email, _, options in made.SEED_SURVEY}  # the last row of each respondent
    ranking = competition_ranking(tally(last.values()))
    assert [(r.rank, r.item, r.votes) for r in ranking] == [
        (1, made.ONLINE, 11), (2, made.PLANNING, 9), (3, made.DX, 7), (3, made.STANDARD, 7)]


def test_one_vote_per_respondent_per_item() -> None:
    assert tally([["a", "a", "b"], ["a"]]) == Counter({"a": 2, "b": 1})


@settings(max_examples=examples(80), deadline=None)
@given(st.dictionaries(st.text("abcdefgh", min_size=1, max_size=3), st.integers(0, 6), max_size=12))
def test_equal_votes_get_equal_ranks_and_ranks_skip_after_ties(votes: dict[str, int]) -> None:
    ranking = competition_ranking(votes)
    assert {r.item for r in ranking} == {item for item, count in votes.items() if count > 0}
    for one in ranking:
        assert one.votes == votes[one.item]
        assert one.rank == 1 + sum(count > one.votes for count in votes.values())  # competition: 1, 2, 3, 3, 5
        for other in ranking:
            assert (one.rank == other.rank) == (one.votes == other.votes)
    assert [r.votes for r in ranking] == sorted((r.votes for r in ranking), reverse=True)
