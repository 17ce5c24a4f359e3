"""Themes: the vocabulary every other record refers to."""

from __future__ import annotations

from schema.models.common import Record, Text


class Theme(Record):
    label: Text
    label_en: Text
    description: Text | None = None
    note: Text | None = None
