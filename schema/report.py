"""The public report of a meeting (開催報告), worded and laid out as the bureaus publish them.

`build_report(meeting, records)` gives a `Report`: the publication line, the headline, the lead
sentence, then numbered sections — 概要 with the attendance sentence, the agenda in order (parts as
sections of their own, items under one report heading together), the materials — and the contact.
Each section holds blocks of four shapes only: paragraphs, lines, bullets (with sub-bullets) and
numbered entries (a talk, a consultation topic) that hold blocks again.

The wording (Japanese, as the seed report words it) is made here, once; the templates
(schema/templates/report.{md,html}.j2) only lay the blocks out and escape what came from the
records. What an item says is read from its fields and the roles its references are declared in
(schema.walk), so an agenda kind needs no code here beyond the sentence that introduces it
(`LEADS`; a kind without one gets `DEFAULT_LEAD`). Notes are the secretariat's and never shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from schema.era import era_date_long, era_day
from schema.i18n import Catalogue
from schema.models import (
    Answer,
    Attendance,
    Material,
    Meeting,
    MeetingFormat,
    Observers,
    Part,
    PersonRole,
    Question,
    Rank,
    Records,
    Role,
    Topic,
    Unnamed,
)
from schema.walk import own_references

# -- what the templates lay out ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text; a link where `url` is set."""

    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraphs:
    kind: Literal["paragraphs"]
    paragraphs: tuple[tuple[Piece, ...], ...]


@dataclass(frozen=True, slots=True)
class Lines:
    """Lines shown one under the other, under an optional heading ((アンケート結果), 回答者)."""

    kind: Literal["lines"]
    heading: str | None
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Bullet:
    text: str
    sub: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Bullets:
    kind: Literal["bullets"]
    heading: str | None
    items: tuple[Bullet, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """One numbered entry: its first lines (the presenter, the title), then its blocks."""

    lines: tuple[str, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Entries:
    kind: Literal["entries"]
    entries: tuple[Entry, ...]


Block = Paragraphs | Lines | Bullets | Entries


@dataclass(frozen=True, slots=True)
class Section:
    number: str
    """1, 2, … at the top level; (1), (2), … within a part; empty for 連絡先."""
    title: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    published: str | None
    """The publication date (令和4年11月17日), where the record has it."""
    publisher: str
    """The bureau (関東総合通信局)."""
    headline: str
    """「…」を開催"""
    lead: str
    sections: tuple[Section, ...]
    title: str
    """The meeting's title, for the document's title."""


def paragraphs(*texts: str | Sequence[Piece]) -> Paragraphs:
    return Paragraphs("paragraphs", tuple(
        (Piece(text),) if isinstance(text, str) else tuple(text) for text in texts if text))


def lines(heading: str | None, texts: Iterable[str]) -> Lines:
    return Lines("lines", heading, tuple(texts))


def bullets(heading: str | None, items: Iterable[Bullet]) -> Bullets:
    return Bullets("bullets", heading, tuple(items))


# -- the report's words ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lead:
    """The sentence that introduces an agenda item. Placeholders: {conn} 冒頭、/続いて、/最後に、;
    {who} the speakers or presenters with `particle` (「…より」), empty when none is named;
    {by} 「…の進行により、」; {to} 「…への」; {title} the item's title; {summary} the item's
    summary (else `summary`) — an item whose lead takes its summary does not repeat it."""

    template: str
    particle: str = "より"
    summary: str = ""
    questions: str | None = "(質疑応答)"
    """The heading of the item's questions; None where the lead says it already."""


LEADS: dict[str, Lead] = {
    "opening-remarks": Lead("{conn}{who}開会挨拶を行いました。"),
    "closing-remarks": Lead("{conn}{who}閉会挨拶を行いました。", particle="から"),
    "remarks": Lead("{conn}{who}挨拶がありました。"),
    "briefing": Lead("{conn}{who}「{title}」と題して説明がありました。", particle="より"),
    "activity-report": Lead("{conn}{who}活動報告がありました。"),
    "self-introductions": Lead("{conn}{who}自己紹介がありました。"),
    "survey": Lead("{conn}{who}{summary}", particle="より、", summary="アンケート結果をご紹介いただきました。"),
    "presentation": Lead("{conn}{who}「{title}」と題して発表いただきました。"),
    "consultation": Lead("{conn}{by}{title}を行いました。"),
    "discussion": Lead("{conn}{by}{title}を行いました。"),
    "qa": Lead("{conn}{by}{to}{title}を行いました。", questions=None),
}
DEFAULT_LEAD = Lead("{conn}{by}{who}{title}を行いました。", particle="より、")
TALK_KINDS = frozenset({"presentation"})
"""Items listed as numbered talks when several share a report heading (支援成果等紹介)."""

FIRST, NEXT, LAST = "冒頭、", "続いて、", "最後に、"
QUESTIONS = "(自治体からの主な質問)"
QUESTIONS_OTHER = "(主な質問)"
ANSWERS = "(アドバイザーからの主な提案・回答)"
ANSWERS_OTHER = "(主な回答)"
OPINIONS = "(主な意見)"
RESPONDENTS = "回答者"
UNANSWERED = "(回答なし)"
SURVEY = "(アンケート結果)"
OVERVIEW = "概要"
CONTACT = "連絡先"
ATTENDEES = "出席者"
MATERIALS = "資料"
SEPARATOR = "、"

_WHO = frozenset({Role.SPEAKER, Role.PRESENTER})
_BY = frozenset({Role.FACILITATOR})
_TO = frozenset({Role.ADDRESSEE})
_UNNAMED = {"speakers": _WHO, "presenters": _WHO, "facilitators": _BY, "addressees": _TO}
_ASKING_ROLES = frozenset({PersonRole.MUNICIPAL_STAFF, PersonRole.OBSERVER})
"""People whose questions are the local governments' (自治体からの質問)."""
_FORMATS = {MeetingFormat.ONLINE: "オンライン", MeetingFormat.IN_PERSON: "対面",
            MeetingFormat.HYBRID: "会場とオンラインの併用"}


def build_report(meeting: Meeting, records: Records) -> Report:
    """The report of `meeting`; `records` gives the names of local governments and themes."""
    return _Builder(meeting, records).report()


def clock(time: dt.time) -> str:
    return f"{time.hour}:{time.minute:02d}"


def span(start: dt.time | None, end: dt.time | None) -> str:
    if start is None and end is None:
        return ""
    return f"{clock(start) if start else ''}〜{clock(end) if end else ''}"


def region(bureau_label: str) -> str:
    """関東総合通信局 → 関東; 沖縄総合通信事務所 → 沖縄."""
    return bureau_label.removesuffix("総合通信局").removesuffix("総合通信事務所")


def rank_lines(ranking: Sequence[Rank]) -> list[str]:
    """One line a rank, tied items on one line: 3位 DX人材育成・活用、自治体システム標準化."""
    by_rank: dict[int, list[str]] = {}
    for rank in ranking:
        votes = f"({rank.votes}票)" if rank.votes is not None else ""
        by_rank.setdefault(rank.rank, []).append(rank.label + votes)
    return [f"{rank}位 {SEPARATOR.join(labels)}" for rank, labels in by_rank.items()]


@dataclass
class _Group:
    """Agenda items that share a part and a report heading (or one item alone)."""

    part: str | None
    heading: str | None
    items: list[Any] = field(default_factory=list)


class _Builder:
    def __init__(self, meeting: Meeting, records: Records) -> None:
        self.meeting = meeting
        self.records = records
        self.bureau = Catalogue("ja").enum("bureau", meeting.bureau.value)
        self.seen: set[str] = set()
        """People already introduced with their title and reading."""

    # -- names ----------------------------------------------------------------------------------

    def person(self, key: str) -> str:
        """A person as the report names them: title, name, reading and 氏 the first time; then the
        name and 氏 (officials of the bureau: title and name, without 氏)."""
        person = self.meeting.people.get(key)
        if person is None:
            return key
        official = person.role == PersonRole.OFFICIAL
        honorific = "" if official else "氏"
        if key in self.seen:
            return f"{person.title} {person.name}" if official and person.title else f"{person.name}{honorific}"
        self.seen.add(key)
        reading = f"({person.kana})" if person.kana else ""
        title = f"{person.title} " if person.title else ""
        return f"{title}{person.name}{reading}{honorific}"

    def municipality(self, code: str) -> str:
        found = self.records.municipalities.get(code)
        return found.name if found else code

    def theme(self, theme_id: str | None) -> str:
        found = self.records.themes.get(theme_id or "")
        return found.label if found else (theme_id or "")

    def people_in(self, record: BaseModel, roles: frozenset[Role]) -> list[str]:
        """The people a record names in `roles` (its own fields, as the models declare them) and
        those its `unnamed` lists in the same roles."""
        names = [self.person(ref.value) for ref in own_references(record) if ref.refers.role in roles]
        unnamed: list[Unnamed] = getattr(record, "unnamed", [])
        names += [u.description for u in unnamed if _UNNAMED.get(u.role.value) == roles]
        return names

    # -- the report -----------------------------------------------------------------------------

    def report(self) -> Report:
        meeting = self.meeting
        lead = self.lead()  # introduces the head of the bureau first
        sections = [Section("1", OVERVIEW, (self.overview(),))]
        sections += self.agenda(start=2)
        if meeting.materials:
            sections.append(self.materials_section(str(len(sections) + 1)))
        if meeting.contact is not None:
            sections.append(self.contact())
        published = era_day(meeting.published) if meeting.published else None
        return Report(published, self.bureau, f"「{meeting.title}」を開催", lead, tuple(sections),
                      meeting.title)

    def lead(self) -> str:
        meeting = self.meeting
        head = next((key for key, p in meeting.people.items()
                     if p.role == PersonRole.OFFICIAL and p.title == f"{self.bureau}長"), None)
        who = self.bureau
        if head is not None:
            post = "局長" if self.bureau.endswith("局") else "所長"
            name = self.person(head).removeprefix(f"{self.bureau}長 ")
            who = f"{self.bureau}({post}:{name})"
        when = era_date_long(meeting.date)
        if meeting.end_date and meeting.end_date != meeting.date:
            when += f"から{era_date_long(meeting.end_date)}まで"
        times = span(meeting.start_time, meeting.end_time)
        venue = meeting.venue.name if meeting.venue else ""
        how = {
            MeetingFormat.ONLINE: "オンラインによる",
            MeetingFormat.IN_PERSON: f"{venue}において" if venue else "",
            MeetingFormat.HYBRID: f"{venue or '会場'}及びオンラインによる",
        }[meeting.format]
        return f"{who}は、{when}{times}、{how}「{meeting.title}」を開催しました。"

    def overview(self) -> Paragraphs:
        meeting = self.meeting
        texts: list[str] = [meeting.purpose or ""]
        texts += (meeting.summary or "").split("\n")
        if meeting.theme_title:
            title = meeting.theme_title
            texts.append(f"今回は{title if title.startswith('「') else f'「{title}」'}をテーマに開催しました。")
        if meeting.venue is not None:
            where = meeting.venue.name + (f"({meeting.venue.address})" if meeting.venue.address else "")
            texts.append(f"会場:{where}")
        if meeting.dispatch is not None:
            advisor = self.records.advisors.get(meeting.dispatch.advisor)
            name = advisor.name if advisor else meeting.dispatch.advisor
            texts.append(f"{name}アドバイザーを{self.municipality(meeting.dispatch.municipality)}に派遣しました。")
        leaders = self.people_in(meeting, frozenset({Role.LEADER}))
        leaders += [u.description for u in meeting.unnamed if u.role.value == "leaders"]
        if leaders:
            texts.append(f"アドバイザーリーダーは{SEPARATOR.join(leaders)}が務めました。")
        if meeting.municipalities:
            texts.append("関係する地方公共団体:" + SEPARATOR.join(map(self.municipality, meeting.municipalities)))
        if meeting.attendance is not None:
            texts.append(self.attendance_sentence(meeting.attendance))
        return paragraphs(*texts)

    def attendance_sentence(self, attendance: Attendance) -> str:
        """会議は関東地方に活動拠点を持つアドバイザー18名の出席に加え、関東管内の地方公共団体10団体
        14名が参加する中での開催となりました。 — with whatever counts the record has."""
        area = region(self.bureau)
        advisors = (f"{area}地方に活動拠点を持つアドバイザー{attendance.advisors}名"
                    if attendance.advisors else "")
        others = [text for text in (
            self.governments(f"{area}管内の地方公共団体", attendance.municipalities,
                             attendance.municipal_staff),
            f"総務省・総合通信局職員{attendance.officials}名" if attendance.officials else "",
            f"関係者{attendance.others}名" if attendance.others else "") if text]
        if advisors and others:
            sentence = f"会議は{advisors}の出席に加え、{SEPARATOR.join(others)}が参加"
        elif advisors:
            sentence = f"会議は{advisors}が出席"
        elif others:
            sentence = f"会議は{SEPARATOR.join(others)}が参加"
        else:
            sentence = ""
        listened = self.observers(attendance.observers) if attendance.observers is not None else ""
        if sentence and listened:
            return f"{sentence}し、{listened}する中での開催となりました。"
        if sentence or listened:
            return f"{sentence or '会議は' + listened}する中での開催となりました。"
        return ""

    def observers(self, observers: Observers) -> str:
        """地方公共団体3団体5名(蕨市、甲府市ほか)が傍聴: the named ones, and ほか when there were more."""
        named = SEPARATOR.join(map(self.municipality, observers.named))
        more = (observers.municipalities or 0) > len(observers.named)
        who = self.governments("地方公共団体", observers.municipalities, observers.people) or "地方公共団体"
        if named:
            who += f"({named}ほか)" if more else f"({named})"
        return f"{who}が傍聴"

    @staticmethod
    def governments(what: str, count: int | None, people: int | None) -> str:
        if not count and not people:
            return ""
        return what + (f"{count}団体" if count else "") + (f"{people}名" if people else "")

    # -- the agenda -----------------------------------------------------------------------------

    def agenda(self, start: int) -> list[Section]:
        groups = self.groups()
        flat = [g for part in groups for g in (part if isinstance(part, list) else [part])]
        conn = {id(g): (FIRST if i == 0 else LAST if i == len(flat) - 1 else NEXT) if len(flat) > 1 else ""
                for i, g in enumerate(flat)}
        sections: list[Section] = []
        for entry in groups:
            number = str(start + len(sections))
            if isinstance(entry, list):  # a part of the meeting
                part = self.meeting.parts.get(entry[0].part or "")
                subsections = [self.group_section(f"({n})", g, conn[id(g)]) for n, g in enumerate(entry, 1)]
                title = part.title if part else entry[0].part or ""
                details = self.part_details(part) if part else None
                sections.append(Section(number, title, (details,) if details else (), tuple(subsections)))
            else:
                sections.append(self.group_section(number, entry, conn[id(entry)]))
        return sections

    def groups(self) -> list[_Group | list[_Group]]:
        """Items by part (a list of groups), and within a part or outside any by report heading."""
        out: list[_Group | list[_Group]] = []
        for item in self.meeting.agenda:
            last = out[-1] if out else None
            group = last[-1] if isinstance(last, list) else last
            if group is not None and group.part == item.part and item.heading and group.heading == item.heading:
                group.items.append(item)
                continue
            new = _Group(item.part, item.heading, [item])
            if item.part is None:
                out.append(new)
            elif isinstance(last, list) and last[-1].part == item.part:
                last.append(new)
            else:
                out.append([new])
        return out

    def part_details(self, part: Part) -> Paragraphs | None:
        facts = []
        if times := span(part.start_time, part.end_time):
            facts.append(f"時間:{times}")
        if part.audience:
            facts.append(f"対象:{part.audience}")
        if part.format is not None:
            facts.append(f"形式:{_FORMATS[part.format]}")
        if part.attendance is not None:
            counts = [text for text in (
                f"アドバイザー{part.attendance.advisors}名" if part.attendance.advisors else "",
                self.governments("地方公共団体", part.attendance.municipalities, part.attendance.municipal_staff),
                f"総務省・総合通信局職員{part.attendance.officials}名" if part.attendance.officials else "",
                f"関係者{part.attendance.others}名" if part.attendance.others else "") if text]
            if counts:
                facts.append("出席:" + SEPARATOR.join(counts))
        return paragraphs(SEPARATOR.join(facts)) if facts else None

    def group_section(self, number: str, group: _Group, conn: str) -> Section:
        items = group.items
        talks = [item for item in items if item.kind in TALK_KINDS]
        if len(items) == 1 and not (group.heading and talks):
            item = items[0]
            title = group.heading or item.title
            times = span(item.start_time, item.end_time)
            return Section(number, f"{title}({times})" if times else title, tuple(self.item_blocks(item, conn)))
        blocks: list[Block] = []
        for i, item in enumerate(items):
            here = conn if i == 0 else NEXT
            if item.kind not in TALK_KINDS:
                blocks += self.item_blocks(item, here)
                continue
            if i > 0 and items[i - 1].kind in TALK_KINDS:
                continue  # listed with the talks before it
            run = [item]
            for later in items[i + 1:]:
                if later.kind not in TALK_KINDS:
                    break
                run.append(later)
            blocks += self.talks(run, here)
        return Section(number, group.heading or items[0].title, tuple(blocks))

    def talks(self, items: list[Any], conn: str) -> list[Block]:
        count = sum(len([r for r in own_references(i) if r.refers.role in _WHO]) for i in items)
        count += sum(u.count or 1 for i in items for u in i.unnamed if _UNNAMED.get(u.role.value) == _WHO)
        intro = f"{conn}{count}名から発表いただきました。" if count else f"{conn}発表がありました。"
        entries = []
        for item in items:
            times = span(item.start_time, item.end_time)
            title = f"「{item.title}」" + (f"({times})" if times else "")
            entries.append(Entry((*self.people_in(item, _WHO), title), tuple(self.content(item))))
        return [paragraphs(intro), Entries("entries", tuple(entries))]

    def item_blocks(self, item: Any, conn: str) -> list[Block]:
        wording = LEADS.get(item.kind, DEFAULT_LEAD)
        who = SEPARATOR.join(self.people_in(item, _WHO)) or getattr(item, "division", None) or ""
        by = SEPARATOR.join(self.people_in(item, _BY))
        to = SEPARATOR.join(self.people_in(item, _TO))
        summary_used = "{summary}" in wording.template
        lead = wording.template.format(
            conn=conn, who=f"{who}{wording.particle}" if who else "", by=f"{by}の進行により、" if by else "",
            to=f"{to}への" if to else "", title=item.title, summary=item.summary or wording.summary)
        blocks: list[Block] = [paragraphs(lead)]
        return blocks + self.content(item, summary=not summary_used, questions_heading=wording.questions)

    def content(self, item: Any, summary: bool = True, questions_heading: str | None = DEFAULT_LEAD.questions,
                ) -> list[Block]:
        """What an item holds, field by field: its summary, ranking, talks' materials, topics,
        questions and opinions — whichever of them its kind has."""
        blocks: list[Block] = []
        if summary and item.summary:
            blocks.append(paragraphs(*item.summary.split("\n")))
        ranking: list[Rank] = getattr(item, "ranking", [])
        question: str | None = getattr(item, "question", None)
        responses: int | None = getattr(item, "responses", None)
        if ranking or question:
            extra = [f"回答数 {responses}"] if responses is not None else []
            blocks.append(lines(SURVEY, [*([question] if question else []), *rank_lines(ranking), *extra]))
        materials: list[Material] = getattr(item, "materials", [])
        if materials:
            blocks.append(paragraphs(*(self.material(m, f"{m.title}は") for m in materials)))
        topics: list[Topic] = getattr(item, "topics", [])
        if topics:
            blocks.append(Entries("entries", tuple(self.topic(topic) for topic in topics)))
        questions: list[Question] = getattr(item, "questions", [])
        if questions:
            addressees = {ref.value for ref in own_references(item) if ref.refers.role in _TO}
            blocks.append(bullets(questions_heading, (self.exchange(q, addressees) for q in questions)))
        opinions = getattr(item, "opinions", [])
        if opinions:
            blocks.append(bullets(OPINIONS, (Bullet(o.text + self.attribution(o.by, o.municipalities))
                                             for o in opinions)))
        return blocks

    def material(self, material: Material, before: str) -> list[Piece]:
        link = material.format or ("こちら" if material.url else "")
        pieces = [Piece(before if link else material.title)]
        if link:
            pieces.append(Piece(link, material.url))
        pieces.append(Piece("をご覧ください。"))
        return pieces

    # -- questions and answers ----------------------------------------------------------------

    def attribution(self, people: Sequence[str], codes: Sequence[str], *more: str) -> str:
        parts = [*map(self.person, people), *map(self.municipality, codes), *(m for m in more if m)]
        return f"({SEPARATOR.join(parts)})" if parts else ""

    def question_text(self, question: Question, addressees: AbstractSet[str] = frozenset()) -> str:
        to = [] if set(question.to) <= addressees else list(question.to)
        put = f"{SEPARATOR.join(map(self.person, to))}への質問" if to else ""
        return question.text + self.attribution(
            question.by, question.municipalities, "匿名" if question.anonymous else "", question.via or "", put)

    def answer_text(self, answer: Answer, prefix: str = "") -> str:
        attribution = self.attribution(answer.by, answer.municipalities)
        return f"{prefix}{attribution}:{answer.text}" if prefix and attribution else (
            f"{prefix}:{answer.text}" if prefix else answer.text + attribution)

    def exchange(self, question: Question, addressees: AbstractSet[str]) -> Bullet:
        text = self.question_text(question, addressees)
        answers = tuple(self.answer_text(a, "回答") for a in question.answers) or (UNANSWERED,)
        return Bullet(text, answers)

    def topic(self, topic: Topic) -> Entry:
        title = topic.title or self.theme(topic.theme)
        asked = [self.meeting.people[k].role for q in topic.questions for k in q.by if k in self.meeting.people]
        heading = QUESTIONS if all(role in _ASKING_ROLES for role in asked) else QUESTIONS_OTHER
        questions = tuple(Bullet(self.question_text(q), tuple(self.answer_text(a, "回答") for a in q.answers))
                          for q in topic.questions)
        blocks: list[Block] = [bullets(heading, questions)] if questions else []
        answerers = [self.meeting.people[k].role for a in topic.answers for k in a.by if k in self.meeting.people]
        by_governments = any(a.municipalities for a in topic.answers)
        advisors_only = all(role == PersonRole.ADVISOR for role in answerers) and not by_governments
        if topic.answers:
            blocks.append(bullets(ANSWERS if advisors_only else ANSWERS_OTHER,
                                  (Bullet(self.answer_text(a)) for a in topic.answers)))
        elif not any(q.answers for q in topic.questions):
            blocks.append(bullets(ANSWERS_OTHER, (Bullet(UNANSWERED),)))
        respondents = [self.person(key) for key in topic.respondents]
        respondents += [u.description for u in topic.unnamed if u.role.value == "respondents"]
        if respondents:
            blocks.append(lines(RESPONDENTS, respondents))
        return Entry((title,), tuple(blocks))

    # -- the end ------------------------------------------------------------------------------

    def materials_section(self, number: str) -> Section:
        materials = self.meeting.materials
        title = ATTENDEES if all(m.title.startswith(ATTENDEES) for m in materials) else MATERIALS
        return Section(number, title, (paragraphs(*(self.material(m, m.title) for m in materials)),))

    def contact(self) -> Section:
        contact = self.meeting.contact
        assert contact is not None
        texts = [contact.organization or "", contact.division or "",
                 f"担当:{SEPARATOR.join(contact.names)}" if contact.names else "",
                 f"TEL:{contact.phone}" if contact.phone else "",
                 f"E-mail:{contact.email}" if contact.email else ""]
        return Section("", CONTACT, (lines(None, (t for t in texts if t)),))
