"""Raw text checks that run before TOML parsing.

`scan_bytes` decodes one file and reports what a TOML parser would not: a byte-order mark, bytes
that are not UTF-8, CRLF line endings, merge-conflict markers, characters that can make a review
show something other than what is stored, control characters and comments (which a save drops).

Every check starts with a whole-text screen that runs at C speed; the per-line work only happens
when the screen hits, so a clean file costs a few passes of `str.find`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from schema.words import invisible
from schema.words.messages import Message, say
from schema.words.problems import MAX_REPEATS, Problem, more_like_this

MAX_FILE_BYTES = 5 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"

# Characters that can disguise a change in review (E105): Unicode's default-ignorable characters —
# bidirectional controls, zero-width characters, variation selectors, fillers, tags, the soft hyphen —
# and the few others that render as blank space (see `schema.words.invisible`). The writer escapes the same
# set (`writer.format_string`), so that a file it writes never has them raw.
DISGUISING = invisible.DISGUISING
# C0 controls except tab, LF and CR (CR is E103's business), DEL and the C1 controls.
_CONTROLS = invisible.CONTROLS
_SUSPICIOUS = re.compile(f"[{DISGUISING}{_CONTROLS}]")
_CONTROL = re.compile(f"[{_CONTROLS}]")

# Merge-conflict markers as git writes them, at the start of a line.
_CONFLICT = re.compile(
    r"^(?:<<<<<<<(?: |\r?$)|=======\r?$|>>>>>>>(?: |\r?$)|\|\|\|\|\|\|\|(?: |\r?$))",
    re.MULTILINE,
)

# Tokens that can change the comment/string state of a line.
_COMMENT_RELEVANT = re.compile(r"\"\"\"|'''|#")
# In normal TOML text: the start of a string or a comment.
NORMAL_TOKEN = re.compile(r"\"\"\"|'''|[\"'#]")
# Rest of a one-line basic string after its opening quote, up to and including the closing quote.
BASIC_REST = re.compile(r'(?:[^"\\]++|\\.)*+"')
# Inside a multi-line basic string: an escape or the closing delimiter.
_ML_BASIC_TOKEN = re.compile(r'\\.|"""')

# Names of the C0 controls and DEL, which `unicodedata.name` does not know.
_C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
    "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
    "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
    "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)

_NORMAL, _ML_BASIC, _ML_LITERAL = 0, 1, 2


def scan_bytes(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Decode and check one file's bytes.

    Returns (text or None when it cannot be used, problems). `path` is the repository-relative
    POSIX path used in the problems.
    """
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(path)]
    problems: list[Problem] = []
    if raw.startswith(_BOM):
        problems.append(Problem.of(path, 1, 1, "E102", say("byte_order_mark")))
        raw = raw[len(_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(_not_utf8(path, raw, error.start))
        return None, problems
    usable = True
    if "\r" in text:
        problems.extend(_line_endings(path, text))
    if _may_have_conflict(text):
        conflicts = list(_capped(_conflict_markers(path, text)))
        if conflicts:
            problems.extend(conflicts)
            usable = False
    if _SUSPICIOUS.search(text) is not None:
        problems.extend(_suspicious_characters(path, text))
    # Comments are only meaningful in a file that is otherwise TOML-shaped.
    if usable and "#" in text:
        problems.extend(_capped(_comments(path, text)))
    return (text if usable else None), problems


def _too_large(path: str) -> Problem:
    """Only the first MAX_FILE_BYTES + 1 bytes of a file are read, so its full size is not known."""
    limit = MAX_FILE_BYTES / (1024 * 1024)
    return Problem.of(path, None, None, "E108",
                      say("too_large", megabytes=f"{limit:.3g}", bytes=f"{MAX_FILE_BYTES:,}"))


def _not_utf8(path: str, raw: bytes, start: int) -> Problem:
    """E101 at the line and column (in characters) of the first byte that is not UTF-8."""
    line_start = raw.rfind(b"\n", 0, start) + 1
    line = raw.count(b"\n", 0, line_start) + 1
    # Everything before `start` decoded cleanly, so the prefix of the line decodes too.
    col = len(raw[line_start:start].decode("utf-8")) + 1
    return Problem.of(path, line, col, "E101", say("not_utf8", byte=f"0x{raw[start]:02X}"))


def _line_endings(path: str, text: str) -> list[Problem]:
    """One E103 problem at the first line ending in CR, with the number of such lines."""
    crlf = text.count("\r\n")
    lone = text.count("\r") - crlf
    first = text.find("\r")
    line, col = _position(text, first)
    if crlf and lone:
        what = say("ending_crlf_and_cr", lines=_lines_end(crlf), lone=lone)
    elif crlf:
        what = say("ending_crlf", lines=_lines_end(crlf))
    else:
        what = say("ending_cr", lines=_lines_end(lone))
    return [Problem.of(path, line, col, "E103", say("line_endings", what=what))]


def _lines_end(count: int) -> Message:
    return say("lines_end_one") if count == 1 else say("lines_end", count=count)


def _may_have_conflict(text: str) -> bool:
    return "<<<<<<<" in text or ">>>>>>>" in text


def _conflict_markers(path: str, text: str) -> Iterator[Problem]:
    """Every marker line, but only where git's opening or closing marker is there too: a line of
    seven "=" alone can be a heading underline in a note."""
    matches = list(_CONFLICT.finditer(text))
    if not any(m.group().startswith(("<<<<<<<", ">>>>>>>")) for m in matches):
        return
    lines = _LineCounter(text)
    for match in matches:
        marker = match.group()[:7]
        line = lines.line_of(match.start())
        yield Problem.of(path, line, 1, "E104", say("conflict_marker", marker=marker))


def _suspicious_characters(path: str, text: str) -> list[Problem]:
    """E105 for characters that disguise a change, E106 for control characters."""
    lines = _LineCounter(text)
    hidden: list[Problem] = []
    controls: list[Problem] = []
    for match in _SUSPICIOUS.finditer(text):
        char = match.group()
        line, col = lines.position(match.start())
        label = f"U+{ord(char):04X} {_char_name(char)}"
        if _CONTROL.match(char):
            controls.append(Problem.of(path, line, col, "E106", say("control_character", character=label)))
        else:
            hidden.append(Problem.of(path, line, col, "E105", say("invisible_character", character=label)))
    return [*_capped(iter(hidden)), *_capped(iter(controls))]


def _char_name(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return _C0_NAMES[code]
    if code == 0x7F:
        return "DELETE"
    return unicodedata.name(char, "C1 CONTROL" if code <= 0x9F else "UNNAMED CHARACTER")


def _comments(path: str, text: str) -> Iterator[Problem]:
    """E107 for every comment, tracking strings across lines.

    Only lines with a `#` or a triple quote can change or reveal anything: a multi-line string
    opens and closes on lines with a triple quote, and one-line strings end on their own line.
    So only those lines are lexed, each with the state the previous one left.
    """
    lines = _LineCounter(text)
    state = _NORMAL
    last_line_start = -1
    for match in _COMMENT_RELEVANT.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        if start == last_line_start:
            continue  # this line has been lexed already
        last_line_start = start
        end = text.find("\n", start)
        line_text = text[start:] if end == -1 else text[start:end]
        state, comment_col = _lex_line(line_text, state)
        if comment_col is not None:
            yield Problem.of(path, lines.line_of(start), comment_col, "E107", say("comment"))


def _lex_line(line: str, state: int) -> tuple[int, int | None]:
    """Lex one line from `state`: the state at its end and the 1-based column of a comment."""
    pos = 0
    while True:
        if state == _ML_BASIC:
            pos = _end_of_ml_basic(line, pos)
            if pos < 0:
                return state, None
            state = _NORMAL
        elif state == _ML_LITERAL:
            found = line.find("'''", pos)
            if found < 0:
                return state, None
            pos = skip_extra_quotes(line, found + 3, "'")
            state = _NORMAL
        else:
            match = NORMAL_TOKEN.search(line, pos)
            if match is None:
                return state, None
            token = match.group()
            pos = match.end()
            if token == "#":
                return state, match.start() + 1
            if token == '"""':
                state = _ML_BASIC
            elif token == "'''":
                state = _ML_LITERAL
            else:
                pos = _end_of_string(line, pos, token)
                if pos < 0:
                    return state, None  # unterminated: the parser will say so


def _end_of_ml_basic(line: str, pos: int) -> int:
    """Position after the closing `\"\"\"` of a multi-line basic string, or -1 if not here."""
    for match in _ML_BASIC_TOKEN.finditer(line, pos):
        if match.group() == '"""':
            return skip_extra_quotes(line, match.end(), '"')
    return -1


def skip_extra_quotes(line: str, pos: int, quote: str) -> int:
    """A multi-line string may end with one or two quotes right before its closing delimiter."""
    extra = 0
    while extra < 2 and line.startswith(quote, pos):
        pos += 1
        extra += 1
    return pos


def _end_of_string(line: str, pos: int, quote: str) -> int:
    """Position after the closing quote of a one-line string that opened before `pos`, or -1."""
    if quote == "'":
        found = line.find("'", pos)
        return found + 1 if found >= 0 else -1
    match = BASIC_REST.match(line, pos)
    return match.end() if match is not None else -1


def _capped(problems: Iterator[Problem]) -> Iterator[Problem]:
    """The first MAX_REPEATS problems, then one that counts the rest."""
    kept = 0
    more: Problem | None = None
    extra = 0
    for problem in problems:
        if kept < MAX_REPEATS:
            kept += 1
            yield problem
        else:
            if more is None:
                more = problem
            extra += 1
    if more is not None:
        yield more_like_this(more, extra)


# ---------------------------------------------------------------------------------------------
# Checks on the parsed document


MAX_ENTRIES = 100_000
"""Keys and array elements a file may hold. The largest real file, the nationwide list of local
governments, has about 10,000; a file of hundreds of thousands is an attack on the validator,
whose cost (and the model validator's memory) grows with every entry that is wrong."""

_ENTRY_MARKS = ("=", ",", "[", "{", ".")
"""Every key or array element needs one of these characters: their count bounds the entries."""


def too_many_entries(path: str, text: str, document: dict[str, Any]) -> Problem | None:
    """E108 for a document of more than MAX_ENTRIES keys and array elements (counted only when
    the text could hold that many)."""
    if sum(text.count(mark) for mark in _ENTRY_MARKS) <= MAX_ENTRIES:
        return None
    count = 0
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            count += len(node)
            stack.extend(value for value in node.values() if isinstance(value, dict | list))
        else:
            count += len(node)
            stack.extend(value for value in node if isinstance(value, dict | list))
        if count > MAX_ENTRIES:
            return Problem.of(path, None, None, "E108", say("too_many_entries", limit=f"{MAX_ENTRIES:,}"))
    return None


# An escape that can stand for a control or an invisible character: \uXXXX, \UXXXXXXXX, \xHH,
# \b, \f, \r, \e. Without one, every character of every string is in the text as it is, and
# `scan_bytes` has seen it.
_CHARACTER_ESCAPE = re.compile(r"\\[uUxbfre]")
_VALUE_SUSPICIOUS = re.compile(f"[{DISGUISING}{invisible.VALUE_CONTROLS}]")

KeyPath = tuple[str | int, ...]


def escaped_character_problems(path: str, text: str, document: dict[str, Any],
                               position: Callable[[KeyPath], tuple[int, int]],
                               key_position: Callable[[KeyPath], tuple[int, int]] | None = None) -> list[Problem]:
    """E105 and E106 for the characters that strings and keys hold once their escapes are read
    (`"\\u001b]0;…"` sets a terminal's title as surely as the raw bytes do), but not written as they
    are — `scan_bytes` reports those. Tab and newline are text. Each is reported where its value or
    array element is (at the key, `key_position`, where the key holds it); at most MAX_REPEATS of a
    code are located, one more problem counts the rest."""
    if _CHARACTER_ESCAPE.search(text) is None:
        return []
    raw: set[str] | None = None
    found: dict[str, list[tuple[KeyPath, str, bool]]] = {"E105": [], "E106": []}
    stack: list[tuple[KeyPath, Any]] = [((), document)]
    while stack:
        keypath, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        nested = []
        for key, value in items:
            strings = [(key, True)] if isinstance(key, str) else []
            if isinstance(value, str):
                strings.append((value, False))
            elif isinstance(value, dict | list):
                nested.append(((*keypath, key), value))
            for string, in_key in strings:
                if _VALUE_SUSPICIOUS.search(string) is None:
                    continue
                if raw is None:
                    raw = set(_VALUE_SUSPICIOUS.findall(text))
                for char in dict.fromkeys(_VALUE_SUSPICIOUS.findall(string)):
                    if char not in raw:  # a character in the text as it is: scan_bytes reports it
                        code = "E106" if _VALUE_CONTROL.match(char) else "E105"
                        found[code].append(((*keypath, key), char, in_key))
        stack.extend(reversed(nested))  # in the order of the document
    problems: list[Problem] = []
    for code, places in found.items():
        located = []
        for keypath, char, in_key in places[: MAX_REPEATS + 1]:
            line, col = (key_position or position)(keypath) if in_key else position(keypath)
            located.append(Problem.of(path, line, col, code, _escaped_message(code, char)))
        problems.extend(located[:MAX_REPEATS])
        if len(places) > MAX_REPEATS:
            problems.append(more_like_this(located[MAX_REPEATS], len(places) - MAX_REPEATS))
    return problems


def _escaped_message(code: str, char: str) -> Message:
    label = f"U+{ord(char):04X} {_char_name(char)}"
    if code == "E106":
        return say("escaped_control_character", character=label)
    return say("escaped_invisible_character", character=label)


_VALUE_CONTROL = re.compile(f"[{invisible.VALUE_CONTROLS}]")


class _LineCounter:
    """Line numbers for increasing offsets, counting newlines only once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def line_of(self, offset: int) -> int:
        if offset < self._offset:  # not increasing: count from the start again
            self._offset, self._line = 0, 1
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line

    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self._text.rfind("\n", 0, offset)


def _position(text: str, offset: int) -> tuple[int, int]:
    return _LineCounter(text).position(offset)
