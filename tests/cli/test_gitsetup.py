"""Plain `git diff --word-diff` on Japanese text: .gitattributes and the driver's word regex, written
by `daicho git-setup` or by the git config line of the README, split text by character."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from daicho.git_setup import CONFIG_KEY, WORD_REGEX
from daicho.main import main
from tests.helpers import GIT_ENV, PROJECT, SEED_MEETING, git, git_records

ANSWER = "課題解決なのか、目標達成なのかを明確にすると良いのではないか。"
LOCALES = ("C", "C.UTF-8")
"""git matches the word regex byte by byte in the C locale and by character in a UTF-8 locale."""


@pytest.fixture
def records(tmp_path: Path) -> Path:
    repo = git_records(tmp_path / "records")
    shutil.copy2(PROJECT / ".gitattributes", repo / ".gitattributes")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "--quiet", "--message", "gitattributes")
    return repo


def word_diff(repo: Path, locale: str) -> tuple[list[str], list[str]]:
    """The removed and added words of `git diff --word-diff=porcelain` in the given locale."""
    env = {**os.environ, **GIT_ENV, "LC_ALL": locale}
    out = subprocess.run(["git", "diff", "--word-diff=porcelain", "--", SEED_MEETING], cwd=repo, env=env,
                         capture_output=True, check=True).stdout.decode("utf-8")
    lines = out.splitlines()[4:]  # after the diff and hunk headers
    return [line[1:] for line in lines if line.startswith("-")], [line[1:] for line in lines if line.startswith("+")]


def change_one_character(repo: Path) -> None:
    path = repo / SEED_MEETING
    path.write_text(path.read_text(encoding="utf-8").replace(ANSWER, ANSWER.replace("目標", "目的"), 1),
                    encoding="utf-8")


@pytest.mark.parametrize("locale", LOCALES)
def test_git_setup_splits_japanese_by_character(records: Path, capsys: pytest.CaptureFixture[str],
                                                locale: str) -> None:
    change_one_character(records)
    removed, added = word_diff(records, locale)
    assert len(removed) == len(added) == 1 and len(removed[0]) > 1  # without the regex, one long word
    assert main(["--repo", str(records), "git-setup"]) == 0
    assert "wrote diff.daicho-toml.wordRegex" in capsys.readouterr().out
    assert word_diff(records, locale) == (["標"], ["的"])


def test_readme_config_line_is_the_same(records: Path) -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if line.startswith(f"git config {CONFIG_KEY} ")]
    assert len(lines) == 1
    subprocess.run(["bash", "-c", lines[0]], cwd=records, env={**os.environ, **GIT_ENV}, check=True)
    stored = subprocess.run(["git", "config", "--get", CONFIG_KEY], cwd=records, capture_output=True,
                            check=True).stdout
    assert stored == WORD_REGEX + b"\n"
    change_one_character(records)
    for locale in LOCALES:
        assert word_diff(records, locale) == (["標"], ["的"])


def test_ascii_runs_stay_words(records: Path) -> None:
    assert main(["--repo", str(records), "git-setup"]) == 0
    path = records / SEED_MEETING
    path.write_text(path.read_text(encoding="utf-8").replace('theme = "online-procedures"', 'theme = "bpr"', 1),
                    encoding="utf-8")
    assert word_diff(records, "C") == (['"online-procedures"'], ['"bpr"'])


def test_check(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--repo", str(records), "git-setup", "--check"]) == 1
    assert "is not set; run daicho git-setup" in capsys.readouterr().err
    assert main(["--repo", str(records), "git-setup"]) == 0
    assert main(["--repo", str(records), "git-setup", "--check"]) == 0
    git(records, "rm", "--quiet", ".gitattributes")
    capsys.readouterr()
    assert main(["--repo", str(records), "git-setup", "--check"]) == 1
    assert "add the line `*.toml diff=daicho-toml` to .gitattributes" in capsys.readouterr().err


def test_not_a_git_repository(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--repo", str(repo), "git-setup"]) == 2
    assert capsys.readouterr().err == (f"daicho git-setup: {repo} is not in a git repository; "
                                       "git-setup configures a clone\n")
