"""The records' vocabulary in Japanese and English (schema/words/i18n/ja.toml, en.toml, same keys in
both): labels of fields, of enumerated values and of roles, the titles of problem codes, and the
words `daicho show` and the terminal UI use to lay out a record. Headless: the command line and the
terminal UI both read it (the UI adds its own words on top, tui/i18n.py).

Japanese also holds the editing forms' help of every field (`help.<Model>.<field>`); English has
none, for there the help is the field's docstring (`Catalogue.field_help`).

The language comes from `--lang`, else from the locale (LC_ALL, then LC_MESSAGES, then LANG: a
value starting with "ja" gives Japanese, anything else English).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

LANGUAGES = ("ja", "en")


def detect_lang(environ: Mapping[str, str] | None = None) -> str:
    """ja when the locale is Japanese, otherwise en (POSIX precedence: LC_ALL, LC_MESSAGES, LANG)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def resolve_lang(lang: str | None, environ: Mapping[str, str] | None = None) -> str:
    if lang in LANGUAGES:
        return lang
    return detect_lang(environ)


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


def read_catalogue(folder: Traversable, lang: str) -> dict[str, str]:
    """The catalogue `<lang>.toml` in `folder`, a resource of an installed package
    (`importlib.resources.files`: any install layout), its tables flattened to dotted keys."""
    import tomli  # on first use: a command that prints nothing reads no catalogue; compiled,
    # it reads a catalogue in 1.6 ms where the standard library's tomllib takes 5.3 ms

    with (folder / f"{lang}.toml").open("rb") as handle:
        return _flatten(tomli.load(handle))


@cache
def record_strings(lang: str) -> dict[str, str]:
    """The records' vocabulary in one language."""
    return read_catalogue(files("schema.words.i18n"), lang)


def enum_group(enum: type) -> str:
    """The catalogues' group of an enumeration's labels: its class name in snake case
    (MeetingFormat → meeting_format, labelled as `meeting_format.online`)."""
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "_", enum.__name__).lower()
