"""Walk the models along a key path: which fields are allowed at a given place of a file."""

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


def plain(annotation: Any) -> Any:
    """An annotation without its Annotated and Optional wrappers."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


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

