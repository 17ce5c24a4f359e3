"""The cross-reference index: who and what each record is referred to by, across all meetings.

A *consultation* is one question with its answers, wherever it appears (a consultation topic or
a presentation's Q&A). The index flattens all of them so that an advisor, a local government or a
theme lists every consultation, presentation, survey ranking and meeting it appears in.
The terminal UI and `daicho show` both read this index; it never imports Textual.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from schema.models import (
    Answer,
    Consultation,
    Meeting,
    Presentation,
    Records,
    Survey,
)

RecordKind = Literal["meeting", "advisor", "municipality", "theme", "consultation"]


@dataclass(frozen=True, slots=True)
class ConsultationEntry:
    """One question and its answers, located in its meeting."""

    id: str
    """`<meeting-id>/<agenda>.<topic>.<question>`, 1-based: 2022-10-05-kanto-advisor-meeting/5.1.1."""
    meeting_id: str
    date: dt.date
    fiscal_year: int
    agenda_index: int
    topic_index: int
    question_index: int
    source: Literal["consultation", "presentation"]
    theme: str | None
    topic_title: str | None
    question: str
    answers: tuple[Answer, ...]
    askers: tuple[str, ...]
    """People keys of the meeting who asked."""
    answerers: tuple[str, ...]
    """People keys who answered: each answer's `by`, and the topic's respondents."""
    advisors: tuple[str, ...]
    """Advisor ids among the answerers."""
    municipalities: tuple[str, ...]
    """Codes of the local governments that asked (named, or through an asker's link)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One place that refers to a record."""

    meeting_id: str
    role: str
    """What the reference is: person, presenter, speaker, facilitator, answerer, asker, ranked,
    topic, theme, dispatch, leader, affiliation, expertise."""
    where: str = ""
    """The place in the record's words: the meeting's title, the agenda item's or the topic's."""
    agenda_index: int | None = None
    consultation_id: str | None = None
    advisor: str | None = None
    """For an affiliation or an expertise: the advisor whose record names this one (no meeting)."""
    rank: int | None = None
    """For a survey ranking: the rank (equal ranks are ties)."""


@dataclass
class CrossIndex:
    consultations: list[ConsultationEntry] = field(default_factory=list)
    by_id: dict[str, ConsultationEntry] = field(default_factory=dict)
    _mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=lambda: defaultdict(list))

    def mentions(self, kind: RecordKind, record_id: str) -> list[Mention]:
        """Every place in the meetings that refers to the record (advisor, municipality, theme)."""
        return list(self._mentions.get((kind, record_id), ()))

    def meetings_of(self, kind: RecordKind, record_id: str) -> list[str]:
        """Meeting ids the record appears in, in order of first mention (meetings are by date)."""
        return list(dict.fromkeys(m.meeting_id for m in self.mentions(kind, record_id) if m.meeting_id))

    def consultations_of(self, kind: RecordKind, record_id: str) -> list[ConsultationEntry]:
        ids = dict.fromkeys(
            m.consultation_id for m in self.mentions(kind, record_id) if m.consultation_id
        )
        return [self.by_id[i] for i in ids]

    def count(self, kind: RecordKind, record_id: str) -> int:
        return len(self._mentions.get((kind, record_id), ()))

    def add(self, kind: RecordKind, record_id: str, mention: Mention) -> None:
        self._mentions[(kind, record_id)].append(mention)


def build_index(records: Records) -> CrossIndex:
    index = CrossIndex()
    meetings = sorted(records.meetings.values(), key=lambda m: (m.date, m.id))
    for meeting in meetings:
        _index_meeting(index, meeting)
    for advisor_id, advisor in records.advisors.items():
        for affiliation in advisor.affiliations:
            if affiliation.municipality:
                index.add("municipality", affiliation.municipality,
                          Mention("", "affiliation", advisor=advisor_id))
        for theme in advisor.expertise:
            index.add("theme", theme, Mention("", "expertise", advisor=advisor_id))
    return index


def _index_meeting(index: CrossIndex, meeting: Meeting) -> None:
    mid = meeting.id
    advisor_of = {key: p.advisor for key, p in meeting.people.items() if p.advisor}
    municipality_of = {key: p.municipality for key, p in meeting.people.items() if p.municipality}

    def person(key: str, role: str, where: str, agenda: int | None = None,
               consultation: str | None = None) -> None:
        mention = Mention(mid, role, where, agenda, consultation)
        if key in advisor_of:
            index.add("advisor", advisor_of[key], mention)
        if key in municipality_of:
            index.add("municipality", municipality_of[key], mention)

    for key in sorted(meeting.people):
        person(key, "person", meeting.title)
    for theme in meeting.themes:
        index.add("theme", theme, Mention(mid, "theme", meeting.title))
    for key in meeting.leaders:
        person(key, "leader", meeting.title)
    if meeting.dispatch is not None:
        index.add("advisor", meeting.dispatch.advisor, Mention(mid, "dispatch", meeting.title))
        index.add("municipality", meeting.dispatch.municipality,
                  Mention(mid, "dispatch", meeting.title))
    for a, item in enumerate(meeting.agenda):
        for role, keys in _item_people(item):
            for key in keys:
                person(key, role, item.title, a)
        if isinstance(item, Survey):
            for rank in item.ranking:
                if rank.theme:
                    index.add("theme", rank.theme,
                              Mention(mid, "ranked", item.title, a, rank=rank.rank))
        for entry in _consultations(meeting, a, item):
            index.consultations.append(entry)
            index.by_id[entry.id] = entry
            where = entry.topic_title or item.title
            for key in entry.askers:
                person(key, "asker", where, a, entry.id)
            for key in entry.answerers:
                person(key, "answerer", where, a, entry.id)
            for code in entry.municipalities:
                if not any(municipality_of.get(k) == code for k in entry.askers):
                    index.add("municipality", code, Mention(mid, "asker", where, a, entry.id))
            if entry.theme:
                index.add("theme", entry.theme, Mention(mid, "topic", where, a, entry.id))


def _item_people(item: object) -> Iterator[tuple[str, list[str]]]:
    for attribute, role in (("speakers", "speaker"), ("presenters", "presenter"),
                            ("facilitators", "facilitator")):
        keys = getattr(item, attribute, None)
        if keys:
            yield role, keys


def _consultations(meeting: Meeting, a: int, item: object) -> Iterator[ConsultationEntry]:
    if isinstance(item, Consultation):
        for t, topic in enumerate(item.topics):
            answer_keys = [k for answer in topic.answers for k in answer.by]
            answerers = tuple(dict.fromkeys([*topic.respondents, *answer_keys]))
            for q, question in enumerate(topic.questions):
                yield _entry(meeting, a, t, q, "consultation", topic.theme, topic.title,
                             question.text, tuple(topic.answers), tuple(question.by), answerers,
                             tuple(question.municipalities))
    elif isinstance(item, Presentation):
        for q, question in enumerate(item.questions):
            answer_keys = [k for answer in question.answers for k in answer.by]
            answerers = tuple(dict.fromkeys(answer_keys or item.presenters))
            yield _entry(meeting, a, 0, q, "presentation", None, item.title, question.text,
                         tuple(question.answers), tuple(question.by), answerers, ())


def _entry(meeting: Meeting, a: int, t: int, q: int, source: Literal["consultation", "presentation"],
           theme: str | None, topic_title: str | None, question: str,
           answers: tuple[Answer, ...], askers: tuple[str, ...], answerers: tuple[str, ...],
           codes: tuple[str, ...]) -> ConsultationEntry:
    people = meeting.people
    advisors = tuple(dict.fromkeys(
        people[k].advisor for k in answerers if k in people and people[k].advisor
    ))
    asked_by = [people[k].municipality for k in askers if k in people and people[k].municipality]
    municipalities = tuple(dict.fromkeys([*codes, *asked_by]))
    return ConsultationEntry(
        id=f"{meeting.id}/{a + 1}.{t + 1}.{q + 1}", meeting_id=meeting.id, date=meeting.date,
        fiscal_year=meeting.fiscal_year, agenda_index=a, topic_index=t, question_index=q,
        source=source, theme=theme, topic_title=topic_title, question=question, answers=answers,
        askers=askers, answerers=answerers, advisors=advisors,  # type: ignore[arg-type]
        municipalities=municipalities,  # type: ignore[arg-type]
    )
