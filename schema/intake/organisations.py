"""Matching a respondent's organisation, as typed, to a local government of the national list.

People type their organisation every way: 戸田市, 埼玉県戸田市, 戸田市役所 企画財政部, ○○町役場,
○○県庁, さいたま市 浦和区役所. The text is read as an optional prefecture, then the longest name of
the list it starts with, then what may follow a local government's name: its office (役所, 役場,
県庁 …) and a department (企画財政部, デジタル戦略室 …). Anything else after the name (東京都立大学)
is no match: a name is never guessed from part of a word.

A name that several local governments share (府中市: Tokyo and Hiroshima) is settled by the
prefecture when it is typed, else by the repository's region when exactly one of them is in it —
and that choice is reported; otherwise it stays unmatched, with the candidates, for the person to
settle.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from schema.models import Bureau, Municipality, MunicipalityKind, Records
from schema.models.prefectures import bureau_of

OFFICE_SUFFIXES = ("市役所", "区役所", "町役場", "村役場", "役所", "役場", "県庁", "都庁", "府庁", "道庁",
                   "庁舎", "本庁", "庁")
"""What may follow a local government's name for its office (戸田市役所, 埼玉県庁)."""
DEPARTMENT_MARKS = ("部", "課", "室", "局", "係", "班", "担当", "センター", "本部", "委員会", "グループ",
                    "チーム", "事務所", "支所", "出張所")
"""Words of which a department's name holds one (企画財政部, デジタル戦略室)."""
_BRACKETS = re.compile(r"[(（\[［【「]([^)）\]］】」]*)[)）\]］】」]")


def repository_region(records: Records) -> set[Bureau]:
    """The bureaus whose region the repository's records are of: its meetings', else its
    advisors' (the same derivation as the UI's local-governments list; a repository's settings may
    name it one day)."""
    bureaus = {meeting.bureau for meeting in records.meetings.values()}
    return bureaus or {bureau for advisor in records.advisors.values() for bureau in advisor.bureaus}


@dataclass(frozen=True, slots=True)
class Match:
    """What an organisation's text matched."""

    code: str | None
    """The local government's code; None when none matched or several did."""
    candidates: tuple[str, ...] = ()
    """Where a name is shared: every local government of that name (the chosen one among them)."""
    by_region: bool = False
    """The name is shared and the repository's region chose `code`."""


def compact(text: str) -> str:
    """NFKC, without spaces: how names and typed organisations are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split())


class MunicipalityMatcher:
    def __init__(self, municipalities: Mapping[str, Municipality], region: set[Bureau]) -> None:
        self.municipalities = municipalities
        self.region = region
        self._names: dict[str, list[str]] = {}
        self._prefectures: dict[str, str] = {}
        """Prefecture name → its code."""
        for code, record in sorted(municipalities.items()):
            key = compact(record.name)
            self._names.setdefault(key, []).append(code)
            if record.kind == MunicipalityKind.PREFECTURE:
                self._prefectures[key] = code
        self._longest = max((len(k) for k in self._names), default=0)
        self._cache: dict[str, Match] = {}

    def match(self, text: str, prefecture: str = "") -> Match:
        """The local government `text` names (`prefecture`: a prefecture typed in its own column)."""
        key = f"{prefecture}\x1f{text}"
        if key not in self._cache:
            self._cache[key] = self._match(text, prefecture)
        return self._cache[key]

    def display(self, code: str) -> str:
        """A local government as people tell it apart: 東京都府中市 (a prefecture: its name)."""
        record = self.municipalities.get(code)
        if record is None:
            return code
        if record.kind == MunicipalityKind.PREFECTURE:
            return record.name
        prefecture = self.municipalities.get(self.prefecture_code(code) or "")
        return f"{prefecture.name}{compact(record.name)}" if prefecture else record.name

    def prefecture_code(self, code: str) -> str | None:
        return next((c for c in self._prefectures.values() if c[:2] == code[:2]), None)

    def _match(self, text: str, typed_prefecture: str) -> Match:
        hints = []
        for inner in _BRACKETS.findall(unicodedata.normalize("NFKC", text)):
            hints.append(compact(inner))
        rest = compact(_BRACKETS.sub(" ", unicodedata.normalize("NFKC", text)))
        prefecture = self._prefecture_prefix(compact(typed_prefecture))
        if typed_prefecture.strip() and prefecture is None:
            return Match(None)
        if prefecture is None:
            prefecture = next((self._prefectures[h] for h in hints if h in self._prefectures), None)
        own = self._prefecture_prefix(rest)
        if own is not None:
            if prefecture is not None and own != prefecture:
                return Match(None)
            prefecture = own
            rest = rest[len(compact(self.municipalities[own].name)):]
        if not rest:
            return Match(prefecture) if prefecture is not None else Match(None)
        for length in range(min(self._longest, len(rest)), 0, -1):
            codes = self._names.get(rest[:length])
            if codes is None or not _follows_a_name(rest[length:]):
                continue
            if prefecture is not None:
                codes = [c for c in codes if c[:2] == prefecture[:2]]
                if not codes:
                    continue
            return self._settle(codes)
        if prefecture is not None and _follows_a_name(rest):
            return Match(prefecture)  # 埼玉県 総務部, 東京都庁
        return Match(None)

    def _prefecture_prefix(self, text: str) -> str | None:
        """The code of the prefecture whose name `text` starts with (the longest)."""
        found = [name for name in self._prefectures if text.startswith(name)]
        return self._prefectures[max(found, key=len)] if found else None

    def _settle(self, codes: list[str]) -> Match:
        if len(codes) == 1:
            return Match(codes[0])
        local = [c for c in codes if bureau_of(c) in self.region]
        if len(local) == 1:
            return Match(local[0], tuple(codes), by_region=True)
        return Match(None, tuple(codes))


def _follows_a_name(tail: str) -> bool:
    """Whether `tail` may follow a local government's name: nothing, its office, a department."""
    for suffix in OFFICE_SUFFIXES:
        if tail.startswith(suffix):
            tail = tail[len(suffix):]
            break
    return not tail or any(mark in tail for mark in DEPARTMENT_MARKS)
