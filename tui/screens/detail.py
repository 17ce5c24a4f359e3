"""A record's screen: a breadcrumb, the record as a document of fields and links, and the footer.

The document is the record's outline (schema.outline), the same lines `daicho show` prints: every
field, then everything that refers to the record. Enter opens the link under the cursor; Escape goes
back to where the record was opened. A consultation opens within its meeting, scrolled to its
question and marked with its answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from schema.outline import Line, Outliner
from tui.data import Ref, RepoData
from tui.i18n import Catalogue
from tui.localize import LocalizedScreen
from tui.widgets.document import Block, Doc, DocumentView, Span

if TYPE_CHECKING:
    from tui.app import DaichoApp


class DetailScreen(LocalizedScreen):
    """One record, laid out by its outline."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "keys.back", priority=True, id="back"),
        Binding("e", "edit", "keys.edit", id="edit"),
    ]

    def __init__(self, ref: Ref) -> None:
        super().__init__()
        self.ref = ref
        self.start_anchor = ref.anchor
        self.mark: set[str] = set()
        if ref.kind == "consultation":
            # The question's own lines and its topic's shared answers.
            self.ref = Ref("meeting", ref.id.split("/", 1)[0], ref.id)
            self.start_anchor = ref.id
            self.mark = {ref.id, ref.id.rsplit(".", 1)[0]}
        self.trail_label = ""
        self.generation = -1

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    @property
    def data(self) -> RepoData:
        return self.daicho.data

    @property
    def cat(self) -> Catalogue:
        return self.daicho.cat

    def t(self, key: str, **values: object) -> str:
        return self.daicho.cat.t(key, **values)

    def compose(self) -> ComposeResult:
        self.generation = self.data.generation
        doc = Doc(label_width=18 if self.cat.lang == "ja" else 20)
        self.trail_label = self.daicho.listing.label(self.ref)
        trail = [*self.daicho.trail(exclude=self), self.trail_label]
        yield Static(" › ".join(trail), id="trail", classes="trail", markup=False)
        try:
            self.build(doc)
        except Exception as exc:  # a bug in a view must not close the app over the user's work
            doc.blank()
            doc.text(self.t("detail.failed", error=repr(exc)), "warning")
        yield DocumentView(doc.blocks, mark=self.mark, anchor=self.start_anchor, id="document")
        yield Footer()

    def build(self, doc: Doc) -> None:
        for line in Outliner(self.data, self.cat).record(Ref(self.ref.kind, self.ref.id)):
            add_line(doc, line)

    @on(DocumentView.LinkSelected)
    def _open(self, event: DocumentView.LinkSelected) -> None:
        event.stop()
        self.daicho.open_ref(event.ref)

    def action_back(self) -> None:
        if self.is_current:
            self.dismiss()

    def action_edit(self) -> None:
        self.daicho.edit(self.ref if self.ref.anchor is None or "/" not in self.ref.anchor
                         else Ref("consultation", self.ref.anchor))

    def on_screen_resume(self) -> None:
        if self.generation != self.data.generation:  # a save changed the records meanwhile
            if not self.data.exists(Ref(self.ref.kind, self.ref.id)):
                self.dismiss()
                return
            self.generation = self.data.generation
            self.refresh(recompose=True)

    def commands(self) -> Iterator[SystemCommand]:
        """The palette's commands for this record: edit, copy as new, rename, delete."""
        from tui.record_actions import record_commands

        yield from record_commands(self.daicho, self.ref)


def add_line(doc: Doc, line: Line) -> None:
    """One line of an outline as a block of the document."""
    if line.kind == "blank":
        doc.blank()
        return
    if line.kind == "section":
        doc.blank()
    body = [Span(piece.text, piece.style) for piece in line.pieces]
    prefix = [doc.label(line.label)] if line.kind == "field" else []
    doc.add(Block(body, prefix, line.depth * 2, line.ref, line.anchor, line.group))


def screen_for(ref: Ref) -> DetailScreen:
    """The screen that shows `ref` (a consultation opens within its meeting)."""
    return DetailScreen(ref)
