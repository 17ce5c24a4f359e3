"""Matching a form's wording to the themes of the vocabulary: an option chosen in a survey, the
theme a question was asked under, the theme a column's header names.

An option matches a theme by its label, reading, id, English label or one of its `aliases`,
compared normalized (`schema.read.textmatch.normalize`: width, kana script, case, spaces and middle dots
do not matter). A name two themes share matches neither (never a silent guess); `--map` settles an
option for this intake and is kept as an alias (`schema.intake.plan`).

A multiple-choice cell holds several options: Microsoft Forms joins them with `;` (and ends with
one), Google Forms with `, `, others one a line. A cell is split on `;` and line breaks, and then on
commas only where the pieces are not themselves options — an option whose wording holds a comma
is found whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from schema.read.textmatch import normalize

_FIRST_SPLIT = re.compile(r"[;；\n]")
_COMMA = re.compile(r"(\s*[,，]\s*)")
MIN_HEADER_KEY = 2
"""Characters a name must have to be looked for inside a header (no one-letter matches)."""


@dataclass(frozen=True, slots=True)
class ThemeNames:
    """What a theme is called: the names an option may use for it."""

    id: str
    label: str
    kana: str | None = None
    label_en: str | None = None
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.id, self.label, *(n for n in (self.kana, self.label_en) if n), *self.aliases)

    def header_names(self) -> tuple[str, ...]:
        """The names looked for inside a column's header (not the id or the reading)."""
        return (self.label, *(n for n in (self.label_en,) if n), *self.aliases)


@dataclass
class ThemeMatcher:
    themes: Mapping[str, ThemeNames]
    mapped: Mapping[str, str] = field(default_factory=dict)
    """Options settled for this intake (`--map`): option → theme id."""

    def __post_init__(self) -> None:
        keys: dict[str, set[str]] = {}
        for theme in self.themes.values():
            for name in theme.names():
                key = normalize(name)
                if key:
                    keys.setdefault(key, set()).add(theme.id)
        self._keys = keys
        self._mapped = {normalize(option): theme for option, theme in self.mapped.items()}

    def match(self, option: str) -> str | None:
        """The theme id an option names; None when it names none, or several."""
        key = normalize(option)
        if key in self._mapped:
            return self._mapped[key]
        found = self._keys.get(key)
        return next(iter(found)) if found is not None and len(found) == 1 else None

    def shared(self, option: str) -> list[str]:
        """The themes that share the option as a name (two or more: ambiguous)."""
        found = self._keys.get(normalize(option), set())
        return sorted(found) if len(found) > 1 else []

    def names_of(self, theme_id: str) -> set[str]:
        """The normalized names of a theme (an alias equal to one of them adds nothing)."""
        return {key for key, ids in self._keys.items() if theme_id in ids}

    def in_header(self, header: str) -> str | None:
        """The theme whose label, English label or alias the header holds (the longest found);
        None when none does, or two themes' names are found equally long."""
        text = normalize(header)
        best: tuple[int, set[str]] = (0, set())
        for theme in self.themes.values():
            for name in theme.header_names():
                key = normalize(name)
                if len(key) >= MIN_HEADER_KEY and key in text:
                    if len(key) > best[0]:
                        best = (len(key), {theme.id})
                    elif len(key) == best[0]:
                        best[1].add(theme.id)
        return next(iter(best[1])) if len(best[1]) == 1 else None


def split_choices(cell: str, matcher: ThemeMatcher) -> list[str]:
    """The options chosen in a multiple-choice cell, as written (blank pieces left out)."""
    text = cell.strip()
    if not text:
        return []
    if matcher.match(text) is not None:
        return [" ".join(text.split())]
    out: list[str] = []
    for part in _FIRST_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        if matcher.match(part) is not None or not _COMMA.search(part):
            out.append(" ".join(part.split()))
        else:
            out.extend(_comma_choices(part, matcher))
    return out


def _comma_choices(text: str, matcher: ThemeMatcher) -> list[str]:
    """Pieces between commas, joined again where the joined text is an option (the longest run)."""
    tokens = _COMMA.split(text)
    pieces, joints = tokens[0::2], tokens[1::2]
    out: list[str] = []
    start = 0
    while start < len(pieces):
        end = start
        for stop in range(len(pieces) - 1, start, -1):
            joined = "".join(p + (joints[k] if k < stop else "") for k, p in enumerate(pieces[start:stop + 1], start))
            if matcher.match(joined) is not None:
                end = stop
                break
        text_of = "".join(p + (joints[k] if k < end else "") for k, p in enumerate(pieces[start:end + 1], start))
        if text_of.strip():
            out.append(" ".join(text_of.split()))
        start = end + 1
    return out


def unique(options: Iterable[str]) -> list[str]:
    """Options in their first order, each once (compared normalized)."""
    seen: set[str] = set()
    out = []
    for option in options:
        key = normalize(option)
        if key not in seen:
            seen.add(key)
            out.append(option)
    return out
