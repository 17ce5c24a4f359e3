"""Walking a record: every nested record with its key path, and every reference the models declare.

The models declare on their fields' types which fields name other records (`Refers`) and which
lists must not repeat a value (`Unique`); `plan(cls)` reads those declarations once per class, and
the functions here follow them through nested records, lists and tables of records. The checks,
the cross-reference index, `daicho show` and the terminal UI all go through this module instead of
naming fields of particular models.

`document_references` follows the same declarations through a parsed document whose model did not
build (a file with an unknown field), so that its references are checked all the same.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel

from schema.files.locate import KeyPath
from schema.models.annotations import unwrap_optional
from schema.models.refs import Refers, Unique

Shape = Literal["one", "list", "dict"]


@dataclass(frozen=True, slots=True)
class RefField:
    name: str
    refers: Refers
    many: bool
    """A list of references (else one value or None)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What the walk needs to know of one model class."""

    refs: tuple[RefField, ...]
    children: tuple[tuple[str, Shape], ...]
    """Fields that hold records: one, a list, or a table keyed by id."""
    no_repeats: tuple[str, ...]
    """Every list that must not repeat a value: the lists of references, then the lists of plain
    values marked `Unique`."""


class FoundRef(NamedTuple):
    """One reference in a record: what it names, as what, and where."""

    refers: Refers
    value: str
    keypath: KeyPath
    """Where the value is; ends with the list index for an element of a list."""


@cache
def plan(cls: type[BaseModel]) -> Plan:
    refs: list[RefField] = []
    uniques: list[str] = []
    children: list[tuple[str, Shape]] = []
    for name, info in cls.model_fields.items():
        metadata = list(info.metadata)
        annotation = info.annotation
        refers = next((m for m in metadata if isinstance(m, Refers)), None)
        inner, more = unwrap_optional(annotation)
        metadata += more
        refers = refers or next((m for m in more if isinstance(m, Refers)), None)
        origin = get_origin(inner)
        if refers is not None:
            refs.append(RefField(name, refers, origin is list))
            continue
        if any(isinstance(m, Unique) for m in metadata):
            uniques.append(name)
            continue
        shape = _record_shape(inner)
        if shape is not None:
            children.append((name, shape))
    no_repeats = (*(field.name for field in refs if field.many), *uniques)
    return Plan(tuple(refs), tuple(children), no_repeats)


def held_models(*roots: type[BaseModel]) -> list[type[BaseModel]]:
    """The `roots` and every model their fields hold, however deep (in lists, tables, unions)."""
    found: list[type[BaseModel]] = []
    todo: list[Any] = list(roots)
    while todo:
        item = todo.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item not in found:
                found.append(item)
                todo.extend(info.annotation for info in item.model_fields.values())
        else:
            todo.extend(get_args(item))
    return found


def _is_record(annotation: Any) -> bool:
    inner, _ = unwrap_optional(annotation)
    if get_origin(inner) in (Union, types.UnionType):
        return all(_is_record(member) for member in get_args(inner))
    return isinstance(inner, type) and issubclass(inner, BaseModel)


def _record_shape(annotation: Any) -> Shape | None:
    origin = get_origin(annotation)
    if origin is list:
        return "list" if _is_record(get_args(annotation)[0]) else None
    if origin is dict:
        return "dict" if _is_record(get_args(annotation)[1]) else None
    return "one" if _is_record(annotation) else None


def records(model: BaseModel, base: KeyPath = ()) -> Iterator[tuple[KeyPath, BaseModel]]:
    """The record and every record nested in it, depth first in field order, with key paths."""
    out: list[tuple[KeyPath, BaseModel]] = []
    _visit(base, model, out.append)
    return iter(out)


def _visit(keypath: KeyPath, record: BaseModel, append: Any) -> None:
    append((keypath, record))
    for name, shape in plan(type(record)).children:
        value = getattr(record, name)
        if not value:
            continue
        if shape == "one":
            _visit((*keypath, name), value, append)
        elif shape == "list":
            for i, item in enumerate(value):
                _visit((*keypath, name, i), item, append)
        else:
            for key, item in value.items():
                _visit((*keypath, name, key), item, append)


def own_references(record: BaseModel, keypath: KeyPath = ()) -> Iterator[FoundRef]:
    """The references of one record's own fields (not of the records nested in it)."""
    out: list[FoundRef] = []
    _add_references(record, keypath, out.append)
    return iter(out)


def references(model: BaseModel, base: KeyPath = ()) -> Iterator[FoundRef]:
    """Every reference in the record and the records nested in it, in document order."""
    return iter(_references_of(records(model, base)))


def _references_of(pairs: Iterable[tuple[KeyPath, BaseModel]]) -> list[FoundRef]:
    """The references of each (key path, record), in order."""
    out: list[FoundRef] = []
    for keypath, record in pairs:
        _add_references(record, keypath, out.append)
    return out


def _add_references(record: BaseModel, keypath: KeyPath, append: Callable[[FoundRef], object]) -> None:
    """`own_references`, appended (a loop, not a generator: this runs for every record validated)."""
    for field in plan(type(record)).refs:
        value = getattr(record, field.name)
        if value is None:
            continue
        if field.many:
            name, refers = field.name, field.refers
            for i, item in enumerate(value):
                append(FoundRef(refers, item, (*keypath, name, i)))
        else:
            append(FoundRef(field.refers, value, (*keypath, field.name)))


class Walk:
    """One record walked once: its nested records and its references, for every check of a file
    (a meeting is walked once, not once per check)."""

    __slots__ = ("_refs", "model", "records")

    def __init__(self, model: BaseModel) -> None:
        self.model = model
        self.records: list[tuple[KeyPath, BaseModel]] = list(records(model))
        self._refs: list[FoundRef] | None = None

    @property
    def refs(self) -> list[FoundRef]:
        """Every reference, in document order."""
        if self._refs is None:
            self._refs = _references_of(self.records)
        return self._refs

    def repeated(self) -> Iterator[tuple[KeyPath, object]]:
        """Every element of a list that must not repeat a value and repeats one before it (lists of
        references and lists marked `Unique`): its key path and value. Lists without a repeat,
        nearly all, cost a set each."""
        for keypath, record in self.records:
            for name in plan(type(record)).no_repeats:
                values = getattr(record, name)
                if len(values) < 2 or len(set(values)) == len(values):
                    continue
                seen: set[object] = set()
                for i, item in enumerate(values):
                    if item in seen:
                        yield (*keypath, name, i), item
                    seen.add(item)


# -- a parsed document whose model did not build -----------------------------------------------


def document_references(cls: type[BaseModel], document: Any, base: KeyPath = ()) -> list[FoundRef]:
    """Every reference of a parsed document that `cls` would hold, where the document gives it as
    the model declares it (a string, or a list of them), in document order. A nested record whose
    type cannot be told (an agenda item of an unknown kind) is not read."""
    out: list[FoundRef] = []
    stack: list[tuple[KeyPath, type[BaseModel], Any]] = [(base, cls, document)]
    while stack:
        keypath, model, data = stack.pop()
        if not isinstance(data, dict):
            continue
        record_plan = plan(model)
        for field in record_plan.refs:
            value = data.get(field.name)
            if field.many and isinstance(value, list):
                out.extend(FoundRef(field.refers, item, (*keypath, field.name, i))
                           for i, item in enumerate(value) if isinstance(item, str))
            elif not field.many and isinstance(value, str):
                out.append(FoundRef(field.refers, value, (*keypath, field.name)))
        nested: list[tuple[KeyPath, type[BaseModel], Any]] = []
        types_of = _child_types(model)
        for name, shape in record_plan.children:
            value = data.get(name)
            if shape == "one":
                items: Iterable[tuple[KeyPath, Any]] = [((*keypath, name), value)]
            elif shape == "list":
                items = [((*keypath, name, i), item) for i, item in enumerate(value)] if isinstance(value, list) else []
            else:
                items = [((*keypath, name, k), item) for k, item in value.items()] if isinstance(value, dict) else []
            for at, item in items:
                member = _member_for(types_of[name], item)
                if member is not None:
                    nested.append((at, member, item))
        stack.extend(reversed(nested))
    return out


@cache
def _child_types(cls: type[BaseModel]) -> dict[str, tuple[type[BaseModel], ...]]:
    """The record types each field of `cls` that holds records may hold (a union: several)."""
    out: dict[str, tuple[type[BaseModel], ...]] = {}
    for name, shape in plan(cls).children:
        inner, _ = unwrap_optional(cls.model_fields[name].annotation)
        if shape == "list":
            inner, _ = unwrap_optional(get_args(inner)[0])
        elif shape == "dict":
            inner, _ = unwrap_optional(get_args(inner)[1])
        members = get_args(inner) if get_origin(inner) in (Union, types.UnionType) else (inner,)
        out[name] = tuple(unwrap_optional(m)[0] for m in members)
    return out


def _member_for(members: tuple[type[BaseModel], ...], data: Any) -> type[BaseModel] | None:
    """The type a table of a document is, among `members`: the only one, or the one whose literal
    fields (an agenda item's `kind`) the table's values match; None when that cannot be told."""
    if not isinstance(data, dict):
        return None
    if len(members) == 1:
        return members[0]
    fitting = [m for m in members if all(data.get(name) in values for name, values in _literals(m).items())]
    return fitting[0] if len(fitting) == 1 else None


@cache
def _literals(cls: type[BaseModel]) -> dict[str, tuple[Any, ...]]:
    """The fields of `cls` whose type is a Literal, with their values (a discriminator)."""
    return {name: get_args(info.annotation) for name, info in cls.model_fields.items()
            if get_origin(info.annotation) is Literal}
