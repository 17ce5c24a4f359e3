"""The structures real reports of other years have (Records v2), each in a fixture meeting
(tests/fixtures/v2) that validates, round-trips through `fmt` byte for byte and shows in `show`.
The terminal UI shows the same (tests/tui/test_structures_tui.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from daicho.main import main
from schema.load.loader import load_repository
from schema.models import Records
from schema.read.xref import build_index
from tests.helpers import V2_MEETING, V2_SESSION, make_v2_repo


@dataclass(frozen=True)
class Structure:
    name: str
    record: tuple[str, str]
    """What `daicho show` is asked for: kind and id."""
    holds: Callable[[Records], bool]
    """The structure is in the loaded records."""
    shown: tuple[str, ...]
    """What `daicho show` (in Japanese) prints of it."""


def _meeting(records: Records, meeting_id: str = V2_MEETING):  # type: ignore[no-untyped-def]
    return records.meetings[meeting_id]


STRUCTURES = [
    Structure("parts", ("meeting", V2_MEETING),
              lambda r: len(_meeting(r).parts) == 2 and _meeting(r).agenda[4].part == "part2"
              and _meeting(r).parts["part2"].attendance is not None,
              ("【第1部 支援成果等紹介】", "【第2部 アドバイザー意見交換会】", "対象            アドバイザーのみ",
               "開始時刻        15:15", "〔支援成果等紹介〕")),
    Structure("several posts at once", ("meeting", V2_MEETING),
              lambda r: _meeting(r).people["matsunaga"].municipalities == ["112194", "112178"]
              and r.advisors["matsunaga-tomoya"].affiliations[1].fiscal_years == [2023],
              ("所属自治体      上尾市  112194", "鴻巣市  112178", "上尾市CIO補佐官 鴻巣市CDO")),
    Structure("roles of people not named", ("meeting", V2_MEETING),
              lambda r: _meeting(r).agenda[4].unnamed[0].count == 3
              and _meeting(r, V2_SESSION).agenda[0].topics[0].unnamed[0].role.value == "respondents",
              ("進行: アドバイザー3名", "登壇者: 関東総合通信局 情報通信部長")),
    Structure("the overall theme as worded", ("meeting", V2_MEETING),
              lambda r: _meeting(r).theme_title == "自治体のDX推進について",
              ("全体テーマ      自治体のDX推進について",)),
    Structure("what an item is about", ("municipality", "205419"),
              lambda r: _meeting(r).agenda[1].municipalities == ["205419"],
              ("小布施町", "小布施町における書かない窓口の導入支援", "関連")),
    Structure("a stand-alone Q&A to several presenters", ("meeting", V2_MEETING),
              lambda r: _meeting(r).agenda[3].kind == "qa" and len(_meeting(r).agenda[3].questions[0].to) == 2,
              ("4. 質疑応答  質疑応答", "回答した自治体  戸田市  112241", "回答者          松永 智也",
               "質問2 小規模団体での体制づくりの工夫は。  回答の記録なし")),
    Structure("an unanswered question is not answered", ("meeting", V2_MEETING),
              lambda r: not _meeting(r).agenda[1].questions[1].answers,
              ("質問2 費用はどの程度か。  回答なし（記録による）",)),
    Structure("observers", ("meeting", V2_MEETING),
              lambda r: _meeting(r).attendance.observers.named == ["112232", "192015"],  # type: ignore[union-attr]
              ("傍聴した自治体  蕨市  112232", "甲府市  192015", "人数            5名",
               "田辺 結衣 (たなべ ゆい)  傍聴")),
    Structure("an advisor named without a reading", ("advisor", "aoyagi-shu"),
              lambda r: r.advisors["aoyagi-shu"].kana is None and _meeting(r).people["aoyagi"].kana is None,
              ("青柳 周  よみ不明", "よみ            よみ不明")),
    Structure("a venue in a government building", ("meeting", V2_MEETING),
              lambda r: _meeting(r).venue.municipality == "112241",  # type: ignore[union-attr]
              ("会場            戸田市役所 5階 大会議室", "会場の自治体    戸田市  112241")),
    Structure("the whole country's local governments", ("municipality", "472018"),
              lambda r: len(r.municipalities) == 1963 and "011011" in r.municipalities,
              ("那覇市", "総合通信局      沖縄総合通信事務所")),
]


@pytest.fixture(scope="module")
def v2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_v2_repo(tmp_path_factory.mktemp("v2") / "repo")


def test_the_fixtures_validate(v2: Path) -> None:
    result = load_repository(v2)
    assert [p.format_text() for p in result.problems] == []


def test_the_fixtures_round_trip_through_fmt(v2: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: p.read_bytes() for p in v2.rglob("*.toml")}
    assert main(["--repo", str(v2), "fmt", "--check", "--no-cache"]) == 0, capsys.readouterr().out
    assert main(["--repo", str(v2), "fmt", "--no-cache"]) == 0
    assert {p: p.read_bytes() for p in v2.rglob("*.toml")} == before


@pytest.mark.parametrize("structure", STRUCTURES, ids=[s.name for s in STRUCTURES])
def test_each_structure_is_held_and_shown(structure: Structure, v2: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    records = load_repository(v2).records
    assert structure.holds(records)
    kind, record_id = structure.record
    assert main(["--repo", str(v2), "--lang", "ja", "show", kind, record_id]) == 0
    out = capsys.readouterr().out
    for text in structure.shown:
        assert text in out, text


def test_an_unanswered_question_is_never_listed_as_answered(v2: Path) -> None:
    index = build_index(load_repository(v2).records)
    unanswered = index.by_id[f"{V2_MEETING}/2.2"]
    assert not unanswered.answered and unanswered.answerers == () and unanswered.advisors == ()
    answered = index.by_id[f"{V2_MEETING}/2.1"]  # anonymous, answered by nobody named: the presenter
    assert answered.answered and answered.advisors == ("aoyagi-shu",)
    qa = index.by_id[f"{V2_MEETING}/4.1"]
    assert qa.advisors == ("matsunaga-tomoya",) and qa.answering_municipalities == ("112241",)
    assert not index.by_id[f"{V2_MEETING}/4.2"].answered
    answered_by_aoyagi = [c.id for c in index.consultations if "aoyagi-shu" in c.advisors]
    assert answered_by_aoyagi == [f"{V2_MEETING}/2.1"]


def test_the_presenter_is_not_shown_answering_what_nobody_answered(
        v2: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--repo", str(v2), "--lang", "ja", "show", "advisor", "aoyagi-shu"]) == 0
    out = capsys.readouterr().out
    answered = out.split("回答した相談 (1)")[1].split("\n\n")[0]
    assert "職員の抵抗感をどう減らしたか。" in answered and "費用はどの程度か。" not in out


def test_mentions_follow_the_roles_the_models_declare(v2: Path) -> None:
    index = build_index(load_repository(v2).records)
    roles = {(m.role, m.meeting_id) for m in index.mentions("municipality", "192015")}
    assert roles == {("observer", V2_MEETING)}
    assert {m.role for m in index.mentions("municipality", "112241")} >= {"venue", "answerer"}
    assert {m.role for m in index.mentions("municipality", "205419")} == {"about"}
    assert {m.role for m in index.mentions("advisor", "matsunaga-tomoya")} >= {"presenter", "addressee",
                                                                              "answerer", "person"}
    both = {m.role for m in index.mentions("municipality", "112178")}
    assert "presenter" in both  # a person's posts carry what the person did
