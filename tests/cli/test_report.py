"""`daicho report` and the figures it prints (schema.read.figures): consultations per theme per fiscal
year, survey rankings across years, advisors by consultations answered."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from daicho.main import main
from daicho.report import bar
from schema.load.loader import load_repository
from schema.read.figures import figures
from schema.read.readmodel import ReadModel
from schema.read.xref import build_index
from tests.helpers import SEED_MEETING, add_meeting


def report(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(["--repo", str(repo), "--lang", "ja", "report", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def two_years(repo: Path) -> None:
    """A second survey in FY2022 with ranks 1 and 2 swapped (14 respondents), and a meeting in FY2023 whose only
    consultation theme is 計画策定支援 (its questions answered by 岡村 久和 alone)."""
    second = repo / "meetings" / f"{add_meeting(repo, '2022-11-01')}.toml"
    text = second.read_text(encoding="utf-8")
    text = text.replace("rank = 1\nlabel = \"行政手続きオンライン化\"", "rank = 2\nlabel = \"行政手続きオンライン化\"")
    text = text.replace("rank = 2\nlabel = \"計画策定支援\"", "rank = 1\nlabel = \"計画策定支援\"")
    second.write_text(text.replace('surveyed = "自治体職員"\n', 'surveyed = "自治体職員"\nresponses = 14\n'),
                      encoding="utf-8")
    later = repo / "meetings" / f"{add_meeting(repo, '2023-10-05')}.toml"
    text = later.read_text(encoding="utf-8").replace("fiscal_year = 2022", "fiscal_year = 2023")
    text = re.sub(r'\n\[\[agenda\.ranking\]\]\nrank = \d+\nlabel = "[^"]*"\ntheme = "[^"]*"\n', "", text)
    head, _, tail = text.partition('\n[[agenda.topics]]\ntheme = "online-procedures"')
    later.write_text(head + "\n" + tail[tail.index("[[agenda]]\nkind = \"closing-remarks\""):], encoding="utf-8")


def test_figures_of_the_shipped_records(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = report(repo, capsys)
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "テーマ 令和4年度 計" in lines
    assert "計画策定支援 1 1 " + "█" * 24 in lines
    assert "行政手続きオンライン化 1位" in lines and "計画策定支援 2位" in lines
    assert "DX人材育成・活用 3位" in lines and "自治体システム標準化 3位" in lines  # the tie
    assert lines[lines.index("アドバイザー 計") + 1:][:2] == ["大山 水帆 1 " + "█" * 24, "岡村 久和 1 " + "█" * 24]


def test_figures_across_years(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    two_years(repo)
    loaded = load_repository(repo)
    assert loaded.problems == []
    found = figures(loaded.records, build_index(loaded.records))
    table = found.consultations
    assert table.years == [2022, 2023]
    assert dict(zip(table.themes, table.counts, strict=True)) == {
        "planning-support": [2, 1], "dx-talent": [2, 0], "online-procedures": [2, 0]}
    assert table.themes[0] == "planning-support"  # most consulted first
    rankings = dict(zip((label for _, label in found.rankings.items), found.rankings.cells, strict=True))
    assert found.rankings.years == [2022]
    assert [(s.meeting, s.position) for s in found.rankings.surveys] == [
        ("2022-10-05-kanto-advisor-meeting", 1), ("2022-11-01-kanto-advisor-meeting", 1)]
    assert rankings["計画策定支援"] == [2, 1] and rankings["行政手続きオンライン化"] == [1, 2]  # side by side
    assert [(a.advisor, a.answered, a.by_year) for a in found.advisors] == [
        ("okamura-hisakazu", 3, {2022: 2, 2023: 1}), ("oyama-mizuho", 2, {2022: 2})]
    out = report(repo, capsys)
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "計画策定支援 2 1 3 " + "█" * 24 in lines
    assert "DX人材育成・活用 2 0 2 " + "█" * 16 in lines
    assert "テーマ 令和4年度 10/5 令和4年度 11/1" in lines  # a year's two surveys, each its own column
    assert "計画策定支援 2位 1位" in lines and "行政手続きオンライン化 1位 2位" in lines  # not a mean
    assert "回答数（人） · 14" in lines


def test_the_home_screen_reads_the_same_figure(repo: Path) -> None:
    two_years(repo)
    loaded = load_repository(repo)
    index = build_index(loaded.records)
    table = figures(loaded.records, index).consultations
    assert ReadModel(loaded.records, index).chart() == (table.themes, table.years, table.counts)


def test_markdown_and_csv(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "themes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('label = "計画策定支援"', 'label = "=計画策定支援|x"'),
                    encoding="utf-8")
    rendered = MarkdownIt("commonmark").enable("table").render(report(repo, capsys, "--format", "md"))
    assert rendered.count("<table>") == 3
    assert '<td style="text-align:left">=計画策定支援|x</td>' in rendered  # the | does not end the cell
    rows = list(csv.reader(io.StringIO(report(repo, capsys, "--format", "csv"))))
    assert rows[0] == ["figure", "id", "label", "fiscal_year", "value", "survey"]
    assert ["consultations", "planning-support", "'=計画策定支援|x", "2022", "1", ""] in rows
    assert ["survey_rank", "dx-talent", "DX人材育成・活用", "2022", "3", "2022-10-05-kanto-advisor-meeting/2"] in rows
    assert ["advisor_answers", "okamura-hisakazu", "岡村 久和", "2022", "1", ""] in rows


def test_record_text_reaches_the_terminal_printable(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "advisors.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('name = "岡村 久和"', 'name = "岡村\\u001b]0;x\\u0007"'),
                    encoding="utf-8")
    code = main(["--repo", str(repo), "report"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "\x1b" not in out and "岡村\\u001b]0;x\\u0007" in out
    assert "validation problems in the repository" in err


def test_bars() -> None:
    assert bar(0, 10) == "" and bar(5, 0) == ""
    assert bar(10, 10, width=4) == "████" and bar(5, 10, width=4) == "██"
    assert bar(1, 1000, width=4) == "▏"  # a value above zero always shows
    assert bar(3, 8, width=1) == "▍"


def test_a_repository_without_consultations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import copy_records

    repo = copy_records(tmp_path / "repo")
    (repo / SEED_MEETING).unlink()
    out = report(repo, capsys)
    assert out.count("(—)") == 3
