"""The shipped records: valid, canonical local governments, and every fact of the seed report."""

from __future__ import annotations

import csv

from schema.files.ids import check_digit
from schema.load.loader import load_repository
from schema.models import Bureau, Consultation, Presentation, Survey
from schema.models.prefectures import bureau_of
from tests.helpers import PROJECT, REFERENCE, SEED

MEETING_ID = "2022-10-05-kanto-advisor-meeting"


def _records():
    result = load_repository(PROJECT)
    assert result.problems == [], [p.format_text() for p in result.problems]
    return result.records


def test_shipped_records_validate() -> None:
    records = _records()
    assert len(records.municipalities) == 1963  # 47 prefectures and the 1,916 rows of the list
    assert all(int(code[5]) == check_digit(code[:5]) for code in records.municipalities)


def test_local_governments_are_the_whole_national_list() -> None:
    """Every row of the shipped national list, wards included, with its name and reading."""
    records = _records()
    expected: dict[str, tuple[str, str]] = {}
    with (REFERENCE / "prefjp-utf8.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            expected[row["lgcode"].zfill(6)] = (row["pref"], row["prefkana"])
    with (REFERENCE / "localgovjp-utf8.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            expected[row["lgcode"]] = (row["city"], row["citykana"])
    assert len(expected) == 1963
    actual = {code: (m.name, m.kana) for code, m in records.municipalities.items()}
    assert actual == expected
    kinds = {m.kind.value for m in records.municipalities.values()}
    assert kinds == {"prefecture", "city", "designated-city", "special-ward", "ward", "town", "village"}
    assert records.municipalities["131016"].kind.value == "special-ward"
    assert records.municipalities["111007"].kind.value == "designated-city"
    assert records.municipalities["011011"].kind.value == "ward"  # 札幌市 中央区


def test_every_local_government_has_its_bureau() -> None:
    """Each one's bureau follows from its prefecture, for the ten bureaus and the Okinawa office."""
    records = _records()
    bureaus = {code: bureau_of(code) for code in records.municipalities}
    assert None not in bureaus.values()
    assert set(bureaus.values()) == set(Bureau)
    assert bureaus["112241"] == Bureau.KANTO and bureaus["192015"] == Bureau.KANTO  # 戸田市, 甲府市
    assert bureaus["202011"] == Bureau.SHINETSU and bureaus["472018"] == Bureau.OKINAWA
    assert sum(1 for b in bureaus.values() if b == Bureau.KANTO) == 351 + 44  # and 44 wards


def test_advisors_of_the_seed() -> None:
    advisors = _records().advisors
    assert advisors["saito-rie"].affiliations[0].municipality == "112186"
    assert advisors["oyama-mizuho"].affiliations[0].municipality == "112241"
    assert advisors["okamura-hisakazu"].name == "岡村 久和"
    assert advisors["shimoyama-sayoko"].kana == "しもやま さよこ"


def test_every_fact_of_the_seed_is_recorded() -> None:
    seed = SEED.read_text(encoding="utf-8")
    meeting = _records().meetings[MEETING_ID]
    assert meeting.title in seed
    assert (meeting.date.isoformat(), meeting.fiscal_year, meeting.format.value) == (
        "2022-10-05", 2022, "online")
    assert meeting.published is not None and meeting.published.isoformat() == "2022-11-17"
    assert meeting.attendance is not None
    assert (meeting.attendance.advisors, meeting.attendance.municipalities,
            meeting.attendance.municipal_staff) == (18, 10, 14)
    # every person named, with the title as stated in the report
    for person in meeting.people.values():
        assert person.name in seed, person.name
        assert person.kana is None or person.kana in seed, person.kana
        for part in (person.title or "").split(" "):
            assert part in seed, part
    assert {p.name for p in meeting.people.values()} == {
        "新井 孝雄", "下山 紗代子", "齋藤 理栄", "今村 茜", "岡村 久和", "大山 水帆", "佐藤 美幸"}
    # the survey with its tie at 3位
    [survey] = [i for i in meeting.agenda if isinstance(i, Survey)]
    assert [(r.rank, r.label) for r in survey.ranking] == [
        (1, "行政手続きオンライン化"), (2, "計画策定支援"), (3, "DX人材育成・活用"), (3, "自治体システム標準化")]
    # both presentations
    presentations = [i for i in meeting.agenda if isinstance(i, Presentation)]
    assert [p.title for p in presentations] == ["システム導入とBPR手法によるハイブリッド型の業務改革",
                                                "親子ワーケーションの可能性"]
    assert all(p.summary and p.summary in seed for p in presentations)
    # the consultation: three themes, each question and answer as stated, who answered
    [consultation] = [i for i in meeting.agenda if isinstance(i, Consultation)]
    assert [t.title for t in consultation.topics] == ["計画策定支援", "行政手続きオンライン化", "DX人材育成・活用"]
    texts = [q.text for t in consultation.topics for q in t.questions]
    texts += [a.text for t in consultation.topics for a in t.answers]
    assert len(texts) == 9
    assert all(f"• {text}" in seed for text in texts)
    assert [t.respondents for t in consultation.topics] == [["okamura"], ["oyama"], []]
    assert consultation.facilitators == ["shimoyama"]
    kinds = [i.kind for i in meeting.agenda]
    assert kinds[0] == "opening-remarks" and kinds[-1] == "closing-remarks"
    assert meeting.contact is not None
    assert meeting.contact.phone == "03-6238-1690" and meeting.contact.names == ["大江", "安西"]
    assert meeting.contact.division == "情報通信部情報通信振興課"


def test_long_texts_of_the_meeting_are_quoted_from_the_report() -> None:
    """Record nothing the report does not say: purpose and summary are the report's words."""
    seed = SEED.read_text(encoding="utf-8")
    meeting = _records().meetings[MEETING_ID]
    assert meeting.purpose in seed
    for paragraph in (meeting.summary or "").split("\n"):
        assert paragraph.strip() in seed

