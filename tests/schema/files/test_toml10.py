"""schema.files.toml10: what TOML 1.1 added is found, where it is, and nothing else is — text inside
strings and comments, and what TOML 1.0 allows (arrays over several lines in an inline table,
times with seconds), passes."""

from __future__ import annotations

import pytest
import tomli

from schema.files import tomlparse
from schema.files.toml10 import ESC_ESCAPE, HEX_ESCAPE, LINE_BREAK, SHORT_TIME, TRAILING_COMMA, first_toml11
from schema.load.errors import syntax_problem
from schema.words.catalogue import Catalogue


@pytest.mark.parametrize(("text", "message", "at"), [
    ('a = { x = 1,\n  y = 2 }\n', LINE_BREAK, "\n  y"),
    ('a = { x = 1, # why\n  y = 2 }\n', LINE_BREAK, "\n  y"),
    ('a = {\n}\n', LINE_BREAK, "\n}"),
    ('a = { x = 1, }\n', TRAILING_COMMA, ", }"),
    ('a = { x = { y = 1, } }\n', TRAILING_COMMA, ", }"),
    ('a = [{ x = 1 }, { y = [1,\n 2], z = 3,\n }]\n', LINE_BREAK, "\n }"),
    ('a = "A\\x41"\n', HEX_ESCAPE, "\\x41"),
    ('a = """\nline\\e"""\n', ESC_ESCAPE, "\\e"),
    ('"k\\x41" = 1\n', HEX_ESCAPE, "\\x41"),
    ('a = "\\\\\\x41"\n', HEX_ESCAPE, "\\x41"),  # an escaped backslash, then \x
    ("a = 13:30\n", SHORT_TIME, "13:30"),
    ("a = 2022-10-05T13:30\n", SHORT_TIME, "13:30"),
    ("a = 2022-10-05 13:30+09:00\n", SHORT_TIME, "13:30"),
    ("a = 1979-05-27T07:32Z\n", SHORT_TIME, "07:32"),
    ("a = [\n  13:30:00,\n  14:00,\n]\n", SHORT_TIME, "14:00"),
    ("a = { t = 09:15 }\n", SHORT_TIME, "09:15"),
])
def test_what_toml_1_1_added_is_found_where_it_is(text: str, message: str, at: str) -> None:
    tomli.loads(text)  # TOML 1.1, which the parsers read
    assert first_toml11(text) == (message, text.index(at))
    with pytest.raises(tomlparse.TOMLDecodeError) as raised:
        tomlparse.loads(text)
    offset = text.index(at)
    assert (raised.value.lineno, raised.value.colno) == (text.count("\n", 0, offset) + 1,
                                                         offset - text.rfind("\n", 0, offset))


@pytest.mark.parametrize("text", [
    'a = "{ x = 1, }"\n',
    "a = '\\x41 \\e'\n",
    "a = '''\n\\x41 {\n'''\n",
    'a = "\\\\x41 \\\\e"\n',  # an escaped backslash, then the letters
    'a = """\n{ x = 1,\n"""\n',
    '# a = { x = 1,\na = 1\n',
    'a = "開始 = 13:30、終了 = 14:00"\n',
    "a = 13:30:00\nb = 2022-10-05T13:30:00+09:00\nc = 2022-10-05 13:30:00.5\n",
    "a = { x = [\n  1,\n  2,\n], y = \"\"\"\ntwo\nlines\"\"\" }\n",
    "a = [1, 2,]\nb = { c = [3, 4,] }\n",
    'a = "x"  # 13:30, {\n',
])
def test_toml_1_0_passes(text: str) -> None:
    assert first_toml11(text) is None
    assert tomlparse.loads(text) == tomli.loads(text)


def test_the_problem_is_e109_with_its_position_and_a_hint() -> None:
    text = 'label = "x"\nstart_time = 13:30\n'
    with pytest.raises(tomlparse.TOMLDecodeError) as raised:
        tomlparse.loads(text)
    problem = syntax_problem("meetings/m.toml", raised.value)
    assert (problem.code, problem.line, problem.col) == ("E109", 2, 14)
    assert problem.message == ("TOML syntax error: Time without seconds (TOML 1.1 only; data files are TOML 1.0: "
                               "write 13:30:00) (editors and Python 3.11's tomllib read TOML 1.0 only)")
    assert "TOML 1.0" in Catalogue("ja").problem_message(problem)
