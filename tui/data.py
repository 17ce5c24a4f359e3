"""The repository as the interface sees it: records, the cross-reference index and the problems,
loaded once, with the lookups every screen needs. Never imports Textual (the bench and the tests
use it headless).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from schema.ids import prefecture_code
from schema.locate import KeyLocator
from schema.models import Affiliation, Consultation, Meeting, Presentation, Records
from schema.problems import Problem
from schema.xref import ConsultationEntry, CrossIndex, Mention, build_index
from tui.i18n import Catalogue
from tui.textmatch import reading_key

RefKind = Literal["meeting", "consultation", "advisor", "municipality", "theme", "problem"]


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to something the interface can open: a record, a consultation or a problem."""

    kind: RefKind
    id: str
    anchor: str | None = None
    """A place within the record to show (a meeting's agenda item or consultation)."""


@dataclass
class RepoData:
    """Everything the interface shows. Filled in steps while loading (see schema.loader.RepositoryLoader); `ready`
    once every file is loaded, the references resolved and the cross-reference index built."""

    repo: Path
    records: Records = field(default_factory=Records)
    index: CrossIndex = field(default_factory=CrossIndex)
    problems: list[Problem] = field(default_factory=list)
    file_texts: dict[str, str] = field(default_factory=dict)
    """Repository-relative path → text of each data file that could be read."""
    ready: bool = False
    _problem_refs: list[Ref | None] | None = None
    _problems_by_ref: dict[Ref, list[int]] | None = None
    _meeting_of_path: dict[str, str] | None = None

    @classmethod
    def load(cls, repo: Path, cat: Catalogue) -> RepoData:
        """Load everything at once; a repository with problems gives its records and problems."""
        from schema.loader import load_repository

        data = cls(repo)
        try:
            result = load_repository(repo)
        except Exception as exc:  # the interface must open even when the loader fails
            data.complete(Records(), [failure(exc, cat)], {}, CrossIndex())
            return data
        texts = {path: source.text for path, source in result.sources.items()}
        data.complete(result.records, list(result.problems), texts, build_index(result.records))
        return data

    def complete(self, records: Records, problems: list[Problem], texts: dict[str, str],
                 index: CrossIndex) -> None:
        self.records, self.problems, self.file_texts, self.index = records, problems, texts, index
        self._problem_refs = self._problems_by_ref = self._meeting_of_path = None
        self.ready = True

    # -- lookups -------------------------------------------------------------------------------

    def exists(self, ref: Ref) -> bool:
        records = self.records
        match ref.kind:
            case "meeting":
                return ref.id in records.meetings
            case "consultation":
                return ref.id in self.index.by_id and self.index.by_id[ref.id].meeting_id in records.meetings
            case "advisor":
                return ref.id in records.advisors
            case "municipality":
                return ref.id in records.municipalities
            case "theme":
                return ref.id in records.themes
            case "problem":
                return ref.id.isdigit() and int(ref.id) < len(self.problems)
        return False

    def advisor_name(self, advisor_id: str) -> str:
        advisor = self.records.advisors.get(advisor_id)
        return advisor.name if advisor else advisor_id

    def municipality_name(self, code: str) -> str:
        municipality = self.records.municipalities.get(code)
        return municipality.name if municipality else code

    def theme_label(self, theme_id: str | None, lang: str) -> str:
        if not theme_id:
            return ""
        theme = self.records.themes.get(theme_id)
        if theme is None:
            return theme_id
        return theme.label if lang == "ja" else theme.label_en

    def topic_label(self, theme_id: str | None, title: str | None, lang: str) -> str:
        """What a consultation topic is about: its theme's label, else the topic's own title."""
        return self.theme_label(theme_id, lang) if theme_id else (title or "")

    def meeting(self, meeting_id: str) -> Meeting | None:
        return self.records.meetings.get(meeting_id)

    def consultation(self, consultation_id: str) -> ConsultationEntry | None:
        return self.index.by_id.get(consultation_id)

    def prefecture_of(self, code: str) -> str | None:
        """The code of the prefecture a local government belongs to, when it is in the records."""
        prefecture = prefecture_code(code) if len(code) == 6 and code.isdigit() else None
        if prefecture is None or prefecture == code or prefecture not in self.records.municipalities:
            return None
        return prefecture

    def person_name(self, meeting: Meeting, key: str) -> str:
        person = meeting.people.get(key)
        return person.name if person else key

    def affiliated_advisors(self, code: str) -> list[str]:
        """Advisors whose affiliation links to the local government, by reading."""
        return self._advisors_by_reading(
            m.advisor for m in self.index.mentions("municipality", code) if m.role == "affiliation")

    def expert_advisors(self, theme_id: str) -> list[str]:
        """Advisors with the theme among their expertise, by reading."""
        return self._advisors_by_reading(
            m.advisor for m in self.index.mentions("theme", theme_id) if m.role == "expertise")

    def _advisors_by_reading(self, ids: Iterable[str | None]) -> list[str]:
        advisors = self.records.advisors
        known = {i for i in ids if i and i in advisors}
        return sorted(known, key=lambda i: (reading_key(advisors[i].kana), i))

    def meeting_mentions(self, kind: RefKind, record_id: str) -> dict[str, list[Mention]]:
        """Mentions of a record grouped by meeting, latest meeting first."""
        grouped: dict[str, list[Mention]] = defaultdict(list)
        for mention in self.index.mentions(kind, record_id):
            if mention.meeting_id:
                grouped[mention.meeting_id].append(mention)
        meetings = self.records.meetings

        def order(meeting_id: str) -> tuple[str, str]:
            meeting = meetings.get(meeting_id)
            return (meeting.date.isoformat() if meeting else "", meeting_id)

        return {mid: grouped[mid] for mid in sorted(grouped, key=order, reverse=True)}

    def consultations_answered(self, advisor_id: str) -> list[ConsultationEntry]:
        return [c for c in self.index.consultations_of("advisor", advisor_id)
                if advisor_id in c.advisors]

    def consultations_asked(self, advisor_id: str) -> list[ConsultationEntry]:
        return [c for c in self.index.consultations_of("advisor", advisor_id)
                if advisor_id not in c.advisors]

    def chart(self) -> tuple[list[str], list[int], list[list[int]]]:
        """Consultations per theme per fiscal year: theme ids (most consulted first), fiscal years
        (ascending) and the counts, one row per theme. Questions without a theme count under ""."""
        counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        years: set[int] = set()
        for entry in self.index.consultations:
            if entry.source != "consultation":
                continue
            counts[entry.theme or ""][entry.fiscal_year] += 1
            years.add(entry.fiscal_year)
        fiscal_years = sorted(years)
        themes = sorted(counts, key=lambda t: (-sum(counts[t].values()), t == "", t))
        return themes, fiscal_years, [[counts[t][y] for y in fiscal_years] for t in themes]

    # -- problems ------------------------------------------------------------------------------

    def problem_ref(self, number: int) -> Ref | None:
        """The record at fault for problem `number`, where it loaded; None where it did not."""
        if not self.ready:
            return None
        if self._problem_refs is None:
            locators: dict[str, _RecordLines] = {}
            self._problem_refs = [self._locate(p, locators) for p in self.problems]
        return self._problem_refs[number] if 0 <= number < len(self._problem_refs) else None

    def problems_of(self, ref: Ref) -> list[int]:
        """Numbers of the problems located in a record."""
        if not self.ready:
            return []
        if self._problems_by_ref is None:
            by_ref: dict[Ref, list[int]] = defaultdict(list)
            for number in range(len(self.problems)):
                located = self.problem_ref(number)
                if located is not None:
                    by_ref[located].append(number)
            self._problems_by_ref = dict(by_ref)
        return self._problems_by_ref.get(ref, [])

    def _locate(self, problem: Problem, locators: dict[str, _RecordLines]) -> Ref | None:
        path = problem.path
        if self._meeting_of_path is None:
            self._meeting_of_path = {p: i for i, p in self.records.meeting_paths.items()}
        meeting_id = self._meeting_of_path.get(path)
        if meeting_id is not None:
            return Ref("meeting", meeting_id)
        kind = _ROOT_KINDS.get(path)
        text = self.file_texts.get(path)
        if kind is None or text is None or problem.line is None:
            return None
        if path not in locators:
            locators[path] = _record_lines(KeyLocator(text), _ROOT_TABLES[kind])
        record_id = _record_at(locators[path], problem.line)
        if record_id is None:
            return None
        ref = Ref(kind, record_id)
        return ref if self.exists(ref) else None


def failure(exc: BaseException, cat: Catalogue) -> Problem:
    """A problem that stands for a loader that failed (a bug): shown, never a crash."""
    return Problem(path=".", line=None, col=None, code="E100",
                   message=cat.t("loader.failed", error=repr(exc)))


def affiliation_text(affiliation: Affiliation) -> str:
    """An affiliation in one line: the organization and the title there."""
    return " ".join(filter(None, (affiliation.organization, affiliation.title)))


def consultation_count(meeting: Meeting) -> int:
    """Questions with their answers in a meeting (what the index counts as consultations)."""
    count = 0
    for item in meeting.agenda:
        if isinstance(item, Consultation):
            count += sum(len(topic.questions) for topic in item.topics)
        elif isinstance(item, Presentation):
            count += len(item.questions)
    return count


_ROOT_KINDS: dict[str, RefKind] = {
    "advisors.toml": "advisor",
    "municipalities.toml": "municipality",
    "themes.toml": "theme",
}
_ROOT_TABLES = {"advisor": "advisors", "municipality": "municipalities", "theme": "themes"}


_RecordLines = tuple[list[int], list[str]]
"""The lines on which a record's key paths start, ascending, and the record of each line's first."""


def _record_lines(locator: KeyLocator, table: str) -> _RecordLines:
    """One pass over a root file's key paths (a problem lookup is then a bisection, not a scan of
    every line above it for every key of the file)."""
    first: dict[int, str] = {}
    for path, line in locator.lines():
        if len(path) >= 2 and path[0] == table and isinstance(path[1], str):
            first.setdefault(line, path[1])
    lines = sorted(first)
    return lines, [first[line] for line in lines]


def _record_at(records: _RecordLines, line: int) -> str | None:
    """The key of the record a problem at `line` (1-based) of a root file is in: the record of the
    first key path that starts on that line or, where none does (a blank line, the inside of a
    multi-line string), on the nearest line above."""
    lines, ids = records
    at = bisect_right(lines, line) - 1
    return ids[at] if at >= 0 else None
