"""`daicho export`: open data as CSV files (for spreadsheets) and one SQLite database (for Datasette
and sqlite-utils), made from one description of the tables (schema.publish.export.TABLES)."""

from __future__ import annotations

import csv
import re
import sqlite3
from pathlib import Path

import pytest

from daicho.main import main
from schema.load.loader import load_repository
from schema.publish.export import TABLES, collect, tables
from schema.publish.exportfiles import DATABASE, csv_cell
from schema.read.xref import build_index
from tests.helpers import SEED_MEETING, make_v2_repo

_QUOTED = re.compile(rb'"(?:[^"]|"")*"')


def export(repo: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["--repo", str(repo), "export", "--output", str(out)])
    stdout, err = capsys.readouterr()
    assert code == 0, err
    return stdout


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_every_table_is_a_csv_with_bom_and_crlf(repo: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "opendata"
    export(repo, out, capsys)
    assert sorted(p.name for p in out.iterdir()) == sorted([*(f"{t.name}.csv" for t in TABLES), DATABASE])
    database = sqlite3.connect(out / DATABASE)
    for table in TABLES:
        raw = (out / f"{table.name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), table.name
        outside_quotes = _QUOTED.sub(b"", raw)
        assert outside_quotes.endswith(b"\r\n") and b"\n" not in outside_quotes.replace(b"\r\n", b""), table.name
        rows = read_csv(out / f"{table.name}.csv")
        assert rows[0] == [c.name for c in table.columns]
        count = database.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
        assert len(rows) - 1 == count, table.name
    [consultation] = [r for r in read_csv(out / "consultations.csv") if r[0].endswith("/5.1.1")]
    assert consultation[1:5] == ["2022-10-05-kanto-advisor-meeting", "2022-10-05-kanto-advisor-meeting/5",
                                 "2022-10-05", "2022"]
    assert "\n" in consultation[11]  # two answers, one a line, inside one quoted cell


def test_formula_cells_are_made_inert(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / SEED_MEETING
    text = path.read_text(encoding="utf-8")
    starts = ['=HYPERLINK("https://evil.example","x")', "+81 3", "-1+1", "@SUM(A1)", "＝１＋１"]
    questions = re.findall(r'\[\[agenda\.topics\.questions\]\]\ntext = "(.+)"', text)
    summaries = re.findall(r'(?m)^summary = "(.+発表いただきました。)"$', text)
    assert len(questions) == 3 and len(summaries) == 2
    for old, start in zip([*questions, *summaries], starts, strict=True):
        text = text.replace(f'"{old}"', '"' + start.replace('"', '\\"') + '"', 1)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "opendata"
    export(repo, out, capsys)
    cells = {cell for row in read_csv(out / "consultations.csv") for cell in row}
    cells |= {cell for row in read_csv(out / "agenda_items.csv") for cell in row}
    for start in starts:
        assert "'" + start in cells, start
        assert start not in cells, start
    stored = {row[0] for row in sqlite3.connect(out / DATABASE).execute("SELECT question FROM consultations")}
    stored |= {row[0] for row in sqlite3.connect(out / DATABASE).execute("SELECT summary FROM agenda_items")}
    assert set(starts) <= stored  # the database holds the text as recorded
    assert csv_cell("-") == "'-" and csv_cell("a=b") == "a=b" and csv_cell(-1) == -1 and csv_cell(None) is None


def test_the_database_joins_consultations_to_advisors(repo: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "opendata"
    export(repo, out, capsys)
    database = sqlite3.connect(out / DATABASE)
    database.execute("PRAGMA foreign_keys=ON")
    answered = database.execute("""
        SELECT DISTINCT a.name FROM consultations c
        JOIN themes t ON t.id = c.theme_id
        JOIN consultation_parties p ON p.consultation_id = c.id AND p.role = 'answerer'
        JOIN advisors a ON a.id = p.advisor_id
        WHERE t.label = '計画策定支援'""").fetchall()
    assert answered == [("岡村 久和",)]
    per_advisor = dict(database.execute("""
        SELECT a.name, count(DISTINCT p.consultation_id) FROM advisors a
        JOIN consultation_parties p ON p.advisor_id = a.id AND p.role = 'answerer' GROUP BY a.id"""))
    assert per_advisor == {"岡村 久和": 1, "大山 水帆": 1}
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):  # the keys are declared, not only kept
        database.execute("INSERT INTO consultation_parties VALUES ('x/1', 'asker', 1, 'x', NULL, 'nobody', NULL)")
    municipality = database.execute(
        "SELECT name, prefecture, bureau, bureau_name FROM municipalities WHERE code = '112241'").fetchone()
    assert municipality == ("戸田市", "埼玉県", "kanto", "関東総合通信局")


def test_every_v2_structure_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_v2_repo(tmp_path / "v2")
    out = tmp_path / "opendata"
    export(repo, out, capsys)
    database = sqlite3.connect(out / DATABASE)
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    rows = database.execute("""SELECT c.question, c.answered, p.role, p.name, p.advisor_id, p.municipality_code
        FROM consultations c LEFT JOIN consultation_parties p ON p.consultation_id = c.id
        ORDER BY c.id, p.role, p.position""").fetchall()
    assert ("職員の抵抗感をどう減らしたか。", 1, "answerer", "青柳 周", "aoyagi-shu", None) in rows  # the presenter's
    assert ("費用はどの程度か。", 0, "asker", "大山 水帆", "oyama-mizuho", None) in rows  # not answered
    assert ("外部人材の活用と職員の育成は、どちらを先に進めるべきか。", 1, "answerer", "戸田市", None, "112241") in rows
    assert ("DX推進計画の見直しはどの程度の頻度で行うべきか。", 1, "asker", "前橋市", None, "102016") in rows
    meeting = database.execute("SELECT venue, venue_municipality, observer_municipalities, observer_people, "
                               "consultations FROM meetings WHERE id = '2023-11-14-kanto-advisor-meeting'").fetchone()
    assert meeting == ("戸田市役所 5階 大会議室", "112241", 3, 5, 4)
    items = database.execute("SELECT kind, part, people FROM agenda_items WHERE meeting_id = "
                             "'2023-11-14-kanto-advisor-meeting' ORDER BY position").fetchall()
    assert items[0] == ("opening-remarks", "第1部 支援成果等紹介", "登壇者:関東総合通信局 情報通信部長")
    assert items[3] == ("qa", "第1部 支援成果等紹介", "質問先:青柳 周、松永 智也")
    assert items[4][2] == "進行:アドバイザー3名"


def test_the_pool_makes_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Meeting by meeting, in the pool of processes that checks the files (no cache) or that parses
    them (their checks cached): the same rows as from the whole index at once."""
    import schema.files.batch
    from daicho.export import _roots

    repo = make_v2_repo(tmp_path / "v2")
    loaded = load_repository(repo)
    whole = tables(loaded.records, build_index(loaded.records))
    monkeypatch.setattr(schema.files.batch, "PARALLEL_THRESHOLD", 1)
    checked = collect(repo, _roots(repo), jobs=2)
    cached = collect(repo, _roots(repo), jobs=2)  # validate's cache filled by the run before
    assert checked == cached == ([], whole)
    assert len(whole["consultations"]) == 5 and len(whole["agenda_items"]) == 6


def test_export_refuses_a_repository_with_problems(repo: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / SEED_MEETING
    path.write_text(path.read_text(encoding="utf-8").replace('theme = "dx-talent"', 'theme = "dx-talents"', 1),
                    encoding="utf-8")
    out = tmp_path / "opendata"
    code = main(["--repo", str(repo), "export", "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "E304" in err and "1 problem, so nothing was exported; run daicho validate" in err


def test_writes_stay_inside_the_output_folder(repo: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A link planted where a file of the set goes is never written through (the folder is refused,
    tests/cli/test_export_set.py); a new set is built beside the folder and nowhere else."""
    out = tmp_path / "opendata"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("keep", encoding="utf-8")
    (out / "themes.csv").symlink_to(elsewhere)
    assert main(["--repo", str(repo), "export", "--output", str(out)]) == 2
    assert "it holds themes.csv, which is a link where a file is written" in capsys.readouterr().err
    assert elsewhere.read_text(encoding="utf-8") == "keep"
    (out / "themes.csv").unlink()
    export(repo, out, capsys)
    assert not (out / "themes.csv").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.csv", "opendata", "repo"]
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    assert main(["--repo", str(repo), "export", "--output", str(not_a_folder)]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_the_documentation_of_the_tables_is_made_from_them() -> None:
    from schema.publish.export import schema_markdown
    from tests.helpers import PROJECT

    doc = (PROJECT / "docs" / "opendata.md").read_text(encoding="utf-8")
    assert doc == schema_markdown()
    for table in TABLES:
        section = doc.split(f"\n## {table.name}\n", 1)[1].split("\n## ", 1)[0]
        assert [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")] == [
            c.name for c in table.columns]
    assert doc.startswith("# Open data")
