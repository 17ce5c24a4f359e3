"""A data file at fault, for problems in a record that did not load: the file's lines with their
numbers, the problem lines marked, scrolled to the problem that was opened."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from tui.localize import LocalizedScreen
from tui.widgets.document import Block, DocumentView, Span

if TYPE_CHECKING:
    from tui.app import DaichoApp

MAX_LINES = 20_000


class SourceScreen(LocalizedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "keys.back", priority=True, id="back"),
    ]

    def __init__(self, path: str, focus: int) -> None:
        super().__init__()
        self.path = path
        self.focus_problem = focus
        self.label = path

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.daicho
        data, t = app.data, app.cat.t
        problems = [(n, p) for n, p in enumerate(data.problems) if p.path == self.path]
        focus_line = data.problems[self.focus_problem].line
        trail = [*app.trail(exclude=self), self.path]
        yield Static(" › ".join(trail), id="trail", classes="trail", markup=False)
        blocks = [Block([Span(t("source.not_loaded", path=self.path), "warning")]), Block([])]
        for number, problem in problems:
            role = "heading" if number == self.focus_problem else "warning"
            blocks.append(Block([Span(problem.format_text(app.cat), role)]))
        blocks.append(Block([]))
        lines = data.file_texts.get(self.path, "").split("\n")[:MAX_LINES]
        width = len(str(len(lines)))
        marked = {p.line for _, p in problems if p.line is not None}
        for number, line in enumerate(lines, start=1):
            group = "problem" if number in marked else None
            anchor = "focus" if number == focus_line else None
            blocks.append(Block([Span(line or " ", "quote")],
                                [Span(f"{number:>{width}} │ ", "muted")],
                                anchor=anchor, group=group))
        yield DocumentView(blocks, mark={"problem"}, anchor="focus" if focus_line else None,
                           id="document")
        yield Footer()

    def action_back(self) -> None:
        if self.is_current:
            self.dismiss()
