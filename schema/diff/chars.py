"""Character-level differences of two texts, and element-level differences of two lists of values,
at a bounded cost.

Japanese has no spaces between words, so a word diff is a line diff; these segments mark the
characters that changed and keep the rest of the text whole around them.

difflib's matcher is quadratic in the worst case (a 20,000-character text over a few letters took
minutes). Every comparison here is charged to a `Budget` — the steps of the matcher's inner loop,
counted before they are taken — with a limit per field and one per run of a diff. A comparison that
would pass its limit is not finished: the text is compared again by sentence and line, and past the
limit again as a whole (removed, then added). The granularity used goes with the segments, so that
the report can say that a text was compared coarser than by character.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

Op = Literal["=", "-", "+"]
Segment = tuple[Op, str]
"""("=", kept text), ("-", removed text) or ("+", added text), in reading order."""
Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]
"""difflib's (tag, i1, i2, j1, j2)."""
Granularity = Literal["characters", "sentences", "whole"]
"""How finely a text was compared: by character, by sentence and line (past the character budget),
or as a whole (past that too)."""

FIELD_WORK = 1_000_000
"""Steps one comparison (a text by character, then by sentence; a list; a pair of elements) may
take: about 0.2 s on a 2-CPU machine. A text of 20,000 characters with a few edits takes a few
thousand once its common start and end are set aside; the longest real texts (a few hundred
characters) take well under this however they changed."""
RUN_WORK = 10_000_000
"""Steps a whole run of a diff may take (about 1.5 s); past them every text is compared as a whole."""
SHORT_KEEP = 1
"""A kept run this short between two changes is folded into them, so that "目標" → "目的を" reads as
one change rather than several one-character ones."""

_SENTENCE = re.compile(r"[^。．！？!?\n]*(?:[。．！？!?]+|\n|$)")


class OverBudget(Exception):
    """A comparison would take more steps than it may."""


@dataclass
class Budget:
    """The work one diff may do comparing texts, lists and elements, and what it did."""

    run: int = RUN_WORK
    field: int = FIELD_WORK
    spent: int = 0
    """Steps taken (linear work included: reading texts for their common start and end)."""
    coarse: int = 0
    """Comparisons that passed their limit and were done coarser."""

    def limit(self) -> int:
        """Steps the next comparison may take."""
        return max(0, min(self.field, self.run - self.spent))


class CountingMatcher(difflib.SequenceMatcher[Hashable]):
    """difflib's matcher that counts the steps of its inner loop before it takes them, and raises
    OverBudget instead of going past `limit` (the steps already taken stay within it)."""

    def __init__(self, a: Sequence[Hashable], b: Sequence[Hashable], limit: int) -> None:
        self.limit = limit
        self.steps = len(a) + len(b)  # indexing b, and a first look at a
        if self.steps > limit:
            raise OverBudget
        super().__init__(None, a, b, autojunk=False)
        self._a, self._b = a, b
        index: dict[Hashable, list[int]] = getattr(self, "b2j")  # noqa: B009  (not in typeshed)
        self._counts: dict[Hashable, int] = dict.fromkeys(a, 0)  # every element of a, for a lookup in C
        self._counts.update((element, len(places)) for element, places in index.items())

    def find_longest_match(self, alo: int = 0, ahi: int | None = None, blo: int = 0,
                           bhi: int | None = None) -> difflib.Match:
        ahi = len(self._a) if ahi is None else ahi
        # the inner loop visits, for each element of a[alo:ahi], its places in b
        steps = (ahi - alo) + (len(self._b) if bhi is None else bhi) - blo
        steps += sum(map(self._counts.__getitem__, self._a[alo:ahi]))
        self.steps += steps
        if self.steps > self.limit:
            raise OverBudget
        return super().find_longest_match(alo, ahi, blo, bhi)


def text_segments(old: str, new: str, budget: Budget | None = None) -> tuple[tuple[Segment, ...], Granularity]:
    """The segments that turn `old` into `new` — by character where the budget allows, else by
    sentence and line, else as a whole — and the granularity used."""
    budget = budget if budget is not None else Budget()
    if old == new:
        return ((("=", old),) if old else ()), "characters"
    head = _common_prefix(old, new)
    tail = _common_prefix(old[head:][::-1], new[head:][::-1])
    budget.spent += len(old) + len(new)
    a, b = old[head:len(old) - tail], new[head:len(new) - tail]
    around = (old[:head], old[len(old) - tail:])
    if not a or not b:
        return _around(around, _whole(a, b)), "characters"
    try:
        return _around(around, _fold(_by_characters(a, b, budget))), "characters"
    except OverBudget:
        budget.coarse += 1
    try:
        return _around(around, _fold(_by_sentences(a, b, budget))), "sentences"
    except OverBudget:
        return _around(around, _whole(a, b)), "whole"


def char_segments(old: str, new: str, budget: Budget | None = None) -> tuple[Segment, ...]:
    """The segments that turn `old` into `new`, character by character where the budget allows."""
    return text_segments(old, new, budget)[0]


def item_segments(old: Sequence[str], new: Sequence[str], budget: Budget | None = None) -> tuple[Segment, ...]:
    """The segments that turn one list of (shown) values into another, element by element (past the
    budget: every old value removed, every new one added)."""
    budget = budget if budget is not None else Budget()
    try:
        opcodes = matched(list(old), list(new), budget)
    except OverBudget:
        budget.coarse += 1
        return (*(("-", value) for value in old), *(("+", value) for value in new))
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            out.extend(("=", value) for value in old[i1:i2])
            continue
        out.extend(("-", value) for value in old[i1:i2])
        out.extend(("+", value) for value in new[j1:j2])
    return tuple(out)


def similarity(a: str, b: str, budget: Budget, at_least: float) -> float:
    """difflib's ratio of two texts where it is at least `at_least` (0 below it, or when the budget
    does not allow the comparison)."""
    total = len(a) + len(b)
    if not total or min(len(a), len(b)) * 2 / total < at_least:  # difflib's real_quick_ratio
        return 0.0
    limit = budget.limit()
    if total > limit:
        return 0.0
    budget.spent += total
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < at_least:  # linear: a count of b's characters
        return 0.0
    try:
        counted = CountingMatcher(a, b, budget.limit())
        ratio = counted.ratio()
    except OverBudget:
        budget.coarse += 1
        return 0.0
    budget.spent += counted.steps
    return ratio


def matched(old: Sequence[Hashable], new: Sequence[Hashable], budget: Budget) -> list[Opcode]:
    """difflib's opcodes of two sequences within the budget (raises OverBudget past it)."""
    matcher = CountingMatcher(old, new, budget.limit())
    try:
        return matcher.get_opcodes()
    finally:
        budget.spent += min(matcher.steps, matcher.limit)


def _by_characters(a: str, b: str, budget: Budget) -> list[Segment]:
    return _segments(a, b, list(a), list(b), budget)


def _by_sentences(a: str, b: str, budget: Budget) -> list[Segment]:
    return _segments(a, b, _sentences(a), _sentences(b), budget)


def _sentences(text: str) -> list[str]:
    """The text cut after each sentence end (。！？) and line break, every character kept."""
    return [piece for piece in _SENTENCE.findall(text) if piece]


def _segments(a: str, b: str, a_units: list[str], b_units: list[str], budget: Budget) -> list[Segment]:
    """Segments from opcodes over units (characters or sentences) that join up to `a` and `b`."""
    a_at = _offsets(a_units)
    b_at = _offsets(b_units)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in matched(a_units, b_units, budget):
        if tag == "equal":
            raw.append(("=", a[a_at[i1]:a_at[i2]]))
            continue
        if i2 > i1:
            raw.append(("-", a[a_at[i1]:a_at[i2]]))
        if j2 > j1:
            raw.append(("+", b[b_at[j1]:b_at[j2]]))
    return raw


def _offsets(units: list[str]) -> list[int]:
    out = [0]
    for unit in units:
        out.append(out[-1] + len(unit))
    return out


def _common_prefix(a: str, b: str) -> int:
    """The length of the common start of two texts (halving: each step one comparison in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _around(around: tuple[str, str], segments: Sequence[Segment]) -> tuple[Segment, ...]:
    """The segments with the common start and end put back, kept runs joined."""
    head, tail = around
    out: list[Segment] = [("=", head)] if head else []
    for segment in segments:
        if out and segment[0] == "=" and out[-1][0] == "=":
            out[-1] = ("=", out[-1][1] + segment[1])
        else:
            out.append(segment)
    if tail:
        if out and out[-1][0] == "=":
            out[-1] = ("=", out[-1][1] + tail)
        else:
            out.append(("=", tail))
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
