"""The keys (`?`): what each key does, in the interface's language."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.views import VIEWS

if TYPE_CHECKING:
    from tui.app import DaichoApp

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("help.everywhere", (
        *((view.key, f"keys.{view.binding_id}") for view in VIEWS),
        ("ctrl+p", "keys.palette"),
        ("?", "keys.help"),
        ("q", "keys.quit_unless_typing"),
        ("ctrl+q", "keys.quit_always"),
    )),
    ("help.lists", (
        ("/", "keys.filter"),
        ("↑ ↓ PgUp PgDn Home End", "keys.move"),
        ("Enter", "keys.open"),
        ("Esc", "keys.clear_filter"),
        ("n", "keys.new"),
    )),
    ("help.records", (
        ("↑ ↓", "keys.links_on_screen"),
        ("Tab / Shift+Tab", "keys.jump_links"),
        ("PgUp PgDn Space", "keys.scroll"),
        ("Enter", "keys.open"),
        ("Esc", "keys.back"),
        ("/", "keys.filter_record"),
        ("e", "keys.edit"),
        ("i", "keys.intake_help"),
    )),
    ("help.forms", (
        ("↑ ↓ Tab Shift+Tab", "keys.next_field"),
        ("Enter", "keys.edit_field"),
        ("ctrl+s", "keys.save"),
        ("ctrl+z / ctrl+y", "keys.undo_redo"),
        ("a / x / c", "keys.add_remove_duplicate"),
        ("ctrl+↑ ctrl+↓", "keys.move_element"),
        ("r", "keys.rename_key"),
        ("f", "keys.from_advisor"),
        ("/", "keys.jump"),
        ("Del", "keys.clear"),
        ("Esc", "keys.leave_form"),
    )),
    ("help.palette", (
        ("ctrl+p", "palette.edit"),
        ("ctrl+p", "palette.copy_meeting"),
        ("ctrl+p", "palette.rename"),
        ("ctrl+p", "palette.delete"),
        ("ctrl+p", "palette.revert"),
    )),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss_help", "keys.close", id="close_help"),
    ]

    def compose(self) -> ComposeResult:
        app = cast("DaichoApp", self.app)
        t = app.cat.t
        width = max(cell_len(key) for _, keys in KEYS for key, _ in keys) + 2
        lines: list[Content] = []
        for title, keys in KEYS:
            if lines:
                lines.append(Content(""))
            lines.append(Content.from_markup("[b $text-primary]$title[/]", title=t(title)))
            for key, description in keys:
                lines.append(Content.from_markup("  [b $text-accent]$key[/]$description",
                                                 key=key + " " * (width - cell_len(key)),
                                                 description=t(description)))
        with VerticalScroll(id="help-box") as box:
            box.border_title = t("help.title")
            box.border_subtitle = t("help.close")
            yield Static(Content("\n").join(lines), id="help-text")

    def action_dismiss_help(self) -> None:
        self.dismiss()
