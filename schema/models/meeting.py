"""Meetings: one file each, `meetings/<id>.toml`, id = YYYY-MM-DD-slug."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from schema.ids import MEETING_ID_PATTERN
from schema.models.agenda import AgendaItem, Material
from schema.models.common import Bureau, Code, Count, Date, FiscalYear, Record, Slug, Text, Url

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


class Role(StrEnum):
    OFFICIAL = "official"
    """An official of the bureau or the ministry."""
    ADVISOR = "advisor"
    MUNICIPAL_STAFF = "municipal-staff"
    GUEST = "guest"
    OTHER = "other"


class Attendance(Record):
    """Attendance as reported; it may be larger than the people the record names."""

    advisors: Count | None = None
    municipalities: Count | None = None
    """Local governments taking part (団体)."""
    municipal_staff: Count | None = None
    """People from local governments (名)."""
    officials: Count | None = None
    observers: Count | None = None
    """People who only listened (傍聴)."""
    note: Text | None = None


class Person(Record):
    """A person named in the record, with the name and title as stated at the time."""

    name: Text
    kana: Text | None = None
    title: Text | None = None
    role: Role
    advisor: Slug | None = None
    municipality: Code | None = None
    note: Text | None = None


class Dispatch(Record):
    """The dispatch of one advisor to one local government."""

    advisor: Slug
    municipality: Code
    note: Text | None = None


class Contact(Record):
    """The secretariat's contact as published."""

    organization: Text | None = None
    division: Text | None = None
    names: list[Text] = Field(default_factory=list)
    phone: Text | None = None
    email: Text | None = None
    note: Text | None = None


class Meeting(Record):
    id: MeetingId
    title: Text
    kind: MeetingKind
    bureau: Bureau
    date: Date
    end_date: Date | None = None
    fiscal_year: FiscalYear
    format: MeetingFormat
    venue: Text | None = None
    themes: list[Slug] = Field(default_factory=list)
    purpose: Text | None = None
    summary: Text | None = None
    published: Date | None = None
    url: Url | None = None
    leaders: list[Slug] = Field(default_factory=list)
    """Advisor leaders of the meeting (people keys)."""
    attendance: Attendance | None = None
    dispatch: Dispatch | None = None
    contact: Contact | None = None
    materials: list[Material] = Field(default_factory=list)
    people: dict[Slug, Person] = Field(default_factory=dict)
    agenda: list[AgendaItem] = Field(default_factory=list)
    note: Text | None = None
