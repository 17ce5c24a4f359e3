"""A terminal bar chart of a table of counts: one line per row, one bar per column, with a cursor.

Made for consultations per theme (rows) per fiscal year (columns): each cell is a horizontal bar
scaled to the largest count, drawn with eighth blocks, followed by the count; a total closes each
line. Rows scroll under a cursor (Up, Down, PageUp, PageDown, Home, End) and Enter (or a click)
chooses one. Where not every column fits the width, the latest are shown and the border's subtitle
says which are left out, on which side (`hidden_note`); Left and Right move along the columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.record_table import fit

EIGHTHS = " ▏▎▍▌▋▊▉█"
MIN_BAR = 4
"""Cells of the narrowest bar worth drawing: fewer columns are shown rather than thinner bars."""
MAX_CELL = 18


def bar(value: int, maximum: int, width: int) -> str:
    """A bar of `value` out of `maximum` in `width` cells, to the eighth of a cell."""
    if maximum <= 0 or width <= 0 or value <= 0:
        return " " * max(0, width)
    eighths = max(1, round(value / maximum * width * 8))
    full, part = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[part] if part else "")
    return text + " " * (width - cell_len(text))


class BarChart(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    BarChart {
        height: 1fr;
        overflow-x: hidden;
        & > .bar-chart--header { color: $text-muted; text-style: bold; }
        & > .bar-chart--label { color: $foreground; }
        & > .bar-chart--bar { color: $accent; }
        & > .bar-chart--count { color: $text-muted; }
        & > .bar-chart--empty { color: $text-muted; text-style: italic; }
        & > .bar-chart--cursor { background: $block-cursor-blurred-background; }
        &:focus > .bar-chart--cursor { background: $block-cursor-background; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bar-chart--header", "bar-chart--label", "bar-chart--bar", "bar-chart--count",
        "bar-chart--empty", "bar-chart--cursor",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "keys.up", show=False),
        Binding("down", "move(1)", "keys.down", show=False),
        Binding("pageup", "page(-1)", "keys.page_up", show=False),
        Binding("pagedown", "page(1)", "keys.page_down", show=False),
        Binding("home", "move(-1000000)", "keys.first", show=False),
        Binding("end", "move(1000000)", "keys.last", show=False),
        Binding("left", "columns(-1)", "keys.earlier", show=False),
        Binding("right", "columns(1)", "keys.later", show=False),
        Binding("enter", "select", "keys.open_theme", id="open_theme"),
    ]

    class Selected(Message):
        """A row was chosen: its number."""

        def __init__(self, chart: BarChart, row: int) -> None:
            super().__init__()
            self.chart = chart
            self.row = row

        @property
        def control(self) -> BarChart:
            return self.chart

    def __init__(self, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]],
                 *, total: str = "", empty: str = "", hidden: str = "{columns}", label_width: int = 26,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.total = total
        self.empty = empty
        self.hidden = hidden
        """What the header says of columns left out: "{columns}" is replaced by their names."""
        self.label_width = label_width
        self.cursor = 0
        self.last_column = -1
        """The rightmost column shown (-1: the last one)."""
        self.set_data(rows, columns, values)

    def set_data(self, rows: Sequence[str], columns: Sequence[str],
                 values: Sequence[Sequence[int]]) -> None:
        self.rows = list(rows)
        self.columns = list(columns)
        self.values = [list(v) for v in values]
        self.cursor = min(self.cursor, max(0, len(self.rows) - 1))
        self.virtual_size = Size(0, len(self.rows) + 1)
        self._update_note()
        self.refresh()

    # -- layout --------------------------------------------------------------------------------

    def _widths(self, width: int) -> tuple[int, int, int, int, int]:
        """Label, cell, count and total widths, and how many columns fit."""
        count_width = max(3, max((len(f"{v:,}") for row in self.values for v in row), default=1))
        total_width = max(cell_len(self.total), *(len(f"{sum(r):,}") for r in self.values)) + 1
        label_width = min(self.label_width, max(10, width // 4))
        available = max(0, width - label_width - total_width)
        heading = max((cell_len(column) for column in self.columns), default=0) + 1  # 令和4年度 whole
        least = max(count_width + 2 + MIN_BAR, heading)
        shown = max(1, min(len(self.columns), available // least))
        cell = min(MAX_CELL, max(least, available // shown)) if shown else least
        return label_width, cell, count_width, total_width, shown

    def _shown(self, shown: int) -> tuple[int, int]:
        """The first and one past the last column shown."""
        last = len(self.columns) - 1 if self.last_column < 0 else min(self.last_column, len(self.columns) - 1)
        first = max(0, last - shown + 1)
        return first, first + shown

    # -- movement --------------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_move(self, rows: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(len(self.rows) - 1, self.cursor + rows))
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, force=True)
        elif self.cursor >= top + self._page:
            self.scroll_to(y=self.cursor - self._page + 1, animate=False, force=True)
        self.refresh()

    def action_page(self, pages: int) -> None:
        self.action_move(pages * self._page)

    def action_columns(self, step: int) -> None:
        """Move the columns shown one to the left (earlier) or right (later)."""
        *_, shown = self._widths(self.scrollable_content_region.width)
        last = len(self.columns) - 1 if self.last_column < 0 else self.last_column
        self.last_column = max(min(shown, len(self.columns)) - 1, min(len(self.columns) - 1, last + step))
        self._update_note()
        self.refresh()

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self.rows):
            self.cursor = row
            self.refresh()
            self.action_select()

    # -- rendering -------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"bar-chart--{name}")

    def hidden_note(self, width: int) -> str:
        """Which columns are left out, on which side ("" when every one is shown)."""
        *_, shown = self._widths(width)
        first, end = self._shown(shown)
        left, right = self.columns[:first], self.columns[end:]
        notes = []
        if left:
            notes.append("◀ " + self.hidden.format(columns=_span(left)))
        if right:
            notes.append(self.hidden.format(columns=_span(right)) + " ▶")
        return "  ".join(notes)

    def header_text(self, width: int) -> str:
        """The header line as text: the columns shown and the total."""
        label_width, cell, _, total_width, shown = self._widths(width)
        first, end = self._shown(shown)
        return (" " * label_width + "".join(fit(c, cell) for c in self.columns[first:end])
                + fit(self.total, total_width, "right"))

    def _update_note(self) -> None:
        width = self.scrollable_content_region.width
        note = self.hidden_note(width) if width and self.rows else ""
        if note != (self.border_subtitle or ""):
            self.border_subtitle = note or None

    def on_resize(self, event: events.Resize) -> None:
        self._update_note()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if not self.rows or not self.columns:
            if y == 0 and self.empty:
                return Strip([Segment(fit(self.empty, width), self._style("empty"))], width)
            return Strip.blank(width)
        label_width, cell, count_width, total_width, shown = self._widths(width)
        first, end = self._shown(shown)
        if y == 0:
            return Strip([Segment(self.header_text(width), self._style("header"))]).adjust_cell_length(width)
        number = round(self.scroll_y) + y - 1
        if number >= len(self.rows):
            return Strip.blank(width)
        values = self.values[number]
        maximum = max((v for row in self.values for v in row[first:end]), default=0)
        bar_width = cell - count_width - 2
        segments = [Segment(fit(self.rows[number], label_width - 1) + " ", self._style("label"))]
        for value in values[first:end]:
            segments.append(Segment(bar(value, maximum, bar_width) + " ", self._style("bar")))
            segments.append(Segment(fit(f"{value:,}" if value else "·", count_width, "right") + " ",
                                    self._style("count")))
        segments.append(Segment(fit(f"{sum(values):,}", total_width, "right"), self._style("count")))
        strip = Strip(segments).adjust_cell_length(width)
        if number == self.cursor:
            strip = Strip(list(Segment.apply_style(strip, post_style=self._style("cursor"))), width)
        return strip


def _span(names: Sequence[str]) -> str:
    """Columns as a range: 平成28–平成30."""
    return names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"
