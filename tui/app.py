"""The daicho terminal UI: browse, search and cross-reference the records.

`run(repo, lang)` is what `daicho` without a subcommand calls; `create_app(repo, lang)` builds the
app for tests and the bench. The records are loaded once, in steps behind the first screen (the
newest meetings first), then the cross-reference index is built once.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.console import RenderableType
from textual import constants
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.driver import Driver
from textual.message import Message
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Input, TextArea

from schema.words.problems import Problem
from tui.changes import Change
from tui.commands import DaichoPalette, RecordCommands
from tui.data import Ref, RepoData
from tui.editing import Editing
from tui.i18n import Catalogue, resolve_lang
from tui.listing import Listing
from tui.loading import WATCH_EVERY, Loading
from tui.screens.detail import DetailScreen, screen_for
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.settings import Settings
from tui.views import VIEWS


class DaichoApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "daicho"
    COMMANDS: ClassVar = App.COMMANDS | {RecordCommands}

    # Priority bindings run as the app reads each key, in order, so that keys typed quickly after
    # one another (3 / okamura) act in that order; `check_action` lets them through to a text field.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "leave", "keys.quit", priority=True, id="quit"),
        Binding("question_mark", "help", "keys.help", key_display="?", priority=True, id="help"),
        Binding("r", "reload", "keys.reload", show=False, priority=True, id="reload"),
        *(Binding(view.key, f"show('{view.name}')", f"keys.{view.binding_id}", show=False,
                  priority=True, id=f"view.{view.binding_id}") for view in VIEWS),
    ]

    def __init__(self, data: RepoData, cat: Catalogue, *, initial: str = "meeting") -> None:
        super().__init__()
        self.data = data
        self.cat = cat
        self.listing = Listing(data, cat)
        self.initial_view = initial
        self.progress: tuple[int, int] = (0, 0)
        """Meeting files loaded, and in all, while the repository loads."""
        self.loading = Loading(self)
        self._loaded = asyncio.Event()
        self.settings = Settings.load()
        self._editing: Editing | None = None
        self.records_changed: Signal[Change] = Signal(self, "records-changed")
        """What the screens learn of the repository's changes (tui/changes.py)."""
        self._announced: list[str] = []
        if data.ready:
            self._loaded.set()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Single-letter keys type into a text field (the filter, the palette) when it has focus;
        on the help screen, q closes the help (its own binding), not the app."""
        if action == "leave" and isinstance(self.screen, HelpScreen):
            return False
        if action in ("leave", "show", "reload") and self.in_form():
            return False  # a form has its own keys; Escape leaves it, asking about unsaved changes
        return not (action in ("leave", "help", "show", "reload") and typing(self.screen))

    def in_form(self) -> bool:
        """Whether an editing form is open (on the screen, or under a prompt or the help)."""
        from tui.screens.edit import EditScreen

        return any(isinstance(screen, EditScreen) for screen in self.screen_stack)

    # -- loading ---------------------------------------------------------------------------------

    def start_loading(self) -> None:
        """Load the repository in steps behind the first screen (the main screen calls this)."""
        if not self.data.ready:
            self.run_worker(self.loading.first(), name="load", group="load", exclusive=True)
        self.set_interval(WATCH_EVERY, self._watch, name="watch")

    def publish(self, change: Change) -> None:
        """Tell every screen subscribed to `records_changed` (tui/changes.py) what changed; the
        app's own derived data (the lists' rows, the completion pools) is made afresh first."""
        if change.records:
            self.listing.reset()
            if self._editing is not None:
                self._editing.forget_candidates()
        self.records_changed.publish(change)
        if change.kind == "loaded":
            self._loaded.set()

    def status_pieces(self) -> list[tuple[str, str]]:
        """What every record's screen says on its first line, right: the repository's problems,
        files changed on disk."""
        t, pieces = self.cat.t, []
        if self.data.ready and self.data.problems:
            pieces.append((t("alert.short_problems", count=f"{len(self.data.problems):,}"), "bold $text-error"))
        if self.loading.changed_on_disk:
            pieces.append((t("alert.short_changed", count=f"{len(self.loading.changed_on_disk):,}"),
                           "$text-warning"))
        return pieces

    def action_reload(self) -> None:
        """r: load the repository again (only the files that changed are checked again), in a
        worker: the screens stay usable meanwhile."""
        if self.data.ready and not self.loading.reloading:
            self.notify(self.cat.t("notify.reloading"), timeout=2)
            self.run_worker(self._reload(), name="reload", group="load", exclusive=True)

    async def _reload(self) -> None:
        await self.loading.reload()
        count = len(self.data.problems)
        self.notify(self.cat.t("notify.reloaded", count=f"{count:,}"),
                    severity="error" if count else "information", timeout=4)

    async def _watch(self) -> None:
        """Files changed on disk since the last load: say so once, and how to load them."""
        changed = await asyncio.to_thread(self.loading.changed)
        if changed and changed != self._announced:
            self.notify(self.cat.t("notify.changed", count=f"{len(changed):,}"),
                        title=self.cat.t("notify.changed_title"), timeout=10)
        self._announced = changed
        self.loading.changed_on_disk = changed
        self.publish(Change("on_disk", on_disk=len(changed)))

    def exit(self, result: int | None = None, return_code: int = 0,
             message: RenderableType | None = None) -> None:
        self.loading.stop()
        super().exit(result, return_code, message)

    def on_input_ended(self, _message: Message) -> None:
        """The terminal's input ended (tui/driver.py's InputEnded: the window or the ssh session
        closed without a hangup signal reaching daicho): nobody can type or answer any more, so
        quit at once, exit code 1. Changes not saved are lost, as they are to a hangup signal."""
        self.exit(return_code=1)

    def on_unmount(self) -> None:
        """However the app ends (a test's app is not exited): the collector as it was."""
        self.loading.stop()

    async def action_leave(self) -> None:
        """q: quit (ctrl+q quits even while typing)."""
        await self.action_quit()

    async def action_quit(self) -> None:
        """Quit; with changes not saved, only once the user chose to drop them."""
        unsaved = self._editing.session.unsaved() if self._editing is not None else []
        if not unsaved:
            self.exit()
            return
        from tui.screens.prompts import ChoicePrompt

        t = self.cat.t

        def chosen(choice: str | None) -> None:
            if choice == "quit":
                self.exit()

        self.push_screen(ChoicePrompt(t("edit.unsaved_title"), [
            ("quit", t("edit.quit_discard", files=", ".join(unsaved))), ("cancel", t("edit.cancel"))]), chosen)

    async def wait_loaded(self) -> None:
        """Until the whole repository is loaded and shown (for tests and the bench)."""
        await self._loaded.wait()

    # -- screens ---------------------------------------------------------------------------------

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, but on Linux and macOS one that delivers Escape without waiting for
        Textual's input poll (tui/driver.py); TEXTUAL_DRIVER still chooses another."""
        if constants.DRIVER is not None or sys.platform == "win32":
            return super().get_driver_class()
        from tui.driver import Driver as EscapeDriver
        from tui.driver import set_escape_delay

        set_escape_delay()
        return EscapeDriver

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen(self.initial_view)

    def action_show(self, view: str) -> None:
        """Show one of the main views (home, the lists, the problems), leaving any record open."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        main = self.screen_stack[0]
        if isinstance(main, MainScreen):
            main.show(view)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(DaichoPalette(id="--command-palette",
                                           placeholder=self.cat.t("palette.placeholder"),
                                           no_matches=self.cat.t("palette.no_matches")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        t = self.cat.t
        yield SystemCommand(t("palette.help"), t("palette.help_help"), self.action_help)
        if isinstance(screen, DetailScreen):
            yield from screen.commands()
        if self._editing is not None and self._editing.session.last_save:
            yield SystemCommand(t("palette.revert"), t("palette.revert_help"), self.revert_last_save)
        state = t("palette.on") if self.settings.confirm_save else t("palette.off")
        yield SystemCommand(t("palette.confirm_save", state=state), t("palette.confirm_save_help"),
                            self.toggle_confirm_save)
        for view in VIEWS:
            yield SystemCommand(t(f"view.{view.name}"), t(f"view_help.{view.name}"),
                                lambda name=view.name: self.action_show(name))
        yield SystemCommand(t("palette.theme"), t("palette.theme_help"), self.action_change_theme)
        yield SystemCommand(t("palette.quit"), t("palette.quit_help"), self.action_quit)

    # -- opening records -------------------------------------------------------------------------

    def trail(self, exclude: Screen[Any] | None = None) -> list[str]:
        """The main view and the records open above it, for the breadcrumb."""
        main = self.screen_stack[0]
        labels = [self.cat.t(f"view.{main.current}")] if isinstance(main, MainScreen) else []
        labels += [s.trail_label for s in self.screen_stack
                   if isinstance(s, DetailScreen) and s is not exclude]
        return labels

    # -- editing ---------------------------------------------------------------------------------

    @property
    def editing(self) -> Editing:
        """The edit session of the repository (made on the first edit)."""
        if self._editing is None:
            self._editing = Editing(self)
        return self._editing

    def message(self, problem: Problem) -> str:
        """A problem's message in the interface's language."""
        return self.cat.problem_message(problem)

    def edit(self, ref: Ref) -> None:
        """Open the form of a record (e on a record's screen)."""
        from schema.edit.session import ReadOnly
        from tui.screens.edit import EditScreen

        located = self.editing.location(ref)
        if located is None:
            return
        relpath, path = located
        try:
            draft = self.editing.session.open(relpath)
        except ReadOnly as exc:
            reasons = "; ".join(f"{p.code} {self.message(p)}" for p in exc.problems[:3])
            self.notify(self.cat.t("edit.read_only", path=relpath, reasons=reasons), severity="warning",
                        timeout=10)
            return
        self.push_screen(EditScreen(draft, path, [self.listing.label(ref)], ref=ref))

    def toggle_confirm_save(self) -> None:
        self.settings.confirm_save = not self.settings.confirm_save
        self.settings.save()
        state = self.cat.t("palette.on") if self.settings.confirm_save else self.cat.t("palette.off")
        self.notify(self.cat.t("palette.confirm_save", state=state))

    def revert_last_save(self) -> None:
        """Put back what the last save replaced."""
        from schema.edit.save import SaveFailed

        try:
            result = self.editing.session.revert_last_save()
        except SaveFailed as exc:
            self.notify(self.cat.t("edit.failed", path=exc.relpath, reason=exc.reason), severity="error")
            return
        self.notify(self.cat.t("edit.reverted", count=len(result.changes)))

    def open_ref(self, ref: Ref) -> None:
        """Open the record, consultation or problem that `ref` names, on top of the current screen."""
        if ref.kind == "problem":
            self.open_problem(int(ref.id))
            return
        if not self.data.exists(ref):
            self.notify(self.cat.t("notify.missing", id=ref.id), severity="warning")
            return
        self.push_screen(screen_for(ref))

    def open_problem(self, number: int) -> None:
        """Open the record at fault at the item at fault (marked ✖ with the problem); where the
        record did not load, the file at the problem's line, with its message."""
        ref = self.data.problem_ref(number)
        if ref is not None:
            self.open_ref(Ref(ref.kind, ref.id, f"problem-{number}"))
            return
        problem = self.data.problems[number]
        if problem.path == "." or self.data.text_of(problem.path) is None:
            self.notify(problem.format_text(self.cat), title=self.cat.t("notify.no_file"), severity="warning")
            return
        self.push_screen(SourceScreen(problem.path, focus=number))


def typing(screen: Screen[Any]) -> bool:
    """Whether a text field has the focus on `screen`."""
    return isinstance(screen.focused, Input | TextArea)


def create_app(repo: Path, lang: str | None = None, *, initial: str = "meeting",
               progressive: bool = True) -> DaichoApp:
    """The app on the repository at `repo`, in `lang` (ja, en; None: from the locale).

    Progressive (the default): the first screen opens at once and the repository loads behind
    it, newest meetings first (`await app.wait_loaded()` waits for the end). Otherwise the
    repository is loaded before the app is created."""
    cat = Catalogue(resolve_lang(lang))
    data = RepoData(repo=repo) if progressive else RepoData.load(repo, cat)
    return DaichoApp(data, cat, initial=initial)


def run(repo: Path, lang: str | None = None) -> int:
    """Open the terminal UI on `repo`; the exit code for the command line."""
    app = create_app(repo, lang)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
