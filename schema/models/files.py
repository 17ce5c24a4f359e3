"""The shape of each data file, and the repository of records they load into."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from pydantic import BaseModel, Field

from schema.files.repofiles import (
    ADVISORS,
    ADVISORS_FILE,
    MEETINGS_DIR,
    MUNICIPALITIES,
    MUNICIPALITIES_FILE,
    SETTINGS_FILE,
    THEMES,
    THEMES_FILE,
    RootFile,
)
from schema.models.advisor import Advisor
from schema.models.common import Code, Record, Slug, empty_dict
from schema.models.meeting import Meeting
from schema.models.municipality import Municipality
from schema.models.settings import Settings
from schema.models.theme import Theme

__all__ = ["ADVISORS_FILE", "MEETINGS_DIR", "MUNICIPALITIES_FILE", "SETTINGS_FILE", "THEMES_FILE"]


class ThemesFile(Record):
    ROOT: ClassVar[RootFile] = THEMES
    themes: dict[Slug, Theme] = Field(default_factory=empty_dict)


class MunicipalitiesFile(Record):
    ROOT: ClassVar[RootFile] = MUNICIPALITIES
    municipalities: dict[Code, Municipality] = Field(default_factory=empty_dict)


class AdvisorsFile(Record):
    ROOT: ClassVar[RootFile] = ADVISORS
    advisors: dict[Slug, Advisor] = Field(default_factory=empty_dict)


ROOT_MODELS: dict[str, type[ThemesFile | MunicipalitiesFile | AdvisorsFile]] = {
    model.ROOT.name: model for model in (ThemesFile, MunicipalitiesFile, AdvisorsFile)}
"""Each root file's model (the order of `repofiles.ROOTS`)."""


@dataclass(frozen=True, slots=True)
class DataFile:
    """A kind of data file: where it lives, its model, what it holds (for docs/records.md and the
    JSON Schemas), and the name of its JSON Schema."""

    path: str
    """Its path in the repository (`meetings/<id>.toml` for every meeting)."""
    model: type[BaseModel]
    summary: str
    include: str
    """The files it is, as a glob (taplo's `include`)."""
    schema: str
    """Its JSON Schema's name without `.schema.json`."""


DATA_FILES: tuple[DataFile, ...] = (
    DataFile(SETTINGS_FILE, Settings, "The repository's settings, optional: whose records it keeps (`daicho init` "
             "writes it). Without it, the bureau is that of most of the meetings (else of the advisors).",
             SETTINGS_FILE, "settings"),
    DataFile(THEMES_FILE, ThemesFile, "The theme vocabulary every other record refers to, keyed by id.",
             THEMES_FILE, "themes"),
    DataFile(MUNICIPALITIES_FILE, MunicipalitiesFile,
             "Every local government of the national list, keyed by its 6-digit 全国地方公共団体コード; "
             "imported with `daicho import municipalities` (only `note` is written by hand).",
             MUNICIPALITIES_FILE, "municipalities"),
    DataFile(ADVISORS_FILE, AdvisorsFile, "The advisors, keyed by id (a slug of the romanized name).",
             ADVISORS_FILE, "advisors"),
    DataFile(f"{MEETINGS_DIR}/<id>.toml", Meeting,
             "One file per meeting, `meetings/<id>.toml`; the file name is the id.", f"{MEETINGS_DIR}/*.toml",
             "meeting"),
)
"""Every kind of data file, in the order the docs list them."""


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
