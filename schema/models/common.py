"""Shared building blocks of the record models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

from schema.files.ids import CODE_PATTERN, SLUG_PATTERN


def empty_list() -> list[Any]:
    """A new empty list, the default of a list field. Pydantic reads a default factory's signature
    when it builds a model; a Python function's is read from its code, while the builtin `list`'s
    is parsed from its text signature, which cost 20–50 ms of every process over the models' 62
    fields."""
    return []


def empty_dict() -> dict[Any, Any]:
    """A new empty table, the default of a table field (see `empty_list`)."""
    return {}


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""A record id: lower-case ASCII words joined by hyphens (okamura-hisakazu)."""

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
"""A 6-digit 全国地方公共団体コード, check digit included (112241)."""

MAX_TEXT = 1_000
"""Characters a one-line text (a name, a title) may have. The longest real one, a title, has 40."""
MAX_PROSE = 10_000
"""Characters a text of paragraphs (a summary, a question, a note) may have: the longest real one,
the seed meeting's summary, has 124, and the whole report it records (開催報告) 2,584. The limit
keeps a hostile file from making the editor slow (the form is measured at it, bench/edit_e2e.py)."""
MAX_URL = 2_048
"""Characters an address may have (browsers and servers refuse longer ones)."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
"""Free text on one line, never empty, at most MAX_TEXT characters."""


@dataclass(frozen=True, slots=True)
class Multiline:
    """Marks text that may run to several paragraphs (a summary, a question, a note): the editing
    form gives it a text area. Validation and the written form are those of any text."""


Prose = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PROSE), Multiline()]
"""Free text of one or more paragraphs, never empty, at most MAX_PROSE characters."""

Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=MAX_URL)]

# TOML has real integers, booleans and dates: a quoted "18" or "2022-10-05" is a mistake to
# report, not a value to coerce (the canonical writer would silently change its type).
Int = Annotated[int, Strict(), Field(ge=-(2**63), le=2**63 - 1)]
"""TOML integers are 64-bit."""
Bool = Annotated[bool, Strict()]
Date = Annotated[dt.date, Strict()]
Time = Annotated[dt.time, Strict()]
"""A local time of day, written as TOML writes it: 13:30:00."""
Count = Annotated[int, Strict(), Field(ge=0, le=1_000_000)]
"""A number of people or local governments: never negative, never absurd."""

FiscalYear = Annotated[int, Strict(), Field(ge=1989, le=2200)]
"""A Japanese fiscal year by the calendar year it starts in (令和4年度 = 2022)."""


class Record(BaseModel):
    """Base of every model: unknown fields are errors, values are validated on assignment.

    Field docstrings are the fields' descriptions (in the JSON Schemas, docs/records.md and the
    editing forms' help), read when asked for by schema.models.docstrings."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        use_enum_values=False,
        str_strip_whitespace=False,
    )

    HEADLINE: ClassVar[str | None] = None
    """The field that names an element of a list of these records when it is shown (a topic by
    its title, a question by its text); None: the element is shown by its position only."""

    def __setattr__(self, name: str, value: Any) -> None:
        if id(self.__pydantic_fields_set__) in _SHARED_IDS:  # assigning marks the field set: own a copy
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)


# Memory: Pydantic gives every instance its own set of the fields it was given
# (`model_fields_set`), about a quarter of a record's memory (28 MB of a nationwide repository's
# 90). Records that are kept (the terminal UI's, loaded through schema.load.modelcache) share one set
# per combination of fields, copied before it can change (`Record.__setattr__`). Records that are
# checked and dropped (validate's) skip this: done for every record as it was made, it cost 8 % of
# checking a file.


def share_field_sets(records: Iterable[BaseModel]) -> None:
    """Let each record share its set of given fields with the records given the same fields."""
    shared_sets = _SHARED_FIELD_SETS
    for record in records:
        fields = record.__pydantic_fields_set__
        key = frozenset(fields)
        shared = shared_sets.get(key)
        if shared is None:
            shared = shared_sets[key] = set(fields)
            _SHARED_IDS.add(id(shared))
        object.__setattr__(record, "__pydantic_fields_set__", shared)


_SHARED_FIELD_SETS: dict[frozenset[str], set[str]] = {}
"""The field sets records share (one per combination of fields given; never freed, so that an id
in _SHARED_IDS always names one of them)."""
_SHARED_IDS: set[int] = set()


class Bureau(StrEnum):
    """The regional bureaus (総合通信局) and the Okinawa office."""

    HOKKAIDO = "hokkaido"
    TOHOKU = "tohoku"
    KANTO = "kanto"
    SHINETSU = "shinetsu"
    HOKURIKU = "hokuriku"
    TOKAI = "tokai"
    KINKI = "kinki"
    CHUGOKU = "chugoku"
    SHIKOKU = "shikoku"
    KYUSHU = "kyushu"
    OKINAWA = "okinawa"


class PersonRole(StrEnum):
    """What a person was at a meeting."""

    OFFICIAL = "official"
    """An official of the bureau or the ministry."""
    ADVISOR = "advisor"
    MUNICIPAL_STAFF = "municipal-staff"
    GUEST = "guest"
    OBSERVER = "observer"
    """Someone who only listened (傍聴)."""
    OTHER = "other"
