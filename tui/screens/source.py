"""A data file at fault, for problems in a record that did not load: the file's lines with their
numbers, each problem's message under the line it is on (✖), scrolled to the problem that was
opened. The file is read as it is on disk now."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from schema.words.problems import Problem, shorten_message
from schema.words.sanitize import printable
from tui.changes import Change, subscribe
from tui.localize import LocalizedScreen
from tui.widgets.document import Block, DocumentView, Span
from tui.widgets.keybar import KeyBar
from tui.widgets.trail import Trail

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
        self.trail_label = path

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.daicho
        self.trail_label = f"{app.cat.t('kind.file')}: {self.path}"
        yield Trail([*app.trail(exclude=self), self.trail_label], app.status_pieces, id="trail")
        yield DocumentView(self._blocks(), mark={f"problem-{self.focus_problem}"},
                           anchor=f"problem-{self.focus_problem}", id="document")
        yield KeyBar()

    def _blocks(self) -> list[Block]:
        app = self.daicho
        data, t = app.data, app.cat.t
        problems = [(n, p) for n, p in enumerate(data.problems) if p.path == self.path]
        blocks = [Block([Span(t("source.not_loaded", path=self.path), "warning")]), Block([])]
        for number, problem in problems:
            role = "heading" if number == self.focus_problem else "warning"
            blocks.append(Block([Span(problem.format_text(app.cat), role)]))
        blocks.append(Block([]))
        text = data.text_of(self.path)
        if text is None:
            blocks.append(Block([Span(t("source.unreadable"), "warning")]))
            return blocks
        lines = text.split("\n")[:MAX_LINES]
        width = len(str(len(lines)))
        at_line: dict[int, list[tuple[int, Problem]]] = {}
        for number, problem in problems:
            at = problem.line if problem.line is not None and 1 <= problem.line <= len(lines) else 1
            at_line.setdefault(at, []).append((number, problem))
        for number, line in enumerate(lines, start=1):
            here = at_line.get(number, [])
            marks = tuple(f"problem-{n}" for n, _ in here)
            blocks.append(Block([Span(line or " ", "quote")], [Span(f"{number:>{width}} │ ", "muted")],
                                marks=marks))
            for _, problem in here:
                # The message under the line, pointing at the column it is about.
                before = printable(line[: max(0, (problem.col or 1) - 1)], multiline=True)
                pointer = " " * cell_len(before) + "^ " if problem.col else ""
                blocks.append(Block([Span(f"{pointer}✖ {problem.code} {shorten_message(app.message(problem))}",
                                          "error")], [Span(f"{'':>{width}} │ ", "muted")], marks=marks))
        return blocks

    def on_mount(self) -> None:
        subscribe(self, self._changed)

    def _changed(self, change: Change) -> None:
        """The app's signal (tui/changes.py): loaded again or saved, the file as it is now; files
        changed on disk, the count on the first line."""
        if change.records:
            self.query_one(DocumentView).replace(self._blocks())
        self.query_one(Trail).refresh()

    def action_back(self) -> None:
        if self.is_current:
            self.dismiss()
