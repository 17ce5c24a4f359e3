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
from schema.locate import KeyPath
from schema.models.refs import Refers, Target


def model_for(models: tuple[type[BaseModel], ...], doc: Any) -> type[BaseModel] | None:
    """Of the models an element may be, the one its `kind` names (or the only one)."""
    if len(models) == 1:
        return models[0]
    kind = doc.get("kind") if isinstance(doc, dict) else None
    for model in models:
        annotation = model.model_fields.get("kind")
        if annotation is not None and kind in getattr(annotation.annotation, "__args__", ()):
            return model
    return None


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
            sub = model_for(spec.models, value)
            if sub is not None:
                yield from doc_references(sub, value, path)
        elif spec.kind == "records" and isinstance(value, list):
            for index, item in enumerate(value):
                sub = model_for(spec.models, item)
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
