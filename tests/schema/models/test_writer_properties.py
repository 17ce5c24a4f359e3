"""Properties of the canonical writer over generated valid records (the layout of schema.models.writer)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

import tomli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from schema.models import Meeting, Theme, ThemesFile
from schema.models.writer import dumps_model, model_document
from tests import strategies as gen
from tests.helpers import examples

SETTINGS = settings(max_examples=examples(150), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# String literals as the writer emits them: multi-line basic strings (no unescaped `"""` inside)
# and one-line basic strings (keys included).
_MULTILINE_LITERAL = re.compile(r'"""\n(?:[^"\\]|\\.|"(?!""))*"""')
_BASIC_LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def reload(model: BaseModel, text: str) -> BaseModel:
    return type(model).model_validate(tomli.loads(text))


def without_strings(text: str) -> str:
    """The TOML text with every string literal blanked out: only structure remains."""
    return _BASIC_LITERAL.sub('""', _MULTILINE_LITERAL.sub('""', text))


@SETTINGS
@given(gen.data_files)
def test_round_trip(model: BaseModel) -> None:
    text = dumps_model(model)
    assert reload(model, text) == model


@SETTINGS
@given(gen.data_files)
def test_idempotent(model: BaseModel) -> None:
    text = dumps_model(model)
    assert dumps_model(reload(model, text)) == text


@SETTINGS
@given(gen.data_files)
def test_text_shape(model: BaseModel) -> None:
    text = dumps_model(model)
    assert "\r" not in text
    assert text == "\n" or not text.startswith("\n")
    assert text.endswith("\n")
    assert "\n\n\n" not in without_strings(text)


@SETTINGS
@given(gen.data_files)
def test_never_inline_tables(model: BaseModel) -> None:
    text = dumps_model(model)
    structure = without_strings(text)
    assert "{" not in structure
    for line in structure.splitlines():
        assert not re.search(r"= \{|= \[\s*\{", line), line


@SETTINGS
@given(gen.data_files)
def test_every_record_has_its_header(model: BaseModel) -> None:
    """Every element of an array of tables is a `[[path]]` block, short or long."""
    text = dumps_model(model)
    lines = text.splitlines()
    for path, count in _table_arrays(tomli.loads(text)).items():
        assert lines.count(f"[[{path}]]") >= count, path


def _table_arrays(doc: dict[str, Any], prefix: str = "") -> dict[str, int]:
    found: dict[str, int] = {}
    for key, value in doc.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            for sub, n in _table_arrays(value, path).items():
                found[sub] = found.get(sub, 0) + n
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            found[path] = found.get(path, 0) + len(value)
            for item in value:
                for sub, n in _table_arrays(item, path).items():
                    found[sub] = found.get(sub, 0) + n
    return found


@SETTINGS
@given(st.lists(gen.japanese_text(), min_size=1, max_size=5))
def test_japanese_written_as_is(labels: list[str]) -> None:
    themes = {f"t{i}": Theme(label=label, label_en="x") for i, label in enumerate(labels)}
    text = dumps_model(ThemesFile(themes=themes))
    assert "\\u" not in text
    for label in labels:
        assert f'label = "{label}"' in text


# ---------------------------------------------------------------------------------------------
# One field changed → one line changed

_FIXED_VOCABULARY = {"kind", "bureau", "bureaus", "format", "role", "id"}
_CODE = re.compile(r"^[0-9]{6}$")

Path = tuple[str | int, ...]


def _scalar_paths(doc: Any, path: Path = ()) -> list[Path]:
    """Paths of scalar values (and elements of arrays of scalars) that can take another value."""
    if isinstance(doc, dict):
        return [p for key, value in doc.items() if key not in _FIXED_VOCABULARY
                for p in _scalar_paths(value, (*path, key))]
    if isinstance(doc, list):
        return [p for i, value in enumerate(doc) for p in _scalar_paths(value, (*path, i))]
    if isinstance(doc, bool):
        return []  # a bool changed to its default disappears: that is two lines, by design
    if isinstance(doc, str) and _CODE.match(doc):
        return []
    return [path]


def _changed(value: Any) -> Any:
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, int):
        return value - 1 if value > 1 else value + 1
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, dt.time):
        return value.replace(minute=(value.minute + 1) % 60)
    raise AssertionError(value)


def _set(doc: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        doc = doc[part]
    doc[path[-1]] = value


def _get(doc: Any, path: Path) -> Any:
    for part in path:
        doc = doc[part]
    return doc


@SETTINGS
@given(gen.data_files, st.data())
def test_one_field_changed_changes_one_line(model: BaseModel, data: st.DataObject) -> None:
    doc = model_document(model)
    paths = _scalar_paths(doc)
    assume(paths)
    path = data.draw(st.sampled_from(paths), label="path")
    _set(doc, path, _changed(_get(doc, path)))
    try:
        changed = type(model).model_validate(doc)
    except ValidationError:
        assume(False)
        raise
    before = dumps_model(model).splitlines()
    after = dumps_model(changed).splitlines()
    diff = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(diff) == 2, diff
    assert diff[0].startswith("-") and diff[1].startswith("+")


@SETTINGS
@given(gen.meetings)
def test_meeting_agenda_keeps_its_order(meeting: Meeting) -> None:
    reloaded = reload(meeting, dumps_model(meeting))
    assert isinstance(reloaded, Meeting)
    assert [item.title for item in reloaded.agenda] == [item.title for item in meeting.agenda]


@given(gen.data_files)
def test_what_the_writer_writes_passes_the_text_checks(model: BaseModel) -> None:
    """No BOM, CR, control or disguising character, comment or conflict marker: fmt never turns a
    valid file into one that validate rejects."""
    from schema.files.textscan import scan_bytes

    text, problems = scan_bytes("x.toml", dumps_model(model).encode("utf-8"))
    assert text is not None
    assert problems == []


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_any_text_round_trips_and_passes_the_text_checks(value: str) -> None:
    from schema.files.textscan import scan_bytes

    assume(value)
    text = dumps_model(Theme(label=value, label_en="x"))
    assert tomli.loads(text)["label"] == value
    assert scan_bytes("x.toml", text.encode("utf-8"))[1] == []
