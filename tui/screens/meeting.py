"""A meeting: every field, the people named (with titles as stated and links to advisors and local
governments), and the agenda item by item — remarks, survey ranking, presentations with their
Q&A, consultations by topic, discussions — then the contact.

A consultation opens here: the view scrolls to its question and marks it with its answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from schema.models import (
    ActivityReport,
    AgendaItem,
    Answer,
    Briefing,
    Consultation,
    Discussion,
    Material,
    Meeting,
    OtherItem,
    Presentation,
    Remarks,
    Survey,
)
from tui.data import Ref
from tui.era import fiscal_year_label, full_date
from tui.screens.detail import DetailScreen
from tui.textmatch import joined
from tui.widgets.document import Doc, Span


class MeetingScreen(DetailScreen):
    def __init__(self, ref: Ref) -> None:
        super().__init__(ref)
        anchor = ref.anchor
        if anchor and "/" in anchor:
            # The question's own blocks and its topic's shared answers.
            self.mark = {anchor, anchor.rsplit(".", 1)[0]}

    @property
    def meeting(self) -> Meeting:
        meeting = self.data.meeting(self.ref.id)
        assert meeting is not None
        return meeting

    def build(self, doc: Doc) -> None:
        m, t, cat = self.meeting, self.t, self.cat
        lang = cat.lang
        doc.heading(m.title)
        doc.field(t("field.id"), [Span(m.id, "id")])
        date = full_date(m.date, lang)
        if m.end_date:
            date += f" – {full_date(m.end_date, lang)}"
        doc.field(t("field.date"), date)
        doc.field(t("field.fiscal_year"), f"{fiscal_year_label(m.fiscal_year, lang)} (FY{m.fiscal_year})"
                  if lang == "ja" else fiscal_year_label(m.fiscal_year, lang))
        doc.field(t("field.meeting_kind"), cat.enum("meeting_kind", m.kind.value))
        doc.field(t("field.bureau"), cat.enum("bureau", m.bureau.value))
        doc.field(t("field.format"), cat.enum("format", m.format.value))
        doc.field(t("field.venue"), m.venue)
        self.links_field(doc, t("field.themes"), [
            (self.data.theme_label(theme, lang), self.ref_if("theme", theme)) for theme in m.themes
        ])
        doc.field(t("field.purpose"), m.purpose)
        if m.summary:
            for number, paragraph in enumerate(m.summary.strip("\n").split("\n")):
                doc.field(t("field.summary") if number == 0 else "", paragraph or " ")
        doc.field(t("field.published"), full_date(m.published, lang) if m.published else None)
        doc.field(t("field.url"), m.url)
        self.people_field(doc, t("field.leaders"), m.leaders)
        if m.dispatch is not None:
            self.links_field(doc, t("field.dispatch"), [
                (self.data.advisor_name(m.dispatch.advisor), self.ref_if("advisor", m.dispatch.advisor)),
                (self.data.municipality_name(m.dispatch.municipality),
                 self.ref_if("municipality", m.dispatch.municipality)),
            ])
            doc.field("", m.dispatch.note)
        doc.field(t("field.note"), m.note)
        doc.field(t("field.file"), [Span(self.data.records.meeting_paths.get(m.id, ""), "id")])
        self.problems_section(doc)

        if m.attendance is not None:
            a = m.attendance
            doc.section(t("detail.attendance"))
            for key, value in (("advisors", a.advisors), ("municipalities", a.municipalities),
                               ("municipal_staff", a.municipal_staff), ("officials", a.officials),
                               ("observers", a.observers)):
                if value is not None:
                    doc.field(t(f"attendance.{key}"), t(f"attendance.{key}_count", count=value),
                              indent=2)
            doc.field(t("field.note"), a.note, indent=2)

        if m.materials:
            doc.section(t("detail.materials"), len(m.materials))
            self.materials(doc, m.materials, indent=2)

        doc.section(t("detail.people"), len(m.people))
        for person in m.people.values():
            name = person.name + (f" ({person.kana})" if person.kana else "")
            role = Span(f"  {cat.enum('person_role', person.role.value)}", "muted")
            if person.advisor:
                doc.link(name, self.ref_if("advisor", person.advisor), role, indent=2)
            elif person.municipality:
                doc.link(name, self.ref_if("municipality", person.municipality), role, indent=2)
            else:
                doc.spans(Span(name), role, indent=2)
            doc.text(person.title, "muted", indent=6)
            if person.advisor and person.municipality:
                doc.link(self.data.municipality_name(person.municipality),
                         self.ref_if("municipality", person.municipality), indent=6,
                         prefix=[Span("↳ ", "muted")])
            doc.text(person.note, "muted", indent=6)

        doc.section(t("detail.agenda"), len(m.agenda))
        part = None
        for number, item in enumerate(m.agenda):
            if item.part and item.part != part:
                doc.blank()
                doc.spans(Span(f"【{item.part}】", "label"), indent=2)
            part = item.part
            self.agenda_item(doc, number, item)

        if m.contact is not None:
            c = m.contact
            doc.section(t("detail.contact"))
            doc.field(t("contact.organization"), c.organization, indent=2)
            doc.field(t("contact.division"), c.division, indent=2)
            doc.field(t("contact.names"), joined(c.names, cat.separator), indent=2)
            doc.field(t("contact.phone"), c.phone, indent=2)
            doc.field(t("contact.email"), c.email, indent=2)
            doc.field(t("field.note"), c.note, indent=2)

    # -- pieces ----------------------------------------------------------------------------------

    def person(self, key: str) -> tuple[str, Ref | None, bool]:
        """Name, link and whether the key is known, for a person key of the meeting."""
        person = self.meeting.people.get(key)
        if person is None:
            return key, None, False
        if person.advisor:
            return person.name, self.ref_if("advisor", person.advisor), True
        if person.municipality:
            return person.name, self.ref_if("municipality", person.municipality), True
        return person.name, None, True

    def people_field(self, doc: Doc, label: str, keys: Sequence[str], indent: int = 0) -> None:
        """One line per person: a link where the person is an advisor or a local government's."""
        for number, key in enumerate(keys):
            name, ref, known = self.person(key)
            prefix = [doc.label(label if number == 0 else "")]
            if ref is not None or not known:
                doc.link(name, ref, indent=indent, prefix=prefix)
            else:
                doc.spans(Span(name), indent=indent, prefix=prefix)

    def links_field(self, doc: Doc, label: str, links: Sequence[tuple[str, Ref | None]],
                    indent: int = 0) -> None:
        for number, (text, ref) in enumerate(links):
            prefix = [doc.label(label if number == 0 else "")]
            doc.link(text, ref, indent=indent, prefix=prefix)

    def materials(self, doc: Doc, materials: Sequence[Material], indent: int) -> None:
        for material in materials:
            extra = [Span(f"  ({material.format})", "muted")] if material.format else []
            doc.spans(Span(material.title), *extra, indent=indent)
            doc.text(material.url, "muted", indent=indent + 2)
            doc.text(material.note, "muted", indent=indent + 2)

    def answers(self, doc: Doc, answers: Sequence[Answer], indent: int) -> None:
        t = self.t
        for answer in answers:
            doc.spans(Span(t("detail.answer_mark"), "label"), Span(answer.text, "quote"),
                      indent=indent)
            self.people_field(doc, t("detail.answered_by"), answer.by, indent=indent + 2)
            doc.text(answer.note, "muted", indent=indent + 2)

    def agenda_item(self, doc: Doc, number: int, item: AgendaItem) -> None:
        t, cat = self.t, self.cat
        anchor = f"agenda-{number}"
        doc.blank()
        doc.group = anchor
        doc.spans(Span(f"{number + 1}. {item.title}", "heading"),
                  Span(f"  {cat.enum('agenda_kind', item.kind)}", "muted"), indent=2, anchor=anchor)
        doc.group = None
        doc.text(item.summary, indent=5)
        if isinstance(item, Briefing):
            doc.field(t("agenda.division"), item.division, indent=5)
        speakers = item.speakers if isinstance(
            item, Remarks | Briefing | ActivityReport | OtherItem) else []
        presenters = item.presenters if isinstance(item, Presentation | Survey) else []
        for keys, label in ((speakers, "agenda.speakers"), (presenters, "agenda.presenters"),
                            (item.facilitators, "agenda.facilitators")):
            if keys:
                self.people_field(doc, t(label), keys, indent=5)
        if isinstance(item, Briefing | ActivityReport | Presentation | OtherItem) and item.materials:
            doc.spans(Span(t("detail.materials"), "label"), indent=5)
            self.materials(doc, item.materials, indent=7)
        if isinstance(item, Survey):
            doc.field(t("agenda.survey_question"), item.question, indent=5)
            doc.field(t("agenda.survey_respondents"), item.surveyed, indent=5)
            ranks = [r.rank for r in item.ranking]
            for rank in item.ranking:
                tie = ranks.count(rank.rank) > 1
                label = t("detail.rank", rank=rank.rank) + (t("detail.tie") if tie else "")
                prefix = [doc.label(label, 10)]
                extra = [Span(f"  {t('detail.votes', count=rank.votes)}", "muted")] if (
                    rank.votes is not None) else []
                if rank.theme:
                    doc.link(rank.label, self.ref_if("theme", rank.theme), *extra, indent=7,
                             prefix=prefix)
                else:
                    doc.spans(Span(rank.label), *extra, indent=7, prefix=prefix)
        if isinstance(item, Presentation):
            for q, question in enumerate(item.questions):
                cid = f"{self.meeting.id}/{number + 1}.1.{q + 1}"
                doc.group = cid
                who = [t("detail.anonymous")] if question.anonymous else []
                if question.via:
                    who.append(question.via)
                doc.spans(Span(t("detail.question_mark", n=q + 1), "label"),
                          Span(question.text, "quote"),
                          *([Span(f"  ({joined(who, cat.separator)})", "muted")] if who else []),
                          indent=5, anchor=cid)
                self.people_field(doc, t("detail.asked_by"), question.by, indent=7)
                self.answers(doc, question.answers, indent=7)
                doc.text(question.note, "muted", indent=7)
                doc.group = None
        if isinstance(item, Consultation):
            self.consultation(doc, number, item)
        if isinstance(item, Discussion):
            for opinion in item.opinions:
                doc.spans(Span("・", "label"), Span(opinion.text, "quote"), indent=5)
                self.people_field(doc, t("detail.opinion_by"), opinion.by, indent=7)
                doc.text(opinion.note, "muted", indent=7)
        doc.field(t("field.note"), item.note, indent=5)

    def consultation(self, doc: Doc, number: int, item: Consultation) -> None:
        t, data, lang = self.t, self.data, self.cat.lang
        for ti, topic in enumerate(item.topics):
            topic_group = f"{self.meeting.id}/{number + 1}.{ti + 1}"
            doc.blank()
            heading = data.topic_label(topic.theme, topic.title, lang)
            prefix = [doc.label(t("detail.topic", n=ti + 1))]
            if topic.theme:
                doc.link(heading, self.ref_if("theme", topic.theme), indent=5, prefix=prefix)
            else:
                doc.spans(Span(heading, "section"), indent=5, prefix=prefix)
            if topic.title and topic.title != heading:
                doc.text(topic.title, "muted", indent=7)
            for qi, question in enumerate(topic.questions):
                cid = f"{topic_group}.{qi + 1}"
                doc.group = cid
                doc.spans(Span(t("detail.question_mark", n=qi + 1), "label"),
                          Span(question.text, "quote"), indent=7, anchor=cid)
                self.people_field(doc, t("detail.asked_by"), question.by, indent=9)
                self.links_field(doc, t("detail.asking_municipalities"), [
                    (data.municipality_name(code), self.ref_if("municipality", code))
                    for code in question.municipalities
                ], indent=9)
                doc.text(question.note, "muted", indent=9)
                doc.group = None
            doc.group = topic_group
            self.answers(doc, topic.answers, indent=7)
            self.people_field(doc, t("detail.respondents"), topic.respondents, indent=7)
            doc.text(topic.note, "muted", indent=7)
            doc.group = None
