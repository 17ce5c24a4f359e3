"""The cross-reference index over the shipped records."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from schema.load.loader import load_repository
from schema.models import Meeting, Records
from schema.read.xref import CrossIndex, build_index
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


# -- a save updates the index in place -------------------------------------------------------------


def _state(index: CrossIndex) -> tuple[object, ...]:
    """What a reader of the index can see: consultations in order, by id, and every record's
    mentions in order."""
    mentions = {key: value for key, value in index._mentions.items() if value}
    return [e.id for e in index.consultations], index.consultations, index.by_id, mentions


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Records:
    from bench.generate import generate

    out = tmp_path_factory.mktemp("synthetic") / "repo"
    generate(out, meetings=60, advisors=40)
    return load_repository(out).records


def _changed(records: Records, edits: dict[str, Meeting | None]) -> Records:
    meetings = {mid: m for mid, m in records.meetings.items() if mid not in edits}
    meetings.update({m.id: m for m in edits.values() if m is not None})
    return dataclasses.replace(records, meetings=meetings)


def test_replacing_meetings_gives_the_index_built_afresh(synthetic: Records) -> None:
    ids = list(synthetic.meetings)
    first, middle, last = (synthetic.meetings[ids[n]] for n in (0, len(ids) // 2, -1))
    advisor = next(iter(synthetic.advisors))
    moved = middle.model_copy(update={"date": first.date})  # the same id, now first in the order
    renamed = last.model_copy(update={"id": "2099-01-01-new-meeting", "date": dt.date(2099, 1, 1)})
    people = {key: p.model_copy(update={"advisor": advisor}) if p.advisor else p
              for key, p in first.people.items()}
    readvised = first.model_copy(update={"people": people})
    cases: list[dict[str, Meeting | None]] = [
        {middle.id: moved},
        {first.id: readvised},
        {last.id: None},
        {last.id: None, renamed.id: renamed},
        {first.id: None, middle.id: None, ids[1]: moved.model_copy(update={"id": ids[1]})},
    ]
    for edits in cases:
        after = _changed(synthetic, edits)
        index = build_index(synthetic)
        index.replace_meetings([mid for mid in edits if mid in synthetic.meetings],
                               [m for m in edits.values() if m is not None])
        assert _state(index) == _state(build_index(after)), edits.keys()
    assert _state(build_index(synthetic)) != _state(build_index(_changed(synthetic, cases[0])))


def test_consultations_only_index_has_every_consultation_and_no_mention(synthetic: Records) -> None:
    """Export and report index the consultations only: the same entries, in the same order, as the
    whole index has."""
    whole = build_index(synthetic)
    only = build_index(synthetic, mentions=False)
    assert len(only.consultations) > 100
    assert only.consultations == whole.consultations
    assert only.by_id == whole.by_id
    assert not any(only._mentions.values()) and any(whole._mentions.values())
