"""The catalogue of one language: the words of `schema.words.i18n`'s files looked up, enumerated
values labelled, problems and messages rendered (the command line's and, with the screens' own words
on top, the terminal UI's, tui/i18n.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from schema.words.i18n import LANGUAGES, record_strings
from schema.words.messages import Message, render

if TYPE_CHECKING:
    from schema.words.problems import Problem


class FieldHelp(Protocol):
    """What a form field's help is looked up by (schema.edit.spec.FieldSpec is one)."""

    @property
    def owner(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def help(self) -> str: ...


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
        """A problem's message in the catalogue's language (see schema.words.messages); its English
        text when it has no template (made by another program, or a template this version lacks)."""
        if not problem.key:
            return problem.message
        return render(self.strings, problem.key, problem.args, fallback=problem.message)

    def render(self, message: Message) -> str:
        """A message (`schema.words.messages.say`) in the catalogue's language."""
        return render(self.strings, message.key, message.args, fallback=message.text)

    def problem_title(self, problem: Problem) -> str:
        """What a problem's code means, in the catalogue's language."""
        return self.strings.get(f"problem_code.{problem.code}", problem.title)

    def field_help(self, spec: FieldHelp) -> str:
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
