"""The base of the record screens: a breadcrumb, the record as a document of fields and links, and
the footer. Enter opens the link under the cursor; Escape goes back to where the record was opened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from tui.data import Ref, RepoData
from tui.era import fiscal_year_label, local_date
from tui.i18n import Catalogue
from tui.localize import LocalizedScreen
from tui.textmatch import joined
from tui.widgets.document import Doc, DocumentView, Span

if TYPE_CHECKING:
    from schema.models import Advisor
    from schema.xref import ConsultationEntry, Mention
    from tui.app import DaichoApp


class DetailScreen(LocalizedScreen):
    """One record. Subclasses write the record into a `Doc` in `build`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "keys.back", priority=True, id="back"),
    ]

    def __init__(self, ref: Ref) -> None:
        super().__init__()
        self.ref = ref
        self.anchor = ref.anchor
        self.mark: set[str] = set()
        self.label = ""

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    @property
    def data(self) -> RepoData:
        return self.daicho.data

    @property
    def cat(self) -> Catalogue:
        return self.daicho.cat

    def t(self, key: str, **values: object) -> str:
        return self.daicho.cat.t(key, **values)

    def compose(self) -> ComposeResult:
        doc = Doc(label_width=18 if self.cat.lang == "ja" else 20)
        self.label = self.daicho.listing.label(self.ref)
        trail = [*self.daicho.trail(exclude=self), self.label]
        yield Static(" › ".join(trail), id="trail", classes="trail", markup=False)
        try:
            self.build(doc)
        except Exception as exc:  # a bug in a view must not close the app over the user's work
            doc.blank()
            doc.text(self.t("detail.failed", error=repr(exc)), "warning")
        yield DocumentView(doc.blocks, mark=self.mark, anchor=self.anchor, id="document")
        yield Footer()

    def build(self, doc: Doc) -> None:
        raise NotImplementedError

    @on(DocumentView.LinkSelected)
    def _open(self, event: DocumentView.LinkSelected) -> None:
        event.stop()
        self.daicho.open_ref(event.ref)

    def action_back(self) -> None:
        if self.is_current:
            self.dismiss()

    # -- shared sections -------------------------------------------------------------------------

    def ref_if(self, kind: str, record_id: str | None) -> Ref | None:
        """A reference that opens, or None where the record does not exist (a dangling reference
        is shown, marked, but not followed)."""
        if not record_id:
            return None
        ref = Ref(kind, record_id)  # type: ignore[arg-type]
        return ref if self.data.exists(ref) else None

    def problems_section(self, doc: Doc) -> None:
        numbers = self.data.problems_of(Ref(self.ref.kind, self.ref.id))
        if not numbers:
            return
        doc.section(self.t("detail.problems"), len(numbers))
        for number in numbers:
            problem = self.data.problems[number]
            doc.spans(Span(problem.format_text(), "warning"), indent=2)

    def meeting_link(self, doc: Doc, meeting_id: str, *extra: Span, indent: int = 2,
                     anchor: str | None = None) -> None:
        meeting = self.data.meeting(meeting_id)
        if meeting is None:
            doc.link(meeting_id, None, indent=indent)
            return
        doc.link(meeting.title, Ref("meeting", meeting_id, anchor), *extra, indent=indent,
                 prefix=[Span(f"{meeting.date.isoformat()}  ", "muted")])

    def meetings_section(self, doc: Doc, kind: str, record_id: str,
                         people: dict[str, list[str]] | None = None) -> None:
        """Meetings the record appears in (latest first), each with what it was there."""
        grouped = self.data.meeting_mentions(kind, record_id)  # type: ignore[arg-type]
        doc.section(self.t("detail.meetings"), len(grouped))
        if not grouped:
            doc.text(self.t("detail.none"), "muted", indent=2)
        for meeting_id, mentions in grouped.items():
            meeting = self.data.meeting(meeting_id)
            extra = [Span(f"  {local_date(meeting.date, self.cat.lang)}", "muted")] if meeting else []
            self.meeting_link(doc, meeting_id, *extra)
            names = (people or {}).get(meeting_id, [])
            if names:
                doc.spans(Span(self.t("detail.people_there") + ": ", "label"),
                          Span(joined(names, self.cat.separator), "text"), indent=6)
            roles = self.roles(mentions)
            if roles:
                doc.spans(Span(roles, "muted"), indent=6)

    def roles(self, mentions: Iterable[Mention]) -> str:
        """What a record was in a meeting: 回答者 (計画策定支援) / アンケート順位 (…: 2位)."""
        cat = self.cat
        seen: dict[str, list[str]] = {}
        for mention in mentions:
            if mention.role in ("person", "theme", "leader", "dispatch"):
                seen.setdefault(mention.role, [])
                continue
            place = mention.where
            if mention.rank is not None:
                place = cat.t("detail.ranked_in", where=place, rank=mention.rank)
            places = seen.setdefault(mention.role, [])
            if place and place not in places:
                places.append(place)
        parts = []
        for role, places in seen.items():
            label = cat.enum("role", role)
            parts.append(f"{label} ({joined(places, cat.separator)})" if places else label)
        return " / ".join(parts)

    def consultation_link(self, doc: Doc, entry: ConsultationEntry, indent: int = 2) -> None:
        theme = self.data.topic_label(entry.theme, entry.topic_title, self.cat.lang)
        doc.link(entry.question, Ref("consultation", entry.id), indent=indent,
                 prefix=[Span(f"{entry.date.isoformat()}  ", "muted")]
                 + ([Span(f"[{theme}] ", "label")] if theme else []))

    def consultations_section(self, doc: Doc, title: str,
                              entries: list[ConsultationEntry]) -> None:
        entries = sorted(entries, key=lambda e: (e.date, e.id), reverse=True)
        doc.section(title, len(entries))
        if not entries:
            doc.text(self.t("detail.none"), "muted", indent=2)
        for entry in entries:
            self.consultation_link(doc, entry)

    def advisors_section(self, doc: Doc, title: str, advisor_ids: list[str],
                         describe: Callable[[Advisor], str]) -> None:
        """Advisors whose own record names this one, each with a word on why (`describe`)."""
        doc.section(title, len(advisor_ids))
        if not advisor_ids:
            doc.text(self.t("detail.none"), "muted", indent=2)
        for advisor_id in advisor_ids:
            advisor = self.data.records.advisors[advisor_id]
            doc.link(advisor.name, Ref("advisor", advisor_id), Span(f"  {describe(advisor)}", "muted"),
                     indent=2)

    def fiscal_years(self, years: Iterable[int]) -> str:
        return joined((fiscal_year_label(y, self.cat.lang) for y in sorted(years)),
                      self.cat.separator)


def screen_for(ref: Ref) -> DetailScreen:
    """The screen that shows `ref` (a consultation opens within its meeting)."""
    from tui.screens.advisor import AdvisorScreen
    from tui.screens.meeting import MeetingScreen
    from tui.screens.municipality import MunicipalityScreen
    from tui.screens.theme import ThemeScreen

    if ref.kind == "consultation":
        meeting_id = ref.id.split("/", 1)[0]
        return MeetingScreen(Ref("meeting", meeting_id, ref.id))
    screens: dict[str, type[DetailScreen]] = {
        "meeting": MeetingScreen,
        "advisor": AdvisorScreen,
        "municipality": MunicipalityScreen,
        "theme": ThemeScreen,
    }
    return screens[ref.kind](ref)
