"""Counting a survey's votes and ranking them as the records show a ranking.

One vote per respondent per theme, however many of the respondent's options name it. The ranking
is competition ranking ("1224"): items with equal votes share a rank, and the next rank skips as
many places as items tied (1, 2, 3, 3, 5) — as the seed's report has it (3位 twice, no 4位).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    item: str
    votes: int


def tally(ballots: Iterable[Iterable[str]]) -> Counter[str]:
    """Votes per item: each ballot (one respondent's choices) counts an item once."""
    counts: Counter[str] = Counter()
    for ballot in ballots:
        counts.update(set(ballot))
    return counts


def competition_ranking(votes: Mapping[str, int], tiebreak: Callable[[str], Any] = str) -> list[Ranked]:
    """Items with votes, most first (ties in `tiebreak` order), each with its competition rank:
    one more than the number of items with more votes."""
    order = sorted((item for item, count in votes.items() if count > 0), key=lambda i: (-votes[i], tiebreak(i)))
    out: list[Ranked] = []
    for position, item in enumerate(order):
        tied = bool(out) and out[-1].votes == votes[item]
        out.append(Ranked(out[-1].rank if tied else position + 1, item, votes[item]))
    return out
