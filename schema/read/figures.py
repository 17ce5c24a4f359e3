"""The figures of the records: consultations per theme per fiscal year, survey rankings across years,
and advisors by the consultations they answered.

One description of each figure, read by `daicho report` (as tables, bar charts, Markdown and CSV)
and by the terminal UI's home screen (`ReadModel.chart()`). Figures are made from the loaded
records and the cross-reference index (schema.read.xref); headless, never imports Textual.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from schema.models import Rank, Records
from schema.read.era import fiscal_year_label
from schema.read.textmatch import reading_key
from schema.read.xref import CrossIndex

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
class SurveyColumn:
    """One survey: a meeting's agenda item with a ranking."""

    meeting: str
    """The meeting's id."""
    position: int
    """The item's place in the meeting's agenda (from 0)."""
    fiscal_year: int
    date: dt.date
    responses: int | None
    """How many answered, where the record says."""


@dataclass(frozen=True, slots=True)
class SurveyRankings:
    """Survey rankings side by side: each ranked theme (or, without a theme, label) with its rank in
    every survey, year by year — a year with several surveys shows each of them, never a mean."""

    items: list[tuple[str | None, str]]
    """(theme id, label as first ranked); ordered by the latest survey that ranked them, then by
    their rank there."""
    surveys: list[SurveyColumn]
    """The surveys, oldest first (by date, meeting, place in the agenda)."""
    cells: list[list[int | None]]
    """One row per item, one rank per survey (None: that survey did not rank it)."""

    @property
    def years(self) -> list[int]:
        """The fiscal years of the surveys, ascending."""
        return sorted({survey.fiscal_year for survey in self.surveys})

    def shares_year(self, column: int) -> bool:
        """Whether another survey was held in the same fiscal year as survey `column`."""
        year = self.surveys[column].fiscal_year
        return sum(survey.fiscal_year == year for survey in self.surveys) > 1

    def heading(self, column: int, lang: str) -> str:
        """The survey's column heading: its fiscal year, and its date where the year had several
        (令和4年度 10/5 and 令和4年度 2/8; FY2022 10/5)."""
        survey = self.surveys[column]
        day = f" {survey.date.month}/{survey.date.day}" if self.shares_year(column) else ""
        return fiscal_year_label(survey.fiscal_year, lang) + day


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
    """Every ranking line of every survey (an agenda item of any kind with a `ranking`), by theme —
    by label where it names no theme — one column a survey. It reads the agenda items only (not
    every nested record): the home screen makes it once the repository is loaded."""
    ranks: dict[str, dict[SurveyColumn, int]] = defaultdict(dict)
    labels: dict[str, tuple[str | None, str]] = {}
    for meeting in records.meetings.values():
        for position, item in enumerate(meeting.agenda):
            ranking: list[Rank] = getattr(item, "ranking", None) or []
            if not ranking:
                continue
            survey = SurveyColumn(meeting.id, position, meeting.fiscal_year, meeting.date,
                                  getattr(item, "responses", None))
            for record in ranking:
                key = f"theme:{record.theme}" if record.theme else f"label:{record.label}"
                labels.setdefault(key, (record.theme, record.label))
                found = ranks[key].get(survey)
                ranks[key][survey] = record.rank if found is None else min(found, record.rank)
    surveys = sorted({s for by_survey in ranks.values() for s in by_survey},
                     key=lambda s: (s.fiscal_year, s.date, s.meeting, s.position))
    column = {survey: n for n, survey in enumerate(surveys)}

    def order(key: str) -> tuple[int, int, str]:
        latest = max(ranks[key], key=column.__getitem__)
        return (-column[latest], ranks[key][latest], key)

    keys = sorted(ranks, key=order)
    return SurveyRankings([labels[k] for k in keys], surveys, [[ranks[k].get(s) for s in surveys] for k in keys])


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
