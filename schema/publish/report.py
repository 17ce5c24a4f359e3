"""The public report of a meeting (開催報告), worded and laid out as the bureaus publish them.

`build_report(meeting, records)` gives a `Report`: the publication line, the headline, the lead
sentence, then numbered sections — 概要 with the attendance sentence, the agenda in order (parts as
sections of their own, items under one report heading together), the materials — and the contact.
Each section holds blocks of four shapes only: paragraphs, lines, bullets (with sub-bullets) and
numbered entries (a talk, a consultation topic) that hold blocks again.

The wording (Japanese, in the bureau's register: the FY2022 report of the Kanto bureau is the model)
is made here, once; the templates (schema/publish/templates/report.{md,html}.j2) only lay the blocks out.
Every sentence is built from the fields it states: a value of the record enters the text only as
a `Phrase` that names the field it came from (`_Builder.field`), so each sentence knows the fields
behind it (`explain_report`), and a sentence whose fields are empty is not said — no sentence points
at nothing (a material without its address) or says that nothing happened (a question whose answer
is not recorded). Fixed words are only those true of every meeting of the kind (the section
headings, 「冒頭、」, 「(アンケート結果)」).

Honorifics follow the speaker: the bureau's own officials' parts are worded as the bureau's own
acts (「…より開会挨拶を行いました」), everyone else's with thanks (「…より開会挨拶をいただきました」),
and where the record does not say who someone was, neutrally (「…より開会挨拶がありました」).

What an item says is read from its fields and the roles its references are declared in
(schema.models.walk), so a new agenda kind needs no code here beyond its wording (`WORDINGS`; a kind
without one gets `DEFAULT_WORDING`). Notes are the secretariat's and never shown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from schema.files.locate import KeyPath
from schema.models import (
    Attendance,
    AttendanceVerb,
    Material,
    Meeting,
    MeetingFormat,
    Observers,
    Part,
    PersonRole,
    Question,
    Role,
    Topic,
    Unnamed,
)
from schema.models import Records as RecordSet
from schema.models.walk import own_references
from schema.read.era import era_date_long, era_day, era_of
from schema.words.catalogue import Catalogue

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
    """A bullet; its text and its sub-bullets may hold line breaks (an opinion of two lines)."""

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


# -- sentences made of fields -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """Text and the fields (key paths in the meeting) whose values it states: without them it is
    not said. Phrases and plain words are joined with `+`; the fields add up."""

    text: str = ""
    needs: tuple[KeyPath, ...] = ()

    def __add__(self, other: Phrase | str) -> Phrase:
        if isinstance(other, str):
            return Phrase(self.text + other, self.needs)
        return Phrase(self.text + other.text, self.needs + other.needs)

    def __radd__(self, other: str) -> Phrase:
        return Phrase(other + self.text, self.needs)

    def __bool__(self) -> bool:
        return bool(self.text)


NOTHING = Phrase()


def join(phrases: Iterable[Phrase], separator: str = "、") -> Phrase:
    """The non-empty phrases, one after the other with `separator` between them."""
    out = NOTHING
    for phrase in phrases:
        if phrase:
            out = out + separator + phrase if out else phrase
    return out


@dataclass(frozen=True, slots=True)
class Said:
    """A text of the report (a sentence, a line, a bullet) and the fields it states."""

    text: str
    needs: tuple[KeyPath, ...]


# -- the report's fixed words -----------------------------------------------------------------

FIRST, NEXT, THEN, LAST = "冒頭、", "続いて、", "その後、", "最後に、"
MIDDLE = (NEXT, NEXT, THEN)
"""The connectives of the items between the first and the last, in turn, as the seed varies them."""
QUESTIONS = "(自治体からの主な質問)"
QUESTIONS_OTHER = "(主な質問)"
ANSWERS = "(アドバイザーからの主な提案・回答)"
ANSWERS_OTHER = "(主な回答)"
OPINIONS = "(主な意見)"
QA = "(質疑応答)"
RESPONDENTS = "回答者"
NOT_ANSWERED = "当日は回答に至りませんでした。"
"""Said of a question the record marks as not answered (`Question.unanswered`), and only then."""
SURVEY = "(アンケート結果)"
OVERVIEW = "概要"
CONTACT = "連絡先"
ATTENDEES = "出席者"
MATERIALS = "資料"
SEPARATOR = "、"
RANGE = "～"
"""U+FF5E, as Japanese documents write ranges (U+301C 〜 is drawn differently by some Windows fonts)."""

Standing = Literal["official", "other", "unknown"]
"""Who spoke, as the wording needs it: the bureau's own officials, anyone else, or not known."""


@dataclass(frozen=True, slots=True)
class Wording:
    """How an agenda kind's lead sentence is worded, by who spoke.

    Placeholders: {who} the speakers or presenters with their particle (「…より」); {title} the
    item's title; {talk} 「「title」と題して」, empty for a talk without a title of its own. A
    sentence for nobody named is used where the item names nobody in its speaking role."""

    official: str
    other: str
    unknown: str
    nobody: str
    particle: str = "より"
    questions: str | None = QA
    """The heading of the item's questions; None where the lead says what they are."""

    def sentence(self, standing: Standing | None) -> str:
        if standing is None:
            return self.nobody
        return {"official": self.official, "other": self.other, "unknown": self.unknown}[standing]


WORDINGS: dict[str, Wording] = {
    "opening-remarks": Wording("{who}開会挨拶を行いました。", "{who}開会挨拶をいただきました。",
                               "{who}開会挨拶がありました。", "開会挨拶がありました。"),
    "closing-remarks": Wording("{who}閉会挨拶を行いました。", "{who}閉会挨拶をいただきました。",
                               "{who}閉会挨拶がありました。", "閉会挨拶がありました。", particle="から"),
    "remarks": Wording("{who}{title}を行いました。", "{who}{title}をいただきました。", "{who}{title}がありました。",
                       "{title}がありました。"),
    "briefing": Wording("{who}{talk}施策説明を行いました。", "{who}{talk}ご説明いただきました。",
                        "{who}{talk}説明がありました。", "{talk}説明がありました。"),
    "activity-report": Wording("{who}活動報告を行いました。", "{who}活動内容をご報告いただきました。",
                               "{who}活動報告がありました。", "活動報告がありました。"),
    "self-introductions": Wording("{who}自己紹介を行いました。", "{who}自己紹介をいただきました。",
                                  "{who}自己紹介がありました。", "自己紹介がありました。"),
    "presentation": Wording("{who}{talk}発表を行いました。", "{who}{talk}発表いただきました。",
                            "{who}{talk}発表がありました。", "{talk}発表がありました。"),
    "consultation": Wording("{title}を行いました。", "{title}を行いました。", "{title}を行いました。",
                            "{title}を行いました。"),
    "discussion": Wording("{title}を行いました。", "{title}を行いました。", "{title}を行いました。",
                          "{title}を行いました。"),
    "qa": Wording("{to}{title}を行いました。", "{to}{title}を行いました。", "{to}{title}を行いました。",
                  "{to}{title}を行いました。", questions=None),
}
DEFAULT_WORDING = Wording("{who}{title}を行いました。", "{who}{title}をいただきました。", "{who}{title}がありました。",
                          "{title}を行いました。")
"""Any other item (事務連絡, 写真撮影): the title is what happened."""
SURVEY_WORDING = Wording("{who}、{surveyed}アンケート結果を紹介しました。",
                         "{who}、{surveyed}アンケート結果をご紹介いただきました。",
                         "{who}、{surveyed}アンケート結果の紹介がありました。",
                         "{surveyed}アンケート結果を紹介しました。")
"""A survey without a summary (with one, the summary is the sentence: 「…より、{summary}」)."""
TALK_KINDS = frozenset({"presentation"})
"""Items listed as numbered talks when several share a report heading (支援成果等紹介)."""

_WHO = frozenset({Role.SPEAKER, Role.PRESENTER})
_BY = frozenset({Role.FACILITATOR})
_TO = frozenset({Role.ADDRESSEE})
_UNNAMED = {"speakers": _WHO, "presenters": _WHO, "facilitators": _BY, "addressees": _TO}
_ASKING_ROLES = frozenset({PersonRole.MUNICIPAL_STAFF, PersonRole.OBSERVER})
"""People whose questions are the local governments' (自治体からの質問)."""
_FORMATS = {MeetingFormat.ONLINE: "オンライン", MeetingFormat.IN_PERSON: "対面",
            MeetingFormat.HYBRID: "会場とオンラインの併用"}
_PART_NAME = re.compile(r"第[0-9０-９一二三四五六七八九十]+部")


def build_report(meeting: Meeting, records: RecordSet) -> Report:
    """The report of `meeting`; `records` gives the names of local governments and themes."""
    return _Builder(meeting, records).report()


def explain_report(meeting: Meeting, records: RecordSet) -> tuple[Report, list[Said]]:
    """The report and every text of it with the fields it states."""
    builder = _Builder(meeting, records)
    return builder.report(), builder.said


def clock(time: dt.time) -> str:
    return f"{time.hour}:{time.minute:02d}"


def span(start: dt.time | None, end: dt.time | None) -> str:
    if start is None and end is None:
        return ""
    return f"{clock(start) if start else ''}{RANGE}{clock(end) if end else ''}"


def last_day(first: dt.date, last: dt.date) -> str:
    """The last day of a meeting over several days, as the lead names it after the first:
    15日(水曜日) in the same month, 12月1日(金曜日) in the same year of the era, else in full."""
    weekday = era_date_long(last)[len(era_day(last)):]
    if era_of(first) != era_of(last):
        return era_date_long(last)
    if first.month != last.month:
        return f"{last.month}月{last.day}日{weekday}"
    return f"{last.day}日{weekday}"


def talk_title(item: Any, catalogue: Catalogue) -> str | None:
    """A talk's own title: None where the item's title only names its kind (発表, 施策説明) or
    repeats its report heading — then the report names no title."""
    title: str = item.title
    if title in (catalogue.enum("agenda_kind", item.kind), item.heading):
        return None
    return title


@dataclass
class _Group:
    """Agenda items that share a part and a report heading (or one item alone)."""

    part: str | None
    heading: str | None
    items: list[tuple[int, Any]] = field(default_factory=list)
    """(index in the agenda, item)."""


class _Builder:
    def __init__(self, meeting: Meeting, records: RecordSet) -> None:
        self.meeting = meeting
        self.records = records
        self.catalogue = Catalogue("ja")
        self.bureau = self.catalogue.enum("bureau", meeting.bureau.value)
        self.seen: set[str] = set()
        """People already introduced with their title and reading."""
        self.said: list[Said] = []

    # -- fields and what is said ----------------------------------------------------------------

    @staticmethod
    def field(path: KeyPath, text: str) -> Phrase:
        """A value of the record at `path`, as text that states it."""
        return Phrase(text, (path,))

    def say(self, phrase: Phrase) -> str:
        """The phrase's text, noted with the fields it states (a text of the report)."""
        if phrase:
            self.said.append(Said(phrase.text, phrase.needs))
        return phrase.text

    def paragraphs(self, *phrases: Phrase | Sequence[tuple[Phrase, str | None]]) -> Paragraphs | None:
        """Paragraphs of phrases, or of runs of (phrase, link address); the empty ones left out."""
        out: list[tuple[Piece, ...]] = []
        for phrase in phrases:
            if isinstance(phrase, Phrase):
                if phrase:
                    out.append((Piece(self.say(phrase)),))
                continue
            whole = join((p for p, _ in phrase), "")
            if whole:
                self.say(whole)
                out.append(tuple(Piece(p.text, url) for p, url in phrase if p))
        return Paragraphs("paragraphs", tuple(out)) if out else None

    def prose(self, path: KeyPath, text: str | None) -> list[Phrase]:
        """A text field of several paragraphs, one phrase a paragraph."""
        return [self.field(path, line) for line in (text or "").split("\n") if line]

    def lines(self, heading: str | None, phrases: Iterable[Phrase]) -> Lines | None:
        texts = tuple(self.say(p) for p in phrases if p)
        return Lines("lines", heading, texts) if texts else None

    def bullets(self, heading: str | None, items: Iterable[tuple[Phrase, Sequence[Phrase]]]) -> Bullets | None:
        out = tuple(Bullet(self.say(text), tuple(self.say(s) for s in sub if s)) for text, sub in items if text)
        return Bullets("bullets", heading, out) if out else None

    # -- names ----------------------------------------------------------------------------------

    def person(self, key: str, at: KeyPath) -> Phrase:
        """A person named at `at` (a reference), as the report names them: the words that introduce
        them, title, name, reading and 氏 the first time; then the name and 氏 (officials of the
        bureau: title and name, without 氏)."""
        person = self.meeting.people.get(key)
        if person is None:
            return self.field(at, key)
        base: KeyPath = ("people", key)
        official = person.role == PersonRole.OFFICIAL
        honorific = "" if official else "氏"
        name = Phrase(person.name, (at,))
        title = self.field((*base, "title"), person.title) if person.title else NOTHING
        if key in self.seen:
            return title + " " + name if official and title else name + honorific
        self.seen.add(key)
        reading = "(" + self.field((*base, "kana"), person.kana) + ")" if person.kana else NOTHING
        introduced = self.field((*base, "introduced_as"), person.introduced_as) if person.introduced_as else NOTHING
        return introduced + (title + " " if title else NOTHING) + name + reading + honorific

    def municipality(self, code: str, at: KeyPath) -> Phrase:
        found = self.records.municipalities.get(code)
        return self.field(at, found.name if found else code)

    def theme(self, theme_id: str, at: KeyPath) -> Phrase:
        found = self.records.themes.get(theme_id)
        return self.field(at, found.label if found else theme_id)

    def people_in(self, record: BaseModel, at: KeyPath, roles: frozenset[Role]) -> list[Phrase]:
        """The people a record names in `roles` (its own fields, as the models declare them) and
        those its `unnamed` lists in the same roles."""
        names = [self.person(ref.value, ref.keypath) for ref in own_references(record, at) if ref.refers.role in roles]
        unnamed: list[Unnamed] = getattr(record, "unnamed", [])
        names += [self.field((*at, "unnamed", i, "description"), u.description)
                  for i, u in enumerate(unnamed) if _UNNAMED.get(u.role.value) == roles]
        return names

    def standing(self, record: BaseModel, at: KeyPath, roles: frozenset[Role]) -> tuple[Standing | None, Phrase]:
        """Who spoke in `roles`, as the wording needs it: "official" where every one named (or
        unnamed with their role given) is an official of the bureau or the ministry, "other" where
        none is, "unknown" otherwise; None where nobody is named. With the fields that say so."""
        kinds: set[str] = set()
        needs: list[KeyPath] = []
        for ref in own_references(record, at):
            if ref.refers.role in roles:
                person = self.meeting.people.get(ref.value)
                kinds.add("unknown" if person is None else
                          "official" if person.role == PersonRole.OFFICIAL else "other")
                needs.append(("people", ref.value, "role"))
        unnamed: list[Unnamed] = getattr(record, "unnamed", [])
        for i, u in enumerate(unnamed):
            if _UNNAMED.get(u.role.value) == roles:
                role = u.person_role
                kinds.add("unknown" if role is None else "official" if role == PersonRole.OFFICIAL else "other")
                if role is not None:
                    needs.append((*at, "unnamed", i, "person_role"))
        if not kinds and getattr(record, "division", None):
            kinds.add("official")  # a division of the ministry or the bureau, where nobody is named
            needs.append((*at, "division"))
        if not kinds:
            return None, NOTHING
        standing: Standing = kinds.pop() if len(kinds) == 1 else "unknown"  # type: ignore[assignment]
        return standing, Phrase("", tuple(needs) if standing != "unknown" else ())

    # -- the report -----------------------------------------------------------------------------

    def report(self) -> Report:
        meeting = self.meeting
        headline = self.say(self.field(("headline",), meeting.headline) if meeting.headline
                            else "「" + self.field(("title",), meeting.title) + "」を開催")
        lead = self.say(self.lead())  # introduces the head of the bureau first
        sections = []
        overview = self.overview()
        if overview:
            sections.append(Section("1", OVERVIEW, tuple(overview)))
        sections += self.agenda(start=len(sections) + 1)
        materials = self.materials_section(str(len(sections) + 1))
        if materials is not None:
            sections.append(materials)
        if meeting.contact is not None:
            contact = self.contact()
            if contact is not None:
                sections.append(contact)
        published = self.say(self.field(("published",), era_day(meeting.published))) if meeting.published else None
        return Report(published, self.say(self.field(("bureau",), self.bureau)), headline, lead, tuple(sections),
                      meeting.title)

    def lead(self) -> Phrase:
        """関東総合通信局(局長:新井 孝雄(あらい たかお))は、令和4年10月5日(水曜日)、オンラインによる
        「…」を開催しました。 — with the days, times, venue and format the record has."""
        meeting = self.meeting
        head = next((key for key, p in meeting.people.items()
                     if p.role == PersonRole.OFFICIAL and p.title == f"{self.bureau}長"), None)
        who = self.field(("bureau",), self.bureau)
        if head is not None:
            post = "局長" if self.bureau.endswith("局") else "所長"
            person = meeting.people[head]
            reading = "(" + self.field(("people", head, "kana"), person.kana) + ")" if person.kana else NOTHING
            self.seen.add(head)
            who = who + f"({post}:" + Phrase(person.name, (("people", head, "title"),)) + reading + ")"
        when = self.field(("date",), era_date_long(meeting.date))
        start = self.field(("start_time",), clock(meeting.start_time)) if meeting.start_time else NOTHING
        end = self.field(("end_time",), clock(meeting.end_time)) if meeting.end_time else NOTHING
        if meeting.end_date and meeting.end_date != meeting.date:
            days = (meeting.end_date - meeting.date).days + 1
            when = when + start + "から" + self.field(("end_date",), last_day(meeting.date, meeting.end_date)) + end
            when = when + Phrase(f"までの{days}日間", (("end_date",),))
        elif start or end:
            when = when + start + RANGE + end
        venue = NOTHING
        if meeting.venue is not None:
            venue = self.field(("venue", "name"), meeting.venue.name)
            if meeting.venue.address:
                venue = venue + "(" + self.field(("venue", "address"), meeting.venue.address) + ")"
        fmt = ("format",)
        how = {
            MeetingFormat.ONLINE: Phrase("オンラインによる", (fmt,)),
            MeetingFormat.IN_PERSON: venue + "において、" if venue else NOTHING,
            MeetingFormat.HYBRID: (venue + "において、" + Phrase("オンライン併用により", (fmt,)) if venue
                                   else Phrase("会場とオンラインの併用により", (fmt,))),
        }[meeting.format]
        return who + "は、" + when + "、" + how + "「" + self.field(("title",), meeting.title) + "」を開催しました。"

    def overview(self) -> list[Block]:
        meeting = self.meeting
        texts: list[Phrase] = [*self.prose(("purpose",), meeting.purpose), *self.prose(("summary",), meeting.summary)]
        if meeting.theme_title:
            theme = meeting.theme_title.strip("「」")
            if theme not in (meeting.purpose or "") + (meeting.summary or ""):  # nothing twice
                texts.append("今年度は、「" + self.field(("theme_title",), theme) + "」をテーマに開催しました。")
        if meeting.dispatch is not None:
            advisor = self.records.advisors.get(meeting.dispatch.advisor)
            name = self.field(("dispatch",), advisor.name if advisor else meeting.dispatch.advisor)
            town = self.municipality(meeting.dispatch.municipality, ("dispatch",))
            texts.append(name + "アドバイザーを" + town + "に派遣しました。")
        leaders = self.people_in(meeting, (), frozenset({Role.LEADER}))
        leaders += [self.field(("unnamed", i, "description"), u.description)
                    for i, u in enumerate(meeting.unnamed) if u.role.value == "leaders"]
        if leaders:
            texts.append("アドバイザーリーダーは" + join(leaders) + "が務めました。")
        if meeting.municipalities:
            towns = join(self.municipality(code, ("municipalities", i))
                         for i, code in enumerate(meeting.municipalities))
            texts.append("関係する地方公共団体は、" + towns + "です。")
        if meeting.attendance is not None:
            texts.append(self.attendance_sentence(meeting.attendance, ("attendance",)))
        block = self.paragraphs(*texts)
        return [block] if block else []

    def counts(self, attendance: Attendance, at: KeyPath) -> tuple[Phrase, Phrase]:
        """(the advisors, everyone else) as counted: 関東地方に活動拠点を持つアドバイザー18名;
        関東管内の地方公共団体10団体14名、総務省職員4名、関係者2名."""
        advisors = NOTHING
        if attendance.advisors:
            scope = (self.field((*at, "advisors_scope"), attendance.advisors_scope)
                     if attendance.advisors_scope else NOTHING)
            advisors = scope + "アドバイザー" + self.field((*at, "advisors"), f"{attendance.advisors}名")
        others = join([
            self.governments(attendance.municipalities, attendance.municipal_staff, at, "municipal_staff",
                             scope=attendance.municipalities_scope),
            ("総務省職員" + self.field((*at, "officials"), f"{attendance.officials}名")
             if attendance.officials else NOTHING),
            "関係者" + self.field((*at, "others"), f"{attendance.others}名") if attendance.others else NOTHING,
        ])
        return advisors, others

    def verbs(self, attendance: Attendance, at: KeyPath) -> tuple[Phrase, Phrase]:
        """How the advisors' and the others' presence is worded: 出席 and 参加, unless the record
        says one word for all."""
        if attendance.verb is None:
            return Phrase("出席"), Phrase("参加")
        word = self.field((*at, "verb"), "出席" if attendance.verb == AttendanceVerb.ATTENDED else "参加")
        return word, word

    def attendance_sentence(self, attendance: Attendance, at: KeyPath) -> Phrase:
        """会議は関東地方に活動拠点を持つアドバイザー18名の出席に加え、関東管内の地方公共団体10団体
        14名が参加する中での開催となりました。 — with whatever counts the record has."""
        advisors, others = self.counts(attendance, at)
        advisors_verb, others_verb = self.verbs(attendance, at)
        if advisors and others and advisors_verb.text != others_verb.text:
            sentence = "会議は" + advisors + "の" + advisors_verb + "に加え、" + others + "が" + others_verb
        elif advisors or others:
            sentence = "会議は" + join([advisors, others]) + "が" + (advisors_verb if advisors else others_verb)
        else:
            sentence = NOTHING
        listened = (self.observers(attendance.observers, (*at, "observers"))
                    if attendance.observers is not None else NOTHING)
        if not listened:
            return sentence + "する中での開催となりました。" if sentence else NOTHING
        if sentence:
            return sentence + "し、" + listened + "が傍聴する中での開催となりました。"
        return "会議は" + listened + "が傍聴する中での開催となりました。"

    def observers(self, observers: Observers, at: KeyPath) -> Phrase:
        """関東管内の地方公共団体3団体5名(蕨市、甲府市ほか): the counts, and the local governments
        named (ほか when there were more)."""
        named = join(self.municipality(code, (*at, "named", i)) for i, code in enumerate(observers.named))
        counted = self.governments(observers.municipalities, observers.people, at, "people",
                                   scope=observers.municipalities_scope)
        if not counted:
            return named
        more = "ほか" if (observers.municipalities or 0) > len(observers.named) else ""
        return counted + ("(" + named + more + ")" if named else "")

    def governments(self, count: int | None, people: int | None, at: KeyPath, people_field: str,
                    scope: str | None) -> Phrase:
        """関東管内の地方公共団体10団体14名 (the people, counted in `people_field`: those of the
        local governments)."""
        if not count and not people:
            return NOTHING
        counted = (self.field((*at, "municipalities"), f"{count}団体") if count else NOTHING) + (
            self.field((*at, people_field), f"{people}名") if people else NOTHING)
        if not count:
            return counted
        where = self.field((*at, "municipalities_scope"), scope) + "の" if scope else NOTHING
        return where + "地方公共団体" + counted

    # -- the agenda -----------------------------------------------------------------------------

    def agenda(self, start: int) -> list[Section]:
        groups = self.groups()
        flat = [g for part in groups for g in (part if isinstance(part, list) else [part])]
        conn: dict[int, str] = {}
        for i, group in enumerate(flat):
            if len(flat) == 1:
                conn[id(group)] = ""
            elif i == 0:
                conn[id(group)] = FIRST
            elif i == len(flat) - 1:
                conn[id(group)] = LAST
            else:
                conn[id(group)] = MIDDLE[(i - 1) % len(MIDDLE)]
        sections: list[Section] = []
        for entry in groups:
            number = str(start + len(sections))
            if isinstance(entry, list):  # a part of the meeting
                key = entry[0].part or ""
                part = self.meeting.parts.get(key)
                subsections = [self.group_section(f"({n})", g, conn[id(g)]) for n, g in enumerate(entry, 1)]
                title = part.title if part else key
                details = self.paragraphs(self.part_sentence(part, ("parts", key))) if part else None
                sections.append(Section(number, title, (details,) if details else (), tuple(subsections)))
            else:
                sections.append(self.group_section(number, entry, conn[id(entry)]))
        return sections

    def groups(self) -> list[_Group | list[_Group]]:
        """Items by part (a list of groups), and within a part or outside any by report heading."""
        out: list[_Group | list[_Group]] = []
        for index, item in enumerate(self.meeting.agenda):
            last = out[-1] if out else None
            group = last[-1] if isinstance(last, list) else last
            if group is not None and group.part == item.part and item.heading and group.heading == item.heading:
                group.items.append((index, item))
                continue
            new = _Group(item.part, item.heading, [(index, item)])
            if item.part is None:
                out.append(new)
            elif isinstance(last, list) and last[-1].part == item.part:
                last.append(new)
            else:
                out.append([new])
        return out

    def part_sentence(self, part: Part, at: KeyPath) -> Phrase:
        """第1部は自治体職員・アドバイザーを対象に、13:30～15:00に会場とオンラインの併用で開催し、
        地方公共団体12団体20名が参加しました。 — with the facts the part's record has."""
        named = _PART_NAME.match(part.title)
        subject = Phrase(named.group() if named else part.title)
        held = NOTHING
        if part.audience:
            held = held + self.field((*at, "audience"), part.audience) + "を対象に、"
        if times := span(part.start_time, part.end_time):
            held = held + Phrase(times, tuple((*at, name) for name in ("start_time", "end_time")
                                         if getattr(part, name) is not None)) + "に"
        if part.format is not None:
            held = held + self.field((*at, "format"), _FORMATS[part.format]) + "で"
        present = NOTHING
        if part.attendance is not None:
            attendance, where = part.attendance, (*at, "attendance")
            advisors, others = self.counts(attendance, where)
            advisors_verb, others_verb = self.verbs(attendance, where)
            if advisors and others and advisors_verb.text != others_verb.text:
                present = advisors + "が" + advisors_verb + "し、" + others + "が" + others_verb
            elif advisors or others:
                present = join([advisors, others]) + "が" + (advisors_verb if advisors else others_verb)
            if attendance.observers is not None and (listened := self.observers(attendance.observers,
                                                                                (*where, "observers"))):
                present = present + "し、" + listened + "が傍聴" if present else listened + "が傍聴"
        if held and present:
            return subject + "は" + held + "開催し、" + present + "しました。"
        if held:
            return subject + "は" + held + "開催しました。"
        if present:
            return subject + "には、" + present + "しました。"
        return NOTHING

    def group_section(self, number: str, group: _Group, conn: str) -> Section:
        items = group.items
        talks = [item for _, item in items if item.kind in TALK_KINDS]
        if len(items) == 1 and not (group.heading and talks):
            index, item = items[0]
            title = group.heading or item.title
            times = span(item.start_time, item.end_time)
            return Section(number, f"{title}({times})" if times else title, tuple(self.item_blocks(index, item, conn)))
        blocks: list[Block] = []
        for i, (index, item) in enumerate(items):
            here = conn if i == 0 else NEXT
            if item.kind not in TALK_KINDS:
                blocks += self.item_blocks(index, item, here)
                continue
            if i > 0 and items[i - 1][1].kind in TALK_KINDS:
                continue  # listed with the talks before it
            run = [(index, item)]
            for later in items[i + 1:]:
                if later[1].kind not in TALK_KINDS:
                    break
                run.append(later)
            blocks += self.talks(run, here)
        return Section(number, group.heading or items[0][1].title, tuple(blocks))

    def talks(self, items: list[tuple[int, Any]], conn: str) -> list[Block]:
        """Several talks under one heading: 「続いて、2名から支援成果等についてご紹介いただきました。」,
        then each talk numbered with its presenters, title and content."""
        first_index, first = items[0]
        heading = self.field(("agenda", first_index, "heading"), first.heading) if first.heading else NOTHING
        presenters: dict[str, KeyPath] = {}  # each person once, however many talks they gave
        unnamed: list[KeyPath] = []
        count = 0
        kinds: set[Standing | None] = set()
        needs: list[KeyPath] = []
        for index, item in items:
            at: KeyPath = ("agenda", index)
            for ref in own_references(item, at):
                if ref.refers.role in _WHO:
                    presenters.setdefault(ref.value, ref.keypath)
            for i, u in enumerate(item.unnamed):
                if _UNNAMED.get(u.role.value) == _WHO:
                    unnamed.append((*at, "unnamed", i))
                    count += u.count or 1
            standing, said = self.standing(item, at, _WHO)
            kinds.add(standing)
            needs += said.needs
        count += len(presenters)
        who = Phrase(f"{count}名から", (*presenters.values(), *unnamed)) if count else NOTHING
        standing = kinds.pop() if len(kinds) == 1 else "unknown"
        text = heading.text
        stem, verb = text, "発表"
        for suffix in ("紹介", "発表"):
            if text.endswith(suffix) and len(text) > len(suffix):
                stem, verb = text[: -len(suffix)], suffix
        about = Phrase(stem, heading.needs) + "について" if heading else NOTHING
        ending = {"official": f"{verb}を行いました。",
                  "other": "ご紹介いただきました。" if verb == "紹介" else "発表いただきました。",
                  "unknown": f"{verb}がありました。", None: f"{verb}がありました。"}[standing]
        intro = conn + who + about + Phrase(ending, tuple(needs) if standing in ("official", "other") else ())
        entries = []
        for index, item in items:
            at = ("agenda", index)
            lines = [self.say(p) for p in self.people_in(item, at, _WHO)]
            title = talk_title(item, self.catalogue)
            if title is not None:
                times = span(item.start_time, item.end_time)
                lines.append(self.say("「" + self.field((*at, "title"), title) + "」"
                                      + (Phrase(f"({times})", ((*at, "start_time"),)) if times else NOTHING)))
            entries.append(Entry(tuple(lines), tuple(self.content(item, at))))
        block = self.paragraphs(intro)
        return [*([block] if block else []), Entries("entries", tuple(entries))]

    def item_blocks(self, index: int, item: Any, conn: str) -> list[Block]:
        at: KeyPath = ("agenda", index)
        wording = WORDINGS.get(item.kind, DEFAULT_WORDING)
        standing, said = self.standing(item, at, _WHO)
        by = join(self.people_in(item, at, _BY))
        people = join(self.people_in(item, at, _WHO))
        division = getattr(item, "division", None)
        if not people and division:
            people = self.field((*at, "division"), division)
        to = join(self.people_in(item, at, _TO))
        summary_used = False
        if item.kind == "survey":
            lead, summary_used = self.survey_lead(item, at, standing, people)
        else:
            title = talk_title(item, self.catalogue)
            template = wording.sentence(standing if people else None)
            lead = _fill(template, {
                "who": people + wording.particle if people else NOTHING,
                "title": self.field((*at, "title"), item.title),
                "talk": "「" + self.field((*at, "title"), title) + "」と題して" if title else NOTHING,
                "to": to + "への" if to else NOTHING,
            })
        if people and standing in ("official", "other"):
            lead = lead + said
        if not lead.needs:  # a sentence of nothing but its kind: it states that the item was held
            lead = lead + Phrase("", (at,))
        lead = conn + (by + "の進行により、" if by else NOTHING) + lead
        blocks: list[Block] = []
        first = self.paragraphs(lead)
        if first:
            blocks.append(first)
        return blocks + self.content(item, at, summary=not summary_used, questions_heading=wording.questions)

    def survey_lead(self, item: Any, at: KeyPath, standing: Standing | None, people: Phrase) -> tuple[Phrase, bool]:
        """下山 紗代子(しもやま さよこ)氏より、事前に…アンケート結果をご紹介いただきました。 — the
        summary where the record has one (the first paragraph), else the survey's own words."""
        who = people + "より" if people else NOTHING
        if item.summary:
            paragraphs = self.prose((*at, "summary"), item.summary)
            return (who + "、" if who else NOTHING) + paragraphs[0], True
        surveyed = self.field((*at, "surveyed"), item.surveyed) + "を対象とした" if item.surveyed else NOTHING
        template = SURVEY_WORDING.sentence(standing if people else None)
        lead = _fill(template, {"who": who, "surveyed": surveyed})
        return Phrase(lead.text.removeprefix("、"), lead.needs), False

    def content(self, item: Any, at: KeyPath, summary: bool = True, questions_heading: str | None = QA,
                ) -> list[Block]:
        """What an item holds, field by field: its summary, ranking, materials, topics, questions
        and opinions — whichever of them its kind has."""
        blocks: list[Block | None] = []
        if item.summary:
            paragraphs = self.prose((*at, "summary"), item.summary)
            blocks.append(self.paragraphs(*(paragraphs if summary else paragraphs[1:])))
        if item.kind == "survey":
            blocks.append(self.survey_lines(item, at))
        materials: list[Material] = getattr(item, "materials", [])
        blocks.append(self.paragraphs(*(self.material(m, (*at, "materials", i)) for i, m in enumerate(materials))))
        topics: list[Topic] = getattr(item, "topics", [])
        if topics:
            blocks.append(Entries("entries", tuple(self.topic(t, (*at, "topics", i)) for i, t in enumerate(topics))))
        questions: list[Question] = getattr(item, "questions", [])
        if questions:
            addressees = {ref.value for ref in own_references(item) if ref.refers.role in _TO}
            blocks.append(self.bullets(questions_heading, (
                self.exchange(q, (*at, "questions", i), addressees) for i, q in enumerate(questions))))
        opinions = getattr(item, "opinions", [])
        if opinions:
            blocks.append(self.bullets(OPINIONS, (
                (self.field((*at, "opinions", i, "text"), o.text)
                 + self.attribution((*at, "opinions", i), o.by, o.municipalities), ())
                for i, o in enumerate(opinions))))
        return [block for block in blocks if block is not None]

    def survey_lines(self, item: Any, at: KeyPath) -> Lines | None:
        """(アンケート結果) 関心のあるテーマ / 1位 … / 3位 …、… (ties on one line) / 回答数 42件."""
        lines = [self.field((*at, "question"), item.question)] if item.question else []
        by_rank: dict[int, list[Phrase]] = {}
        for i, rank in enumerate(item.ranking):
            votes = Phrase(f"({rank.votes}票)", ((*at, "ranking", i, "votes"),)) if rank.votes is not None else NOTHING
            by_rank.setdefault(rank.rank, []).append(self.field((*at, "ranking", i, "label"), rank.label) + votes)
        lines += [f"{rank}位 " + join(labels) for rank, labels in by_rank.items()]
        if item.responses is not None:
            lines.append("回答数 " + self.field((*at, "responses"), f"{item.responses}件"))
        return self.lines(SURVEY, lines)

    def material(self, material: Material, at: KeyPath) -> list[tuple[Phrase, str | None]]:
        """発表資料は[こちら](URL)(PDF)をご覧ください。 — only where the record has its address."""
        if not material.url:
            return []
        link = self.field((*at, "url"), "こちら")
        fmt = "(" + self.field((*at, "format"), material.format) + ")" if material.format else NOTHING
        return [(self.field((*at, "title"), material.title) + "は", None), (link, material.url),
                (fmt + "をご覧ください。", None)]

    # -- questions and answers ----------------------------------------------------------------

    def attribution(self, at: KeyPath, people: Sequence[str], codes: Sequence[str], *more: Phrase) -> Phrase:
        parts = [*(self.person(key, (*at, "by", i)) for i, key in enumerate(people)),
                 *(self.municipality(code, (*at, "municipalities", i)) for i, code in enumerate(codes)),
                 *more]
        named = join(parts)
        return "(" + named + ")" if named else NOTHING

    def question_text(self, question: Question, at: KeyPath, addressees: AbstractSet[str] = frozenset()) -> Phrase:
        to = [] if set(question.to) <= addressees else list(question.to)
        put = join(self.person(key, (*at, "to", i)) for i, key in enumerate(to)) + "への質問" if to else NOTHING
        return self.field((*at, "text"), question.text) + self.attribution(
            at, question.by, question.municipalities,
            Phrase("匿名", ((*at, "anonymous"),)) if question.anonymous else NOTHING,
            self.field((*at, "via"), question.via) if question.via else NOTHING, put)

    def answer_text(self, answer: Any, at: KeyPath, prefix: str = "") -> Phrase:
        attribution = self.attribution(at, answer.by, answer.municipalities)
        text = self.field((*at, "text"), answer.text)
        if prefix:
            return prefix + attribution + ":" + text
        return text + attribution

    def answers(self, question: Question, at: KeyPath) -> list[Phrase]:
        """The answers a question's record gives, each as 回答(…):…; where it says the question was
        not answered, that."""
        said = [self.answer_text(a, (*at, "answers", i), "回答") for i, a in enumerate(question.answers)]
        if not said and question.unanswered:
            said.append(Phrase(NOT_ANSWERED, ((*at, "unanswered"),)))
        return said

    def exchange(self, question: Question, at: KeyPath, addressees: AbstractSet[str]) -> tuple[Phrase, list[Phrase]]:
        return self.question_text(question, at, addressees), self.answers(question, at)

    def topic(self, topic: Topic, at: KeyPath) -> Entry:
        theme = self.theme(topic.theme, (*at, "theme")) if topic.theme else NOTHING
        # the title as stated; where it is the theme's label, both state it
        title = self.field(at if topic.title == theme.text else (*at, "title"), topic.title) if topic.title else theme
        asked = [self.meeting.people[k].role for q in topic.questions for k in q.by if k in self.meeting.people]
        heading = QUESTIONS if all(role in _ASKING_ROLES for role in asked) else QUESTIONS_OTHER
        blocks: list[Block | None] = [self.bullets(heading, (
            (self.question_text(q, (*at, "questions", i)), self.answers(q, (*at, "questions", i)))
            for i, q in enumerate(topic.questions)))]
        answerers = [self.meeting.people[k].role for a in topic.answers for k in a.by if k in self.meeting.people]
        by_governments = any(a.municipalities for a in topic.answers)
        advisors_only = all(role == PersonRole.ADVISOR for role in answerers) and not by_governments
        blocks.append(self.bullets(ANSWERS if advisors_only else ANSWERS_OTHER, (
            (self.answer_text(a, (*at, "answers", i)), ()) for i, a in enumerate(topic.answers))))
        respondents = [self.person(key, (*at, "respondents", i)) for i, key in enumerate(topic.respondents)]
        respondents += [self.field((*at, "unnamed", i, "description"), u.description)
                        for i, u in enumerate(topic.unnamed) if u.role.value == "respondents"]
        blocks.append(self.lines(RESPONDENTS, respondents))
        return Entry((self.say(title),) if title else (), tuple(b for b in blocks if b is not None))

    # -- the end ------------------------------------------------------------------------------

    def materials_section(self, number: str) -> Section | None:
        materials = self.meeting.materials
        block = self.paragraphs(*(self.material(m, ("materials", i)) for i, m in enumerate(materials)))
        if block is None:
            return None
        linked = [m for m in materials if m.url]
        title = ATTENDEES if all(m.title.startswith(ATTENDEES) for m in linked) else MATERIALS
        return Section(number, title, (block,))

    def contact(self) -> Section | None:
        contact = self.meeting.contact
        assert contact is not None
        at: KeyPath = ("contact",)
        block = self.lines(None, [
            self.field((*at, "organization"), contact.organization) if contact.organization else NOTHING,
            self.field((*at, "division"), contact.division) if contact.division else NOTHING,
            "担当:" + join(self.field((*at, "names", i), n) for i, n in enumerate(contact.names))
            if contact.names else NOTHING,
            "TEL:" + self.field((*at, "phone"), contact.phone) if contact.phone else NOTHING,
            "E-mail:" + self.field((*at, "email"), contact.email) if contact.email else NOTHING,
        ])
        return Section("", CONTACT, (block,)) if block else None


def _fill(template: str, values: dict[str, Phrase]) -> Phrase:
    """A wording's template with its placeholders replaced by phrases (their fields kept)."""
    out = NOTHING
    for text, name in _PLACEHOLDER.findall(template + "{}"):
        out = out + text
        if name:
            out = out + values.get(name, NOTHING)
    return out


_PLACEHOLDER = re.compile(r"([^{]*)\{([a-z]*)\}")
