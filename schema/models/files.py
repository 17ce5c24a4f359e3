"""The shape of each data file, and the repository of records they load into."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import Field

from schema.files.repofiles import ADVISORS_FILE, MEETINGS_DIR, MUNICIPALITIES_FILE, SETTINGS_FILE, THEMES_FILE
from schema.models.advisor import Advisor
from schema.models.common import Code, Record, Slug, empty_dict
from schema.models.meeting import Meeting
from schema.models.municipality import Municipality
from schema.models.settings import Settings
from schema.models.theme import Theme

__all__ = ["ADVISORS_FILE", "MEETINGS_DIR", "MUNICIPALITIES_FILE", "SETTINGS_FILE", "THEMES_FILE"]


class ThemesFile(Record):
    themes: dict[Slug, Theme] = Field(default_factory=empty_dict)


class MunicipalitiesFile(Record):
    municipalities: dict[Code, Municipality] = Field(default_factory=empty_dict)


class AdvisorsFile(Record):
    advisors: dict[Slug, Advisor] = Field(default_factory=empty_dict)


@dataclass
class Records:
    """Every record of a repository that loaded; a file that did not load contributes nothing."""

    themes: dict[str, Theme] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    advisors: dict[str, Advisor] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    meeting_paths: dict[str, str] = field(default_factory=dict)
    """Meeting id → repository-relative path of its file."""
    unloaded: set[str] = field(default_factory=set)
    """Root files that are missing or did not load: references into them are not checked."""
    settings: Settings | None = None
    """daicho.toml, where the repository has one and it loaded."""
