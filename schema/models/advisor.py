"""Advisors (地域情報化アドバイザー), keyed by a slug of their romanized name."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from schema.models.common import Bureau, FiscalYear, Prose, Record, Text, Url, empty_list
from schema.models.refs import AffiliationCode, ExpertiseThemes, Unique


class Affiliation(Record):
    """Where an advisor works, with a link to the local government where the organization is one."""

    HEADLINE: ClassVar[str | None] = "organization"

    organization: Text
    """The organization (亜細亜大学, 戸田市)."""
    title: Text | None = None
    """The title there (都市創造学部教授)."""
    municipality: AffiliationCode | None = None
    """The local government (code) where the organization is one."""
    fiscal_years: Annotated[list[FiscalYear], Unique()] = Field(default_factory=empty_list)
    """The fiscal years the advisor held this post, where known (2022 = 令和4年度)."""
    note: Prose | None = None
    """Free text."""


class Advisor(Record):
    """A regional informatization advisor."""

    name: Text
    """The name (岡村 久和)."""
    kana: Text | None = None
    """The reading in hiragana (おかむら ひさかず); left out where it is not known."""
    name_en: Text | None = None
    """The name in Latin letters (Hisakazu Okamura)."""
    affiliations: list[Affiliation] = Field(default_factory=empty_list)
    """Where the advisor works or has worked."""
    expertise: ExpertiseThemes = Field(default_factory=empty_list)
    """Themes (ids) the advisor is an expert in."""
    bureaus: Annotated[list[Bureau], Unique()] = Field(default_factory=empty_list)
    """The bureaus the advisor is based in."""
    fiscal_years: Annotated[list[FiscalYear], Unique()] = Field(default_factory=empty_list)
    """The fiscal years the advisor was appointed (2022 = 令和4年度)."""
    url: Url | None = None
    """The advisor's page."""
    note: Prose | None = None
    """Free text."""
