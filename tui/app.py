"""The daicho terminal UI: browse, search and cross-reference the records.

`run(repo, lang)` is what `daicho` without a subcommand calls; `create_app(repo, lang)` builds the
app for tests and the bench. The records are loaded once, in steps behind the first screen (the
newest meetings first), then the cross-reference index is built once.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Input, TextArea

from schema.loader import RepositoryLoader
from schema.problems import Problem
from schema.xref import CrossIndex, build_index
from tui.commands import DaichoPalette, RecordCommands
from tui.data import Ref, RepoData, failure
from tui.editing import Editing
from tui.i18n import Catalogue, resolve_lang
from tui.listing import Listing
from tui.screens.detail import DetailScreen, screen_for
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.settings import Settings
from tui.views import VIEWS

FIRST_STEP = 60
"""Meeting files loaded before the first screen shows (a screenful of the newest)."""
STEP = 40
"""Meeting files loaded between two looks at the keyboard while the rest loads."""
UPDATE_EVERY = 0.25
"""Seconds between two updates of the meetings list while meetings load."""


class DaichoApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "daicho"
    COMMANDS: ClassVar = App.COMMANDS | {RecordCommands}

    # Priority bindings run as the app reads each key, in order, so that keys typed quickly after
    # one another (3 / okamura) act in that order; `check_action` lets them through to a text field.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "leave", "keys.quit", priority=True, id="quit"),
        Binding("question_mark", "help", "keys.help", key_display="?", priority=True, id="help"),
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
        self._loaded = asyncio.Event()
        self._stopping = threading.Event()
        self.settings = Settings.load()
        self._editing: Editing | None = None
        if data.ready:
            self._loaded.set()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Single-letter keys type into a text field (the filter, the palette) when it has focus;
        on the help screen, q closes the help (its own binding), not the app."""
        if action == "leave" and isinstance(self.screen, HelpScreen):
            return False
        return not (action in ("leave", "help", "show") and typing(self.screen))

    # -- loading ---------------------------------------------------------------------------------

    def start_loading(self) -> None:
        """Load the repository in steps behind the first screen (the main screen calls this)."""
        if not self.data.ready:
            self.run_worker(self._load(), name="load", group="load", exclusive=True)

    async def _load(self) -> None:
        main = self.screen_stack[0]
        assert isinstance(main, MainScreen)
        data = self.data
        # Loading makes millions of objects and no garbage: collecting meanwhile only walks them
        # again and again (about a third of the loading time on a nationwide repository).
        gc.disable()
        try:
            loader = RepositoryLoader(data.repo)
            loader.load_roots()
            data.records = loader.records
            step, pending, shown_at = FIRST_STEP, [], 0.0
            while not loader.done:
                pending += loader.step(step)
                step = STEP
                self.progress = (loader.loaded_meetings, loader.total_meetings)
                # Show what loaded at once the first time, then a few times a second: every
                # update costs a frame, and the keyboard is looked at between steps anyway.
                if not shown_at or time.monotonic() - shown_at > UPDATE_EVERY or loader.done:
                    main.meetings_loaded(pending)
                    pending, shown_at = [], time.monotonic()
                await asyncio.sleep(0)
            result = loader.finish()
            records, problems = result.records, result.problems
            texts = {path: source.text for path, source in result.sources.items()}
            index = await asyncio.to_thread(build_index, records)
        except Exception as exc:  # a loader bug: show what loaded and say so, never crash
            records, problems, texts, index = data.records, [failure(exc, self.cat)], {}, CrossIndex()
        finally:
            gc.enable()
        data.complete(records, problems, texts, index)
        # The records stay for the whole session: keep the collector from walking them again
        # and again (a full collection of a nationwide repository takes about 0.4 s).
        gc.freeze()
        self.listing.reset()
        main.data_ready()
        self._loaded.set()
        await asyncio.to_thread(self.listing.prebuild, self._stopping)

    def exit(self, result: int | None = None, return_code: int = 0,
             message: RenderableType | None = None) -> None:
        self._stopping.set()  # work left in threads (building rows ahead) is not waited for
        super().exit(result, return_code, message)

    async def action_leave(self) -> None:
        """q: quit (ctrl+q quits even while typing)."""
        await self.action_quit()

    async def wait_loaded(self) -> None:
        """Until the whole repository is loaded and shown (for tests and the bench)."""
        await self._loaded.wait()

    # -- screens ---------------------------------------------------------------------------------

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
            yield SystemCommand(t(f"view.{view.name}"), t("palette.view_help"),
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

    def data_changed(self) -> None:
        """The records changed (a save): the lists and the home view show them again — now when
        they are on the screen, else when they come back to it (a save in a form answers first)."""
        main = self.screen_stack[0]
        if isinstance(main, MainScreen):
            main.data_changed()

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
        self.push_screen(EditScreen(draft, path, [self.listing.label(ref)]))

    def toggle_confirm_save(self) -> None:
        self.settings.confirm_save = not self.settings.confirm_save
        self.settings.save()
        state = self.cat.t("palette.on") if self.settings.confirm_save else self.cat.t("palette.off")
        self.notify(self.cat.t("palette.confirm_save", state=state))

    def revert_last_save(self) -> None:
        """Put back what the last save replaced."""
        from schema.edit.save import SaveFailed

        editing = self.editing
        try:
            result = editing.session.revert_last_save()
        except SaveFailed as exc:
            self.notify(self.cat.t("edit.failed", path=exc.relpath, reason=exc.reason), severity="error")
            return
        editing.saved(result.changes)
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
        """Open the record at fault; where it did not load, the file at the problem's line."""
        ref = self.data.problem_ref(number)
        if ref is not None:
            self.open_ref(ref)
            return
        problem = self.data.problems[number]
        if problem.path not in self.data.file_texts:
            self.notify(problem.format_text(self.cat), title=self.cat.t("notify.no_file"),
                        severity="warning")
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
