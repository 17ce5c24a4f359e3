"""Messages from the catalogues (schema/words/i18n/{en,ja}.toml, table [message]), in any language.

A message is made where a problem is found, from a template key and named arguments:
`say("unknown_reference", what=word("word.advisor"), value="x", hint=...)`. Its English text is
rendered at once — `Problem.message`, the stable output for CI tools and `--format json` — and the
key and arguments are kept, so that any language can render it later (`Catalogue.problem_message`,
`Catalogue.render`).

An argument is text (a value quoted from a file, a number, a list of fields: data, shown as it is
in every language) or a `Message` (another template, or a word of the catalogue from `word`): those
are rendered in the reader's language. "" stands for nothing (no "did you mean" hint, say).

Arguments are kept flat, as pairs of strings, so that a problem stays hashable and fits the cache: a
nested message under `name` is `("@name", its catalogue key)`, its own arguments `("name.arg", …)`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from schema.words.i18n import record_strings

Args = tuple[tuple[str, str], ...]
"""A message's arguments, flat: (name, text), and ("@name", catalogue key) for a nested message."""

KEY = re.compile(r"[a-z0-9_]+(\.[A-Za-z0-9_-]+)+")
"""What a catalogue key looks like (message.unknown_reference, word.advisor)."""
ARG_NAME = re.compile(r"@?[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*")
"""What an argument's name looks like (value, @hint, hint.suggestion)."""


@dataclass(frozen=True, slots=True)
class Message:
    """A catalogue key, its arguments and its English text."""

    key: str
    args: Args = ()
    text: str = ""

    def __str__(self) -> str:
        return self.text


Arg = str | int | Message

LANGUAGE_SPECIFIC = ("message.place_", "message.value_")
"""Templates whose languages take different arguments, by how their keys begin: a place
(schema.load.places) is its key path in English — the words `daicho validate` has always printed — and
labels and headlines in Japanese; a value (value_…) is written as the file writes it in English,
and by its label or meaning in Japanese (never a regular expression, a Python class name or the
parser's English). The arguments given are the union of what the languages take."""


def language_specific(key: str) -> bool:
    """Whether the languages of the template `key` may take different arguments (LANGUAGE_SPECIFIC)."""
    return key.startswith(LANGUAGE_SPECIFIC)


@lru_cache(maxsize=1024)
def say(key: str, /, **args: Arg) -> Message:
    """The message of template `message.<key>` with these arguments, its English text rendered.
    Messages are immutable: the same one said again (a comment on every line of a hostile file)
    is rendered once."""
    full = f"message.{key}"
    flat = _flatten(args)
    return Message(full, flat, render(record_strings("en"), full, flat, fallback=full))


@cache
def word(key: str) -> Message:
    """A word of the catalogue as an argument (`word("word.advisor")`): translated with the rest."""
    return Message(key, (), render(record_strings("en"), key, (), fallback=key))


@cache
def placeholders(key: str) -> frozenset[str] | None:
    """The names a template of the catalogues takes; None when there is no such template."""
    template = record_strings("en").get(key)
    if template is None:
        return None
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def _flatten(args: Mapping[str, Arg]) -> Args:
    flat: list[tuple[str, str]] = []
    for name, value in args.items():
        if isinstance(value, Message):
            flat.append((f"@{name}", value.key))
            for sub, text in value.args:
                flat.append((f"@{name}.{sub[1:]}", text) if sub.startswith("@") else (f"{name}.{sub}", text))
        else:
            flat.append((name, str(value)))
    return tuple(flat)


def render(strings: Mapping[str, str], key: str, args: Args, fallback: str) -> str:
    """The template `key` of `strings` filled with `args`; `fallback` when the catalogue does not
    have it or the arguments do not fit it (a problem of another version's cache, say)."""
    try:
        return _render(strings, key, args, "")
    except (KeyError, ValueError, IndexError, AttributeError, RecursionError):
        return fallback


def _render(strings: Mapping[str, str], key: str, args: Args, prefix: str) -> str:
    return strings[key].format_map(_values(strings, args, prefix))


def _values(strings: Mapping[str, str], args: Args, prefix: str) -> dict[str, str]:
    """The arguments directly under `prefix` ("" for the message's own), nested ones rendered."""
    values: dict[str, str] = {}
    start = len(prefix)
    for name, value in args:
        nested = name.startswith("@")
        bare = name[1:] if nested else name
        if not bare.startswith(prefix) or "." in bare[start:]:
            continue
        local = bare[start:]
        values[local] = _render(strings, value, args, f"{bare}.") if nested else value
    return values


def valid_args(key: object, args: object) -> bool:
    """Whether a key and arguments read from a cache are of the shape `say` makes."""
    if not isinstance(key, str) or not (key == "" or KEY.fullmatch(key)):
        return False
    if not isinstance(args, tuple | list):
        return False
    for pair in args:
        if not (isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], str)
                and isinstance(pair[1], str) and ARG_NAME.fullmatch(pair[0])):
            return False
        if pair[0].startswith("@") and not KEY.fullmatch(pair[1]):
            return False
    return key != "" or not args


class SaidError(Exception):
    """An error whose message is a `Message`: `str()` gives its English text, `said` the message
    for `Catalogue.render` (the command line shows it in the reader's language)."""

    def __init__(self, said: Message) -> None:
        super().__init__(said.text)
        self.said = said
