"""The records as people read them: names and labels of what a record refers to, who appears where,
counts, and the problems of each record. One read model for `daicho show` and the terminal UI
(which adds loading in steps on top, tui/data.py). Never imports Textual.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from schema.files.ids import prefecture_code
from schema.files.locate import KeyLocator, KeyPath
from schema.files.repofiles import ROOT_NAMED, ROOT_OF_KIND
from schema.load.suggest import CandidateIndex
from schema.models import Advisor, Affiliation, Bureau, Meeting, Records
from schema.models.prefectures import bureau_of
from schema.models.refs import Role
from schema.read.figures import consultations_by_theme
from schema.read.textmatch import reading_key
from schema.read.xref import ConsultationEntry, CrossIndex, Mention, iter_questions
from schema.words.problems import Problem

if TYPE_CHECKING:
    from schema.load.modelcache import ModelCache

RefKind = Literal["meeting", "consultation", "advisor", "municipality", "theme", "problem"]


@dataclass(frozen=True, slots=True)
class Ref:
    """Something a reader can open: a record, a consultation or a problem."""

    kind: RefKind
    id: str
    anchor: str | None = None
    """A place within the record to show (a meeting's agenda item or consultation)."""


def reading_order(kana: str | None, key: str) -> tuple[bool, tuple[str, str], str]:
    """Sort key of a name by its reading; names whose reading is unknown come after the others."""
    return (kana is None, reading_key(kana or ""), key)


def affiliation_text(affiliation: Affiliation) -> str:
    """An affiliation in one line: the organization and the title there."""
    return " ".join(filter(None, (affiliation.organization, affiliation.title)))


def current_affiliation(advisor: Advisor) -> str:
    """The organization of the advisor's latest affiliation (by its fiscal years), else ""."""
    if not advisor.affiliations:
        return ""
    latest = max(advisor.affiliations, key=lambda a: max(a.fiscal_years, default=0))
    return latest.organization


def consultation_count(meeting: Meeting) -> int:
    """Questions in a meeting (what the index counts as consultations)."""
    return sum(1 for _ in iter_questions(meeting))


@dataclass
class ReadModel:
    """Records, the cross-reference index and the problems, with the lookups readers need."""

    records: Records = field(default_factory=Records)
    index: CrossIndex = field(default_factory=CrossIndex)
    problems: list[Problem] = field(default_factory=list)
    file_texts: dict[str, str] = field(default_factory=dict)
    """Repository-relative path → text of each data file that could be read."""
    cache: ModelCache | None = None
    """The model cache the files were loaded through (a load after a save reads through it: only
    the files that changed are checked again); None: files are checked afresh."""
    generation: int = 0
    """Counts the times the records were loaded again after files were written or changed."""
    _problem_refs: list[Ref | None] | None = None
    _problems_by_ref: dict[Ref, list[int]] | None = None
    _shared_names: set[str] | None = None
    _locators: dict[str, KeyLocator | None] = field(default_factory=dict)
    _suggesters: dict[str, CandidateIndex] = field(default_factory=dict)

    def complete(self, records: Records, problems: list[Problem], texts: dict[str, str],
                 index: CrossIndex) -> None:
        """The records, their problems, the files' texts and the index replaced (a load)."""
        self.records, self.problems, self.file_texts, self.index = records, problems, texts, index
        self.reset_problems()

    def reset_problems(self) -> None:
        """Forget what was worked out from the records and problems (they were replaced)."""
        self._problem_refs = self._problems_by_ref = None
        self._shared_names = None
        self._locators.clear()
        self._suggesters.clear()

    def text_of(self, path: str) -> str | None:
        """The text of a data file (repository-relative path), None when it could not be read."""
        return self.file_texts.get(path)

    def locator(self, path: str) -> KeyLocator | None:
        """The key locator of a data file's text (made once per file)."""
        if path not in self._locators:
            text = self.text_of(path)
            self._locators[path] = KeyLocator(text) if text is not None else None
        return self._locators[path]

    def problem_keypath(self, number: int) -> KeyPath | None:
        """Where in its file problem `number` is, as a key path (None: the file as a whole)."""
        problem = self.problems[number]
        if problem.line is None:
            return None
        locator = self.locator(problem.path)
        return locator.path_at(problem.line, problem.col or 1) if locator is not None else None

    # -- references that do not resolve ----------------------------------------------------

    def unloaded_file(self, kind: RefKind) -> str | None:
        """The root file of a kind of record when it is missing or did not load, else None."""
        root = ROOT_OF_KIND.get(kind)
        return root.name if root is not None and root.name in self.records.unloaded else None

    def suggest(self, kind: RefKind, value: str) -> str | None:
        """The id of the record of `kind` that `value` most likely meant (did you mean), or None."""
        keys: dict[str, Collection[str]] = {"advisor": self.records.advisors,
                                            "municipality": self.records.municipalities,
                                            "theme": self.records.themes}
        candidates = keys.get(kind)
        if not candidates:
            return None
        if kind not in self._suggesters:
            self._suggesters[kind] = CandidateIndex(candidates)
        close = self._suggesters[kind].closest(value)
        return close[0] if close else None

    @staticmethod
    def suggest_among(value: str, candidates: list[str]) -> str | None:
        close = CandidateIndex(candidates).closest(value)
        return close[0] if close else None

    def label_of(self, ref: Ref, lang: str) -> str:
        """A record's name as a reference shows it."""
        match ref.kind:
            case "advisor":
                return self.advisor_label(ref.id)
            case "municipality":
                return self.municipality_name(ref.id)
            case "theme":
                return self.theme_label(ref.id, lang)
        return ref.id

    # -- records -----------------------------------------------------------------------------

    def exists(self, ref: Ref) -> bool:
        records = self.records
        match ref.kind:
            case "meeting":
                return ref.id in records.meetings
            case "consultation":
                entry = self.index.by_id.get(ref.id)
                return entry is not None and entry.meeting_id in records.meetings
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

    def advisor_label(self, advisor_id: str) -> str:
        """The advisor's name, with their affiliation beside it where another advisor has the same
        name (岡村 久和 (亜細亜大学)); with the id where that does not tell them apart either."""
        advisor = self.records.advisors.get(advisor_id)
        if advisor is None:
            return advisor_id
        if self._shared_names is None:
            counts: dict[str, int] = defaultdict(int)
            for other in self.records.advisors.values():
                counts[other.name] += 1
            self._shared_names = {name for name, count in counts.items() if count > 1}
        if advisor.name not in self._shared_names:
            return advisor.name
        return f"{advisor.name} ({current_affiliation(advisor) or advisor_id})"

    def answerer_names(self, entry: ConsultationEntry) -> list[str]:
        """Who answered a consultation: the people, named as the meeting stated them (an advisor
        another advisor shares a name with, told apart as `advisor_label` does), then the local
        governments that answered."""
        meeting = self.meeting(entry.meeting_id)
        names = []
        for key in entry.answerers:
            person = meeting.people.get(key) if meeting is not None else None
            if person is None:
                names.append(key)
                continue
            advisor = self.records.advisors.get(person.advisor or "")
            apart = self.advisor_label(person.advisor).removeprefix(advisor.name) if advisor and person.advisor else ""
            names.append(person.name + apart)
        names += [self.municipality_name(code) for code in entry.answering_municipalities]
        return list(dict.fromkeys(names))

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

    def bureau_of(self, code: str) -> Bureau | None:
        """The bureau whose region the local government is in."""
        return bureau_of(code)

    def person_name(self, meeting: Meeting, key: str) -> str:
        person = meeting.people.get(key)
        return person.name if person else key

    def affiliated_advisors(self, code: str) -> list[str]:
        """Advisors whose affiliation links to the local government, by reading."""
        return self._advisors_by_reading(
            m.advisor for m in self.index.mentions("municipality", code) if m.role == Role.AFFILIATION)

    def expert_advisors(self, theme_id: str) -> list[str]:
        """Advisors with the theme among their expertise, by reading."""
        return self._advisors_by_reading(
            m.advisor for m in self.index.mentions("theme", theme_id) if m.role == Role.EXPERTISE)

    def _advisors_by_reading(self, ids: Iterable[str | None]) -> list[str]:
        advisors = self.records.advisors
        known = {i for i in ids if i and i in advisors}
        return sorted(known, key=lambda i: reading_order(advisors[i].kana, i))

    def meeting_mentions(self, kind: RefKind, record_id: str) -> dict[str, list[Mention]]:
        """Mentions of a record grouped by meeting, latest meeting first."""
        grouped: dict[str, list[Mention]] = defaultdict(list)
        for mention in self.index.mentions(kind, record_id):  # type: ignore[arg-type]
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
        return self._consultations_in_role(advisor_id, Role.ASKER)

    def consultations_addressed(self, advisor_id: str) -> list[ConsultationEntry]:
        """Questions put to the advisor (among others), answered by them or not."""
        return self._consultations_in_role(advisor_id, Role.ADDRESSEE)

    def _consultations_in_role(self, advisor_id: str, role: Role) -> list[ConsultationEntry]:
        ids = dict.fromkeys(m.consultation_id for m in self.index.mentions("advisor", advisor_id)
                            if m.role == role and m.consultation_id)
        return [self.index.by_id[i] for i in ids]

    def talks(self, advisor_id: str) -> list[Mention]:
        """Where the advisor presented or spoke, latest first."""
        talks = [m for m in self.index.mentions("advisor", advisor_id)
                 if m.role in (Role.PRESENTER, Role.SPEAKER)]
        return sorted(talks, key=lambda m: (m.meeting_id, m.agenda_index or 0), reverse=True)

    def rankings(self, theme_id: str) -> list[Mention]:
        """Survey rankings of the theme, latest first."""
        return [m for m in reversed(self.index.mentions("theme", theme_id)) if m.role == Role.RANKED]

    def members(self, prefecture: str) -> list[str]:
        """The local governments of a prefecture (its own code aside), by reading."""
        municipalities = self.records.municipalities
        return sorted((c for c in municipalities if c != prefecture and self.prefecture_of(c) == prefecture),
                      key=lambda c: reading_order(municipalities[c].kana, c))

    def chart(self) -> tuple[list[str], list[int], list[list[int]]]:
        """Consultations per theme per fiscal year (schema.read.figures): theme ids (most consulted
        first), fiscal years (ascending) and the counts, one row per theme. Questions of
        consultation sessions only; those without a theme count under ""."""
        figure = consultations_by_theme(self.index)
        return figure.themes, figure.years, figure.counts

    # -- problems ------------------------------------------------------------------------------

    def problem_ref(self, number: int) -> Ref | None:
        """The record at fault for problem `number`, where it loaded; None where it did not."""
        if self._problem_refs is None:
            self._problem_refs = self._locate_all()
        return self._problem_refs[number] if 0 <= number < len(self._problem_refs) else None

    def problems_of(self, ref: Ref) -> list[int]:
        """Numbers of the problems located in a record."""
        if self._problems_by_ref is None:
            by_ref: dict[Ref, list[int]] = defaultdict(list)
            for number in range(len(self.problems)):
                located = self.problem_ref(number)
                if located is not None:
                    by_ref[located].append(number)
            self._problems_by_ref = dict(by_ref)
        return self._problems_by_ref.get(ref, [])

    def _locate_all(self) -> list[Ref | None]:
        meeting_of_path = {p: i for i, p in self.records.meeting_paths.items()}
        record_lines: dict[str, list[tuple[int, str]]] = {}
        refs: list[Ref | None] = []
        for problem in self.problems:
            path = problem.path
            meeting_id = meeting_of_path.get(path)
            if meeting_id is not None:
                refs.append(Ref("meeting", meeting_id))
                continue
            root = ROOT_NAMED.get(path)
            if root is not None and problem.line is not None and path not in record_lines:
                text = self.text_of(path)
                record_lines[path] = _record_starts(KeyLocator(text), root.table) if text else []
            if root is None or problem.line is None or not record_lines[path]:
                refs.append(None)
                continue
            record_id = _record_at(record_lines[path], problem.line)
            ref = Ref(root.kind, record_id) if record_id is not None else None
            refs.append(ref if ref is not None and self.exists(ref) else None)
        return refs




def _record_starts(locator: KeyLocator, table: str) -> list[tuple[int, str]]:
    """(first line, key) of every record of a root file's table, by line."""
    starts: dict[str, int] = {}
    for path, line in locator.first_lines():
        if len(path) >= 2 and path[0] == table and isinstance(path[1], str):
            key = path[1]
            if key not in starts or line < starts[key]:
                starts[key] = line
    return sorted((line, key) for key, line in starts.items())


def _record_at(starts: list[tuple[int, str]], line: int) -> str | None:
    """The key of the record a problem at `line` (1-based) is in: the last record that starts on
    or above that line."""
    from bisect import bisect_right

    position = bisect_right(starts, (line, "\U0010ffff"))
    return starts[position - 1][1] if position else None
