"""The editing forms' help in the UI's language: every field a form can show has its Japanese help
in schema/words/i18n/ja.toml (`help.<model>.<field>`), no key there names a field that does not exist, and
the English help is the field's docstring."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from schema.edit.spec import FieldSpec, fields_of, spec_of
from schema.models import Advisor, Meeting, Municipality, Record, Remarks, Theme
from schema.models.docstrings import description
from schema.words.catalogue import Catalogue
from schema.words.i18n import record_strings

ROOTS: tuple[type[BaseModel], ...] = (Meeting, Advisor, Theme, Municipality)
"""The records a form opens on; every other form is of a record they hold."""

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
"""Hiragana, katakana or kanji: a help text written in Japanese has some."""


def form_models(roots: tuple[type[BaseModel], ...] = ROOTS) -> list[type[BaseModel]]:
    """Every model a form can show: the roots and every record their fields hold, found as the
    forms find them (`fields_of`), every agenda kind included."""
    found: list[type[BaseModel]] = []
    stack = list(roots)
    while stack:
        model = stack.pop()
        if model in found:
            continue
        found.append(model)
        stack.extend(m for spec in fields_of(model) if spec.kind in ("record", "records", "table")
                     for m in spec.models)
    return found


def form_fields(roots: tuple[type[BaseModel], ...] = ROOTS) -> list[tuple[type[BaseModel], FieldSpec]]:
    return [(model, spec) for model in form_models(roots) for spec in fields_of(model)]


def missing_help(fields: list[tuple[type[BaseModel], FieldSpec]], strings: dict[str, str]) -> list[str]:
    """The fields without a help of their own in `strings` (one in Japanese, not the docstring)."""
    return sorted({f"{model.__name__}.{spec.name} (help.{spec.owner}.{spec.name})" for model, spec in fields
                   if not JAPANESE.search(strings.get(f"help.{spec.owner}.{spec.name}", ""))})


def stale_keys(strings: dict[str, str], fields: list[tuple[type[BaseModel], FieldSpec]]) -> list[str]:
    """The help keys of `strings` that name no field of a form."""
    known = {f"help.{spec.owner}.{spec.name}" for _, spec in fields}
    return sorted(key for key in strings if key.startswith("help.") and key not in known)


def test_the_forms_show_every_kind_of_record() -> None:
    names = {model.__name__ for model in form_models()}
    assert {"Meeting", "Advisor", "Affiliation", "Theme", "Municipality", "Person", "Part", "Attendance",
            "Observers", "Venue", "Dispatch", "Contact", "Material", "Unnamed", "Topic", "Question",
            "Answer", "Rank", "Opinion", "Remarks", "Briefing", "Consultation", "Survey",
            "QuestionsAndAnswers", "Presentation", "Discussion", "ActivityReport", "OtherItem"} <= names


def test_every_field_of_every_form_has_japanese_help() -> None:
    fields = form_fields()
    assert len(fields) > 150
    assert missing_help(fields, record_strings("ja")) == []


def test_a_new_field_without_japanese_help_is_found() -> None:
    class Extra(Record):
        label: str
        """A field no catalogue knows."""

    class Holder(Record):
        extra: Extra | None = None
        """A record holding it."""

    found = missing_help(form_fields((Holder,)), record_strings("ja"))
    assert found == ["Extra.label (help.Extra.label)", "Holder.extra (help.Holder.extra)"]


def test_no_help_key_names_a_field_that_does_not_exist() -> None:
    strings = record_strings("ja")
    assert stale_keys(strings, form_fields()) == []
    bogus = {**strings, "help.Meeting.venue_name": "会場名。", "help.Gone.title": "題。"}
    assert stale_keys(bogus, form_fields()) == ["help.Gone.title", "help.Meeting.venue_name"]


def test_english_has_no_help_of_its_own() -> None:
    assert [key for key in record_strings("en") if key.startswith("help.")] == []


@pytest.mark.parametrize("model", form_models(), ids=lambda model: model.__name__)
def test_the_english_help_is_the_docstring(model: type[BaseModel]) -> None:
    english, japanese = Catalogue("en"), Catalogue("ja")
    for spec in fields_of(model):
        docstring = " ".join(description(model, spec.name).split())
        assert docstring, f"{model.__name__}.{spec.name} has no docstring"
        assert english.field_help(spec) == docstring
        assert japanese.field_help(spec) == record_strings("ja")[f"help.{spec.owner}.{spec.name}"]
        assert japanese.field_help(spec) != docstring


def test_a_field_shared_by_every_agenda_kind_has_one_help() -> None:
    """An item's title is declared once for every kind (so helped once); each kind's `kind` is its own."""
    title, kind = spec_of(Remarks, "title"), spec_of(Remarks, "kind")
    assert (title.owner, kind.owner) == ("_Item", "Remarks")
    assert Catalogue("ja").field_help(title) == record_strings("ja")["help._Item.title"]
    assert "開会挨拶" in Catalogue("ja").field_help(kind)


def test_a_language_without_the_key_falls_back_to_the_docstring() -> None:
    spec = spec_of(Meeting, "title")
    catalogue = Catalogue("ja")
    catalogue.strings = {key: text for key, text in record_strings("ja").items() if key != "help.Meeting.title"}
    assert catalogue.field_help(spec) == "The title as published."
    assert Catalogue("ja").field_help(spec) == record_strings("ja")["help.Meeting.title"] != "The title as published."
