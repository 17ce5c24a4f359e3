"""A record's screen: a breadcrumb, the record as a document of fields and links, and the footer.

The document is the record's outline (schema.read.outline), the same lines `daicho show` prints: every
field, then everything that refers to it. Enter opens the link under the cursor; Escape goes back to
where the record was opened. A consultation opens as its question and answers, then its meeting
scrolled to it; a meeting opened from a person, a local government or a theme opens at their item;
a record opened from a problem opens at the item at fault, marked ✖ with the problem beside it.
`/` filters the record's lists (a theme's consultations, an advisor's meetings).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.widgets import Input

from schema.read.outline import Line, Outliner
from tui.changes import Change, subscribe
from tui.data import Ref, RepoData
from tui.i18n import Catalogue
from tui.localize import LocalizedScreen
from tui.widgets.document import Block, Doc, DocumentView, Span
from tui.widgets.keybar import KeyBar
from tui.widgets.trail import Trail

if TYPE_CHECKING:
    from tui.app import DaichoApp


class DocumentFilter(Input):
    """The filter of a record's lists: Escape clears it, then goes back to the document."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_or_leave", "keys.clear_filter", id="clear_filter"),
        Binding("down", "leave", "keys.to_list", show=False),
    ]

    def action_clear_or_leave(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.action_leave()

    def action_leave(self) -> None:
        self.display = False
        self.screen.set_focus(self.screen.query_one(DocumentView))


class DetailScreen(LocalizedScreen):
    """One record, laid out by its outline."""

    AUTO_FOCUS = "#document"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "keys.back", priority=True, id="back"),
        Binding("e", "edit", "keys.edit", id="edit"),
        Binding("slash", "filter", "keys.filter_record", key_display="/", id="filter_record"),
        Binding("i", "intake", "keys.intake", id="intake"),
    ]

    def __init__(self, ref: Ref) -> None:
        super().__init__()
        self.ref = ref
        self.start_anchor = ref.anchor
        self.mark: set[str] = set()
        if ref.kind == "consultation":
            self.start_anchor = "consultation"
            self.mark = {ref.id}
        elif ref.anchor:
            self.mark = {ref.anchor}  # the item, question or problem it was opened at
        self.trail_label = ""
        self._stale = False
        """The records changed (a save) while another screen was on top: shown again on return."""

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
        app = self.daicho
        self.trail_label = f"{self.t(f'kind.{self.ref.kind}')}: {app.listing.label(self.ref)}"
        yield Trail([*app.trail(exclude=self), self.trail_label], app.status_pieces, id="trail")
        yield DocumentView(self._blocks(), mark=self.mark, anchor=self.start_anchor, id="document")
        yield DocumentFilter(placeholder=self.t("filter.record_placeholder"), id="document-filter",
                             classes="filter document-filter")
        yield KeyBar()

    def _blocks(self) -> list[Block]:
        doc = Doc(label_width=18 if self.cat.lang == "ja" else 20)
        try:
            if self.data.exists(Ref(self.ref.kind, self.ref.id)):
                self.build(doc)
            else:
                doc.text(self.t("detail.gone", id=self.ref.id), "warning")
        except Exception as exc:  # a bug in a view must not close the app over the user's work
            doc.blank()
            doc.text(self.t("detail.failed", error=repr(exc)), "warning")
        return doc.blocks

    def build(self, doc: Doc) -> None:
        for line in Outliner(self.data, self.cat, cell_len).record(Ref(self.ref.kind, self.ref.id)):
            add_line(doc, line)

    def on_mount(self) -> None:
        subscribe(self, self._changed)

    def _changed(self, change: Change) -> None:
        """The app's signal (tui/changes.py). Loaded again: the record as it is now, where the
        reader was. Saved (here or on any other screen): shown again — now when this screen is on
        top, else when it comes back —, or closed when the record is gone (renamed, deleted)."""
        if change.kind == "loaded":
            self.data_ready()
        elif change.kind == "saved":
            self._stale = True
            if self.is_active:  # on top (`is_current` is true under a form too: it shows through)
                self._show_again()
        elif change.kind == "on_disk":
            self.query_one(Trail).refresh()

    def data_ready(self) -> None:
        """The repository was loaded again: the record as it is now, where the reader was."""
        self.query_one(DocumentView).replace(self._blocks())
        self.query_one(Trail).refresh()

    def _show_again(self) -> None:
        self._stale = False
        if not self.data.exists(Ref(self.ref.kind, self.ref.id)):
            self.dismiss()
            return
        self.refresh(recompose=True)

    @on(DocumentView.LinkSelected)
    def _open(self, event: DocumentView.LinkSelected) -> None:
        event.stop()
        ref = event.ref
        view = self.query_one(DocumentView)
        if ref.kind == "problem" and view.has_anchor(f"problem-{ref.id}"):
            view.mark = frozenset({f"problem-{ref.id}"})
            view.scroll_to_anchor(f"problem-{ref.id}")  # a problem of this record: its place here
            return
        self.daicho.open_ref(ref)

    def action_back(self) -> None:
        if not self.is_current:
            return
        document_filter = self.query_one(DocumentFilter)
        if document_filter.has_focus:
            document_filter.action_clear_or_leave()
            return
        self.dismiss()

    def action_filter(self) -> None:
        document_filter = self.query_one(DocumentFilter)
        document_filter.display = True
        self.set_focus(document_filter)

    @on(Input.Changed, "#document-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one(DocumentView).filter(event.value)

    @on(Input.Submitted, "#document-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_focus(self.query_one(DocumentView))

    def action_edit(self) -> None:
        self.daicho.edit(self.ref if self.ref.anchor is None or "/" not in self.ref.anchor
                         else Ref("consultation", self.ref.anchor))

    def action_intake(self) -> None:
        """i on a meeting: a form's export taken into it (tui/intake.py)."""
        from tui.intake import intake

        intake(self.daicho, self.ref.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "intake":
            return self.ref.kind == "meeting"  # elsewhere the key is neither shown nor taken
        return True

    def on_screen_resume(self) -> None:
        if self._stale:  # a save changed the records meanwhile
            self._show_again()

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
    doc.add(Block(body, prefix, line.depth * 2, line.ref, line.anchor, line.group, tuple(line.marks),
                  line.item))


def screen_for(ref: Ref) -> DetailScreen:
    """The screen that shows `ref`."""
    return DetailScreen(ref)
