"""The models' annotations read: one place that takes `Annotated[...]`, `Optional` and unions apart
(`unwrap_optional`, `plain`, `members`), picks the model of an element by its `kind` (`element_model`),
and walks the models along a key path (`fields_at`: which fields are allowed at a place of a file).
The writer, the walk, the editing forms, the records doc and the messages all read annotations
through these."""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel


def fields_at(root: type[BaseModel], parent: Sequence[str | int]) -> list[str]:
    """Field names allowed at `parent` (a Pydantic error location without its last element)."""
    model = _walk(root, list(parent))
    return list(model.model_fields) if model is not None else []


def _walk(annotation: Any, path: list[str | int]) -> type[BaseModel] | None:
    current = annotation
    while path:
        current = plain(current)
        part = path.pop(0)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
            continue
        origin = get_origin(current)
        if origin in (list, dict):
            current = get_args(current)[-1]
            current = _pick_union_member(current, path)
            continue
        return None
    current = plain(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def unwrap_optional(annotation: Any) -> tuple[Any, list[Any]]:
    """`Annotated[X, …] | None` → X and the Annotated metadata (a union of several stays whole)."""
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *more = get_args(annotation)
            metadata += more
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation, metadata
            annotation = members[0]
        else:
            return annotation, metadata


def plain(annotation: Any) -> Any:
    """An annotation without its Annotated and Optional wrappers."""
    return unwrap_optional(annotation)[0]


def members(annotation: Any) -> list[Any]:
    """Every member of an annotation with Annotated and unions taken apart (None included)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return members(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in members(arg)]
    return [annotation]


def element_model(models: tuple[type[BaseModel], ...], doc: Any) -> type[BaseModel] | None:
    """Of the models an element may be, the one its `kind` names (or the only one)."""
    if len(models) == 1:
        return models[0]
    kind = doc.get("kind") if isinstance(doc, dict) else None
    for model in models:
        annotation = model.model_fields.get("kind")
        if annotation is not None and kind in getattr(annotation.annotation, "__args__", ()):
            return model
    return None


def _pick_union_member(annotation: Any, path: list[str | int]) -> Any:
    """For a discriminated union, Pydantic puts the tag in the location: consume it."""
    inner = plain(annotation)
    if get_origin(inner) not in (Union, types.UnionType) or not path:
        return annotation
    tag = path[0]
    for member in get_args(inner):
        fields = member.model_fields if isinstance(member, type) and issubclass(member, BaseModel) else {}
        kind = fields.get("kind")
        if kind is not None and get_origin(kind.annotation) is Literal and tag in get_args(kind.annotation):
            path.pop(0)
            return member
    return annotation

