"""References in a document being edited, read from the models' declarations (`Refers`), and the
renames and deletions that must follow them.

A draft's document may be invalid halfway through an edit, so the walk follows the field specs
(`schema.edit.spec`) over the plain document instead of validating it first; an agenda item's
model is the one its `kind` names.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from schema.edit.spec import fields_of
from schema.files.locate import KeyPath
from schema.models.annotations import element_model
from schema.models.refs import Refers, Target


def doc_references(model: type[BaseModel], doc: Any, base: KeyPath = ()) -> Iterator[tuple[KeyPath, Refers, str]]:
    """Every reference in a plain document of `model`: its key path, what it names, its value."""
    if not isinstance(doc, dict):
        return
    for spec in fields_of(model):
        value = doc.get(spec.name)
        if value is None:
            continue
        path = (*base, spec.name)
        if spec.refers is not None and spec.kind in ("ref", "values"):
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*path, index), spec.refers, item
            elif isinstance(value, str):
                yield path, spec.refers, value
        elif spec.kind == "record":
            sub = element_model(spec.models, value)
            if sub is not None:
                yield from doc_references(sub, value, path)
        elif spec.kind == "records" and isinstance(value, list):
            for index, item in enumerate(value):
                sub = element_model(spec.models, item)
                if sub is not None:
                    yield from doc_references(sub, item, (*path, index))
        elif spec.kind == "table" and isinstance(value, dict):
            for key, item in value.items():
                yield from doc_references(spec.model, item, (*path, key))


def referrers(model: type[BaseModel], doc: Any, target: Target, value: str) -> list[KeyPath]:
    """Where a document names `value` of `target`."""
    return [path for path, refers, found in doc_references(model, doc)
            if refers.target == target and found == value]


def renamed(model: type[BaseModel], doc: dict[str, Any], target: Target, old: str, new: str) -> dict[str, Any]:
    """A copy of the document with every reference to `old` of `target` naming `new`."""
    out = copy.deepcopy(doc)
    for path in referrers(model, out, target, old):
        node: Any = out
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = new
    return out
