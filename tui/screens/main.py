"""The main screen: the navigation bar, one view at a time (home, the five lists, the problems)
and the footer. Records open on screens pushed above it; Escape comes back here."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import ContentSwitcher, Input, Static

from tui.changes import Change, subscribe
from tui.localize import LocalizedScreen
from tui.screens.home import HomeView
from tui.screens.lists import RecordList
from tui.views import LISTS, ROOT_LISTS, VIEWS
from tui.widgets.keybar import KeyBar
from tui.widgets.nav import NavBar, NavItem

if TYPE_CHECKING:
    from schema.read.readmodel import Ref
    from tui.app import DaichoApp


class MainScreen(LocalizedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "keys.filter", key_display="/", priority=True, id="filter"),
        Binding("n", "new", "keys.new", id="new"),
    ]

    def __init__(self, initial: str = "meeting") -> None:
        super().__init__(id="main")
        self.initial = initial
        self._stale = False
        self._created: Ref | None = None
        """The records changed while another screen was on top (data_changed)."""
        self._changed = 0

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    def _views(self) -> list[NavItem]:
        app = self.daicho
        t = app.cat.t
        views = []
        for view in VIEWS:
            label, short = t(f"view.{view.name}"), t(f"view_short.{view.name}")
            alert = False
            if view.name == "problem":
                count = f"{len(app.data.problems):,}" if app.data.ready else "…"
                label, short = f"{label} ({count})", f"{short} ({count})"
                alert = bool(app.data.ready and app.data.problems)
            views.append(NavItem(view.key, view.name, label, short, alert))
        return views

    def compose(self) -> ComposeResult:
        yield NavBar(self.daicho.cat.t("app.title"), self._views(), self.initial, id="nav")
        yield Static("", id="alert", classes="alert", markup=False)
        with ContentSwitcher(initial=f"view-{self.initial}", id="views"):
            yield HomeView(id="view-home")
            for kind in LISTS:
                yield RecordList(kind, preview=kind == "consultation", id=f"view-{kind}")
            yield RecordList("problem", preview=True, id="view-problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show(self.initial)
        subscribe(self, self._records_changed)  # before the load starts: it tells what it loads as it goes
        self.daicho.start_loading()

    # -- what changed ----------------------------------------------------------------------------

    def _records_changed(self, change: Change) -> None:
        """The app's signal (tui/changes.py): the lists, the home view and the alert line follow."""
        if change.kind == "roots":
            self.roots_loaded()
        elif change.kind == "meetings":
            self.meetings_loaded(list(change.meetings))
        elif change.kind == "loaded":
            self.data_ready()
        elif change.kind == "saved":
            self.data_changed(change.created)
        else:
            self.update_changed(change.on_disk)

    def roots_loaded(self) -> None:
        """Themes, local governments and advisors loaded: their lists get their rows (counts of
        what the meetings say come once the meetings are loaded)."""
        for view in self.query(RecordList):
            if view.loaded and view.kind in ROOT_LISTS:
                view.reload()

    def meetings_loaded(self, meeting_ids: list[str]) -> None:
        """More meetings loaded (newest first): add them to the meetings list and the home view."""
        rows = self.daicho.listing.meeting_rows(meeting_ids)
        for view in self.query(RecordList):
            if view.kind == "meeting" and view.loaded:
                view.append(rows)
            elif view.loaded:
                view.update_status()
        self.query_one(HomeView).meetings_loaded()

    def data_changed(self, created: Ref | None = None) -> None:
        """The records changed: shown again now when this screen is current, else on its return.
        A record just `created` (a new meeting saved) gets its list's cursor."""
        self._created = created or self._created
        if self.is_current:
            self.data_ready()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.data_ready()

    def data_ready(self) -> None:
        """Everything loaded: every list shown so far gets its rows, the home view its figures."""
        self.query_one(NavBar).set_views(self._views())
        created, self._created = self._created, None
        for view in self.query(RecordList):
            if view.loaded:
                view.reload(created if created is not None and created.kind == view.kind else None)
        self.query_one(HomeView).refresh_data()
        self.update_alert()
        self.refresh_bindings()

    def update_changed(self, count: int) -> None:
        """Files changed on disk (the app looks every few seconds)."""
        if count != self._changed:
            self._changed = count
            self.update_alert()

    def update_alert(self) -> None:
        """The line under the bar: the repository's problems (on every main view but the
        problems' own), and files changed on disk."""
        app = self.daicho
        t = app.cat.t
        parts = []
        problems = len(app.data.problems) if app.data.ready else 0
        if problems and self.current != "problem":
            parts.append(t("alert.problems", count=f"{problems:,}"))
        if self._changed:
            parts.append(t("alert.changed", count=f"{self._changed:,}"))
        alert = self.query_one("#alert", Static)
        alert.update("  ".join(parts))
        alert.display = bool(parts)
        alert.set_class(bool(problems), "-problems")

    @property
    def current(self) -> str:
        current = self.query_one(ContentSwitcher).current or "view-meeting"
        return current.removeprefix("view-")

    def show(self, view: str) -> None:
        self.query_one(ContentSwitcher).current = f"view-{view}"
        self.query_one(NavBar).select(view)
        self.update_alert()
        widget = self.query_one(f"#view-{view}")
        # Focus at once (not after a refresh), so that keys typed quickly after this one land
        # where the user expects them.
        if isinstance(widget, RecordList):
            widget.load()
            self.set_focus(widget.table)
        elif isinstance(widget, HomeView):
            self.set_focus(widget.default_focus)
        self.refresh_bindings()

    def current_list(self) -> RecordList | None:
        widget = self.query_one(f"#view-{self.current}")
        return widget if isinstance(widget, RecordList) else None

    def action_filter(self) -> None:
        view = self.current_list()
        if view is not None:
            self.set_focus(view.filter)

    def action_new(self) -> None:
        """A new record of the list shown: a meeting, an advisor, a theme."""
        from tui.record_actions import new_meeting, new_record

        if self.current == "meeting":
            new_meeting(self.daicho)
        elif self.current in ("advisor", "theme"):
            new_record(self.daicho, self.current)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter":
            return self.current_list() is not None and not isinstance(self.focused, Input)
        if action == "new":
            return self.current in ("meeting", "advisor", "theme") and self.daicho.data.ready
        return True
