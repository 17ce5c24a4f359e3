"""Open data: the records as tables (`daicho export`).

`TABLES` is the one description of the tables: each column with its SQL type, what it holds, the
table it refers to and how its value is read. The CSV files, the SQLite schema with its foreign keys
(schema.publish.exportfiles) and docs/opendata.md (`schema_markdown`) are all made from it. Rows come from
the loaded records and the cross-reference index (schema.read.xref: a consultation is one question with
its answers, wherever it was asked; its askers and answerers are the index's), so no agenda kind is
walked by hand here.

Tables of the root files are made from their records. Tables of the meetings are made meeting by
meeting (`meeting_rows`, from the meeting and its own index), so that `collect` can make them in
the pool of processes that checks the files, each file parsed once; `tables(records, index)` makes
every table in one go.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Generic, Literal, NamedTuple, TypeVar

from pydantic import BaseModel

from schema.files.ids import prefecture_code
from schema.models import Advisor, Meeting, Municipality, Records, Target, Theme
from schema.models.prefectures import bureau_of
from schema.models.walk import own_references
from schema.read.xref import ConsultationEntry, CrossIndex, build_index
from schema.words.catalogue import Catalogue
from schema.words.problems import Problem

Cell = str | int | None
Row = tuple[Cell, ...]
SqlType = Literal["TEXT", "INTEGER"]
Scope = Literal["records", "meeting"]
T = TypeVar("T")

IDS = " "
"""Between ids and codes in one cell (planning-support online-procedures)."""
NAMES = "、"
"""Between names in one cell (岡村 久和、大山 水帆)."""
TEXTS = "\n"
"""Between texts in one cell (the answers to a question), one a line."""


class ExportError(Exception):
    """A file that did not load while the tables were made (it changed after it was validated)."""


@dataclass
class Source:
    """What rows are read from: the records (the root files, and the meetings in scope) and the
    cross-reference index of those meetings."""

    records: Records
    index: CrossIndex

    def municipality(self, code: str | None) -> str | None:
        if code is None:
            return None
        found = self.records.municipalities.get(code)
        return found.name if found else code

    def theme(self, theme_id: str | None) -> str | None:
        if theme_id is None:
            return None
        found = self.records.themes.get(theme_id)
        return found.label if found else theme_id

    def label(self, group: str, value: str) -> str:
        """The Japanese label of a value of the records' vocabulary (a role, a bureau)."""
        return _japanese().enum(group, value)

    def person(self, meeting_id: str, key: str) -> str:
        meeting = self.records.meetings.get(meeting_id)
        person = meeting.people.get(key) if meeting else None
        return person.name if person else key

    @cached_property
    def consultations_per_item(self) -> Counter[tuple[str, int]]:
        """(meeting id, 0-based agenda index) → questions asked in that item."""
        return Counter((e.meeting_id, e.agenda_index) for e in self.index.consultations)

    @cached_property
    def consultations_per_meeting(self) -> Counter[str]:
        return Counter(e.meeting_id for e in self.index.consultations)


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    name: str
    type: SqlType
    doc: str
    get: Callable[[Source, T], Cell]
    key: bool = False
    """Part of the table's primary key."""
    references: str | None = None
    """`table.column` this column's values are a foreign key to."""
    required: bool = False


@dataclass(frozen=True, slots=True)
class Table(Generic[T]):
    name: str
    doc: str
    scope: Scope
    """"records": made from the root files; "meeting": made meeting by meeting."""
    items: Callable[[Source], Iterable[T]]
    """What the table has a row for."""
    columns: tuple[Column[T], ...]

    def rows(self, source: Source) -> list[Row]:
        getters = [column.get for column in self.columns]
        return [tuple([get(source, item) for get in getters]) for item in self.items(source)]

    @property
    def keys(self) -> list[str]:
        return [c.name for c in self.columns if c.key]


@cache
def _japanese() -> Catalogue:
    return Catalogue("ja")


def _ids(values: Iterable[object]) -> str | None:
    return IDS.join(map(str, values)) or None


def _iso(value: dt.date | dt.time | None) -> str | None:
    return value.isoformat() if value is not None else None


# -- the items of each table ------------------------------------------------------------------


class AgendaRow(NamedTuple):
    meeting: Meeting
    at: int
    """The item's index in the agenda (0-based)."""
    item: Any


class Party(NamedTuple):
    """Someone who asked or answered a consultation: a person of the meeting or a local government."""

    consultation: str
    role: str
    position: int
    name: str | None
    title: str | None
    advisor: str | None
    municipality: str | None


def _agenda(source: Source) -> Iterator[AgendaRow]:
    for meeting in source.records.meetings.values():
        for index, item in enumerate(meeting.agenda):
            yield AgendaRow(meeting, index, item)


def agenda_item_id(meeting_id: str, index: int) -> str:
    """`<meeting-id>/<position from 1>`, as consultation ids number positions."""
    return f"{meeting_id}/{index + 1}"


def _people(source: Source, row: AgendaRow) -> str | None:
    """Who did what in an item: 「発表者:齋藤 理栄 / 進行:下山 紗代子」, read from the roles its
    fields declare, with the people the record does not name."""
    by_role: dict[str, list[str]] = {}
    for ref in own_references(row.item):
        if ref.refers.target == Target.PERSON:
            by_role.setdefault(source.label("role", ref.refers.role.value), []).append(
                source.person(row.meeting.id, ref.value))
    for unnamed in row.item.unnamed:
        by_role.setdefault(source.label("unnamed_role", unnamed.role.value), []).append(unnamed.description)
    return " / ".join(f"{role}:{NAMES.join(names)}" for role, names in by_role.items()) or None


def _parties(source: Source) -> Iterator[Party]:
    for entry in source.index.consultations:
        meeting = source.records.meetings[entry.meeting_id]
        for role, keys, codes in (("asker", entry.askers, entry.municipalities),
                                  ("answerer", entry.answerers, entry.answering_municipalities)):
            position = 0
            for key in keys:
                person = meeting.people.get(key)
                position += 1
                yield Party(entry.id, role, position, person.name if person else key,
                            person.title if person else None, person.advisor if person else None, None)
            for code in codes:
                position += 1
                yield Party(entry.id, role, position, source.municipality(code), None, None, code)


def _askers(source: Source, entry: ConsultationEntry) -> str | None:
    names = [source.person(entry.meeting_id, k) for k in entry.askers]
    names += [source.municipality(c) or c for c in entry.municipalities]
    return NAMES.join(names) or None


def _answerers(source: Source, entry: ConsultationEntry) -> str | None:
    names = [source.person(entry.meeting_id, k) for k in entry.answerers]
    names += [source.municipality(c) or c for c in entry.answering_municipalities]
    return NAMES.join(names) or None


def _attendance(name: str) -> Callable[[Source, Meeting], Cell]:
    def get(_: Source, meeting: Meeting) -> Cell:
        value: int | None = getattr(meeting.attendance, name, None) if meeting.attendance else None
        return value
    return get


def _observers(name: str) -> Callable[[Source, Meeting], Cell]:
    def get(_: Source, meeting: Meeting) -> Cell:
        observers = meeting.attendance.observers if meeting.attendance else None
        value: int | None = getattr(observers, name, None) if observers else None
        return value
    return get


# -- the tables -------------------------------------------------------------------------------

ThemeItem = tuple[str, Theme]
MunicipalityItem = tuple[str, Municipality]
AdvisorItem = tuple[str, Advisor]

THEMES: Table[ThemeItem] = Table(
    "themes", "The theme vocabulary (themes.toml).", "records",
    lambda s: s.records.themes.items(),
    (
        Column("id", "TEXT", "The theme's id.", lambda s, t: t[0], key=True),
        Column("label", "TEXT", "The label in Japanese (計画策定支援).", lambda s, t: t[1].label, required=True),
        Column("label_en", "TEXT", "The label in English.", lambda s, t: t[1].label_en, required=True),
        Column("description", "TEXT", "What the theme covers.", lambda s, t: t[1].description),
        Column("note", "TEXT", "Free text.", lambda s, t: t[1].note),
    ))

MUNICIPALITIES: Table[MunicipalityItem] = Table(
    "municipalities", "Every local government of the national list (municipalities.toml), with its "
    "prefecture and the bureau whose region it is in.", "records",
    lambda s: s.records.municipalities.items(),
    (
        Column("code", "TEXT", "The 6-digit 全国地方公共団体コード, check digit included (112241).",
               lambda s, m: m[0], key=True),
        Column("name", "TEXT", "The name (戸田市).", lambda s, m: m[1].name, required=True),
        Column("kana", "TEXT", "The reading in hiragana (とだし).", lambda s, m: m[1].kana, required=True),
        Column("kind", "TEXT", "prefecture, city, designated-city, special-ward, ward, town or village.",
               lambda s, m: m[1].kind.value, required=True),
        Column("prefecture_code", "TEXT", "The code of its prefecture (a prefecture's own code for a prefecture).",
               lambda s, m: prefecture_code(m[0]), references="municipalities.code"),
        Column("prefecture", "TEXT", "The name of its prefecture (埼玉県).",
               lambda s, m: s.municipality(prefecture_code(m[0]))),
        Column("bureau", "TEXT", "The bureau whose region it is in (kanto).",
               lambda s, m: b.value if (b := bureau_of(m[0])) else None),
        Column("bureau_name", "TEXT", "The bureau's name (関東総合通信局).",
               lambda s, m: s.label("bureau", b.value) if (b := bureau_of(m[0])) else None),
        Column("url", "TEXT", "The official web site.", lambda s, m: m[1].url),
        Column("note", "TEXT", "Free text.", lambda s, m: m[1].note),
    ))

ADVISORS: Table[AdvisorItem] = Table(
    "advisors", "The advisors (advisors.toml).", "records",
    lambda s: s.records.advisors.items(),
    (
        Column("id", "TEXT", "The advisor's id (okamura-hisakazu).", lambda s, a: a[0], key=True),
        Column("name", "TEXT", "The name (岡村 久和).", lambda s, a: a[1].name, required=True),
        Column("kana", "TEXT", "The reading in hiragana, where known.", lambda s, a: a[1].kana),
        Column("name_en", "TEXT", "The name in Latin letters.", lambda s, a: a[1].name_en),
        Column("affiliations", "TEXT", "Where the advisor works or has worked: organization and title, one a line.",
               lambda s, a: TEXTS.join(" ".join(filter(None, (f.organization, f.title)))
                                       for f in a[1].affiliations) or None),
        Column("bureaus", "TEXT", "The bureaus the advisor is based in (ids, space-separated).",
               lambda s, a: _ids(b.value for b in a[1].bureaus)),
        Column("fiscal_years", "TEXT", "The fiscal years appointed (2022 = 令和4年度; space-separated).",
               lambda s, a: _ids(a[1].fiscal_years)),
        Column("url", "TEXT", "The advisor's page.", lambda s, a: a[1].url),
        Column("note", "TEXT", "Free text.", lambda s, a: a[1].note),
    ))

ADVISOR_THEMES: Table[tuple[str, str]] = Table(
    "advisor_themes", "The themes of each advisor's expertise: one row per advisor and theme.", "records",
    lambda s: ((advisor_id, theme) for advisor_id, a in s.records.advisors.items() for theme in a.expertise),
    (
        Column("advisor_id", "TEXT", "The advisor.", lambda s, x: x[0], key=True, references="advisors.id"),
        Column("theme_id", "TEXT", "A theme of the advisor's expertise.", lambda s, x: x[1], key=True,
               references="themes.id"),
    ))

MEETINGS: Table[Meeting] = Table(
    "meetings", "One row per meeting (`meetings/<id>.toml`).", "meeting",
    lambda s: s.records.meetings.values(),
    (
        Column("id", "TEXT", "The meeting's id: the date, then a few words (2022-10-05-kanto-advisor-meeting).",
               lambda s, m: m.id, key=True),
        Column("title", "TEXT", "The title as published.", lambda s, m: m.title, required=True),
        Column("kind", "TEXT", "advisor-meeting, consultation-session, dispatch, study-session or other.",
               lambda s, m: m.kind.value, required=True),
        Column("bureau", "TEXT", "The bureau that held it (kanto).", lambda s, m: m.bureau.value, required=True),
        Column("date", "TEXT", "The day it was held (YYYY-MM-DD; the first day where it spans days).",
               lambda s, m: _iso(m.date), required=True),
        Column("end_date", "TEXT", "The last day, where it spans days.", lambda s, m: _iso(m.end_date)),
        Column("start_time", "TEXT", "When it started (HH:MM:SS).", lambda s, m: _iso(m.start_time)),
        Column("end_time", "TEXT", "When it ended.", lambda s, m: _iso(m.end_time)),
        Column("fiscal_year", "INTEGER", "The fiscal year (April–March) by the year it starts in: 2022 = 令和4年度.",
               lambda s, m: m.fiscal_year, required=True),
        Column("format", "TEXT", "online, in-person or hybrid.", lambda s, m: m.format.value, required=True),
        Column("venue", "TEXT", "Where it was held.", lambda s, m: m.venue.name if m.venue else None),
        Column("venue_municipality", "TEXT", "The local government whose building it was held in.",
               lambda s, m: m.venue.municipality if m.venue else None, references="municipalities.code"),
        Column("theme_title", "TEXT", "The overall theme as worded.", lambda s, m: m.theme_title),
        Column("themes", "TEXT", "Themes the meeting is about (ids, space-separated).", lambda s, m: _ids(m.themes)),
        Column("municipalities", "TEXT", "Local governments the meeting concerns (codes, space-separated).",
               lambda s, m: _ids(m.municipalities)),
        Column("purpose", "TEXT", "Why it was held, as stated.", lambda s, m: m.purpose),
        Column("summary", "TEXT", "What happened, as the record summarises it.", lambda s, m: m.summary),
        Column("published", "TEXT", "When the report was published (YYYY-MM-DD).", lambda s, m: _iso(m.published)),
        Column("url", "TEXT", "Where the report is published.", lambda s, m: m.url),
        Column("advisors", "INTEGER", "Advisors present, as reported.", _attendance("advisors")),
        Column("municipalities_present", "INTEGER", "Local governments taking part, as reported.",
               _attendance("municipalities")),
        Column("municipal_staff", "INTEGER", "People from local governments, as reported.",
               _attendance("municipal_staff")),
        Column("officials", "INTEGER", "Officials of the ministry and the bureau, as reported.",
               _attendance("officials")),
        Column("others", "INTEGER", "Anyone else present, as reported.", _attendance("others")),
        Column("observer_municipalities", "INTEGER", "Local governments that only listened (傍聴).",
               _observers("municipalities")),
        Column("observer_people", "INTEGER", "People who only listened (傍聴).", _observers("people")),
        Column("agenda_items", "INTEGER", "Items of its agenda.", lambda s, m: len(m.agenda), required=True),
        Column("consultations", "INTEGER", "Questions asked in it (see consultations).",
               lambda s, m: s.consultations_per_meeting[m.id], required=True),
        Column("note", "TEXT", "Free text: the source of the record, what it leaves out.", lambda s, m: m.note),
    ))

AGENDA_ITEMS: Table[AgendaRow] = Table(
    "agenda_items", "Every item of every meeting's agenda, in order.", "meeting", _agenda,
    (
        Column("id", "TEXT", "`<meeting id>/<position from 1>` (2022-10-05-kanto-advisor-meeting/5).",
               lambda s, r: agenda_item_id(r.meeting.id, r.at), key=True),
        Column("meeting_id", "TEXT", "The meeting.", lambda s, r: r.meeting.id, references="meetings.id",
               required=True),
        Column("position", "INTEGER", "Its position in the agenda, from 1.", lambda s, r: r.at + 1, required=True),
        Column("kind", "TEXT", "opening-remarks, presentation, survey, consultation, qa, … (docs/records.md).",
               lambda s, r: r.item.kind, required=True),
        Column("title", "TEXT", "The title as stated.", lambda s, r: r.item.title, required=True),
        Column("part", "TEXT", "The part of the meeting it belongs to, as titled (第1部 …).",
               lambda s, r: p.title if (p := r.meeting.parts.get(r.item.part or "")) else None),
        Column("heading", "TEXT", "The report's section heading it is under.", lambda s, r: r.item.heading),
        Column("start_time", "TEXT", "When it started.", lambda s, r: _iso(r.item.start_time)),
        Column("end_time", "TEXT", "When it ended.", lambda s, r: _iso(r.item.end_time)),
        Column("summary", "TEXT", "What was said or done, as the record summarises it.", lambda s, r: r.item.summary),
        Column("people", "TEXT", "Who did what, by role (発表者:齋藤 理栄 / 進行:下山 紗代子).", _people),
        Column("themes", "TEXT", "Themes it is about (ids, space-separated).", lambda s, r: _ids(r.item.themes)),
        Column("municipalities", "TEXT", "Local governments it concerns (codes, space-separated).",
               lambda s, r: _ids(r.item.municipalities)),
        Column("consultations", "INTEGER", "Questions asked in it (see consultations).",
               lambda s, r: s.consultations_per_item[(r.meeting.id, r.at)], required=True),
        Column("note", "TEXT", "Free text.", lambda s, r: r.item.note),
    ))

CONSULTATIONS: Table[ConsultationEntry] = Table(
    "consultations", "Every consultation: one question with its answers, wherever it was asked (under a "
    "consultation's theme, after a talk, in a Q&A).", "meeting",
    lambda s: s.index.consultations,
    (
        Column("id", "TEXT", "`<meeting id>/<positions from 1>`: 2022-10-05-kanto-advisor-meeting/5.1.1 is agenda "
               "item 5, topic 1, question 1.", lambda s, e: e.id, key=True),
        Column("meeting_id", "TEXT", "The meeting.", lambda s, e: e.meeting_id, references="meetings.id",
               required=True),
        Column("agenda_item_id", "TEXT", "The agenda item it was asked in.",
               lambda s, e: agenda_item_id(e.meeting_id, e.agenda_index), references="agenda_items.id",
               required=True),
        Column("date", "TEXT", "The meeting's date.", lambda s, e: _iso(e.date), required=True),
        Column("fiscal_year", "INTEGER", "The meeting's fiscal year (2022 = 令和4年度).", lambda s, e: e.fiscal_year,
               required=True),
        Column("asked_in", "TEXT", "The kind of agenda item it was asked in (consultation, presentation, qa, …).",
               lambda s, e: e.source, required=True),
        Column("theme_id", "TEXT", "The theme of the consultation topic it was asked under.",
               lambda s, e: e.theme, references="themes.id"),
        Column("theme", "TEXT", "That theme's label (計画策定支援).", lambda s, e: s.theme(e.theme)),
        Column("topic", "TEXT", "The topic's heading, else the agenda item's title.", lambda s, e: e.topic_title),
        Column("question", "TEXT", "The question as recorded.", lambda s, e: e.question, required=True),
        Column("asked_by", "TEXT", "Who asked, where the record says: people and local governments.", _askers),
        Column("answers", "TEXT", "The answers as recorded, one a line: its own, then its topic's.",
               lambda s, e: TEXTS.join(a.text for a in e.answers) or None),
        Column("answered_by", "TEXT", "Who answered, where the record says (see consultation_parties).", _answerers),
        Column("answered", "INTEGER", "1 when it was answered, 0 when not.", lambda s, e: int(e.answered),
               required=True),
    ))

CONSULTATION_PARTIES: Table[Party] = Table(
    "consultation_parties", "Who asked and who answered each consultation: one row per person of the "
    "meeting or local government, in order.", "meeting", _parties,
    (
        Column("consultation_id", "TEXT", "The consultation.", lambda s, p: p.consultation, key=True,
               references="consultations.id"),
        Column("role", "TEXT", "asker or answerer.", lambda s, p: p.role, key=True),
        Column("position", "INTEGER", "Its place among the consultation's askers or answerers, from 1.",
               lambda s, p: p.position, key=True),
        Column("name", "TEXT", "The person's name as stated, or the local government's name.",
               lambda s, p: p.name),
        Column("title", "TEXT", "The person's title as stated that day.", lambda s, p: p.title),
        Column("advisor_id", "TEXT", "The advisor the person is.", lambda s, p: p.advisor, references="advisors.id"),
        Column("municipality_code", "TEXT", "The local government that asked or answered.",
               lambda s, p: p.municipality, references="municipalities.code"),
    ))

TABLES: tuple[Table[Any], ...] = (THEMES, MUNICIPALITIES, ADVISORS, ADVISOR_THEMES, MEETINGS, AGENDA_ITEMS,
                                  CONSULTATIONS, CONSULTATION_PARTIES)
"""Every table, each after the tables it refers to."""


# -- making the rows ----------------------------------------------------------------------------


def tables(records: Records, index: CrossIndex) -> dict[str, list[Row]]:
    """Every table's rows from the loaded records and their cross-reference index."""
    source = Source(records, index)
    return {table.name: table.rows(source) for table in TABLES}


def meeting_rows(roots: Records, meeting: Meeting) -> dict[str, list[Row]]:
    """The rows one meeting gives the meetings' tables (its index is its own: a consultation is
    indexed within its meeting)."""
    records = Records(roots.themes, roots.municipalities, roots.advisors, {meeting.id: meeting})
    source = Source(records, build_index(Records(meetings={meeting.id: meeting}), mentions=False))
    return {table.name: table.rows(source) for table in TABLES if table.scope == "meeting"}


_ROOTS: Records | None = None
"""The root files' records while `collect` runs (in a worker of its pool: set by `_use_roots` as the
worker starts, or inherited when it is forked)."""


def _use_roots(roots: Records | None) -> None:
    global _ROOTS
    _ROOTS = roots


def collect(root: Path, roots: Records | None, jobs: int | None = None,
            use_cache: bool = True) -> tuple[list[Problem], dict[str, list[Row]]]:
    """Check the repository (schema.load.validation, with its cache) and make every table's rows: the
    root files' tables from `roots`, the meetings' tables meeting by meeting — from the models the
    checks parse, and for the files whose checks came from the cache, from the files parsed here —,
    in a pool of processes when there are many. Each file is parsed once. The problems, and no rows,
    when there are any."""
    from schema.files.batch import map_files
    from schema.files.repofiles import data_files, is_meeting_path
    from schema.load.validation import validate_and_read

    setup = (_use_roots, (roots,))
    _use_roots(roots)
    try:
        problems, _, made = validate_and_read(root, use_cache, jobs, hook=_rows_of_model, setup=setup)
        if problems:
            return problems, {}
        if roots is None:
            raise ExportError("a root file did not load; run daicho validate")
        meetings = [path for path in data_files(root) if is_meeting_path(path)]
        todo = [path for path in meetings if path not in made]
        made.update(zip(todo, map_files(_meeting_file_rows, root, [(path, None) for path in todo], jobs, setup),
                        strict=True))
    finally:
        _use_roots(None)
    source = Source(roots, CrossIndex())
    out = {table.name: table.rows(source) if table.scope == "records" else [] for table in TABLES}
    for path in meetings:
        for name, found in made[path].items():
            out[name].extend(found)
    return [], out


def _rows_of_model(relpath: str, model: BaseModel) -> dict[str, list[Row]] | None:
    """The meeting's rows, made as its file is checked (in a worker of the checks' pool)."""
    if not isinstance(model, Meeting) or _ROOTS is None:
        return None
    return meeting_rows(_ROOTS, model)


def _meeting_file_rows(root: Path, relpath: str, _: None) -> dict[str, list[Row]]:
    """The rows of a meeting file whose checks came from the cache."""
    from schema.load.loader import parse_model

    meeting = parse_model(root, relpath, Meeting)
    if not isinstance(meeting, Meeting) or _ROOTS is None:
        raise ExportError(f"{relpath} did not load (did it change after it was checked?); "
                          "run daicho validate and export again")
    return meeting_rows(_ROOTS, meeting)


# -- the description as documentation ------------------------------------------------------------


def schema_markdown() -> str:
    """docs/opendata.md: every table and column of the export, from `TABLES`."""
    out = [
        "# Open data: the tables of `daicho export`",
        "",
        "<!-- Generated by `daicho schema` from schema/publish/export.py's TABLES; do not edit by hand. "
        "`daicho schema --check` fails when this file is stale. -->",
        "",
        "`daicho export --output DIR` writes one CSV file per table (`DIR/<table>.csv`: UTF-8 with a "
        "byte-order mark, CRLF line ends, a header row; a text cell that starts with `=`, `+`, `-`, `@`, "
        "a tab or a carriage return — or their full-width forms — is prefixed with `'` so that a "
        "spreadsheet never runs it as a formula) and one SQLite database, `DIR/daicho.sqlite`, with "
        "the same tables, their primary keys and foreign keys (`PRAGMA foreign_keys=ON` holds), and an "
        "index on every foreign key. In the database, cells are as recorded (no `'`).",
        "",
        f"Lists of ids or codes in one cell are separated by a space; lists of names by `{NAMES}`; "
        "lists of texts (answers, affiliations) by a line break. Dates are `YYYY-MM-DD`, times "
        "`HH:MM:SS`. An empty CSV cell is NULL in the database.",
        "",
        "| table | rows |",
        "|---|---|",
    ]
    out += [f"| [`{t.name}`](#{t.name}) | {t.doc} |" for t in TABLES]
    for table in TABLES:
        out += ["", f"## {table.name}", "", table.doc, "",
                f"Primary key: {', '.join(f'`{k}`' for k in table.keys)}.", "",
                "| column | type | meaning | refers to |", "|---|---|---|---|"]
        for column in table.columns:
            refers = f"`{column.references}`" if column.references else ""
            kind = column.type + (" NOT NULL" if column.required or column.key else "")
            out.append(f"| `{column.name}` | {kind} | {column.doc} | {refers} |")
    return "\n".join(out) + "\n"
