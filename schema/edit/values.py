"""What is typed into a form's field, as the value of its kind (schema.edit.spec): an integer, a
date, a time, text. Text that does not parse stays text, so that the checks report it where it is
(E203) instead of the form dropping it. Full-width digits and colons (２０２４, ９：３０) are read as
their ASCII forms, as a Japanese input method types them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any


def parse_value(kind: str, text: str) -> Any:
    """A typed text as the value of a field of `kind` (None for nothing typed)."""
    text = text.strip() if kind != "prose" else text.strip("\n")
    if not text:
        return None
    if kind in ("int", "date", "time"):
        text = unicodedata.normalize("NFKC", text).strip()
    if kind == "int" and re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if kind == "time":
        match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?", text)
        if match:
            try:
                return dt.time(int(match[1]), int(match[2]), int(match[3] or 0))
            except ValueError:
                return text
    return text


def shown_value(value: Any) -> str:
    """A value as a text field shows it (the inverse of `parse_value`)."""
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes" if not (value.second or value.microsecond) else "auto")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parses(kind: str, text: str) -> bool:
    """Whether `text` is a value of `kind` (what a prompt for one value accepts)."""
    value = parse_value(kind, text)
    expected = {"int": int, "date": dt.date, "time": dt.time}.get(kind)
    return value is not None and (expected is None or (isinstance(value, expected) and not isinstance(value, bool)))
