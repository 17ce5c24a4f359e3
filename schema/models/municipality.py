"""Local governments (地方公共団体), keyed by their 6-digit code."""

from __future__ import annotations

from enum import StrEnum

from schema.models.common import Record, Text, Url


class MunicipalityKind(StrEnum):
    PREFECTURE = "prefecture"
    CITY = "city"
    DESIGNATED_CITY = "designated-city"
    SPECIAL_WARD = "special-ward"
    WARD = "ward"
    TOWN = "town"
    VILLAGE = "village"


class Municipality(Record):
    name: Text
    kana: Text
    kind: MunicipalityKind
    url: Url | None = None
    note: Text | None = None
