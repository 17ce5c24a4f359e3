"""Fixtures of every test package (helpers in tests/helpers.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import copy_records

# Hypothesis profiles: "default" for `make test`, "thorough" for a deeper run
# (HYPOTHESIS_PROFILE=thorough make test).
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", deadline=None, max_examples=1000,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True, scope="session")
def _cache_key_in_a_temporary_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The cache-signing key goes to a temporary folder, not the user's ~/.cache."""
    from schema.cache import signing_key

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    signing_key.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def _english_locale() -> None:
    """Messages follow the locale (schema.i18n.detect_lang): tests run in an English one whatever
    the developer's, and the tests of Japanese ask for it (--lang ja, LANG=ja_JP.UTF-8)."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        os.environ.pop(name, None)
    os.environ["LANG"] = "C.UTF-8"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the shipped records."""
    return copy_records(tmp_path / "repo")
