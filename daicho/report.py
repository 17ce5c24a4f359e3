"""`daicho report [--format text|md|csv] [--top N]`: the figures of the records (schema.read.figures) —
consultations per theme per fiscal year, survey rankings across years, advisors by consultations
answered — as terminal tables with bar charts, as Markdown tables, or as one CSV (long format).

The meetings are parsed without their checks (validate's cache says whether the repository has
problems; a repository with problems is reported on what loads, with a note on stderr).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from daicho.exitcodes import EXIT_OK

if TYPE_CHECKING:
    from schema.models import Records
    from schema.read.figures import Figures
    from schema.words.catalogue import Catalogue

FORMATS = ("text", "md", "csv")
BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉"
CSV_COLUMNS = ("figure", "id", "label", "fiscal_year", "value", "survey")


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "report", help="print the figures: consultations per theme and year, survey rankings, advisors",
        description="Print consultations per theme per fiscal year, survey rankings across fiscal "
        "years and advisors by the consultations they answered: tables with bar charts (text), "
        "Markdown tables (md) or one CSV in long format (csv). Labels follow --lang.",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="text (default), md or csv")
    parser.add_argument("--top", type=int, default=20, metavar="N",
                        help="advisors listed in text and md (default 20; 0: all); csv lists all")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from schema.load.loader import parse_repository
    from schema.load.validation import validate_repository
    from schema.read.figures import figures
    from schema.read.xref import build_index
    from schema.words.catalogue import Catalogue
    from schema.words.i18n import resolve_lang
    from schema.words.sanitize import printable

    problems, _ = validate_repository(args.repo)
    records = parse_repository(args.repo)
    found = figures(records, build_index(records, mentions=False))
    cat = Catalogue(resolve_lang(getattr(args, "lang", None)))
    if args.format == "csv":
        text = as_csv(found, records, cat)
    else:
        grids = as_grids(found, records, cat, None if args.top <= 0 else args.top)
        text = "\n".join(markdown(g) if args.format == "md" else plain(g) for g in grids)
    sys.stdout.write(printable(text, multiline=True))
    if problems:
        print(f"\n({len(problems):,} validation problems in the repository: files that do not load are left "
              "out; run daicho validate)", file=sys.stderr)
    return EXIT_OK


# -- the figures as grids of cells ------------------------------------------------------------------


@dataclass
class Grid:
    title: str
    header: list[str]
    rows: list[list[str]]
    bars: list[int] | None = None
    """A value per row, drawn as a bar after the row (text) or in a last column (md)."""
    more: str = ""
    """A line after the table (rows left out)."""


def as_grids(found: Figures, records: Records, cat: Catalogue, top: int | None) -> list[Grid]:
    from schema.read.era import fiscal_year_label

    t, lang = cat.t, cat.lang
    years = [fiscal_year_label(y, lang) for y in found.consultations.years]
    consultations = Grid(t("report.consultations"), [t("report.theme"), *years, t("report.total")], [
        [_theme(records, theme, cat), *map(str, counts), str(sum(counts))]
        for theme, counts in zip(found.consultations.themes, found.consultations.counts, strict=True)],
        [sum(counts) for counts in found.consultations.counts])
    rankings = found.rankings
    headings = [rankings.heading(n, lang) for n in range(len(rankings.surveys))]
    ranking = Grid(t("report.survey_rankings"), [t("report.theme"), *headings],
                   [[_theme(records, theme, cat) if theme else label, *(_rank(rank, cat) for rank in ranks)]
                    for (theme, label), ranks in zip(rankings.items, rankings.cells, strict=True)])
    if rankings.surveys:
        ranking.rows.append([t("report.responses"),
                             *("·" if s.responses is None else f"{s.responses:,}" for s in rankings.surveys)])
    shown = found.advisors if top is None else found.advisors[:top]
    advisors = Grid(t("report.advisors"), [t("report.advisor"), t("report.total")], [
        [_advisor(records, a.advisor), str(a.answered)] for a in shown], [a.answered for a in shown])
    left = len(found.advisors) - len(shown)
    if left:
        advisors.more = t("report.more", count=left)
    return [consultations, ranking, advisors]


def _theme(records: Records, theme_id: str, cat: Catalogue) -> str:
    if not theme_id:
        return cat.t("report.no_theme")
    theme = records.themes.get(theme_id)
    if theme is None:
        return theme_id
    return theme.label if cat.lang == "ja" else theme.label_en


def _advisor(records: Records, advisor_id: str) -> str:
    advisor = records.advisors.get(advisor_id)
    return advisor.name if advisor else advisor_id


def _rank(rank: int | None, cat: Catalogue) -> str:
    return "·" if rank is None else cat.t("report.rank", rank=rank)


def bar(value: int, maximum: int, width: int = BAR_WIDTH) -> str:
    """A bar of `width` cells at `maximum`, in eighths of a cell; a value above zero shows."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def plain(grid: Grid) -> str:
    """A terminal table: the first column left-aligned, the others right-aligned, bars after."""
    from schema.read.textmatch import cell_width

    lines = [grid.title, ""]
    table = [grid.header, *grid.rows]
    if len(table) == 1:
        return "\n".join([*lines, "  (—)", ""])
    widths = [max(cell_width(row[i]) for row in table) for i in range(len(grid.header))]
    maximum = max(grid.bars, default=0) if grid.bars else 0
    for n, row in enumerate(table):
        cells = [_pad(row[0], widths[0], left=True), *(_pad(c, w) for c, w in zip(row[1:], widths[1:], strict=True))]
        line = "  ".join(cells)
        if grid.bars is not None and n > 0:
            line += "  " + bar(grid.bars[n - 1], maximum)
        lines.append(line.rstrip())
    if grid.more:
        lines.append(grid.more)
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int, left: bool = False) -> str:
    from schema.read.textmatch import cell_width

    space = " " * (width - cell_width(text))
    return text + space if left else space + text


def markdown(grid: Grid) -> str:
    from schema.words.sanitize import markdown_text

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(markdown_text(c) for c in cells) + " |"

    header = [*grid.header, ""] if grid.bars is not None else grid.header
    maximum = max(grid.bars, default=0) if grid.bars else 0
    lines = [f"## {markdown_text(grid.title)}", "", row(header),
             "|" + "|".join([":---", *["---:"] * (len(grid.header) - 1), *([":---"] if grid.bars else [])]) + "|"]
    for n, cells in enumerate(grid.rows):
        lines.append(row([*cells, bar(grid.bars[n], maximum)] if grid.bars is not None else cells))
    if grid.more:
        lines += ["", markdown_text(grid.more)]
    return "\n".join(lines) + "\n"


def as_csv(found: Figures, records: Records, cat: Catalogue) -> str:
    """Every figure in one table, one value a row (CSV_COLUMNS); text cells that would start a
    formula are made inert."""
    from schema.publish.export import agenda_item_id
    from schema.publish.exportfiles import csv_cell

    rows: list[tuple[object, ...]] = []
    for theme, counts in zip(found.consultations.themes, found.consultations.counts, strict=True):
        rows += [("consultations", theme, _theme(records, theme, cat), year, count, None)
                 for year, count in zip(found.consultations.years, counts, strict=True) if count]
    surveys = found.rankings.surveys
    for (theme_id, label), ranks in zip(found.rankings.items, found.rankings.cells, strict=True):
        label = _theme(records, theme_id, cat) if theme_id else label
        rows += [("survey_rank", theme_id, label, survey.fiscal_year, rank,
                  agenda_item_id(survey.meeting, survey.position))
                 for survey, rank in zip(surveys, ranks, strict=True) if rank is not None]
    for advisor in found.advisors:
        rows += [("advisor_answers", advisor.advisor, _advisor(records, advisor.advisor), year, count, None)
                 for year, count in advisor.by_year.items()]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([csv_cell(c) if isinstance(c, str) else c for c in row] for row in rows)
    return buffer.getvalue()
