"""The command palette (ctrl+p) jumps to any record by name, kana, romaji, id or code."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.data import RefKind
from tui.textmatch import normalize, query_terms

if TYPE_CHECKING:
    from tui.app import DaichoApp
    from tui.listing import Row

KINDS: tuple[RefKind, ...] = ("advisor", "municipality", "theme", "meeting")
MAX_HITS = 40
DISCOVER = 12


class RecordCommands(Provider):
    """Records as palette entries: the kind, the name and what identifies it."""

    async def startup(self) -> None:
        app = cast("DaichoApp", self.app)
        listing, t = app.listing, app.cat.t
        self.entries: list[tuple[Row, str, str, str]] = []
        for kind in KINDS:
            label = t(f"kind.{kind}")
            for row in listing.rows(kind):
                name = listing.label(row.ref)
                self.entries.append((row, label, name, normalize(name)))

    def _hit_display(self, kind: str, name: str, row: Row) -> Content:
        detail = "  ".join(c for c in row.cells[1:3] if c and c != name)
        return Content.assemble((f"{kind}  ", "dim"), (name, "bold"), (f"  {detail}", "dim"))

    def _open(self, row: Row) -> None:
        cast("DaichoApp", self.app).open_ref(row.ref)

    async def search(self, query: str) -> Hits:
        terms = query_terms(query)
        if not terms:
            return
        found = 0
        for row, kind, name, normal in self.entries:
            if not all(term in row.key for term in terms):
                continue
            first = terms[0]
            score = 1.0 if normal.startswith(first) else 0.8 if first in normal else 0.5
            display = self._hit_display(kind, name, row)
            yield Hit(score, display, partial(self._open, row), text=f"{kind} {name}",
                      help=row.ref.id)
            found += 1
            if found >= MAX_HITS:
                return

    async def discover(self) -> Hits:
        app = cast("DaichoApp", self.app)
        for row in app.listing.rows("meeting")[:DISCOVER]:
            name = app.listing.label(row.ref)
            kind = app.cat.t("kind.meeting")
            yield DiscoveryHit(self._hit_display(kind, name, row), partial(self._open, row),
                               text=f"{kind} {name}", help=row.ref.id)
