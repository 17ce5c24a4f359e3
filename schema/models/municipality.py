"""Local governments (地方公共団体), keyed by their 6-digit code; the whole national list."""

from __future__ import annotations

from enum import StrEnum

from schema.models.common import Prose, Record, Text, Url


class MunicipalityKind(StrEnum):
    PREFECTURE = "prefecture"
    CITY = "city"
    DESIGNATED_CITY = "designated-city"
    SPECIAL_WARD = "special-ward"
    WARD = "ward"
    TOWN = "town"
    VILLAGE = "village"


class Municipality(Record):
    """A local government of the national list (its bureau follows from its prefecture)."""

    name: Text
    """The name (戸田市; a ward of a designated city: さいたま市 西区)."""
    kana: Text
    """The reading in hiragana (とだし)."""
    kind: MunicipalityKind
    """Prefecture, city, designated city, special ward, ward, town or village."""
    url: Url | None = None
    """The official web site."""
    note: Prose | None = None
    """Free text: the only field edited by hand (the others come from the national list)."""
