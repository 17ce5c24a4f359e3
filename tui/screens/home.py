"""The home view: how many records of each kind, the latest meetings, the validation status, a
chart of consultations per theme per fiscal year (a theme opens from it: Tab to it, Up and Down,
Enter; Left and Right for fiscal years that do not fit) and beside it each survey's ranking, side by
side (the latest surveys that fit; the border says how many earlier ones are not shown)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from schema.read.era import fiscal_year_label
from schema.read.figures import SurveyRankings, survey_rankings
from tui.data import Ref
from tui.listing import columns
from tui.widgets.bar_chart import BarChart
from tui.widgets.record_table import RecordTable, fit

if TYPE_CHECKING:
    from tui.app import DaichoApp

LATEST = 8
SHOWN_PROBLEMS = 3
RANKING_LABEL = 22
"""Cells of a theme's label in the rankings (longer labels are cut with an ellipsis)."""
MIN_LABEL = 8
"""Cells a label keeps however narrow the panel (the latest survey's column comes first)."""


class HomeView(Vertical):
    chart_themes: list[str] = []
    """The chart's rows' theme ids ("" for consultations without a theme)."""

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.daicho
        t = app.cat.t
        with Horizontal(id="home-top"):
            counts = Static(self._counts(), id="home-counts", classes="panel")
            counts.border_title = t("home.records", repo=app.data.repo.resolve().name)
            yield counts
            status = Static(self._status(), id="home-status", classes="panel")
            status.border_title = t("home.validation")
            yield status
        cols = columns("meeting")
        latest = RecordTable(cols, [t(c.title) for c in cols], empty=t("home.no_meetings"),
                             id="home-latest", classes="panel")
        latest.border_title = t("home.latest")
        yield latest
        with Horizontal(id="home-figures"):
            chart = BarChart(*self._chart(), total=t("home.total"), empty=t("home.no_consultations"),
                             hidden=t("home.hidden_years"), id="home-chart", classes="panel")
            chart.border_title = t("home.chart")
            yield chart
            rankings = SurveyRankingsView(id="home-rankings", classes="panel")
            rankings.border_title = t("home.rankings")
            yield rankings

    def _chart(self) -> tuple[list[str], list[str], list[list[int]]]:
        app = self.daicho
        data, lang = app.data, app.cat.lang
        themes, years, values = data.chart()
        self.chart_themes = themes
        labels = [data.theme_label(theme, lang) if theme else app.cat.t("home.no_theme")
                  for theme in themes]
        return labels, [fiscal_year_label(y, lang) for y in years], values

    def on_mount(self) -> None:
        self.meetings_loaded()
        self._rankings()

    def _rankings(self) -> None:
        """Each survey's ranking, once the meetings are loaded (a partial repository would show a
        partial figure)."""
        app = self.daicho
        data = app.data
        figure = survey_rankings(data.records) if data.ready else None
        labels = [] if figure is None else [data.theme_label(theme, app.cat.lang) if theme else label
                                            for theme, label in figure.items]
        self.query_one(SurveyRankingsView).set_data(figure, labels)

    def meetings_loaded(self) -> None:
        """The newest meetings loaded first: the latest-meetings table is right from the start."""
        rows = self.daicho.listing.latest_meetings(self._latest_count())
        table = self.query_one("#home-latest", RecordTable)
        if rows != table.rows:  # new meetings, or their counts (once loaded)
            table.set_rows(rows)
        # The borders, the heading and a line a meeting (or the line that says there are none).
        table.styles.height = 3 + max(1, len(rows))
        self.query_one("#home-counts", Static).update(self._counts())

    def _latest_count(self) -> int:
        """Meetings listed: LATEST, fewer on a short terminal (the chart keeps a few lines)."""
        height = self.app.size.height
        return max(1, min(LATEST, height - 26)) if height else LATEST

    def on_resize(self, event: events.Resize) -> None:
        self.meetings_loaded()

    def refresh_data(self) -> None:
        """Everything loaded: counts, validation status and chart."""
        self.meetings_loaded()
        self.query_one("#home-status", Static).update(self._status())
        self.query_one(BarChart).set_data(*self._chart())
        self._rankings()

    def _counts(self) -> Content:
        app = self.daicho
        t, records, index = app.cat.t, app.data.records, app.data.index
        counts = {
            "meeting": len(records.meetings),
            "consultation": len(index.consultations),
            "advisor": len(records.advisors),
            "municipality": len(records.municipalities),
            "theme": len(records.themes),
        }
        labels = {view: t(f"view.{view}") for view in counts}
        shown = {view: t(f"count.{view}", count=f"{count:,}") for view, count in counts.items()}
        label_width = max(cell_len(label) for label in labels.values())
        count_width = max(cell_len(text) for text in shown.values())
        lines = [  # 会議  1件: each count with its unit, the counts aligned on the right
            Content.from_markup(f"[@click=app.show('{view}')]$label  [b]$count[/b][/]",
                                label=labels[view] + " " * (label_width - cell_len(labels[view])),
                                count=" " * (count_width - cell_len(shown[view])) + shown[view])
            for view in counts
        ]
        return Content("\n").join(lines)

    def _status(self) -> Content:
        app = self.daicho
        t, problems = app.cat.t, app.data.problems
        if not app.data.ready:
            return Content.from_markup("[$text-muted]$wait[/]", wait=t("list.wait"))
        if not problems:
            return Content.from_markup("[b $text-success]✔ $ok[/]", ok=t("home.valid"))
        lines = [Content.from_markup("[@click=app.show('problem')][b $text-error]✖ $text[/][/]",
                                     text=t("home.problems", count=f"{len(problems):,}"))]
        for problem in problems[:SHOWN_PROBLEMS]:
            lines.append(Content(problem.format_text(app.cat)))
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(Content(t("home.more_problems", count=f"{len(problems) - SHOWN_PROBLEMS:,}")))
        return Content("\n").join(lines)

    @on(RecordTable.Selected)
    def _open(self, event: RecordTable.Selected) -> None:
        event.stop()
        self.daicho.open_ref(event.ref)

    @on(BarChart.Selected)
    def _open_theme(self, event: BarChart.Selected) -> None:
        event.stop()
        theme = self.chart_themes[event.row] if event.row < len(self.chart_themes) else ""
        if theme:
            self.daicho.open_ref(Ref("theme", theme))

    @property
    def default_focus(self) -> RecordTable:
        return self.query_one("#home-latest", RecordTable)



class SurveyRankingsView(Static):
    """Survey rankings side by side: a line per theme, a column per survey (schema.read.figures), the
    latest surveys that fit the width."""

    figure: SurveyRankings | None = None
    labels: list[str] = []

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    def set_data(self, figure: SurveyRankings | None, labels: list[str]) -> None:
        self.figure, self.labels = figure, labels
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        t, lang = self.daicho.cat.t, self.daicho.cat.lang
        figure = self.figure
        if figure is None or not figure.surveys:
            self.border_subtitle = None
            self.update(Content.from_markup("[$text-muted]$text[/]",
                                            text=t("list.wait") if figure is None else t("home.no_rankings")))
            return
        headings = [figure.heading(n, lang) for n in range(len(figure.surveys))]
        cells = [[t("report.rank", rank=rank) if rank is not None else "·" for rank in ranks] for ranks in figure.cells]
        width = [max(cell_len(h), *(cell_len(row[n]) for row in cells)) + 2 for n, h in enumerate(headings)]
        label_width = max(MIN_LABEL, min(RANKING_LABEL, max(cell_len(label) for label in self.labels),
                                         self.content_size.width - width[-1]))
        room = max(0, self.content_size.width - label_width)
        first = len(headings)
        while first > 0 and sum(width[first - 1:]) <= room:
            first -= 1
        first = min(first, len(headings) - 1)  # the latest survey shows, however narrow
        shown = range(first, len(headings))
        lines = [Content.from_markup("[b $text-muted]$text[/]", text=" " * label_width + "".join(
            fit(headings[n], width[n], "right") for n in shown))]
        for label, row in zip(self.labels, cells, strict=True):
            ranks = "".join(fit(row[n], width[n], "right") for n in shown)
            lines.append(Content.assemble(fit(label, label_width), (ranks, "$text-primary")))
        self.update(Content("\n").join(lines))
        self.border_subtitle = t("home.hidden_surveys", count=first) if first else None
