"""The pre-commit hooks. pre-commit itself runs the published hooks (.pre-commit-hooks.yaml) in a
records repository that `daicho init` made, installing daicho from a clone as it does for any
user, offline (`tests/cli/conftest.py`: pip from wheels of this environment's packages). The
quicker tests run each hook the way pre-commit does — the files of the commit filtered by the
hook's `files`, the entry with its args, the file names appended unless `pass_filenames: false`;
a hook fails when it exits non-zero or changes a file — for this repository's own configuration
too."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from daicho.main import main
from tests.helpers import BROKEN_MEETING, BROKEN_MEETING_TOML, PROJECT, SEED_MEETING, git, git_records

HOOKS = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
CONFIG = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
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


# -- pre-commit itself -----------------------------------------------------------------------------


def test_pre_commit_accepts_the_hook_and_config_files(tmp_path: Path) -> None:
    records = tmp_path / "records"
    assert main(["init", str(records), "--bureau", "kanto", "--source", str(PROJECT)]) == 0
    configs = [str(PROJECT / ".pre-commit-config.yaml"), str(records / ".pre-commit-config.yaml")]
    for args in (["validate-manifest", str(PROJECT / ".pre-commit-hooks.yaml")], ["validate-config", *configs]):
        done = subprocess.run([sys.executable, "-m", "pre_commit", *args], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def hooked(source_checkout: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A records repository `daicho init` made, its hooks from a clone of the project, committed."""
    root = tmp_path_factory.mktemp("hooked") / "tohoku"
    git(root.parent, "init", "--quiet", "--initial-branch", "main", str(root))
    assert main(["init", str(root), "--bureau", "tohoku", "--source", str(source_checkout)]) == 0
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "daicho init")
    return root


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`pre-commit run` in `repo` (the staged files, or `--all-files`)."""
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never", *args], cwd=repo,
                          env={**env, **GIT_IDENTITY}, capture_output=True, text=True, check=False, timeout=600)


GIT_IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@example.org"}


@pytest.mark.xdist_group("installed")
def test_pre_commit_runs_the_published_hooks(hooked: Path, pre_commit_env: dict[str, str], tmp_path: Path) -> None:
    """What `daicho init` made, with a valid change staged (the first advisors and meeting), passes;
    a broken file is refused with file:line:col messages and left as it is; a file not in the
    canonical layout is rewritten (and so the commit stopped)."""
    repo = tmp_path / "change"
    shutil.copytree(hooked, repo)
    shutil.copy2(PROJECT / "advisors.toml", repo / "advisors.toml")
    (repo / "meetings").mkdir()
    shutil.copy2(PROJECT / SEED_MEETING, repo / SEED_MEETING)
    git(repo, "add", "--all")
    done = pre_commit(repo, pre_commit_env, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^daicho validate\.+Passed$", done.stdout, re.MULTILINE), done.stdout
    assert re.search(r"^daicho fmt\.+Passed$", done.stdout, re.MULTILINE), done.stdout
    git(repo, "commit", "--quiet", "--message", "the first meeting")

    (repo / BROKEN_MEETING).write_text(BROKEN_MEETING_TOML, encoding="utf-8")
    (repo / "daicho.toml").write_text('bureau   =   "tohoku"\n', encoding="utf-8")
    git(repo, "add", BROKEN_MEETING, "daicho.toml")
    done = pre_commit(repo, pre_commit_env)
    assert done.returncode == 1
    assert re.search(rf"^{re.escape(BROKEN_MEETING)}:\d+:\d+: E109 ", done.stdout, re.MULTILINE), done.stdout
    assert (repo / BROKEN_MEETING).read_text(encoding="utf-8") == BROKEN_MEETING_TOML
    assert "files were modified by this hook" in done.stdout, done.stdout
    assert (repo / "daicho.toml").read_text(encoding="utf-8") == 'bureau = "tohoku"\n'
