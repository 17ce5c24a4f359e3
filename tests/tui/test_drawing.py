"""What keeps the UI quick as a person sees it (issue 10's speed): an action draws its finished
screen in one frame, a filter keystroke lays out nothing it need not, and the collector does not
walk the session's records between keys."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.helpers import SIZE, ready
from tui.app import DaichoApp, create_app
from tui.loading import COLLECT_EVERY
from tui.screens.detail import DetailScreen
from tui.screens.edit import EditScreen
from tui.widgets.document import DocumentView
from tui.widgets.record_table import RecordTable


async def loaded_then(app: DaichoApp, pilot: Pilot[int], *keys: str) -> None:
    """Once the repository is loaded, `keys` pressed one by one (Enter on the meetings list opens
    the newest meeting)."""
    await ready(app, pilot)
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_a_record_opens_finished_in_its_first_frame(tui_repo: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """When the document draws its first line, its text is wrapped, the scrollbar knows its length
    and the cursor is on the first link: no second and third frame to draw the scrollbar's thumb and
    the cursor (an open meeting settled 50 ms later so)."""
    seen: list[tuple[int, int, int, int | None]] = []
    original = DocumentView.render_line

    def render_line(view: DocumentView, y: int) -> object:
        if not seen:
            seen.append((len(view._lines), view.virtual_size.height,
                         view.vertical_scrollbar.window_virtual_size, view.cursor))
        return original(view, y)

    monkeypatch.setattr(DocumentView, "render_line", render_line)
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await loaded_then(app, pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        view = app.screen.query_one(DocumentView)
        lines, virtual, scrollbar, cursor = seen[0]
        assert lines == len(view._lines) > SIZE[1]
        assert virtual == scrollbar == lines
        assert cursor is not None and cursor == view.links[0]


async def test_a_form_opens_with_its_field_s_help_in_its_first_frame(
        tui_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first field is focused and its help written before the form is first drawn, not by the
    focus's message a frame later (the form settled 60 ms after it showed so)."""
    first_frame: list[str] = []
    original = EditScreen._compositor_refresh

    def compositor_refresh(screen: EditScreen) -> None:
        if not first_frame and screen.is_current:
            first_frame.append(str(screen.query_one("#field-help", Static).content))
        original(screen)

    monkeypatch.setattr(EditScreen, "_compositor_refresh", compositor_refresh)
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await loaded_then(app, pilot, "enter", "e")
        assert isinstance(app.screen, EditScreen)
        shown = str(app.screen.query_one("#field-help", Static).content)
        assert shown and first_frame == [shown]


async def test_new_rows_lay_out_nothing_but_tell_the_scrollbar(tui_repo: Path) -> None:
    """A table's height does not follow its rows: new rows (a filter keystroke) ask for no layout of
    the screen, and the scrollbar has the new length at once."""
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await loaded_then(app, pilot, "4")
        table = app.screen.query_one("#table-municipality", RecordTable)
        rows = list(table.rows)
        assert len(rows) > 2
        many = rows * (SIZE[1] // len(rows) + 2)  # more rows than the screen has lines
        table.set_rows(many)  # the scrollbar shows: that is a layout
        await pilot.pause()
        assert table.show_vertical_scrollbar and not table._layout_required
        table.set_rows(many[:-1])  # fewer rows, still scrolling: no layout
        assert not table._layout_required
        assert table.virtual_size.height == table.vertical_scrollbar.window_virtual_size == len(many)
        table.set_rows(rows[:2])  # the scrollbar goes
        await pilot.pause()
        assert not table.show_vertical_scrollbar and table.virtual_size.height == 3


async def test_the_preview_is_not_drawn_again_for_the_same_row(tui_repo: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await loaded_then(app, pilot, "2")
        preview = app.screen.query_one("#preview-consultation", Static)
        updates: list[object] = []
        original = Static.update

        def update(static: Static, *args: object, **kwargs: object) -> None:
            if static is preview:
                updates.append(args)
            original(static, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Static, "update", update)
        first = str(preview.render())
        await pilot.press("slash", *"オン")  # the first consultation (…オンライン化…) stays first
        assert str(preview.render()) == first and updates == []
        await pilot.press("down")  # another row: another preview
        assert len(updates) == 1 and str(preview.render()) != first


async def test_the_collector_leaves_the_session_s_records_alone(tui_repo: Path) -> None:
    """Once loaded, the records and the lists' rows are frozen (a full collection no longer walks
    them) and young objects are collected every COLLECT_EVERY, not every 700; leaving restores the
    collector's thresholds."""
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    app = create_app(tui_repo, "ja")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            assert gc.get_threshold() == (COLLECT_EVERY, *before[1:])
            assert gc.get_freeze_count() > frozen

            def unfrozen_rows() -> list[list[object]]:
                built = list(app.listing._rows.values())  # every list's rows, built in a thread
                walked = {id(thing) for thing in gc.get_objects()}
                return [rows for rows in built if id(rows) in walked or (rows and id(rows[0]) in walked)]

            for _ in range(50):  # the rows are built in a thread after the load, then frozen
                if len(app.listing._rows) >= 5 and not unfrozen_rows():
                    break
                await pilot.pause(0.1)
            assert len(app.listing._rows) >= 5 and unfrozen_rows() == []
        assert gc.get_threshold() == before
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
