"""The intake's dialogs (`i` on a meeting's screen, tui/intake.py): what to take in and the export's
path, then — where options of the export match no theme — a theme for each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from schema.words.sanitize import printable
from tui.screens.prompts import FormPrompt

INTAKES = ("survey", "questions")
"""What can be taken in: the survey's ranking, the questions by theme (`daicho intake survey|questions`)."""


class IntakePrompt(FormPrompt):
    """What to take in, and the export's path. `check(what, path)` reads and plans it, and says
    what is wrong in one line (None: planned, the dialog closes with `(what, path)`)."""

    def __init__(self, title: str, t: Callable[..., str], check: Callable[[str, str], str | None]) -> None:
        super().__init__(title, t)
        self.check = check

    def compose(self) -> ComposeResult:
        t = self.t
        labels = {"survey": t("intake.survey"), "questions": t("intake.questions")}
        with Vertical():
            yield self.heading()
            yield self.label("intake.what")
            yield Select([(labels[what], what) for what in INTAKES], value=INTAKES[0], allow_blank=False,
                         id="intake-what")
            yield self.label("intake.path")
            yield Input(placeholder=t("intake.path_example"), id="intake-path")
            yield from self.ending("intake.read")

    def on_mount(self) -> None:
        self.query_one("#intake-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

    def create(self) -> None:
        what = self.query_one("#intake-what", Select).value
        path = self.query_one("#intake-path", Input).value
        error = self.check(str(what), path)
        if error:
            self.refuse(printable(error))
            return
        self.dismiss((str(what), path))


class MapPrompt(FormPrompt):
    """A theme for each option of the export that matches none (kept as the theme's alias, as
    `--map` keeps it); all must be chosen."""

    def __init__(self, title: str, t: Callable[..., str], options: Sequence[str],
                 themes: Sequence[tuple[str, str]]) -> None:
        super().__init__(title, t)
        self.options = list(options)
        self.themes = list(themes)
        """(theme id, its label as the list shows it)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.heading()
            for number, option in enumerate(self.options):
                yield Static(f"「{printable(option)}」", classes="message", markup=False)
                yield Select([(label, theme) for theme, label in self.themes], prompt=self.t("edit.choose"),
                             id=f"map-{number}")
            yield from self.ending("intake.map")

    def on_mount(self) -> None:
        self.query_one("#map-0", Select).focus()

    def create(self) -> None:
        chosen: dict[str, str] = {}
        for number, option in enumerate(self.options):
            value: Any = self.query_one(f"#map-{number}", Select).value
            if not isinstance(value, str):
                self.refuse(self.t("intake.map_all"))
                return
            chosen[option] = value
        self.dismiss(chosen)
