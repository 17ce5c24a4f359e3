"""A read model loaded again after files were written (a save) or changed: only what changed is
checked again, and the cross-reference index is updated in place instead of built again.

Meeting files alone are checked again by themselves (`schema.load.loader.recheck_meetings`: no
other file's problems depend on a meeting's); a root file written (everything refers to its
records) loads every file again through the read model's model cache, so that only the files
whose bytes changed are checked again. Either way the model then holds what a whole load of the
repository gives: the same records, problems and index (tests/tui/test_reload_after_save.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schema.load.loader import RepositoryLoader, recheck_meetings
from schema.models import ROOT_MODELS, Meeting
from schema.read.readmodel import ReadModel


@dataclass(frozen=True, slots=True)
class Reloaded:
    """What a load after a write changed in the read model."""

    removed: list[str] = field(default_factory=list)
    """Meetings whose model left the records (their file changed or went)."""
    added: list[Meeting] = field(default_factory=list)
    """The new models of the meeting files loaded again."""


def reload_files(model: ReadModel, root: Path, written: Sequence[str] | None = None) -> Reloaded:
    """Load again the files `written` (None: anything may have changed) into `model`: its records,
    problems and index as a whole load would make them; `model.generation` counts the load."""
    index = model.index
    if written is not None and not any(path in ROOT_MODELS for path in written):
        found = recheck_meetings(root, model.records, model.problems, written, model.cache)
        index.replace_meetings(found.removed, found.added)
        model.complete(model.records, found.problems, {}, index)
        model.generation += 1
        return Reloaded(found.removed, found.added)
    loader = RepositoryLoader(root, cache=model.cache, keep_sources=False)
    loader.load_roots()
    result = loader.finish()
    before, after = model.records, result.records
    removed = [mid for mid, meeting in before.meetings.items() if after.meetings.get(mid) is not meeting]
    added = [meeting for mid, meeting in after.meetings.items() if before.meetings.get(mid) is not meeting]
    index.replace_meetings(removed, added)
    if after.advisors is not before.advisors:
        index.replace_advisors(after.advisors)
    model.complete(after, result.problems, {}, index)
    model.generation += 1
    return Reloaded(removed, added)
