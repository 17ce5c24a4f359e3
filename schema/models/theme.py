"""Themes: the vocabulary every other record refers to."""

from __future__ import annotations

from schema.models.common import Prose, Record, Text


class Theme(Record):
    """A theme of consultations, talks and expertise."""

    label: Text
    """The label in Japanese (計画策定支援)."""
    kana: Text | None = None
    """The label's reading in hiragana (けいかくさくていしえん), by which themes are listed in
    Japanese; left out where it is not known."""
    label_en: Text
    """The label in English (Support for planning)."""
    description: Prose | None = None
    """What the theme covers."""
    note: Prose | None = None
    """Free text."""
