"""The words of the Japanese catalogues (schema/words/i18n/ja.toml, tui/i18n/ja.toml), as Japanese office
software words them (issue 20, items 6–8): one term per thing, the register of buttons and
messages, one convention for brackets and colons, help written as help.

Every message a form shows names its field by its label: tests/schema/load/test_message_wording.py
(`test_every_field_s_message_names_it_by_its_label`) makes a problem at every field of every model
and reads its Japanese."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from schema.models import ITEM_MODELS, AdvisorsFile, Meeting, MunicipalitiesFile, ThemesFile
from schema.words.i18n import record_strings
from tui.i18n import load_strings
from tui.views import VIEWS


def _japanese() -> dict[str, str]:
    """Every Japanese text of both catalogues, by key (the UI's prefixed with ui.)."""
    words = dict(record_strings("ja"))
    words.update({f"ui.{key}": text for key, text in load_strings("ja").items()})
    return words


WORDS = _japanese()


def _about_the_report(key: str, text: str) -> bool:
    """Help about how the report words something (地方公共団体 is the report's term)."""
    return key.startswith("help.") and "報告" in text


def test_the_ui_says_jichitai_and_the_report_chihokokyodantai() -> None:
    wrong = [key for key, text in WORDS.items() if "地方公共団体" in text and not _about_the_report(key, text)]
    assert wrong == []


def test_dantai_only_in_the_code_and_as_a_counter() -> None:
    """団体 in 団体コード, after a number (10団体) — and in 地方公共団体 where the report is meant."""
    allowed = re.compile(r"団体コード|[0-9０-９}]団体|地方公共団体")
    wrong = {key: text for key, text in WORDS.items() if "団体" in allowed.sub("", text)}
    assert wrong == {}


@pytest.mark.parametrize("word", ["やめる", "捨て", "読み直", "読み込み直", "比べる", "もしかして", "書いてください",
                                  "話者", "記載どおり", "でなければなりません"])
def test_words_of_another_register_are_gone(word: str) -> None:
    """キャンセル, 破棄, 再読み込み, 差分を表示, 候補, 入力してください, 登壇者／発言者; help written as
    help (例：…), not 「記載どおりの、…」 or 「…でなければなりません」."""
    assert [key for key, text in WORDS.items() if word in text] == []


_ASCII_BRACKET = re.compile(r"[()]")
_ASCII_COLON = re.compile(r":(?!//)(?![0-9])|(?<![0-9A-Za-z])(?<!\})(?<!:):(?!//)")
"""A colon that is not in a time (13:30) or an address (https://)."""


def test_one_convention_for_brackets_and_colons() -> None:
    """Japanese text uses the full-width （） and ：; half-width ones only in what is typed as it
    is written (13:30:00, https://, [parts.<キー>])."""
    brackets = {key: text for key, text in WORDS.items() if _ASCII_BRACKET.search(text)}
    assert brackets == {}
    colons = {key: text for key, text in WORDS.items()
              if re.search(r"[^\x00-\x7f]:|:[^\x00-\x7f/0-9]|: ", text)}
    assert colons == {}


def test_help_is_written_as_help() -> None:
    """Each help says what to enter or choose in sentences (…入力します。…選びます。…です。), then,
    where it gives one, an example as 「例：…」 — not a noun with its example in brackets
    (「氏名(岡村 久和)。」)."""
    helps = {key: text for key, text in WORDS.items() if key.startswith("help.")}
    assert len(helps) > 100
    sentences = {key: text.split("例：")[0] for key, text in helps.items()}
    ending = re.compile(r"(ます|です|ません)(（[^（）]*）)?。$")
    assert [key for key, text in sentences.items() if not ending.search(text)] == []
    assert [key for key, text in helps.items() if "例：" in text and not text.split("例：")[0].endswith("。")] == []


def _label(model: type[BaseModel], name: str) -> str:
    return WORDS.get(f"field.{model.__name__}.{name}") or WORDS.get(f"field.{name}") or name


@pytest.mark.parametrize("model", [*ITEM_MODELS, Meeting, AdvisorsFile, ThemesFile, MunicipalitiesFile],
                         ids=lambda m: m.__name__)
def test_one_label_per_field_on_a_screen(model: type[BaseModel]) -> None:
    """A form shows each field of a record once, each by its own label (a consultation's topics are
    相談テーマ, its themes テーマ)."""
    labels = [_label(model, name) for name in model.model_fields]
    assert sorted(label for label in set(labels) if labels.count(label) > 1) == []


def test_the_palette_says_which_view_it_shows() -> None:
    for view in VIEWS:
        assert WORDS[f"ui.view.{view.name}"] in WORDS[f"ui.view_help.{view.name}"], view.name
