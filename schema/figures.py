"""The figures of the records: consultations per theme per fiscal year, survey rankings across years,
and advisors by the consultations they answered.

One description of each figure, read by `daicho report` (as tables, bar charts, Markdown and CSV)
and by the terminal UI's home screen (`ReadModel.chart()`). Figures are made from the loaded
records and the cross-reference index (schema.xref); headless, never imports Textual.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from schema.models import Rank, Records
from schema.textmatch import reading_key
from schema.walk import records as walk_records
from schema.xref import CrossIndex

NO_THEME = ""
"""The theme of consultations asked under no theme."""


@dataclass(frozen=True, slots=True)
class ThemeYears:
    """Consultations per theme per fiscal year: questions of consultation sessions (相談会), by the
    theme of the topic they were asked under (`NO_THEME` where none)."""

    themes: list[str]
    """Theme ids, most consulted first."""
    years: list[int]
    """Fiscal years, ascending."""
    counts: list[list[int]]
    """One row per theme, one count per fiscal year."""

    def total(self, row: int) -> int:
        return sum(self.counts[row])


@dataclass(frozen=True, slots=True)
class RankCell:
    """How a theme ranked in the surveys of one fiscal year."""

    best: int
    mean: float
    surveys: int
    """The surveys of that year that ranked it."""


@dataclass(frozen=True, slots=True)
class SurveyRankings:
    """Survey rankings across fiscal years: each ranked theme (or, without a theme, label) with its
    ranks year by year."""

    items: list[tuple[str | None, str]]
    """(theme id, label as first ranked); ordered by the latest year they were ranked in, then by
    their mean rank there."""
    years: list[int]
    cells: list[list[RankCell | None]]
    """One row per item, one cell per year (None: not ranked that year)."""
    surveys: list[int]
    """Surveys per year."""


@dataclass(frozen=True, slots=True)
class AdvisorAnswers:
    advisor: str
    """The advisor's id."""
    answered: int
    """Consultations the advisor answered (named as answering, or as a respondent of the topic)."""
    by_year: dict[int, int]


@dataclass(frozen=True, slots=True)
class Figures:
    consultations: ThemeYears
    rankings: SurveyRankings
    advisors: list[AdvisorAnswers]


def figures(records: Records, index: CrossIndex) -> Figures:
    return Figures(consultations_by_theme(index), survey_rankings(records), advisors_by_answers(records, index))


def consultations_by_theme(index: CrossIndex) -> ThemeYears:
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    years: set[int] = set()
    for entry in index.consultations:
        if entry.source != "consultation":
            continue
        counts[entry.theme or NO_THEME][entry.fiscal_year] += 1
        years.add(entry.fiscal_year)
    fiscal_years = sorted(years)
    themes = sorted(counts, key=lambda t: (-sum(counts[t].values()), t == NO_THEME, t))
    return ThemeYears(themes, fiscal_years, [[counts[t][y] for y in fiscal_years] for t in themes])


def survey_rankings(records: Records) -> SurveyRankings:
    """Every ranking line of every survey (found by walking the meetings for `Rank` records, so a
    ranking in any agenda kind counts), by theme — by label where it names no theme."""
    ranks: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, tuple[str | None, str]] = {}
    surveys: dict[int, set[tuple[str, tuple[str | int, ...]]]] = defaultdict(set)
    for meeting in records.meetings.values():
        for keypath, record in walk_records(meeting):
            if not isinstance(record, Rank):
                continue
            key = f"theme:{record.theme}" if record.theme else f"label:{record.label}"
            labels.setdefault(key, (record.theme, record.label))
            ranks[key][meeting.fiscal_year].append(record.rank)
            surveys[meeting.fiscal_year].add((meeting.id, tuple(keypath[:-2])))
    years = sorted(surveys)
    cells = {key: {year: RankCell(min(found), sum(found) / len(found), len(found))
                   for year, found in by_year.items()} for key, by_year in ranks.items()}

    def order(key: str) -> tuple[int, float, str]:
        latest = max(cells[key])
        return (-latest, cells[key][latest].mean, key)

    keys = sorted(cells, key=order)
    return SurveyRankings([labels[k] for k in keys], years,
                          [[cells[k].get(year) for year in years] for k in keys],
                          [len(surveys[year]) for year in years])


def advisors_by_answers(records: Records, index: CrossIndex) -> list[AdvisorAnswers]:
    """Advisors who answered consultations, most first (then by reading)."""
    by_year: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for entry in index.consultations:
        for advisor in entry.advisors:
            by_year[advisor][entry.fiscal_year] += 1
    advisors = records.advisors

    def order(advisor_id: str) -> tuple[int, bool, tuple[str, str], str]:
        found = advisors.get(advisor_id)
        kana = found.kana if found else None
        return (-sum(by_year[advisor_id].values()), kana is None, reading_key(kana or ""), advisor_id)

    return [AdvisorAnswers(a, sum(by_year[a].values()), dict(sorted(by_year[a].items())))
            for a in sorted(by_year, key=order)]
