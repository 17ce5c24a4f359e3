"""The main views and their keys, defined once: the app's bindings, the navigation bar, the home
view's counts, the help screen and the command palette all read this table."""

from __future__ import annotations

from typing import NamedTuple

from tui.data import RefKind


class View(NamedTuple):
    key: str
    name: str
    """The view's name: "home", a list's kind, or "problem" (the validation panel)."""
    binding_id: str
    """The id of its key binding (for a keymap), and its catalogue key under `keys.`."""


VIEWS: tuple[View, ...] = (
    View("0", "home", "home"),
    View("1", "meeting", "meetings"),
    View("2", "consultation", "consultations"),
    View("3", "advisor", "advisors"),
    View("4", "municipality", "municipalities"),
    View("5", "theme", "themes"),
    View("6", "problem", "problems"),
)

LISTS: tuple[RefKind, ...] = ("meeting", "consultation", "advisor", "municipality", "theme")
"""The views that list records (the problems have a list of their own)."""

ROOT_LISTS: tuple[RefKind, ...] = ("advisor", "municipality", "theme")
"""The lists of the root files' records: usable before the meetings are loaded."""
