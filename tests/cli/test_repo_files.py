"""Odd things in a repository: pipes, devices, links, folders where files belong, broken pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from daicho.main import main
from tests.helpers import PROJECT, SEED_MEETING


def _validate(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run([sys.executable, "-m", "daicho", "--repo", str(repo), "validate", *args],
                          capture_output=True, text=True, env=env, check=False, timeout=60, cwd=repo)


def test_a_named_pipe_is_not_read(repo: Path) -> None:
    os.mkfifo(repo / "meetings" / "2023-01-01-pipe.toml")
    result = _validate(repo)  # would hang if the pipe were opened
    assert result.returncode == 1
    assert "meetings/2023-01-01-pipe.toml: E112 " in result.stdout
    assert "Traceback" not in result.stderr


def test_a_link_to_a_device_is_not_read(repo: Path) -> None:
    (repo / "meetings" / "2023-01-01-zero.toml").symlink_to("/dev/zero")
    result = _validate(repo)  # would exhaust the memory if /dev/zero were read
    assert result.returncode == 1
    assert "meetings/2023-01-01-zero.toml: E112 " in result.stdout
    assert "Traceback" not in result.stderr


def test_a_root_file_that_is_a_pipe_is_an_io_error(repo: Path) -> None:
    (repo / "themes.toml").unlink()
    os.mkfifo(repo / "themes.toml")
    result = _validate(repo)
    assert result.returncode == 2
    assert "themes.toml: E100 not a regular file" in result.stdout


def test_a_link_to_a_meeting_file_is_a_meeting(repo: Path) -> None:
    """A link inside the repository (one that leaves it is refused: tests/cli/test_hostile_cli.py)."""
    (repo / "archive").mkdir()
    elsewhere = repo / "archive" / "elsewhere.toml"
    text = (repo / SEED_MEETING).read_text(encoding="utf-8")
    elsewhere.write_text(text.replace("2022-10-05-kanto-advisor-meeting", "2022-10-05-kanto-copy"), encoding="utf-8")
    (repo / "meetings" / "2022-10-05-kanto-copy.toml").symlink_to(elsewhere)
    assert _validate(repo).returncode == 0
    assert _validate(repo, "meetings/2022-10-05-kanto-copy.toml").returncode == 0


def test_a_folder_named_like_a_meeting_is_a_stray(repo: Path) -> None:
    (repo / "meetings" / "2023-01-01-folder.toml").mkdir()
    result = _validate(repo)
    assert result.returncode == 1
    rows = [r for r in result.stdout.splitlines() if r.startswith("meetings/2023-01-01-folder.toml")]
    assert len(rows) == 1 and " E112 " in rows[0]  # one problem: a folder is not a meeting file


def test_meetings_that_is_a_file(repo: Path) -> None:
    import shutil

    shutil.rmtree(repo / "meetings")
    (repo / "meetings").write_text("x\n", encoding="utf-8")
    result = _validate(repo)
    assert result.returncode == 1
    assert "meetings: E112 meetings is not a folder" in result.stdout


def test_a_broken_pipe_is_never_success(repo: Path) -> None:
    themes = repo / "themes.toml"
    themes.write_text(themes.read_text(encoding="utf-8") + "".join(
        f'\n[themes.t{n}]\nlabel = "x"\nlabel_en = "y"\nfoo = 1\n' for n in range(3000)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    result = subprocess.run(
        f"set -o pipefail; {sys.executable} -m schema --repo {repo} validate | head -1",
        shell=True, executable="/bin/bash", capture_output=True, text=True, env=env, check=False, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_paths_given_to_validate(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo / "meetings")
    assert main(["validate", "2022-10-05-kanto-advisor-meeting.toml"]) == 0
    assert main(["validate", "."]) == 0
    capsys.readouterr()
    (repo / "meetings" / "empty").mkdir()
    assert main(["validate", "empty"]) == 2
    assert "no data files in this folder" in capsys.readouterr().err
    assert main(["validate", "nope.toml"]) == 2
    assert "paths are relative to the current folder" in capsys.readouterr().err
