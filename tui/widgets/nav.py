"""The bar at the top of the main screen: the views with their keys, the current one marked.

Where the full labels do not fit the width (an 80-column terminal in English), the bar uses the
short labels, then drops the title and the gaps, then shows only the keys and the current view's
label, so that every key stays visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content
from textual.widget import Widget


class NavItem(NamedTuple):
    key: str
    view: str
    label: str
    short: str
    """The label where the full ones do not fit."""
    alert: bool = False
    """Shown in the error colour (the problems' view when there are problems)."""


class NavBar(Widget):
    """Shows `title` and `views`; a view is shown on click. Styled in app.tcss."""

    def __init__(self, title: str, views: Sequence[NavItem], current: str,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.views = list(views)
        self.current = current

    def _content(self, short: bool, title: bool, gap: str, keys_only: bool = False) -> Content:
        parts: list[Content | tuple[str, str] | str] = []
        if title:
            parts += [(self.title, "bold $text-accent"), "  "]
        for item in self.views:
            label = item.short if short else item.label
            if keys_only and item.view != self.current:
                label = ""
            text = f" {item.key} {label} " if label else f" {item.key} "
            content = Content.from_markup(f"[@click=app.show('{item.view}')]$text[/]", text=text)
            if item.alert:
                content = content.stylize("bold $text-error")
            if item.view == self.current:
                content = content.stylize("reverse bold")
            parts.extend([content, gap])
        return Content.assemble(*parts)

    def render(self) -> Content:
        width = self.content_region.width
        tiers = (
            self._content(short=False, title=True, gap=" "),
            self._content(short=True, title=True, gap=" "),
            self._content(short=True, title=False, gap=""),
        )
        for content in tiers:
            if not width or content.cell_length <= width:
                return content
        return self._content(short=True, title=False, gap="", keys_only=True)

    def set_views(self, views: Sequence[NavItem]) -> None:
        self.views = list(views)
        self.refresh()

    def select(self, view: str) -> None:
        self.current = view
        self.refresh()
