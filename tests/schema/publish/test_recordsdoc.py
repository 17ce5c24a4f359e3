"""docs/records.md and the examples it quotes: every field of every model documented, with its
meaning and an example, and the file kept current by `daicho schema --check`."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli
from pydantic import BaseModel

from daicho.main import main
from schema.load.loader import load_repository
from schema.models import ITEM_MODELS
from schema.models.agenda import _Item
from schema.models.docstrings import description
from schema.models.examples import EXAMPLE_FILES
from schema.models.writer import dumps_model
from schema.publish.jsonschema import records_doc_path
from schema.publish.recordsdoc import _examples, render
from tests.helpers import PROJECT
from tests.schema.words.test_catalogue import _models


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("examples")
    for name, text in EXAMPLE_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_examples_validate_and_are_canonical(examples: Path) -> None:
    result = load_repository(examples)
    assert [p.format_text() for p in result.problems] == []
    for name, text in EXAMPLE_FILES.items():
        from schema.load.loader import model_for

        model = model_for(name)
        assert model is not None
        assert dumps_model(model.model_validate(tomli.loads(text))) == text, name


def test_the_examples_set_every_field_of_every_model() -> None:
    found = _examples()
    missing = []
    for model in sorted(_models(), key=lambda m: m.__name__):
        if model.__name__.endswith("File"):
            continue
        values = found.get(_Item if model is _Item else model, {})
        names = model.model_fields if model not in ITEM_MODELS else [
            n for n in model.model_fields if n not in _Item.model_fields or n == "kind"]
        missing += [f"{model.__name__}.{name}" for name in names if name not in values]
    assert missing == []


def test_every_field_is_documented_with_its_meaning() -> None:
    text = render()
    models: list[type[BaseModel]] = sorted(_models(), key=lambda m: m.__name__)
    for model in models:
        if model.__name__.endswith("File") or (model in ITEM_MODELS):
            continue
        section = text.split(f"— {model.__name__}\n", 1)[1].split("\n### ", 1)[0]
        for name in model.model_fields:
            assert f"| `{name}` |" in section, f"{model.__name__}.{name}"
            assert description(model, name), f"{model.__name__}.{name} has no docstring"
    for model in ITEM_MODELS:
        assert f"— {model.__name__}\n" in text


def test_the_committed_reference_is_current() -> None:
    path = records_doc_path()
    assert path == PROJECT / "docs" / "records.md"
    assert path.read_text(encoding="utf-8") == render()


def test_schema_check_fails_on_a_stale_reference(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stale = tmp_path / "records.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr("schema.publish.jsonschema.records_doc_path", lambda repo=None: stale)
    assert main(["schema", "--check"]) == 1
    assert "stale" in capsys.readouterr().err
    assert main(["schema"]) == 0
    assert stale.read_text(encoding="utf-8") == render()
