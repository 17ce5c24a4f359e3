"""The portable part of the suite: the tests marked `posix` (tests/conftest.py: POSIX_ONLY) are
left out of the workflow that runs on Windows and macOS; the list names only tests that exist (and
so does the list of slow tests, SLOW, that `make check` leaves out), and the data files are checked
out with LF line endings on every system."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from tests.conftest import POSIX_ONLY, SLOW
from tests.helpers import PROJECT, git

PORTABLE = PROJECT / ".github" / "workflows" / "portable.yml"


def assert_tests_exist(table: dict[str, frozenset[str] | None]) -> None:
    for module, names in table.items():
        path = PROJECT / module
        assert path.is_file(), module
        if names is None:
            continue
        defined = {node.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
        assert sorted(names - defined) == [], module


def test_the_posix_only_list_names_tests_that_exist() -> None:
    assert_tests_exist(POSIX_ONLY)


def test_the_slow_list_names_tests_that_exist() -> None:
    assert_tests_exist(SLOW)


def test_the_portable_workflow_runs_the_rest_everywhere() -> None:
    data = yaml.safe_load(PORTABLE.read_text(encoding="utf-8"))
    job = data["jobs"]["tests"]
    assert job["strategy"]["matrix"]["os"] == ["ubuntu-latest", "windows-latest", "macos-latest"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert any('pytest -m "not posix"' in run for run in runs)


def test_data_files_are_checked_out_with_lf(tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet")
    (tmp_path / ".gitattributes").write_bytes((PROJECT / ".gitattributes").read_bytes())
    found = git(tmp_path, "check-attr", "eol", "diff", "--", "meetings/x.toml", "themes.toml")
    assert found.splitlines() == ["meetings/x.toml: eol: lf", "meetings/x.toml: diff: daicho-toml",
                                  "themes.toml: eol: lf", "themes.toml: diff: daicho-toml"]
