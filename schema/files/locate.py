"""Key path → (line, column) in TOML text, for pointing problems at the right place.

Pydantic errors and the project's checks speak of key paths such as
`("agenda", 3, "topics", 0, "answers", 1, "by", 0)`. `KeyLocator` scans the text once with a small
tolerant lexer (no full parse, never raises) and records where every table, key, value and array
element starts. Lines and columns are 1-based; columns count characters.

A problem with a value is placed at the value (`nearest(path, value=True)`: `theme = "dx-talant"`
→ the column of `"dx-talant"`), one with a key at the key (an unknown field).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

PathElement = str | int
KeyPath = tuple[PathElement, ...]
"""A place in a file as keys and list indices: ("agenda", 4, "topics", 0, "theme")."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# The common case, `key = `, read in one step.
_SIMPLE_KEY = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*")
_SPACE = re.compile(r"[ \t]*")
# Whitespace, newlines and comments between values of a multi-line array or inline table.
_GAP = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BASIC_STRING = re.compile(r'"(?:[^"\\\n]++|\\.)*+"')
_LITERAL_STRING = re.compile(r"'[^'\n]*'")
_ML_BASIC_STRING = re.compile(r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""(?:"{1,2}(?!"))?')
_ML_LITERAL_STRING = re.compile(r"'''(?:[^']++|'(?!''))*+'''(?:'{1,2}(?!'))?")
# A scalar that is not a string: number, boolean, date or time (which may contain one space).
_SCALAR = re.compile(r"[^,\]}#\s]+(?: [0-9][^,\]}#\s]*)?")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))")
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b",
                   '"': '"', "\\": "\\"}

# How many unknown path elements (a discriminated union's tag, a union member's name) may be
# skipped in a row when the element after them exists.
_MAX_SKIP = 2


def dotted(keypath: Sequence[PathElement]) -> str:
    """A key path as a person reads it, positions counted from 1 as `daicho show` and the terminal
    UI number items: ("agenda", 4, "topics", 0, "theme") → agenda[5].topics[1].theme."""
    out = ""
    for part in keypath:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class KeyLocator:
    """Where the keys, tables and array elements of one TOML text start."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._index: dict[KeyPath, int] | None = None
        self._values: dict[KeyPath, int] | None = None
        self._line_starts: list[int] = []
        self._sorted: list[tuple[int, int, KeyPath]] | None = None

    def find(self, path: Sequence[PathElement]) -> tuple[int, int] | None:
        """Exact position (line, col; 1-based, col of the key's first char or the table header's
        '[') or None.

        Path elements that do not exist at their level are skipped when the next one does (Pydantic
        puts a discriminated union's tag into its locations).
        """
        found, matched_all = self._walk(path)
        if not matched_all or not found:
            return None
        return self._position(self._offsets()[found])

    def nearest(self, path: Sequence[PathElement], value: bool = False) -> tuple[int, int]:
        """Position of the longest prefix of path that exists; (1, 1) when none does. With
        `value`, where the whole path exists and is a key with a value, the value's position."""
        found, matched_all = self._walk(path)
        if not found:
            return (1, 1)
        offsets = self._offsets()
        if value and matched_all and self._values is not None and found in self._values:
            return self._position(self._values[found])
        return self._position(offsets[found])

    def path_at(self, line: int, col: int = 1) -> KeyPath:
        """The innermost key, table or array element that starts at or before a 1-based line and
        column: what a problem at that place is about (() before the first key)."""
        offsets = self._offsets()
        if not 1 <= line <= len(self._line_starts):
            return ()
        target = self._line_starts[line - 1] + max(col, 1) - 1
        if self._sorted is None:
            self._sorted = sorted(((offset, len(path), path) for path, offset in offsets.items()),
                                  key=lambda item: (item[0], item[1]))
        position = bisect_right(self._sorted, (target, 1 << 30), key=lambda item: (item[0], item[1]))
        return self._sorted[position - 1][2] if position else ()

    def keys_at_line(self, line: int) -> list[KeyPath]:
        """The paths that start on a 1-based line, in the order they appear."""
        return [path for path, start in self.first_lines() if start == line]

    def first_lines(self) -> list[tuple[KeyPath, int]]:
        """Every path with the 1-based line it starts on, in the order they appear (one pass)."""
        offsets = self._offsets()
        return [(path, bisect_right(self._line_starts, offset)) for path, offset in offsets.items()]

    def _walk(self, path: Sequence[PathElement]) -> tuple[KeyPath, bool]:
        """The longest existing path that `path` leads to, and whether every element was used."""
        index = self._offsets()
        current: KeyPath = ()
        i = 0
        while i < len(path):
            step = _lookup(index, current, path[i])
            if step is not None:
                current = step
                i += 1
                continue
            skipped = _skip_unknown(index, current, path, i)
            if skipped is None:
                return current, False
            current, i = skipped
        return current, True

    def _offsets(self) -> dict[KeyPath, int]:
        if self._index is None:
            scanner = _Scanner(self._text)
            self._index = scanner.scan()
            self._values = scanner.values
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self._text))]
        return self._index

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


def _lookup(index: dict[KeyPath, int], current: KeyPath, element: PathElement) -> KeyPath | None:
    """`current + (element,)` if it exists, also trying "1" for 1 and 1 for "1"."""
    for candidate in _spellings(element):
        step = (*current, candidate)
        if step in index:
            return step
    return None


def _spellings(element: PathElement) -> tuple[PathElement, ...]:
    if isinstance(element, int):
        return (element, str(element))
    if element.isdigit():
        return (element, int(element))
    return (element,)


def _skip_unknown(
    index: dict[KeyPath, int], current: KeyPath, path: Sequence[PathElement], i: int
) -> tuple[KeyPath, int] | None:
    """Skip up to _MAX_SKIP unknown elements from path[i] when the element after them exists."""
    for skip in range(1, _MAX_SKIP + 1):
        if i + skip >= len(path):
            return None
        step = _lookup(index, current, path[i + skip])
        if step is not None:
            return step, i + skip + 1
    return None


class _Scanner:
    """One tolerant pass over the text, recording the offset where each path starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.index: dict[KeyPath, int] = {}
        self.values: dict[KeyPath, int] = {}
        """Key path → where its value starts, for keys with a value (not tables)."""
        # Arrays of tables: path → number of elements so far.
        self.aot_counts: dict[KeyPath, int] = {}

    def scan(self) -> dict[KeyPath, int]:
        table: KeyPath = ()
        text = self.text
        while self.pos < len(text):
            self._skip_gap()
            if self.pos >= len(text):
                break
            start = self.pos
            try:
                if text.startswith("[[", start):
                    table = self._header(array=True) or table
                elif text[start] == "[":
                    table = self._header(array=False) or table
                else:
                    self._key_value(table)
            except RecursionError:  # values nested deeper than this stack allows: the rest of the line
                self.pos = start
            if self.pos == start:  # nothing understood: give up on this line
                self._skip_line()
        return self.index

    # -- lines ---------------------------------------------------------------------------------

    def _skip_gap(self) -> None:
        self.pos = _end(_GAP.match(self.text, self.pos), self.pos)

    def _skip_space(self) -> None:
        self.pos = _end(_SPACE.match(self.text, self.pos), self.pos)

    def _skip_line(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end + 1

    def _record(self, path: KeyPath, offset: int) -> None:
        self.index.setdefault(path, offset)

    # -- headers and keys ----------------------------------------------------------------------

    def _header(self, *, array: bool) -> KeyPath | None:
        """Read `[a.b]` or `[[a.b]]`; return the table it opens (with array indices)."""
        start = self.pos
        self.pos += 2 if array else 1
        self._skip_space()
        parts = self._key()
        closing = "]]" if array else "]"
        self._skip_space()
        if parts is None or not self.text.startswith(closing, self.pos):
            self._skip_line()
            return None
        self.pos += len(closing)
        self._skip_line()
        names = [name for name, _ in parts]
        parent = self._resolve(names[:-1], start)
        table = (*parent, names[-1])
        if array:
            self._record(table, start)
            count = self.aot_counts.get(table, 0)
            self.aot_counts[table] = count + 1
            table = (*table, count)
        self._record(table, start)
        return table

    def _resolve(self, names: list[str], offset: int) -> KeyPath:
        """A header's parent path, with the latest index of every array of tables on the way."""
        path: KeyPath = ()
        for name in names:
            path = (*path, name)
            self._record(path, offset)
            count = self.aot_counts.get(path)
            if count is not None:
                path = (*path, count - 1)
        return path

    def _key(self) -> list[tuple[str, int]] | None:
        """A dotted key: its parts, each with the offset where it starts."""
        parts: list[tuple[str, int]] = []
        while True:
            self._skip_space()
            part = self._key_part()
            if part is None:
                return None
            parts.append(part)
            self._skip_space()
            if not self.text.startswith(".", self.pos):
                return parts
            self.pos += 1

    def _key_part(self) -> tuple[str, int] | None:
        start = self.pos
        text = self.text
        if text.startswith('"', start):
            match = _BASIC_STRING.match(text, start)
            if match is None:
                return None
            self.pos = match.end()
            return _unescape(match.group()[1:-1]), start
        matcher = _LITERAL_STRING if text.startswith("'", start) else _BARE_KEY
        match = matcher.match(text, start)
        if match is None:
            return None
        self.pos = match.end()
        name = match.group()
        return (name[1:-1] if name.startswith("'") else name), start

    def _key_value(self, table: KeyPath) -> None:
        """Read `key = value` (the value may span lines) and record the key under `table`."""
        simple = _SIMPLE_KEY.match(self.text, self.pos)
        if simple is not None:
            path: KeyPath = (*table, simple.group(1))
            self._record(path, self.pos)
            self.pos = simple.end()
            self._value(path)
            self._skip_line()
            return
        dotted_path = self._dotted_key(table)
        if dotted_path is None or not self.text.startswith("=", self.pos):
            self._skip_line()
            return
        self.pos += 1
        self._skip_space()
        self._value(dotted_path)
        self._skip_line()

    def _dotted_key(self, table: KeyPath) -> KeyPath | None:
        parts = self._key()
        if parts is None:
            return None
        path = table
        for name, offset in parts:
            path = (*path, name)
            self._record(path, offset)
        self._skip_space()
        return path

    # -- values --------------------------------------------------------------------------------

    def _value(self, path: KeyPath) -> None:
        text = self.text
        start = self.pos
        if start >= len(text):
            return
        self.values.setdefault(path, start)
        char = text[start]
        if char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        else:
            matcher = _string_matcher(text, start) or _SCALAR
            match = matcher.match(text, start)
            if match is not None:
                self.pos = match.end()

    def _array(self, path: KeyPath) -> None:
        self.pos += 1
        element = 0
        while True:
            self._skip_gap()
            if self.pos >= len(self.text) or self.text[self.pos] == "]":
                self.pos += 1
                return
            start = self.pos
            self._record((*path, element), start)
            self._value((*path, element))
            self._skip_gap()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                element += 1
            elif self.pos == start or not self.text.startswith("]", self.pos):
                return  # not an array after all: let the caller skip the line

    def _inline_table(self, path: KeyPath) -> None:
        self.pos += 1
        while True:
            self._skip_gap()
            if self.pos >= len(self.text) or self.text[self.pos] == "}":
                self.pos += 1
                return
            key = self._dotted_key(path)
            if key is None or not self.text.startswith("=", self.pos):
                return
            self.pos += 1
            self._skip_space()
            self._value(key)
            self._skip_gap()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif not self.text.startswith("}", self.pos):
                return


def _end(match: re.Match[str] | None, pos: int) -> int:
    """Where a pattern that always matches (it may match nothing) ended."""
    return match.end() if match is not None else pos


def _string_matcher(text: str, start: int) -> re.Pattern[str] | None:
    if text.startswith('"""', start):
        return _ML_BASIC_STRING
    if text.startswith("'''", start):
        return _ML_LITERAL_STRING
    if text.startswith('"', start):
        return _BASIC_STRING
    if text.startswith("'", start):
        return _LITERAL_STRING
    return None


def _unescape(body: str) -> str:
    """The value of a basic string's body (escapes that are not TOML are kept as written)."""
    if "\\" not in body:
        return body

    def replace(match: re.Match[str]) -> str:
        digits = match.group(1) or match.group(2) or match.group(3)
        if digits is not None:
            try:
                return chr(int(digits, 16))
            except ValueError:
                return match.group()
        return _SIMPLE_ESCAPES.get(match.group(4), match.group())

    return _ESCAPE.sub(replace, body)
