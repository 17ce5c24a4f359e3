"""The syntax TOML 1.1 added, which data files must not hold: they are TOML 1.0.

Both parsers daicho uses (tomli 2.5, rtoml 0.14) read TOML 1.1, while the editors' taplo and
Python 3.11's tomllib read TOML 1.0 and refuse a file that uses what 1.1 added, so such a file
would break every other reader of the records. `first_toml11(text)` finds, in a text that parsed,
the first of:

- a line break inside an inline table (`{ a = 1,⏎ b = 2 }`; a comment there needs one too),
- a trailing comma in an inline table (`{ a = 1, }`),
- the escapes `\\xHH` and `\\e` in a basic string,
- a local time, or the time of a date-time, without seconds (`13:30`, `2022-10-05T13:30`).

It is cheap where none is there, as in every file daicho writes: a few scans at C speed look for a
candidate (`\\x` or `\\e` anywhere, a `{` anywhere, a time of two parts after `=`, `[` or `,`), and
only a text with one is lexed — its strings and comments found — to see whether the candidate is
syntax or text inside a string.
"""

from __future__ import annotations

import bisect
import re

from schema.files.textscan import BASIC_REST, NORMAL_TOKEN, skip_extra_quotes

LINE_BREAK = "Line break inside an inline table (TOML 1.1 allows it; data files are TOML 1.0)"
TRAILING_COMMA = "Trailing comma in an inline table (TOML 1.1 allows it; data files are TOML 1.0)"
HEX_ESCAPE = "Escape \\x (TOML 1.1 only; data files are TOML 1.0: write \\u00XX)"
ESC_ESCAPE = "Escape \\e (TOML 1.1 only; data files are TOML 1.0: write \\u001B)"
SHORT_TIME = "Time without seconds (TOML 1.1 only; data files are TOML 1.0: write 13:30:00)"
MESSAGES = (LINE_BREAK, TRAILING_COMMA, HEX_ESCAPE, ESC_ESCAPE, SHORT_TIME)
"""The messages of what this finds (the parser's words of E109; schema.load.errors gives them a hint)."""

_TIME_SCREEN = re.compile(r":(?<=[^:\d]\d\d:)\d\d(?![:\d])")
"""HH:MM not followed by seconds; starts with a literal, so the scan skips from colon to colon."""
_VALUE_BEFORE = re.compile(r"(?:^|[=\[,])[ \t]*(?:\d{4}-\d\d-\d\d[Tt ])?\Z", re.MULTILINE)
"""What comes before a time that is a value: `=`, `[` or `,` (or a line of an array), and its date."""
_ML_BASIC_REST = re.compile(r'(?:[^"\\]++|\\.|"(?!""))*+"""', re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_INLINE_TOKEN = re.compile(r"[{}\[\],\n]")
_CLOSING = re.compile(r"[ \t]*\}")

Span = tuple[int, int, str]
"""(start, end, kind) of a string or a comment: kind is the opening quote, or "#"."""


def first_toml11(text: str) -> tuple[str, int] | None:
    """(message, offset) of the first syntax of TOML 1.1 in `text` (a text that parsed), or None."""
    escapes = "\\" in text and ("\\x" in text or "\\e" in text)  # one character is the fastest search
    braces = "{" in text
    times = [m.start() - 2 for m in _TIME_SCREEN.finditer(text)
             if _VALUE_BEFORE.search(text, max(0, m.start() - 40), m.start() - 2)]
    if not (escapes or braces or times):
        return None
    spans = _spans(text)
    starts = [span[0] for span in spans]
    found: list[tuple[int, str]] = []
    if escapes:
        found += _escapes(text, spans)
    if braces:
        found += _inline_tables(text, spans, starts)
    found += [(at, SHORT_TIME) for at in times if _inside(spans, starts, at) is None]
    if not found:
        return None
    at, message = min(found)
    return message, at


def _spans(text: str) -> list[Span]:
    """Every string and comment of a TOML text, in order."""
    spans: list[Span] = []
    pos = 0
    while (match := NORMAL_TOKEN.search(text, pos)) is not None:
        token, start = match.group(), match.start()
        if token == "#":
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
        elif token == '"""':
            rest = _ML_BASIC_REST.match(text, start + 3)
            end = skip_extra_quotes(text, rest.end() if rest else len(text), '"')
        elif token == "'''":
            close = text.find("'''", start + 3)
            end = skip_extra_quotes(text, close + 3 if close >= 0 else len(text), "'")
        elif token == '"':
            rest = BASIC_REST.match(text, start + 1)
            end = rest.end() if rest else len(text)
        else:
            close = text.find("'", start + 1)
            end = close + 1 if close >= 0 else len(text)
        spans.append((start, end, token))
        pos = end
    return spans


def _inside(spans: list[Span], starts: list[int], at: int) -> Span | None:
    """The string or comment that holds offset `at`, if any."""
    n = bisect.bisect_right(starts, at) - 1
    if n >= 0 and at < spans[n][1]:
        return spans[n]
    return None


def _escapes(text: str, spans: list[Span]) -> list[tuple[int, str]]:
    found = []
    for start, end, kind in spans:
        if kind not in ('"', '"""'):
            continue
        body = text[start:end]
        if "\\x" not in body and "\\e" not in body:
            continue
        for match in _ESCAPE.finditer(text, start, end):
            if match.group(1) in "xe":
                found.append((match.start(), HEX_ESCAPE if match.group(1) == "x" else ESC_ESCAPE))
                break
    return found


def _inline_tables(text: str, spans: list[Span], starts: list[int]) -> list[tuple[int, str]]:
    """Line breaks and trailing commas at the level of an inline table (an array inside one may
    span lines, and end with a comma, in TOML 1.0 too)."""
    found = []
    pos = 0
    while (brace := text.find("{", pos)) >= 0:
        span = _inside(spans, starts, brace)
        if span is not None:
            pos = span[1]
            continue
        stack: list[str] = []
        at = brace
        while (match := _INLINE_TOKEN.search(text, at)) is not None:
            at = match.end()
            span = _inside(spans, starts, match.start())
            if span is not None:
                at = span[1]
                continue
            token = match.group()
            if token in "{[":
                stack.append(token)
            elif token in "}]":
                if stack:
                    stack.pop()
                if not stack:
                    break
            elif stack[-1] == "{" and token == "\n":
                found.append((match.start(), LINE_BREAK))
                return found
            elif stack[-1] == "{" and token == "," and _CLOSING.match(text, at):
                found.append((match.start(), TRAILING_COMMA))
                return found
        pos = at
    return found
