"""Cross-file checks over the loaded records. Each check is a small function in CHECKS.

A check yields `Finding`s (file, key path, code, message); `run_checks` turns key paths into
line and column through the file's source, as beancount's validations carry their entries' source.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from schema.ids import check_digit, fiscal_year_of, prefecture_code
from schema.models import (
    ADVISORS_FILE,
    MUNICIPALITIES_FILE,
    THEMES_FILE,
    Meeting,
    MeetingKind,
    MunicipalityKind,
    Records,
    Role,
)
from schema.problems import Problem

if TYPE_CHECKING:
    from schema.loader import Source


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    keypath: tuple[str | int, ...]
    code: str
    message: str


Check = Callable[[Records], Iterator[Finding]]


# The file each kind of reference points into: when it did not load, its references are not
# reported as unknown (the file's own problem is the one to fix, not hundreds of echoes).
_TARGET_FILE = {"E301": ADVISORS_FILE, "E303": MUNICIPALITIES_FILE, "E304": THEMES_FILE}


def run_checks(records: Records, sources: dict[str, Source]) -> list[Problem]:
    problems = []
    for check in CHECKS:
        for finding in check(records):
            if _TARGET_FILE.get(finding.code) in records.unloaded:
                continue
            source = sources.get(finding.path)
            line, col = source.position(finding.keypath) if source else (None, None)
            problems.append(Problem(finding.path, line, col, finding.code, finding.message))
    return problems


def _did_you_mean(value: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.7)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _unknown(
    path: str, keypath: tuple[str | int, ...], code: str, what: str, value: str, known: Sequence[str] | dict
) -> Finding | None:
    if value in known:
        return None
    return Finding(path, keypath, code, f'unknown {what} "{value}"{_did_you_mean(value, known)}')


# -- local governments ------------------------------------------------------------------------


def check_codes(records: Records) -> Iterator[Finding]:
    for code, municipality in records.municipalities.items():
        keypath = ("municipalities", code)
        expected = check_digit(code[:5])
        if int(code[5]) != expected:
            yield Finding(MUNICIPALITIES_FILE, keypath, "E401",
                          f"code {code} has check digit {code[5]}, expected {expected}")
            continue
        is_prefecture_code = code[2:5] == "000"
        if (municipality.kind == MunicipalityKind.PREFECTURE) != is_prefecture_code:
            right = "prefecture" if is_prefecture_code else "not prefecture"
            yield Finding(MUNICIPALITIES_FILE, (*keypath, "kind"), "E403",
                          f'{code} {municipality.name} has kind "{municipality.kind.value}", '
                          f"but its code says {right}")
            continue
        prefecture = prefecture_code(code)
        if not is_prefecture_code and prefecture not in records.municipalities:
            yield Finding(MUNICIPALITIES_FILE, keypath, "E402",
                          f"{code} {municipality.name} belongs to prefecture {prefecture}, "
                          "which is not in the file; add it (daicho import municipalities)")


# -- advisors ---------------------------------------------------------------------------------


def check_advisor_references(records: Records) -> Iterator[Finding]:
    for advisor_id, advisor in records.advisors.items():
        base = ("advisors", advisor_id)
        for i, theme in enumerate(advisor.expertise):
            if f := _unknown(ADVISORS_FILE, (*base, "expertise", i), "E304", "theme", theme,
                             records.themes):
                yield f
        for i, affiliation in enumerate(advisor.affiliations):
            code = affiliation.municipality
            if code is not None and (f := _unknown(
                ADVISORS_FILE, (*base, "affiliations", i, "municipality"), "E303",
                "local government", code, records.municipalities,
            )):
                yield f


# -- meetings ---------------------------------------------------------------------------------


def check_meeting_references(records: Records) -> Iterator[Finding]:
    for meeting_id, meeting in records.meetings.items():
        path = records.meeting_paths[meeting_id]
        yield from _meeting_references(path, meeting, records)


def _meeting_references(path: str, meeting: Meeting, records: Records) -> Iterator[Finding]:
    for i, theme in enumerate(meeting.themes):
        if f := _unknown(path, ("themes", i), "E304", "theme", theme, records.themes):
            yield f
    for key, person in meeting.people.items():
        if person.advisor is not None and (f := _unknown(
            path, ("people", key, "advisor"), "E301", "advisor", person.advisor, records.advisors
        )):
            yield f
        if person.municipality is not None and (f := _unknown(
            path, ("people", key, "municipality"), "E303", "local government",
            person.municipality, records.municipalities,
        )):
            yield f
    if meeting.dispatch is not None:
        if f := _unknown(path, ("dispatch", "advisor"), "E301", "advisor",
                         meeting.dispatch.advisor, records.advisors):
            yield f
        if f := _unknown(path, ("dispatch", "municipality"), "E303", "local government",
                         meeting.dispatch.municipality, records.municipalities):
            yield f
    for keypath, key in person_references(meeting):
        if key not in meeting.people:
            hint = _did_you_mean(key, meeting.people)
            yield Finding(path, keypath, "E302",
                          f'"{key}" is not a person of this meeting{hint}; '
                          "people are referred to by their key in [people]")
    for keypath, theme in agenda_theme_references(meeting):
        if f := _unknown(path, keypath, "E304", "theme", theme, records.themes):
            yield f
    for keypath, code in agenda_municipality_references(meeting):
        if f := _unknown(path, keypath, "E303", "local government", code, records.municipalities):
            yield f


_PERSON_LISTS = ("speakers", "presenters", "facilitators", "respondents")


def person_references(meeting: Meeting) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every place in a meeting that names a person by key, with its key path."""
    for i, key in enumerate(meeting.leaders):
        yield ("leaders", i), key
    for a, item in enumerate(meeting.agenda):
        base: tuple[str | int, ...] = ("agenda", a)
        for name in _PERSON_LISTS:
            for i, key in enumerate(getattr(item, name, ())):
                yield (*base, name, i), key
        for q, question in enumerate(getattr(item, "questions", ())):
            for i, key in enumerate(question.by):
                yield (*base, "questions", q, "by", i), key
            for n, answer in enumerate(question.answers):
                for i, key in enumerate(answer.by):
                    yield (*base, "questions", q, "answers", n, "by", i), key
        for t, topic in enumerate(getattr(item, "topics", ())):
            tbase = (*base, "topics", t)
            for i, key in enumerate(topic.respondents):
                yield (*tbase, "respondents", i), key
            for q, question in enumerate(topic.questions):
                for i, key in enumerate(question.by):
                    yield (*tbase, "questions", q, "by", i), key
            for n, answer in enumerate(topic.answers):
                for i, key in enumerate(answer.by):
                    yield (*tbase, "answers", n, "by", i), key
        for o, opinion in enumerate(getattr(item, "opinions", ())):
            for i, key in enumerate(opinion.by):
                yield (*base, "opinions", o, "by", i), key


def agenda_theme_references(meeting: Meeting) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for a, item in enumerate(meeting.agenda):
        for t, topic in enumerate(getattr(item, "topics", ())):
            if topic.theme is not None:
                yield ("agenda", a, "topics", t, "theme"), topic.theme
        for r, rank in enumerate(getattr(item, "ranking", ())):
            if rank.theme is not None:
                yield ("agenda", a, "ranking", r, "theme"), rank.theme


def agenda_municipality_references(meeting: Meeting) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for a, item in enumerate(meeting.agenda):
        for t, topic in enumerate(getattr(item, "topics", ())):
            for q, question in enumerate(topic.questions):
                for i, code in enumerate(question.municipalities):
                    yield ("agenda", a, "topics", t, "questions", q, "municipalities", i), code


def check_meeting_consistency(records: Records) -> Iterator[Finding]:
    for meeting_id, meeting in records.meetings.items():
        path = records.meeting_paths[meeting_id]
        expected = fiscal_year_of(meeting.date.year, meeting.date.month)
        if meeting.fiscal_year != expected:
            yield Finding(path, ("fiscal_year",), "E501",
                          f"fiscal year {meeting.fiscal_year} does not agree with the date "
                          f"{meeting.date.isoformat()}, which is in fiscal year {expected} "
                          "(April–March)")
        if meeting.end_date is not None and meeting.end_date < meeting.date:
            yield Finding(path, ("end_date",), "E503",
                          f"end date {meeting.end_date.isoformat()} is before the date "
                          f"{meeting.date.isoformat()}")
        if meeting.kind == MeetingKind.DISPATCH and meeting.dispatch is None:
            yield Finding(path, ("kind",), "E504",
                          'a meeting of kind "dispatch" needs a [dispatch] table with advisor '
                          "and municipality")
        yield from _attendance(path, meeting)


def _attendance(path: str, meeting: Meeting) -> Iterator[Finding]:
    attendance = meeting.attendance
    if attendance is None:
        return
    people = meeting.people.values()
    named = {
        "advisors": sum(1 for p in people if p.role == Role.ADVISOR),
        "municipal_staff": sum(1 for p in people if p.role == Role.MUNICIPAL_STAFF),
        "municipalities": len({p.municipality for p in people
                               if p.role == Role.MUNICIPAL_STAFF and p.municipality}),
    }
    for field_name, count in named.items():
        reported = getattr(attendance, field_name)
        if reported is not None and reported < count:
            yield Finding(path, ("attendance", field_name), "E502",
                          f"attendance.{field_name} is {reported}, but the record names {count}; "
                          "attendance counts everyone present, named or not")


CHECKS: list[Check] = [
    check_codes,
    check_advisor_references,
    check_meeting_references,
    check_meeting_consistency,
]
