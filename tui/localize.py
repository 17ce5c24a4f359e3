"""Key descriptions from the catalogue.

Bindings are declared with catalogue keys as descriptions ("keys.open"); a screen built on
`LocalizedScreen` translates them where the footer and the key panel read them
(`Screen.active_bindings`), so that reusable widgets need not know the catalogue.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

from tui.i18n import Catalogue

_BUILTIN = {"command_palette": "keys.palette", "quit": "keys.quit", "app.quit": "keys.quit"}


def translate_binding(binding: Binding, cat: Catalogue) -> Binding:
    name = binding.description
    if not cat.has(name):
        name = _BUILTIN.get(binding.action, "")
    if not cat.has(name):
        return binding
    text = cat.t(name)
    return replace(binding, description=text, tooltip=text if binding.tooltip else "")


@cache
def _translated(binding: Binding, lang: str) -> Binding:
    return translate_binding(binding, Catalogue(lang))


class LocalizedScreen(Screen[Any]):
    """A screen whose key descriptions come from the app's catalogue."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings
        cat = getattr(self.app, "cat", None)
        if not isinstance(cat, Catalogue):
            return bindings
        return {
            key: ActiveBinding(active.node, _translated(active.binding, cat.lang), active.enabled,
                               active.tooltip and _translated(active.binding, cat.lang).tooltip)
            for key, active in bindings.items()
        }
