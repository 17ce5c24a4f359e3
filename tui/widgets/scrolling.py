"""What the line-drawn scrolling views (the record table, the document) share."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give `view` the size of its content. A view whose own size does not follow its content
    (1fr, or a fixed height) needs no new layout for it, only its scrollbars told: setting
    `virtual_size` would lay the whole screen out again and draw a frame more (a filter keystroke
    did so on every key, opening a record drew its scrollbar's thumb a frame late)."""
    if size == view.virtual_size:
        return
    if view.styles.auto_dimensions:
        view.virtual_size = size
        return
    view.set_reactive(Widget.virtual_size, size)
    # What Textual's own resize does after setting it so (private: tests/tui/test_drawing.py
    # checks the scrollbar's length).
    view._scroll_update(size)
