"""Key path → (line, column): tables, arrays of tables, quoted and dotted keys, arrays, strings."""

from __future__ import annotations

import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from schema.files.locate import KeyLocator
from tests.helpers import examples

MEETING = '''title = "令和4年度 関東総合通信局 地域情報化アドバイザー会議"
kind = "advisor-meeting"
date = 2022-10-05
purpose = """
[fake]
key = 1
[[agenda]]
"""
literal = \'\'\'
[[agenda]]
kind = "not a key"
\'\'\'

[attendance]
advisors = 18
"observers (傍聴)" = 3
counts.online = 10
counts."in person" = 4

[people.okamura]
name = "岡村 久和"
advisor = "okamura-hisakazu"

[[agenda]]
kind = "opening"
title = "開会挨拶"

[[agenda]]
kind = "consultation"
title = "オンライン相談会"
facilitators = [
    "shimoyama",
    "okamura",
]

[[agenda.topics]]
theme = "planning-support"

[[agenda.topics.questions]]
text = "計画策定支援の支援内容"

[[agenda.topics.answers]]
text = "…"
by = [
    "okamura",
]

[[agenda.topics.answers]]
text = """
一行目
二行目 by = [
"""
by = [
    "saito",
    "okamura",
]

[[agenda.topics]]
theme = "bpr"

[[agenda.topics.answers]]
by = ["oyama", "saito"]
meta = { source = "minutes", pages = [3, 4] }

[agenda.summary]
text = "まとめ"

[[agenda]]
kind = "closing"
'''


def line_of(text: str, line: int) -> str:
    return text.splitlines()[line - 1]


def test_top_level_keys() -> None:
    loc = KeyLocator(MEETING)
    assert loc.find(["title"]) == (1, 1)
    assert loc.find(["date"]) == (3, 1)
    assert loc.find(["purpose"]) == (4, 1)
    assert loc.find(["literal"]) == (9, 1)


def test_multiline_strings_do_not_create_keys() -> None:
    loc = KeyLocator(MEETING)
    assert loc.find(["fake"]) is None
    assert loc.find(["key"]) is None
    assert loc.find(["agenda", 0]) == (24, 1)  # the first real [[agenda]], not the one in a string
    assert loc.find(["agenda", 3]) is None
    # the answer's text contains "by = [": the real `by` comes after it
    assert loc.find(["agenda", 1, "topics", 0, "answers", 1, "by"]) == (53, 1)


def test_tables_quoted_and_dotted_keys() -> None:
    loc = KeyLocator(MEETING)
    assert loc.find(["attendance"]) == (14, 1)
    assert loc.find(["attendance", "advisors"]) == (15, 1)
    assert loc.find(["attendance", "observers (傍聴)"]) == (16, 1)
    assert loc.find(["attendance", "counts"]) == (17, 1)
    assert loc.find(["attendance", "counts", "online"]) == (17, 8)
    assert loc.find(["attendance", "counts", "in person"]) == (18, 8)
    assert loc.find(["people", "okamura", "advisor"]) == (22, 1)
    assert loc.find(["people", "okamura"]) == (20, 1)
    assert loc.find(["people"]) == (20, 1)


def test_arrays_of_tables_are_counted_per_parent() -> None:
    loc = KeyLocator(MEETING)
    assert loc.find(["agenda"]) == (24, 1)
    assert loc.find(["agenda", 0, "kind"]) == (25, 1)
    assert loc.find(["agenda", 1]) == (28, 1)
    assert loc.find(["agenda", 1, "topics", 0]) == (36, 1)
    assert loc.find(["agenda", 1, "topics", 0, "questions", 0, "text"]) == (40, 1)
    assert loc.find(["agenda", 1, "topics", 0, "answers", 0, "text"]) == (43, 1)
    assert loc.find(["agenda", 1, "topics", 0, "answers", 1, "text"]) == (49, 1)
    assert loc.find(["agenda", 1, "topics", 1, "theme"]) == (59, 1)
    # a nested array of tables restarts for every element of its parent
    assert loc.find(["agenda", 1, "topics", 1, "answers", 0, "by"]) == (62, 1)
    assert loc.find(["agenda", 1, "topics", 1, "answers", 1]) is None
    assert loc.find(["agenda", 1, "summary", "text"]) == (66, 1)
    assert loc.find(["agenda", 2, "kind"]) == (69, 1)


def test_elements_of_arrays_written_one_per_line() -> None:
    loc = KeyLocator(MEETING)
    assert loc.find(["agenda", 1, "facilitators"]) == (31, 1)
    assert loc.find(["agenda", 1, "facilitators", 0]) == (32, 5)
    assert loc.find(["agenda", 1, "facilitators", 1]) == (33, 5)
    assert loc.find(["agenda", 1, "facilitators", 2]) is None
    assert loc.find(["agenda", 1, "topics", 0, "answers", 0, "by", 0]) == (45, 5)
    assert loc.find(["agenda", 1, "topics", 0, "answers", 1, "by", 1]) == (55, 5)
    assert line_of(MEETING, 55).strip() == '"okamura",'


def test_inline_arrays_and_tables() -> None:
    loc = KeyLocator(MEETING)
    answer = ["agenda", 1, "topics", 1, "answers", 0]
    assert loc.find([*answer, "by", 1]) == (62, 16)
    assert loc.find([*answer, "meta", "source"]) == (63, 10)
    assert loc.find([*answer, "meta", "pages", 1]) == (63, 42)


def test_discriminated_union_tag_is_skipped() -> None:
    loc = KeyLocator(MEETING)
    assert loc.find(["agenda", 1, "consultation", "topics", 0, "theme"]) == (37, 1)
    assert loc.find(["agenda", 1, "consultation", "facilitators", 1]) == (33, 5)
    assert loc.nearest(["agenda", 1, "consultation", "topics", 0, "missing"]) == (36, 1)
    # an unknown element with nothing known after it is not skipped
    assert loc.find(["agenda", 1, "consultation"]) is None
    assert loc.nearest(["agenda", 1, "consultation"]) == (28, 1)


def test_nearest_falls_back_to_longest_prefix() -> None:
    loc = KeyLocator(MEETING)
    assert loc.nearest(["people", "okamura", "kana"]) == (20, 1)
    assert loc.nearest(["agenda", 1, "topics", 7, "theme"]) == (36, 1)
    assert loc.nearest(["agenda", 9]) == (24, 1)
    assert loc.nearest(["nothing", "here"]) == (1, 1)
    assert loc.nearest([]) == (1, 1)
    assert loc.find([]) is None


def test_numeric_keys_and_string_indices() -> None:
    text = (
        '[municipalities."112241"]\nname = "戸田市"\n\n'
        '[municipalities.112186]\nname = "深谷市"\n'
    )
    loc = KeyLocator(text)
    assert loc.find(["municipalities", "112241", "name"]) == (2, 1)
    assert loc.find(["municipalities", "112186"]) == (4, 1)
    assert loc.find(["municipalities", 112186, "name"]) == (5, 1)
    sample = KeyLocator('a = [\n    1,\n    2,\n]\n')
    assert sample.find(["a", "1"]) == (3, 5)


def test_advisors_file() -> None:
    text = (
        "[advisors.okamura-hisakazu]\n"
        'name = "岡村 久和"\n'
        "expertise = [\n"
        '    "bpr",\n'
        '    "online-procedures",\n'
        "]\n"
        "\n"
        "[[advisors.okamura-hisakazu.affiliations]]\n"
        'organization = "亜細亜大学"\n'
        "\n"
        "[[advisors.okamura-hisakazu.affiliations]]\n"
        'organization = "ボルタージャパン"\n'
        "\n"
        "[advisors.saito-rie]\n"
        'name = "齋藤 理栄"\n'
        "\n"
        "[[advisors.saito-rie.affiliations]]\n"
        'organization = "深谷市"\n'
    )
    loc = KeyLocator(text)
    assert loc.find(("advisors", "okamura-hisakazu", "expertise", 1)) == (5, 5)
    assert loc.find(("advisors", "okamura-hisakazu", "affiliations", 1, "organization")) == (12, 1)
    assert loc.find(("advisors", "saito-rie", "affiliations", 0, "organization")) == (18, 1)
    assert loc.find(("advisors", "saito-rie", "affiliations", 1)) is None


def test_whitespace_and_comments_are_tolerated() -> None:
    text = (
        "  [ a . 'b c' ]  # table\n"
        '  x . "y" = 1 # value\n'
        "arr = [ # open\n"
        "  1, # one\n"
        "  # between\n"
        "  [2, 3],\n"
        "]\n"
        "[[ t ]]\n"
        "k = 1\n"
    )
    assert tomli.loads(text)["a"]["b c"]["x"]["y"] == 1
    loc = KeyLocator(text)
    assert loc.find(["a", "b c"]) == (1, 3)
    assert loc.find(["a", "b c", "x", "y"]) == (2, 7)
    assert loc.find(["a", "b c", "arr", 1, 1]) == (6, 7)
    assert loc.find(["t", 0, "k"]) == (9, 1)


def test_escaped_quoted_keys() -> None:
    text = '"a\\u0062\\"c" = 1\n\'lit\\eral\' = 2\n'
    assert tomli.loads(text) == {'ab"c': 1, "lit\\eral": 2}
    loc = KeyLocator(text)
    assert loc.find(['ab"c']) == (1, 1)
    assert loc.find(["lit\\eral"]) == (2, 1)


def test_strings_with_brackets_and_quotes_inside_arrays() -> None:
    text = 'a = [\n    "]",\n    \'[x = 1]\',\n    """\n], b = 2\n""",\n    "z",\n]\nc = 3\n'
    assert tomli.loads(text)["c"] == 3
    loc = KeyLocator(text)
    assert loc.find(["a", 3]) == (7, 5)
    assert loc.find(["c"]) == (9, 1)
    assert loc.find(["b"]) is None


def test_keys_at_line() -> None:
    loc = KeyLocator(MEETING)
    assert loc.keys_at_line(17) == [("attendance", "counts"), ("attendance", "counts", "online")]
    assert loc.keys_at_line(5) == []


def test_crlf_text() -> None:
    loc = KeyLocator("a = 1\r\n[t]\r\nb = [\r\n  1,\r\n  2,\r\n]\r\n")
    assert loc.find(["t", "b", 1]) == (5, 3)


def test_broken_text_does_not_raise() -> None:
    for text in ("[", "[[a", "a = ", "a = [1, 2", 'a = """x', "= 1", "[a]]\nb = {", "\x00", "a.=1"):
        loc = KeyLocator(text)
        loc.find(["a", "b"])
        assert loc.nearest(["a", 0, "b"])[0] >= 1


# -- properties -------------------------------------------------------------------------------

_KEYS = st.text(
    alphabet=st.sampled_from([*"abz09-_ .#'[]=", "深", "谷", "é"]), min_size=1, max_size=6
)
_STRINGS = st.lists(
    st.sampled_from(
        ["a", " ", "\n", "[fake]\n", "key = 1\n", "[[x]]\n", '"', "'", "\\", "#", "深"]
    ),
    max_size=8,
).map("".join)
_SCALARS = st.one_of(st.integers(), st.booleans(), _STRINGS)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(_KEYS, children, max_size=3),
        st.lists(st.dictionaries(_KEYS, children, min_size=1, max_size=3), min_size=1, max_size=3),
    ),
    max_leaves=15,
)
_DOCS = st.dictionaries(_KEYS, _VALUES, max_size=5)


def _paths(value: object, prefix: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    """Every key path and array element path in a document, with the node itself first."""
    found: list[tuple[str | int, ...]] = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found.extend(_paths(child, (*prefix, i)))
    return found


@settings(max_examples=examples(300), deadline=None)
@given(_DOCS)
def test_every_path_of_a_tomli_w_document_is_found(doc: dict) -> None:
    text = tomli_w.dumps(doc, multiline_strings=True)
    assert tomli.loads(text) == doc
    loc = KeyLocator(text)
    lines = text.splitlines()
    for path in _paths(doc, ()):
        position = loc.find(path)
        assert position is not None, (path, text)
        line, col = position
        assert col >= 1
        last = path[-1]
        if isinstance(last, str):
            assert last in lines[line - 1], (path, position, text)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab =.[]{},\"'#\n\\1"]), max_size=60))
def test_any_text_is_scanned_without_exceptions(text: str) -> None:
    loc = KeyLocator(text)
    line, col = loc.nearest(["a", 0, "b"])
    assert line >= 1 and col >= 1


def test_a_value_is_located_at_the_value() -> None:
    """Problems with a value point at the value (theme = "dx-talant" → the column of the quote)."""
    loc = KeyLocator(MEETING)
    assert loc.nearest(["title"], value=True) == (1, 9)
    assert loc.nearest(["date"], value=True) == (3, 8)
    assert loc.nearest(["attendance", "counts", "online"], value=True) == (17, 17)
    assert loc.nearest(["agenda", 1, "topics", 0, "theme"], value=True) == (37, 9)
    assert loc.nearest(["agenda", 1, "facilitators"], value=True) == (31, 16)  # the array's "["
    assert loc.nearest(["agenda", 1, "facilitators", 1], value=True) == (33, 5)  # an element
    assert loc.nearest(["agenda", 1, "topics", 1, "answers", 0, "meta", "source"], value=True) == (63, 19)
    # Keys without a value, and paths that stop short, are the key's (or table's) place.
    assert loc.nearest(["attendance"], value=True) == loc.nearest(["attendance"]) == (14, 1)
    assert loc.nearest(["title", "nonsense"], value=True) == (1, 1)
    for line, col in ((1, 9), (3, 8), (17, 17), (37, 9), (31, 16), (33, 5), (63, 19)):
        assert line_of(MEETING, line)[col - 1] in '"2[1', (line, col)


def test_the_path_at_a_place_is_the_innermost_that_starts_there() -> None:
    """What a problem at a line and column is about: the key, value or element starting at or
    before it (a problem in a multi-line string belongs to its key)."""
    loc = KeyLocator(MEETING)
    assert loc.path_at(1, 9) == ("title",)
    assert loc.path_at(5, 1) == ("purpose",)  # inside the multi-line string
    assert loc.path_at(17, 17) == ("attendance", "counts", "online")
    assert loc.path_at(33, 5) == ("agenda", 1, "facilitators", 1)
    assert loc.path_at(37, 12) == ("agenda", 1, "topics", 0, "theme")
    assert loc.path_at(36, 1) == ("agenda", 1, "topics", 0)  # the header of an array of tables
    assert loc.path_at(51, 3) == ("agenda", 1, "topics", 0, "answers", 1, "text")
    assert loc.path_at(1000, 1) == ()
