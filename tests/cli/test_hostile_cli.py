"""Issue 8, the command line: CI's validator holds against a hostile pull request (bounded output,
escaped names, no traceback), and fmt and import never drop an edit nor write a bad file."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from daicho import fmt
from daicho.main import main
from daicho.output import MAX_LISTED, STEP_SUMMARY_LIMIT, print_problems, step_summary
from schema.load.formatting import format_files
from schema.words.problems import Problem
from tests.helpers import PROJECT, SEED_MEETING

ADVISORS = "advisors.toml"


def run(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--repo", str(repo), *args])
    out, err = capsys.readouterr()
    return code, out, err


def daicho(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "PYTHONPATH": str(PROJECT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "daicho", "--repo", str(repo), *args], capture_output=True,
                          env=environ, check=False, timeout=120, cwd=repo)


def unknown_fields(repo: Path, name: str, count: int) -> None:
    text = (repo / SEED_MEETING).read_text(encoding="utf-8")
    text = text.replace("2022-10-05-kanto-advisor-meeting", name)
    extra = "".join(f"x{i} = 1\n" for i in range(count))
    (repo / "meetings" / f"{name}.toml").write_text(extra + text, encoding="utf-8")


# -- bounded output -------------------------------------------------------------------------------


def test_problems_are_capped_in_every_format() -> None:
    problems = [Problem(f"meetings/m{i % 4}.toml", i, 1, "E201", "x" * 900) for i in range(200_000)]
    for fmt_name in ("text", "json", "github"):
        out = io.StringIO()
        print_problems(problems, fmt_name, out, 4)
        # JSON rows carry each message twice (message, message_localized)
        assert len(out.getvalue()) < (2_500_000 if fmt_name == "json" else 1_200_000), fmt_name
    out = io.StringIO()
    print_problems(problems, "text", out, 4)
    lines = out.getvalue().splitlines()
    assert len(lines) == MAX_LISTED + 2
    assert lines[-2] == ("E115 … and 199,000 more problems in 4 files, not listed "
                         "(fix these and run daicho validate again)")
    assert lines[-1] == "200000 problems in 4 of 4 files (E201×200000)"


def test_the_job_summary_stays_under_one_mebibyte(repo: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Four files of thousands of unknown fields wrote a 635 MB summary; GitHub takes 1 MiB."""
    for n in range(4):
        unknown_fields(repo, f"2022-10-0{n + 6}-kanto-advisor-meeting", 3000)
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"x" * 500_000)  # what earlier steps wrote counts too
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(repo, "validate", "--format", "github", "--no-cache", capsys=capsys)
    assert code == 1
    assert out.splitlines()[-1] == "12000 problems in 4 of 8 files (E201×12000)"
    assert len(summary.read_bytes()) < STEP_SUMMARY_LIMIT
    assert "… and 2980 more like this in this file" in summary.read_text(encoding="utf-8")
    big = [Problem("a.toml", i, 1, "E201", "é" * 900) for i in range(5000)]
    text = step_summary(big, 1, 300_000)
    assert len(text.encode("utf-8")) <= 300_000 and "more problems in 1 file, not listed" in text


# -- names and keys cannot forge output -----------------------------------------------------------


def _hostile_names(repo: Path) -> None:
    seed = (repo / SEED_MEETING).read_bytes()
    meetings = os.fsencode(repo / "meetings")
    with open(os.path.join(meetings, b"x\n::error file=a::pwned.toml"), "wb") as handle:
        handle.write(seed)
    with open(os.path.join(meetings, b"2022-10-05-\xff\xfe.toml"), "wb") as handle:
        handle.write(seed)
    advisors = repo / ADVISORS
    advisors.write_text(advisors.read_text(encoding="utf-8") + '\n[advisors.okamura-hisakazu."[x](https://e.example) '
                        '<img src=x> | `a`"]\nb = 1\n', encoding="utf-8")


def test_names_that_are_not_utf8_or_hold_a_newline_in_every_format(repo: Path, tmp_path: Path) -> None:
    _hostile_names(repo)
    summary = tmp_path / "summary.md"
    strict = {"PYTHONIOENCODING": "utf-8:strict", "GITHUB_STEP_SUMMARY": str(summary)}
    for args in (("--format", "github"), ("--format", "text"), ("--format", "json")):
        result = daicho(repo, "validate", "--no-cache", *args, env=strict)
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stderr, result.stderr
        out = result.stdout.decode("utf-8")  # strict: no stray surrogate got through
        if args[1] == "json":  # data, not display: the real names (tests below)
            assert "\\ud" not in out.lower()
        else:
            assert "meetings/2022-10-05-\\xff\\xfe.toml" in out
        for line in out.splitlines():
            assert not line.startswith("::") or line.startswith(("::error file=", "::notice title=daicho")), line
            assert not line.startswith("::error file=a::"), line
    table = summary.read_text(encoding="utf-8")
    rows = [row for row in table.splitlines() if row.startswith("| ") and re.search(r" \| E[0-9]{3} \| ", row)]
    assert len(rows) == 3 and "<img src=x>" in rows[0]
    for row in rows:  # location and message are code spans: no link, image, HTML, nor an extra cell
        cells = re.split(r"(?<!\\)\|", row)
        assert len(cells) == 5, row
        for cell in (cells[1], cells[3]):
            assert re.fullmatch(r" (`+) .*? \1 | (`+)[^`].*?[^`]\2 ", cell), cell


def test_validate_json_gives_the_real_path(repo: Path) -> None:
    """Escape for display, not for data (issue 19, item 10): JSON can carry any string, and a name
    that is not UTF-8 comes as its bytes too (strict parsers refuse a lone surrogate, escaped or not)."""
    _hostile_names(repo)
    (repo / "meetings" / "2022-10-05-\u202e\x9b.toml").write_bytes((repo / SEED_MEETING).read_bytes())
    result = daicho(repo, "validate", "--no-cache", "--format", "json", env={"PYTHONIOENCODING": "utf-8:strict"})
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode("utf-8")
    assert "\u202e" not in out and "\x9b" not in out  # written as \u escapes: a terminal shows them
    rows = json.loads(out)
    paths = {row["path"] for row in rows}
    assert "meetings/x\n::error file=a::pwned.toml" in paths
    assert "meetings/2022-10-05-\u202e\x9b.toml" in paths
    (raw,) = {row["path_bytes"] for row in rows if "path_bytes" in row}
    assert base64.b64decode(raw) == b"meetings/2022-10-05-\xff\xfe.toml"
    assert "meetings/2022-10-05-\ufffd\ufffd.toml" in paths


def test_show_prints_no_terminal_control(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / ADVISORS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('name = "岡村 久和"', 'name = "岡村\\u001b]0;pwned\\u0007\\u001b[31m久和\\u202e"'),
                    encoding="utf-8")
    code, out, err = run(repo, "show", "advisor", "okamura-hisakazu", capsys=capsys)
    assert code == 0
    assert out.startswith("岡村\\u001b]0;pwned\\u0007\\u001b[31m久和\\u202e  おかむら")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", out + err)
    code, _, _ = run(repo, "validate", capsys=capsys)
    assert code == 1  # and validate says so: E105, E106


# -- tracebacks -----------------------------------------------------------------------------------


def test_deep_nesting_and_huge_integers_exit_1_with_problems(repo: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / SEED_MEETING
    path.write_text(path.read_text(encoding="utf-8") + "\n[x]\ny = " + "[" * 1000 + "]" * 1000 + "\n",
                    encoding="utf-8")
    themes = repo / "themes.toml"
    themes.write_text(themes.read_text(encoding="utf-8") + "\n[n]\nx = " + "1" * 5000 + "\n", encoding="utf-8")
    for command in ("validate", "fmt"):
        code, out, err = run(repo, command, "--no-cache", capsys=capsys)
        assert code == 1, err
        assert f"{SEED_MEETING}:" in out + err and "themes.toml:" in out + err
        assert "Traceback" not in err


# -- races: no save may drop an edit --------------------------------------------------------------


def _unformat(repo: Path) -> bytes:
    path = repo / ADVISORS
    text = path.read_text(encoding="utf-8").replace('name = "岡村 久和"', 'name   =   "岡村 久和"')
    path.write_text(text, encoding="utf-8")
    return path.read_bytes()


def test_an_edit_while_fmt_formats_is_kept(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _unformat(repo)
    edited = (repo / ADVISORS).read_text(encoding="utf-8").replace("岡村 久和", "岡村 久和 (編集)")

    def format_then_edit(*args: object, **kwargs: object) -> object:
        results = format_files(*args, **kwargs)  # type: ignore[arg-type]
        (repo / ADVISORS).write_text(edited, encoding="utf-8")  # saved in an editor meanwhile
        return results

    monkeypatch.setattr(fmt, "format_files", format_then_edit)
    code, out, err = run(repo, "fmt", "--no-cache", capsys=capsys)
    assert code == 1
    assert "advisors.toml changed while it was being formatted; left as it is" in err
    assert "reformatted" not in out
    assert (repo / ADVISORS).read_text(encoding="utf-8") == edited


def test_concurrent_fmt_runs_all_succeed(repo: Path) -> None:
    _unformat(repo)
    environ = {**os.environ, "PYTHONPATH": str(PROJECT)}
    runs = [subprocess.Popen([sys.executable, "-m", "daicho", "--repo", str(repo), "fmt", "--no-cache"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ) for _ in range(4)]
    results = [(process.wait(timeout=120), process.stderr.read()) for process in runs]  # type: ignore[union-attr]
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert daicho(repo, "fmt", "--check", "--no-cache").returncode == 0
    assert sorted(p.name for p in (repo).iterdir() if p.name.endswith(".tmp")) == []


def test_fmt_removes_its_stale_temporaries_and_validate_reports_others(repo: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".advisors.toml.0badf00d.tmp").write_text("half a file")  # a killed fmt's
    (repo / "meetings" / ".2022-10-05-kanto-advisor-meeting.toml.1234abcd.tmp").write_text("half")
    (repo / ".themes.toml.tmp").write_text("an editor's")
    code, out, _ = run(repo, "validate", capsys=capsys)
    assert code == 1
    assert [line.split(";")[0].split(": ") for line in out.splitlines()[:-1]] == [
        [".advisors.toml.0badf00d.tmp", "E114 a temporary file left by an interrupted write"],
        [".themes.toml.tmp", "E114 a temporary file left by an interrupted write"],
        ["meetings/.2022-10-05-kanto-advisor-meeting.toml.1234abcd.tmp",
         "E114 a temporary file left by an interrupted write"],
    ]
    code, _, err = run(repo, "fmt", capsys=capsys)
    assert code == 0
    assert "removed .advisors.toml.0badf00d.tmp, left by an interrupted write" in err
    assert "removed meetings/.2022-10-05-kanto-advisor-meeting.toml.1234abcd.tmp" in err
    code, out, _ = run(repo, "validate", capsys=capsys)
    assert [line.split(": ")[0] for line in out.splitlines()[:-1]] == [".themes.toml.tmp"]


def test_fmt_refuses_read_only_and_hard_linked_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _unformat(repo)
    (repo / ADVISORS).chmod(0o444)
    code, out, err = run(repo, "fmt", capsys=capsys)
    assert code == 2 and "advisors.toml is read-only (mode 0444); not rewritten" in err
    assert (repo / ADVISORS).read_bytes() == before and "reformatted" not in out
    (repo / ADVISORS).chmod(0o644)
    os.link(repo / ADVISORS, repo / "advisors-copy.toml")
    code, out, err = run(repo, "fmt", capsys=capsys)
    assert code == 2 and "advisors.toml has 2 hard links" in err
    assert (repo / ADVISORS).read_bytes() == before == (repo / "advisors-copy.toml").read_bytes()


# -- import ---------------------------------------------------------------------------------------

CITY_HEADER = "pid,pref,cid,city,citykana,lat,lng,url,phrase,lgcode\n"
PREFECTURES = ("pid,pref,prefkana,url,lgcode\n"
               "11,埼玉県,さいたまけん,https://www.pref.saitama.lg.jp/,110001\n"
               "13,東京都,とうきょうと,https://www.metro.tokyo.lg.jp/,130001\n")
TODA = "11,埼玉県,11224,戸田市,とだし,35.8,139.6,https://www.city.toda.saitama.jp/,,112241\n"
NEW_TOWN = "11,埼玉県,11999,新町,しんまち,35.9,139.4,,,119997\n"


@pytest.mark.parametrize(("rows", "expected"), [
    ((TODA, NEW_TOWN.replace("新町", "別町")),
     None),
    ((TODA, NEW_TOWN, NEW_TOWN.replace("新町", "別町")),
     ":4: lgcode 119997 is already the code of the row on line 3; each local government is listed once"),
    ((TODA.replace(",112241", ",11224"),),
     ":2: lgcode 11224 has 5 digits: is it a code without its check digit? write all 6 (112241)"),
    ((TODA.replace(",112241", ",131016"),),
     ":2: lgcode 131016 is not a code of the row's prefecture (its codes start with 11"),
    ((TODA.replace(",112241", ",110001"),),
     ":2: lgcode 110001 is not a code of the row's prefecture"),
    ((TODA.replace("戸田市", ""),),
     ":2: city is empty; expected a name such as 戸田市"),
])
def test_import_refuses_rows_that_would_lose_or_corrupt_records(repo: Path, tmp_path: Path, rows: tuple[str, ...],
                                                               expected: str | None,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "list"
    folder.mkdir()
    (folder / "prefjp-utf8.csv").write_text(PREFECTURES, encoding="utf-8")
    cities = folder / "localgovjp-utf8.csv"
    cities.write_text(CITY_HEADER + "".join(rows), encoding="utf-8")
    before = (repo / "municipalities.toml").read_bytes()
    code, out, err = run(repo, "import", "municipalities", str(cities), "--prefectures", "埼玉県", capsys=capsys)
    if expected is None:  # the control: two different codes import
        assert code == 0, err
        return
    assert code == 2
    assert err.startswith(f"daicho import: {cities}{expected}"), err
    assert "Traceback" not in err and out == ""
    assert (repo / "municipalities.toml").read_bytes() == before


def test_import_checks_what_it_would_write_as_validate_does(repo: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A name with an escape sequence is a valid name to the model, but not to validate (E106)."""
    folder = tmp_path / "list"
    folder.mkdir()
    (folder / "prefjp-utf8.csv").write_text(PREFECTURES, encoding="utf-8")
    cities = folder / "localgovjp-utf8.csv"
    cities.write_text(CITY_HEADER + NEW_TOWN.replace("新町", "新\x1b[31m町"), encoding="utf-8")
    before = (repo / "municipalities.toml").read_bytes()
    code, _, err = run(repo, "import", "municipalities", str(cities), "--prefectures", "埼玉県", capsys=capsys)
    assert code == 1
    assert "E106 control character U+001B ESCAPE in a string" in err
    assert "would not pass daicho validate with these records; nothing was written" in err
    assert (repo / "municipalities.toml").read_bytes() == before
