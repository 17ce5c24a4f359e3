"""Which fields name other records, and in what role: declared once, on the models' annotations.

A field whose values name a record carries a `Refers` marker in its `Annotated` type:

    presenters: PresenterKeys = Field(default_factory=empty_list)

`PresenterKeys` is `list[Slug]` marked `Refers("person", "presenter")`. The checks (every named
record exists), the cross-reference index (who appears where, as what), `daicho show`, the terminal
UI and the reference of the record files all read these markers (through `schema.models.walk`) instead of
knowing each model's fields: adding an agenda kind or a field that names people needs no code
outside its model.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from schema.models.common import Code, Slug


class Target(StrEnum):
    """What kind of record a reference names."""

    PERSON = "person"
    """A person of the meeting, by their key in `[people]`."""
    PART = "part"
    """A part of the meeting, by its key in `[parts]`."""
    ADVISOR = "advisor"
    """An advisor of advisors.toml, by id."""
    MUNICIPALITY = "municipality"
    """A local government of municipalities.toml, by its 6-digit code."""
    THEME = "theme"
    """A theme of themes.toml, by id."""


LOCAL_TARGETS = frozenset({Target.PERSON, Target.PART})
"""Targets inside the meeting itself; the others are in the root files."""


class Role(StrEnum):
    """What a named record was where it is named (the cross-reference index's roles)."""

    PERSON = "person"
    """Named in the meeting's people (attended, or is mentioned)."""
    ADVISOR = "advisor"
    """The advisor a person of a meeting is."""
    POST = "post"
    """A local government a person of a meeting works for or holds a post at."""
    LEADER = "leader"
    SPEAKER = "speaker"
    PRESENTER = "presenter"
    FACILITATOR = "facilitator"
    RESPONDENT = "respondent"
    """Named as answering under a consultation topic."""
    ASKER = "asker"
    ANSWERER = "answerer"
    ADDRESSEE = "addressee"
    """Someone a question was put to."""
    OPINION = "opinion"
    """Gave an opinion in a discussion."""
    ABOUT = "about"
    """What an item or a meeting is about: a theme, a local government concerned."""
    TOPIC = "topic"
    """The theme of a consultation topic."""
    RANKED = "ranked"
    """A theme ranked in a survey."""
    OBSERVER = "observer"
    """A local government that only listened (傍聴)."""
    VENUE = "venue"
    """The local government whose building the meeting was held in."""
    DISPATCH = "dispatch"
    PART = "part"
    """The part of the meeting an agenda item belongs to."""
    AFFILIATION = "affiliation"
    """A local government an advisor works for (advisors.toml)."""
    EXPERTISE = "expertise"
    """A theme among an advisor's expertise (advisors.toml)."""


@dataclass(frozen=True, slots=True)
class Refers:
    """Marks a field (a value or a list of values) that names records of `target` in `role`."""

    target: Target
    role: Role


@dataclass(frozen=True, slots=True)
class Unique:
    """Marks a list of plain values in which a value may appear once (bureaus, fiscal years).
    Every list of references is unique too, without this marker."""


def _people(role: Role) -> Refers:
    return Refers(Target.PERSON, role)


# People of the meeting, by key, in each role.
LeaderKeys = Annotated[list[Slug], _people(Role.LEADER)]
SpeakerKeys = Annotated[list[Slug], _people(Role.SPEAKER)]
PresenterKeys = Annotated[list[Slug], _people(Role.PRESENTER)]
FacilitatorKeys = Annotated[list[Slug], _people(Role.FACILITATOR)]
RespondentKeys = Annotated[list[Slug], _people(Role.RESPONDENT)]
AskerKeys = Annotated[list[Slug], _people(Role.ASKER)]
AnswererKeys = Annotated[list[Slug], _people(Role.ANSWERER)]
AddresseeKeys = Annotated[list[Slug], _people(Role.ADDRESSEE)]
OpinionKeys = Annotated[list[Slug], _people(Role.OPINION)]

# Local governments, by code.
AboutCodes = Annotated[list[Code], Refers(Target.MUNICIPALITY, Role.ABOUT)]
AskerCodes = Annotated[list[Code], Refers(Target.MUNICIPALITY, Role.ASKER)]
AnswererCodes = Annotated[list[Code], Refers(Target.MUNICIPALITY, Role.ANSWERER)]
OpinionCodes = Annotated[list[Code], Refers(Target.MUNICIPALITY, Role.OPINION)]
ObserverCodes = Annotated[list[Code], Refers(Target.MUNICIPALITY, Role.OBSERVER)]
PostCodes = Annotated[list[Code], Refers(Target.MUNICIPALITY, Role.POST)]
VenueCode = Annotated[Code, Refers(Target.MUNICIPALITY, Role.VENUE)]
DispatchCode = Annotated[Code, Refers(Target.MUNICIPALITY, Role.DISPATCH)]
AffiliationCode = Annotated[Code, Refers(Target.MUNICIPALITY, Role.AFFILIATION)]

# Themes, by id.
AboutThemes = Annotated[list[Slug], Refers(Target.THEME, Role.ABOUT)]
TopicTheme = Annotated[Slug, Refers(Target.THEME, Role.TOPIC)]
RankedTheme = Annotated[Slug, Refers(Target.THEME, Role.RANKED)]
ExpertiseThemes = Annotated[list[Slug], Refers(Target.THEME, Role.EXPERTISE)]

# Advisors, by id.
PersonAdvisor = Annotated[Slug, Refers(Target.ADVISOR, Role.ADVISOR)]
DispatchAdvisor = Annotated[Slug, Refers(Target.ADVISOR, Role.DISPATCH)]

# Parts of the meeting, by key.
PartKey = Annotated[Slug, Refers(Target.PART, Role.PART)]
