"""The rows and columns of each list, built once per kind with their normalized search keys.

Headless (no Textual): the list widget only slices and renders what these functions return.
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from schema.models import (
    ADVISORS_FILE,
    MEETINGS_DIR,
    MUNICIPALITIES_FILE,
    THEMES_FILE,
    Meeting,
    Theme,
)
from schema.read.era import fiscal_year_label, local_date
from schema.read.readmodel import affiliation_text, reading_order
from schema.read.repobureau import repository_bureaus
from schema.read.textmatch import forget_normal_forms, joined, kana_key, reading_key, row_key
from tui.data import Ref, RefKind, RepoData
from tui.i18n import Catalogue
from tui.views import ROOT_LISTS

Align = Literal["left", "right"]
Cut = Literal["right", "left"]


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    """Catalogue key of the heading."""
    width: int
    """Width in cells; for a flexible column, its minimum."""
    flex: int = 0
    """Share of the width left over by the fixed columns (0: fixed)."""
    align: Align = "left"
    drop: int = 0
    """Where the columns do not all fit, the order in which this one gives way (1 first; 0: never,
    the name or title that says what the row is)."""
    cut: Cut = "right"
    """Which end of a value too long for the column is cut ("left" keeps a location's :line:col)."""
    distinguish: bool = False
    """A title: where too long for the column, the start it shares with the rows next to it is
    dropped (so that rows stay told apart on a narrow terminal)."""


@dataclass(frozen=True, slots=True)
class Row:
    ref: Ref
    cells: tuple[str, ...]
    key: str
    """Normalized search key: name, reading (kana and romaji), id or code, and related words."""
    scoped: bool = True
    """Listed before anything is typed in the filter (local governments: those of the repository's
    bureaus and those with records); the filter searches every row."""
    active: bool = True
    """The record has activity (appears in meetings or consultations): among equal matches of a
    filter, such rows come first (schema.read.textmatch.rank)."""


def _count(value: int | None, cat: Catalogue | None = None, unit: str = "") -> str:
    """A count in a cell: with thousands separators and its unit (`count.<unit>` of the catalogue:
    7名, 12件), · for none, … for not known yet."""
    if value is None:
        return "…"
    if not value:
        return "·"
    return cat.t(f"count.{unit}", count=f"{value:,}") if cat is not None and unit else f"{value:,}"


def columns(kind: RefKind) -> list[Column]:
    return _COLUMNS[kind]


_COUNT = 6
# Widths at 160 columns show every column; at 80 (a terminal's default) the lower-priority ones
# (the era date, the fiscal year, the format, counts) give way so that the title or name keeps
# at least its minimum (record_table.column_widths).
_COLUMNS: dict[RefKind, list[Column]] = {
    "meeting": [
        Column("col.date", 10),
        Column("col.local_date", 20, drop=1),  # 平成30年12月28日(金): 20 cells, the longest
        Column("col.fiscal_year", 11, drop=2),
        Column("col.kind", 18),
        Column("col.format", 10, drop=3),
        Column("col.title", 20, flex=1, distinguish=True),
        Column("col.people", _COUNT, align="right", drop=4),
        Column("col.agenda", _COUNT, align="right", drop=5),
        Column("col.consultations", _COUNT, align="right", drop=6),
    ],
    "consultation": [
        Column("col.date", 10),
        Column("col.theme", 18),
        Column("col.question", 30, flex=3, distinguish=True),
        Column("col.answerers", 16, flex=1),
        Column("col.municipalities", 10, drop=2),
        Column("col.meeting", 16, flex=1, drop=1, distinguish=True),
    ],
    "advisor": [
        Column("col.name", 14),
        Column("col.kana", 20, drop=6),
        Column("col.id", 20, drop=1),
        Column("col.affiliation", 20, flex=2),
        Column("col.expertise", 20, flex=1, drop=5),
        Column("col.meetings", _COUNT, align="right", drop=4),
        Column("col.answered", _COUNT, align="right", drop=3),
        Column("col.presented", _COUNT, align="right", drop=2),
    ],
    "municipality": [
        Column("col.code", 6),
        Column("col.name", 16, flex=1),
        Column("col.kana", 16, flex=1, drop=5),
        Column("col.municipality_kind", 12, drop=1),
        Column("col.prefecture", 10, drop=4),
        Column("col.advisors", 12, align="right", drop=2),
        Column("col.meetings", _COUNT, align="right", drop=3),
        Column("col.consultations", _COUNT, align="right", drop=3),
    ],
    "theme": [
        Column("col.id", 22, drop=3),
        Column("col.label", 24, flex=1),
        Column("col.kana", 20, flex=1, drop=6),
        Column("col.label_en", 30, flex=1, drop=1),
        Column("col.advisors", 12, align="right", drop=4),
        Column("col.meetings", _COUNT, align="right", drop=5),
        Column("col.consultations", _COUNT, align="right", drop=5),
        Column("col.ranked", _COUNT, align="right", drop=2),
    ],
    "problem": [
        Column("col.code", 6),
        Column("col.location", 30, flex=1, cut="left"),
        Column("col.problem_title", 24, drop=1),
        Column("col.message", 30, flex=2),
    ],
}


def unloaded_files(data: RepoData, kind: RefKind) -> str:
    """The files of a list's records that did not load, for saying so ("" when none): a list
    without records because its file did not load is never described as having none."""
    files = {"advisor": ADVISORS_FILE, "municipality": MUNICIPALITIES_FILE, "theme": THEMES_FILE}
    if kind in files:
        return files[kind] if files[kind] in data.records.unloaded else ""
    if kind in ("meeting", "consultation"):
        count = data.unloaded_meetings()
        return f"{MEETINGS_DIR}/ ({count:,})" if count else ""
    return ""


class Listing:
    """Rows of every list, built on first use and kept."""

    def __init__(self, data: RepoData, cat: Catalogue) -> None:
        self.data = data
        self.cat = cat
        self._rows: dict[RefKind, list[Row]] = {}
        self._locks: dict[RefKind, threading.Lock] = {}
        self._meeting_rows: dict[str, tuple[Meeting, Row]] = {}
        self._counts: dict[str, int] | None = None
        self._builders: dict[RefKind, Callable[[], list[Row]]] = {
            "meeting": self._meetings,
            "consultation": self._consultations,
            "advisor": self._advisors,
            "municipality": self._municipalities,
            "theme": self._themes,
            "problem": self._problems,
        }

    def rows(self, kind: RefKind) -> list[Row]:
        """Every row of a list, built once the repository is loaded. While it loads: the meetings
        loaded so far (not kept), the root files' records once they are loaded (their counts of
        what the meetings say not known yet, "…"), and nothing for the consultations."""
        if not self.data.ready:
            if kind == "meeting":
                return self._meetings()
            if kind in ROOT_LISTS and self.data.roots_ready:
                return self._built(kind)
            return []
        return self._built(kind)

    def counted(self) -> bool:
        """Whether the rows count what the meetings say (the repository is loaded)."""
        return self.data.ready

    def _built(self, kind: RefKind) -> list[Row]:
        """The rows of a kind, built once: a list shown while `prebuild` is building its rows in
        a thread waits for them rather than building them a second time."""
        rows = self._rows.get(kind)
        if rows is not None:
            return rows
        with self._locks.setdefault(kind, threading.Lock()):
            rows = self._rows.get(kind)
            if rows is None:
                rows = self._rows[kind] = self._builders[kind]()
            return rows

    def prebuild(self, stop: threading.Event | None = None) -> None:
        """Build every list's rows ahead of their first showing (run in a thread once loaded).
        Stops early on `stop`."""
        for kind in ("consultation", "municipality", "advisor", "theme", "problem"):
            if stop is not None and stop.is_set():
                return
            if self.data.ready:
                self._built(kind)
        forget_normal_forms()

    def meeting_rows(self, meeting_ids: list[str]) -> list[Row]:
        """Rows of some meetings, newest first (for the list while meetings load)."""
        return self._meetings(meeting_ids)

    def latest_meetings(self, count: int) -> list[Row]:
        meetings = self.data.records.meetings.values()
        newest = heapq.nlargest(count, meetings, key=lambda m: (m.date, m.id))
        return self._meetings([m.id for m in newest])

    def reset(self) -> None:
        """Forget the rows built so far (the repository finished loading, or loaded again)."""
        self._rows.clear()
        self._counts = None

    def label(self, ref: Ref) -> str:
        """A one-line name of a record for the command palette and headings."""
        data, lang = self.data, self.cat.lang
        match ref.kind:
            case "meeting":
                meeting = data.meeting(ref.id)
                return f"{meeting.date.isoformat()} {meeting.title}" if meeting else ref.id
            case "consultation":
                entry = data.consultation(ref.id)
                return entry.question if entry else ref.id
        return data.label_of(ref, lang)

    # -- builders -----------------------------------------------------------------------------

    def _meetings(self, meeting_ids: list[str] | None = None) -> list[Row]:
        """Rows of meetings, newest first. A meeting's row depends on nothing but the meeting
        (and the themes), so rows made while the meetings load are kept for the full list; once
        the repository is loaded they get their counts of consultations (from the index)."""
        every = self.data.records.meetings
        chosen = every.values() if meeting_ids is None else (
            every[i] for i in meeting_ids if i in every)
        meetings = sorted(chosen, key=lambda m: (m.date, m.id), reverse=True)
        cache = self._meeting_rows
        counts = self._consultation_counts()
        rows = []
        for m in meetings:
            row = cache.get(m.id)
            if row is None or row[0] is not m:
                row = cache[m.id] = (m, self._meeting_row(m))
            if counts is not None and row[1].cells[-1] == _count(None):
                cells = (*row[1].cells[:-1], _count(counts.get(m.id, 0), self.cat, "consultation"))
                row = cache[m.id] = (m, Row(row[1].ref, cells, row[1].key, row[1].scoped, row[1].active))
            rows.append(row[1])
        return rows

    def _consultation_counts(self) -> dict[str, int] | None:
        """Consultations per meeting, from the index (None while the repository loads)."""
        if not self.data.ready:
            return None
        if self._counts is None:
            counts: dict[str, int] = {}
            for entry in self.data.index.consultations:
                counts[entry.meeting_id] = counts.get(entry.meeting_id, 0) + 1
            self._counts = counts
        return self._counts

    def _theme_words(self, theme_ids: Iterable[str | None]) -> list[str]:
        """What finds a theme whatever the interface's language: its id and both labels."""
        themes = self.data.records.themes
        words: list[str] = []
        for theme_id in theme_ids:
            if not theme_id:
                continue
            words.append(theme_id)
            theme = themes.get(theme_id)
            if theme is not None:
                words += [theme.label, theme.label_en]
        return words

    def _meeting_row(self, m: Meeting) -> Row:
        lang, cat = self.cat.lang, self.cat
        kind = cat.enum("meeting_kind", m.kind.value)
        fmt = cat.enum("meeting_format", m.format.value)
        local = local_date(m.date, lang)
        fy = fiscal_year_label(m.fiscal_year, lang)
        names = [p.name for p in m.people.values()]
        readings = [kana_key(p.kana) for p in m.people.values() if p.kana]
        return Row(
            Ref("meeting", m.id),
            (m.date.isoformat(), local, fy, kind, fmt, m.title, _count(len(m.people), cat, "person"),
             _count(len(m.agenda), cat, "item"), _count(None)),  # consultations: counted once loaded
            row_key((m.id, m.title), (local, fy, kind, fmt, m.venue.name if m.venue else None,
                                      m.theme_title, *self._theme_words(m.themes), *names),
                    related_readings=readings),
        )

    def _consultations(self) -> list[Row]:
        lang, data, sep = self.cat.lang, self.data, self.cat.separator
        advisors, municipalities = data.records.advisors, data.records.municipalities
        rows = []
        entries = sorted(
            data.index.consultations,
            key=lambda c: (-c.date.toordinal(), c.meeting_id, c.keypath_order),
        )
        for c in entries:
            meeting = data.meeting(c.meeting_id)
            theme = data.topic_label(c.theme, c.topic_title, lang)
            answerers = data.answerer_names(c)
            towns = [data.municipality_name(code) for code in c.municipalities]
            title = meeting.title if meeting else c.meeting_id
            readings = [kana_key(kana) for a in c.advisors if a in advisors and (kana := advisors[a].kana)]
            readings += [kana_key(municipalities[code].kana) for code in c.municipalities
                         if code in municipalities]
            rows.append(Row(
                Ref("consultation", c.id),
                (c.date.isoformat(), theme, c.question.replace("\n", " "), joined(answerers, sep),
                 joined(towns, sep), title),
                # What people remember of a consultation: its words, the answers' too.
                row_key((c.id, c.question), (*(a.text for a in c.answers), c.topic_title,
                                             *self._theme_words([c.theme]), title, *answerers, *towns,
                                             *c.advisors), related_readings=readings),
            ))
        return rows

    def _advisors(self) -> list[Row]:
        data, sep = self.data, self.cat.separator
        counted = self.counted()
        rows = []
        for advisor_id, a in sorted(data.records.advisors.items(),
                                    key=lambda item: reading_order(item[1].kana, item[0])):
            meetings = answered = presented = None
            if counted:
                mentions = data.index.mentions("advisor", advisor_id)
                meetings = len({m.meeting_id for m in mentions if m.meeting_id})
                answered = len({m.consultation_id for m in mentions
                                if m.role == "answerer" and m.consultation_id})
                presented = len({(m.meeting_id, m.agenda_index) for m in mentions
                                 if m.role in ("presenter", "speaker")})
            affiliations = [affiliation_text(f) for f in a.affiliations]
            expertise = joined((data.theme_label(t, self.cat.lang) for t in a.expertise), sep)
            rows.append(Row(
                Ref("advisor", advisor_id),
                (a.name, a.kana or self.cat.t("outline.reading_unknown"), advisor_id,
                 joined(affiliations, " / "), expertise,
                 _count(meetings, self.cat, "meeting"), _count(answered, self.cat, "consultation"),
                 _count(presented, self.cat, "item")),
                row_key((a.name, a.name_en, advisor_id), (*affiliations, *self._theme_words(a.expertise)),
                        readings=[kana_key(a.kana)] if a.kana else []),
                active=not counted or bool(meetings),
            ))
        return rows

    def _municipalities(self) -> list[Row]:
        data = self.data
        index = data.index
        rows = []
        municipalities = data.records.municipalities
        bureaus = set(repository_bureaus(data.records))
        counted = self.counted()
        for code, m in sorted(municipalities.items(),
                              key=lambda item: (reading_key(item[1].kana), item[0])):
            kind = self.cat.enum("municipality_kind", m.kind.value)
            prefecture = data.prefecture_of(code)
            prefecture_name = data.municipality_name(prefecture) if prefecture else ""
            # The prefecture by its reading too: さいたま 戸田, saitama toda.
            prefecture_kana = kana_key(municipalities[prefecture].kana) if prefecture else ""
            mentions = index.mentions("municipality", code)
            advisors = meetings = consultations = None
            if counted:
                advisors = len({x.advisor for x in mentions if x.role == "affiliation"})
                meetings = len({x.meeting_id for x in mentions if x.meeting_id})
                consultations = len({x.consultation_id for x in mentions if x.consultation_id})
            rows.append(Row(
                Ref("municipality", code),
                (code, m.name, m.kana, kind, prefecture_name, _count(advisors, self.cat, "advisor"),
                 _count(meetings, self.cat, "meeting"), _count(consultations, self.cat, "consultation")),
                row_key((m.name, code), (prefecture_name,), readings=[kana_key(m.kana)],
                        related_readings=[prefecture_kana]),
                scoped=not bureaus or data.bureau_of(code) in bureaus or bool(mentions),
                active=not counted or bool(mentions),
            ))
        return rows

    def _themes(self) -> list[Row]:
        data = self.data
        counted = self.counted()
        rows = []
        for theme_id, t in sorted(data.records.themes.items(), key=self._theme_order):
            advisors = meetings = consultations = ranked = None
            if counted:
                mentions = data.index.mentions("theme", theme_id)
                advisors = len({x.advisor for x in mentions if x.role == "expertise"})
                meetings = len({x.meeting_id for x in mentions if x.meeting_id})
                consultations = len({x.consultation_id for x in mentions if x.consultation_id})
                ranked = sum(1 for x in mentions if x.role == "ranked")
            rows.append(Row(
                Ref("theme", theme_id),
                (theme_id, t.label, t.kana or self.cat.t("outline.reading_unknown"), t.label_en,
                 _count(advisors, self.cat, "advisor"), _count(meetings, self.cat, "meeting"),
                 _count(consultations, self.cat, "consultation"), _count(ranked, self.cat, "ranked")),
                row_key((theme_id, t.label, t.label_en), (t.description,),
                        readings=[kana_key(t.kana)] if t.kana else []),
                active=not counted or bool(advisors or meetings or consultations or ranked),
            ))
        return rows

    def _theme_order(self, item: tuple[str, Theme]) -> tuple[object, ...]:
        """Themes by the reading of their label (五十音順), readings not known last; in English by
        the English label."""
        theme_id, theme = item
        if self.cat.lang == "ja":
            return reading_order(theme.kana, theme_id)
        return (False, theme.label_en.casefold(), theme_id)

    def _problems(self) -> list[Row]:
        rows = []
        for number, p in enumerate(self.data.problems):
            title, message = self.cat.problem_title(p), self.cat.problem_message(p)
            rows.append(Row(
                Ref("problem", str(number)),
                (p.code, p.location(), title, message),
                row_key((p.code, p.location()), (title, message, p.message)),
            ))
        return rows
