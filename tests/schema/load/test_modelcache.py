"""The terminal UI's model cache (schema.load.modelcache): a warm load gives what a cold one gives,
checks only what changed, never trusts a cache that is not its own, and still locates references
that no longer resolve. Also the memory measures of the records it loads (shared strings and field
sets), and the lean loading the UI uses."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema.files.cache import CACHE_DIR
from schema.load.loader import LoadResult, RepositoryLoader, load_repository
from schema.load.modelcache import CACHE_NAME, ModelCache
from schema.models import Meeting, Theme
from schema.models.common import share_field_sets
from schema.models.examples import EXAMPLE_FILES
from tests.helpers import SEED_MEETING, break_repo, make_repo, make_v2_repo


def load(root: Path) -> tuple[LoadResult, ModelCache]:
    """As the terminal UI loads: through the cache, lean, in steps; then the cache is written."""
    cache = ModelCache(root)
    loader = RepositoryLoader(root, cache=cache, keep_sources=False)
    loader.load_roots()
    while not loader.done:
        loader.step(1)
    result = loader.finish()
    cache.save()
    return result, cache


def settle(root: Path) -> None:
    """Every data file as if written long ago (so that its stat alone says it did not change)."""
    old = time.time_ns() - 60_000_000_000
    for path in [*root.glob("*.toml"), *root.glob("meetings/*.toml")]:
        os.utime(path, ns=(old, old))


@pytest.mark.parametrize("fixture", ["tui", "broken", "v2"])
def test_a_warm_load_gives_what_a_cold_one_gives(fixture: str, tmp_path: Path) -> None:
    root = {"tui": make_repo, "broken": lambda p: break_repo(make_repo(p)), "v2": make_v2_repo}[fixture](
        tmp_path / "records")
    expected = load_repository(root)
    cold, cache = load(root)
    assert cache.hits == 0
    settle(root)
    warm, cache = load(root)
    files = len([*root.glob("*.toml"), *root.glob("meetings/*.toml")])
    assert cache.hits == files  # a file that does not parse too: its problems are kept
    for result in (cold, warm):
        assert result.records == expected.records
        assert list(result.records.meetings) == list(expected.records.meetings)
        assert result.problems == expected.problems
        assert result.sources == {}  # lean: no texts kept


def test_only_the_changed_file_is_checked_again(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    load(root)
    settle(root)
    meeting = root / SEED_MEETING
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("オンライン相談会", "相談会"), encoding="utf-8")
    result, cache = load(root)
    assert cache.hits == 3  # the three root files
    assert result.records.meetings["2022-10-05-kanto-advisor-meeting"].agenda[4].title == "相談会"


def test_a_reference_that_no_longer_resolves_is_located_in_a_cached_file(tmp_path: Path) -> None:
    """The meeting comes from the cache; its theme was removed from themes.toml since: the problem
    is found and placed at the value in the meeting's file."""
    root = make_repo(tmp_path / "records")
    load(root)
    settle(root)
    themes = root / "themes.toml"
    text = themes.read_text(encoding="utf-8")
    start = text.index("[themes.dx-talent]")
    themes.write_text(text[:start] + text[text.index("[themes.online-procedures]"):], encoding="utf-8")
    result, cache = load(root)
    assert cache.hits == 3  # all but themes.toml
    named = [n for n, line in enumerate((root / SEED_MEETING).read_text(encoding="utf-8").split("\n"), start=1)
             if '"dx-talent"' in line]
    assert len(named) == 3  # the meeting's themes, and two topics
    assert [(p.path, p.code, p.line, p.col) for p in result.problems if p.path == SEED_MEETING] == [
        (SEED_MEETING, "E304", named[0], 5), (SEED_MEETING, "E304", named[1], 9), (SEED_MEETING, "E304", named[2], 9)]
    assert result.problems == load_repository(root).problems


@pytest.mark.parametrize("damage", ["signature", "body", "truncated", "garbage"])
def test_a_cache_that_is_not_its_own_is_not_trusted(tmp_path: Path, damage: str) -> None:
    root = make_repo(tmp_path / "records")
    load(root)
    settle(root)
    path = root / CACHE_DIR / CACHE_NAME
    data = path.read_bytes()
    damaged = {"signature": data[:-1] + (b"0" if data[-1:] != b"0" else b"1"),
               "body": data.replace(b"oyama", b"oyamb", 1),
               "truncated": data[: len(data) // 2],
               "garbage": b"\x00" * 100}[damage]
    assert damaged != data
    path.write_bytes(damaged)
    result, cache = load(root)
    assert cache.hits == 0  # everything checked again
    assert result.records == load_repository(root).records
    assert path.read_bytes() != damaged  # and the cache written afresh


def test_a_cache_of_other_code_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path / "records")
    load(root)
    settle(root)
    monkeypatch.setattr("schema.load.modelcache.code_version", lambda: "another version")
    _, cache = load(root)
    assert cache.hits == 0


def test_every_field_of_every_model_survives_the_cache(tmp_path: Path) -> None:
    """The example records set every field: what the cache holds gives them back equal."""
    root = tmp_path / "records"
    (root / "meetings").mkdir(parents=True)
    for name, text in EXAMPLE_FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    expected = load_repository(root)
    load(root)
    settle(root)
    warm, cache = load(root)
    assert cache.hits == len(EXAMPLE_FILES)
    assert warm.records == expected.records and warm.problems == expected.problems


def test_the_files_changed_on_disk_are_named(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    _, cache = load(root)
    assert cache.changed() == []
    (root / "themes.toml").write_text((root / "themes.toml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (root / SEED_MEETING).unlink()
    assert cache.changed() == [SEED_MEETING, "themes.toml"]


def test_short_strings_are_shared_between_files(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "records")
    source = root / SEED_MEETING
    (root / "meetings" / "2022-11-05-kanto-advisor-meeting.toml").write_text(
        source.read_text(encoding="utf-8").replace("2022-10-05", "2022-11-05"), encoding="utf-8")
    result, _ = load(root)
    first, second = result.records.meetings.values()
    assert first.people["okamura"].name is second.people["okamura"].name


def test_records_given_the_same_fields_share_one_set_until_one_changes() -> None:
    a, b = Theme(label="甲", label_en="a"), Theme(label="乙", label_en="b")
    assert a.model_fields_set is not b.model_fields_set  # records made and dropped: not shared
    share_field_sets([a, b])
    assert a.model_fields_set is b.model_fields_set == {"label", "label_en"}
    a.note = "x"
    assert a.model_fields_set == {"label", "label_en", "note"}
    assert b.model_fields_set == {"label", "label_en"}
    copied = b.model_copy(update={"description": "y"})
    assert copied.model_fields_set == {"label", "label_en", "description"}
    assert b.model_fields_set == {"label", "label_en"}


@given(st.lists(st.sampled_from(["description", "note", "kana"]), unique=True))
def test_the_shared_field_sets_are_the_fields_given(given_fields: list[str]) -> None:
    values = {"label": "甲", "label_en": "a", **{name: "x" for name in given_fields}}
    theme = Theme.model_validate(values)
    share_field_sets([theme, Theme(label="乙", label_en="b")])
    assert theme.model_fields_set == set(values)
    assert Theme.model_validate_json(theme.model_dump_json(exclude_defaults=True)) == theme


def test_a_meeting_from_the_cache_equals_the_checked_one(tmp_path: Path) -> None:
    root = make_v2_repo(tmp_path / "records")
    cold = load_repository(root).records.meetings
    load(root)
    settle(root)
    warm, _ = load(root)
    for meeting_id, meeting in cold.items():
        cached = warm.records.meetings[meeting_id]
        assert isinstance(cached, Meeting) and cached == meeting
        assert cached.model_dump() == meeting.model_dump()


@pytest.mark.parametrize("warm", [False, True], ids=["checked", "from the cache"])
def test_records_loaded_through_the_cache_share_their_field_sets(tmp_path: Path, warm: bool) -> None:
    """The UI's records (loaded through the model cache, checked or from its JSON) share one set of
    given fields per combination: the memory the sharing is for."""
    root = make_repo(tmp_path / "records")
    source = root / SEED_MEETING
    (root / "meetings" / "2022-11-05-kanto-advisor-meeting.toml").write_text(
        source.read_text(encoding="utf-8").replace("2022-10-05", "2022-11-05"), encoding="utf-8")
    result, cache = load(root)
    if warm:  # load() wrote the cache: this load reads the models' JSON
        result, cache = load(root)
        assert cache.hits > 0
    first, second = result.records.meetings.values()
    assert first.model_fields_set is second.model_fields_set
    assert first.people["okamura"].model_fields_set is second.people["okamura"].model_fields_set
