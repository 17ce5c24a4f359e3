"""The interface's words: one catalogue per language (tui/i18n/ja.toml, en.toml), same keys in both.

The language comes from `--lang`, else from the locale (LC_ALL, then LC_MESSAGES, then LANG: a
value starting with "ja" gives Japanese, anything else English).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

LANGUAGES = ("ja", "en")
CATALOGUE_DIR = Path(__file__).with_name("i18n")


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


@cache
def load_strings(lang: str) -> dict[str, str]:
    with (CATALOGUE_DIR / f"{lang}.toml").open("rb") as handle:
        return _flatten(tomllib.load(handle))


class Catalogue:
    """Looks up the interface's words; `t("view.meeting")`, `t("home.problems", count=3)`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self.strings = load_strings(self.lang)

    def t(self, key: str, **values: object) -> str:
        text = self.strings.get(key)
        if text is None:
            return key
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        """The text of `key`, or `default` where the catalogue has none (an unknown enum value)."""
        return self.strings.get(key, default)

    def has(self, key: str) -> bool:
        return key in self.strings
