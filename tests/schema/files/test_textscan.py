"""Raw text checks: encoding, BOM, line endings, conflict markers, hidden characters, comments."""

from __future__ import annotations

import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from schema.files import textscan
from schema.files.textscan import scan_bytes
from schema.words.problems import CODES, Problem
from tests.helpers import examples

PATH = "meetings/2022-10-05-kanto-advisor-meeting.toml"

CLEAN = """title = "令和4年度 関東総合通信局 地域情報化アドバイザー会議"
kind = "advisor-meeting"
date = 2022-10-05
url = "https://www.soumu.go.jp/soutsu/kanto/"

[attendance]
advisors = 18
"""


def scan(text: str) -> tuple[str | None, list[Problem]]:
    return scan_bytes(PATH, text.encode("utf-8"))


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def positions(problems: list[Problem], code: str) -> list[tuple[int | None, int | None]]:
    return [(p.line, p.col) for p in problems if p.code == code]


# -- clean input ------------------------------------------------------------------------------


def test_clean_file_has_no_problems() -> None:
    text, problems = scan(CLEAN)
    assert problems == []
    assert text == CLEAN


def test_empty_file_is_clean() -> None:
    assert scan_bytes(PATH, b"") == ("", [])


def test_all_codes_used_are_known() -> None:
    for code in ("E101", "E102", "E103", "E104", "E105", "E106", "E107", "E108"):
        assert code in CODES


# -- E108 size --------------------------------------------------------------------------------


def test_file_larger_than_limit_is_not_decoded(monkeypatch) -> None:
    monkeypatch.setattr(textscan, "MAX_FILE_BYTES", 100)
    raw = b"\xff" * 101  # not UTF-8 either: must not be decoded at all
    text, problems = scan_bytes(PATH, raw)
    assert text is None
    assert codes(problems) == ["E108"]
    assert problems[0].path == PATH
    assert "larger than the limit" in problems[0].message
    assert "(100 bytes)" in problems[0].message


def test_file_at_limit_is_accepted(monkeypatch) -> None:
    monkeypatch.setattr(textscan, "MAX_FILE_BYTES", 10)
    text, problems = scan_bytes(PATH, b"a = 12345\n")
    assert text == "a = 12345\n"
    assert problems == []


def test_default_limit_is_five_megabytes() -> None:
    assert textscan.MAX_FILE_BYTES == 5 * 1024 * 1024


# -- E102 BOM ---------------------------------------------------------------------------------


def test_bom_is_reported_and_stripped() -> None:
    text, problems = scan_bytes(PATH, b"\xef\xbb\xbf" + CLEAN.encode())
    assert text == CLEAN
    assert codes(problems) == ["E102"]
    assert positions(problems, "E102") == [(1, 1)]
    assert problems[0].message == (
        "file starts with a byte-order mark (U+FEFF); save as UTF-8 without BOM"
    )


def test_bom_and_other_problems_are_all_reported() -> None:
    text, problems = scan_bytes(PATH, b"\xef\xbb\xbfa = 1 # note\r\n")
    assert text == "a = 1 # note\r\n"
    assert sorted(codes(problems)) == ["E102", "E103", "E107"]


def test_bom_then_bad_bytes_reports_both() -> None:
    text, problems = scan_bytes(PATH, b"\xef\xbb\xbfa = \x82\n")
    assert text is None
    assert codes(problems) == ["E102", "E101"]


# -- E101 encoding ----------------------------------------------------------------------------


def test_shift_jis_is_reported_at_first_bad_byte() -> None:
    raw = 'name = "深谷市"\n'.encode("shift_jis")
    text, problems = scan_bytes(PATH, raw)
    assert text is None
    assert codes(problems) == ["E101"]
    assert positions(problems, "E101") == [(1, 9)]
    assert problems[0].message == (
        "byte 0x90 is not valid UTF-8 (is the file Shift_JIS? save it as UTF-8)"
    )


def test_bad_byte_column_counts_characters_not_bytes() -> None:
    raw = 'title = "会議"\nname = "深谷'.encode() + b"\x82\xa0" + b'"\n'
    text, problems = scan_bytes(PATH, raw)
    assert text is None
    assert positions(problems, "E101") == [(2, 11)]
    assert "0x82" in problems[0].message


def test_truncated_utf8_at_end_of_file() -> None:
    raw = "a = '深".encode()[:-1]
    _, problems = scan_bytes(PATH, raw)
    assert positions(problems, "E101") == [(1, 6)]
    assert "0xE6" in problems[0].message


# -- E103 line endings ------------------------------------------------------------------------


def test_crlf_is_one_problem_with_a_count() -> None:
    raw = "a = 1\r\nb = 2\r\nc = 3\r\n"
    text, problems = scan(raw)
    assert text == raw
    assert codes(problems) == ["E103"]
    assert positions(problems, "E103") == [(1, 6)]
    assert problems[0].message == "3 lines end with CRLF; daicho writes LF only"
    assert tomli.loads(text) == {"a": 1, "b": 2, "c": 3}


def test_crlf_first_appearing_later() -> None:
    _, problems = scan("a = 1\nbb = 2\r\n")
    assert positions(problems, "E103") == [(2, 7)]
    assert problems[0].message == "1 line ends with CRLF; daicho writes LF only"


def test_lone_cr_is_reported() -> None:
    _, problems = scan("a = 1\rb = 2\n")
    assert positions(problems, "E103") == [(1, 6)]
    assert "lone CR" in problems[0].message


def test_mixed_crlf_and_lone_cr() -> None:
    _, problems = scan("a = 1\r\nb = 2\rc = 3\r\n")
    assert codes(problems) == ["E103"]
    assert problems[0].message.startswith("2 lines end with CRLF and 1 with a lone CR")


# -- E104 conflict markers --------------------------------------------------------------------

CONFLICT = """title = "会議"
<<<<<<< HEAD
advisors = 18
||||||| base
advisors = 17
=======
advisors = 19
>>>>>>> feature/attendance
"""


def test_conflict_block_makes_text_unusable() -> None:
    text, problems = scan(CONFLICT)
    assert text is None
    assert codes(problems) == ["E104"] * 4
    assert positions(problems, "E104") == [(2, 1), (4, 1), (6, 1), (8, 1)]
    assert "<<<<<<<" in problems[0].message
    assert "=======" in problems[2].message


def test_conflict_markers_with_crlf() -> None:
    text, problems = scan(CONFLICT.replace("\n", "\r\n"))
    assert text is None
    assert codes(problems) == ["E103", "E104", "E104", "E104", "E104"]


def test_marker_lookalikes_are_not_conflicts() -> None:
    source = (
        'a = "<<<<<<< HEAD"\n'
        'note = """\n'
        "======== (eight)\n"
        "======= trailing text\n"
        " >>>>>>> indented\n"
        '"""\n'
    )
    text, problems = scan(source)
    assert text == source
    assert problems == []


def test_conflict_without_space_after_marker_name() -> None:
    _, problems = scan("<<<<<<<HEAD\n")
    assert problems == []
    _, problems = scan("<<<<<<<\n")
    assert positions(problems, "E104") == [(1, 1)]


# -- E105 disguising characters ---------------------------------------------------------------

DISGUISING = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
    "\u2060", "\ufeff",
]


def test_each_disguising_character_is_reported_with_its_name() -> None:
    import unicodedata

    for char in DISGUISING:
        source = f'title = "会議"\nname = "深谷{char}市"\n'
        text, problems = scan(source)
        assert text == source, char
        assert codes(problems) == ["E105"], char
        assert positions(problems, "E105") == [(2, 11)], char
        name = unicodedata.name(char)
        assert problems[0].message == (
            f"invisible character U+{ord(char):04X} {name}; remove it "
            "(it can make a review show something other than what is stored)"
        )


def test_zero_width_space_message() -> None:
    _, problems = scan('a = "x\u200by"\n')
    assert problems[0].message.startswith("invisible character U+200B ZERO WIDTH SPACE; remove it")


def test_byte_order_mark_inside_file_is_disguising() -> None:
    _, problems = scan_bytes(PATH, b"\xef\xbb\xbfa = 1\n\xef\xbb\xbfb = 2\n")
    assert codes(problems) == ["E102", "E105"]
    assert positions(problems, "E105") == [(2, 1)]


def test_every_disguising_character_on_a_line_is_reported() -> None:
    _, problems = scan('a = "\u202eabc\u202c"\n')
    assert positions(problems, "E105") == [(1, 6), (1, 10)]


def test_visible_japanese_is_fine() -> None:
    source = 'name = "葛城市 — ①〜③ “引用” …"\n'
    assert scan(source) == (source, [])


def test_variation_selectors_are_reported() -> None:
    """Issue 8: a variation selector renders as nothing of its own — 葛󠄀城市 and 葛城市 look alike in
    a review — so it is E105 like every default-ignorable character, an ideographic one included."""
    _, problems = scan('name = "葛\U000e0100城市"\nmark = "✔\ufe0f"\n')
    assert positions(problems, "E105") == [(1, 10), (2, 10)]
    assert "U+E0100 VARIATION SELECTOR-17" in problems[0].message


# -- E106 control characters ------------------------------------------------------------------


def test_control_characters_are_reported_with_names() -> None:
    cases = {
        "\x00": "U+0000 NULL",
        "\x07": "U+0007 BELL",
        "\x08": "U+0008 BACKSPACE",
        "\x0b": "U+000B LINE TABULATION",
        "\x0c": "U+000C FORM FEED",
        "\x1b": "U+001B ESCAPE",
        "\x7f": "U+007F DELETE",
        "\x85": "U+0085",
        "\x9f": "U+009F",
    }
    for char, label in cases.items():
        source = f"a = 1\nb = \"x{char}\"\n"
        text, problems = scan(source)
        assert text == source, repr(char)
        assert codes(problems) == ["E106"], repr(char)
        assert positions(problems, "E106") == [(2, 7)], repr(char)
        assert problems[0].message.startswith(f"control character {label}"), repr(char)


def test_tab_and_newline_are_not_control_problems() -> None:
    source = 'a\t=\t"x\ty"\n'
    assert scan(source) == (source, [])


def test_control_and_disguising_on_same_line() -> None:
    _, problems = scan('a = "\x07\u200b"\n')
    assert sorted(codes(problems)) == ["E105", "E106"]
    assert positions(problems, "E106") == [(1, 6)]
    assert positions(problems, "E105") == [(1, 7)]


# -- E107 comments ----------------------------------------------------------------------------


def test_full_line_and_trailing_comments() -> None:
    source = "# header\na = 1\nb = 2  # why\n    # indented\n"
    text, problems = scan(source)
    assert text == source
    assert codes(problems) == ["E107"] * 3
    assert positions(problems, "E107") == [(1, 1), (3, 8), (4, 5)]
    assert problems[0].message == (
        'comments are not data and a save would drop them; move the text into a note = "…" field'
    )


def test_hash_inside_strings_is_not_a_comment() -> None:
    source = (
        'url = "https://example.jp/#top"\n'
        "lit = 'C:#path'\n"
        'esc = "quote \\" # still inside"\n'
        "\"key#1\" = 1\n"
        "'key#2' = 2\n"
        'arr = [\n'
        '    "a#b",\n'
        "    'c#d',\n"
        "]\n"
        'inline = { x = "#", y = \'#\' }\n'
        'back = "\\\\"\n'
    )
    text, problems = scan(source)
    assert problems == []
    assert text == source
    assert tomli.loads(source)["url"] == "https://example.jp/#top"


def test_hash_inside_multiline_strings_is_not_a_comment() -> None:
    source = (
        'basic = """\n'
        "# not a comment\n"
        'a "quoted" line # either\n'
        'escaped \\""" # still inside\n'
        '"""\n'
        "literal = '''\n"
        "# not a comment\n"
        "'' # two quotes do not close\n"
        "'''\n"
        'one = """# on one line"""\n'
        "two = '''# on one line'''\n"
    )
    text, problems = scan(source)
    assert problems == []
    assert text == source
    assert tomli.loads(source)["basic"].startswith("# not a comment")


def test_comment_after_multiline_string_closes() -> None:
    source = 'note = """\nline\n"""  # after\nlit = \'\'\'\nx\n\'\'\' # also\n'
    _, problems = scan(source)
    assert positions(problems, "E107") == [(3, 6), (6, 5)]


def test_multiline_string_closing_with_extra_quotes() -> None:
    source = 'a = """x""""  # c1\nb = \'\'\'y\'\'\'\'\' # c2\n'
    assert tomli.loads(source) == {"a": 'x"', "b": "y''"}
    _, problems = scan(source)
    assert positions(problems, "E107") == [(1, 15), (2, 15)]


def test_escaped_backslash_before_closing_quote() -> None:
    source = 'a = "x\\\\" # c\nb = """y\\\\""" # d\n'
    assert tomli.loads(source) == {"a": "x\\", "b": "y\\"}
    _, problems = scan(source)
    assert positions(problems, "E107") == [(1, 11), (2, 15)]


def test_comment_inside_multiline_array() -> None:
    source = 'by = [\n    "okamura", # the leader\n    # "saito",\n]\n'
    _, problems = scan(source)
    assert positions(problems, "E107") == [(2, 16), (3, 5)]


def test_comment_column_counts_characters() -> None:
    _, problems = scan('name = "深谷市" # 埼玉県\n')
    assert positions(problems, "E107") == [(1, 14)]


def test_repeated_problems_are_capped() -> None:
    source = "".join(f"k{i} = {i} # c\n" for i in range(25))
    text, problems = scan(source)
    assert text == source
    assert len(problems) == textscan.MAX_REPEATS + 1
    assert positions(problems, "E107")[:2] == [(1, 8), (2, 8)]
    last = problems[-1]
    assert last.code == "E107"
    assert (last.line, last.col) == (21, 10)
    assert last.message == "… and 5 more like this in this file"


def test_caps_are_per_code() -> None:
    source = "".join(f'k{i} = "\u200b\x07" # c\n' for i in range(30))
    _, problems = scan(source)
    for code in ("E105", "E106", "E107"):
        assert codes(problems).count(code) == textscan.MAX_REPEATS + 1


def test_all_text_problems_are_collected_and_text_returned() -> None:
    source = 'a = "\u202e" # c\nb = "\x07"\n'
    text, problems = scan(source)
    assert text == source
    assert sorted(codes(problems)) == ["E105", "E106", "E107"]


# -- properties -------------------------------------------------------------------------------

_TEXT = st.lists(
    st.sampled_from([*"ab #'\"\\\n\t=[]{}.,深谷市「」…", '"""', "'''", "# x\n", "[fake]\n"]),
    max_size=20,
).map("".join)
_KEYS = st.text(alphabet=st.sampled_from(list("ab-_1 #'.深")), min_size=1, max_size=6)
_SCALARS = st.one_of(st.integers(), st.booleans(), _TEXT)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(_KEYS, children, max_size=3),
    ),
    max_leaves=12,
)
_DOCS = st.dictionaries(_KEYS, _VALUES, max_size=5)


@settings(max_examples=examples(300), deadline=None)
@given(_DOCS, st.booleans())
def test_documents_written_by_tomli_w_have_no_problems(doc: dict, multiline: bool) -> None:
    source = tomli_w.dumps(doc, multiline_strings=multiline)
    assert tomli.loads(source) == doc
    assert scan(source) == (source, [])


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_problems_not_exceptions(raw: bytes) -> None:
    text, problems = scan_bytes(PATH, raw)
    for problem in problems:
        assert problem.code in CODES
        assert problem.path == PATH
        assert problem.line is None or problem.line >= 1
        assert problem.col is None or problem.col >= 1
    if text is not None:
        assert text == raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")


def test_a_line_of_equals_signs_alone_is_not_a_conflict() -> None:
    raw = b'note = """\nHeading\n=======\nbody"""\n'
    text, problems = scan_bytes("x.toml", raw)
    assert text is not None
    assert [p.code for p in problems] == []
