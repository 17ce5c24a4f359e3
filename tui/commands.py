"""The command palette (ctrl+p) jumps to any record by name, kana, romaji, id or code."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, cast
from weakref import WeakKeyDictionary

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets.option_list import Option

from schema.textmatch import normalize, query_terms
from tui.data import RefKind

if TYPE_CHECKING:
    from tui.app import DaichoApp
    from tui.listing import Listing, Row

KINDS: tuple[RefKind, ...] = ("advisor", "municipality", "theme", "meeting")
MAX_HITS = 40
DISCOVER = 12


class Entry(NamedTuple):
    row: Row
    kind: str
    """The kind's label (アドバイザー)."""
    name: str
    normal: str
    """The name as the filter compares it."""
    parts: tuple[str, ...]
    """The parts of the row's search key: name, reading, romaji, id, code…"""


def score(first: str, entry: Entry) -> float:
    """How well the first word of a query names an entry: its name exactly, the start of its
    name, an id, code or reading exactly, the start of one, inside the name, elsewhere."""
    if entry.normal == first:
        return 1.0
    if entry.normal.startswith(first):
        return 0.9
    if first in entry.parts:
        return 0.85
    if any(part.startswith(first) for part in entry.parts):
        return 0.75
    return 0.6 if first in entry.normal else 0.5


def best(entries: list[Entry], terms: list[str], count: int = MAX_HITS) -> list[tuple[float, Entry]]:
    """The `count` entries that match every term, best first (shorter names first among equals,
    then in their lists' order). Every match is scored before any is left out."""
    first = terms[0]
    matched = ((score(first, e), -len(e.normal), -n, n) for n, e in enumerate(entries)
               if all(term in e.row.key for term in terms))
    return [(s, entries[n]) for s, _, _, n in heapq.nlargest(count, matched)]


_ENTRIES: WeakKeyDictionary[Listing, list[Entry]] = WeakKeyDictionary()
"""Palette entries of a loaded repository, built on its first search and kept for the next."""


class RecordCommands(Provider):
    """Records as palette entries: the kind, the name and what identifies it. The entries are
    built on the first search once the repository is loaded; while it loads, the palette says so."""

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    def entries(self) -> list[Entry]:
        listing = self.daicho.listing
        entries = _ENTRIES.get(listing)
        if entries is None:
            entries = _ENTRIES[listing] = list(self._build(listing))
        return entries

    def _build(self, listing: Listing) -> Iterator[Entry]:
        t = self.daicho.cat.t
        for kind in KINDS:
            label = t(f"kind.{kind}")
            for row in listing.rows(kind):
                name = listing.label(row.ref)
                yield Entry(row, label, name, normalize(name), tuple(row.key.split("\x1f")))

    def _hit_display(self, kind: str, name: str, row: Row) -> Content:
        detail = "  ".join(c for c in row.cells[1:3] if c and c != name)
        return Content.assemble((f"{kind}  ", "dim"), (name, "bold"), (f"  {detail}", "dim"))

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
        for value, entry in best(self.entries(), terms):
            yield Hit(value, self._hit_display(entry.kind, entry.name, entry.row),
                      partial(self._open, entry.row), text=f"{entry.kind} {entry.name}",
                      help=entry.row.ref.id)

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
