"""Editing a secretariat can trust, headless (issue 18): a repository started from an empty folder,
undo that stops at the last save and names what it changed, a new record unsaved until written,
a person filled from an advisor's affiliations of that fiscal year, a copy's choices, an advisor's
id proposed from the reading, and the values a form's fields parse."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from schema.edit.draft import Draft
from schema.edit.session import CopyChoices, EditSession, proposed_advisor_id
from schema.edit.values import parse_value
from schema.files.repofiles import find_root, missing_root_files
from schema.load.loader import load_repository
from schema.models import Meeting
from tests.helpers import SEED_MEETING

MEETING_ID = "2022-10-05-kanto-advisor-meeting"


def session(repo: Path) -> EditSession:
    return EditSession(repo, load_repository(repo).records)


# -- bug 1: a new bureau starts from an empty folder ------------------------------------------------


def test_an_empty_folder_is_an_empty_valid_repository(tmp_path: Path) -> None:
    assert missing_root_files(tmp_path) == []
    assert load_repository(tmp_path).problems == []
    (tmp_path / "themes.toml").write_text("", encoding="utf-8")
    assert sorted(p.path for p in missing_root_files(tmp_path)) == ["advisors.toml", "municipalities.toml"]
    assert {p.code for p in missing_root_files(tmp_path)} == {"E111"}


def test_the_commands_take_an_empty_git_folder_as_an_empty_repository(tmp_path: Path) -> None:
    """daicho in a folder of a new git work tree: validate finds nothing wrong, export writes empty
    tables, the UI's lists say there are no records yet (not that a file did not load)."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "sub").mkdir()
    for command in (["validate"], ["export", "--output", str(tmp_path / "out")]):
        done = subprocess.run([sys.executable, "-m", "daicho", *command], cwd=tmp_path / "sub",
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert (tmp_path / "out" / "themes.csv").is_file()
    assert load_repository(tmp_path).records.unloaded == set()


def test_the_repository_is_found_at_the_git_work_tree_s_root(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    inner = tmp_path / "docs" / "notes"
    inner.mkdir(parents=True)
    assert find_root(inner) == tmp_path.resolve()


def test_the_first_record_of_a_kind_creates_its_file_and_folder(tmp_path: Path) -> None:
    edits = session(tmp_path)
    themes = edits.open("themes.toml")
    assert themes.original is None and themes.doc == {}
    themes.put(("themes",), "open-data", {"label": "オープンデータ", "label_en": "Open data"})
    meeting = edits.new_meeting(dt.date(2024, 7, 3), "advisor-meeting", "online", "会議", "tohoku")
    assert edits.problems() == {}
    edits.save()
    assert (tmp_path / "themes.toml").read_text(encoding="utf-8") == (
        '[themes.open-data]\nlabel = "オープンデータ"\nlabel_en = "Open data"\n')
    assert (tmp_path / meeting.relpath).is_file()
    result = load_repository(tmp_path)
    assert result.problems == [], result.problems  # the other root files were written too, empty
    assert list(result.records.themes) == ["open-data"]


# -- bug 4: undo belongs to the session and stops at its last save ------------------------------------


def test_undo_stops_at_the_last_save_and_names_what_it_changed(repo: Path) -> None:
    edits = session(repo)
    draft = edits.open(SEED_MEETING)
    draft.set(("agenda", 4, "unnamed"), [{"role": "respondents", "description": "アドバイザー", "count": 3}])
    draft.set(("title",), "saved title")
    edits.save()
    assert draft.undo() is None  # the saved change does not come back as unsaved
    assert not draft.dirty
    draft.set(("agenda", 1, "title"), "changed")
    undone = draft.undo()
    assert undone is not None and undone.paths == [("agenda", 1, "title")]
    assert draft.get(("title",)) == "saved title"
    assert draft.get(("agenda", 4, "unnamed")) == [{"role": "respondents", "description": "アドバイザー", "count": 3}]
    redone = draft.redo()
    assert redone is not None and redone.paths == [("agenda", 1, "title")]


# -- bug 5: a new record is unsaved until its file is written -----------------------------------------


def test_a_new_meeting_is_unsaved_until_written(repo: Path) -> None:
    edits = session(repo)
    draft = edits.new_meeting(dt.date(2024, 2, 8), "consultation-session", "online", "相談会", "kanto")
    assert draft.dirty
    edits.save()
    assert not draft.dirty


# -- a person from an advisor, a copy, a new advisor's id ---------------------------------------------


def test_a_person_from_an_advisor_has_that_year_s_posts_as_the_seed_writes_them(repo: Path) -> None:
    edits = session(repo)
    _, person = edits.person_from_advisor("okamura-hisakazu", 2022)
    assert person["title"] == "亜細亜大学都市創造学部教授 ボルタージャパン顧問"
    _, later = edits.person_from_advisor("okamura-hisakazu", 2030)
    assert "title" not in later  # no affiliation of that year: nothing guessed


def test_a_copy_keeps_what_the_user_chooses(repo: Path) -> None:
    edits = session(repo)
    seed: Meeting = edits.records.meetings[MEETING_ID]
    doc = seed.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    doc["parts"] = {"part1": {"title": "第1部", "audience": "自治体職員"}}
    doc["agenda"][0]["part"] = "part1"
    doc["unnamed"] = [{"role": "facilitators", "description": "アドバイザー", "count": 3}]
    source = Meeting.model_validate(doc)
    kept = edits.copy_meeting(source, dt.date(2023, 10, 4), choices=CopyChoices(
        refresh_titles=False, clear_audiences=False, keep_unnamed=True))
    assert kept.doc["unnamed"] == [{"role": "facilitators", "description": "アドバイザー", "count": 3}]
    assert kept.doc["parts"]["part1"]["audience"] == "自治体職員"
    assert kept.doc["people"]["okamura"]["title"] == "亜細亜大学都市創造学部教授 ボルタージャパン顧問"
    cleared = edits.copy_meeting(source, dt.date(2030, 10, 4), choices=CopyChoices(
        refresh_titles=True, clear_audiences=True, keep_unnamed=False))
    assert "unnamed" not in cleared.doc
    assert "audience" not in cleared.doc["parts"]["part1"]
    assert "title" not in cleared.doc["people"]["okamura"]  # no post of FY2030 known


def test_a_new_advisor_s_id_is_proposed_from_the_reading() -> None:
    assert proposed_advisor_id("おかむら ひさかず") == "okamura-hisakazu"
    assert proposed_advisor_id("さいとう りえ") == "saito-rie"
    assert proposed_advisor_id("") == ""


# -- bug 2: every type a form holds parses from what is typed -----------------------------------------


@pytest.mark.parametrize(("kind", "text", "value"), [
    ("int", "2024", 2024), ("int", "２０２４", 2024), ("date", "2024-07-03", dt.date(2024, 7, 3)),
    ("time", "9:30", dt.time(9, 30)), ("text", " x ", "x"), ("int", "", None),
])
def test_typed_values_parse_to_their_type(kind: str, text: str, value: object) -> None:
    assert parse_value(kind, text) == value


def test_draft_of_a_missing_root_file_is_new(tmp_path: Path) -> None:
    draft = session(tmp_path).open("advisors.toml")
    assert isinstance(draft, Draft) and draft.dirty
