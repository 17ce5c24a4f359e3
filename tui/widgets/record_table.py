"""A virtual table of records: renders only the rows on screen (Line API), so that replacing its
rows on every filter keystroke costs a slice, not a rebuild of thousands of widgets or cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from schema.read.textmatch import normalize
from schema.words.sanitize import printable
from tui.data import Ref
from tui.listing import Column, Row
from tui.widgets.scrolling import set_virtual_size


def fit(text: str, width: int, align: str = "left", cut: str = "right") -> str:
    """`text` padded or cut to exactly `width` cells (wide characters count two), with an ellipsis
    where it is cut: at the end, or at the start where `cut` is "left" (…/kanto.toml:3:1)."""
    if width <= 0:
        return ""
    text = text.replace("\n", " ")
    length = cell_len(text)
    if length > width:
        if cut == "left":
            return "…" + _last_cells(text, width - 1)
        return set_cell_size(text, width - 1) + "…"
    if align == "right":
        return " " * (width - length) + text
    return text + " " * (width - length)


def _last_cells(text: str, width: int) -> str:
    """The end of `text` in exactly `width` cells (a wide character cut in two becomes a space)."""
    kept = 0
    start = len(text)
    while start > 0 and kept + cell_len(text[start - 1]) <= width:
        start -= 1
        kept += cell_len(text[start])
    return " " * (width - kept) + text[start:]


def column_widths(columns: Sequence[Column], width: int) -> list[int]:
    """Widths of the columns in `width` cells, 0 for a column not shown.

    Every column shown gets at least its width (a flexible column its minimum), and one cell
    before it. Where they do not all fit, columns give way in the order of their `drop` rank (1
    first) until the rest fit; the columns that say what a row is (`drop` 0) always stay. What is
    left over is shared by the flexible columns shown, in proportion to their `flex`.
    """
    shown = [True] * len(columns)

    def needed() -> int:
        return sum(c.width + 1 for c, on in zip(columns, shown, strict=True) if on)

    for _, number in sorted((c.drop, n) for n, c in enumerate(columns) if c.drop):
        if needed() <= width:
            break
        shown[number] = False
    spare = max(0, width - needed())
    flex_total = sum(c.flex for c, on in zip(columns, shown, strict=True) if on)
    widths = []
    given = flex_seen = 0
    for column, on in zip(columns, shown, strict=True):
        if not on:
            widths.append(0)
        elif not column.flex:
            widths.append(column.width)
        else:
            flex_seen += column.flex
            share = spare * flex_seen // flex_total - given
            given += share
            widths.append(column.width + share)
    return widths


class RecordTable(ScrollView, can_focus=True):
    """Rows of records with a header line and a cursor; Enter (or a click on the cursor row) posts
    `RecordTable.Selected`."""

    DEFAULT_CSS = """
    RecordTable {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        & > .record-table--header {
            color: $text-primary;
            background: $panel;
            text-style: bold;
        }
        & > .record-table--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .record-table--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .record-table--empty {
            color: $text-muted;
            text-style: italic;
        }
        & > .record-table--match {
            color: $text-accent;
            text-style: bold underline;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-table--header",
        "record-table--cursor",
        "record-table--empty",
        "record-table--match",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "keys.up", show=False),
        Binding("down", "cursor_down", "keys.down", show=False),
        Binding("pageup", "page_up", "keys.page_up", show=False),
        Binding("pagedown", "page_down", "keys.page_down", show=False),
        Binding("home", "first", "keys.first", show=False),
        Binding("end", "last", "keys.last", show=False),
        Binding("enter", "select", "keys.open", id="open"),
    ]

    class Selected(Message):
        """A row was chosen (Enter or a click on the highlighted row)."""

        def __init__(self, table: RecordTable, ref: Ref) -> None:
            super().__init__()
            self.table = table
            self.ref = ref

        @property
        def control(self) -> RecordTable:
            return self.table

    class Highlighted(Message):
        def __init__(self, table: RecordTable, row: Row | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RecordTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        titles: Sequence[str],
        *,
        empty: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self.titles = list(titles)
        self.empty = empty
        self.rows: list[Row] = []
        self.cursor = 0
        self.terms: list[str] = []
        """The filter's words (normalized), highlighted where the rows show them."""
        self._widths: tuple[int, list[int]] = (-1, [])

    # -- data ------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row], keep: Ref | None = None) -> None:
        """Show `rows`; the cursor goes to `keep` where it is listed, else to the first row."""
        self.rows = list(rows)
        cursor = 0
        if keep is not None:
            for number, row in enumerate(rows):
                if row.ref == keep:
                    cursor = number
                    break
        self.cursor = cursor
        set_virtual_size(self, Size(0, len(rows) + 1))
        self.scroll_to(y=0, animate=False, force=True)
        self._scroll_to_cursor()
        self.refresh()
        self.highlighted()

    def append_rows(self, rows: Sequence[Row]) -> None:
        """Add rows at the end, the cursor and the scroll position kept."""
        if not rows:
            return
        first = not self.rows
        self.rows.extend(rows)
        set_virtual_size(self, Size(0, len(self.rows) + 1))
        self.refresh()
        if first:
            self.highlighted()

    def highlighted(self) -> None:
        """The cursor is on another row (or the rows changed): says so with `Highlighted`."""
        self.post_message(self.Highlighted(self, self.current_row))

    @property
    def current_row(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # -- movement --------------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, row: int) -> None:
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        if row != self.cursor:
            self.cursor = row
            self.refresh()
            self.highlighted()
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        page = self._page
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, force=True)
        elif self.cursor >= top + page:
            self.scroll_to(y=self.cursor - page + 1, animate=False, force=True)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self._page)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self._page)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_select(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.Selected(self, row.ref))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self.rows):
            if row == self.cursor:
                self.action_select()
            else:
                self.move_cursor(row)

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_to_cursor()

    # -- rendering -------------------------------------------------------------------------------

    def _column_widths(self, width: int) -> list[int]:
        if self._widths[0] != width:
            self._widths = (width, column_widths(self.columns, width))
        return self._widths[1]

    def _cell_text(self, number: int, column: int, width: int) -> str:
        """A row's cell as shown in `width` cells. A title too long for its column loses the start
        it shares with the rows above and below (…第2回 rather than 関東総合通信局 地域情報…), so that
        neighbouring rows stay told apart on a narrow terminal."""
        rows = self.rows
        text = printable(rows[number].cells[column], multiline=True).replace("\n", " ")
        spec = self.columns[column]
        if spec.distinguish and cell_len(text) > width:
            neighbours = [printable(rows[other].cells[column], multiline=True).replace("\n", " ")
                          for other in (number - 1, number + 1) if 0 <= other < len(rows)]
            # A row the same as its neighbour (the same meeting) gains nothing from a cut.
            shared = max((_common_prefix(text, other) for other in neighbours if other != text), default=0)
            if shared >= 4:
                # Keep the word the rows start to differ in (back to the last space before it).
                cut = text.rfind(" ", 0, shared) + 1 or shared
                text = "…" + text[cut:]
        return fit(text, width, spec.align, spec.cut)

    def _segments(self, number: int, width: int, style: Style) -> list[Segment]:
        """A row's cells as segments, the filter's words highlighted."""
        widths = self._column_widths(width)
        match = self.get_component_rich_style("record-table--match") if self.terms else None
        segments: list[Segment] = []
        used = 0
        for column, cell_width in enumerate(widths):
            if not cell_width or column >= len(self.rows[number].cells):
                continue
            text = " " + self._cell_text(number, column, cell_width)
            used += cell_len(text)
            if match is None:
                segments.append(Segment(text, style))
                continue
            spans = highlight_spans(text, self.terms)
            start = 0
            for begin, end in spans:
                segments += [Segment(text[start:begin], style), Segment(text[begin:end], style + match)]
                start = end
            segments.append(Segment(text[start:], style))
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return segments

    def _line(self, cells: Sequence[str], width: int) -> str:
        widths = self._column_widths(width)
        text = "".join(  # record text: no escape sequence reaches the terminal
            " " + fit(printable(cell, multiline=True), w, column.align, column.cut)
            for cell, w, column in zip(cells, widths, self.columns, strict=False) if w
        )
        return fit(text, width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_component_rich_style("record-table--header")
            return Strip([Segment(self._line(self.titles, width), style)], width)
        number = round(self.scroll_y) + y - 1
        if not self.rows:
            if y == 1 and self.empty:
                style = self.get_component_rich_style("record-table--empty")
                return Strip([Segment(fit(" " + self.empty, width), style)], width)
            return Strip.blank(width)
        if number >= len(self.rows):
            return Strip.blank(width)
        style = self.get_component_rich_style("record-table--cursor") if number == self.cursor else Style()
        return Strip(self._segments(number, width, style), width).crop(0, width)


def _common_prefix(a: str, b: str) -> int:
    """How many characters `a` and `b` start with alike."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where in `text` the (normalized) filter words are, as (start, end) character offsets,
    sorted and merged: each character is normalized alone and mapped back (ｶﾀｶﾅ, ＡＢＣ and
    katakana find their hiragana and lower-case forms, as the filter does)."""
    folded: list[str] = []
    owner: list[int] = []
    for index, char in enumerate(text):
        for normal in normal_char(char):
            folded.append(normal)
            owner.append(index)
    joined = "".join(folded)
    marked: list[tuple[int, int]] = []
    for term in terms:
        start = joined.find(term)
        while term and start >= 0:
            marked.append((owner[start], owner[start + len(term) - 1] + 1))
            start = joined.find(term, start + len(term))
    marked.sort()
    merged: list[tuple[int, int]] = []
    for begin, end in marked:
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((begin, end))
    return merged


@lru_cache(maxsize=4096)
def normal_char(char: str) -> str:
    return normalize(char)
