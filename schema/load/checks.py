"""The checks beyond the schema: one list of small functions with one signature.

Each check takes one file's model (with the file's repository-relative path) and yields `Finding`s
(key path, code, message); a check that does not concern the model yields nothing. `FILE_CHECKS`
is the list the loader runs, as beancount runs its validations.

References from one file into another (an advisor id, a local government code, a theme) are
collected as `Reference`s and resolved once every file has loaded, so that a file's checks never
depend on another file and their results can be cached per file. The loader turns key paths into
line and column through the file's source. Which fields are references is declared on the models
(schema.models.refs) and read through schema.models.walk: nothing here names the fields of an agenda kind.

A file whose model did not build (an unknown or a missing field) still has its references checked,
read from its parsed document through the same declarations (`document_findings`): one problem
does not hide the others.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from schema.files.ids import check_digit, fiscal_year_of, prefecture_code
from schema.files.ids import wrong_check_digit as check_digit_of
from schema.files.locate import KeyPath
from schema.files.repofiles import ROOT_OF_PROBLEM
from schema.load.places import field_label, place
from schema.load.suggest import Suggestions
from schema.models import (
    MUNICIPALITIES_FILE,
    Meeting,
    MeetingKind,
    MunicipalitiesFile,
    MunicipalityKind,
    PersonRole,
    Question,
    Target,
    Unnamed,
    UnnamedRole,
)
from schema.models.walk import FoundRef, Walk, document_references
from schema.words.messages import Message, say, word


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    keypath: KeyPath
    code: str
    said: Message
    """What is wrong (schema.words.messages): its template, arguments and English text."""

    @property
    def message(self) -> str:
        """The English text."""
        return self.said.text


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference from one file into another; resolved once every file has loaded."""

    code: str
    value: str
    keypath: KeyPath


FileCheck = Callable[[str, BaseModel, Walk], Iterable[Finding]]
"""A check: the file's path, its model, and the model walked once (its records and references)."""

REFERENCE_CODES: dict[Target, str] = {
    Target.ADVISOR: "E301",
    Target.MUNICIPALITY: "E303",
    Target.THEME: "E304",
}
"""The problem code of a reference into each root file that does not resolve."""


def file_findings(relpath: str, model: BaseModel, walk: Walk | None = None) -> list[Finding]:
    """Every check that needs this one file only."""
    walk = walk or Walk(model)
    return [finding for check in FILE_CHECKS for finding in check(relpath, model, walk)]


def references(model: BaseModel, walk: Walk | None = None) -> list[Reference]:
    """Every reference of a file into the other files (advisors, local governments, themes)."""
    walk = walk or Walk(model)
    return [Reference(REFERENCE_CODES[ref.refers.target], ref.value, ref.keypath)
            for ref in walk.refs if ref.refers.target in REFERENCE_CODES]


def resolve(path: str, refs: Iterable[Reference], known: Mapping[str, Collection[str] | None]) -> list[Finding]:
    """Findings for the references whose target is not there.

    `known` maps each target file to its record keys, or None when that file did not load: its
    references are then not reported (the file's own problem is the one to fix, not its echoes).
    """
    findings = []
    suggestions = Suggestions()
    for ref in refs:
        target = ROOT_OF_PROBLEM[ref.code]
        keys = known.get(target.name)
        if keys is None or ref.value in keys:
            continue
        findings.append(Finding(path, ref.keypath, ref.code, wrong_check_digit(ref) or say(
            "unknown_reference", what=word(target.word), value=ref.value, hint=suggestions.said(ref.value, keys))))
    return findings


def wrong_check_digit(ref: Reference) -> Message | None:
    """For a local government's code whose check digit does not fit its first five digits: what
    the check digit should be (not another code that looks alike); None otherwise."""
    expected = check_digit_of(ref.value) if ref.code == "E303" else None
    if expected is None:
        return None
    value = ref.value
    return say("unknown_code_check_digit", value=value, digit=value[5], start=value[:5], expected=expected)


def did_you_mean(value: str, candidates: Iterable[str], cutoff: float = 0.7) -> str:
    """One suggestion (see `schema.load.suggest` for many in one file)."""
    listed = candidates if isinstance(candidates, Collection) else list(candidates)
    return Suggestions(1).hint(value, listed, cutoff)


# -- any file ---------------------------------------------------------------------------------


def check_duplicates(path: str, model: BaseModel, walk: Walk) -> Iterator[Finding]:
    """E505 for a value listed twice in one list (of references, or marked Unique)."""
    for keypath, value in walk.repeated():
        shown = value.value if hasattr(value, "value") else value
        yield Finding(path, keypath, "E505", say("listed_twice", value=str(shown),
                                                 where=place(keypath[:-1], type(model), model)))


# -- local governments ------------------------------------------------------------------------


def check_codes(path: str, model: BaseModel, walk: Walk) -> Iterator[Finding]:
    """E401 check digit, E403 kind against the code, E402 prefecture missing."""
    if not isinstance(model, MunicipalitiesFile):
        return
    municipalities = model.municipalities
    for code, municipality in municipalities.items():
        keypath = ("municipalities", code)
        expected = check_digit(code[:5])
        if int(code[5]) != expected:
            yield Finding(MUNICIPALITIES_FILE, keypath, "E401",
                          say("check_digit", code=code, digit=code[5], expected=expected))
            continue
        is_prefecture_code = code[2:5] == "000"
        if (municipality.kind == MunicipalityKind.PREFECTURE) != is_prefecture_code:
            right = say("code_of_prefecture") if is_prefecture_code else say("code_not_of_prefecture")
            yield Finding(MUNICIPALITIES_FILE, (*keypath, "kind"), "E403",
                          say("kind_against_code", code=code, name=municipality.name,
                              kind=municipality.kind.value, right=right))
            continue
        prefecture = prefecture_code(code)
        if not is_prefecture_code and prefecture not in municipalities:
            yield Finding(MUNICIPALITIES_FILE, keypath, "E402",
                          say("prefecture_missing", code=code, name=municipality.name, prefecture=prefecture))


# -- meetings ---------------------------------------------------------------------------------


def check_local_references(path: str, model: BaseModel, walk: Walk) -> Iterator[Finding]:
    """E302 a person key, E305 a part key that the meeting does not define."""
    if not isinstance(model, Meeting):
        return
    yield from local_reference_findings(path, walk.refs, tuple(model.people), tuple(model.parts))


def local_reference_findings(path: str, refs: Iterable[FoundRef], people: Sequence[str],
                             parts: Sequence[str]) -> Iterator[Finding]:
    """E302 and E305 for the references to people and parts of a meeting that are not among its
    `people` and `parts` keys (of its model, or of its parsed document where the model did not build)."""
    suggestions = Suggestions()  # bounded: a meeting may name thousands of unknown people
    known_people, known_parts = frozenset(people), frozenset(parts)
    for ref in refs:
        target = ref.refers.target
        if target == Target.PERSON and ref.value not in known_people:
            yield Finding(path, ref.keypath, "E302",
                          say("unknown_person", value=ref.value, hint=suggestions.said(ref.value, people)))
        elif target == Target.PART and ref.value not in known_parts:
            defined = say("parts_here", parts=", ".join(parts[:10])) if parts else ""
            yield Finding(path, ref.keypath, "E305",
                          say("unknown_part", value=ref.value, hint=suggestions.said(ref.value, parts),
                              parts=defined))


def document_findings(path: str, model_type: type[BaseModel], document: dict[str, Any],
                      wrong: Collection[KeyPath]) -> tuple[list[Reference], list[Finding]]:
    """For a file whose model did not build: the references its parsed document holds where the
    model declares them (`schema.models.walk.document_references`) — into the other files, to resolve
    with the rest, and E302 / E305 for a meeting's people and parts — except those at or under a
    place already reported as wrong (`wrong`: the key paths of the schema's errors)."""
    places = {tuple(place) for place in wrong}  # a set: a file can hold thousands of errors and references
    refs = [ref for ref in document_references(model_type, document)
            if not any(tuple(ref.keypath[:n]) in places for n in range(len(ref.keypath) + 1))]
    outgoing = [Reference(REFERENCE_CODES[ref.refers.target], ref.value, ref.keypath)
                for ref in refs if ref.refers.target in REFERENCE_CODES]
    findings: list[Finding] = []
    if model_type is Meeting:
        people, parts = document.get("people", {}), document.get("parts", {})  # absent: none (the defaults)
        local = [ref for ref in refs if (ref.refers.target == Target.PERSON and isinstance(people, dict))
                 or (ref.refers.target == Target.PART and isinstance(parts, dict))]
        findings = list(local_reference_findings(path, local, tuple(people or ()), tuple(parts or ())))
    return outgoing, findings


def check_unnamed_roles(path: str, model: BaseModel, walk: Walk) -> Iterator[Finding]:
    """E507: people left unnamed in a role the record (item, topic, meeting) does not have."""
    for keypath, record in walk.records:
        fields = _field_names(type(record))
        if "unnamed" not in fields:
            continue
        unnamed = record.unnamed  # type: ignore[attr-defined]
        if not unnamed or not isinstance(unnamed[0], Unnamed):
            continue
        roles = [role.value for role in UnnamedRole if role.value in fields]
        for i, entry in enumerate(unnamed):
            if entry.role.value not in fields:
                yield Finding(path, (*keypath, "unnamed", i, "role"), "E507",
                              say("role_not_here", role=_role(entry.role.value),
                                  what=place(keypath, type(model), model) if keypath else word("word.the_meeting"),
                                  roles=_roles(roles)))


@cache
def _field_names(cls: type[BaseModel]) -> frozenset[str]:
    return frozenset(cls.model_fields)


def _role(role: str) -> Message:
    """A role as the file writes it (English) and by its label (other languages)."""
    return say("value_label", value=role, label=word(f"unnamed_role.{role}"))


def _roles(roles: Sequence[str]) -> Message:
    """speakers, presenters (English) / 話者、発表者."""
    if not roles:
        return word("word.none")
    said: Message = _role(roles[0])
    for role in roles[1:]:
        said = say("value_more", first=said, next=_role(role))
    return said


def check_anonymous_questions(path: str, model: BaseModel, walk: Walk) -> Iterator[Finding]:
    """E506: a question asked anonymously that names who asked it."""
    for keypath, record in walk.records:
        if isinstance(record, Question) and record.anonymous and (record.by or record.municipalities):
            field = "by" if record.by else "municipalities"
            yield Finding(path, (*keypath, field), "E506",
                          say("anonymous_names_askers", where=place(keypath, type(model), model),
                              field=say("place_top", key=field, label=field_label(Question, field))))


def check_dates(path: str, model: BaseModel, walk: Walk) -> Iterator[Finding]:
    """E501 fiscal year against the date, E503 end date before the date."""
    if not isinstance(model, Meeting):
        return
    expected = fiscal_year_of(model.date.year, model.date.month)
    if model.fiscal_year != expected:
        yield Finding(path, ("fiscal_year",), "E501",
                      say("fiscal_year", fiscal_year=model.fiscal_year, date=model.date.isoformat(),
                          expected=expected))
    if model.end_date is not None and model.end_date < model.date:
        yield Finding(path, ("end_date",), "E503",
                      say("end_before_start", end=model.end_date.isoformat(), date=model.date.isoformat()))


def check_dispatch(path: str, model: BaseModel, walk: Walk) -> Iterator[Finding]:
    """E504: a dispatch needs its [dispatch] table."""
    if isinstance(model, Meeting) and model.kind == MeetingKind.DISPATCH and model.dispatch is None:
        yield Finding(path, ("kind",), "E504", say("dispatch_table"))


def check_attendance(path: str, model: BaseModel, walk: Walk) -> Iterator[Finding]:
    """E502: attendance counts smaller than the people (or observers) the record names."""
    if not isinstance(model, Meeting) or model.attendance is None:
        return
    attendance = model.attendance
    people = model.people.values()
    staff = [p for p in people if p.role == PersonRole.MUNICIPAL_STAFF]
    named: dict[str, tuple[int | None, int]] = {
        "advisors": (attendance.advisors, sum(1 for p in people if p.role == PersonRole.ADVISOR)),
        "municipal_staff": (attendance.municipal_staff, len(staff)),
        "municipalities": (attendance.municipalities, len({c for p in staff for c in p.municipalities})),
    }
    for field_name, (reported, count) in named.items():
        if reported is not None and reported < count:
            yield Finding(path, ("attendance", field_name), "E502",
                          say("attendance_below", field=place(("attendance", field_name), Meeting, model),
                              reported=reported, count=count))
    observers = attendance.observers
    if observers is None:
        return
    observing = sum(1 for p in people if p.role == PersonRole.OBSERVER)
    for field_name, reported, count in (("municipalities", observers.municipalities, len(observers.named)),
                                        ("people", observers.people, observing)):
        if reported is not None and reported < count:
            yield Finding(path, ("attendance", "observers", field_name), "E502",
                          say("observers_below", field=place(("attendance", "observers", field_name), Meeting, model),
                              reported=reported, count=count))


FILE_CHECKS: tuple[FileCheck, ...] = (
    check_codes,
    check_duplicates,
    check_local_references,
    check_unnamed_roles,
    check_anonymous_questions,
    check_dates,
    check_dispatch,
    check_attendance,
)
"""The checks the loader runs on every file, in this order."""
