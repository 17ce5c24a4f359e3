"""Advisors (地域情報化アドバイザー), keyed by a slug of their romanized name."""

from __future__ import annotations

from pydantic import Field

from schema.models.common import Bureau, Code, FiscalYear, Record, Slug, Text, Url


class Affiliation(Record):
    """Where an advisor works, with a link to the local government where the organization is one."""

    organization: Text
    title: Text | None = None
    municipality: Code | None = None
    note: Text | None = None


class Advisor(Record):
    name: Text
    kana: Text
    name_en: Text | None = None
    affiliations: list[Affiliation] = Field(default_factory=list)
    expertise: list[Slug] = Field(default_factory=list)
    bureaus: list[Bureau] = Field(default_factory=list)
    fiscal_years: list[FiscalYear] = Field(default_factory=list)
    url: Url | None = None
    note: Text | None = None
