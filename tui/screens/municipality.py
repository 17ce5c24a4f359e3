"""A local government: every field, its prefecture, the advisors who work there, the meetings it
appears in and the consultations it asked."""

from __future__ import annotations

from tui.data import Ref, affiliation_text
from tui.screens.detail import DetailScreen
from tui.textmatch import joined, reading_key
from tui.widgets.document import Doc, Span


class MunicipalityScreen(DetailScreen):
    def build(self, doc: Doc) -> None:
        data, t, cat = self.data, self.t, self.cat
        code = self.ref.id
        municipality = data.records.municipalities[code]
        doc.heading(municipality.name, Span(f"  {municipality.kana}", "muted"))
        doc.field(t("field.name"), municipality.name)
        doc.field(t("field.kana"), municipality.kana)
        doc.field(t("field.code"), [Span(code, "id")])
        doc.field(t("field.municipality_kind"), cat.enum("municipality_kind", municipality.kind.value))
        prefecture = data.prefecture_of(code)
        if prefecture:
            doc.field(t("field.prefecture"), data.municipality_name(prefecture),
                      ref=Ref("municipality", prefecture))
        doc.field(t("field.url"), municipality.url)
        doc.field(t("field.note"), municipality.note)
        self.problems_section(doc)

        self.advisors_section(
            doc, t("detail.affiliated_advisors"), data.affiliated_advisors(code),
            lambda advisor: joined((affiliation_text(a) for a in advisor.affiliations if a.municipality == code),
                                   cat.separator))

        if municipality.kind.value == "prefecture":
            members = sorted(
                (c for c in data.records.municipalities if c != code and data.prefecture_of(c) == code),
                key=lambda c: (reading_key(data.records.municipalities[c].kana), c))
            doc.section(t("detail.members"), len(members))
            for member in members:
                other = data.records.municipalities[member]
                doc.link(other.name, Ref("municipality", member),
                         Span(f"  {other.kana}", "muted"), indent=2)

        people: dict[str, list[str]] = {}
        for meeting_id in data.index.meetings_of("municipality", code):
            meeting = data.meeting(meeting_id)
            if meeting is not None:
                people[meeting_id] = [p.name for p in meeting.people.values()
                                      if p.municipality == code]
        self.meetings_section(doc, "municipality", code, people)
        self.consultations_section(doc, t("detail.consultations"),
                                   data.index.consultations_of("municipality", code))
