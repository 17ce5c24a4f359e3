"""Where in a record a problem is, in words: the one wording of a place that the validator's
messages and the editing forms share.

A place is a key path (`("agenda", 1, "kind")`) said as a message (schema.words.messages) that each
language renders its own way: English keeps the key path as `daicho validate` has always printed it
(`agenda[2].kind`, the stable words for CI), Japanese names the fields by their labels and the
items by their number and headline (「議事2（地方公共団体向け事前アンケート結果紹介）の種別」). The
labels are the catalogues' (`field.<Model>.<name>`, else `field.<name>`); the headline of an item
is its model's HEADLINE field (an item's title, a person's name) read from the document.

`place(keypath, model, document)` makes the message; `describe(...)` renders it in a catalogue's
language, for a screen that names a place outside a message.
"""

from __future__ import annotations

import types
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from schema.files.locate import KeyPath
from schema.models.annotations import plain
from schema.words.i18n import record_strings
from schema.words.messages import Arg, Message, say, word
from schema.words.sanitize import shorten

if TYPE_CHECKING:
    from schema.words.catalogue import Catalogue

HEADLINE_LENGTH = 24
"""Characters of an item's headline a place quotes (a question's text can be long)."""
KEY_LENGTH = 80
"""Characters of a key a place quotes (a hostile file's key can be very long)."""
_NAMING_FIELDS = ("name", "label")
"""What names a record whose model declares no HEADLINE (an advisor, a theme)."""


def place(keypath: KeyPath, model: type[BaseModel], document: object = None) -> Message:
    """The place of `keypath` in a file of `model` (whose content is `document`: the parsed
    TOML, or the model; None where neither is at hand), as a message. A field that is what names
    its item (a question's text, an item's title) is said as the item: 「議事2（開会挨拶）」."""
    said: Message | None = None
    annotation: Any = model
    node = document
    named = False  # the element just said was named by its headline
    for part in keypath:
        current = _common(plain(annotation), part)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str) \
                and part in current.model_fields:
            annotation = current.model_fields[part].annotation
            node = _child(node, part)
            if named and part == _headline_field(current):  # the item is named by this field
                said = say("place_headline", outer=said, key=_key(part))
                named = False
                continue
            label = _label(current, part)
            said = (say("place_field", outer=said, key=_key(part), label=label) if said is not None
                    else say("place_top", key=_key(part), label=label))
            named = False
            continue
        origin = get_origin(current)
        if origin in (list, dict) and said is not None and (origin is dict or isinstance(part, int)):
            node = _child(node, part)
            annotation = _member(get_args(current)[-1], node)
            headline = _headline(annotation, node)
            if origin is list:
                n = int(part) + 1
                said = (say("place_item", outer=said, n=n, headline=headline) if headline
                        else say("place_item_plain", outer=said, n=n))
            else:
                key = _key(str(part))
                said = (say("place_entry", outer=said, key=key, headline=headline) if headline
                        else say("place_entry_plain", outer=said, key=key))
            named = bool(headline)
            continue
        said = (say("place_raw", outer=said, key=_key(str(part))) if said is not None
                else say("place_top_raw", key=_key(str(part))))
        annotation, node, named = None, None, False
    return said if said is not None else word("word.the_record")


def annotation_at(keypath: KeyPath, model: type[BaseModel], document: object = None) -> Any:
    """The type of the value at `keypath` (Annotated and Optional removed; an agenda item's model
    chosen by its kind); None where the path leaves the models."""
    annotation: Any = model
    node = document
    for part in keypath:
        current = plain(annotation)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not (isinstance(part, str) and part in current.model_fields):
                return None
            annotation = current.model_fields[part].annotation
        elif get_origin(current) in (list, dict):
            annotation = get_args(current)[-1]
        else:
            return None
        node = _child(node, part)
        annotation = _member(annotation, node)
    return plain(annotation)


def describe(keypath: KeyPath, model: type[BaseModel], document: object, catalogue: Catalogue) -> str:
    """`place`, in the catalogue's language."""
    return catalogue.render(place(keypath, model, document))


def field_label(model: type[BaseModel], name: str) -> Arg:
    """A field's label as a message argument (translated with the message), or its name where the
    catalogues have none."""
    return _label(model, name)


@cache
def _label(model: type[BaseModel], name: str) -> Arg:
    strings = record_strings("en")
    for key in (f"field.{model.__name__}.{name}", f"field.{name}"):
        if key in strings:
            return word(key)
    return name


def _key(text: str) -> str:
    return shorten(text, KEY_LENGTH)


def _child(node: object, part: str | int) -> object:
    """The document's value under `part` (None where there is none)."""
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list):
        return node[part] if isinstance(part, int) and -len(node) <= part < len(node) else None
    if isinstance(node, BaseModel) and isinstance(part, str):
        return getattr(node, part, None)
    return None


def _headline_field(model: type[BaseModel]) -> str | None:
    """The field that names a record: its model's HEADLINE, else its name or label."""
    headline: str | None = getattr(model, "HEADLINE", None)
    return headline or next((n for n in _NAMING_FIELDS if n in model.model_fields), None)


def _headline(annotation: Any, node: object) -> str:
    """What names an element (its headline field's text, cut short), from the document."""
    model = plain(annotation)
    if get_origin(model) in (Union, types.UnionType):  # an agenda item of no known kind: any names it
        model = next((m for m in get_args(model) if isinstance(m, type) and issubclass(m, BaseModel)), None)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return ""
    name = _headline_field(model)
    value = _child(node, name) if name else None
    if isinstance(value, str) and value.strip():
        return shorten(" ".join(value.split()), HEADLINE_LENGTH)
    return ""


def _common(annotation: Any, part: object) -> Any:
    """Where an element's model is not known (an agenda item without its kind), the first model of
    the union with the field `part` (every agenda item has a kind and a title)."""
    if get_origin(annotation) not in (Union, types.UnionType):
        return annotation
    for member in get_args(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel) and part in member.model_fields:
            return member
    return annotation


def _member(annotation: Any, node: object) -> Any:
    """The model of an element of a discriminated union (an agenda item), chosen by its `kind`."""
    inner = plain(annotation)
    if get_origin(inner) not in (Union, types.UnionType):
        return annotation
    kind = _child(node, "kind")
    for member in get_args(inner):
        fields = member.model_fields if isinstance(member, type) and issubclass(member, BaseModel) else {}
        field = fields.get("kind")
        if field is not None and get_origin(field.annotation) is Literal and kind in get_args(field.annotation):
            return member
    return annotation
