"""The bar at the top of the main screen: the views with their keys, the current one marked."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static


class NavBar(Static):
    """Shows `title` and `views` (key, view, label); a view is shown on click."""

    DEFAULT_CSS = """
    NavBar {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(self, title: str, views: Sequence[tuple[str, str, str]], current: str,
                 *, id: str | None = None) -> None:
        self.title = title
        self.views = list(views)
        self.current = current
        super().__init__(self._content(), id=id)

    def _content(self) -> Content:
        parts: list[Content | tuple[str, str] | str] = [(self.title, "bold $text-accent"), "  "]
        for key, view, label in self.views:
            item = Content.from_markup(f"[@click=app.show('{view}')] $key $label [/]",
                                       key=key, label=label)
            if view == self.current:
                item = item.stylize("reverse bold")
            parts.extend([item, " "])
        return Content.assemble(*parts)

    def set_views(self, views: Sequence[tuple[str, str, str]]) -> None:
        self.views = list(views)
        self.update(self._content())

    def select(self, view: str) -> None:
        self.current = view
        self.update(self._content())
