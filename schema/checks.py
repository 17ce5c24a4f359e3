"""The checks beyond the schema. Each is a small function over one file's model.

Checks that need one file only yield `Finding`s (key path, code, message). References from one
file into another (an advisor id, a local government code, a theme) are collected as `Reference`s
and resolved once every file has loaded, so that a file's checks never depend on another file and
their results can be cached per file. The loader turns key paths into line and column through the
file's source, as beancount's validations carry their entries' source.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from schema.ids import check_digit, fiscal_year_of, prefecture_code
from schema.locate import KeyPath, dotted
from schema.models import (
    MUNICIPALITIES_FILE,
    ActivityReport,
    AdvisorsFile,
    Briefing,
    Consultation,
    Discussion,
    Meeting,
    MeetingKind,
    MunicipalitiesFile,
    Municipality,
    MunicipalityKind,
    OtherItem,
    Presentation,
    Remarks,
    Role,
    Survey,
)
from schema.repofiles import REFERENCE_TARGETS
from schema.suggest import Suggestions


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    keypath: KeyPath
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference from one file into another; resolved once every file has loaded."""

    code: str
    value: str
    keypath: KeyPath


def file_findings(relpath: str, model: BaseModel, refs: list[Reference]) -> list[Finding]:
    """The checks that need this one file only (`refs`: the file's references, from `references`)."""
    if isinstance(model, MunicipalitiesFile):
        return list(check_codes(model.municipalities))
    if isinstance(model, AdvisorsFile):
        return list(check_duplicates(relpath, _advisor_lists(model, refs)))
    if isinstance(model, Meeting):
        people = list(person_references(model))
        listed = people + [(ref.keypath, ref.value) for ref in refs]
        return [*check_people(relpath, model, people), *check_duplicates(relpath, listed),
                *check_meeting_consistency(relpath, model)]
    return []


def references(model: BaseModel) -> list[Reference]:
    """Every reference of a file into the other files."""
    if isinstance(model, AdvisorsFile):
        return list(advisor_references(model))
    if isinstance(model, Meeting):
        return list(meeting_references(model))
    return []


def resolve(path: str, refs: Iterable[Reference], known: dict[str, Collection[str] | None]) -> list[Finding]:
    """Findings for the references whose target is not there.

    `known` maps each target file to its record keys, or None when that file did not load: its
    references are then not reported (the file's own problem is the one to fix, not its echoes).
    """
    findings = []
    suggestions = Suggestions()
    for ref in refs:
        target, what = REFERENCE_TARGETS[ref.code]
        keys = known.get(target)
        if keys is None or ref.value in keys:
            continue
        findings.append(Finding(path, ref.keypath, ref.code,
                                f'unknown {what} "{ref.value}"{suggestions.hint(ref.value, keys)}'))
    return findings


def did_you_mean(value: str, candidates: Iterable[str], cutoff: float = 0.7) -> str:
    """One suggestion (see `schema.suggest` for many in one file)."""
    listed = candidates if isinstance(candidates, Collection) else list(candidates)
    return Suggestions(1).hint(value, listed, cutoff)


def check_duplicates(path: str, items: Iterable[tuple[KeyPath, object]]) -> Iterator[Finding]:
    """E505 for a value listed twice in one list (keypaths of list elements end in an index)."""
    seen: set[tuple[KeyPath, object]] = set()
    for keypath, value in items:
        if not (keypath and isinstance(keypath[-1], int)):
            continue
        key = (keypath[:-1], value)
        if key in seen:
            yield Finding(path, keypath, "E505", f'"{value}" is listed twice in {dotted(keypath[:-1])}; list it once')
        seen.add(key)


# -- local governments ------------------------------------------------------------------------


def check_codes(municipalities: dict[str, Municipality]) -> Iterator[Finding]:
    for code, municipality in municipalities.items():
        keypath = ("municipalities", code)
        expected = check_digit(code[:5])
        if int(code[5]) != expected:
            yield Finding(MUNICIPALITIES_FILE, keypath, "E401",
                          f"code {code} has check digit {code[5]}, expected {expected}")
            continue
        is_prefecture_code = code[2:5] == "000"
        if (municipality.kind == MunicipalityKind.PREFECTURE) != is_prefecture_code:
            right = "a prefecture" if is_prefecture_code else "not a prefecture"
            yield Finding(MUNICIPALITIES_FILE, (*keypath, "kind"), "E403",
                          f'{code} {municipality.name} has kind "{municipality.kind.value}", '
                          f"but its code says {right}")
            continue
        prefecture = prefecture_code(code)
        if not is_prefecture_code and prefecture not in municipalities:
            yield Finding(MUNICIPALITIES_FILE, keypath, "E402",
                          f"{code} {municipality.name} belongs to prefecture {prefecture}, "
                          "which is not in the file; add it (daicho import municipalities)")


# -- advisors ---------------------------------------------------------------------------------


def advisor_references(advisors: AdvisorsFile) -> Iterator[Reference]:
    for advisor_id, advisor in advisors.advisors.items():
        base = ("advisors", advisor_id)
        for i, theme in enumerate(advisor.expertise):
            yield Reference("E304", theme, (*base, "expertise", i))
        for i, affiliation in enumerate(advisor.affiliations):
            if affiliation.municipality is not None:
                yield Reference("E303", affiliation.municipality, (*base, "affiliations", i, "municipality"))


def _advisor_lists(advisors: AdvisorsFile, refs: list[Reference]) -> Iterator[tuple[KeyPath, object]]:
    for ref in refs:
        yield ref.keypath, ref.value
    for advisor_id, advisor in advisors.advisors.items():
        for i, bureau in enumerate(advisor.bureaus):
            yield ("advisors", advisor_id, "bureaus", i), bureau.value
        for i, year in enumerate(advisor.fiscal_years):
            yield ("advisors", advisor_id, "fiscal_years", i), year


# -- meetings ---------------------------------------------------------------------------------


def meeting_references(meeting: Meeting) -> Iterator[Reference]:
    for i, theme in enumerate(meeting.themes):
        yield Reference("E304", theme, ("themes", i))
    for key, person in meeting.people.items():
        if person.advisor is not None:
            yield Reference("E301", person.advisor, ("people", key, "advisor"))
        if person.municipality is not None:
            yield Reference("E303", person.municipality, ("people", key, "municipality"))
    if meeting.dispatch is not None:
        yield Reference("E301", meeting.dispatch.advisor, ("dispatch", "advisor"))
        yield Reference("E303", meeting.dispatch.municipality, ("dispatch", "municipality"))
    for a, item in enumerate(meeting.agenda):
        if isinstance(item, Consultation):
            for t, topic in enumerate(item.topics):
                base = ("agenda", a, "topics", t)
                if topic.theme is not None:
                    yield Reference("E304", topic.theme, (*base, "theme"))
                for q, question in enumerate(topic.questions):
                    for i, code in enumerate(question.municipalities):
                        yield Reference("E303", code, (*base, "questions", q, "municipalities", i))
        elif isinstance(item, Survey):
            for r, rank in enumerate(item.ranking):
                if rank.theme is not None:
                    yield Reference("E304", rank.theme, ("agenda", a, "ranking", r, "theme"))


def check_people(path: str, meeting: Meeting, people: list[tuple[KeyPath, str]]) -> Iterator[Finding]:
    suggestions = Suggestions()
    for keypath, key in people:
        if key not in meeting.people:
            yield Finding(path, keypath, "E302",
                          f'"{key}" is not a person of this meeting{suggestions.hint(key, meeting.people)}; '
                          "people are referred to by their key in [people]")


def person_references(meeting: Meeting) -> Iterator[tuple[KeyPath, str]]:
    """Every place in a meeting that names a person by key, with its key path."""
    for i, key in enumerate(meeting.leaders):
        yield ("leaders", i), key
    for a, item in enumerate(meeting.agenda):
        base: KeyPath = ("agenda", a)
        for i, key in enumerate(item.facilitators):
            yield (*base, "facilitators", i), key
        if isinstance(item, Presentation | Survey):
            for i, key in enumerate(item.presenters):
                yield (*base, "presenters", i), key
        if isinstance(item, Remarks | Briefing | ActivityReport | OtherItem):
            for i, key in enumerate(item.speakers):
                yield (*base, "speakers", i), key
        if isinstance(item, Presentation):
            for q, question in enumerate(item.questions):
                for i, key in enumerate(question.by):
                    yield (*base, "questions", q, "by", i), key
                for n, answer in enumerate(question.answers):
                    for i, key in enumerate(answer.by):
                        yield (*base, "questions", q, "answers", n, "by", i), key
        elif isinstance(item, Consultation):
            for t, topic in enumerate(item.topics):
                tbase = (*base, "topics", t)
                for i, key in enumerate(topic.respondents):
                    yield (*tbase, "respondents", i), key
                for q, question in enumerate(topic.questions):
                    for i, key in enumerate(question.by):
                        yield (*tbase, "questions", q, "by", i), key
                for n, answer in enumerate(topic.answers):
                    for i, key in enumerate(answer.by):
                        yield (*tbase, "answers", n, "by", i), key
        elif isinstance(item, Discussion):
            for o, opinion in enumerate(item.opinions):
                for i, key in enumerate(opinion.by):
                    yield (*base, "opinions", o, "by", i), key


def check_meeting_consistency(path: str, meeting: Meeting) -> Iterator[Finding]:
    expected = fiscal_year_of(meeting.date.year, meeting.date.month)
    if meeting.fiscal_year != expected:
        yield Finding(path, ("fiscal_year",), "E501",
                      f"fiscal year {meeting.fiscal_year} does not agree with the date "
                      f"{meeting.date.isoformat()}, which is in fiscal year {expected} (April–March)")
    if meeting.end_date is not None and meeting.end_date < meeting.date:
        yield Finding(path, ("end_date",), "E503",
                      f"end date {meeting.end_date.isoformat()} is before the date {meeting.date.isoformat()}")
    if meeting.kind == MeetingKind.DISPATCH and meeting.dispatch is None:
        yield Finding(path, ("kind",), "E504",
                      'a meeting of kind "dispatch" needs a [dispatch] table with advisor and municipality')
    yield from _attendance(path, meeting)


def _attendance(path: str, meeting: Meeting) -> Iterator[Finding]:
    attendance = meeting.attendance
    if attendance is None:
        return
    people = meeting.people.values()
    named = {
        "advisors": sum(1 for p in people if p.role == Role.ADVISOR),
        "municipal_staff": sum(1 for p in people if p.role == Role.MUNICIPAL_STAFF),
        "municipalities": len({p.municipality for p in people if p.role == Role.MUNICIPAL_STAFF and p.municipality}),
    }
    for field_name, count in named.items():
        reported = getattr(attendance, field_name)
        if reported is not None and reported < count:
            yield Finding(path, ("attendance", field_name), "E502",
                          f"attendance.{field_name} is {reported}, but the record names {count}; "
                          "attendance counts everyone present, named or not")
