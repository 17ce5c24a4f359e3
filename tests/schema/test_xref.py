"""The cross-reference index over the shipped records."""

from __future__ import annotations

from pathlib import Path

from schema.loader import load_repository
from schema.xref import build_index
from tests.helpers import SEED_MEETING

MEETING_ID = "2022-10-05-kanto-advisor-meeting"


def _index(repo: Path):
    records = load_repository(repo).records
    return records, build_index(records)


def test_consultations_are_flattened(repo: Path) -> None:
    _, index = _index(repo)
    assert [c.id for c in index.consultations] == [f"{MEETING_ID}/5.1.1", f"{MEETING_ID}/5.2.1",
                                                   f"{MEETING_ID}/5.3.1"]
    first = index.by_id[f"{MEETING_ID}/5.1.1"]
    assert first.theme == "planning-support" and first.advisors == ("okamura-hisakazu",)
    assert len(first.answers) == 2 and first.fiscal_year == 2022


def test_advisor_mentions(repo: Path) -> None:
    _, index = _index(repo)
    assert index.meetings_of("advisor", "okamura-hisakazu") == [MEETING_ID]
    assert [c.id for c in index.consultations_of("advisor", "okamura-hisakazu")] == [
        f"{MEETING_ID}/5.1.1"]
    roles = {m.role for m in index.mentions("advisor", "shimoyama-sayoko")}
    assert {"presenter", "facilitator", "person"} <= roles
    assert index.consultations_of("advisor", "saito-rie") == []


def test_municipality_and_theme_mentions(repo: Path) -> None:
    _, index = _index(repo)
    toda = index.mentions("municipality", "112241")
    assert any(m.role == "affiliation" and m.advisor == "oyama-mizuho" for m in toda)
    assert index.meetings_of("municipality", "112241") == [MEETING_ID]
    theme = index.mentions("theme", "system-standardization")
    assert [m.role for m in theme] == ["ranked"]
    assert (theme[0].where, theme[0].rank) == ("地方公共団体向け事前アンケート結果紹介", 3)
    experts = [m.advisor for m in index.mentions("theme", "online-procedures") if m.role == "expertise"]
    assert sorted(experts) == ["oyama-mizuho", "saito-rie"]


def test_named_askers_and_anonymous_questions(repo: Path) -> None:
    path = repo / SEED_MEETING
    text = path.read_text(encoding="utf-8")
    text = text.replace('''[[agenda.materials]]
title = "発表資料"
format = "PDF"

[[agenda]]
kind = "consultation"''', '''[[agenda.materials]]
title = "発表資料"
format = "PDF"

[[agenda.questions]]
text = "匿名の質問"
anonymous = true
via = "Slido"

[[agenda.questions.answers]]
text = "回答"
by = [
    "imamura",
]

[[agenda]]
kind = "consultation"''')
    text = text.replace('''[[agenda.topics.questions]]
text = "業務が''', '''[[agenda.topics.questions]]
municipalities = [
    "112186",
]
text = "業務が''')
    path.write_text(text, encoding="utf-8")
    _, index = _index(repo)
    assert load_repository(repo).problems == []
    presentation_qs = [c for c in index.consultations if c.source == "presentation"]
    assert len(presentation_qs) == 1 and presentation_qs[0].answerers == ("imamura",)
    fukaya = index.consultations_of("municipality", "112186")
    assert [c.id for c in fukaya] == [f"{MEETING_ID}/5.2.1"]
