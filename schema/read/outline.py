"""A record laid out for reading: every field it has, then everything that refers to it.

`Outliner.record(ref)` gives the lines that both `daicho show` (as text) and the terminal UI (as a
document with links) print. The layout is generic: fields in model order with their labels from the
catalogue, nested records indented, lists of records numbered from 1, references shown by the name
of what they name (and linked). A few record types have a headline of their own (a question, an
answer, a rank with its tie, a person with their role): `_ENTRY_STYLES` holds them, one entry per
type. A field added to a model is shown without code here; a catalogue test asks for its label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel

from schema.files.ids import wrong_check_digit
from schema.files.locate import KeyPath
from schema.models import (
    Affiliation,
    Answer,
    Material,
    Meeting,
    Opinion,
    Part,
    Person,
    Question,
    Rank,
    Role,
    Target,
    Topic,
    Unnamed,
)
from schema.models.agenda import ITEM_MODELS
from schema.models.walk import RefField, plan
from schema.read.era import fiscal_year_label, full_date, local_date
from schema.read.readmodel import ReadModel, Ref, affiliation_text
from schema.read.textmatch import cell_width
from schema.read.xref import ConsultationEntry, Mention, consultation_id
from schema.words.catalogue import Catalogue
from schema.words.i18n import enum_group
from schema.words.problems import shorten_message

Style = Literal["heading", "section", "label", "text", "link", "muted", "warning", "error", "id", "quote"]
LineKind = Literal["heading", "section", "field", "entry", "blank"]


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    style: Style = "text"


@dataclass(slots=True)
class Line:
    """One line (a paragraph, when it wraps) of a record as read."""

    pieces: list[Piece]
    label: str = ""
    """A field's label, shown before the pieces in a column of labels."""
    depth: int = 0
    """How deep in the record: nested records are indented one step a level."""
    kind: LineKind = "field"
    ref: Ref | None = None
    """What opening the line opens (a record it names)."""
    anchor: str | None = None
    """A place the reader can be taken to (agenda-4, a consultation id)."""
    group: str | None = None
    """Lines marked together (a consultation with its answers)."""
    keypath: KeyPath | None = None
    """Where in the record's file the value the line shows is (for placing problems)."""
    marks: list[str] = field(default_factory=list)
    """More places the reader can be taken to: `problem-N` for each problem shown on the line."""
    item: str | None = None
    """The entry of a list of what refers to the record that the line belongs to (lines of one
    entry are shown or hidden together by a filter)."""

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


FISCAL_YEAR_FIELDS = frozenset({"fiscal_year", "fiscal_years"})
"""Fields whose numbers are fiscal years (shown as 令和4年度 / FY2022)."""


@dataclass
class _Context:
    """Where the outline is: the meeting (for people and parts), the group being marked, the key
    path of the element whose headline is being written, and the entry of a list being written."""

    meeting: Meeting | None = None
    group: str | None = None
    keypath: KeyPath | None = None
    item: str | None = None


@dataclass
class Outliner:
    """Lays records out in the catalogue's language."""

    view: ReadModel
    cat: Catalogue
    width: Callable[[str], int] = cell_width
    """Terminal cells a text takes, for hanging indents: the UI gives Textual's (rich's cell_len),
    so that what it draws lines up as Textual lays it out; `daicho show` keeps schema's."""
    _lines: list[Line] = field(default_factory=list)
    _context: _Context = field(default_factory=_Context)
    _referrers: bool = True

    @property
    def lang(self) -> str:
        return self.cat.lang

    def t(self, key: str, **values: object) -> str:
        return self.cat.t(key, **values)

    # -- entry points -------------------------------------------------------------------------

    def record(self, ref: Ref, referrers: bool = True) -> list[Line]:
        """Every line of the record `ref` names (a consultation: its question and answers, then
        its meeting), each problem of the record beside the line it is about; without
        `referrers`, the record alone, not what refers to it (`daicho diff`'s added records)."""
        self._lines, self._context, self._referrers = [], _Context(), referrers
        kind, record_id = ref.kind, ref.id
        if kind == "consultation":
            self._consultation(record_id)
            kind, record_id = "meeting", record_id.split("/", 1)[0]
        {"meeting": self._meeting, "advisor": self._advisor, "municipality": self._municipality,
         "theme": self._theme}[kind](record_id)
        self._mark_problems(Ref(kind, record_id))
        lines, self._lines = self._lines, []
        return lines

    def label(self, model: type[BaseModel], name: str) -> str:
        """A field's label: `field.<Model>.<name>`, else `field.<name>`, else the name."""
        return (self.cat.get(f"field.{model.__name__}.{name}") or self.cat.get(f"field.{name}")
                or name)

    # -- building blocks ----------------------------------------------------------------------

    def _add(self, pieces: Sequence[Piece], label: str = "", depth: int = 0, kind: LineKind = "field",
             ref: Ref | None = None, anchor: str | None = None, keypath: KeyPath | None = None) -> None:
        context = self._context
        self._lines.append(Line(list(pieces), label, depth, kind, ref, anchor, context.group,
                                keypath if keypath is not None else context.keypath, item=context.item))

    def _blank(self) -> None:
        if self._lines and self._lines[-1].kind != "blank":
            self._lines.append(Line([], kind="blank"))

    def _section(self, title: str, count: int | None = None, depth: int = 0,
                 keypath: KeyPath | None = None) -> None:
        self._blank()
        pieces = [Piece(title, "section")]
        if count is not None:
            pieces.append(Piece(f" ({count:,})", "muted"))
        self._add(pieces, depth=depth, kind="section", keypath=keypath)

    def _text(self, label: str, text: str, depth: int, style: Style = "text",
              first: Sequence[Piece] = (), anchor: str | None = None, ref: Ref | None = None,
              kind: LineKind = "field", after: Sequence[Piece] = (), keypath: KeyPath | None = None) -> None:
        """Text of one or more paragraphs, every one shown: `first` and `label` before the first
        paragraph, `after` after it."""
        paragraphs = text.strip("\n").split("\n") or [""]
        hang = [Piece(" " * self.width("".join(piece.text for piece in first)))] if first else []
        for number, paragraph in enumerate(paragraphs):
            body = Piece(paragraph or " ", style)
            pieces = [*first, body, *after] if number == 0 else [*hang, body]
            self._add(pieces, label if number == 0 else "", depth, kind,
                      ref if number == 0 else None, anchor if number == 0 else None, keypath)

    def _none(self, depth: int = 1) -> None:
        self._add([Piece(self.t("outline.none"), "muted")], depth=depth, kind="entry")

    # -- references ---------------------------------------------------------------------------

    def _named(self, target: Target, value: str) -> tuple[list[Piece], Ref | None]:
        """How a reference reads: the name of what it names (with its id), and what it opens."""
        view = self.view
        match target:
            case Target.PERSON:
                return self._person_pieces(value)
            case Target.PART:
                meeting = self._context.meeting
                part = meeting.parts.get(value) if meeting else None
                if part is None:
                    return [Piece(value, "warning")], None
                return [Piece(part.title)], None
            case Target.ADVISOR:
                ref = Ref("advisor", value)
                name = view.advisor_label(value)
            case Target.MUNICIPALITY:
                ref = Ref("municipality", value)
                name = view.municipality_name(value)
            case Target.THEME:
                ref = Ref("theme", value)
                name = view.theme_label(value, self.lang)
        if not view.exists(ref):
            return self._unknown(ref)
        return [Piece(name, "link"), Piece(f"  {value}", "id")], ref

    def _unknown(self, ref: Ref) -> tuple[list[Piece], Ref | None]:
        """A reference to a record that is not there: in a file that did not load, or not in the
        records at all — then with the record it most likely meant (which Enter opens)."""
        unloaded = self.view.unloaded_file(ref.kind)
        if unloaded:
            return [Piece(ref.id, "warning"), Piece(f"  {self.t('outline.unloaded', file=unloaded)}", "muted")], None
        expected = wrong_check_digit(ref.id) if ref.kind == "municipality" else None
        if expected is not None:  # not another code that looks alike: the check digit to check
            return [Piece(ref.id, "warning"),
                    Piece(f"  {self.t('outline.check_digit', start=ref.id[:5], expected=expected)}", "muted")], None
        suggestion = self.view.suggest(ref.kind, ref.id)
        if suggestion is None:
            return [Piece(ref.id, "warning"), Piece(f"  {self.t('outline.unknown')}", "muted")], None
        label = self.view.label_of(Ref(ref.kind, suggestion), self.lang)
        return [Piece(ref.id, "warning"), Piece(f"  {self.t('outline.unknown_did_you_mean')} ", "muted"),
                Piece(label, "link"), Piece(f"  {suggestion}", "id")], Ref(ref.kind, suggestion)

    def _person_pieces(self, key: str) -> tuple[list[Piece], Ref | None]:
        meeting = self._context.meeting
        person = meeting.people.get(key) if meeting else None
        if person is None:
            close = self.view.suggest_among(key, list(meeting.people)) if meeting else None
            hint = [Piece(f"  {self.t('outline.unknown_person', person=close)}", "muted")] if close else []
            return [Piece(key, "warning"), Piece(f"  {self.t('outline.unknown')}", "muted"), *hint], None
        ref = None
        if person.advisor and self.view.exists(Ref("advisor", person.advisor)):
            ref = Ref("advisor", person.advisor)
        elif len(person.municipalities) == 1 and self.view.exists(Ref("municipality", person.municipalities[0])):
            ref = Ref("municipality", person.municipalities[0])
        pieces = [Piece(person.name, "link" if ref else "text")]  # the name as the meeting stated it
        if ref is not None and ref.kind == "advisor":
            linked = self.view.advisor_label(ref.id)
            if linked != person.name:  # the advisor it links to, beside it (川島宏一  川島 宏一)
                pieces.append(Piece(f"  {linked}", "muted"))
        return pieces, ref

    def _ref_lines(self, label: str, target: Target, values: Sequence[str], depth: int,
                   keypath: KeyPath, many: bool) -> None:
        """One line per named record, the label on the first."""
        for number, value in enumerate(values):
            pieces, ref = self._named(target, value)
            self._add(pieces, label if number == 0 else "", depth, ref=ref,
                      keypath=(*keypath, number) if many else keypath)

    # -- values ---------------------------------------------------------------------------------

    def _value(self, model: type[BaseModel], name: str, value: Any) -> str:
        """A plain value as read: labels of enumerated values, dates with their era, counts."""
        if isinstance(value, Enum):
            return self.cat.enum(enum_group(type(value)), str(value.value))
        if isinstance(value, bool):
            return self.t("outline.yes") if value else self.t("outline.no")
        if isinstance(value, dt.date):
            return full_date(value, self.lang)
        if isinstance(value, dt.time):
            return value.isoformat(timespec="minutes" if not (value.second or value.microsecond) else "auto")
        if isinstance(value, int):
            if name in FISCAL_YEAR_FIELDS:
                label = fiscal_year_label(value, self.lang)
                return f"{label} (FY{value})" if self.lang == "ja" else label
            unit = self.cat.get(f"unit.{model.__name__}.{name}")
            return unit.format(value=f"{value:,}") if unit else f"{value:,}"
        if name == "kind" and model in ITEM_MODELS:
            return self.cat.enum("agenda_kind", str(value))
        return str(value)

    def _fields(self, record: BaseModel, keypath: KeyPath, depth: int,
                skip: frozenset[str] = frozenset(), which: Literal["all", "plain", "nested"] = "all") -> None:
        """Every field of `record` that is set, in model order: plain fields first, then the
        records nested in this one (as the writer orders a table); `which` picks one of the two."""
        cls = type(record)
        record_plan = plan(cls)
        refs: dict[str, RefField] = {f.name: f for f in record_plan.refs}
        children = dict(record_plan.children)
        nested = {n for n in cls.model_fields if n in children or (cls, n) in _FIELD_HOOKS}
        # Deeper down, a note closes its record.
        names = sorted(cls.model_fields, key=lambda n: (n == "note" and depth > 0, n in nested))
        for name in names:
            if name in skip or (which == "plain" and name in nested) or (which == "nested" and name not in nested):
                continue
            value = getattr(record, name)
            at = (*keypath, name)
            if value is None and name == "kana":  # a reading the record does not know
                self._add([Piece(self.t("outline.reading_unknown"), "muted")], self.label(cls, name), depth,
                          keypath=at)
                continue
            if value is None or value == [] or value == {} or value is False:
                continue
            label = self.label(cls, name)
            hook = _FIELD_HOOKS.get((cls, name))
            if hook is not None:
                hook(self, record, keypath, depth)
            elif name in refs:
                values = value if refs[name].many else [value]
                self._ref_lines(label, refs[name].refers.target, values, depth, at, refs[name].many)
            elif name in children:
                self._nested(label, value, children[name], at, depth)
            elif isinstance(value, list):
                self._text(label, self.cat.separator.join(self._value(cls, name, v) for v in value), depth,
                           keypath=at)
            elif name == "id":
                self._add([Piece(value, "id")], label, depth, keypath=at)
            else:
                style: Style = "link" if name == "url" else "text"
                self._text(label, self._value(cls, name, value), depth, style, keypath=at)

    def _nested(self, label: str, value: Any, shape: str, keypath: KeyPath, depth: int) -> None:
        """A record, or a list or table of them, under the field's label: a section of its own at
        the top of a record, a labelled block deeper down."""
        count = None if shape == "one" else len(value)
        if depth == 0:
            self._section(label, count, keypath=keypath)
        else:
            extra = [Piece(f" ({count:,})", "muted")] if count is not None else []
            self._add([Piece(label, "label"), *extra], depth=depth, kind="entry", keypath=keypath)
        if shape == "one":
            self._fields(value, keypath, depth + 1)
            return
        items = value.items() if shape == "dict" else enumerate(value)
        for position, item in items:
            self._entry(item, (*keypath, position), depth + 1, position)

    def _entry(self, record: BaseModel, keypath: KeyPath, depth: int, position: int | str) -> None:
        """One element of a list (numbered from 1) or of a table (by key): its headline, then the
        rest of its fields one level deeper."""
        style = _ENTRY_STYLES.get(type(record), _default_entry)
        saved = self._context.group
        self._context.keypath = keypath
        skip = style(self, record, keypath, depth, position)
        self._context.keypath = None
        self._fields(record, keypath, depth + 1, skip)
        self._context.group = saved

    # -- meeting --------------------------------------------------------------------------------

    def _meeting(self, meeting_id: str) -> None:
        meeting = self.view.records.meetings[meeting_id]
        self._context.meeting = meeting
        self._add([Piece(meeting.title, "heading")], kind="heading", keypath=("title",))
        self._fields(meeting, (), 0, frozenset({"title"}), which="plain")
        path = self.view.records.meeting_paths.get(meeting_id)
        if path:
            self._add([Piece(path, "id")], self.t("outline.file"))
        self._problems(Ref("meeting", meeting_id))
        self._fields(meeting, (), 0, which="nested")

    def _agenda(self, record: BaseModel, keypath: KeyPath, depth: int) -> None:
        assert isinstance(record, Meeting)
        self._section(self.label(Meeting, "agenda"), len(record.agenda), depth, keypath=("agenda",))
        part: str | None = None
        heading: str | None = None
        for index, item in enumerate(record.agenda):
            if item.part is not None and item.part != part:
                found = record.parts.get(item.part)
                self._blank()
                self._add([Piece(f"【{found.title if found else item.part}】", "label")], depth=depth + 1,
                          kind="entry", anchor=f"part-{item.part}")
                part = item.part
            self._blank()
            if item.heading and item.heading != heading:
                self._add([Piece(f"〔{item.heading}〕", "label")], depth=depth + 1, kind="entry")
            heading = item.heading
            self._entry(item, ("agenda", index), depth + 1, index)

    def _people(self, record: BaseModel, keypath: KeyPath, depth: int) -> None:
        assert isinstance(record, Meeting)
        self._section(self.label(Meeting, "people"), len(record.people), depth, keypath=("people",))
        for key, person in record.people.items():
            self._entry(person, ("people", key), depth + 1, key)

    def _parts(self, record: BaseModel, keypath: KeyPath, depth: int) -> None:
        assert isinstance(record, Meeting)
        self._section(self.label(Meeting, "parts"), len(record.parts), depth, keypath=("parts",))
        for key, part in record.parts.items():
            self._entry(part, ("parts", key), depth + 1, key)

    # -- advisor ----------------------------------------------------------------------------------

    def _advisor(self, advisor_id: str) -> None:
        view, t = self.view, self.t
        advisor = view.records.advisors[advisor_id]
        reading = advisor.kana or t("outline.reading_unknown")
        base = ("advisors", advisor_id)
        self._add([Piece(advisor.name, "heading"), Piece(f"  {reading}", "muted")], kind="heading", keypath=base)
        self._add([Piece(advisor_id, "id")], t("field.id"))
        self._fields(advisor, base, 0)
        self._problems(Ref("advisor", advisor_id))
        if not self._referrers:
            return
        self._meetings(Ref("advisor", advisor_id))
        self._consultations(t("outline.answered"), view.consultations_answered(advisor_id))
        for title, entries in ((t("outline.asked"), view.consultations_asked(advisor_id)),
                               (t("outline.addressed"), view.consultations_addressed(advisor_id))):
            if entries:
                self._consultations(title, entries)
        talks = view.talks(advisor_id)
        self._section(t("outline.talks"), len(talks))
        if not talks:
            self._none()
        for mention in talks:
            self._mention_line(mention, self.cat.enum("role", mention.role))

    # -- local government ---------------------------------------------------------------------

    def _municipality(self, code: str) -> None:
        view, t = self.view, self.t
        municipality = view.records.municipalities[code]
        base = ("municipalities", code)
        self._add([Piece(municipality.name, "heading"), Piece(f"  {municipality.kana}", "muted")],
                  kind="heading", keypath=base)
        self._add([Piece(code, "id")], t("outline.code"))
        self._fields(municipality, base, 0)
        prefecture = view.prefecture_of(code)
        if prefecture:
            self._add([Piece(view.municipality_name(prefecture), "link"), Piece(f"  {prefecture}", "id")],
                      t("outline.prefecture"), ref=Ref("municipality", prefecture))
        bureau = view.bureau_of(code)
        if bureau is not None:
            self._add([Piece(self.cat.enum("bureau", bureau.value))], t("outline.bureau"))
        self._problems(Ref("municipality", code))
        if not self._referrers:
            return
        advisors = view.affiliated_advisors(code)
        self._section(t("outline.affiliated_advisors"), len(advisors))
        if not advisors:
            self._none()
        for advisor_id in advisors:
            advisor = view.records.advisors[advisor_id]
            posts = self.cat.separator.join(affiliation_text(a) for a in advisor.affiliations
                                            if a.municipality == code)
            self._add([Piece(view.advisor_label(advisor_id), "link"), Piece(f"  {posts}", "muted")], depth=1,
                      kind="entry", ref=Ref("advisor", advisor_id))
        if municipality.kind.value == "prefecture":
            members = view.members(code)
            self._section(t("outline.members"), len(members))
            for member in members:
                other = view.records.municipalities[member]
                self._add([Piece(other.name, "link"), Piece(f"  {other.kana}", "muted")], depth=1,
                          kind="entry", ref=Ref("municipality", member))
        people: dict[str, list[str]] = {}
        for meeting_id in view.index.meetings_of("municipality", code):
            meeting = view.meeting(meeting_id)
            if meeting is not None:
                people[meeting_id] = [p.name for p in meeting.people.values() if code in p.municipalities]
        self._meetings(Ref("municipality", code), people)
        self._consultations(t("outline.consultations"), view.index.consultations_of("municipality", code))

    # -- theme ------------------------------------------------------------------------------------

    def _theme(self, theme_id: str) -> None:
        view, t = self.view, self.t
        theme = view.records.themes[theme_id]
        base = ("themes", theme_id)
        self._add([Piece(theme.label, "heading"), Piece(f"  {theme.label_en}", "muted")], kind="heading",
                  keypath=base)
        self._add([Piece(theme_id, "id")], t("field.id"))
        self._fields(theme, base, 0)
        self._problems(Ref("theme", theme_id))
        if not self._referrers:
            return
        experts = view.expert_advisors(theme_id)
        self._section(t("outline.experts"), len(experts))
        if not experts:
            self._none()
        for advisor_id in experts:
            advisor = view.records.advisors[advisor_id]
            self._add([Piece(view.advisor_label(advisor_id), "link"), Piece(f"  {advisor.kana or ''}", "muted")],
                      depth=1, kind="entry", ref=Ref("advisor", advisor_id))
        self._consultations(t("outline.consultations"), view.index.consultations_of("theme", theme_id),
                            theme=False)
        ranked = view.rankings(theme_id)
        self._section(t("outline.rankings"), len(ranked))
        if not ranked:
            self._none()
        for mention in ranked:
            self._mention_line(mention, before=self._rank_text(mention))
        self._meetings(Ref("theme", theme_id))

    # -- a consultation ---------------------------------------------------------------------------

    def _consultation(self, consultation_id: str) -> None:
        """A consultation as it is read: the question and who asked it, then each answer, numbered,
        with who gave it; its meeting follows (record() writes it, the question marked)."""
        view, t = self.view, self.t
        entry = view.consultation(consultation_id)
        if entry is None:
            return
        meeting = view.meeting(entry.meeting_id)
        self._context.meeting = meeting
        theme = view.topic_label(entry.theme, entry.topic_title, self.lang)
        self._add([Piece(t("outline.consultation"), "heading"), Piece(f"  {theme}", "muted")], kind="heading",
                  anchor="consultation")
        self._text(t("outline.question"), entry.question, 0, "quote")
        for number, (pieces, ref) in enumerate(self._people_and_towns(entry.askers, entry.municipalities)):
            self._add(pieces, t("outline.asked_by") if number == 0 else "", ref=ref)
        if entry.theme:
            self._ref_lines(self.label(Topic, "theme"), Target.THEME, [entry.theme], 0, (), many=False)
        self._add(self._meeting_pieces(entry.meeting_id), t("outline.meeting"),
                  ref=Ref("meeting", entry.meeting_id, entry.id))
        self._section(t("outline.answers"), len(entry.answers))
        if not entry.answers:
            self._add([Piece(t("outline.unanswered"), "warning")], depth=1, kind="entry")
        for number, answer in enumerate(entry.answers, start=1):
            self._blank()
            self._text("", answer.text, 1, "quote", [Piece(t("outline.answer_mark", n=number), "label")],
                       kind="entry")
            by, towns = (answer.by, answer.municipalities) if answer.by or answer.municipalities else (
                entry.answerers, entry.answering_municipalities)
            for line, (pieces, ref) in enumerate(self._people_and_towns(by, towns)):
                self._add(pieces, t("outline.answered_by") if line == 0 else "", 2, ref=ref)
        self._section(t("outline.in_meeting"))
        self._blank()
        self._context.meeting = None

    def _people_and_towns(self, keys: Sequence[str], codes: Sequence[str]) -> list[tuple[list[Piece], Ref | None]]:
        """People of the meeting and local governments, each as a line that opens them."""
        lines = [self._person_pieces(key) for key in keys]
        lines += [self._named(Target.MUNICIPALITY, code) for code in codes]
        return lines

    # -- what refers to a record --------------------------------------------------------------

    def _problems(self, ref: Ref) -> None:
        numbers = self.view.problems_of(ref)
        if not numbers:
            return
        self._section(self.t("outline.problems"), len(numbers))
        for number in numbers:
            problem = self.view.problems[number]
            self._add([Piece(problem.format_text(self.cat), "warning")], depth=1, kind="entry",
                      ref=Ref("problem", str(number)))

    def _mark_problems(self, ref: Ref) -> None:
        """Each problem of the record beside the line that shows what it is about: ✖ and the
        message (the line with the longest key path the problem's place starts with)."""
        for number in self.view.problems_of(ref):
            problem = self.view.problems[number]
            line = self._line_for(self.view.problem_keypath(number))
            if line is None:
                continue
            message = shorten_message(self.cat.problem_message(problem))
            line.pieces += [Piece("  ✖ ", "error"), Piece(f"{problem.code} {message}", "error")]
            line.marks.append(f"problem-{number}")

    def _line_for(self, keypath: KeyPath | None) -> Line | None:
        best: Line | None = None
        for line in self._lines:
            if line.keypath is None or (best is not None and len(line.keypath) <= len(best.keypath or ())):
                continue
            if keypath is None:
                if not line.keypath or best is None:
                    best = line
                continue
            if len(line.keypath) <= len(keypath) and all(
                    str(a) == str(b) for a, b in zip(line.keypath, keypath, strict=False)):
                best = line
        if best is None:
            best = next((line for line in self._lines if line.kind == "heading" and line.keypath is not None), None)
        return best

    def _meeting_pieces(self, meeting_id: str) -> list[Piece]:
        meeting = self.view.meeting(meeting_id)
        if meeting is None:
            return [Piece(meeting_id, "warning")]
        return [Piece(f"{meeting.date.isoformat()}  ", "muted"), Piece(meeting.title, "link")]

    def _tie(self, mention: Mention) -> str:
        """" (tie)" where the rank is shared in its survey."""
        meeting = self.view.meeting(mention.meeting_id)
        if meeting is None or mention.agenda_index is None or mention.rank is None:
            return ""
        ranking = getattr(meeting.agenda[mention.agenda_index], "ranking", None) or []
        return self.t("outline.tie") if [r.rank for r in ranking].count(mention.rank) > 1 else ""

    def _rank_text(self, mention: Mention) -> str:
        return self.t("outline.rank", rank=mention.rank) + self._tie(mention) if mention.rank is not None else ""

    @staticmethod
    def _anchor(mention: Mention) -> str | None:
        """Where in its meeting a mention is: its question, else its agenda item."""
        if mention.consultation_id:
            return mention.consultation_id
        return f"agenda-{mention.agenda_index}" if mention.agenda_index is not None else None

    def _mention_line(self, mention: Mention, what: str = "", before: str = "") -> None:
        """A line that opens the meeting at the item that mentions the record."""
        meeting = self.view.meeting(mention.meeting_id)
        date = [Piece(f"{meeting.date.isoformat()}  ", "muted")] if meeting else []
        label = [Piece(f"{before}  ", "label")] if before else []
        extra = [Piece(f"  {what}", "muted")] if what else []
        self._add([*date, *label, Piece(mention.where, "link"), *extra], depth=1, kind="entry",
                  ref=Ref("meeting", mention.meeting_id, self._anchor(mention)))

    def _meetings(self, ref: Ref, people: dict[str, list[str]] | None = None) -> None:
        """The meetings the record appears in (latest first), each opening at the record's first
        item there, then one line per role it had, each opening the meeting at that place."""
        grouped = self.view.meeting_mentions(ref.kind, ref.id)
        self._section(self.t("outline.meetings"), len(grouped))
        if not grouped:
            self._none()
        for meeting_id, mentions in grouped.items():
            self._context.item = f"meeting-{meeting_id}"
            meeting = self.view.meeting(meeting_id)
            era = meeting is not None and self.lang == "ja"
            extra = [Piece(f"  {local_date(meeting.date, self.lang)}", "muted")] if meeting and era else []
            first = next((anchor for m in mentions if (anchor := self._anchor(m))), None)
            self._add([*self._meeting_pieces(meeting_id), *extra], depth=1, kind="entry",
                      ref=Ref("meeting", meeting_id, first))
            names = (people or {}).get(meeting_id, [])
            if names:
                self._add([Piece(self.cat.separator.join(names))], self.t("outline.people_there"), depth=2)
            self._role_lines(meeting_id, mentions)
            self._context.item = None

    def _role_lines(self, meeting_id: str, mentions: Sequence[Mention]) -> None:
        """What a record was in a meeting, a line a place: 回答者  計画策定支援 / アンケート順位
        …  3位(同率); each opens the meeting there."""
        meeting = self.view.meeting(meeting_id)
        seen: set[tuple[str, str, str | None]] = set()
        for mention in mentions:
            role = self.cat.enum("role", mention.role)
            place = mention.where
            anchor = self._anchor(mention)
            if mention.role == Role.PERSON or (meeting is not None and place == meeting.title):
                place, anchor = "", anchor if mention.role != Role.PERSON else "people"
            key = (mention.role, place, anchor if place else None)
            if key in seen:
                continue
            seen.add(key)
            rank = [Piece(f"  {self._rank_text(mention)}", "muted")] if mention.rank is not None else []
            pieces = [Piece(role, "label"), *([Piece("  "), Piece(place, "link")] if place else []), *rank]
            self._add(pieces, depth=2, kind="entry", ref=Ref("meeting", meeting_id, anchor))

    def _consultations(self, title: str, entries: list[ConsultationEntry], theme: bool = True) -> None:
        """Consultations, latest first: the question (with its theme, unless the record is the
        theme), then who answered, who asked and the meeting."""
        entries = sorted(entries, key=lambda e: (e.date, e.id), reverse=True)
        self._section(title, len(entries))
        if not entries:
            self._none()
        separator = self.cat.separator
        for entry in entries:
            self._context.item = f"consultation-{entry.id}"
            label = self.view.topic_label(entry.theme, entry.topic_title, self.lang) if theme else ""
            status = [] if entry.answered else [Piece(f"  {self.t('outline.unanswered')}", "warning")]
            self._add([Piece(f"{entry.date.isoformat()}  ", "muted"),
                       *([Piece(f"[{label}] ", "label")] if label else []),
                       Piece(entry.question.replace("\n", " "), "link"), *status],
                      depth=1, kind="entry", ref=Ref("consultation", entry.id))
            who = []
            answerers = self.view.answerer_names(entry)
            if answerers:
                who.append(f"{self.t('outline.answered_by')} {separator.join(answerers)}")
            towns = [self.view.municipality_name(code) for code in entry.municipalities]
            if towns:
                who.append(f"{self.t('outline.asked_by')} {separator.join(towns)}")
            meeting = self.view.meeting(entry.meeting_id)
            who.append(f"{self.t('outline.meeting')} {meeting.title if meeting else entry.meeting_id}")
            self._add([Piece("  ·  ".join(who), "muted")], depth=2, kind="entry")
            self._context.item = None


# ---------------------------------------------------------------------------------------------
# Fields laid out their own way


def _agenda_hook(outliner: Outliner, record: BaseModel, keypath: KeyPath, depth: int) -> None:
    outliner._agenda(record, keypath, depth)


def _people_hook(outliner: Outliner, record: BaseModel, keypath: KeyPath, depth: int) -> None:
    outliner._people(record, keypath, depth)


def _parts_hook(outliner: Outliner, record: BaseModel, keypath: KeyPath, depth: int) -> None:
    outliner._parts(record, keypath, depth)


FieldHook = Callable[[Outliner, BaseModel, KeyPath, int], None]
_FIELD_HOOKS: dict[tuple[type[BaseModel], str], FieldHook] = {
    (Meeting, "agenda"): _agenda_hook,
    (Meeting, "people"): _people_hook,
    (Meeting, "parts"): _parts_hook,
}
"""Fields of a record laid out as sections of their own."""


# ---------------------------------------------------------------------------------------------
# Headlines of the elements of lists and tables

EntryStyle = Callable[[Outliner, Any, KeyPath, int, "int | str"], frozenset[str]]
"""Writes an element's headline; returns the fields it showed (not repeated below it)."""


def _number(position: int | str) -> str:
    return f"{position + 1}." if isinstance(position, int) else str(position)


def _default_entry(o: Outliner, record: BaseModel, keypath: KeyPath, depth: int,
                   position: int | str) -> frozenset[str]:
    headline = type(record).HEADLINE  # type: ignore[attr-defined]
    value = getattr(record, headline) if headline else None
    key = [Piece(f"  {position}", "id")] if isinstance(position, str) else []
    if value:
        number = [Piece(f"{_number(position)} ", "muted")] if isinstance(position, int) else []
        o._text("", str(value), depth, first=number, kind="entry", after=key)
        return frozenset({headline}) if headline else frozenset()
    o._add([Piece(_number(position), "muted")], depth=depth, kind="entry")
    return frozenset()


def _item_entry(o: Outliner, item: Any, keypath: KeyPath, depth: int, position: int | str) -> frozenset[str]:
    assert isinstance(position, int)
    kind = o.cat.enum("agenda_kind", item.kind)
    o._add([Piece(f"{position + 1}. {item.title}", "heading"), Piece(f"  {kind}", "muted")], depth=depth,
           kind="entry", anchor=f"agenda-{position}")
    return frozenset({"title", "kind", "part", "heading"})


def _question_entry(o: Outliner, question: Question, keypath: KeyPath, depth: int,
                    position: int | str) -> frozenset[str]:
    meeting = o._context.meeting
    cid = consultation_id(meeting.id, keypath) if meeting else None
    o._context.group = cid
    how = [o.t("outline.anonymous")] if question.anonymous else []
    if question.via:
        how.append(question.via)
    number = position + 1 if isinstance(position, int) else position
    first = [Piece(o.t("outline.question_mark", n=number), "label")]
    after = [Piece(f"  ({o.cat.separator.join(how)})", "muted")] if how else []
    if question.unanswered and not question.answers:
        after.append(Piece(f"  {o.t('outline.not_answered')}", "warning"))
    elif not question.answers and not _answered_by_group(o, keypath):
        after.append(Piece(f"  {o.t('outline.unanswered')}", "warning"))
    o._text("", question.text, depth, "quote", first, anchor=cid, kind="entry", after=after)
    return frozenset({"text", "anonymous", "via", "unanswered"})


def _answered_by_group(o: Outliner, keypath: KeyPath) -> bool:
    """Whether the topic around a question answered it (its answers answer every question)."""
    meeting = o._context.meeting
    if meeting is None or len(keypath) < 4 or keypath[2] != "topics":
        return False
    item = meeting.agenda[int(keypath[1])]
    topics = getattr(item, "topics", [])
    topic = topics[int(keypath[3])] if isinstance(keypath[3], int) and keypath[3] < len(topics) else None
    return bool(topic and topic.answers)


def _answer_entry(o: Outliner, answer: Answer, keypath: KeyPath, depth: int,
                  position: int | str) -> frozenset[str]:
    number = position + 1 if isinstance(position, int) else position
    o._text("", answer.text, depth, "quote", [Piece(o.t("outline.answer_mark", n=number), "label")],
            kind="entry")
    return frozenset({"text"})


def _topic_entry(o: Outliner, topic: Topic, keypath: KeyPath, depth: int, position: int | str) -> frozenset[str]:
    meeting = o._context.meeting
    number = position + 1 if isinstance(position, int) else position
    if meeting is not None:
        o._context.group = consultation_id(meeting.id, keypath)
    label = o.view.topic_label(topic.theme, topic.title, o.lang)
    prefix = [Piece(f"{o.t('outline.topic', n=number)} ", "label")]
    if topic.theme and o.view.exists(Ref("theme", topic.theme)):
        o._add([*prefix, Piece(label, "link"), Piece(f"  {topic.theme}", "id")], depth=depth, kind="entry",
               ref=Ref("theme", topic.theme))
    elif topic.theme:
        pieces, ref = o._unknown(Ref("theme", topic.theme))
        o._add([*prefix, *pieces], depth=depth, kind="entry", ref=ref)
    else:
        o._add([*prefix, Piece(label or "—", "section")], depth=depth, kind="entry")
    shown = {"theme"}
    if topic.title and topic.title == label:
        shown.add("title")
    return frozenset(shown)


def _rank_entry(o: Outliner, rank: Rank, keypath: KeyPath, depth: int, position: int | str) -> frozenset[str]:
    meeting = o._context.meeting
    ranks: list[int] = []
    if meeting is not None and len(keypath) >= 3:
        ranking = getattr(meeting.agenda[int(keypath[1])], "ranking", [])
        ranks = [r.rank for r in ranking]
    tie = o.t("outline.tie") if ranks.count(rank.rank) > 1 else ""
    place = Piece(f"{o.t('outline.rank', rank=rank.rank)}{tie}  ", "label")
    if rank.theme is None:
        o._add([place, Piece(rank.label)], depth=depth, kind="entry")
        return frozenset({"rank", "label"})
    pieces, ref = o._named(Target.THEME, rank.theme)
    pieces = [Piece(rank.label, "link"), *pieces[1:]] if ref is not None else [Piece(rank.label), *pieces]
    o._add([place, *pieces], depth=depth, kind="entry", ref=ref)
    return frozenset({"rank", "label", "theme"})


def _person_entry(o: Outliner, person: Person, keypath: KeyPath, depth: int, position: int | str) -> frozenset[str]:
    pieces, ref = o._person_pieces(str(position))
    reading = person.kana or o.t("outline.reading_unknown")
    o._add([*pieces, Piece(f" ({reading})", "muted"), Piece(f"  {o.cat.enum('person_role', person.role.value)}",
                                                             "muted"), Piece(f"  {position}", "id")],
           depth=depth, kind="entry", ref=ref)
    return frozenset({"name", "role", "kana"})


def _material_entry(o: Outliner, material: Material, keypath: KeyPath, depth: int,
                    position: int | str) -> frozenset[str]:
    extra = [Piece(f"  ({material.format})", "muted")] if material.format else []
    o._add([Piece(f"{_number(position)} ", "muted"), Piece(material.title), *extra], depth=depth, kind="entry")
    return frozenset({"title", "format"})


def _unnamed_entry(o: Outliner, unnamed: Unnamed, keypath: KeyPath, depth: int,
                   position: int | str) -> frozenset[str]:
    role = o.cat.enum("unnamed_role", unnamed.role.value)
    count = [Piece(f"  {o.t('outline.people_count', count=f'{unnamed.count:,}')}", "muted")] if (
        unnamed.count is not None) else []
    o._add([Piece(f"{role}: ", "label"), Piece(unnamed.description), *count], depth=depth, kind="entry")
    return frozenset({"role", "description", "count"})


def _opinion_entry(o: Outliner, opinion: Opinion, keypath: KeyPath, depth: int,
                   position: int | str) -> frozenset[str]:
    o._text("", opinion.text, depth, "quote", [Piece("・", "label")], kind="entry")
    return frozenset({"text"})


def _affiliation_entry(o: Outliner, affiliation: Affiliation, keypath: KeyPath, depth: int,
                       position: int | str) -> frozenset[str]:
    text = affiliation_text(affiliation)
    code = affiliation.municipality
    if code and o.view.exists(Ref("municipality", code)):
        o._add([Piece(text, "link"), Piece(f"  {code}", "id")], depth=depth, kind="entry",
               ref=Ref("municipality", code))
    elif code:
        pieces, ref = o._unknown(Ref("municipality", code))
        o._add([Piece(f"{text}  "), *pieces], depth=depth, kind="entry", ref=ref)
    else:
        o._add([Piece(text)], depth=depth, kind="entry")
    return frozenset({"organization", "title", "municipality"})


def _part_entry(o: Outliner, part: Part, keypath: KeyPath, depth: int, position: int | str) -> frozenset[str]:
    o._add([Piece(part.title, "label"), Piece(f"  {position}", "id")], depth=depth, kind="entry",
           anchor=f"part-{position}")
    return frozenset({"title"})


_ENTRY_STYLES: dict[type[BaseModel], EntryStyle] = {
    **{model: _item_entry for model in ITEM_MODELS},
    Question: _question_entry,
    Answer: _answer_entry,
    Topic: _topic_entry,
    Rank: _rank_entry,
    Person: _person_entry,
    Material: _material_entry,
    Unnamed: _unnamed_entry,
    Opinion: _opinion_entry,
    Affiliation: _affiliation_entry,
    Part: _part_entry,
}
"""Record types whose elements read their own way (everything else: number and headline)."""


def text_lines(lines: Sequence[Line], label_width: int = 16) -> Iterator[str]:
    """The lines as plain text, for `daicho show`: two spaces a level, labels in a column."""
    for line in lines:
        indent = "  " * line.depth
        if line.kind == "blank":
            yield ""
        elif line.kind in ("heading", "section", "entry") and not line.label:
            yield f"{indent}{line.text}".rstrip(" ")
        else:
            label = line.label + " " * max(1, label_width - cell_width(line.label))
            yield f"{indent}{label}{line.text}".rstrip(" ")

