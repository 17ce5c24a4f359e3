"""Undo as a secretariat relies on it (issue 18), as a Hypothesis state machine over an editing
session: edits, undos, redos and saves in any order. A saved file changes only by a save; an undo
(or redo) changes only the places it names, and never reaches back past the last save."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from schema.edit.draft import Draft
from schema.edit.session import EditSession
from schema.files.locate import KeyPath
from schema.load.loader import load_repository
from tests.helpers import SEED_MEETING, examples, make_repo

_BASE = Path(tempfile.mkdtemp(prefix="daicho-undo-"))
_REPO = make_repo(_BASE / "records")
_SEED = (_REPO / SEED_MEETING).read_bytes()
_RECORDS = load_repository(_REPO).records

TEXT = st.text(alphabet="あいう会議概要xyz", min_size=1, max_size=6)
FIELDS = st.sampled_from(["title", "summary", "note", "heading"])


def changed(before: Any, after: Any, base: KeyPath = ()) -> list[KeyPath]:
    """Where two documents differ, leaf by leaf (a list of another length: the list itself)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [path for key in {**before, **after} for path in changed(before.get(key), after.get(key), (*base, key))]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [path for index, pair in enumerate(zip(before, after, strict=True))
                for path in changed(*pair, (*base, index))]
    return [] if before == after else [base]


def covered(change: KeyPath, named: KeyPath) -> bool:
    """Whether a change lies at a place named: inside it, or (a list element named) the elements
    after it in its list, which an insertion or removal shifts, or the list's length."""
    if change[:len(named)] == named:
        return True
    if named and isinstance(named[-1], int):
        parent = named[:-1]
        if change == parent:
            return True
        if change[:len(parent)] == parent and len(change) > len(parent) and isinstance(change[len(parent)], int):
            return change[len(parent)] >= named[-1]
    return False


class UndoMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        (_REPO / SEED_MEETING).write_bytes(_SEED)
        self.session = EditSession(_REPO, _RECORDS)
        self.draft: Draft = self.session.open(SEED_MEETING)
        self.on_disk = _SEED
        self.edited_since_save = False

    def _items(self) -> int:
        return len(self.draft.get(("agenda",)) or [])

    @rule(field=FIELDS, value=TEXT, where=st.integers(0, 20))
    def set_a_field(self, field: str, value: str, where: int) -> None:
        if field == "title" and where % 2:
            self.draft.set(("title",), value)
        else:
            index = where % max(1, self._items())
            self.draft.set(("agenda", index, field), value)
        self.edited_since_save = True

    @rule(value=TEXT, where=st.integers(0, 20))
    def add_an_item(self, value: str, where: int) -> None:
        self.draft.insert(("agenda",), where % (self._items() + 1), {"kind": "remarks", "title": value})
        self.edited_since_save = True

    @precondition(lambda self: self._items() > 1)
    @rule(where=st.integers(0, 20))
    def remove_an_item(self, where: int) -> None:
        self.draft.remove(("agenda", where % self._items()))
        self.edited_since_save = True

    @precondition(lambda self: self._items() > 1)
    @rule(where=st.integers(0, 20), delta=st.sampled_from([-1, 1, 3]))
    def move_an_item(self, where: int, delta: int) -> None:
        self.draft.move(("agenda", where % self._items()), delta)
        self.edited_since_save = True

    @rule()
    def undo(self) -> None:
        before = copy.deepcopy(self.draft.doc)
        step = self.draft.undo()
        if step is None:
            assert self.draft.doc == before
            return
        assert self.edited_since_save or self.draft.dirty, "an undo reached back past the last save"
        for change in changed(before, self.draft.doc):
            assert any(covered(change, named) for named in step.paths), (change, step.paths)

    @rule()
    def redo(self) -> None:
        before = copy.deepcopy(self.draft.doc)
        step = self.draft.redo()
        if step is None:
            assert self.draft.doc == before
            return
        for change in changed(before, self.draft.doc):
            assert any(covered(change, named) for named in step.paths), (change, step.paths)

    @rule()
    def save(self) -> None:
        if self.session.problems():
            return  # a save with problems is refused (tested elsewhere)
        result = self.session.save()
        if result.changes:
            self.on_disk = (_REPO / SEED_MEETING).read_bytes()
            assert self.on_disk == result.changes[0].after
        self.edited_since_save = False
        assert self.draft.undo() is None and self.draft.redo() is None  # history stops at the save

    @invariant()
    def the_file_changes_only_by_a_save(self) -> None:
        assert (_REPO / SEED_MEETING).read_bytes() == self.on_disk


UndoMachine.TestCase.settings = settings(max_examples=examples(25), stateful_step_count=20, deadline=None,
                                         suppress_health_check=[HealthCheck.too_slow])
TestUndo = UndoMachine.TestCase


def teardown_module() -> None:
    shutil.rmtree(_BASE, ignore_errors=True)
