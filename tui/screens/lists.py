"""A list of records with its incremental filter: meetings, consultations, advisors, local
governments, themes and problems all use this view with their own columns.

The filter and the list act as one: the rows are filtered as each character is typed (in the same
frame as the character appears), Up, Down, PageUp and PageDown move the list's cursor while the
filter keeps the keyboard, Enter opens the row under the cursor, and typing while the list has the
keyboard starts filtering. The words typed are highlighted in the rows. The consultations and the
problems have a preview of the row under the cursor below the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from schema.read.textmatch import Narrowing, filter_rows, query_terms
from tui.data import RefKind
from tui.listing import Row, columns, unloaded_files
from tui.preview import preview_text
from tui.views import ROOT_LISTS
from tui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from schema.read.readmodel import Ref
    from tui.app import DaichoApp


class FilterInput(Input):
    """The filter: the rows follow every change at once; Up, Down, PageUp and PageDown move the
    list's cursor; Escape clears, then leaves to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "keys.down", show=False),
        Binding("up", "move(-1)", "keys.up", show=False),
        Binding("pagedown", "page(1)", "keys.page_down", show=False),
        Binding("pageup", "page(-1)", "keys.page_up", show=False),
        Binding("escape", "clear_or_leave", "keys.clear_filter", id="clear_filter"),
    ]

    @property
    def view(self) -> RecordList | None:
        return self.parent if isinstance(self.parent, RecordList) else None

    def watch_value(self, value: str) -> None:
        # Filter here, not on Input.Changed (a message handled after this frame is drawn): the
        # filtered rows then appear in the same frame as the character typed.
        view = self.view
        if view is not None and view.loaded:
            view.apply_filter(value)

    def action_move(self, rows: int) -> None:
        if self.view is not None:
            table = self.view.table
            table.move_cursor(table.cursor + rows)

    def action_page(self, pages: int) -> None:
        if self.view is not None:
            (self.view.table.action_page_down if pages > 0 else self.view.table.action_page_up)()

    def action_leave(self) -> None:
        if self.view is not None:
            self.screen.set_focus(self.view.table)

    def action_clear_or_leave(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.action_leave()


class ListTable(RecordTable):
    """The list's table: a character typed while it has the keyboard goes to the filter (unless
    it is a key of the screen's, such as n for a new record); the preview follows the cursor in the
    same frame."""

    def highlighted(self) -> None:
        super().highlighted()
        if isinstance(self.parent, RecordList):
            self.parent.show_preview()

    def on_key(self, event: events.Key) -> None:
        view = self.parent
        if (isinstance(view, RecordList) and event.is_printable and event.character
                and not event.character.isspace() and event.key not in self.screen.active_bindings):
            event.stop()
            event.prevent_default()
            view.start_filter(event.character)


class RecordList(Vertical):
    """Filter, table, an optional preview and a status line (how many rows of how many)."""

    def __init__(self, kind: RefKind, *, preview: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="record-list")
        self.kind = kind
        self.preview = preview
        self.all_rows: list[Row] = []
        self.scope_rows: list[Row] = []
        """The rows listed while the filter is empty (the filter searches all of them)."""
        self.narrowing = Narrowing(self.all_rows)
        """The filter over `all_rows` (kept from key to key)."""
        self.loaded = False
        self.preview_shown = ""
        """The preview's text as last shown."""

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    def compose(self) -> ComposeResult:
        t = self.daicho.cat.t
        # Not selecting its text on focus: a character typed on the list is added to it.
        yield FilterInput(placeholder=t("filter.placeholder"), id=f"filter-{self.kind}",
                          classes="filter", select_on_focus=False)
        cols = columns(self.kind)
        yield ListTable(cols, [t(c.title) for c in cols], id=f"table-{self.kind}")
        if self.preview:
            self.preview_shown = ""
            yield Static("", id=f"preview-{self.kind}", classes=f"preview preview-{self.kind}",
                         markup=False)
        yield Static("", id=f"status-{self.kind}", classes="status", markup=False)

    def _empty_text(self) -> str:
        """What an empty table says: still loading, no records of the kind at all (or none that
        loaded: never described as absent), or none that the filter matches."""
        app = self.daicho
        t = app.cat.t
        if self.all_rows:
            return t("list.empty")
        data = app.data
        if not data.ready and not (self.kind in ROOT_LISTS and data.roots_ready):
            return t("list.wait")
        if self.kind == "problem":
            return t("list.no_problems")
        unloaded = unloaded_files(data, self.kind)
        if unloaded:
            return t("list.unloaded", files=unloaded)
        return t(f"list.none.{self.kind}")

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    @property
    def filter(self) -> Input:
        return self.query_one(FilterInput)

    def load(self) -> None:
        """Fill the table on first show (rows of a kind are built once, when first needed)."""
        if self.loaded:
            return
        self.loaded = True
        self._set_all(self.daicho.listing.rows(self.kind))
        self.apply_filter(self.filter.value)

    def _set_all(self, rows: list[Row]) -> None:
        self.all_rows = list(rows)
        self.scope_rows = [row for row in self.all_rows if row.scoped]
        self.narrowing = Narrowing(self.all_rows)

    def _rows_for(self, query: str) -> list[Row]:
        if not query:
            self.narrowing.forget()
            return self.scope_rows
        return self.narrowing.ranked(query)

    def reload(self, keep: Ref | None = None) -> None:
        """The repository finished loading (or changed): every row, the cursor kept on its record,
        or put on `keep` (a record just created)."""
        current = self.table.current_row
        self._set_all(self.daicho.listing.rows(self.kind))
        rows = self._rows_for(self.filter.value)
        self.table.empty = self._empty_text()
        self.table.set_rows(rows, keep=keep or (current.ref if current else None))
        self.update_status()

    def append(self, rows: list[Row]) -> None:
        """Rows loaded since (meetings arrive newest first, so they go at the end)."""
        self.all_rows.extend(rows)
        self.scope_rows.extend(row for row in rows if row.scoped)
        self.narrowing = Narrowing(self.all_rows)
        query = self.filter.value
        self.table.empty = self._empty_text()
        self.table.append_rows(filter_rows(rows, query) if query else rows)
        self.update_status()

    def apply_filter(self, query: str) -> None:
        rows = self._rows_for(query)
        table = self.table
        table.empty = self._empty_text()
        table.terms = query_terms(query)
        table.set_rows(rows)
        self.update_status()

    def start_filter(self, character: str) -> None:
        """A character typed on the list: the filter takes the keyboard, and the character."""
        field = self.filter
        self.screen.set_focus(field)
        field.insert_text_at_cursor(character)

    def update_status(self) -> None:
        app = self.daicho
        t = app.cat.t
        shown, total = len(self.table.rows), len(self.all_rows)
        if not self.filter.value and len(self.scope_rows) < total:
            text = t("list.count_scope", shown=shown, total=total)
        elif shown != total:
            text = t("list.count", shown=shown, total=total)
        else:
            text = t("list.count_all", total=total)
        if not app.data.ready:
            loaded, meetings = app.progress
            if self.kind in ROOT_LISTS and app.data.roots_ready:
                text = f"{text}  {t('list.counting', loaded=loaded, total=meetings)}"
            else:
                text = t("list.loading", loaded=loaded, total=meetings)
                if self.kind == "meeting":
                    text = f"{t('list.count_all', total=shown)}  {text}"
        self.query_one(f"#status-{self.kind}", Static).update(text, layout=False)

    def show_preview(self) -> None:
        """The row under the cursor, in more words (consultations: question and answers;
        problems: the problem in full)."""
        if not self.preview:
            return
        row = self.table.current_row
        text = preview_text(self.daicho.data, self.daicho.cat, row.ref) if row is not None else ""
        if text == self.preview_shown:  # the same row (a filter keystroke that kept it first)
            return
        self.preview_shown = text
        preview = self.query_one(f"#preview-{self.kind}", Static)
        preview.update(text)
        preview.set_class(bool(text), "-shown")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()  # the filter follows the value as it changes (FilterInput.watch_value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter opens the highlighted row (and leaves the filter, so that coming
        back lands on the list, where q quits)."""
        event.stop()
        table = self.table
        self.screen.set_focus(table)
        table.action_select()

    @on(RecordTable.Selected)
    def _selected(self, event: RecordTable.Selected) -> None:
        event.stop()
        self.daicho.open_ref(event.ref)

    @on(RecordTable.Highlighted)
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        event.stop()  # the preview followed already (ListTable.highlighted)
