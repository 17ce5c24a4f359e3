"""The pre-commit hooks, run the way pre-commit runs them (pre-commit itself is not a dependency):
the files of the commit filtered by the hook's `files`, the entry with its args, the file names
appended unless `pass_filenames: false`; a hook fails when it exits non-zero or changes a file."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import BROKEN_MEETING, BROKEN_MEETING_TOML, PROJECT, SEED_MEETING, git, git_records
from tests.yaml_subset import load

HOOKS = load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
CONFIG = load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
LOCAL_HOOKS = next(repo["hooks"] for repo in CONFIG["repos"] if repo["repo"] == "local")
ALL_HOOKS = [pytest.param(hook, id=f"hooks-file:{hook['id']}") for hook in HOOKS] + \
            [pytest.param(hook, id=f"local-config:{hook['id']}") for hook in LOCAL_HOOKS]


@dataclass
class HookRun:
    ran: bool
    """False when no file of the commit matched (pre-commit: "no files to check", passed)."""
    code: int
    output: str
    modified: list[str]

    @property
    def passed(self) -> bool:
        return self.code == 0 and not self.modified


def run_hook(hook: dict[str, Any], repo: Path, files: list[str]) -> HookRun:
    """Run one hook as pre-commit does, on `files` (repository-relative, as pre-commit passes them)."""
    include = re.compile(hook.get("files", ""))
    exclude = re.compile(hook.get("exclude", "^$"))
    chosen = [f for f in files if include.search(f) and not exclude.search(f)]
    if not chosen and not hook.get("always_run", False):
        return HookRun(False, 0, "", [])
    argv = [*shlex.split(hook["entry"]), *hook.get("args", [])]
    if hook.get("pass_filenames", True):
        argv += chosen
    before = {f: (repo / f).read_bytes() for f in _tracked(repo)}
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, check=False)
    modified = [f for f, data in before.items() if (repo / f).read_bytes() != data]
    return HookRun(True, done.returncode, done.stdout + done.stderr, modified)


def _tracked(repo: Path) -> list[str]:
    return [f for f in git(repo, "ls-files", "--cached", "--others", "--exclude-standard").splitlines() if f]


def staged(repo: Path) -> list[str]:
    return [f for f in git(repo, "diff", "--cached", "--name-only").splitlines() if f]


@pytest.fixture
def records(tmp_path: Path) -> Path:
    return git_records(tmp_path / "records")


# -- the definitions -------------------------------------------------------------------------------


def test_hook_definitions() -> None:
    assert [h["id"] for h in HOOKS] == ["daicho-validate", "daicho-fmt"]
    scripts = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    for hook in HOOKS:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"  # pre-commit installs this package, then runs its script
        assert shlex.split(hook["entry"])[0] in scripts
        re.compile(hook["files"])


def test_local_config_is_the_same_hooks() -> None:
    """The project's own config runs the published hooks with the active environment's daicho."""
    assert [h["id"] for h in LOCAL_HOOKS] == [h["id"] for h in HOOKS]
    for local, published in zip(LOCAL_HOOKS, HOOKS, strict=True):
        assert local["language"] == "system"
        same = {k: v for k, v in published.items() if k not in ("language", "description")}
        assert {k: v for k, v in local.items() if k != "language"} == same


# -- running them ----------------------------------------------------------------------------------


@pytest.mark.parametrize("hook", ALL_HOOKS)
def test_hooks_pass_on_the_shipped_records(hook: dict[str, Any], records: Path) -> None:
    result = run_hook(hook, records, _tracked(records))  # pre-commit run --all-files
    assert result.ran
    assert result.passed, result.output


@pytest.mark.parametrize("hook", ALL_HOOKS)
def test_hooks_fail_on_a_broken_file(hook: dict[str, Any], records: Path) -> None:
    (records / BROKEN_MEETING).write_text(BROKEN_MEETING_TOML, encoding="utf-8")
    git(records, "add", BROKEN_MEETING)
    result = run_hook(hook, records, staged(records))
    assert result.ran
    assert result.code == 1, result.output
    assert f"{BROKEN_MEETING}:" in result.output and "E109" in result.output
    assert result.modified == []  # a file that does not load is never rewritten


def test_validate_hook_checks_the_whole_repository(records: Path) -> None:
    """Only themes.toml is committed, but the meeting that still uses a removed theme fails it."""
    path = records / "themes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[themes.online-procedures]",
                                                             "[themes.online-procedure]"), encoding="utf-8")
    git(records, "add", "themes.toml")
    result = run_hook(HOOKS[0], records, staged(records))
    assert result.code == 1
    assert f"{SEED_MEETING}:" in result.output and "E304" in result.output


def test_fmt_hook_rewrites_and_so_fails_once(records: Path) -> None:
    path = records / SEED_MEETING
    path.write_text(path.read_text(encoding="utf-8").replace('bureau = "kanto"\n', 'bureau   =   "kanto"\n'),
                    encoding="utf-8")
    git(records, "add", SEED_MEETING)
    first = run_hook(HOOKS[1], records, staged(records))
    assert first.code == 0 and first.modified == [SEED_MEETING]  # pre-commit fails the commit
    assert not first.passed
    git(records, "add", SEED_MEETING)
    assert run_hook(HOOKS[1], records, staged(records)).passed


def test_hooks_skip_commits_without_data_files(records: Path) -> None:
    (records / "NOTES.md").write_text("メモ\n", encoding="utf-8")
    git(records, "add", "NOTES.md")
    for hook in HOOKS:
        assert not run_hook(hook, records, staged(records)).ran
