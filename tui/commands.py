"""The command palette (ctrl+p) jumps to any record by name, kana, romaji, id or code, and to a
consultation by the words of its question or answers; a record's own name, id or code ranks first."""

from __future__ import annotations

import heapq
from functools import lru_cache, partial
from typing import TYPE_CHECKING, NamedTuple, cast

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets.option_list import Option

from schema.read.textmatch import normalize, own_parts, query_terms
from schema.words.sanitize import printable
from tui.data import RefKind

if TYPE_CHECKING:
    from tui.app import DaichoApp
    from tui.listing import Listing, Row

KINDS: tuple[RefKind, ...] = ("advisor", "municipality", "theme", "meeting", "consultation")
MAX_HITS = 40
DISCOVER = 12
MAX_NAME = 80
"""Characters of a name shown in a hit (a consultation's name is its question)."""


class Match(NamedTuple):
    row: Row
    kind: str
    """The kind's label (アドバイザー)."""
    name: str


def score(term: str, row: Row, name: str) -> float:
    """How well the first word of a query names a record: its name exactly, one of its own names
    (id, code, reading) exactly, the start of its name, of an own name, inside its name, inside an
    own name; else it only matched words that relate to it (a theme an advisor knows)."""
    normal = _normal(name)
    if normal == term:
        return 1.0
    own = own_parts(row.key)
    if term in own:
        return 0.95
    if normal.startswith(term):
        return 0.9
    if any(part.startswith(term) for part in own):
        return 0.8
    if term in normal:
        return 0.7
    if any(term in part for part in own):
        return 0.6
    return 0.5


@lru_cache(maxsize=1 << 14)
def _normal(name: str) -> str:
    return normalize(name)


def best(listing: Listing, kinds: dict[RefKind, str], terms: list[str],
         count: int = MAX_HITS) -> list[tuple[float, Match]]:
    """The `count` records that match every term, best first (among equals, records with activity
    first, then shorter names, then in their lists' order). Every match is scored before any is
    left out."""
    first = terms[0]
    scored = []
    order = 0
    for kind, label in kinds.items():
        for row in listing.rows(kind):
            order += 1
            if all(term in row.key for term in terms):
                name = listing.label(row.ref)
                scored.append((score(first, row, name), row.active, -len(name), -order, Match(row, label, name)))
    return [(value, match) for value, _, _, _, match in heapq.nlargest(count, scored, key=lambda s: s[:4])]


class RecordCommands(Provider):
    """Records as palette entries: the kind, the name and what identifies it, searched in the
    lists' rows (so a consultation is found by the words of its question and answers too). While
    the repository loads, the palette says so."""

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    def _kinds(self) -> dict[RefKind, str]:
        t = self.daicho.cat.t
        return {kind: t(f"kind.{kind}") for kind in KINDS}

    def _hit_display(self, kind: str, name: str, row: Row) -> Content:
        detail = "  ".join(c for c in row.cells[1:3] if c and c != name)
        shown = name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"
        return Content.assemble((f"{kind}  ", "dim"), (printable(shown), "bold"),
                                (f"  {printable(detail)}", "dim"))

    def _open(self, row: Row) -> None:
        self.daicho.open_ref(row.ref)

    def _loading(self) -> tuple[Content, str]:
        app = self.daicho
        loaded, total = app.progress
        text = app.cat.t("palette.loading", loaded=loaded, total=total)
        return Content.styled(text, "italic $text-muted"), text

    async def search(self, query: str) -> Hits:
        terms = query_terms(query)
        if not terms:
            return
        if not self.daicho.data.ready:
            display, text = self._loading()
            yield Hit(1.0, display, _nothing, text=text)
            return
        for value, match in best(self.daicho.listing, self._kinds(), terms):
            yield Hit(value, self._hit_display(match.kind, match.name, match.row),
                      partial(self._open, match.row), text=f"{match.kind} {match.name}",
                      help=match.row.ref.id)

    async def discover(self) -> Hits:
        app = self.daicho
        if not app.data.ready:
            display, text = self._loading()
            yield DiscoveryHit(display, _nothing, text=text)
        kind = app.cat.t("kind.meeting")
        for row in app.listing.latest_meetings(DISCOVER):
            name = app.listing.label(row.ref)
            yield DiscoveryHit(self._hit_display(kind, name, row), partial(self._open, row),
                               text=f"{kind} {name}", help=row.ref.id)


def _nothing() -> None:
    """The loading notice's command: closing the palette is all it does."""


class DaichoPalette(CommandPalette):
    """Textual's command palette, saying "no matches" in the interface's language."""

    def __init__(self, *, placeholder: str, no_matches: str, id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As CommandPalette's own (Textual 8.2), with the catalogue's words: Textual writes
        # "No matches found" into the list from inside this method, with no hook to change it.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self.no_matches, style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
