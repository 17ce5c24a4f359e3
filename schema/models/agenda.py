"""The agenda of a meeting: an ordered list of items, one model per kind of item.

Items refer to people by their key in the meeting's `[people]` table, never by name, so that a
person's name and title are written once, as stated in the record. Which fields name people (and
as what), local governments, themes and parts is declared on each field's type (schema.models.refs).

A *question* (`Question`) is the unit of consultation wherever it appears: under a consultation's
topic (whose answers it shares), after a presentation or a briefing, or in a stand-alone Q&A.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import Field

from schema.models.common import Bool, Count, Int, PersonRole, Prose, Record, Text, Time, Url, empty_list
from schema.models.refs import (
    AboutCodes,
    AboutThemes,
    AddresseeKeys,
    AnswererCodes,
    AnswererKeys,
    AskerCodes,
    AskerKeys,
    FacilitatorKeys,
    OpinionCodes,
    OpinionKeys,
    PartKey,
    PresenterKeys,
    RankedTheme,
    RespondentKeys,
    SpeakerKeys,
    TopicTheme,
)


class Material(Record):
    """A document handed out or published with the record (a PDF, a slide deck)."""

    HEADLINE: ClassVar[str | None] = "title"

    title: Text
    """The document's title as published (発表資料, 出席者一覧)."""
    url: Url | None = None
    """Where the document is published."""
    format: Text | None = None
    """The file format as stated (PDF)."""
    note: Prose | None = None
    """Free text: anything the other fields do not hold."""


class UnnamedRole(StrEnum):
    """Roles that a record may fill with people it does not name."""

    LEADERS = "leaders"
    SPEAKERS = "speakers"
    PRESENTERS = "presenters"
    FACILITATORS = "facilitators"
    RESPONDENTS = "respondents"
    ADDRESSEES = "addressees"


class Unnamed(Record):
    """People in a role whom the record does not name: 「アドバイザー3名が進行」."""

    HEADLINE: ClassVar[str | None] = "description"

    role: UnnamedRole
    """The role they filled: the name of the field that would list them if they were named."""
    description: Text
    """Who they were, as the record says (アドバイザー3名)."""
    count: Count | None = None
    """How many, where the record says."""
    person_role: PersonRole | None = None
    """What they were at the meeting, where known: the report thanks all but officials
    (いただきました)."""
    note: Prose | None = None
    """Free text."""


class Answer(Record):
    """An answer to a question: by people, by local governments, or unattributed (both empty)."""

    HEADLINE: ClassVar[str | None] = "text"

    text: Prose
    """The answer as recorded."""
    by: AnswererKeys = Field(default_factory=empty_list)
    """People (meeting keys) who gave this answer, where the record says."""
    municipalities: AnswererCodes = Field(default_factory=empty_list)
    """Local governments that answered (a city explaining its own practice), where the record says."""
    note: Prose | None = None
    """Free text."""


class Question(Record):
    """A question with its answers: one consultation.

    Under a consultation topic, the topic's answers (and respondents) answer each of its
    questions too. A question asked anonymously (through an online Q&A tool) names nobody as
    asking it."""

    HEADLINE: ClassVar[str | None] = "text"

    text: Prose
    """The question as recorded."""
    by: AskerKeys = Field(default_factory=empty_list)
    """People (meeting keys) who asked, where the record names them."""
    municipalities: AskerCodes = Field(default_factory=empty_list)
    """Local governments that asked, where the record says."""
    anonymous: Bool = False
    """Asked anonymously (then nobody is named as asking)."""
    via: Text | None = None
    """How it was asked, as stated (Slido, チャット, 事前質問)."""
    to: AddresseeKeys = Field(default_factory=empty_list)
    """People (meeting keys) the question was put to, where several could have answered."""
    answers: list[Answer] = Field(default_factory=empty_list)
    """The answers given to this question, where the record gives them."""
    unanswered: Bool = False
    """The record says the question was not answered (時間切れ); leave false where an answer is only
    not recorded. The report then says so."""
    note: Prose | None = None
    """Free text."""


class Topic(Record):
    """One theme of a consultation: the questions asked under it and the answers given."""

    HEADLINE: ClassVar[str | None] = "title"

    theme: TopicTheme | None = None
    """The theme (id) the topic is about."""
    title: Text | None = None
    """The heading as stated in the record."""
    respondents: RespondentKeys = Field(default_factory=empty_list)
    """People (meeting keys) named as answering under this theme, where answers are not
    attributed one by one."""
    questions: list[Question] = Field(default_factory=empty_list)
    """The questions asked under the topic."""
    answers: list[Answer] = Field(default_factory=empty_list)
    """Answers given under the topic as a whole: each answers every question of the topic."""
    municipalities: AboutCodes = Field(default_factory=empty_list)
    """Local governments the topic concerns."""
    unnamed: list[Unnamed] = Field(default_factory=empty_list)
    """Respondents the record does not name (role "respondents")."""
    note: Prose | None = None
    """Free text."""


class Rank(Record):
    """One line of a survey ranking; equal ranks are ties (two themes at 3位)."""

    HEADLINE: ClassVar[str | None] = "label"

    rank: Annotated[Int, Field(ge=1, le=10_000)]
    """The rank (1 is first); two lines with the same rank are tied."""
    label: Text
    """The item as stated in the record."""
    theme: RankedTheme | None = None
    """The theme (id) the item is."""
    votes: Count | None = None
    """How many chose it, where the record says."""
    note: Prose | None = None
    """Free text."""


class Opinion(Record):
    """One opinion given in a discussion."""

    HEADLINE: ClassVar[str | None] = "text"

    text: Prose
    """The opinion as recorded."""
    by: OpinionKeys = Field(default_factory=empty_list)
    """People (meeting keys) who gave it; empty where the record does not attribute it."""
    municipalities: OpinionCodes = Field(default_factory=empty_list)
    """Local governments that gave it, where the record says."""
    note: Prose | None = None
    """Free text."""


class _Item(Record):
    """What every agenda item has."""

    HEADLINE: ClassVar[str | None] = "title"
    DEFAULT_ANSWERERS: ClassVar[str | None] = None
    """The field whose people answered the item's questions where an answer names nobody (a
    presentation's questions are answered by its presenters); None: unattributed stays so."""

    kind: str
    """Which kind of item this is; each subclass narrows it to its own names (written first)."""
    title: Text
    """The item's title as stated (開会挨拶, the title of a talk); a talk without a title of its
    own is titled by its kind (発表)."""
    part: PartKey | None = None
    """The part of the meeting (a key of `[parts]`) the item belongs to."""
    heading: Text | None = None
    """The section heading of the report the item is under, as stated (支援成果等紹介); not a part."""
    start_time: Time | None = None
    """When the item started, where the record says."""
    end_time: Time | None = None
    """When the item ended, where the record says."""
    summary: Prose | None = None
    """What was said or done, as the record summarises it."""
    facilitators: FacilitatorKeys = Field(default_factory=empty_list)
    """People (meeting keys) who chaired or facilitated the item."""
    themes: AboutThemes = Field(default_factory=empty_list)
    """Themes (ids) the item is about."""
    municipalities: AboutCodes = Field(default_factory=empty_list)
    """Local governments the item concerns (a talk about support given to a town), anywhere in Japan."""
    unnamed: list[Unnamed] = Field(default_factory=empty_list)
    """People in the item's roles whom the record does not name (「アドバイザー3名が進行」)."""
    note: Prose | None = None
    """Free text."""


class Remarks(_Item):
    """Opening, closing or other remarks."""

    kind: Literal["opening-remarks", "closing-remarks", "remarks"]
    """opening-remarks (開会挨拶), closing-remarks (閉会挨拶) or remarks (挨拶)."""
    speakers: SpeakerKeys = Field(default_factory=empty_list)
    """People (meeting keys) who spoke."""


class Briefing(_Item):
    """A briefing on policy by a ministry or bureau division (施策説明)."""

    kind: Literal["briefing"]
    """briefing."""
    division: Text | None = None
    """The division that briefed, as stated (総務省自治行政局地域力創造グループ地域情報化企画室)."""
    speakers: SpeakerKeys = Field(default_factory=empty_list)
    """People (meeting keys) who briefed."""
    materials: list[Material] = Field(default_factory=empty_list)
    """Documents of the briefing."""
    questions: list[Question] = Field(default_factory=empty_list)
    """Questions asked after the briefing, with their answers."""


class ActivityReport(_Item):
    """Advisors' activity reports (活動報告) and self-introductions (自己紹介)."""

    kind: Literal["activity-report", "self-introductions"]
    """activity-report or self-introductions."""
    speakers: SpeakerKeys = Field(default_factory=empty_list)
    """People (meeting keys) who reported or introduced themselves."""
    materials: list[Material] = Field(default_factory=empty_list)
    """Documents shown."""
    questions: list[Question] = Field(default_factory=empty_list)
    """Questions asked, with their answers."""


class Presentation(_Item):
    """A talk (発表, 講演, 事例紹介), with the questions put to its presenters."""

    DEFAULT_ANSWERERS: ClassVar[str | None] = "presenters"

    kind: Literal["presentation"]
    """presentation."""
    presenters: PresenterKeys = Field(default_factory=empty_list)
    """People (meeting keys) who presented."""
    materials: list[Material] = Field(default_factory=empty_list)
    """The presentation's documents."""
    questions: list[Question] = Field(default_factory=empty_list)
    """Questions put to the presenters, with their answers; an answer that names nobody is the
    presenters'."""


class Survey(_Item):
    """A survey and its ranking (事前アンケート)."""

    kind: Literal["survey"]
    """survey."""
    presenters: PresenterKeys = Field(default_factory=empty_list)
    """People (meeting keys) who presented the results."""
    question: Text | None = None
    """What was asked (関心のあるテーマ)."""
    surveyed: Text | None = None
    """Who was asked, as stated (自治体職員)."""
    responses: Count | None = None
    """How many answered the survey, where the record says."""
    ranking: list[Rank] = Field(default_factory=empty_list)
    """The ranking, in the record's order; equal ranks are ties."""


class Consultation(_Item):
    """A consultation session (相談会): questions of local governments by topic, with the answers."""

    kind: Literal["consultation"]
    """consultation."""
    topics: list[Topic] = Field(default_factory=empty_list)
    """The topics (themes) discussed, in order."""


class Discussion(_Item):
    """A discussion (意見交換): opinions, attributed or not."""

    kind: Literal["discussion"]
    """discussion."""
    opinions: list[Opinion] = Field(default_factory=empty_list)
    """The opinions given, in order."""


class QuestionsAndAnswers(_Item):
    """A stand-alone Q&A (質疑応答): participants' questions, often put to several presenters at
    once, answered by a person, a local government, or nobody."""

    kind: Literal["qa"]
    """qa."""
    addressees: AddresseeKeys = Field(default_factory=empty_list)
    """People (meeting keys) the questions were put to (the presenters of the part)."""
    questions: list[Question] = Field(default_factory=empty_list)
    """The questions, each with its answers."""


class OtherItem(_Item):
    """Anything else on the agenda (休憩, 写真撮影, 事務連絡)."""

    kind: Literal["other"]
    """other."""
    speakers: SpeakerKeys = Field(default_factory=empty_list)
    """People (meeting keys) who spoke."""
    materials: list[Material] = Field(default_factory=empty_list)
    """Documents."""
    questions: list[Question] = Field(default_factory=empty_list)
    """Questions asked, with their answers."""


AgendaItem = Annotated[
    Remarks
    | Briefing
    | ActivityReport
    | Presentation
    | Survey
    | Consultation
    | Discussion
    | QuestionsAndAnswers
    | OtherItem,
    Field(discriminator="kind"),
]
"""An agenda item of any kind: adding a kind means adding its model to this union."""

ITEM_MODELS: tuple[type[_Item], ...] = get_args(get_args(AgendaItem)[0])
"""Every kind of agenda item's model, in the union's order."""


def _kinds(model: type[_Item]) -> tuple[str, ...]:
    return tuple(get_args(model.model_fields["kind"].annotation))


AGENDA_KINDS: tuple[str, ...] = tuple(kind for model in ITEM_MODELS for kind in _kinds(model))
"""Every value of an agenda item's `kind`, in the order of ITEM_MODELS."""

MODEL_OF_KIND: dict[str, type[_Item]] = {kind: model for model in ITEM_MODELS for kind in _kinds(model)}
"""The model of each agenda kind."""
