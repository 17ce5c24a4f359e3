"""The cross-reference index: who and what each record is referred to by, across all meetings.

A *consultation* is one question with its answers, wherever it appears (a consultation topic, a
presentation's or a briefing's questions, a stand-alone Q&A). The index flattens all of them so that
an advisor, a local government or a theme lists every consultation, presentation, survey ranking
and meeting it appears in. A question without answers is a consultation that was not answered:
nobody is listed as having answered it.

Which fields name which records, in what role, is declared on the models (schema.models.refs) and
read through schema.models.walk. The terminal UI and `daicho show` both read this index; it never imports
Textual.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from schema.files.locate import KeyPath
from schema.models import Advisor, Answer, Meeting, Person, Question, Rank, Records, Role, Target, Topic
from schema.models.walk import own_references, plan, records

RecordKind = Literal["meeting", "advisor", "municipality", "theme", "consultation"]

_INDEXED: dict[Target, RecordKind] = {
    Target.ADVISOR: "advisor",
    Target.MUNICIPALITY: "municipality",
    Target.THEME: "theme",
}


@dataclass(frozen=True, slots=True)
class ConsultationEntry:
    """One question and its answers, located in its meeting."""

    id: str
    """`<meeting-id>/<positions>`, the question's positions in the agenda counted from 1:
    2022-10-05-kanto-advisor-meeting/5.1.1 is agenda item 5, topic 1, question 1; …/3.2 is item 3's
    second question."""
    meeting_id: str
    date: dt.date
    fiscal_year: int
    agenda_index: int
    """0-based index of the agenda item."""
    keypath: KeyPath
    """Where the question is in the meeting file."""
    source: str
    """The kind of agenda item it was asked in (consultation, presentation, qa, …)."""
    theme: str | None
    """The theme of the topic it was asked under."""
    topic_title: str | None
    """The topic's heading, else the agenda item's title."""
    question: str
    answers: tuple[Answer, ...]
    """Its own answers, then the answers its topic gave to all its questions."""
    askers: tuple[str, ...]
    """People keys of the meeting who asked."""
    answerers: tuple[str, ...]
    """People keys who answered (each answer's `by`, the topic's respondents, and for an answer that
    names nobody the item's default answerers, a presentation's presenters). Empty when unanswered."""
    advisors: tuple[str, ...]
    """Advisor ids among the answerers."""
    municipalities: tuple[str, ...]
    """Codes of the local governments that asked (named, or through an asker's posts)."""
    answering_municipalities: tuple[str, ...]
    """Codes of the local governments that answered."""

    @property
    def answered(self) -> bool:
        return bool(self.answers)

    @property
    def keypath_order(self) -> tuple[int, ...]:
        """The question's positions in the meeting, for sorting in document order."""
        return tuple(part for part in self.keypath if isinstance(part, int))


@dataclass(slots=True)
class Mention:
    """One place that refers to a record. Never changed once made (not frozen only because a
    nationwide repository makes about 100,000 of them, and a frozen dataclass costs three times as
    much to make)."""

    meeting_id: str
    role: str
    """What the record was there: a `schema.models.Role` value (presenter, answerer, ranked…)."""
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
    """Every consultation, by meeting (date, id) then in document order."""
    by_id: dict[str, ConsultationEntry] = field(default_factory=dict)
    _mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=lambda: defaultdict(list))
    """(kind, id) → its mentions: the meetings' in meeting order, then the advisors' records'."""
    _order: dict[str, tuple[dt.date, str]] = field(default_factory=dict)
    """Meeting id → its place in the meeting order."""
    _keys: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    """Meeting id → the (kind, id) keys its mentions are filed under ("" → the advisors' own)."""

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
        self._keys.setdefault(mention.meeting_id, set()).add((kind, record_id))

    def replace_meetings(self, removed: Iterable[str], added: Iterable[Meeting]) -> None:
        """The index as `build_index` would make it after meetings `removed` left the records and
        `added` came in (a save wrote their files): only their entries and the lists of the
        records they name are touched, so a save of one meeting does not index them all again."""
        gone = set(removed)
        new = sorted(added, key=lambda m: (m.date, m.id))
        gone.update(m.id for m in new)
        touched: set[tuple[str, str]] = set()
        for meeting_id in gone:
            touched |= self._keys.pop(meeting_id, set())
            self._order.pop(meeting_id, None)
        for key in touched:
            kept = [m for m in self._mentions[key] if m.meeting_id not in gone]
            self._mentions[key] = kept
        entries = [e for e in self.consultations if e.meeting_id not in gone]
        self.consultations = []
        for meeting in new:
            _MeetingIndexer(self, meeting).run()
            touched |= self._keys.get(meeting.id, set())
        entries += self.consultations
        order = self._order
        self.consultations = sorted(entries, key=lambda e: order[e.meeting_id])  # stable: document order kept
        self.by_id = {entry.id: entry for entry in self.consultations}
        for key in touched:
            mentions = self._mentions[key]
            mentions.sort(key=lambda m: (not m.meeting_id, order.get(m.meeting_id, _LAST)))
            if not mentions:
                del self._mentions[key]


    def replace_advisors(self, advisors: Mapping[str, Advisor]) -> None:
        """The mentions made by the advisors' own records (affiliations, expertise) made again
        from `advisors` (a save wrote advisors.toml)."""
        for key in self._keys.pop("", set()):
            mentions = [m for m in self._mentions[key] if m.meeting_id]
            if mentions:
                self._mentions[key] = mentions
            else:
                del self._mentions[key]
        _add_advisors(self, advisors)


_LAST = (dt.date.max, "")


def build_index(records_: Records, mentions: bool = True) -> CrossIndex:
    """The index of the records' meetings (and of the advisors' own references); with `mentions`
    False, the consultations only — for readers of nothing else (export, report), at about half
    the cost."""
    index = CrossIndex()
    meetings = sorted(records_.meetings.values(), key=lambda m: (m.date, m.id))
    for meeting in meetings:
        _MeetingIndexer(index, meeting).run(mentions)
    if mentions:
        _add_advisors(index, records_.advisors)
    return index


def _add_advisors(index: CrossIndex, advisors: Mapping[str, Advisor]) -> None:
    """The mentions of the advisors' own records, after every meeting's."""
    for advisor_id, advisor in advisors.items():
        for keypath, record in records(advisor):
            for ref in own_references(record, keypath):
                kind = _INDEXED.get(ref.refers.target)
                if kind is not None:
                    index.add(kind, ref.value, Mention("", ref.refers.role.value, advisor=advisor_id))


def consultation_id(meeting_id: str, keypath: KeyPath) -> str:
    """The id of the question at `keypath` in a meeting: its positions counted from 1."""
    return f"{meeting_id}/" + ".".join(str(part + 1) for part in keypath if isinstance(part, int))


def _is_question_group(record: BaseModel) -> bool:
    """A record whose answers and respondents answer each of its questions (a consultation topic)."""
    return isinstance(record, Topic)


@dataclass(slots=True)
class _Place:
    """A record of a meeting and what surrounds it."""

    keypath: KeyPath
    record: BaseModel
    group: tuple[KeyPath, BaseModel] | None
    """The question group (a consultation topic) the record is inside, with its key path."""
    anchor: tuple[KeyPath, bool] | None
    """The nearest question (True) or question group (False) the record is inside."""
    where: tuple[str, int | None]
    """The words of the nearest titled record around it (itself included), and its agenda index."""


def _own_place(keypath: KeyPath, record: BaseModel, inherited: tuple[str, int | None]) -> tuple[str, int | None]:
    """A record's place: its own title where it is a titled topic or an agenda item, else the place
    of the record it is in."""
    agenda = keypath[1] if len(keypath) > 1 and keypath[0] == "agenda" and isinstance(keypath[1], int) else None
    if len(keypath) >= 2 and isinstance(record, Topic) and record.title:
        return record.title, agenda
    if len(keypath) == 2 and agenda is not None:
        return str(getattr(record, "title", "")), agenda
    return inherited


_CONSULTATION_ROLES = frozenset({Role.ASKER, Role.ANSWERER, Role.RESPONDENT})


class _MeetingIndexer:
    """Indexes one meeting: its consultations, then every reference as a mention."""

    def __init__(self, index: CrossIndex, meeting: Meeting) -> None:
        self.index = index
        self.meeting = meeting
        self.people = meeting.people
        self._ids: dict[KeyPath, str] = {}

    def _id(self, keypath: KeyPath) -> str:
        """The consultation id of the question at `keypath` (one string per question)."""
        found = self._ids.get(keypath)
        if found is None:
            found = self._ids[keypath] = consultation_id(self.meeting.id, keypath)
        return found

    def run(self, mentions: bool = True) -> None:
        meeting = self.meeting
        self.index._order[meeting.id] = (meeting.date, meeting.id)
        walked = self._walk()
        questions_of: dict[KeyPath, list[str]] = defaultdict(list)
        """A question group's key path → the ids of its questions."""
        for place in walked:
            if isinstance(place.record, Question):
                entry = self._entry(place)
                self.index.consultations.append(entry)
                self.index.by_id[entry.id] = entry
                if place.group is not None:
                    questions_of[place.group[0]].append(entry.id)
                if mentions:
                    self._consultation_mentions(entry)
        if not mentions:
            return
        mid = meeting.id
        for place in walked:
            record = place.record
            named = [(ref_field, value) for ref_field in plan(type(record)).refs
                     if (value := getattr(record, ref_field.name))]
            if not named:  # most records name nothing
                continue
            cids = self._consultations_at(place, questions_of)
            where, agenda = place.where
            rank = record.rank if isinstance(record, Rank) else None
            person = isinstance(record, Person)
            for ref_field, value in named:
                role = Role.PERSON if person else ref_field.refers.role
                if role in _CONSULTATION_ROLES and cids != [None]:
                    continue  # consultation mentions come from the entries
                target, role_value = ref_field.refers.target, role.value
                for item in (value if ref_field.many else (value,)):
                    for cid in cids:
                        self._mention(target, item, Mention(mid, role_value, where, agenda, cid, rank=rank))

    # -- places ----------------------------------------------------------------------------

    def _walk(self) -> list[_Place]:
        """Every record of the meeting in document order (as schema.models.walk.records gives them), each
        with what surrounds it, found on the way down rather than looked up for each record."""
        meeting = self.meeting
        out: list[_Place] = []
        stack: list[_Place] = [_Place((), meeting, None, None, (meeting.title, None))]
        while stack:
            place = stack.pop()
            out.append(place)
            keypath, record = place.keypath, place.record
            # What the records inside this one inherit from it.
            group, anchor = place.group, place.anchor
            if isinstance(record, Question):
                anchor = (keypath, True)
            elif _is_question_group(record):
                anchor = (keypath, False)
                group = (keypath, record)
            found: list[_Place] = []
            for name, shape in plan(type(record)).children:
                value = getattr(record, name)
                if value is None:
                    continue
                if shape == "one":
                    pairs: Iterable[tuple[KeyPath, BaseModel]] = (((*keypath, name), value),)
                elif shape == "list":
                    pairs = (((*keypath, name, i), child) for i, child in enumerate(value))
                else:
                    pairs = (((*keypath, name, key), child) for key, child in value.items())
                for child_path, child in pairs:
                    found.append(_Place(child_path, child, group, anchor,
                                        _own_place(child_path, child, place.where)))
            stack.extend(reversed(found))
        return out

    def _consultations_at(self, place: _Place, questions_of: dict[KeyPath, list[str]]) -> list[str | None]:
        """The consultations a reference in `place` belongs to: its question's, or, in a
        question group outside its questions, every question of the group; else [None]."""
        record, keypath = place.record, place.keypath
        if isinstance(record, Question):
            return [self._id(keypath)]
        if _is_question_group(record):
            return list(questions_of.get(keypath, [])) or [None]
        if place.anchor is None:
            return [None]
        path, is_question = place.anchor
        if is_question:
            return [self._id(path)]
        return list(questions_of.get(path, [])) or [None]

    # -- consultations -----------------------------------------------------------------------

    def _entry(self, place: _Place) -> ConsultationEntry:
        meeting, people = self.meeting, self.people
        keypath, question = place.keypath, place.record
        assert isinstance(question, Question)
        agenda_index = keypath[1] if isinstance(keypath[1], int) else 0
        item = meeting.agenda[agenda_index]
        group = place.group[1] if place.group is not None else None
        topic = group if isinstance(group, Topic) else None
        answers = [*question.answers, *(topic.answers if topic else ())]
        answerers = [key for answer in answers for key in answer.by]
        if topic is not None and answers:
            answerers += topic.respondents
        attributed = any(answer.by or answer.municipalities for answer in answers)
        default = type(item).DEFAULT_ANSWERERS
        if answers and not attributed and not answerers and default:
            answerers += getattr(item, default)
        answerer_keys = tuple(dict.fromkeys(answerers))
        advisors = tuple(dict.fromkeys(
            advisor for key in answerer_keys if (advisor := _advisor_of(people, key)) is not None))
        asked_by = [code for key in question.by if key in people for code in people[key].municipalities]
        return ConsultationEntry(
            id=self._id(keypath), meeting_id=meeting.id, date=meeting.date,
            fiscal_year=meeting.fiscal_year, agenda_index=agenda_index, keypath=keypath,
            source=item.kind, theme=topic.theme if topic else None,
            topic_title=(topic.title if topic else None) or (None if topic and topic.theme else item.title),
            question=question.text, answers=tuple(answers), askers=tuple(question.by),
            answerers=answerer_keys, advisors=advisors,
            municipalities=tuple(dict.fromkeys([*question.municipalities, *asked_by])),
            answering_municipalities=tuple(dict.fromkeys(
                code for answer in answers for code in answer.municipalities)),
        )

    def _consultation_mentions(self, entry: ConsultationEntry) -> None:
        mid = self.meeting.id
        where = entry.topic_title or self.meeting.agenda[entry.agenda_index].title
        for key in entry.askers:
            self._person(key, Mention(mid, Role.ASKER.value, where, entry.agenda_index, entry.id))
        for code in entry.municipalities:
            self.index.add("municipality", code,
                           Mention(mid, Role.ASKER.value, where, entry.agenda_index, entry.id))
        for key in entry.answerers:
            self._person(key, Mention(mid, Role.ANSWERER.value, where, entry.agenda_index, entry.id))
        for code in entry.answering_municipalities:
            self.index.add("municipality", code,
                           Mention(mid, Role.ANSWERER.value, where, entry.agenda_index, entry.id))

    # -- mentions ----------------------------------------------------------------------------

    def _mention(self, target: Target, value: str, mention: Mention) -> None:
        if target == Target.PERSON:
            self._person(value, mention)
            return
        kind = _INDEXED.get(target)
        if kind is not None:
            self.index.add(kind, value, mention)

    def _person(self, key: str, mention: Mention) -> None:
        """A mention of a person of the meeting goes to the advisor they are and to the local
        governments they hold posts at."""
        person = self.people.get(key)
        if person is None:
            return
        if person.advisor:
            self.index.add("advisor", person.advisor, mention)
        for code in dict.fromkeys(person.municipalities):
            self.index.add("municipality", code, mention)


def _advisor_of(people: dict[str, Person], key: str) -> str | None:
    person = people.get(key)
    return person.advisor if person is not None else None


def iter_questions(meeting: Meeting) -> Iterator[tuple[KeyPath, Question]]:
    """Every question of a meeting with its key path, in document order."""
    for keypath, record in records(meeting):
        if isinstance(record, Question):
            yield keypath, record

