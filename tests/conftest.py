"""Shared fixtures: copies of the shipped records in tmp_path (tests never touch the real data)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
REFERENCE = SHARED / "reference"
SEED = SHARED / "seed" / "000_d929593d3df48fdc.txt"
SEED_MEETING = "meetings/2022-10-05-kanto-advisor-meeting.toml"
DATA_FILES = ("themes.toml", "municipalities.toml", "advisors.toml")


@pytest.fixture(autouse=True, scope="session")
def _cache_key_in_a_temporary_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The cache-signing key goes to a temporary folder, not the user's ~/.cache."""
    import os

    from schema.cache import signing_key

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    signing_key.cache_clear()


def copy_records(target: Path) -> Path:
    """Copy the shipped data files (not the code) into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in DATA_FILES:
        shutil.copy2(PROJECT / name, target / name)
    shutil.copytree(PROJECT / "meetings", target / "meetings")
    return target


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the shipped records."""
    return copy_records(tmp_path / "repo")


def needs_reference() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not REFERENCE.is_dir(),
        reason=f"the national list is not here ({REFERENCE}); it lives in ../shared beside the project",
    )


def needs_seed() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not SEED.is_file(), reason=f"the seed report is not here ({SEED})"
    )
