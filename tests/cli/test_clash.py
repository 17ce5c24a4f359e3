"""daicho beside another distribution that claims its import package `schema` (PyPI's `schema`
installs `schema/__init__.py`): whichever is installed first, or where the other sits earlier on
the path, `daicho` exits 2 with one line naming the clash and the fix — never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.installing import Distributions, new_environment, pip_install, stand_in_wheel, user_environment

pytestmark = pytest.mark.xdist_group("installed")


def one_line(daicho: Path, cwd: Path, env: dict[str, str] | None = None, *args: str) -> str:
    """`daicho validate`'s stderr, which must be one line, with exit code 2."""
    done = subprocess.run([str(daicho), *args, "validate"], cwd=cwd, env=env or user_environment(daicho),
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_another_schema_beside_daicho(distributions: Distributions, tmp_path: Path) -> None:
    python = new_environment(tmp_path / "venv")
    daicho = python.parent / "daicho"
    other = stand_in_wheel(tmp_path / "other")
    pip_install(python, "--no-deps", "--force-reinstall", str(distributions.wheel))

    # Installed after daicho: its schema/__init__.py replaced daicho's.
    pip_install(python, "--no-deps", str(other))
    line = one_line(daicho, tmp_path)
    assert line.startswith('daicho: the Python package "schema" found here (') and "not daicho's" in line
    assert "uv tool install or pipx install" in line
    assert "環境" in one_line(daicho, tmp_path, None, "--lang", "ja")  # in the user's language

    # Installed before daicho: daicho's replaced the other's, which is broken now.
    pip_install(python, "--no-deps", "--force-reinstall", str(distributions.wheel))
    line = one_line(daicho, tmp_path)
    assert 'the Python package "schema" in ' in line and "belongs to daicho and to schema-0.7.8" in line


def test_another_schema_earlier_on_the_path(installed: Path, tmp_path: Path) -> None:
    """The other `schema` in a folder Python looks in first (PYTHONPATH, a user site)."""
    other = tmp_path / "other" / "schema"
    other.mkdir(parents=True)
    (other / "__init__.py").write_text("class Schema:\n    pass\n", encoding="utf-8")
    env = {**user_environment(installed), "PYTHONPATH": str(other.parent)}
    line = one_line(installed, tmp_path, env)
    assert f'"schema" found here ({other / "__init__.py"})' in line
