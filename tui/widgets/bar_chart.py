"""A terminal bar chart of a table of counts: one line per row, one small bar per column.

Made for consultations per theme (rows) per fiscal year (columns): each cell is a horizontal bar
scaled to the largest count, drawn with eighth blocks, followed by the count. The latest columns
that fit the width are shown; a total closes each line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.widgets.record_table import fit

EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar(value: int, maximum: int, width: int) -> str:
    """A bar of `value` out of `maximum` in `width` cells, to the eighth of a cell."""
    if maximum <= 0 or width <= 0 or value <= 0:
        return " " * max(0, width)
    eighths = max(1, round(value / maximum * width * 8))
    full, part = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[part] if part else "")
    return text + " " * (width - cell_len(text))


class BarChart(Widget):
    DEFAULT_CSS = """
    BarChart {
        height: auto;
        & > .bar-chart--header { color: $text-muted; text-style: bold; }
        & > .bar-chart--label { color: $foreground; }
        & > .bar-chart--bar { color: $accent; }
        & > .bar-chart--count { color: $text-muted; }
        & > .bar-chart--empty { color: $text-muted; text-style: italic; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bar-chart--header", "bar-chart--label", "bar-chart--bar", "bar-chart--count",
        "bar-chart--empty",
    }

    def __init__(self, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]],
                 *, total: str = "", empty: str = "", label_width: int = 26,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.rows = list(rows)
        self.columns = list(columns)
        self.values = [list(v) for v in values]
        self.total = total
        self.empty = empty
        self.label_width = label_width

    def set_data(self, rows: Sequence[str], columns: Sequence[str],
                 values: Sequence[Sequence[int]]) -> None:
        self.rows = list(rows)
        self.columns = list(columns)
        self.values = [list(v) for v in values]
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows) + 1 if self.rows else 1

    def render(self) -> Text:
        width = self.content_region.width or 80
        if not self.rows or not self.columns:
            return Text(self.empty, style=self.get_component_rich_style("bar-chart--empty"))
        header = self.get_component_rich_style("bar-chart--header")
        label_style = self.get_component_rich_style("bar-chart--label")
        bar_style = self.get_component_rich_style("bar-chart--bar")
        count_style = self.get_component_rich_style("bar-chart--count")
        count_width = max(3, max(len(str(v)) for row in self.values for v in row))
        total_width = max(cell_len(self.total), *(len(str(sum(r))) for r in self.values)) + 1
        label_width = min(self.label_width, max(10, width // 4))
        available = width - label_width - total_width
        cell = min(18, max(count_width + 4, available // len(self.columns)))
        shown = max(1, min(len(self.columns), available // cell))
        first = len(self.columns) - shown
        maximum = max((v for row in self.values for v in row[first:]), default=0)
        bar_width = cell - count_width - 2
        text = Text(no_wrap=True, overflow="crop", end="")
        text.append(fit("", label_width), header)
        for column in self.columns[first:]:
            text.append(fit(column, cell), header)
        text.append(fit(self.total, total_width, "right"), header)
        for label, row in zip(self.rows, self.values, strict=True):
            text.append("\n")
            text.append(fit(label, label_width - 1) + " ", label_style)
            for value in row[first:]:
                text.append(bar(value, maximum, bar_width) + " ", bar_style)
                text.append(fit(str(value) if value else "·", count_width, "right") + " ",
                            count_style)
            text.append(fit(str(sum(row)), total_width, "right"), count_style)
        return text
