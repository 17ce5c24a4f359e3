"""Text from records and file names, made safe to show: everything daicho prints to a terminal,
writes into a job summary or draws in the terminal UI goes through here.

A record (or a file name) can hold characters that a terminal obeys rather than shows — an escape
sequence that sets the window title or the colours, a carriage return that draws over a line —
and characters that show nothing at all. `printable` writes each of them as a visible escape, as
TOML would (`\\u001b`); a byte of a file name that is not UTF-8 (kept by Python as a lone
surrogate) becomes `\\xff`. Nothing else changes, so clean text is shown as it is.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from schema.words.invisible import DISGUISING

# Controls (C0, DEL, C1), the invisible characters of E105, and lone surrogates (bytes of a file
# name that are not UTF-8); tab stays, newline only where the text may span lines.
_ONE_LINE = re.compile(f"[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f{DISGUISING}\\ud800-\\udfff]")
_MULTILINE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{DISGUISING}\\ud800-\\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\b": "\\b", "\f": "\\f"}

MAX_SHOWN = 80
"""Characters of a value from a file that a message quotes; the rest is cut (…)."""


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte of a name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return _SHORT.get(char) or (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with every control, invisible character and stray surrogate written as an escape;
    line breaks are kept where `multiline`, else written as `\\n`."""
    pattern = _MULTILINE if multiline else _ONE_LINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """At most `limit` characters of `text`, cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- Markdown: text that GitHub shows as written

_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>|~#&$@!]|:(?=//)|(?<=[wW]{3})\.")
"""Characters that could start markup — emphasis, a link, an image, HTML, an entity, a code span,
a table cell, strikethrough, a heading, maths (`$…$`) or a mention (`@user`) — and the `:` of
`http://` and the dot of `www.`, which GitHub makes links of."""
_MARKDOWN_LINE_START = re.compile(r"^(?:([ \t])|([-+=])|(\d+)([.)]))", re.MULTILINE)
"""What makes a line a block of its own: an indent (four spaces make code), a list's or a setext
heading's mark, an ordered list's number."""


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


def markdown_text(text: str, *, breaks: str | None = None) -> str:
    """`text` (from a record or a file name) as Markdown that shows it as written, in GitHub's
    flavour too: never a link (bare URLs, `www.`, e-mail addresses and mentions included), an
    image, HTML, maths or code, and no line of it a heading, a list, a quote or a code block.
    Controls and invisible characters are written as escapes first (`printable`); the characters
    that could make markup become numeric character references, which every Markdown reads as the
    character and none as markup. `breaks`: what a line break becomes (`<br>` in a table cell);
    None keeps it."""
    text = _MARKDOWN_SPECIAL.sub(lambda m: _reference(m.group()), printable(text, multiline=True))
    text = _MARKDOWN_LINE_START.sub(_line_start, text)
    return text if breaks is None else text.replace("\n", breaks)


def _line_start(match: re.Match[str]) -> str:
    space, mark, number, after = match.groups()
    if number is not None:
        return f"{number}{_reference(after)}"
    return _reference(space or mark)


def markdown_code(text: str) -> str:
    """`text` as a Markdown code span for a table cell: shown as written, never as a link, an
    image or HTML, and unable to end the cell or the row."""
    text = printable(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# -- JSON: the data as it is, written so that every strict parser reads it and a terminal shows it

_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_HIDDEN = re.compile(f"[\\x7f-\\x9f{DISGUISING}]")
"""What json.dumps writes as it is and a terminal would obey or hide (it escapes C0 itself)."""


def json_text(data: Any) -> str:
    """`data` as JSON (indented, with a final newline) for programs, every string as it is, but:
    DEL, the C1 controls and the invisible characters written as `\\uXXXX` escapes (the same
    string to a parser; nothing a terminal obeys or hides when the JSON is printed), and a lone
    surrogate — a byte of a file name that is not UTF-8, which strict parsers refuse in any form —
    replaced by U+FFFD (`path_fields` gives such a name's bytes)."""
    text = json.dumps(_without_surrogates(data), ensure_ascii=False, indent=2, default=str)
    if _JSON_HIDDEN.search(text) is not None:
        text = _JSON_HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text + "\n"


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_surrogates(v) for v in value]
    return value


def path_fields(path: str | None, key: str = "path") -> dict[str, str | None]:
    """A file name for JSON: `{key: name}`; for a name that is not UTF-8 (Python keeps its bytes
    as lone surrogates), also `{key}_bytes`: the name's bytes in base64 (RFC 4648), the only
    exact form, while `key` holds it with U+FFFD for each byte that is not UTF-8."""
    if path is None or _SURROGATE.search(path) is None:
        return {key: path}
    raw = path.encode("utf-8", "surrogateescape")
    return {key: raw.decode("utf-8", "replace"), f"{key}_bytes": base64.b64encode(raw).decode("ascii")}
