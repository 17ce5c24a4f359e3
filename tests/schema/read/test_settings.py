"""daicho.toml, the repository's settings: optional, validated like every data file (file:line:col
problems, canonical layout), and the one place the repository's bureau comes from
(schema.read.repobureau), derived from the records where it says nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from daicho.main import main
from schema.load.loader import load_repository, parse_repository
from schema.models import Bureau, Records, Settings
from schema.read.repobureau import repository_bureau, repository_bureaus
from tests.helpers import PROJECT, copy_records, make_v2_repo


def test_a_repository_without_settings_or_meetings_is_valid(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "new"
    root.mkdir()
    for name in ("themes.toml", "municipalities.toml"):
        shutil.copy2(PROJECT / name, root / name)
    (root / "advisors.toml").write_text("\n", encoding="utf-8")
    assert main(["validate", "--repo", str(root)]) == 0, capsys.readouterr().out
    assert main(["fmt", "--check", "--repo", str(root)]) == 0, capsys.readouterr().out


def test_settings_are_checked_with_positions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "daicho.toml").write_text('bureau = "touhoku"\nlicense = "CC-BY-4.0"\n', encoding="utf-8")
    assert main(["validate", "--repo", str(repo)]) == 1
    out = capsys.readouterr().out
    assert 'daicho.toml:1:10: E203 bureau: ' in out and '(got "touhoku")' in out
    assert 'daicho.toml:2:1: E201 unknown field "license"' in out
    (repo / "daicho.toml").write_text("bureau   = 'tohoku'\n", encoding="utf-8")
    assert main(["validate", "--repo", str(repo), str(repo / "daicho.toml")]) == 0
    assert main(["fmt", "--check", "--repo", str(repo)]) == 1
    assert "daicho.toml" in capsys.readouterr().out
    assert main(["fmt", "--repo", str(repo), str(repo / "daicho.toml")]) == 0
    assert (repo / "daicho.toml").read_text(encoding="utf-8") == 'bureau = "tohoku"\n'


def test_the_loaders_keep_the_settings(repo: Path) -> None:
    (repo / "daicho.toml").write_text('bureau = "tohoku"\n', encoding="utf-8")
    for records in (load_repository(repo).records, parse_repository(repo)):
        assert records.settings == Settings(bureau=Bureau.TOHOKU)
        assert len(records.meetings) == 1 and "daicho.toml" not in records.meeting_paths.values()


def test_the_settings_name_the_repository_s_bureau(repo: Path) -> None:
    records = load_repository(repo).records
    assert repository_bureaus(records) == [Bureau.KANTO]  # its meeting's
    (repo / "daicho.toml").write_text('bureau = "tohoku"\n', encoding="utf-8")
    assert repository_bureaus(load_repository(repo).records) == [Bureau.TOHOKU]  # the settings win
    (repo / "daicho.toml").write_text('note = "まだ決めていない。"\n', encoding="utf-8")
    assert repository_bureau(load_repository(repo).records) == Bureau.KANTO  # no bureau said: derived


def test_the_derived_bureau_is_the_meetings_most_frequent_else_the_advisors(tmp_path: Path) -> None:
    v2 = load_repository(make_v2_repo(tmp_path / "v2")).records
    assert repository_bureau(v2) == Bureau.KANTO
    advisors_only = Records(advisors=v2.advisors)
    assert repository_bureau(advisors_only) == Bureau.KANTO
    assert repository_bureau(Records()) is None
    assert repository_bureaus(load_repository(copy_records(tmp_path / "kanto")).records) == [Bureau.KANTO]
