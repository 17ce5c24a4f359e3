""""Did you mean" suggestions at a bounded cost.

Comparing an unknown value with every candidate costs unknowns × candidates: a meeting that names
3,000 unknown people among 3,000 known ones would take minutes. Here the candidates are indexed
once by their character bigrams; a lookup compares the value only with the few candidates that
share the most bigrams with it (at most MAX_COMPARED, found by walking at most MAX_POSTINGS index
entries), and a `Suggestions` gives at most MAX_PER_FILE suggestions — one file's messages need no
more, since only the first few problems of a kind are listed.

Small candidate lists (the fields of a table, the people of a real meeting) are compared in full,
as `difflib.get_close_matches` would.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Collection, Iterable

from schema.words.messages import Message, say

MAX_COMPARED = 32
"""Candidates compared with a value in full (difflib's ratio) per lookup."""
MAX_POSTINGS = 4096
"""Index entries walked per lookup to find those candidates."""
MAX_VALUE = 64
"""Longer values get no suggestion: ids and field names are short, and comparing costs length²."""
MAX_PER_FILE = 50
"""Suggestions one `Suggestions` gives; later lookups get none."""
_MAX_INDEXES = 8


def _bigrams(text: str) -> set[str]:
    padded = f"\0{text}\0"
    return {padded[i:i + 2] for i in range(len(padded) - 1)}


class CandidateIndex:
    """Candidates indexed by their bigrams, built once for many lookups."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self.candidates = list(dict.fromkeys(candidates))
        self.postings: dict[str, list[int]] = {}
        if len(self.candidates) > MAX_COMPARED:
            for number, candidate in enumerate(self.candidates):
                if len(candidate) <= MAX_VALUE:
                    for gram in _bigrams(candidate):
                        self.postings.setdefault(gram, []).append(number)

    def shortlist(self, value: str) -> list[str]:
        """The candidates worth comparing with `value`: all when few, else those sharing the most
        bigrams with it (rare bigrams first, as they tell candidates apart)."""
        if len(self.candidates) <= MAX_COMPARED:
            return self.candidates
        lists = sorted((self.postings.get(gram, []) for gram in _bigrams(value)), key=len)
        shared: dict[int, int] = {}
        budget = MAX_POSTINGS
        for numbers in lists:
            for number in numbers[:budget]:
                shared[number] = shared.get(number, 0) + 1
            budget -= min(len(numbers), budget)
            if budget <= 0:
                break
        best = heapq.nlargest(MAX_COMPARED, shared.items(), key=lambda item: (item[1], -item[0]))
        return [self.candidates[number] for number, _ in best]

    def closest(self, value: str, n: int = 1, cutoff: float = 0.7) -> list[str]:
        """Up to `n` candidates at least `cutoff` similar to `value`, the closest first."""
        if len(value) > MAX_VALUE:
            return []
        return difflib.get_close_matches(value, self.shortlist(value), n=n, cutoff=cutoff)


_shared: dict[int, tuple[Collection[str], CandidateIndex]] = {}


def index_of(candidates: Collection[str]) -> CandidateIndex:
    """The index of a collection of candidates. Frozen collections (the record keys every file
    refers to) are indexed once and shared by every file; others are indexed on each call."""
    if not isinstance(candidates, frozenset | tuple):
        return CandidateIndex(candidates)
    found = _shared.get(id(candidates))
    if found is not None and found[0] is candidates:
        return found[1]
    index = CandidateIndex(candidates)
    if len(_shared) >= _MAX_INDEXES:
        _shared.pop(next(iter(_shared)))
    _shared[id(candidates)] = (candidates, index)  # the collection is kept, so its id is not reused
    return index


class Suggestions:
    """The suggestions of one file: at most MAX_PER_FILE, each at a bounded cost."""

    def __init__(self, limit: int = MAX_PER_FILE) -> None:
        self.left = limit
        self._indexes: dict[int, tuple[Collection[str], CandidateIndex]] = {}

    def closest(self, value: str, candidates: Collection[str], n: int = 1, cutoff: float = 0.7) -> list[str]:
        if self.left <= 0:
            return []
        self.left -= 1
        key = id(candidates)
        found = self._indexes.get(key)
        if found is None or found[0] is not candidates:
            found = (candidates, index_of(candidates))
            self._indexes[key] = found
        return found[1].closest(value, n, cutoff)

    def said(self, value: str, candidates: Collection[str], cutoff: float = 0.7) -> Message | str:
        """The message ` (did you mean "x"?)`, or "" when nothing is close (or the file had its share)."""
        close = self.closest(value, candidates, 1, cutoff)
        return say("did_you_mean", suggestion=close[0]) if close else ""

    def hint(self, value: str, candidates: Collection[str], cutoff: float = 0.7) -> str:
        """` (did you mean "x"?)` in English, or ""."""
        return str(self.said(value, candidates, cutoff))
