"""The first line of a record's screen: the way it was opened (the breadcrumb) on the left, and on
the right what holds for the whole repository — its problems (in the error colour) and files
changed on disk — so that every screen says so, not only the main one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from schema.words.sanitize import printable
from tui.widgets.record_table import fit

Status = Callable[[], Sequence[tuple[str, str]]]
"""What to say on the right: (text, style) pieces."""


class Trail(Widget):
    DEFAULT_CSS = """
    Trail {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
        text-style: bold;
    }
    """

    def __init__(self, parts: Sequence[str], status: Status, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.parts = list(parts)
        self.status = status

    @property
    def text(self) -> str:
        """The breadcrumb as text (record names made printable)."""
        return " › ".join(printable(part) for part in self.parts)

    def render(self) -> Content:
        width = self.content_region.width
        pieces = [(text, style) for text, style in self.status() if text]
        right = Content.assemble(*[(f"  {text}", style) for text, style in pieces])
        room = max(0, width - right.cell_length) if width else cell_len(self.text)
        left = fit(self.text, room) if room < cell_len(self.text) else self.text
        return Content.assemble(left, " " * max(0, room - cell_len(left)), right)
