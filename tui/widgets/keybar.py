"""The bottom line of every screen: the keys that act there, and the palette's key on the right.

It shows what Textual's Footer shows, as one widget drawn as one line: the Footer makes a widget a
key and styles each one again whenever a screen opens (about 50 ms of the 100 ms that opening a
meeting may take). A key is clicked as the Footer's are (it is pressed).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget, can_focus=False):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _key(self, binding: Binding, enabled: bool) -> Content:
        click = f"@click=app.simulate_key({binding.key!r})"
        content = Content.from_markup(
            f"[bold $footer-key-foreground on $footer-key-background {click}] $key [/]"
            f"[$footer-description-foreground {click}]$description [/]",
            key=self.app.get_key_display(binding), description=binding.description)
        return content.stylize("dim") if not enabled else content

    def render(self) -> Content:
        active = self.screen.active_bindings
        seen: set[str] = set()
        keys: list[Content] = []
        palette_key = self.app.COMMAND_PALETTE_BINDING
        for name, (_node, binding, enabled, _tooltip) in active.items():
            if not binding.show or binding.action in seen or name == palette_key:
                continue
            seen.add(binding.action)
            keys.append(self._key(binding, enabled))
        left = Content(" ").join(keys)
        palette = active.get(palette_key) if self.app.ENABLE_COMMAND_PALETTE else None
        if palette is None:
            return left
        right = Content.assemble(("▏", "$foreground 20%"), self._key(palette.binding, palette.enabled))
        width = self.content_region.width
        gap = max(1, width - left.cell_length - right.cell_length) if width else 1
        return Content.assemble(left, " " * gap, right)
