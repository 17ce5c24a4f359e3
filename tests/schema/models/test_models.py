"""Every model, valid and invalid."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from schema.models import (
    Advisor,
    AdvisorsFile,
    Consultation,
    Discussion,
    Meeting,
    MunicipalitiesFile,
    Municipality,
    Presentation,
    Survey,
    Theme,
    ThemesFile,
)

MEETING = {
    "id": "2023-06-01-saitama-dispatch",
    "title": "アドバイザー派遣",
    "kind": "dispatch",
    "bureau": "kanto",
    "date": dt.date(2023, 6, 1),
    "fiscal_year": 2023,
    "format": "in-person",
    "venue": {"name": "戸田市役所 5階会議室", "municipality": "112241"},
    "dispatch": {"advisor": "oyama-mizuho", "municipality": "112241"},
}


def test_theme() -> None:
    assert Theme(label="計画策定支援", label_en="Planning").description is None
    with pytest.raises(ValidationError):
        Theme(label="", label_en="x")
    with pytest.raises(ValidationError):
        Theme.model_validate({"label": "a", "label_en": "b", "colour": "red"})


def test_municipality_kinds() -> None:
    assert Municipality(name="戸田市", kana="とだし", kind="city").kind == "city"
    with pytest.raises(ValidationError):
        Municipality(name="戸田市", kana="とだし", kind="metropolis")
    with pytest.raises(ValidationError):
        Municipality(name="戸田市", kana="とだし", kind="city", url="ftp://x")


def test_files_keys() -> None:
    MunicipalitiesFile.model_validate({"municipalities": {"112241": {"name": "戸田市", "kana": "とだし",
                                                                      "kind": "city"}}})
    with pytest.raises(ValidationError):
        MunicipalitiesFile.model_validate({"municipalities": {"11224": {"name": "x", "kana": "x",
                                                                         "kind": "city"}}})
    with pytest.raises(ValidationError):
        ThemesFile.model_validate({"themes": {"Planning": {"label": "x", "label_en": "x"}}})
    with pytest.raises(ValidationError):
        AdvisorsFile.model_validate({"advisors": {}, "extra": 1})


def test_advisor() -> None:
    a = Advisor.model_validate({
        "name": "大山 水帆", "kana": "おおやま みずほ",
        "affiliations": [{"organization": "戸田市", "title": "CDO", "municipality": "112241"}],
        "expertise": ["online-procedures"], "bureaus": ["kanto"], "fiscal_years": [2022, 2023],
    })
    assert a.affiliations[0].municipality == "112241"
    for bad in ({"bureaus": ["kantou"]}, {"fiscal_years": [22]}, {"expertise": ["Online"]},
                {"affiliations": [{"title": "x"}]}):
        with pytest.raises(ValidationError):
            Advisor.model_validate({"name": "x", "kana": "x", **bad})


def test_dispatch_meeting_in_person() -> None:
    m = Meeting.model_validate(MEETING)
    assert m.dispatch is not None and m.dispatch.municipality == "112241"
    assert m.venue is not None and m.venue.name == "戸田市役所 5階会議室"
    assert m.venue.municipality == "112241"


def test_meeting_rejects_bad_values() -> None:
    for bad in ({"format": "zoom"}, {"date": "2023-02-30"}, {"id": "saitama"}, {"kind": "party"},
                {"attendance": {"advisors": -1}}, {"people": {"Bad Key": {"name": "x", "role": "guest"}}},
                {"unknown": 1}):
        with pytest.raises(ValidationError):
            Meeting.model_validate({**MEETING, **bad})


def test_meeting_with_parts_observers_and_every_agenda_kind() -> None:
    m = Meeting.model_validate({
        **MEETING, "kind": "study-session", "format": "hybrid", "dispatch": None,
        "end_date": dt.date(2023, 6, 2), "leaders": ["a"],
        "attendance": {"advisors": 30, "observers": {"people": 12, "municipalities": 3,
                                                     "named": ["112241"]}, "municipal_staff": 40},
        "parts": {"part1": {"title": "第1部 施策説明", "start_time": dt.time(13, 30)},
                  "part2": {"title": "第2部 意見交換", "audience": "アドバイザーのみ"}},
        "people": {"a": {"name": "甲", "role": "advisor", "advisor": "oyama-mizuho"},
                   "b": {"name": "乙", "role": "official", "title": "情報流通振興課長"}},
        "agenda": [
            {"kind": "opening-remarks", "title": "開会", "part": "part1", "speakers": ["b"]},
            {"kind": "briefing", "title": "施策説明", "part": "part1", "division": "地域通信振興課",
             "speakers": ["b"], "materials": [{"title": "資料1", "url": "https://example.jp/1.pdf"}]},
            {"kind": "self-introductions", "title": "自己紹介", "speakers": ["a"]},
            {"kind": "activity-report", "title": "活動報告", "speakers": ["a"]},
            {"kind": "presentation", "title": "発表", "part": "part2", "presenters": ["a"],
             "questions": [{"text": "匿名の質問", "anonymous": True, "via": "Slido",
                            "answers": [{"text": "回答", "by": ["a"]}]}]},
            {"kind": "survey", "title": "アンケート", "ranking": [
                {"rank": 1, "label": "A"}, {"rank": 2, "label": "B"}, {"rank": 2, "label": "C"}]},
            {"kind": "consultation", "title": "相談会", "facilitators": ["a"], "topics": [
                {"theme": "dx-talent", "questions": [{"text": "Q", "municipalities": ["112241"]}],
                 "answers": [{"text": "A", "by": ["a"]}]}]},
            {"kind": "discussion", "title": "意見交換", "opinions": [{"text": "意見"},
                                                                 {"text": "意見2", "by": ["b"]}]},
            {"kind": "other", "title": "写真撮影"},
            {"kind": "closing-remarks", "title": "閉会"},
        ],
    })
    kinds = [item.kind for item in m.agenda]
    assert kinds[0] == "opening-remarks" and kinds[-1] == "closing-remarks"
    assert isinstance(m.agenda[4], Presentation) and m.agenda[4].questions[0].anonymous
    assert isinstance(m.agenda[5], Survey) and [r.rank for r in m.agenda[5].ranking] == [1, 2, 2]
    assert isinstance(m.agenda[6], Consultation)
    assert isinstance(m.agenda[7], Discussion) and m.agenda[7].opinions[0].by == []
    assert m.attendance is not None and m.attendance.observers is not None
    assert m.attendance.observers.people == 12 and m.attendance.observers.named == ["112241"]
    assert m.parts["part2"].audience == "アドバイザーのみ"


def test_agenda_item_fields_belong_to_their_kind() -> None:
    with pytest.raises(ValidationError):  # ranking belongs to surveys, not presentations
        Meeting.model_validate({**MEETING, "agenda": [
            {"kind": "presentation", "title": "x", "ranking": []}]})
    with pytest.raises(ValidationError):
        Meeting.model_validate({**MEETING, "agenda": [{"kind": "lunch", "title": "x"}]})
    with pytest.raises(ValidationError):
        Meeting.model_validate({**MEETING, "agenda": [{"kind": "survey", "title": "x",
                                                       "ranking": [{"rank": 0, "label": "x"}]}]})


def test_text_has_a_maximum_length_that_no_real_record_reaches() -> None:
    """Issue 19, item 6: the longest real text (the seed meeting's summary, 124 characters; the
    whole seed report is 2,584) is far below the limits; one character more than a limit is E207."""
    from schema.load.errors import validation_problems
    from schema.models.common import MAX_PROSE, MAX_TEXT, MAX_URL

    assert (MAX_TEXT, MAX_PROSE, MAX_URL) == (1_000, 10_000, 2_048)
    Theme(label="あ" * MAX_TEXT, label_en="x", kana="あ", description="い" * MAX_PROSE)
    for fields in ({"label": "あ" * (MAX_TEXT + 1)}, {"description": "い" * (MAX_PROSE + 1)}):
        with pytest.raises(ValidationError) as raised:
            Theme(**{"label": "x", "label_en": "x", "kana": "あ", **fields})
        (problem,) = validation_problems("themes.toml", lambda _: (1, 1), raised.value, Theme)
        assert problem.code == "E207"
        limit = MAX_TEXT if "label" in fields else MAX_PROSE
        field = next(iter(fields))
        assert problem.message == f"{field} is {limit + 1:,} characters long; at most {limit:,} are allowed"
