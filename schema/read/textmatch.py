"""Text normalization for the incremental filter and for sorting Japanese names by reading.

A row's *search key* is built once from its name, kana reading, id or code and a romanization of
the reading; a query is normalized the same way and matches when every word of it is a substring
of the key. Normalization makes the filter ignore the differences a user does not care about:

- full and half width (NFKC: ＡＢＣ → abc, ｶﾀｶﾅ → カタカナ, １２ → 12);
- katakana and hiragana (カタカナ → かたかな), so that kana in either script finds a reading;
- upper and lower case;
- spaces, hyphens and the middle dot (岡村久和 finds 岡村 久和, okamurahisakazu finds the id).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Generic, Protocol, TypeVar

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_KATAKANA_TO_HIRAGANA.update({0x30FD: 0x309D, 0x30FE: 0x309E})
_DROPPED = dict.fromkeys(map(ord, " \t\r\n-_・"), None)
_SEPARATOR = "\x1f"
"""Joins the parts of a key, so that a query never matches across two fields."""
_SOUND_MARKS = dict.fromkeys((0x3099, 0x309A), None)
"""The combining voiced and semi-voiced marks (が is か + U+3099 once decomposed)."""
_SMALL_KANA = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
_VOWEL_OF = {kana: vowel for vowel, row in zip(
    "あいうえお",
    ("あかさたなはまやらわ", "いきしちにひみりゐ", "うくすつぬふむゆる", "えけせてねへめれゑ",
     "おこそとのほもよろを"), strict=True) for kana in row}
"""The vowel each full-size kana ends in, for reading ー (after the marks are removed)."""


_KATAKANA_RUN = re.compile("[\u30a1-\u30f6\u30fd\u30fe]+")
_DROPPED_RUN = re.compile("[ \t\r\n\\-_・]+")
"""What `_DROPPED` removes, as a pattern: `str.translate` with a mapping looks every character
up in Python, and long texts (questions, answers) are normalized by the thousand."""


def _run_to_hiragana(match: re.Match[str]) -> str:
    return match.group().translate(_KATAKANA_TO_HIRAGANA)


def to_hiragana(text: str) -> str:
    return _KATAKANA_RUN.sub(_run_to_hiragana, text)


def normalize(text: str) -> str:
    """The form in which keys and queries are compared."""
    folded = _DROPPED_RUN.sub("", to_hiragana(unicodedata.normalize("NFKC", text).casefold()))
    if folded.isascii():
        return folded
    # Dropping a space can leave a combining mark next to a letter (NFKC turns ´ into " ́"):
    # compose again, so that normalizing twice changes nothing.
    return _DROPPED_RUN.sub("", unicodedata.normalize("NFKC", folded))


def reading_key(kana: str) -> tuple[str, str]:
    """Sort key of a Japanese name by its reading, as a dictionary orders it (五十音順).

    First the reading with voiced and semi-voiced marks removed, small kana made full-size and
    ー read as the vowel before it (ごか sorts as こか, きょなん as きよなん, こーひー as こおひい);
    then, between readings that are equal so, the reading as written (か before が, ょ before よ).
    Katakana sorts as hiragana; spaces are ignored. Callers add the name or id to break ties.
    """
    written = to_hiragana(unicodedata.normalize("NFKC", kana)).translate(_DROPPED)
    plain = unicodedata.normalize("NFD", written).translate(_SOUND_MARKS).translate(_SMALL_KANA)
    if "ー" in plain:
        chars = list(plain)
        for i in range(1, len(chars)):
            if chars[i] == "ー":
                chars[i] = _VOWEL_OF.get(chars[i - 1], "ー")
        plain = "".join(chars)
    return plain, written


def query_terms(query: str) -> list[str]:
    """The normalized words of a query; an empty list matches everything."""
    terms = (normalize(word) for word in unicodedata.normalize("NFKC", query).split())
    return [term for term in terms if term]


def search_key(*parts: str | None) -> str:
    """A row's search key from its parts; kana parts are best also given romanized (romaji)."""
    return _SEPARATOR.join(_normalize_short(part) if len(part) <= _SHORT else normalize(part)
                           for part in parts if part)


OWN_END = "\x1e"
"""Ends the parts of a key that are the record's own names (name, reading, id, code); the words
after it only relate to the record (its theme, its advisors' names, its prefecture)."""


def row_key(own: Iterable[str | None], related: Iterable[str | None] = (), *,
            readings: Iterable[str] = (), related_readings: Iterable[str] = ()) -> str:
    """A row's search key: its own names, then the words that relate to it (a query matches
    either, never across two parts). `readings` are kana keys (kana_key), already normalized."""
    head = _SEPARATOR.join(filter(None, (search_key(*own), *readings)))
    tail = _SEPARATOR.join(filter(None, (search_key(*related), *related_readings)))
    return f"{head}{OWN_END}{tail}" if tail else head


def own_parts(key: str) -> list[str]:
    """The parts of a key that are the record's own names."""
    return key.split(OWN_END, 1)[0].split(_SEPARATOR)


_SHORT = 40
"""Parts this short (names, labels, dates) recur from row to row: their normal forms are kept."""


@lru_cache(maxsize=1 << 15)
def _normalize_short(text: str) -> str:
    return normalize(text)


def forget_normal_forms() -> None:
    """Let go of the normal forms kept while keys were built (a few MB on a nationwide
    repository): the keys hold what they need."""
    _normalize_short.cache_clear()
    kana_key.cache_clear()


@lru_cache(maxsize=1 << 16)
def kana_key(kana: str | None) -> str:
    """Key parts for a reading: the kana and its romanizations (todashi, toukyouto, tokyoto)."""
    if not kana:
        return ""
    full = romaji(kana)
    return _SEPARATOR.join(dict.fromkeys((normalize(kana), full, _long_vowels(full))))


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=_Keyed)


def filter_rows(rows: Sequence[K], query: str) -> list[K]:
    """The rows whose key contains every word of the query, in their order."""
    return _matching(rows, query_terms(query))


def _matching(rows: Sequence[K], terms: Sequence[str]) -> list[K]:
    if not terms:
        return list(rows)
    if len(terms) == 1:
        term = terms[0]
        return [row for row in rows if term in row.key]
    return [row for row in rows if all(term in row.key for term in terms)]


class Narrowing(Generic[K]):
    """`filter_rows` over the same rows, query after query, as a filter is typed. A query whose
    every seen word is within one of its own words (とだ after と, okamura after oka) can only
    keep rows the seen query kept, so it searches those, not every row; and the last queries'
    rows are kept, so that a backspace finds them at once. The same rows in the same order as
    `filter_rows(rows, query)` (a nationwide list of 12,372 consultations: 5 ms a key before)."""

    KEEP = 16
    """Queries whose rows are kept."""

    def __init__(self, rows: Sequence[K]) -> None:
        self.rows = rows
        self._found: dict[tuple[str, ...], list[K]] = {}
        self._ranked: dict[tuple[str, ...], tuple[list[K], list[K]]] = {}
        """Ranked rows of the queries seen, with the found rows they were ranked from."""

    def __call__(self, query: str) -> list[K]:
        terms = tuple(query_terms(query))
        found = self._found.pop(terms, None)
        if found is None:
            found = _matching(self._narrowest(terms), terms)
            if len(self._found) >= self.KEEP:
                del self._found[next(iter(self._found))]  # the least recently used
        self._found[terms] = found
        return list(found)

    def ranked(self, query: str) -> list[K]:
        """The rows of `query` (as `self(query)`), best first (`rank`): what a list shows."""
        terms = tuple(query_terms(query))
        found = self._ranked.get(terms)
        if found is None or found[0] is not self._found.get(terms):
            rows = self(query)
            found = (self._found[terms], rank(rows, terms))
            if len(self._ranked) >= self.KEEP:
                del self._ranked[next(iter(self._ranked))]
            self._ranked[terms] = found
        return list(found[1])

    def forget(self) -> None:
        """Let go of the queries' rows (the filter was emptied: what comes next is typed anew)."""
        self._found.clear()
        self._ranked.clear()

    def _narrowest(self, terms: tuple[str, ...]) -> Sequence[K]:
        """The fewest rows known to hold every row that matches `terms`."""
        best: Sequence[K] = self.rows
        for seen, rows in self._found.items():
            if len(rows) < len(best) and all(any(old in term for term in terms) for old in seen):
                best = rows
        return best


EXACT, PREFIX, INSIDE = 0, 1, 2
"""How a query's word matches a row (`match_tier`): one of the row's own names (name, reading, id,
code) is the word; one begins with it; it is inside one, or only in the words related to the row."""


def match_tier(key: str, term: str) -> int:
    """How `term` (a normalized word found in `key`) matches the row: EXACT, PREFIX or INSIDE."""
    end = key.find(OWN_END)
    if end < 0:
        end = len(key)
    size = len(term)
    tier = INSIDE
    if key.startswith(term):
        start = 0
    else:
        found = key.find(_SEPARATOR + term, 0, end)
        start = found + 1 if found >= 0 else -1
    while start >= 0:  # `term` begins an own part at `start`
        stop = start + size
        if stop == end or key[stop] == _SEPARATOR:
            return EXACT
        tier = PREFIX
        found = key.find(_SEPARATOR + term, stop, end)
        start = found + 1 if found >= 0 else -1
    return tier


def _active(row: object) -> bool:
    """Whether a row's record has activity (meetings, consultations); rows that do not say are."""
    return bool(getattr(row, "active", True))


def rank(rows: Sequence[K], terms: Sequence[str]) -> list[K]:
    """`rows` (those a filter kept for `terms`) best first: an exact match of the first word on one
    of a row's own names, then a match at the start of one, then the rest; within each, rows whose
    record has activity (`row.active`) first; otherwise in their order. One pass over the rows."""
    if not terms:
        return list(rows)
    first = terms[0]
    buckets: list[list[K]] = [[], [], [], [], [], []]
    for row in rows:
        buckets[2 * match_tier(row.key, first) + (not _active(row))].append(row)
    return [row for bucket in buckets for row in bucket]


def ranked(rows: Sequence[K], query: str) -> list[K]:
    """The rows `filter_rows` keeps for `query`, best first (`rank`)."""
    return rank(filter_rows(rows, query), query_terms(query))


# Hepburn romanization of hiragana: enough for names and place names to be found by romaji.
_BASE = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ゔ": "vu", "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o",
    "ゃ": "ya", "ゅ": "yu", "ょ": "yo", "ゎ": "wa",
}
_YOON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_YOON_STEMS = {
    "き": "ky", "し": "sh", "ち": "ch", "に": "ny", "ひ": "hy", "み": "my", "り": "ry",
    "ぎ": "gy", "じ": "j", "ぢ": "j", "び": "by", "ぴ": "py",
}


def romaji(kana: str) -> str:
    """Hepburn romanization of a reading, lower case, without spaces (おかむら ひさかず → okamurahisakazu)."""
    text = normalize(kana)
    out: list[str] = []
    double = False
    i = 0
    while i < len(text):
        char = text[i]
        following = text[i + 1] if i + 1 < len(text) else ""
        if char == "っ":
            double = True
            i += 1
            continue
        if char in _YOON_STEMS and following in _YOON:
            syllable = _YOON_STEMS[char] + _YOON[following]
            i += 2
        elif char == "ー":
            syllable = out[-1][-1] if out and out[-1][-1] in "aiueo" else ""
            i += 1
        else:
            syllable = _BASE.get(char, char)
            i += 1
        if double and syllable:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double = False
        out.append(syllable)
    return "".join(out)


def _long_vowels(text: str) -> str:
    """Romaji with long vowels written short, as in common spellings (toukyou → tokyo)."""
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return text


def joined(parts: Iterable[str], separator: str) -> str:
    """The non-empty parts, joined by `separator` (the catalogue's `list.separator` for lists of
    names, so that English screens do not show the Japanese 、)."""
    return separator.join(part for part in parts if part)


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: two for wide and full-width characters (kanji, kana), none for
    combining marks, one for the rest (as terminals lay Japanese out)."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def id_romaji(kana: str) -> str:
    """A reading as the words of an id: each word romanized, long vowels written short, joined by
    hyphens (さいとう りえ → saito-rie), as the advisors' ids are made."""
    return "-".join(_long_vowels(romaji(word)) for word in kana.replace("\u3000", " ").split())
