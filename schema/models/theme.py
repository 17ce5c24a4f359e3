"""Themes: the vocabulary every other record refers to."""

from __future__ import annotations

from pydantic import Field

from schema.models.common import Prose, Record, Text, empty_list


class Theme(Record):
    """A theme of consultations, talks and expertise."""

    label: Text
    """The label in Japanese (計画策定支援)."""
    kana: Text | None = None
    """The label's reading in hiragana (けいかくさくていしえん), by which themes are listed in
    Japanese; left out where it is not known."""
    label_en: Text
    """The label in English (Support for planning)."""
    aliases: list[Text] = Field(default_factory=empty_list)
    """Other names forms give the theme (行政手続きのオンライン化): `daicho intake` matches options
    by them too."""
    description: Prose | None = None
    """What the theme covers."""
    note: Prose | None = None
    """Free text."""
