"""What an editing form shows for each field, read from the models: the widget follows the type.

`fields_of(model)` gives one `FieldSpec` per field: its kind (one-line text, paragraphs, number,
date, time, flag, choice, reference, record, list of records, table of records, list of values),
whether it is required, its help (the field's docstring; `Catalogue.field_help` gives it in the UI's
language), and for references what they name. The terminal UI builds its forms from these specs
alone, so a new field or agenda kind needs no screen code (but a Japanese help in schema/words/i18n/ja.toml,
which a test asks for).
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from schema.models.annotations import element_model, unwrap_optional
from schema.models.common import Multiline
from schema.models.docstrings import declaring_class, description
from schema.models.refs import Refers, Unique

FieldKind = Literal["text", "prose", "int", "date", "time", "bool", "choice", "ref", "record", "records",
                    "table", "values"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: FieldKind
    required: bool
    help: str
    """The field's docstring: its help in English (`Catalogue.field_help` gives it in a language)."""
    owner: str = ""
    """The name of the model that declares the field (an agenda kind's shared fields: `_Item`): the
    catalogue holds the field's help as `help.<owner>.<name>`."""
    choices: tuple[str, ...] = ()
    """For a choice: the values, in order."""
    choice_group: str = ""
    """For a choice: the catalogue group of the values' labels (meeting_format, agenda_kind…)."""
    refers: Refers | None = None
    """For a reference, or a list of them: what it names."""
    many: bool = False
    """A list (of references or of values)."""
    item: FieldKind = "text"
    """For a list of values: the kind of each value."""
    models: tuple[type[BaseModel], ...] = ()
    """For records: the model, or the models an element may be (the agenda's kinds)."""
    unique: bool = False
    """For a list: a value may appear once."""
    minimum: int | None = None
    maximum: int | None = None

    @property
    def model(self) -> type[BaseModel]:
        return self.models[0]


def _snake(name: str) -> str:
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@cache
def fields_of(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """Every field of `model` as a form shows it, in model order."""
    return tuple(_spec(name, model) for name in model.model_fields)


def spec_of(model: type[BaseModel], name: str) -> FieldSpec:
    return next(spec for spec in fields_of(model) if spec.name == name)


def _spec(name: str, model: type[BaseModel]) -> FieldSpec:
    info = model.model_fields[name]
    metadata = list(info.metadata)
    annotation, more = unwrap_optional(info.annotation)
    metadata += more
    refers = next((m for m in metadata if isinstance(m, Refers)), None)
    unique = any(isinstance(m, Unique) for m in metadata) or refers is not None
    help_text = " ".join(description(model, name).split())
    required = info.is_required()
    common: dict[str, Any] = {"name": name, "required": required, "help": help_text,
                              "owner": declaring_class(model, name).__name__}
    origin = get_origin(annotation)
    if origin is list:
        inner, inner_meta = unwrap_optional(get_args(annotation)[0])
        records = _records(inner)
        if records:
            return FieldSpec(kind="records", models=records, **common)
        refers = refers or next((m for m in inner_meta if isinstance(m, Refers)), None)
        item, extra = _scalar(inner, [*metadata, *inner_meta])
        return FieldSpec(kind="values", many=True, item=item, refers=refers, unique=unique, **extra, **common)
    if origin is dict:
        return FieldSpec(kind="table", models=_records(get_args(annotation)[1]), **common)
    records = _records(annotation)
    if records:
        return FieldSpec(kind="record", models=records, **common)
    if refers is not None:
        return FieldSpec(kind="ref", refers=refers, **common)
    kind, extra = _scalar(annotation, metadata)
    return FieldSpec(kind=kind, **extra, **common)


def _records(annotation: Any) -> tuple[type[BaseModel], ...]:
    inner, _ = unwrap_optional(annotation)
    if get_origin(inner) in (Union, types.UnionType):
        members = tuple(m for arg in get_args(inner) for m in _records(arg))
        return members if len(members) == len(get_args(inner)) else ()
    return (inner,) if isinstance(inner, type) and issubclass(inner, BaseModel) else ()


def _scalar(annotation: Any, metadata: list[Any]) -> tuple[FieldKind, dict[str, Any]]:
    flat = [x for m in metadata for x in (getattr(m, "metadata", None) or [m])]
    if get_origin(annotation) is Literal:
        return "choice", {"choices": tuple(get_args(annotation)), "choice_group": "agenda_kind"}
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice", {"choices": tuple(str(m.value) for m in annotation),
                          "choice_group": _snake(annotation.__name__)}
    if annotation is bool:
        return "bool", {}
    if annotation is int:
        low = next((m.ge for m in flat if hasattr(m, "ge")), None)
        high = next((m.le for m in flat if hasattr(m, "le")), None)
        return "int", {"minimum": low, "maximum": high}
    if annotation is dt.date:
        return "date", {}
    if annotation is dt.time:
        return "time", {}
    if any(isinstance(m, Multiline) for m in flat):
        return "prose", {}
    return "text", {}


@dataclass(frozen=True, slots=True)
class Node:
    """What is at a key path of a document: a record (with its model), or a field of a record
    holding records (a list or a table) or values (a list)."""

    kind: Literal["record", "records", "table", "values"]
    model: type[BaseModel]
    """The record's model, or the model of the record that holds the field."""
    spec: FieldSpec | None = None
    """The field, for the three kinds of collection."""


def node_at(root: type[BaseModel], doc: Any, path: tuple[str | int, ...]) -> Node | None:
    """What `path` leads to in a document of `root`; None where it leads nowhere a form shows."""
    node = Node("record", root)
    value: Any = doc
    for part in path:
        value = value.get(part) if isinstance(value, dict) else (
            value[part] if isinstance(value, list) and isinstance(part, int) and part < len(value) else None)
        if node.kind == "record":
            if not isinstance(part, str) or part not in node.model.model_fields:
                return None
            spec = spec_of(node.model, part)
            if spec.kind == "record":
                node = Node("record", spec.model)
            elif spec.kind in ("records", "table", "values"):
                node = Node(spec.kind, node.model, spec)
            else:
                return None
        elif node.kind in ("records", "table") and node.spec is not None:
            model = element_model(node.spec.models, value) if value is not None else node.spec.models[0]
            if model is None:
                return None
            node = Node("record", model)
        else:
            return None
    return node
