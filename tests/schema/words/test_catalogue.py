"""The records' vocabulary (schema/words/i18n): both languages complete, every label the outline asks for
there — every field of every model, every enumerated value, every role and problem code."""

from __future__ import annotations

import ast
import re
import string
from enum import Enum
from typing import get_args

import pytest
from pydantic import BaseModel

from schema.models import AGENDA_KINDS, ITEM_MODELS, AdvisorsFile, Meeting, Role, UnnamedRole
from schema.models.annotations import unwrap_optional
from schema.models.walk import held_models
from schema.words.catalogue import Catalogue
from schema.words.i18n import enum_group, record_strings
from schema.words.messages import language_specific
from schema.words.problems import CODES
from tests.helpers import PROJECT


def _models() -> set[type[BaseModel]]:
    """Every model reachable from the data files' models."""
    from schema.models import MunicipalitiesFile, ThemesFile

    return set(held_models(Meeting, AdvisorsFile, ThemesFile, MunicipalitiesFile, *ITEM_MODELS))


def _enums() -> set[type[Enum]]:
    enums: set[type[Enum]] = set()
    for model in _models():
        for info in model.model_fields.values():
            stack: list[object] = [info.annotation]
            while stack:
                inner, _ = unwrap_optional(stack.pop())
                if isinstance(inner, type) and issubclass(inner, Enum):
                    enums.add(inner)
                else:
                    stack.extend(get_args(inner))
    return enums


def _shared(lang: str) -> dict[str, str]:
    """A language's words but the forms' help, which only Japanese has (English: the docstrings;
    tests/schema/words/test_field_help.py), and the readings of the labels (English labels are their
    own romaji)."""
    return {key: text for key, text in record_strings(lang).items() if not key.startswith(("help.", "reading."))}


def test_every_japanese_label_has_its_reading() -> None:
    """The field jump (`/` on a form) finds 委嘱年度 by いしょく or ishoku: every label has a reading."""
    strings = record_strings("ja")
    labels = {text for key, text in strings.items() if key.startswith("field.") and not text.isascii()}
    assert sorted(label for label in labels if f"reading.{label}" not in strings) == []


def test_both_languages_have_the_same_keys() -> None:
    ja, en = _shared("ja"), _shared("en")
    assert sorted(set(ja) ^ set(en)) == []
    assert len(record_strings("ja")) > len(ja)  # the help is there
    assert all(value.strip() for value in [*ja.values(), *en.values()])


def test_placeholders_agree() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    ja, en = _shared("ja"), _shared("en")
    assert [key for key in ja if fields(ja[key]) != fields(en[key]) and not language_specific(key)] == []
    # a place or a value: each language takes some of the arguments given, none that is not given
    specific = [key for key in ja if language_specific(key)]
    assert len(specific) > 10
    assert all(fields(ja[key]) | fields(en[key]) for key in specific if "{" in ja[key] + en[key])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_field_of_every_model_has_a_label(lang: str) -> None:
    strings = record_strings(lang)
    missing = [f"{model.__name__}.{name}" for model in _models() for name in model.model_fields
               if f"field.{model.__name__}.{name}" not in strings and f"field.{name}" not in strings
               and not model.__name__.endswith("File")]
    assert sorted(missing) == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_enumerated_value_and_role_has_a_label(lang: str) -> None:
    strings = record_strings(lang)
    wanted = {f"{enum_group(enum)}.{member.value}" for enum in _enums() for member in enum}
    wanted |= {f"agenda_kind.{kind}" for kind in AGENDA_KINDS}
    wanted |= {f"role.{role.value}" for role in Role}
    wanted |= {f"unnamed_role.{role.value}" for role in UnnamedRole}
    wanted |= {f"problem_code.{code}" for code in CODES}
    assert sorted(wanted - set(strings)) == []


def test_class_specific_labels_name_real_fields() -> None:
    """field.<Model>.<name> and unit.<Model>.<name> keys name a model and one of its fields."""
    models = {model.__name__: model for model in _models()}
    for key in record_strings("en"):
        match = re.fullmatch(r"(field|unit)\.([A-Z]\w+)\.(\w+)", key)
        if match:
            model = models.get(match.group(2))
            assert model is not None and match.group(3) in model.model_fields, key


def test_every_literal_key_of_the_outline_exists() -> None:
    tree = ast.parse((PROJECT / "schema" / "read" / "outline.py").read_text(encoding="utf-8"))
    keys = {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "t" and node.args
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}
    keys = {key for key in keys if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", key)}
    assert "outline.unanswered" in keys
    for lang in ("ja", "en"):
        assert sorted(keys - set(record_strings(lang))) == [], lang


def test_a_missing_key_reads_as_itself() -> None:
    cat = Catalogue("ja")
    assert cat.t("outline.nothing.here") == "outline.nothing.here"
    assert cat.enum("meeting_format", "online") == "オンライン"
    assert cat.t("outline.rank", rank=3) == "3位"
