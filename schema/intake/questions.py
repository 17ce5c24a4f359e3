"""`daicho intake questions`: the questions local governments sent before a consultation, taken
into the meeting's consultation item as topics by theme.

The export has either one free-text column per theme (its header holds the theme's label or an
alias: 「計画策定支援」についての質問) or a column of themes and a column of questions. Each question
goes under the topic of its theme (a topic is added where the item has none for it), with the
asking local government linked. A question already under the topic — the same text once NFKC and
whitespace are set aside — is not added again: its local government is linked to it if it was not,
so running the intake again after new rows arrive adds only those. Cells that say there is nothing
to ask (なし, 特になし) are left out and counted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from schema.edit.session import EditSession
from schema.intake.columns import QUESTION_HEADERS, header_column, named_column
from schema.intake.errors import Finding, IntakeError
from schema.intake.exports import Export, Row
from schema.intake.plan import SAMPLE_ROWS, IntakeContext, IntakePlan
from schema.intake.respondents import respondents
from schema.read.textmatch import normalize
from schema.words.messages import say

NOTHING_TO_ASK = frozenset(normalize(text) for text in (
    "なし", "無し", "特になし", "特に無し", "ない", "特にない", "ありません", "特にありません", "特段なし",
    "ー", "―", "－", "none", "n/a", "nil"))
"""Answers that ask nothing (compared normalized, without a final 。)."""


@dataclass(frozen=True)
class QuestionOptions:
    theme_column: str | None = None
    """The header of the column of themes (default: the column whose cells name themes)."""
    question_column: str | None = None
    """The header of the column of questions (default: one whose header says 質問, 相談 or 課題)."""
    maps: Mapping[str, str] = field(default_factory=dict)
    """A column's themes settled for this intake: wording → theme id (kept as aliases)."""
    item: int | None = None
    """The agenda item (1-based) to fill, where the meeting has several consultations."""
    org_column: str | None = None
    """The header of the column of the asking organisations (default: found by its header)."""


@dataclass(frozen=True, slots=True)
class Asked:
    theme: str
    text: str
    row: Row
    code: str | None


def question_text(cell: str) -> str:
    """A cell's question as the record keeps it: lines trimmed, blank lines dropped."""
    return "\n".join(line.strip() for line in cell.replace("\r\n", "\n").split("\n") if line.strip())


def question_key(text: str) -> str:
    """What two questions are compared by: NFKC, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def asks_nothing(text: str) -> bool:
    key = normalize(text).rstrip("。.")
    return not key or key in NOTHING_TO_ASK


def plan_questions(session: EditSession, export: Export, meeting_id: str,
                   options: QuestionOptions | None = None) -> IntakePlan:
    """The consultation item as the export fills it (nothing written: see `apply_plan`)."""
    options = options or QuestionOptions()
    intake = IntakeContext(session, export, meeting_id, options.maps)
    by_theme, theme_column, question_column = _columns(intake, options)
    used = [*by_theme, *(c for c in (theme_column, question_column) if c is not None)]
    intake.find_organisations(options.org_column, used)
    people = respondents(export)
    intake.findings += people.findings
    asked: list[Asked] = []
    unknown: dict[str, tuple[str, list[int]]] = {}
    nothing = 0
    for row in people.rows:
        _, code = intake.organisation(row)
        cells = [(theme, row.get(column)) for column, theme in by_theme.items()]
        if question_column is not None and theme_column is not None:
            named = " ".join(row.get(theme_column).split())
            text = row.get(question_column)
            if not question_text(text):
                continue
            theme = intake.theme_of(named) if named else None
            if theme is None:
                unknown.setdefault(normalize(named), (named or "—", []))[1].append(row.number)
                continue
            cells = [(theme, text)]
        for theme, cell in cells:
            text = question_text(cell)
            if not text:
                continue
            if asks_nothing(text):
                nothing += 1
                continue
            asked.append(Asked(theme, text, row, code))
    intake.report_organisations(list({a.row.number: a.row for a in asked}.values()))
    if unknown:
        intake.unknown(unknown)
        return intake.plan()
    if not asked:
        raise IntakeError(say("intake_no_questions", file=export.name))
    intake.keep_aliases()
    added, linked, present = fill(intake, intake.agenda_item("consultation", options.item), asked)
    intake.findings.append(Finding(say("intake_questions_read", file=export.name, rows=f"{len(export.rows):,}",
                                       questions=f"{len(asked):,}", added=f"{added:,}", linked=f"{linked:,}",
                                       present=f"{present:,}", nothing=f"{nothing:,}")))
    return intake.plan()


def fill(intake: IntakeContext, item: dict[str, Any], asked: list[Asked]) -> tuple[int, int, int]:
    """Put each question under its theme's topic; (added, linked to a local government, already there)."""
    topics: list[dict[str, Any]] = item.setdefault("topics", [])
    added = linked = present = 0
    for question in asked:
        topic = next((t for t in topics if t.get("theme") == question.theme), None)
        if topic is None:
            topic = {"theme": question.theme}
            topics.append(topic)
        questions: list[dict[str, Any]] = topic.setdefault("questions", [])
        key = question_key(question.text)
        found = next((q for q in questions if question_key(q.get("text", "")) == key), None)
        if found is None:
            entry: dict[str, Any] = {"text": question.text}
            if question.code is not None:
                entry["municipalities"] = [question.code]
            questions.append(entry)
            added += 1
        elif question.code is not None and question.code not in found.get("municipalities", []):
            found["municipalities"] = [*found.get("municipalities", []), question.code]
            linked += 1
        else:
            present += 1
    return added, linked, present


def _columns(intake: IntakeContext, options: QuestionOptions) -> tuple[dict[int, str], int | None, int | None]:
    """Either columns by theme ({column: theme id}), or the theme column and the question column."""
    export = intake.export
    if options.theme_column or options.question_column:
        theme = named_column(export, options.theme_column) if options.theme_column else None
        question = named_column(export, options.question_column) if options.question_column else None
        if theme is None:
            theme = _theme_column(intake, [question] if question is not None else [])
        if question is None:
            question = header_column(export, QUESTION_HEADERS, [theme] if theme is not None else [])
        if theme is None or question is None:
            raise IntakeError(say("intake_no_question_columns", file=export.name))
        return {}, theme, question
    by_theme: dict[int, str] = {}
    for column, header in enumerate(export.headers):
        named = intake.matcher.in_header(header)
        if named is not None:
            by_theme[column] = named
    if by_theme:
        return by_theme, None, None
    theme = _theme_column(intake, [])
    question = header_column(export, QUESTION_HEADERS, [theme] if theme is not None else [])
    if theme is None or question is None:
        raise IntakeError(say("intake_no_question_columns", file=export.name))
    return {}, theme, question


def _theme_column(intake: IntakeContext, exclude: list[int]) -> int | None:
    """The column whose cells (one short value each) name themes most often, at least half of them."""
    export = intake.export
    best: tuple[float, int | None] = (0.49, None)
    for column in range(len(export.headers)):
        if column in exclude:
            continue
        cells = [row.get(column).strip() for row in export.rows[:SAMPLE_ROWS] if row.get(column).strip()]
        if not cells:
            continue
        share = sum(intake.matcher.match(cell) is not None for cell in cells) / len(cells)
        if share > best[0]:
            best = (share, column)
    return best[1]
