"""What a record shows for daily use (schema.read.outline, shared by `daicho show` and the terminal UI):
each problem beside the line it is about, the record most likely meant by an unknown reference, a
consultation as its question and answers, ties as ties, role lines that open the meeting at the
item, homonymous advisors told apart. Also the text matching the lists' filter uses."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from schema.load.loader import load_repository
from schema.read.outline import Line, Outliner, text_lines
from schema.read.readmodel import ReadModel, Ref
from schema.read.textmatch import normalize, own_parts, row_key
from schema.read.xref import build_index
from schema.words.catalogue import Catalogue
from tests.helpers import SEED_MEETING, make_repo

MEETING = "2022-10-05-kanto-advisor-meeting"


def outline(root: Path, ref: Ref, lang: str = "ja") -> list[Line]:
    result = load_repository(root)
    texts = {path: source.text for path, source in result.sources.items()}
    view = ReadModel(result.records, build_index(result.records), list(result.problems), texts)
    return Outliner(view, Catalogue(lang)).record(ref)


def texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


def test_each_problem_is_beside_the_line_it_is_about(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    meeting = root / SEED_MEETING
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        'theme = "online-procedures"\ntitle', 'theme = "online-procedure"\ntitle', 1), encoding="utf-8")
    lines = outline(root, Ref("meeting", MEETING), "en")
    [faulty] = [line for line in lines if line.marks]
    assert faulty.marks == ["problem-0"]
    assert faulty.keypath == ("agenda", 4, "topics", 1)  # the topic's headline shows its theme
    assert faulty.text.startswith("Topic 2 online-procedure")
    assert faulty.text.endswith('✖ E304 unknown theme "online-procedure" (did you mean "online-procedures"?)')
    # daicho show prints it there too.
    shown = list(text_lines(lines))
    assert any(line.strip().startswith("Topic 2 online-procedure") and "✖ E304" in line for line in shown)


def test_an_unknown_reference_names_what_it_most_likely_meant(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    advisors = root / "advisors.toml"
    text = advisors.read_text(encoding="utf-8")
    advisors.write_text(text.replace('"planning-support",', '"planing-support",', 1), encoding="utf-8")
    lines = outline(root, Ref("advisor", "okamura-hisakazu"))
    [line] = [line for line in lines if line.text.startswith("planing-support")]
    assert line.label == "専門分野"
    assert line.text.startswith("planing-support  （記録にありません）候補： 計画策定支援  planning-support")
    assert line.ref == Ref("theme", "planning-support")  # Enter opens the theme meant


def test_a_consultation_reads_as_its_question_then_its_answers_then_its_meeting(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    lines = outline(root, Ref("consultation", f"{MEETING}/5.2.1"))
    shown = texts(lines)
    heading = shown.index("相談  行政手続きオンライン化")
    assert heading == 0 and lines[0].anchor == "consultation"
    assert [line.label for line in lines[1:4]] == ["質問", "テーマ", "会議"]
    assert shown[1] == "業務が煩雑にならないような電子申請と既存の紙の運用を併用するにはどうすれば良いか。"
    assert lines[3].ref == Ref("meeting", MEETING, f"{MEETING}/5.2.1")
    answers = shown.index("回答 (2)")
    assert shown[answers + 2].startswith("回答1 課題解決なのか")
    assert (lines[answers + 3].label, shown[answers + 3]) == ("回答者", "大山 水帆")
    assert lines[answers + 3].ref == Ref("advisor", "oyama-mizuho")
    assert shown[answers + 5].startswith("回答2 申請のみオンライン化")
    meeting = shown.index("会議の記録（この相談に印）")
    assert shown[meeting + 2] == "令和4年度 関東総合通信局 地域情報化アドバイザー会議"  # then the meeting


def test_ties_show_as_ties_in_the_rankings_and_the_meetings(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    for lang, tie in (("ja", "3位（同率）"), ("en", "#3 (tie)")):
        shown = texts(outline(root, Ref("theme", "dx-talent"), lang))
        assert f"2022-10-05  {tie}  地方公共団体向け事前アンケート結果紹介" in shown
        assert any(line.endswith(f"地方公共団体向け事前アンケート結果紹介  {tie}") for line in shown)


def test_a_theme_lists_its_consultations_with_who_answered_and_where(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    lines = outline(root, Ref("theme", "online-procedures"))
    at = texts(lines).index("相談 (1)")
    question, who = lines[at + 1], lines[at + 2]
    asked = "業務が煩雑にならないような電子申請と既存の紙の運用を併用するにはどうすれば良いか。"
    assert question.text == f"2022-10-05  {asked}"
    assert who.text == "回答者 大山 水帆  ·  会議 令和4年度 関東総合通信局 地域情報化アドバイザー会議"
    assert question.item == who.item is not None  # shown or hidden together by a filter


def test_every_role_line_opens_the_meeting_at_the_item(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    lines = outline(root, Ref("advisor", "okamura-hisakazu"))
    roles = [line for line in lines if line.depth == 2 and line.ref and line.ref.kind == "meeting"]
    assert [(line.text, line.ref.anchor) for line in roles if line.ref] == [
        ("回答者  計画策定支援", f"{MEETING}/5.1.1"), ("出席", "people")]
    [meeting] = [line for line in lines if line.depth == 1 and line.ref and line.ref.kind == "meeting"]
    assert meeting.ref == Ref("meeting", MEETING, f"{MEETING}/5.1.1")  # at their first item


def test_homonymous_advisors_are_told_apart_by_their_affiliation(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    with (root / "advisors.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[advisors.oyama-mizuho-2]\nname = "大山 水帆"\n'
                     '\n[advisors.oyama-mizuho-3]\nname = "大山 水帆"\n'
                     '\n[[advisors.oyama-mizuho-3.affiliations]]\norganization = "甲市"\nfiscal_years = [2020]\n'
                     '\n[[advisors.oyama-mizuho-3.affiliations]]\norganization = "乙市"\nfiscal_years = [2023]\n')
    result = load_repository(root)
    view = ReadModel(result.records, build_index(result.records))
    assert view.advisor_label("oyama-mizuho") == "大山 水帆 (戸田市)"
    assert view.advisor_label("oyama-mizuho-2") == "大山 水帆 (oyama-mizuho-2)"  # no affiliation: the id
    assert view.advisor_label("oyama-mizuho-3") == "大山 水帆 (乙市)"  # the latest affiliation
    assert view.advisor_label("okamura-hisakazu") == "岡村 久和"
    shown = texts(Outliner(view, Catalogue("ja")).record(Ref("meeting", MEETING)))
    assert "大山 水帆 (戸田市)  oyama-mizuho" in shown


def _reference_normalize(text: str) -> str:
    """The filter's normalization as first written (one character at a time): the faster one
    must give the same."""
    katakana = {code: code - 0x60 for code in range(0x30A1, 0x30F7)} | {0x30FD: 0x309D, 0x30FE: 0x309E}
    dropped = dict.fromkeys(map(ord, " \t\r\n-_・"), None)
    folded = unicodedata.normalize("NFKC", text).casefold().translate(katakana).translate(dropped)
    if folded.isascii():
        return folded
    return unicodedata.normalize("NFKC", folded).translate(dropped)


@given(st.text(st.one_of(st.characters(), st.sampled_from(list(" -_・ｶﾞﾀﾞヴヵヶヽヾーａＡ１あア漢´")))))
def test_normalizing_gives_what_it_always_gave(text: str) -> None:
    assert normalize(text) == _reference_normalize(text)


def test_a_key_keeps_a_record_s_own_names_apart_from_related_words() -> None:
    key = row_key(("大山 水帆", "oyama-mizuho"), ("戸田市",), readings=["おおやまみずほ\x1fooyamamizuho"])
    assert own_parts(key) == ["大山水帆", "oyamamizuho", "おおやまみずほ", "ooyamamizuho"]
    assert "戸田市" in key and "戸田市" not in own_parts(key)
    assert "\x1e" not in row_key(("a",))
