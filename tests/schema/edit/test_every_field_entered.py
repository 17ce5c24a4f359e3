"""Every field of every model can be entered as a form enters it (issue 18, item 2): generated from
the models and the example records that set every field (`schema/models/examples.py`). Each value is
shown as its field shows it and taken back as the form takes what is typed — text parsed by its
kind (integers, dates, times, URLs, text), a choice picked by its label, a flag toggled, a list
built value by value, a table entry added by key — into a file started empty; saved, the file is
byte for byte the example. The forms' widgets are driven through real keys in
tests/tui/test_editing_trust.py (one path per kind of widget) and end to end in
tests/tui/test_new_bureau_end_to_end.py; this test reaches every field without typing each one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli
from pydantic import BaseModel

from schema.edit.draft import Draft
from schema.edit.session import EditSession
from schema.edit.spec import FieldSpec, fields_of
from schema.edit.values import parse_value, shown_value
from schema.files.locate import KeyPath
from schema.load.loader import load_repository
from schema.load.loader import model_for as model_of_file
from schema.models.annotations import element_model
from schema.models.examples import EXAMPLE_FILES
from schema.words.catalogue import Catalogue

CATALOGUE = Catalogue("ja")


def typed(spec: FieldSpec, kind: str, value: Any) -> Any:
    """A value as the form takes it from what it shows: a choice by its label, the rest as text."""
    if kind == "choice":
        labels = {CATALOGUE.enum(spec.choice_group, choice): choice for choice in spec.choices}
        assert len(labels) == len(spec.choices), f"two choices of {spec.name} share a label"
        return labels[CATALOGUE.enum(spec.choice_group, value)]
    if kind == "bool":
        assert value is True  # a flag's row toggles it on; off is its default and not written
        return True
    text = shown_value(value)
    assert isinstance(text, str)
    return parse_value(kind, text)


def enter(draft: Draft, model: type[BaseModel], path: KeyPath, doc: dict[str, Any]) -> None:
    """Every field of `doc` (a record of `model`) into the draft at `path`, as the forms would (the
    examples set every field of every model: tests/schema/publish/test_recordsdoc.py)."""
    for spec in fields_of(model):
        if spec.name not in doc:
            continue
        value, here = doc[spec.name], (*path, spec.name)
        if spec.kind == "record":
            enter(draft, element_model(spec.models, value) or spec.model, here, value)
        elif spec.kind == "records":
            for index, item in enumerate(value):
                draft.insert(here, index, {"kind": item["kind"]} if "kind" in item else {})
                sub = element_model(spec.models, item) or spec.model
                enter(draft, sub, (*here, index), {k: v for k, v in item.items() if k != "kind"})
        elif spec.kind == "table":
            for key, item in value.items():
                draft.put(here, key, {})
                enter(draft, spec.model, (*here, key), item)
        elif spec.kind == "values":
            items: list[Any] = []
            for item in value:  # a on the row, one value at a time
                items.append(typed(spec, spec.item, item))
                draft.set(here, list(items))
        else:
            draft.set(here, typed(spec, "text" if spec.kind in ("ref", "prose") else spec.kind, value))


@pytest.mark.parametrize("relpath", list(EXAMPLE_FILES))
def test_every_field_of_the_example_entered_and_saved(tmp_path: Path, relpath: str) -> None:
    for name, text in EXAMPLE_FILES.items():
        if name != relpath:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
    session = EditSession(tmp_path, load_repository(tmp_path).records)
    model = model_of_file(relpath)
    assert model is not None
    draft = session.open(relpath) if not relpath.startswith("meetings/") else session.add(
        Draft(relpath, model, {}, None))
    enter(draft, model, (), tomli.loads(EXAMPLE_FILES[relpath]))
    assert session.problems() == {}
    session.save()
    assert (tmp_path / relpath).read_text(encoding="utf-8") == EXAMPLE_FILES[relpath]
    assert load_repository(tmp_path).problems == []
