"""Fixtures of every test package (helpers in tests/helpers.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import textual._wait
import textual.screen
from hypothesis import HealthCheck, settings

from tests.helpers import PROJECT, copy_records

# Pilot (Textual's test driver) takes the app for idle, after each key and pause, once a sleep of
# SLEEP_GRANULARITY (1/50 s) passes with under SLEEP_IDLE of CPU time; the screen redraws on a
# timer of UPDATE_PERIOD (1/60 s), so that a wait outlasts a redraw. Most of a UI test's time went
# to those sleeps: the same waits, in the same order (a sleep outlasts a redraw), eight times
# shorter. (pytest-textual-snapshot imports Textual before this file: UPDATE_PERIOD is set here
# rather than by TEXTUAL_FPS.)
textual._wait.SLEEP_GRANULARITY = 1 / 400
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20
textual.screen.UPDATE_PERIOD = 1 / 1000  # type: ignore[misc]

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE: "default" for `make test` (100 examples a
# property, or the count it names: tests.helpers.examples), "quick" for `make check` (a tenth),
# "thorough" for a deeper run (ten times: HYPOTHESIS_PROFILE=thorough make test).
for _name, _examples in (("default", 100), ("quick", 10), ("thorough", 1000)):
    settings.register_profile(_name, deadline=None, max_examples=_examples,
                              suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


POSIX_ONLY: dict[str, frozenset[str] | None] = {
    # a pseudo-terminal (bench/ptyterm.py), a virtual environment's bin/, bash
    "tests/bench/test_tui_e2e.py": None,
    "tests/bench/test_edit_e2e.py": None,
    "tests/cli/test_installed.py": None,
    "tests/cli/test_clash.py": None,
    "tests/cli/test_workflow.py": None,  # runs the steps with bash, as GitHub's Linux runner does
    "tests/cli/test_save_faults.py": None,  # SIGKILL
    "tests/cli/test_gitsetup.py": frozenset({"test_readme_config_line_is_the_same"}),  # bash
    "tests/cli/test_precommit.py": frozenset({"test_pre_commit_runs_the_published_hooks"}),
    # symbolic links, named pipes, devices, permission bits and hard links as POSIX has them
    "tests/schema/models/test_writer.py": frozenset({"test_atomic_write_keeps_permissions",
                                                     "test_atomic_write_follows_a_symlink"}),
    "tests/schema/load/test_hostile.py": frozenset({
        "test_cache_folder_that_is_a_link_is_not_used",
        "test_cache_entries_that_are_links_or_devices_are_never_read_nor_written_through",
        "test_data_files_and_meetings_leaving_the_repository_are_refused",
        "test_a_meeting_that_links_out_is_one_problem_naming_the_link",
        "test_owner_and_mode_are_kept", "test_read_only_and_hard_linked_files_are_refused"}),
    "tests/cli/test_render.py": frozenset({"test_render_writes_a_file_atomically"}),
    "tests/cli/test_hostile_cli.py": frozenset({"test_fmt_refuses_read_only_and_hard_linked_files"}),
    "tests/cli/test_repo_files.py": frozenset({
        "test_a_named_pipe_is_not_read", "test_a_link_to_a_device_is_not_read",
        "test_a_root_file_that_is_a_pipe_is_an_io_error", "test_a_link_to_a_meeting_file_is_a_meeting"}),
    "tests/cli/test_export.py": frozenset({"test_writes_stay_inside_the_output_folder"}),
}
"""The tests that need what only POSIX systems have, marked `posix`: module → its tests that do
(None: all of them). The portable workflow (.github/workflows/portable.yml) runs the rest on
Linux, Windows and macOS: `pytest -m "not posix"`. A new test of links, pipes, permission bits, a
pty, bash or make belongs here."""


SLOW: dict[str, frozenset[str] | None] = {
    # the real program in a pseudo-terminal, waiting for its screens
    "tests/bench/test_tui_e2e.py": None,
    "tests/bench/test_edit_e2e.py": None,
    # packaging: a wheel built and installed in a new environment, pre-commit's own environment
    "tests/cli/test_installed.py": None,
    "tests/cli/test_clash.py": None,
    "tests/cli/test_precommit.py": None,
    "tests/cli/test_workflow.py": None,
    # processes killed at every point of a save
    "tests/cli/test_save_crash.py": None,
    "tests/cli/test_save_faults.py": None,
    # pictures of every screen, and whole records typed through the UI
    "tests/tui/test_tui_snapshots.py": None,
    "tests/tui/test_guide_snapshots.py": None,
    "tests/tui/test_new_bureau_end_to_end.py": None,
    "tests/tui/test_editing.py": frozenset({"test_the_seed_meeting_typed_through_the_ui_is_saved_as_shipped"}),
}
"""The slow tests, marked `slow` (module → its slow tests; None: all of them): `make test` runs
them, `make check` (the inner loop, `-m "not slow"`) leaves them out."""

MARKS = {"posix": POSIX_ONLY, "slow": SLOW}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = Path(str(item.fspath)).resolve().relative_to(PROJECT).as_posix()
        for mark, table in MARKS.items():
            if module not in table:
                continue
            names = table[module]
            if names is None or item.originalname in names:  # type: ignore[attr-defined]
                item.add_marker(mark)


@pytest.fixture(autouse=True, scope="session")
def _cache_key_in_a_temporary_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The cache-signing key goes to a temporary folder, not the user's ~/.cache."""
    from schema.files.cache import signing_key

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    signing_key.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def _english_locale() -> None:
    """Messages follow the locale (schema.words.i18n.detect_lang): tests run in an English one whatever
    the developer's, and the tests of Japanese ask for it (--lang ja, LANG=ja_JP.UTF-8)."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        os.environ.pop(name, None)
    os.environ["LANG"] = "C.UTF-8"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the shipped records."""
    return copy_records(tmp_path / "repo")
