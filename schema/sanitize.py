"""Text from records and file names, made safe to show: everything daicho prints to a terminal,
writes into a job summary or draws in the terminal UI goes through here.

A record (or a file name) can hold characters that a terminal obeys rather than shows — an escape
sequence that sets the window title or the colours, a carriage return that draws over a line —
and characters that show nothing at all. `printable` writes each of them as a visible escape, as
TOML would (`\\u001b`); a byte of a file name that is not UTF-8 (kept by Python as a lone
surrogate) becomes `\\xff`. Nothing else changes, so clean text is shown as it is.
"""

from __future__ import annotations

import re

from schema.invisible import DISGUISING

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


def markdown_code(text: str) -> str:
    """`text` as a Markdown code span for a table cell: shown as written, never as a link, an
    image or HTML, and unable to end the cell or the row."""
    text = printable(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
