"""A file being edited: its document (the record as plain values), edits by key path, undo and redo.

The document is what the canonical writer writes (`model_dump` without defaults), so an edit that
changes one value changes one line of the saved file. A value set to nothing ("", None, an empty
list) is taken out of its table, as the writer leaves out unset fields. Every edit first keeps a
copy of the document, so `undo` and `redo` step through the edits of the session.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from schema.files.locate import KeyPath
from schema.models.writer import dumps_document, dumps_model, model_document

MAX_UNDO = 200
"""Edits kept for undo."""


@dataclass(frozen=True, slots=True)
class Step:
    """What an undo or a redo changed: the key paths of the edit it took back or made again (a
    list element's path stands for the elements after it too, which an insertion shifts)."""

    paths: list[KeyPath]

    @property
    def where(self) -> KeyPath:
        """The one place to show: the longest key path all the paths share."""
        common: list[str | int] = []
        for parts in zip(*self.paths, strict=False):
            if any(part != parts[0] for part in parts):
                break
            common.append(parts[0])
        return tuple(common)


class Draft:
    """One data file (a meeting, advisors.toml, …) being edited."""

    def __init__(self, relpath: str, model_type: type[BaseModel], doc: dict[str, Any],
                 original: bytes | None) -> None:
        self.relpath = relpath
        self.model_type = model_type
        self.doc = doc
        self.original = original
        """The file's bytes when it was read (None for a file not written yet): a save is refused
        when the file no longer holds them."""
        self._saved = copy.deepcopy(doc)
        self._undo: list[tuple[dict[str, Any], list[KeyPath]]] = []
        self._redo: list[tuple[dict[str, Any], list[KeyPath]]] = []
        self.version = 0
        """Counts the edits (and undos and redos): a form built at another version is out of date."""

    @classmethod
    def of(cls, relpath: str, model: BaseModel, original: bytes | None) -> Draft:
        return cls(relpath, type(model), plain(model_document(model)), original)

    # -- reading -------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether the document differs from the file as read (or last saved); a file not written
        yet is unsaved until it is."""
        return self.original is None or self.doc != self._saved

    def get(self, path: KeyPath, default: Any = None) -> Any:
        node: Any = self.doc
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def model(self) -> BaseModel:
        """The document as a model; raises pydantic's ValidationError when it is not valid."""
        return self.model_type.model_validate(self.doc)

    def canonical(self) -> str | None:
        """The text a save writes; None while the document is not valid."""
        try:
            return dumps_model(self.model())
        except ValidationError:
            return None

    def text(self) -> str:
        """The document as TOML in its current order, valid or not (for the checks)."""
        return dumps_document(self.doc)

    # -- editing -------------------------------------------------------------------------------

    def _keep(self, *paths: KeyPath) -> None:
        self.version += 1
        self._undo.append((copy.deepcopy(self.doc), list(paths)))
        del self._undo[:-MAX_UNDO]
        self._redo.clear()

    def set(self, path: KeyPath, value: Any) -> None:
        """Set the value at `path` (creating the tables on the way); an empty value removes it."""
        if self.get(path) == value or (_empty(value) and self.get(path) is None):
            return
        self._keep(path)
        parent = self._parent(path, create=True)
        key = path[-1]
        if _empty(value):
            if isinstance(parent, dict):
                parent.pop(key, None)
            self._prune(path[:-1])
        elif isinstance(parent, list) and isinstance(key, int):
            parent[key] = value
        else:
            parent[key] = value

    def insert(self, path: KeyPath, index: int, value: Any) -> None:
        """Insert `value` into the list at `path` (created when missing) at `index`."""
        items = self.get(path)
        at = max(0, min(index, len(items) if isinstance(items, list) else 0))
        self._keep((*path, at))
        items = self._container(path, list)
        items.insert(at, copy.deepcopy(value))

    def remove(self, path: KeyPath) -> None:
        """Remove the element of a list, or the entry of a table, at `path`."""
        parent = self.get(path[:-1])
        if parent is None:
            return
        self._keep(path)
        del parent[path[-1]]
        if not parent:
            self._prune(path[:-1])

    def move(self, path: KeyPath, delta: int) -> KeyPath:
        """Move a list element by `delta` places; its new path."""
        items = self.get(path[:-1])
        index = path[-1]
        if not isinstance(items, list) or not isinstance(index, int):
            return path
        target = max(0, min(len(items) - 1, index + delta))
        if target == index:
            return path
        self._keep((*path[:-1], min(index, target)))
        items.insert(target, items.pop(index))
        return (*path[:-1], target)

    def duplicate(self, path: KeyPath) -> KeyPath:
        """Insert a copy of a list element after it; the copy's path."""
        items = self.get(path[:-1])
        index = path[-1]
        if not isinstance(items, list) or not isinstance(index, int):
            return path
        self._keep((*path[:-1], index + 1))
        items.insert(index + 1, copy.deepcopy(items[index]))
        return (*path[:-1], index + 1)

    def put(self, path: KeyPath, key: str, value: Any) -> None:
        """Add the entry `key` to the table at `path` (created when missing), keys kept sorted."""
        self._keep((*path, key))
        table = self._container(path, dict)
        table[key] = copy.deepcopy(value)
        _sort(table)

    def rename_key(self, path: KeyPath, old: str, new: str) -> None:
        """Give the entry `old` of the table at `path` the key `new` (references are the caller's)."""
        table = self.get(path)
        if not isinstance(table, dict) or old not in table or new in table:
            return
        self._keep((*path, old), (*path, new))
        table[new] = table.pop(old)
        _sort(table)

    def replace(self, doc: dict[str, Any]) -> None:
        """Replace the whole document (a rename across the file); undoable."""
        self._keep(*(differences(self.doc, doc) or [()]))
        self.doc = doc

    def undo(self) -> Step | None:
        """Take back the last edit since the file was opened or saved; where it changed (None: there
        was nothing to undo)."""
        if not self._undo:
            return None
        self.version += 1
        doc, paths = self._undo.pop()
        self._redo.append((self.doc, paths))
        self.doc = doc
        return Step(paths)

    def redo(self) -> Step | None:
        """Make again the last edit undone; where it changed (None: nothing to redo)."""
        if not self._redo:
            return None
        self.version += 1
        doc, paths = self._redo.pop()
        self._undo.append((self.doc, paths))
        self.doc = doc
        return Step(paths)

    def saved(self, data: bytes) -> None:
        """The file now holds `data`, written from this document: undo stops here."""
        self.original = data
        self._saved = copy.deepcopy(self.doc)
        self._undo.clear()
        self._redo.clear()

    # -- helpers -------------------------------------------------------------------------------

    def _parent(self, path: KeyPath, create: bool) -> Any:
        node: Any = self.doc
        for position, part in enumerate(path[:-1]):
            following = path[position + 1]
            if isinstance(node, dict):
                if part not in node and create:
                    node[part] = [] if isinstance(following, int) else {}
                node = node[part]
            else:
                node = node[part]
        return node

    def _container(self, path: KeyPath, kind: type) -> Any:
        node = self.get(path)
        if node is None:
            parent = self._parent(path, create=True)
            node = parent[path[-1]] = kind()
        return node

    def _prune(self, path: KeyPath) -> None:
        """Take out tables (not list elements) left empty by removing their last value."""
        while path:
            node = self.get(path)
            parent = self.get(path[:-1])
            if node or not isinstance(parent, dict):
                return
            parent.pop(path[-1], None)
            path = path[:-1]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _sort(table: dict[str, Any]) -> None:
    items = sorted(table.items())
    table.clear()
    table.update(items)


def plain(value: Any) -> Any:
    """A document with enum members as their values (what the form shows and sets)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def differences(before: Any, after: Any, base: KeyPath = ()) -> list[KeyPath]:
    """The shortest key paths where two documents differ (a list whose length changed, whole)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [path for key in dict.fromkeys([*before, *after])
                for path in differences(before.get(key), after.get(key), (*base, key))]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [path for index, (old, new) in enumerate(zip(before, after, strict=True))
                for path in differences(old, new, (*base, index))]
    return [] if before == after and type(before) is type(after) else [base]


def paths_of(doc: Any, base: KeyPath = ()) -> Sequence[KeyPath]:
    """Every key path of a document (tables, list elements and values)."""
    out: list[KeyPath] = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            out.append((*base, key))
            out.extend(paths_of(value, (*base, key)))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            out.append((*base, index))
            out.extend(paths_of(value, (*base, index)))
    return out
