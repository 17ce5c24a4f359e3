"""The records' vocabulary in Japanese and English (schema/i18n/ja.toml, en.toml, same keys in
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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schema.edit.spec import FieldSpec
    from schema.messages import Message
    from schema.problems import Problem

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
    return read_catalogue(files("schema") / "i18n", lang)


def enum_group(enum: type) -> str:
    """The catalogues' group of an enumeration's labels: its class name in snake case
    (MeetingFormat → meeting_format, labelled as `meeting_format.online`)."""
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "_", enum.__name__).lower()


class Catalogue:
    """Looks up words: `t("field.title")`, `enum("meeting_format", "online")`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self._strings: dict[str, str] | None = None

    @property
    def strings(self) -> dict[str, str]:
        """Every word and template of the language (read on first use)."""
        if self._strings is None:
            self._strings = dict(record_strings(self.lang))
        return self._strings

    @strings.setter
    def strings(self, value: dict[str, str]) -> None:
        self._strings = value

    def t(self, key: str, **values: object) -> str:
        """The text of `key` with `values` put in; where `count` is 1 and the catalogue has
        `key_one` (English: "1 problem"), that text."""
        text = (self.strings.get(f"{key}_one") if values.get("count") == 1 else None) or self.strings.get(key)
        if text is None:
            return key
        return text.format(**values) if values else text

    def enum(self, group: str, value: str) -> str:
        """The label of an enumerated value (`enum("meeting_format", "online")` → オンライン); the
        value itself where the catalogue has none."""
        return self.strings.get(f"{group}.{value}", value)

    def problem_message(self, problem: Problem) -> str:
        """A problem's message in the catalogue's language (see schema.messages); its English
        text when it has no template (made by another program, or a template this version lacks)."""
        if not problem.key:
            return problem.message
        from schema.messages import render

        return render(self.strings, problem.key, problem.args, fallback=problem.message)

    def render(self, message: Message) -> str:
        """A message (`schema.messages.say`) in the catalogue's language."""
        from schema.messages import render

        return render(self.strings, message.key, message.args, fallback=message.text)

    def problem_title(self, problem: Problem) -> str:
        """What a problem's code means, in the catalogue's language."""
        return self.strings.get(f"problem_code.{problem.code}", problem.title)

    def field_help(self, spec: FieldSpec) -> str:
        """A form field's help in the catalogue's language: `help.<model>.<field>` where the
        language has it, else the field's docstring (English)."""
        return self.strings.get(f"help.{spec.owner}.{spec.name}") or spec.help

    @property
    def separator(self) -> str:
        """Between the items of a list of names: 、 in Japanese, a comma in English."""
        return self.strings["list.separator"]

    def has(self, key: str) -> bool:
        return key in self.strings

    def get(self, key: str) -> str | None:
        return self.strings.get(key)
