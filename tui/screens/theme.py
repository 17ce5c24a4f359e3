"""A theme: its labels and description, the advisors with this expertise, the consultations, the
survey rankings and the meetings it appears in."""

from __future__ import annotations

from tui.data import Ref
from tui.screens.detail import DetailScreen
from tui.widgets.document import Doc, Span


class ThemeScreen(DetailScreen):
    def build(self, doc: Doc) -> None:
        data, t = self.data, self.t
        theme_id = self.ref.id
        theme = data.records.themes[theme_id]
        doc.heading(theme.label, Span(f"  {theme.label_en}", "muted"))
        doc.field(t("field.label"), theme.label)
        doc.field(t("field.label_en"), theme.label_en)
        doc.field(t("field.id"), [Span(theme_id, "id")])
        doc.field(t("field.description"), theme.description)
        doc.field(t("field.note"), theme.note)
        self.problems_section(doc)

        self.advisors_section(doc, t("detail.experts"), data.expert_advisors(theme_id),
                              lambda advisor: advisor.kana)

        self.consultations_section(doc, t("detail.consultations"),
                                   data.index.consultations_of("theme", theme_id))

        ranked = [m for m in data.index.mentions("theme", theme_id) if m.role == "ranked"]
        doc.section(t("detail.rankings"), len(ranked))
        if not ranked:
            doc.text(t("detail.none"), "muted", indent=2)
        for mention in reversed(ranked):
            meeting = data.meeting(mention.meeting_id)
            anchor = f"agenda-{mention.agenda_index}" if mention.agenda_index is not None else None
            prefix = [Span(f"{meeting.date.isoformat()}  ", "muted")] if meeting else []
            if mention.rank is not None:
                prefix.append(Span(t("detail.rank", rank=mention.rank) + "  ", "label"))
            doc.link(mention.where, Ref("meeting", mention.meeting_id, anchor), indent=2,
                     prefix=prefix)

        self.meetings_section(doc, "theme", theme_id)
