"""Parsing the TOML text of a data file: rtoml when it accepts the text, tomli otherwise.

Parsing is about half of what checking a file costs, and every file is parsed on a cold validate,
an export and a first load of the terminal UI. rtoml (a Rust parser) parses the repository's files
about 3.5 times faster than tomli. tomli stays the reference:

- a text that rtoml refuses, for whatever reason, is parsed again by tomli, whose result or error
  (message, line and column: schema.load.errors) is the one used — rtoml's own errors never reach a
  message, and a value rtoml cannot hold (an integer beyond 64 bits, a float that overflows) comes
  from tomli;
- a text that may hold an offset date-time (rtoml gives it a time zone that cannot be pickled
  into a pool's results) or that starts with a byte-order mark (which rtoml skips and TOML does not
  allow) goes to tomli directly;
- without rtoml (a platform it has no wheel for), tomli parses everything, only slower.

tests/schema/files/test_tomlparse.py holds the two to the same values and the same verdicts on every
shipped, fixture and generated document and on the edge cases of the TOML grammar.

Both read TOML 1.1, and data files are TOML 1.0 (what editors and Python 3.11's tomllib read): a
text that uses what 1.1 added is refused here as either parser refuses a syntax error, with its
position (`schema.files.toml10`).
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

import tomli

from schema.files.toml10 import first_toml11

rtoml: ModuleType | None
try:
    import rtoml
except ImportError:  # pragma: no cover - every platform daicho is tested on has the wheel
    rtoml = None

TOMLDecodeError = tomli.TOMLDecodeError
"""The error of a text that is not TOML (tomli's: it has the line and column)."""

_OFFSET = re.compile(r":\d\d(?::\d\d)?(?:\.\d+)?[Zz+-]")
"""A time followed by an offset: an offset date-time, as far as a scan can tell (a false alarm only
costs tomli's speed). It starts with a literal, so the search skips from colon to colon (~3 µs for a
meeting file)."""


def loads(text: str) -> dict[str, Any]:
    """The document, as tomli gives it. Raises TOMLDecodeError (and, for text nested too deep or
    an integer too long to convert, ValueError or RecursionError) as tomli does; TOMLDecodeError
    too, with its position, for syntax that TOML 1.1 added."""
    document = _parse(text)
    found = first_toml11(text)
    if found is not None:
        message, offset = found
        raise TOMLDecodeError(message, text, offset)
    return document


def _parse(text: str) -> dict[str, Any]:
    if rtoml is not None and not text.startswith("\ufeff") and _OFFSET.search(text) is None:
        try:
            document: dict[str, Any] = rtoml.loads(text)
            return document
        except Exception:
            pass
    return tomli.loads(text)
