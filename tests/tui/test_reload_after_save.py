"""After a save the interface loads again only what the save changed (schema.read.reload.reload_files:
the files through the model cache, the index updated in place); what it then holds is what a whole
load of the repository gives: the same records, problems and cross-reference index."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from schema.edit.session import EditSession
from schema.load.loader import RepositoryLoader, load_repository
from schema.load.modelcache import ModelCache
from schema.models import Target
from schema.read.reload import reload_files
from schema.read.xref import CrossIndex, build_index
from tests.helpers import SEED_MEETING, copy_records
from tui.data import RepoData


def loaded(repo: Path) -> tuple[RepoData, ModelCache]:
    """The repository as the interface's first load holds it (through the model cache)."""
    cache = ModelCache(repo)
    loader = RepositoryLoader(repo, cache=cache, keep_sources=False)
    loader.load_roots()
    result = loader.finish()
    data = RepoData(repo=repo)
    data.complete(result.records, result.problems, {}, build_index(result.records))
    return data, cache


def index_state(index: CrossIndex) -> tuple[object, ...]:
    return index.consultations, index.by_id, {k: v for k, v in index._mentions.items() if v}


def assert_as_loaded_afresh(data: RepoData) -> None:
    fresh = load_repository(data.repo)
    assert data.records.meetings == fresh.records.meetings
    assert list(data.records.meetings) == list(fresh.records.meetings)
    assert (data.records.advisors, data.records.themes) == (fresh.records.advisors, fresh.records.themes)
    assert data.problems == fresh.problems
    assert index_state(data.index) == index_state(build_index(fresh.records))


def rename_advisor(repo: Path) -> list[str]:
    session = EditSession(repo, load_repository(repo).records)
    return [c.relpath for c in session.save(session.rename_record(Target.ADVISOR, "okamura-hisakazu",
                                                                    "okamura-h")).changes]


def retitle_and_move(repo: Path) -> list[str]:
    path = repo / SEED_MEETING
    text = path.read_text(encoding="utf-8").replace("オンライン相談会", "相談会", 1)
    path.write_text(text, encoding="utf-8")
    shutil.copy(path, repo / "meetings" / "2023-10-04-kanto-advisor-meeting.toml")
    copy = repo / "meetings" / "2023-10-04-kanto-advisor-meeting.toml"
    copy.write_text(text.replace('id = "2022-10-05-kanto-advisor-meeting"', 'id = "2023-10-04-kanto-advisor-meeting"')
                    .replace("date = 2022-10-05", "date = 2023-10-04"), encoding="utf-8")
    return [SEED_MEETING, "meetings/2023-10-04-kanto-advisor-meeting.toml"]


def break_a_reference(repo: Path) -> list[str]:
    path = repo / "themes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[themes.dx-talent]", "[themes.dx-talents]"), encoding="utf-8")
    return ["themes.toml"]


def misname_a_theme(repo: Path) -> list[str]:
    """A meeting names a theme that is not there: its own problem, located."""
    path = repo / SEED_MEETING
    path.write_text(path.read_text(encoding="utf-8").replace('"dx-talent"', '"dx-talant"'), encoding="utf-8")
    return [SEED_MEETING]


def delete_a_meeting(repo: Path) -> list[str]:
    (repo / SEED_MEETING).unlink()
    return [SEED_MEETING]


@pytest.mark.parametrize("told", [True, False], ids=["files-named", "anything"])
@pytest.mark.parametrize("change", [rename_advisor, retitle_and_move, break_a_reference, misname_a_theme,
                                    delete_a_meeting])
def test_reloading_what_a_save_wrote_gives_what_a_whole_load_gives(
        tmp_path: Path, change: Callable[[Path], list[str]], told: bool) -> None:
    repo = copy_records(tmp_path / "repo")
    data, cache = loaded(repo)
    before = index_state(data.index)
    written = change(repo)
    data.cache = cache
    reload_files(data, repo, written if told else None)
    assert_as_loaded_afresh(data)
    assert cache.changed() == []  # the watch for files changed on disk does not report the save
    assert index_state(data.index) != before or data.problems  # the change was seen
    assert data.generation == 1
