"""`daicho intake survey`: a pre-meeting survey's export tallied into the meeting's survey item.

Each respondent's chosen options (their last row, `schema.intake.respondents`) are matched to themes
(`schema.intake.themes`), counted one vote per theme (`schema.intake.tally`) and written as the
survey item's `responses` (respondents who answered the question) and `ranking` — the themes with
votes, most first, each with its `votes` and its competition rank (ties share a rank, as the seed's
3位 does). An option that matches no theme blocks the plan and is listed until `--map` settles it.
The local governments the respondents belong to are added to the item's `municipalities`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from schema.edit.session import EditSession
from schema.intake.columns import named_column
from schema.intake.errors import Finding, IntakeError
from schema.intake.exports import Export, Row
from schema.intake.plan import SAMPLE_ROWS, IntakeContext, IntakePlan
from schema.intake.respondents import respondents
from schema.intake.tally import competition_ranking, tally
from schema.intake.themes import split_choices
from schema.read.textmatch import normalize
from schema.words.messages import say
from schema.words.sanitize import shorten

_HINT = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
"""A trailing remark in a question's header: （複数選択可）."""


@dataclass(frozen=True)
class SurveyOptions:
    column: str | None = None
    """The header of the column of chosen options (default: the column whose cells name themes)."""
    maps: Mapping[str, str] = field(default_factory=dict)
    """Options settled for this intake: option → theme id (kept as aliases)."""
    item: int | None = None
    """The agenda item (1-based) to fill, where the meeting has several surveys."""
    org_column: str | None = None
    """The header of the column of the respondents' organisations (default: found by its header)."""


def plan_survey(session: EditSession, export: Export, meeting_id: str,
                options: SurveyOptions | None = None) -> IntakePlan:
    """The survey item as the export fills it (nothing written: see `apply_plan`)."""
    options = options or SurveyOptions()
    intake = IntakeContext(session, export, meeting_id, options.maps)
    column = named_column(export, options.column) if options.column else choice_column(intake)
    people = respondents(export)
    intake.findings += people.findings
    answered: list[tuple[Row, list[str]]] = []
    for row in people.rows:
        choices = split_choices(row.get(column), intake.matcher)
        if choices:
            answered.append((row, choices))
    if not answered:
        raise IntakeError(say("intake_no_answers", file=export.name, column=shorten(export.headers[column])))
    unknown: dict[str, tuple[str, list[int]]] = {}
    ballots: list[set[str]] = []
    for row, choices in answered:
        ballot = set()
        for choice in choices:
            theme = intake.theme_of(choice)
            if theme is None:
                unknown.setdefault(normalize(choice), (choice, []))[1].append(row.number)
            else:
                ballot.add(theme)
        ballots.append(ballot)
    intake.find_organisations(options.org_column, [column])
    codes = intake.report_organisations([row for row, _ in answered])
    intake.findings.append(Finding(say("intake_survey_read", file=export.name, column=shorten(export.headers[column]),
                                       rows=f"{len(export.rows):,}", respondents=f"{len(answered):,}",
                                       governments=f"{len(codes):,}")))
    if unknown:
        intake.unknown(unknown)
        return intake.plan()
    intake.keep_aliases()
    fill(intake, intake.agenda_item("survey", options.item), export.headers[column], ballots, codes)
    return intake.plan()


def fill(intake: IntakeContext, item: dict[str, Any], header: str, ballots: list[set[str]],
         codes: list[str]) -> None:
    """Write the responses, the ranking and the respondents' local governments into the item."""
    notes = {line.get("theme"): line["note"] for line in item.get("ranking", []) if line.get("note")}
    ranking = []
    for ranked in competition_ranking(tally(ballots)):
        line: dict[str, Any] = {"rank": ranked.rank, "label": intake.theme_label(ranked.item),
                                "theme": ranked.item, "votes": ranked.votes}
        if ranked.item in notes:
            line["note"] = notes[ranked.item]
        ranking.append(line)
        intake.findings.append(Finding(say("intake_ranked", rank=str(ranked.rank), label=line["label"],
                                           votes=f"{ranked.votes:,}")))
    item["ranking"] = ranking
    item["responses"] = len(ballots)
    if not item.get("question"):
        item["question"] = _HINT.sub("", header) or header
    if codes:
        item["municipalities"] = sorted(set(item.get("municipalities", [])) | set(codes))


def choice_column(intake: IntakeContext) -> int:
    """The column whose cells name themes most often (over the first rows); raises IntakeError."""
    export = intake.export
    best: tuple[float, int | None] = (0.0, None)
    for column in range(len(export.headers)):
        cells = [row.get(column) for row in export.rows[:SAMPLE_ROWS] if row.get(column).strip()]
        if not cells:
            continue
        named = sum(any(intake.matcher.match(c) is not None for c in split_choices(cell, intake.matcher))
                    for cell in cells)
        share = named / len(cells)
        if share > best[0]:
            best = (share, column)
    if best[1] is None:
        raise IntakeError(say("intake_no_choice_column", file=export.name))
    return best[1]
