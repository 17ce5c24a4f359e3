"""The agenda of a meeting: an ordered list of items, one model per kind of item.

Items refer to people by their key in the meeting's `[people]` table, never by name, so that a
person's name and title are written once, as stated in the record.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema.models.common import Bool, Code, Count, Int, Record, Slug, Text, Url


class Material(Record):
    """A document handed out or published with the record (a PDF, a slide deck)."""

    title: Text
    url: Url | None = None
    format: Text | None = None
    note: Text | None = None


class Answer(Record):
    text: Text
    by: list[Slug] = Field(default_factory=list)
    """People (meeting keys) who gave this answer, where the record says."""
    note: Text | None = None


class Question(Record):
    """A question of a local government in a consultation."""

    text: Text
    by: list[Slug] = Field(default_factory=list)
    """People (meeting keys) who asked, where the record names them."""
    municipalities: list[Code] = Field(default_factory=list)
    """Local governments that asked, where the record says."""
    note: Text | None = None


class PresentationQuestion(Record):
    """A question put to a presenter, named or anonymous (an online Q&A tool), with its answers."""

    text: Text
    by: list[Slug] = Field(default_factory=list)
    anonymous: Bool = False
    via: Text | None = None
    answers: list[Answer] = Field(default_factory=list)
    note: Text | None = None


class Topic(Record):
    """One theme of a consultation: the questions asked under it and the answers given."""

    theme: Slug | None = None
    title: Text | None = None
    """The heading as stated in the record."""
    respondents: list[Slug] = Field(default_factory=list)
    """People named as answering under this theme where answers are not attributed one by one."""
    questions: list[Question] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    note: Text | None = None


class Rank(Record):
    """One line of a survey ranking; equal ranks are ties (two themes at 3位)."""

    rank: Annotated[Int, Field(ge=1, le=10_000)]
    label: Text
    """The item as stated in the record."""
    theme: Slug | None = None
    votes: Count | None = None
    note: Text | None = None


class Opinion(Record):
    text: Text
    by: list[Slug] = Field(default_factory=list)
    """People who gave the opinion; empty where the record does not attribute it."""
    note: Text | None = None


class _Item(Record):
    kind: str
    """Which kind of item this is; each subclass narrows it to its own names (written first)."""
    title: Text
    part: Text | None = None
    """The part or section of the meeting the item belongs to, as stated (第1部, 支援成果等紹介)."""
    summary: Text | None = None
    facilitators: list[Slug] = Field(default_factory=list)
    note: Text | None = None


class Remarks(_Item):
    kind: Literal["opening-remarks", "closing-remarks", "remarks"]
    speakers: list[Slug] = Field(default_factory=list)


class Briefing(_Item):
    """A briefing on policy by a ministry or bureau division."""

    kind: Literal["briefing"]
    division: Text | None = None
    speakers: list[Slug] = Field(default_factory=list)
    materials: list[Material] = Field(default_factory=list)


class ActivityReport(_Item):
    """Advisors' activity reports and self-introductions."""

    kind: Literal["activity-report", "self-introductions"]
    speakers: list[Slug] = Field(default_factory=list)
    materials: list[Material] = Field(default_factory=list)


class Presentation(_Item):
    kind: Literal["presentation"]
    presenters: list[Slug] = Field(default_factory=list)
    materials: list[Material] = Field(default_factory=list)
    questions: list[PresentationQuestion] = Field(default_factory=list)


class Survey(_Item):
    kind: Literal["survey"]
    presenters: list[Slug] = Field(default_factory=list)
    question: Text | None = None
    """What was asked (関心のあるテーマ)."""
    surveyed: Text | None = None
    """Who was asked, as stated (自治体職員)."""
    ranking: list[Rank] = Field(default_factory=list)


class Consultation(_Item):
    kind: Literal["consultation"]
    topics: list[Topic] = Field(default_factory=list)


class Discussion(_Item):
    kind: Literal["discussion"]
    opinions: list[Opinion] = Field(default_factory=list)


class OtherItem(_Item):
    kind: Literal["other"]
    speakers: list[Slug] = Field(default_factory=list)
    materials: list[Material] = Field(default_factory=list)


AgendaItem = Annotated[
    Remarks
    | Briefing
    | ActivityReport
    | Presentation
    | Survey
    | Consultation
    | Discussion
    | OtherItem,
    Field(discriminator="kind"),
]

AGENDA_KINDS: tuple[str, ...] = (
    "opening-remarks",
    "closing-remarks",
    "remarks",
    "briefing",
    "activity-report",
    "self-introductions",
    "presentation",
    "survey",
    "consultation",
    "discussion",
    "other",
)
