"""Themes: the vocabulary every other record refers to."""

from __future__ import annotations

from schema.models.common import Prose, Record, Text


class Theme(Record):
    """A theme of consultations, talks and expertise."""

    label: Text
    """The label in Japanese (計画策定支援)."""
    label_en: Text
    """The label in English (Support for planning)."""
    description: Prose | None = None
    """What the theme covers."""
    note: Prose | None = None
    """Free text."""
