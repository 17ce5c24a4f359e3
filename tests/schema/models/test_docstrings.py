"""Field descriptions are read from the models' docstrings on demand (schema.models.docstrings),
not by Pydantic as each class is created: the same text Pydantic reads, for every field of every
model, and the models do not ask Pydantic to read it (about 50 ms of every start)."""

from __future__ import annotations

import pytest
from pydantic import BaseModel
from pydantic._internal._docs_extraction import extract_docstrings_from_cls

import schema.models  # noqa: F401  (every model defined)
from schema.models.common import Record
from schema.models.docstrings import declaring_class, description, field_docstrings


def all_models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [Record]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.append(cls)
            todo.extend(cls.__subclasses__())
    return sorted((c for c in found if c.__module__.startswith("schema.")), key=lambda c: c.__qualname__)


def test_the_models_do_not_have_pydantic_read_docstrings() -> None:
    assert not Record.model_config.get("use_attribute_docstrings")


@pytest.mark.parametrize("cls", all_models(), ids=lambda c: c.__qualname__)
def test_the_docstrings_are_those_pydantic_reads(cls: type[BaseModel]) -> None:
    """Pydantic's own reader (what `use_attribute_docstrings` would give) is the oracle."""
    expected = extract_docstrings_from_cls(cls, use_inspect=True)
    assert field_docstrings(cls) == expected
    for name in cls.model_fields:
        owner = declaring_class(cls, name)
        assert description(cls, name) == extract_docstrings_from_cls(owner, use_inspect=True).get(name, "")


def test_inherited_fields_are_described_by_the_class_that_declares_them() -> None:
    from schema.models import Remarks

    assert declaring_class(Remarks, "title") is not Remarks
    assert description(Remarks, "title").startswith("The item's title")
