"""How the screens learn that the repository changed: one Textual signal, the app's
`records_changed`, which every screen that shows records subscribes to (posting's pattern), instead
of the app calling the screens' methods by name.

Published by the app (`DaichoApp.publish`) after the records changed: while the first load goes on
(the root files, then meetings a few at a time), once everything is loaded or loaded again (`r`),
after every save (the editing session's one save tells the app: edits, new records, copies,
renames, deletions, a revert, an intake), and when the watch finds files changed on disk. The
records are current when it is published; the app's lists (`tui.listing.Listing`) too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from schema.models import MEETINGS_DIR
from schema.read.readmodel import Ref

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from schema.edit.session import SaveResult
    from tui.app import DaichoApp

ChangeKind = Literal["roots", "meetings", "loaded", "saved", "on_disk"]


@dataclass(frozen=True, slots=True)
class Change:
    """What changed. `roots`: the root files loaded (their lists can be shown); `meetings`: more
    meetings loaded (`meetings` names them); `loaded`: everything loaded, or loaded again;
    `saved`: a save wrote files (`saved` says which, and what they now hold), or files changed on
    disk were loaded again; `on_disk`: files changed on disk since the last load (`on_disk` counts
    them; nothing is loaded)."""

    kind: ChangeKind
    meetings: tuple[str, ...] = ()
    saved: SaveResult | None = None
    on_disk: int = 0

    @property
    def created(self) -> Ref | None:
        """A meeting the save created (its list puts the cursor on it)."""
        if self.saved is None:
            return None
        return next((Ref("meeting", relpath.removeprefix(f"{MEETINGS_DIR}/").removesuffix(".toml"))
                     for relpath in self.saved.created if relpath.startswith(f"{MEETINGS_DIR}/")), None)

    @property
    def records(self) -> bool:
        """Whether the records themselves changed (every view of them is out of date)."""
        return self.kind in ("loaded", "saved")


def subscribe(node: DOMNode, callback: Callable[[Change], object]) -> None:
    """Have `node` (mounted) told of every change, at once: as the change is published, in the
    order the nodes subscribed (the main screen first), so that what a key does next sees it."""
    cast("DaichoApp", node.app).records_changed.subscribe(node, callback, immediate=True)
