"""An advisor: every field, then the meetings, consultations and presentations that name them."""

from __future__ import annotations

from tui.data import Ref, affiliation_text
from tui.screens.detail import DetailScreen
from tui.textmatch import joined
from tui.widgets.document import Doc, Span


class AdvisorScreen(DetailScreen):
    def build(self, doc: Doc) -> None:
        data, t, cat = self.data, self.t, self.cat
        advisor_id = self.ref.id
        advisor = data.records.advisors[advisor_id]
        doc.heading(advisor.name, Span(f"  {advisor.kana}", "muted"))
        doc.field(t("field.name"), advisor.name)
        doc.field(t("field.kana"), advisor.kana)
        doc.field(t("field.name_en"), advisor.name_en)
        doc.field(t("field.id"), [Span(advisor_id, "id")])
        doc.field(t("field.bureaus"),
                  joined((cat.enum("bureau", b.value) for b in advisor.bureaus), cat.separator))
        doc.field(t("field.fiscal_years"), self.fiscal_years(advisor.fiscal_years))
        doc.field(t("field.url"), advisor.url)
        doc.field(t("field.note"), advisor.note)
        self.problems_section(doc)

        doc.section(t("detail.affiliations"), len(advisor.affiliations))
        for affiliation in advisor.affiliations:
            text = affiliation_text(affiliation)
            ref = self.ref_if("municipality", affiliation.municipality)
            if affiliation.municipality:
                doc.link(text, ref, Span(f"  {affiliation.municipality}", "id"), indent=2)
            else:
                doc.spans(Span(text), indent=2)
            if affiliation.note:
                doc.text(affiliation.note, "muted", indent=4)

        doc.section(t("detail.expertise"), len(advisor.expertise))
        for theme_id in advisor.expertise:
            doc.link(data.theme_label(theme_id, cat.lang), self.ref_if("theme", theme_id),
                     Span(f"  {theme_id}", "id"), indent=2)

        self.meetings_section(doc, "advisor", advisor_id)
        self.consultations_section(doc, t("detail.answered"), data.consultations_answered(advisor_id))
        asked = data.consultations_asked(advisor_id)
        if asked:
            self.consultations_section(doc, t("detail.asked"), asked)

        talks = [m for m in data.index.mentions("advisor", advisor_id)
                 if m.role in ("presenter", "speaker")]
        doc.section(t("detail.presentations"), len(talks))
        if not talks:
            doc.text(t("detail.none"), "muted", indent=2)
        for mention in sorted(talks, key=lambda m: (m.meeting_id, m.agenda_index or 0), reverse=True):
            anchor = f"agenda-{mention.agenda_index}" if mention.agenda_index is not None else None
            meeting = data.meeting(mention.meeting_id)
            prefix = [Span(f"{meeting.date.isoformat()}  ", "muted")] if meeting else []
            doc.link(mention.where, Ref("meeting", mention.meeting_id, anchor),
                     Span(f"  {cat.enum('role', mention.role)}", "muted"), indent=2, prefix=prefix)
