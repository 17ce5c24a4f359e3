"""The canonical writer: one TOML layout, owned by the project, so that records diff cleanly.

The layout:

- fields in model order, unset optional fields and defaults omitted; records of a table keyed by
  id or code sorted by key; arrays of records keep their order (agenda order is meaningful);
- in every table: scalars and arrays of scalars first, then sub-tables (`[a.b]`) and arrays of
  tables (`[[a.b]]` blocks) in model order; never inline tables or inline arrays of tables,
  however short;
- arrays of scalars one element per line with a trailing comma, so adding one changes one line;
- strings written as is (Japanese included), escaped only where TOML requires it or where a
  character could disguise a change in review; text with line breaks as a multi-line string;
- a blank line before every table header and none at the start, LF endings, a final newline.

This module has its own emitter for the few value types that occur (str, int, bool, float, date,
lists and dicts): it is several times faster than tomli-w per value, and tomli-w would inline short
arrays of tables by itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from enum import Enum
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from schema.files.textscan import DISGUISING
from schema.models.annotations import members

Document = dict[str, Any]

__all__ = [
    "Document",
    "dumps_document",
    "dumps_model",
    "format_key",
    "format_string",
    "model_document",
]

# ---------------------------------------------------------------------------------------------
# Model → document


def model_document(model: BaseModel) -> Document:
    """The model as a plain dict in canonical order: model order, defaults omitted, records sorted.

    Dumped in Python mode so that dates stay dates (TOML dates, not strings); str enums stay
    str instances and are written as their values.
    """
    doc = model.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    _sort_record_tables(model, doc)
    return doc


def _sort_record_tables(model: BaseModel, doc: Document) -> None:
    """Sort every dict-typed field (records keyed by id or code) by key, recursively."""
    dict_fields, nested_fields = _sort_plan(type(model))
    for name in dict_fields:
        table = doc.get(name)
        if table:
            doc[name] = {key: table[key] for key in sorted(table)}
    for name in nested_fields:
        if name not in doc:
            continue
        value = getattr(model, name)
        dumped = doc[name]
        if isinstance(value, BaseModel):
            _sort_record_tables(value, dumped)
        elif isinstance(value, list):
            for item, item_doc in zip(value, dumped, strict=True):
                if isinstance(item, BaseModel):
                    _sort_record_tables(item, item_doc)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    _sort_record_tables(item, dumped[key])


@cache
def _sort_plan(cls: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Which fields of `cls` are dicts to sort, and which hold models that contain such dicts."""
    dict_fields: list[str] = []
    nested: list[str] = []
    for name, info in cls.model_fields.items():
        if _is_dict(info.annotation):
            dict_fields.append(name)
        if any(_has_dict_fields(sub) for sub in _models_in(info.annotation)):
            nested.append(name)
    return tuple(dict_fields), tuple(nested)


@cache
def _has_dict_fields(cls: type[BaseModel]) -> bool:
    dict_fields, nested = _sort_plan(cls)
    return bool(dict_fields or nested)


def _is_dict(annotation: Any) -> bool:
    return any(get_origin(a) is dict or a is dict for a in members(annotation))


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """Every model class an annotation mentions (through Optional, list, dict and unions)."""
    for member in members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            yield member
        elif get_origin(member) in (list, dict, tuple, set, frozenset):
            for arg in get_args(member):
                yield from _models_in(arg)


# ---------------------------------------------------------------------------------------------
# Public entry points


def dumps_model(model: BaseModel) -> str:
    """The canonical TOML text of a model (a data file's model: ThemesFile, Meeting, …)."""
    return dumps_document(model_document(model))


def dumps_document(doc: Document) -> str:
    """The canonical TOML text of a plain dict, written in the order given (no sorting)."""
    out: list[str] = []
    _emit_table(out, doc, "")
    text = "".join(out)
    if not text:
        return "\n"  # an empty file still ends its (only) line, as taplo writes it
    return text[1:] if text.startswith("\n") else text


# ---------------------------------------------------------------------------------------------
# Tables


def _emit_table(out: list[str], table: Document, path: str) -> bool:
    """A table's key/value lines, then its sub-tables and arrays of tables in their order.

    The caller has written the table's header; returns whether the table had key/value lines.
    This is the hot loop of the writer: it dispatches on exact types first and caches keys.
    """
    nested: list[tuple[str, Any]] = []
    append = out.append
    values_at = len(out)
    for key, value in table.items():
        kind = type(value)
        if kind is dict or (kind is list and value and type(value[0]) is dict):
            nested.append((key, value))
            continue
        prefix = _KEY_LINES.get(key) or _key_line(key)
        if kind is str and "\n" not in value and _NEEDS_ESCAPE.search(value) is None:
            append(f'{prefix}"{value}"\n')
        else:
            append(f"{prefix}{_value(value)}\n")
    has_values = len(out) > values_at
    for key, value in nested:
        sub_path = f"{path}.{format_key(key)}" if path else format_key(key)
        if type(value) is dict:
            _emit_sub_table(out, value, sub_path)
        else:
            _emit_table_array(out, value, sub_path, key)
    return has_values


def _emit_sub_table(out: list[str], table: Document, path: str) -> None:
    header_at = len(out)
    out.append(f"\n[{path}]\n")
    if not _emit_table(out, table, path) and table:
        # A table of tables only is defined by its sub-tables' headers: `[people.okamura]`
        # without `[people]`. An empty table keeps its header, or it would be lost.
        out[header_at] = ""


def _emit_table_array(out: list[str], items: list[Any], path: str, key: str) -> None:
    header = f"\n[[{path}]]\n"
    for item in items:
        if type(item) is not dict:
            raise TypeError(f"array {key!r} mixes tables and other values")
        out.append(header)
        _emit_table(out, item, path)


_KEY_LINES: dict[str, str] = {}
"""Cache of `key = ` prefixes: field names and ids repeat across every record."""


def _key_line(key: str) -> str:
    if len(_KEY_LINES) > 100_000:
        _KEY_LINES.clear()
    line = _KEY_LINES[key] = f"{format_key(key)} = "
    return line


# ---------------------------------------------------------------------------------------------
# Values


def _value(value: Any) -> str:
    writer = _WRITERS.get(type(value))
    if writer is not None:
        return writer(value)
    return _value_slow(value)


def _value_slow(value: Any) -> str:
    """Subclasses (str enums, IntEnum, …) and other enums; a str enum's class is remembered."""
    if isinstance(value, str):
        _WRITERS[type(value)] = format_string
        return format_string(value)
    if isinstance(value, bool):
        return _bool(value)
    if isinstance(value, Enum):
        return _value(value.value)
    for cls, writer in tuple(_WRITERS.items()):
        if isinstance(value, cls):
            return writer(value)
    raise TypeError(f"cannot write {type(value).__name__} value {value!r} as TOML")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _int(value: int) -> str:
    return str(int(value))


def _float(value: float) -> str:
    if value != value:
        return "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def _isoformat(value: dt.date | dt.time) -> str:
    return value.isoformat()


def _array(items: list[Any]) -> str:
    """An array of scalars: one element per line, trailing comma; nested arrays inline."""
    if not items:
        return "[]"
    return "[\n" + "".join(f"    {_inline(item)},\n" for item in items) + "]"


def _inline(value: Any) -> str:
    if type(value) is str:
        return format_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        raise TypeError("a table inside an array of values cannot be written without inlining")
    return _value(value)


_WRITERS: dict[type, Callable[[Any], str]] = {}  # filled below, once format_string exists


# ---------------------------------------------------------------------------------------------
# Strings and keys

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")

# Characters written as escapes: TOML control characters, and the characters that can make a pull
# request show something other than what is stored (the set `daicho validate` reports as E105), so
# that a reviewer sees them.
_DISGUISE = DISGUISING
_NEEDS_ESCAPE = re.compile(f'[\\x00-\\x1f\\x7f-\\x9f"\\\\{_DISGUISE}]')
# In a multi-line string a line break stays as is, and a quote is escaped only where it would
# otherwise form `"""` with the quotes after it or with the closing delimiter.
_NEEDS_ESCAPE_MULTILINE = re.compile(
    f'[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\\\{_DISGUISE}]|"(?="|\\Z)'
)
_SHORT_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or (f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")


def format_string(value: str) -> str:
    """A basic string, or a multi-line basic string when the text has line breaks."""
    if "\n" in value:
        body = _NEEDS_ESCAPE_MULTILINE.sub(_escape, value)
        if body.endswith("\\\\"):
            # taplo misreads `\\"""` (a backslash just before the closing delimiter): write that
            # backslash as \u005c, which every TOML reader agrees on.
            body = body[:-2] + "\\u005c"
        return '"""\n' + body + '"""'
    if _NEEDS_ESCAPE.search(value) is None:
        return '"' + value + '"'
    return '"' + _NEEDS_ESCAPE.sub(_escape, value) + '"'


def format_key(key: str) -> str:
    """A bare key where TOML allows one (ids, codes, field names), else a quoted key."""
    if _BARE_KEY.fullmatch(key):
        return key
    return '"' + _NEEDS_ESCAPE.sub(_escape, key) + '"'


_WRITERS.update(
    {
        str: format_string,
        bool: _bool,
        int: _int,
        float: _float,
        dt.date: _isoformat,
        dt.datetime: _isoformat,
        dt.time: _isoformat,
        list: _array,
        tuple: _array,
    }
)
