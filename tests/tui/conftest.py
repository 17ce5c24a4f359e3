"""Fixtures of the terminal UI tests: small repositories in tmp_path (never the real data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import break_repo, make_repo


@pytest.fixture
def tui_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "records")


@pytest.fixture
def broken_repo(tmp_path: Path) -> Path:
    return break_repo(make_repo(tmp_path / "records"))
