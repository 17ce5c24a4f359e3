"""The interface's words: the records' vocabulary (schema/words/i18n/) and the screens' own words
(tui/i18n/ja.toml, en.toml), same keys in both languages.

The language comes from `--lang`, else from the locale (see schema.words.i18n.detect_lang).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from schema.words.catalogue import Catalogue as RecordCatalogue
from schema.words.i18n import LANGUAGES, detect_lang, read_catalogue, resolve_lang

__all__ = ["LANGUAGES", "Catalogue", "detect_lang", "load_strings", "resolve_lang"]


@cache
def load_strings(lang: str) -> dict[str, str]:
    """The screens' own words (without the records' vocabulary)."""
    return read_catalogue(files("tui") / "i18n", lang)  # data files of the tui package (tui/i18n/)


class Catalogue(RecordCatalogue):
    """The records' vocabulary and the screens' words: `t("view.meeting")`, `t("home.problems", count=3)`."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.strings = {**self.strings, **load_strings(self.lang)}
