"""Character-level differences of two texts, and element-level differences of two lists of values.

Japanese has no spaces between words, so a word diff is a line diff; these segments mark the
characters that changed and keep the rest of the text whole around them.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Literal

Op = Literal["=", "-", "+"]
Segment = tuple[Op, str]
"""("=", kept text), ("-", removed text) or ("+", added text), in reading order."""

MAX_CHARS = 20_000
"""Longer texts are compared as wholes (the character diff is quadratic in the worst case)."""
SHORT_KEEP = 1
"""A kept run this short between two changes is folded into them, so that "目標" → "目的を" reads as
one change rather than several one-character ones."""


def char_segments(old: str, new: str) -> tuple[Segment, ...]:
    """The segments that turn `old` into `new`, character by character."""
    if old == new:
        return (("=", old),) if old else ()
    if len(old) > MAX_CHARS or len(new) > MAX_CHARS:
        return _whole(old, new)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(("=", old[i1:i2]))
            continue
        if i2 > i1:
            raw.append(("-", old[i1:i2]))
        if j2 > j1:
            raw.append(("+", new[j1:j2]))
    return _fold(raw)


def item_segments(old: Sequence[str], new: Sequence[str]) -> tuple[Segment, ...]:
    """The segments that turn one list of (shown) values into another, element by element."""
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(("=", value) for value in old[i1:i2])
            continue
        out.extend(("-", value) for value in old[i1:i2])
        out.extend(("+", value) for value in new[j1:j2])
    return tuple(out)


def _whole(old: str, new: str) -> tuple[Segment, ...]:
    return tuple(seg for seg in (("-", old), ("+", new)) if seg[1])


def _fold(raw: list[Segment]) -> tuple[Segment, ...]:
    """Fold short kept runs between changes into the changes; one removal then one addition per run."""
    out: list[Segment] = []
    removed: list[str] = []
    added: list[str] = []

    def flush() -> None:
        if removed:
            out.append(("-", "".join(removed)))
        if added:
            out.append(("+", "".join(added)))
        removed.clear()
        added.clear()

    for n, (op, text) in enumerate(raw):
        if op == "-":
            removed.append(text)
        elif op == "+":
            added.append(text)
        else:
            between = (removed or added) and n + 1 < len(raw) and len(text) <= SHORT_KEEP
            if between:
                removed.append(text)
                added.append(text)
                continue
            flush()
            out.append(("=", text))
    flush()
    return tuple(out)


def old_text(segments: Sequence[Segment]) -> str:
    return "".join(text for op, text in segments if op != "+")


def new_text(segments: Sequence[Segment]) -> str:
    return "".join(text for op, text in segments if op != "-")
