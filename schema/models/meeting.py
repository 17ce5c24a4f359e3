"""Meetings: one file each, `meetings/<id>.toml`, id = YYYY-MM-DD-slug."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from schema.files.ids import MEETING_ID_PATTERN
from schema.models.agenda import AgendaItem, Material, Unnamed
from schema.models.common import (
    Bureau,
    Count,
    Date,
    FiscalYear,
    PersonRole,
    Prose,
    Record,
    Slug,
    Text,
    Time,
    Url,
    empty_dict,
    empty_list,
)
from schema.models.refs import (
    AboutCodes,
    AboutThemes,
    DispatchAdvisor,
    DispatchCode,
    LeaderKeys,
    ObserverCodes,
    PersonAdvisor,
    PostCodes,
    VenueCode,
)

MeetingId = Annotated[str, StringConstraints(pattern=MEETING_ID_PATTERN)]


class MeetingKind(StrEnum):
    ADVISOR_MEETING = "advisor-meeting"
    CONSULTATION_SESSION = "consultation-session"
    DISPATCH = "dispatch"
    STUDY_SESSION = "study-session"
    OTHER = "other"


class MeetingFormat(StrEnum):
    ONLINE = "online"
    IN_PERSON = "in-person"
    HYBRID = "hybrid"


class AttendanceVerb(StrEnum):
    """How a report words that people were present."""

    ATTENDED = "attended"
    """出席."""
    TOOK_PART = "took-part"
    """参加."""


class Observers(Record):
    """Who only listened (傍聴): counts as reported, and the local governments the record names."""

    municipalities: Count | None = None
    """How many local governments listened (団体)."""
    people: Count | None = None
    """How many people listened (名)."""
    named: ObserverCodes = Field(default_factory=empty_list)
    """The local governments that listened, by code, where the record names them."""
    municipalities_scope: Text | None = None
    """Where they were from, as the report words it before の地方公共団体 (関東管内)."""
    note: Prose | None = None
    """Free text."""


class Attendance(Record):
    """Attendance as reported; it may be larger than the people the record names."""

    advisors: Count | None = None
    """Advisors present (名)."""
    municipalities: Count | None = None
    """Local governments taking part (団体)."""
    municipal_staff: Count | None = None
    """People from local governments (名)."""
    officials: Count | None = None
    """Officials of the ministry and the bureau (名)."""
    others: Count | None = None
    """Anyone else present (名)."""
    advisors_scope: Text | None = None
    """Which advisors, as the report qualifies them before アドバイザー (関東地方に活動拠点を持つ)."""
    municipalities_scope: Text | None = None
    """Where the local governments were from, as the report words it before の地方公共団体 (関東管内)."""
    verb: AttendanceVerb | None = None
    """How the report words their presence, for everyone: attended (出席) or took-part (参加);
    where not set, advisors 出席 and the others 参加."""
    observers: Observers | None = None
    """Who only listened (傍聴)."""
    note: Prose | None = None
    """Free text: the attendance as the record words it."""


class Person(Record):
    """A person named in the record, with the name and title as stated at the time."""

    HEADLINE: ClassVar[str | None] = "name"

    name: Text
    """The name as stated (岡村 久和)."""
    kana: Text | None = None
    """The reading in hiragana (おかむら ひさかず); left out where the record gives none."""
    title: Text | None = None
    """The title or posts as stated that day, all of them (戸田市企画財政部次長兼デジタル戦略室長(CDO))."""
    role: PersonRole
    """What the person was at the meeting."""
    introduced_as: Text | None = None
    """How the report introduces the person the first time it names them, before their title
    (今回の会議開催にあたり企画会を提案・発起いただいた)."""
    advisor: PersonAdvisor | None = None
    """The advisor (id) the person is."""
    municipalities: PostCodes = Field(default_factory=empty_list)
    """The local governments (codes) the person works for or holds a post at, all of them."""
    note: Prose | None = None
    """Free text."""


class Part(Record):
    """A part of the meeting (第1部, 第2部) with its own audience, times and attendance; agenda
    items name their part by its key."""

    HEADLINE: ClassVar[str | None] = "title"

    title: Text
    """The part's title as stated (第2部 アドバイザー意見交換会)."""
    audience: Text | None = None
    """Who it was for, as stated (アドバイザーのみ)."""
    format: MeetingFormat | None = None
    """The part's format where it differs from the meeting's."""
    start_time: Time | None = None
    """When the part started."""
    end_time: Time | None = None
    """When the part ended."""
    attendance: Attendance | None = None
    """The part's attendance as reported."""
    note: Prose | None = None
    """Free text."""


class Venue(Record):
    """Where the meeting was held."""

    name: Text
    """The venue as stated (さいたま新都心合同庁舎1号館 会議室)."""
    municipality: VenueCode | None = None
    """The local government (code) whose building it is, where it is one."""
    address: Text | None = None
    """The address, where the record gives it."""
    note: Prose | None = None
    """Free text."""


class Dispatch(Record):
    """The dispatch of one advisor to one local government."""

    advisor: DispatchAdvisor
    """The advisor (id) dispatched."""
    municipality: DispatchCode
    """The local government (code) the advisor was dispatched to."""
    note: Prose | None = None
    """Free text."""


class Contact(Record):
    """The secretariat's contact as published."""

    organization: Text | None = None
    """The organization (総務省関東総合通信局)."""
    division: Text | None = None
    """The division (情報通信部情報通信振興課)."""
    names: list[Text] = Field(default_factory=empty_list)
    """The people in charge, as stated (大江, 安西)."""
    phone: Text | None = None
    """The phone number as published."""
    email: Text | None = None
    """The e-mail address as published."""
    note: Prose | None = None
    """Free text."""


class Meeting(Record):
    """One meeting, consultation session, dispatch or study session, as its record states it."""

    id: MeetingId
    """YYYY-MM-DD-slug: the date, then a few words (2022-10-05-kanto-advisor-meeting); the file
    is meetings/<id>.toml."""
    title: Text
    """The title as published."""
    kind: MeetingKind
    """What sort of meeting."""
    bureau: Bureau
    """The bureau that held it."""
    date: Date
    """The day it was held (the first day, where it spans days)."""
    end_date: Date | None = None
    """The last day, where it spans days."""
    start_time: Time | None = None
    """When it started."""
    end_time: Time | None = None
    """When it ended."""
    fiscal_year: FiscalYear
    """The fiscal year (April–March) by the year it starts in: 令和4年度 = 2022; must agree with
    the date."""
    format: MeetingFormat
    """Online, in person or both."""
    venue: Venue | None = None
    """Where it was held."""
    themes: AboutThemes = Field(default_factory=empty_list)
    """Themes (ids) the meeting is about."""
    theme_title: Text | None = None
    """The meeting's overall theme as worded (「自治体のDX推進について」)."""
    municipalities: AboutCodes = Field(default_factory=empty_list)
    """Local governments the meeting concerns (beyond those present)."""
    purpose: Prose | None = None
    """Why it was held, as stated."""
    summary: Prose | None = None
    """What happened, as the record summarises it."""
    published: Date | None = None
    """When the report was published."""
    url: Url | None = None
    """Where the report is published."""
    headline: Text | None = None
    """The report's headline as published, where it is not 「<title>」を開催 (「…」の開催)."""
    leaders: LeaderKeys = Field(default_factory=empty_list)
    """Advisor leaders of the meeting (people keys)."""
    unnamed: list[Unnamed] = Field(default_factory=empty_list)
    """Leaders the record does not name (role "leaders")."""
    attendance: Attendance | None = None
    """Attendance as reported."""
    dispatch: Dispatch | None = None
    """For a dispatch: who went where."""
    materials: list[Material] = Field(default_factory=empty_list)
    """Documents published with the report."""
    parts: dict[Slug, Part] = Field(default_factory=empty_dict)
    """The parts of the meeting (第1部, 第2部), by key; agenda items name theirs."""
    people: dict[Slug, Person] = Field(default_factory=empty_dict)
    """Everyone the record names, by a key the agenda uses (okamura)."""
    agenda: list[AgendaItem] = Field(default_factory=empty_list)
    """What happened, item by item, in order."""
    contact: Contact | None = None
    """The secretariat's contact as published."""
    note: Prose | None = None
    """Free text: the source of the record, what it leaves out."""
