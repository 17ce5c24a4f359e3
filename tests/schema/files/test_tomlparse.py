"""schema.files.tomlparse: rtoml's speed, tomli's answers. The two parsers give the same values for
every document daicho reads or writes, and the same verdict (and tomli's error) for the edge cases
of the grammar; what rtoml would get wrong goes to tomli."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path
from typing import Any

import pytest
import rtoml
import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from schema.files import tomlparse
from schema.models.writer import dumps_model
from tests import strategies as gen
from tests.helpers import PROJECT, examples


def _documents() -> list[Path]:
    shipped = [PROJECT / name for name in ("themes.toml", "municipalities.toml", "advisors.toml")]
    return [*shipped, *sorted((PROJECT / "meetings").glob("*.toml")), *sorted((PROJECT / "tests").rglob("*.toml"))]


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_shipped_and_fixture_files_parse_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        expected: Any = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:  # a fixture that is broken on purpose
        with pytest.raises(tomli.TOMLDecodeError) as raised:
            tomlparse.loads(text)
        assert str(raised.value) == str(exc)
        return
    assert tomlparse.loads(text) == expected


def test_a_generated_repository_parses_alike(tmp_path: Path) -> None:
    from bench.generate import generate

    generate(tmp_path / "repo", meetings=80, advisors=30)
    paths = sorted((tmp_path / "repo").rglob("*.toml"))
    assert len(paths) > 80
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert rtoml.loads(text) == tomli.loads(text), path.name


@settings(max_examples=examples(60), deadline=None)
@given(gen.data_files)
def test_what_the_writer_writes_parses_alike(model: Any) -> None:
    text = dumps_model(model)
    assert tomlparse.loads(text) == tomli.loads(text)


_SCALARS = (st.text(max_size=12) | st.integers(min_value=-(2**63), max_value=2**63 - 1)
            | st.floats(allow_nan=False) | st.booleans() | st.dates() | st.times()
            | st.datetimes())
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=12)


@settings(max_examples=examples(200), deadline=None)
@given(st.dictionaries(st.text(max_size=8), _VALUES, max_size=5))
def test_any_document_parses_alike(document: dict[str, Any]) -> None:
    """Any keys (quoted, escaped), strings with any character, every kind of value."""
    text = tomli_w.dumps(document)
    assert tomlparse.loads(text) == tomli.loads(text)


TOML_1_1 = ['a = {\n b = 1,\n}', "a = {b = 1,}", 'a = "\\e"', 'a = "\\x41"', "t = 13:30", "d = 2022-10-05T10:00",
            "a = 1979-05-27T07:32-05:00"]
"""What TOML 1.1 added: both parsers read it, tomlparse refuses it (data files are TOML 1.0)."""


@pytest.mark.parametrize("text", TOML_1_1, ids=range(len(TOML_1_1)))
def test_toml_1_1_is_refused(text: str) -> None:
    assert tomli.loads(text) == rtoml.loads(text)
    with pytest.raises(tomlparse.TOMLDecodeError):
        tomlparse.loads(text)


EDGE_CASES = [
    "a = 1__0", "a = 01", "a = 1.", "a = .1", "a = +0x10", "a = 0x", 'a = "\\u00"', 'a = "\x01"',
    "# c\x01omment\na=1", 'a = "\x7f"', "a = 1979-05-27 07:32:00", "a = 2022-02-30", "a = 24:00:00",
    "a = 9223372036854775808", "a = -9223372036854775809", "a = 1e1000", "a=1\r\nb=2", "a=1\rb=2",
    '"a\nb" = 1', "a = '''\x00'''", "a = true\n[a]", "[[a]]\n[a]", "a = [1,]", "a = [,]",
    "a.b.c = 1\na.b = {}", "[a]\nb=1\n[a]", "a = 0o777", "a = 0.1e-1_0", "ｱ = 1", 'a = "\\uD800"',
    'a="b"c=1', "\ufeffa = 1", "a = { b = 1, b = 2 }", "[a.b]\n[a]\nb.c=1", "a = " + "[" * 5000 + "]" * 5000,
    "a = 1979-05-27T07:32:00Z", "a = 1979-05-27T07:32:00+09:00",
]


@pytest.mark.parametrize("text", EDGE_CASES, ids=range(len(EDGE_CASES)))
def test_edge_cases_get_tomli_verdict_and_values(text: str) -> None:
    try:
        expected: Any = tomli.loads(text)
    except (ValueError, RecursionError) as exc:
        with pytest.raises(type(exc)) as raised:
            tomlparse.loads(text)
        assert str(raised.value) == str(exc)
        return
    found = tomlparse.loads(text)
    assert found == expected
    pickle.dumps(found)  # a pool's worker sends what it parsed back to its parent


def test_an_offset_date_time_is_tomli_s_and_can_be_pickled() -> None:
    found = tomlparse.loads("a = 2022-10-05T10:00:00+09:00\n")
    assert found["a"].tzinfo == dt.timezone(dt.timedelta(hours=9))
    assert pickle.loads(pickle.dumps(found)) == found


def test_the_fast_parser_is_the_one_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A data file is parsed by rtoml (tomli, made to fail here, is not asked)."""
    def refuse(text: str) -> dict[str, Any]:
        raise AssertionError("tomli was asked")

    monkeypatch.setattr(tomli, "loads", refuse)
    text = (PROJECT / "meetings" / "2022-10-05-kanto-advisor-meeting.toml").read_text(encoding="utf-8")
    document = tomlparse.loads(text)
    assert document["date"] == dt.date(2022, 10, 5)
    assert len(document["agenda"]) > 3
