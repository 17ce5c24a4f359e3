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
    "tests/tui/test_input_ended.py": None,
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
    # and each test that took 0.6 s or more in a `make check` run on 2 CPUs (`pytest --durations`)
    "tests/bench/test_generator.py": frozenset({"test_diff_bench_measures_every_case"}),
    "tests/cli/test_diff.py": frozenset({"test_markdown_is_capped_and_says_what_it_left_out"}),
    "tests/cli/test_hostile_cli.py": frozenset({"test_concurrent_fmt_runs_all_succeed",
        "test_names_that_are_not_utf8_or_hold_a_newline_in_every_format", "test_problems_are_capped_in_every_format"}),
    "tests/cli/test_intake.py": frozenset({"test_the_seed_meeting_filled_from_made_up_exports"}),
    "tests/docs/test_architecture.py": frozenset({"test_a_moved_module_makes_the_picture_stale",
        "test_a_new_import_between_layers_is_counted", "test_an_import_upwards_is_never_drawn"}),
    "tests/schema/files/test_portable.py": frozenset({"test_spawned_workers_give_what_the_serial_run_gives"}),
    "tests/schema/load/test_hostile.py": frozenset({"test_unknown_fields_are_capped_and_counted_in_linear_time"}),
    "tests/schema/words/test_localized_messages.py": frozenset({
        "test_every_message_the_code_says_exists_with_its_placeholders"}),
    "tests/test_import_hygiene.py": frozenset({"test_the_probes_can_fail"}),
    "tests/tui/test_daily_use.py": frozenset({"test_files_changed_on_disk_are_noticed",
        "test_the_palette_ranks_a_record_s_own_id_first_and_reaches_consultations",
        "test_theme_ids_and_labels_in_both_languages_whatever_the_language"}),
    "tests/tui/test_editing.py": frozenset({"test_a_file_changed_on_disk_is_not_overwritten",
        "test_change_a_title_one_line_and_everywhere", "test_escape_asks_about_unsaved_changes",
        "test_problems_beside_the_field_and_a_save_refused", "test_rename_an_advisor_named_by_several_meetings",
        "test_the_app_s_keys_do_not_leave_a_form_and_quitting_asks",
        "test_the_seed_meeting_typed_through_the_ui_is_saved_as_shipped", "test_undo_and_redo_in_a_form"}),
    "tests/tui/test_editing_trust.py": frozenset({"test_a_fiscal_year_added_to_an_advisor_is_a_number",
        "test_a_form_left_without_saving_starts_afresh", "test_a_new_bureau_starts_from_an_empty_git_folder",
        "test_a_new_meeting_asks_the_bureau_and_the_slug_follows", "test_a_person_still_named_is_said_in_words",
        "test_additions_come_out_in_the_order_they_were_made", "test_an_undo_says_what_it_changed_and_moves_there",
        "test_each_kind_of_field_takes_real_keys", "test_the_breadcrumb_follows_a_changed_title",
        "test_undo_does_not_reach_past_a_save_and_a_form_left"}),
    "tests/tui/test_field_help_tui.py": frozenset({"test_japanese_help_is_not_the_docstring"}),
    "tests/tui/test_intake_tui.py": frozenset({"test_a_path_that_cannot_be_used_is_said_in_one_line",
        "test_an_option_of_no_theme_is_given_one_in_the_dialog",
        "test_the_survey_and_the_questions_taken_in_from_the_meeting_s_screen"}),
    "tests/tui/test_one_save.py": frozenset({"test_every_write_of_the_interface_goes_through_the_session_s_one_save",
        "test_screens_below_are_told_of_a_rename_and_a_deletion_made_on_another"}),
    "tests/tui/test_prose_area.py": frozenset({"test_it_draws_what_text_area_draws"}),
    "tests/tui/test_tui_navigation.py": frozenset({"test_a_name_that_begins_with_the_query_comes_first",
        "test_command_palette_jumps_to_a_record", "test_english_and_japanese_labels",
        "test_every_reference_of_the_meeting_opens", "test_filter_open_follow_and_back",
        "test_first_screen_comes_before_the_whole_repository", "test_help_and_number_keys_from_a_record",
        "test_local_government_by_reading", "test_opens_an_empty_folder",
        "test_palette_says_no_matches_in_the_language", "test_q_types_into_the_filter_and_ctrl_q_quits"}),
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
    # The slow tests first (a stable sort keeps the order within each part): on `make test`'s
    # workers they start at once rather than at the end, where one of them alone made the run wait.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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
