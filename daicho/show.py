"""`daicho show advisor|municipality|meeting|theme ID`: one record and everything that refers to it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from daicho.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

    from schema.models import AgendaItem, Meeting, Record, Records
    from schema.xref import CrossIndex, Mention

KINDS = ("advisor", "municipality", "meeting", "theme")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show", help="print one record and everything that refers to it",
        description="Print one record with everything that refers to it, across all meetings.",
    )
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("id", help="advisor id, local government code, meeting id or theme id")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from schema.loader import load_repository
    from schema.sanitize import printable
    from schema.suggest import Suggestions
    from schema.xref import build_index

    result = load_repository(args.repo)
    records = result.records
    table = _table(records, args.kind)
    if args.id not in table:
        unloaded = _unloaded_source(args.repo, records, args.kind, args.id)
        if unloaded:
            print(printable(f"daicho show: {unloaded}, so {args.kind} \"{args.id}\" cannot be shown; "
                            "run daicho validate to see why"), file=sys.stderr)
            return EXIT_PROBLEMS
        close = Suggestions().closest(args.id, list(table), n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        print(printable(f"daicho show: no {args.kind} \"{args.id}\"{hint}"), file=sys.stderr)
        return EXIT_USAGE
    index = build_index(records)
    render = {"advisor": _advisor, "municipality": _municipality, "meeting": _meeting,
              "theme": _theme}[args.kind]
    for line in render(records, index, args.id):
        print(printable(line, multiline=True))  # record text sets no terminal title or colour
    if result.problems:
        count = len(result.problems)
        missing = "".join(
            f"; {name} {'did not load' if (args.repo / name).exists() else 'is missing'}, "
            "so what refers to it shows ids only" for name in sorted(records.unloaded))
        print(f"\n({count} validation problem{'' if count == 1 else 's'} in the repository"
              f"{missing}; run daicho validate)", file=sys.stderr)
    return EXIT_OK


def _unloaded_source(root: Path, records: Records, kind: str, record_id: str) -> str | None:
    """Why a record may be absent: the file that holds it is missing or did not load."""
    from schema.repofiles import (
        ADVISORS_FILE,
        MEETINGS_DIR,
        MUNICIPALITIES_FILE,
        THEMES_FILE,
    )

    if kind == "meeting":
        relpath = f"{MEETINGS_DIR}/{record_id}.toml"
        return f"{relpath} did not load" if (root / relpath).is_file() else None
    name = {"advisor": ADVISORS_FILE, "municipality": MUNICIPALITIES_FILE,
            "theme": THEMES_FILE}[kind]
    if name not in records.unloaded:
        return None
    return f"{name} did not load" if (root / name).exists() else f"{name} is missing"


def _table(records: Records, kind: str) -> Mapping[str, Record]:
    tables: dict[str, Mapping[str, Record]] = {
        "advisor": records.advisors, "municipality": records.municipalities,
        "meeting": records.meetings, "theme": records.themes}
    return tables[kind]


def _field(label: str, value: object) -> str | None:
    if value in (None, [], ""):
        return None
    return f"  {label:<14} {value}"


def _lines(*items: str | None) -> Iterator[str]:
    yield from (item for item in items if item is not None)


def _theme_label(records: Records, theme: str | None) -> str:
    if theme is None:
        return ""
    found = records.themes.get(theme)
    return f"{found.label} ({theme})" if found else theme


def _municipality_label(records: Records, code: str) -> str:
    found = records.municipalities.get(code)
    return f"{found.name} ({code})" if found else code


def _advisor_label(records: Records, advisor_id: str) -> str:
    found = records.advisors.get(advisor_id)
    return f"{found.name} ({advisor_id})" if found else advisor_id


def _meeting_line(records: Records, meeting_id: str) -> str:
    meeting = records.meetings[meeting_id]
    return f"{meeting.date.isoformat()}  {meeting.title}  ({meeting_id})"


def _advisors_block(records: Records, mentions: list[Mention], role: str, title: str) -> Iterator[str]:
    """Advisors whose own record names this one (an affiliation, an expertise)."""
    advisors = [m.advisor for m in mentions if m.role == role and m.advisor]
    yield ""
    yield f"{title} ({len(advisors)}):"
    for advisor_id in advisors:
        yield f"  {_advisor_label(records, advisor_id)}"


def _mentions_block(records: Records, mentions: list[Mention]) -> Iterator[str]:
    meetings = list(dict.fromkeys(m.meeting_id for m in mentions if m.meeting_id))
    yield f"Meetings ({len(meetings)}):"
    for meeting_id in meetings:
        roles = sorted({m.role for m in mentions if m.meeting_id == meeting_id} - {"person"})
        suffix = f"  [{', '.join(roles)}]" if roles else ""
        yield f"  {_meeting_line(records, meeting_id)}{suffix}"


def _consultations_block(records: Records, index: CrossIndex, kind: str, record_id: str,
                         title: str) -> Iterator[str]:
    entries = index.consultations_of(kind, record_id)  # type: ignore[arg-type]
    yield f"{title} ({len(entries)}):"
    for entry in entries:
        meeting = records.meetings[entry.meeting_id]
        topic = _theme_label(records, entry.theme) or entry.topic_title or ""
        yield f"  {entry.id}  {meeting.date.isoformat()}  {topic}"
        yield f"    Q: {entry.question}"
        answerers = [_person_name(meeting, k) for k in entry.answerers]
        if answerers:
            yield f"    answered by: {', '.join(answerers)}"


def _person_name(meeting: Meeting, key: str) -> str:
    person = meeting.people.get(key)
    return person.name if person else key


# -- advisor ----------------------------------------------------------------------------------


def _advisor(records: Records, index: CrossIndex, advisor_id: str) -> Iterator[str]:
    a = records.advisors[advisor_id]
    yield f"Advisor {advisor_id}: {a.name} ({a.kana})"
    yield from _lines(_field("name_en", a.name_en))
    for aff in a.affiliations:
        link = f" → {_municipality_label(records, aff.municipality)}" if aff.municipality else ""
        yield f"  {'affiliation':<14} {aff.organization} {aff.title or ''}".rstrip() + link
    yield from _lines(
        _field("expertise", ", ".join(_theme_label(records, t) for t in a.expertise)),
        _field("bureaus", ", ".join(b.value for b in a.bureaus)),
        _field("fiscal years", ", ".join(f"FY{y}" for y in a.fiscal_years)),
        _field("url", a.url), _field("note", a.note),
    )
    mentions = index.mentions("advisor", advisor_id)
    yield ""
    yield from _mentions_block(records, mentions)
    roles = [m for m in mentions if m.role in ("presenter", "speaker", "facilitator", "leader")]
    if roles:
        yield ""
        yield f"Roles ({len(roles)}):"
        for m in roles:
            yield f"  {m.meeting_id}  {m.role}: {m.where}"
    yield ""
    yield from _consultations_block(records, index, "advisor", advisor_id, "Consultations answered")


# -- local government -------------------------------------------------------------------------


def _municipality(records: Records, index: CrossIndex, code: str) -> Iterator[str]:
    from schema.ids import prefecture_code

    m = records.municipalities[code]
    yield f"Local government {code}: {m.name} ({m.kana})"
    yield from _lines(_field("kind", m.kind.value), _field("url", m.url), _field("note", m.note))
    pref = prefecture_code(code)
    if pref != code and pref in records.municipalities:
        yield f"  {'prefecture':<14} {_municipality_label(records, pref)}"
    mentions = index.mentions("municipality", code)
    yield from _advisors_block(records, mentions, "affiliation", "Advisors working here")
    yield ""
    yield from _mentions_block(records, mentions)
    yield ""
    yield from _consultations_block(records, index, "municipality", code, "Consultations")


# -- theme ------------------------------------------------------------------------------------


def _theme(records: Records, index: CrossIndex, theme_id: str) -> Iterator[str]:
    t = records.themes[theme_id]
    yield f"Theme {theme_id}: {t.label} / {t.label_en}"
    yield from _lines(_field("description", t.description), _field("note", t.note))
    mentions = index.mentions("theme", theme_id)
    yield from _advisors_block(records, mentions, "expertise", "Advisors with this expertise")
    ranked = [m for m in mentions if m.role == "ranked"]
    if ranked:
        yield ""
        yield f"Survey rankings ({len(ranked)}):"
        for m in ranked:
            yield f"  {m.meeting_id}  {m.where}: {m.rank}位"
    yield ""
    yield from _mentions_block(records, mentions)
    yield ""
    yield from _consultations_block(records, index, "theme", theme_id, "Consultations")


# -- meeting ----------------------------------------------------------------------------------


def _meeting(records: Records, index: CrossIndex, meeting_id: str) -> Iterator[str]:
    m = records.meetings[meeting_id]
    yield f"Meeting {meeting_id}"
    yield f"  {m.title}"
    date = m.date.isoformat() + (f" – {m.end_date.isoformat()}" if m.end_date else "")
    yield from _lines(
        _field("kind", m.kind.value), _field("bureau", m.bureau.value), _field("date", date),
        _field("fiscal year", f"FY{m.fiscal_year}"), _field("format", m.format.value),
        _field("venue", m.venue),
        _field("themes", ", ".join(_theme_label(records, t) for t in m.themes)),
        _field("purpose", m.purpose), _field("summary", _indent(m.summary)),
        _field("published", m.published.isoformat() if m.published else None),
        _field("url", m.url), _field("note", m.note),
    )
    if m.attendance:
        a = m.attendance
        parts = [f"{label} {value}" for label, value in (
            ("advisors", a.advisors), ("local governments", a.municipalities),
            ("municipal staff", a.municipal_staff), ("officials", a.officials),
            ("observers", a.observers)) if value is not None]
        yield _field("attendance", ", ".join(parts)) or ""
    if m.dispatch:
        yield (f"  {'dispatch':<14} {_advisor_label(records, m.dispatch.advisor)} → "
               f"{_municipality_label(records, m.dispatch.municipality)}")
    for material in m.materials:
        yield f"  {'material':<14} {material.title} {material.format or ''} {material.url or ''}".rstrip()
    yield ""
    yield f"People ({len(m.people)}):"
    for key, p in m.people.items():
        links = []
        if p.advisor:
            links.append(f"advisor {p.advisor}")
        if p.municipality:
            links.append(_municipality_label(records, p.municipality))
        link = f"  → {'; '.join(links)}" if links else ""
        yield f"  {key:<12} {p.name}  {p.role.value}  {p.title or ''}{link}"
    yield ""
    yield "Agenda:"
    for n, item in enumerate(m.agenda, start=1):
        part = f"[{item.part}] " if item.part else ""
        yield f"  {n}. {part}{item.title}  ({item.kind})"
        yield from _item_lines(records, index, m, n, item)
    if m.contact:
        c = m.contact
        yield ""
        yield "Contact: " + " ".join(x for x in (c.organization, c.division, "、".join(c.names),
                                                   c.phone, c.email) if x)


def _indent(text: str | None) -> str | None:
    return text.replace("\n", "\n" + " " * 17) if text else text


def _names(meeting: Meeting, keys: list[str]) -> str:
    return ", ".join(_person_name(meeting, k) for k in keys)


def _item_lines(records: Records, index: CrossIndex, m: Meeting, n: int,
                item: AgendaItem) -> Iterator[str]:
    from schema.models import Consultation, Discussion, Presentation, Survey

    for attribute, label in (("speakers", "speakers"), ("presenters", "presenters"),
                             ("facilitators", "facilitators")):
        keys = getattr(item, attribute, None)
        if keys:
            yield f"       {label}: {_names(m, keys)}"
    summary = getattr(item, "summary", None)
    if summary:
        yield f"       {summary}"
    for material in getattr(item, "materials", ()):
        yield f"       material: {material.title} {material.format or ''} {material.url or ''}".rstrip()
    if isinstance(item, Survey):
        if item.question:
            yield f"       question: {item.question}"
        if item.surveyed:
            yield f"       asked: {item.surveyed}"
        for rank in item.ranking:
            yield f"       {rank.rank}位 {rank.label}" + (f"  ({rank.theme})" if rank.theme else "")
    if isinstance(item, Presentation):
        for q, question in enumerate(item.questions, start=1):
            who = "anonymous" if question.anonymous else _names(m, question.by) or "—"
            yield f"       Q{q} ({who}): {question.text}"
            for answer in question.answers:
                yield f"         A ({_names(m, answer.by) or '—'}): {answer.text}"
    if isinstance(item, Consultation):
        for t, topic in enumerate(item.topics, start=1):
            label = topic.title or _theme_label(records, topic.theme)
            theme = f"  [{topic.theme}]" if topic.theme else ""
            yield f"     {n}.{t} {label}{theme}"
            if topic.respondents:
                yield f"         answered by: {_names(m, topic.respondents)}"
            for q, question in enumerate(topic.questions, start=1):
                asked = _names(m, question.by)
                codes = ", ".join(_municipality_label(records, c) for c in question.municipalities)
                who = " / ".join(x for x in (asked, codes) if x)
                yield f"         Q{q}{f' ({who})' if who else ''}: {question.text}"
            for answer in topic.answers:
                by = f" ({_names(m, answer.by)})" if answer.by else ""
                yield f"         A{by}: {answer.text}"
    if isinstance(item, Discussion):
        for opinion in item.opinions:
            yield f"       - ({_names(m, opinion.by) or 'unattributed'}) {opinion.text}"
