"""`daicho intake survey|questions`, through the installed `daicho` command in a subprocess, on a
copy of the shipped records: the issue's "done when" — a made-up export of 14 respondents of 10
local governments fills the seed meeting's survey and consultation, and `daicho render` prints the
seed's ranking lines and its three themes' questions with their local governments — and bad input
refused with one line, nothing changed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from daicho.main import main
from schema.files import tomlparse
from schema.models import Meeting
from schema.models.writer import dumps_model
from tests import intake_exports as made
from tests.helpers import SEED, SEED_MEETING, copy_records

SEED_ID = "2022-10-05-kanto-advisor-meeting"
DAICHO = Path(sys.executable).parent / "daicho"


def daicho(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([str(DAICHO), "--repo", str(repo), "--lang", "ja", *args], capture_output=True,
                          text=True, env=env, check=False, timeout=120)


def without_survey_and_questions(repo: Path) -> None:
    """The seed meeting as it stands before the intake: its survey without a ranking, its topics
    without the local governments' questions (the advisors' answers kept)."""
    path = repo / SEED_MEETING
    doc = tomlparse.loads(path.read_text(encoding="utf-8"))
    for item in doc["agenda"]:
        if item["kind"] == "survey":
            del item["ranking"]
        if item["kind"] == "consultation":
            for topic in item["topics"]:
                del topic["questions"]
    path.write_text(dumps_model(Meeting.model_validate(doc)), encoding="utf-8")


def seed_lines() -> tuple[list[str], list[str]]:
    """The seed report's ranking lines and its local governments' questions."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    ranking = [line for line in lines if re.fullmatch(r"\d+位 .+", line)]
    questions = [lines[n + 1].removeprefix("• ") for n, line in enumerate(lines) if line == "(自治体からの主な質問)"]
    return ranking, questions


def snapshot(repo: Path) -> dict[str, bytes]:
    return {str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_records(tmp_path_factory.mktemp("intake") / "records")
    without_survey_and_questions(repo)
    return repo


def test_the_seed_meeting_filled_from_made_up_exports(records: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    survey = tmp_path / "事前アンケート.csv"
    survey.write_bytes(made.google_forms_survey(made.SEED_SURVEY, blank_rows=True))
    questions = tmp_path / "事前質問.xlsx"
    questions.write_bytes(made.microsoft_forms_questions(made.SEED_QUESTIONS))
    before = snapshot(records)

    shown = daicho(records, "intake", "survey", str(survey), "--meeting", SEED_ID)
    assert shown.returncode == 0, shown.stderr
    assert "回答者 14名（10団体）" in shown.stdout
    assert "「府中市」（" in shown.stdout and "東京都府中市" in shown.stdout  # the region chose, and says so
    assert "同じ回答者" in shown.stdout  # the respondent who answered twice
    assert "3位 DX人材育成・活用（7 票）\n3位 自治体システム標準化（7 票）" in shown.stdout
    assert f"{SEED_MEETING} › agenda 2 地方公共団体向け事前アンケート結果紹介" in shown.stdout  # as diff shows
    assert snapshot(records) == before  # shown, not written

    wrote = daicho(records, "intake", "survey", str(survey), "--meeting", SEED_ID, "--write")
    assert wrote.returncode == 0, wrote.stderr
    assert f"{SEED_MEETING} を書き込みました" in wrote.stdout
    wrote = daicho(records, "intake", "questions", str(questions), "--meeting", SEED_ID, "--write")
    assert wrote.returncode == 0, wrote.stderr
    assert "質問 3 件（追加 3 件" in wrote.stdout

    rendered = daicho(records, "render", "meeting", SEED_ID)
    assert rendered.returncode == 0, rendered.stderr
    lines = [line.strip().removesuffix("\\") for line in rendered.stdout.splitlines()]
    ranking, seed_questions = seed_lines()
    assert len(ranking) == 3 and len(seed_questions) == 3
    assert [re.sub(r"\(\d+票\)", "", line) for line in lines if re.fullmatch(r"\d+位 .+", line)] == ranking
    assert "3位 DX人材育成・活用(7票)、自治体システム標準化(7票)" in lines  # the tie, with its votes
    for question, theme in zip(seed_questions, (made.PLANNING, made.ONLINE, made.DX), strict=True):
        assert f"- {question}({made.SEED_QUESTION_ASKERS[theme]})" in lines

    # Again (in-process): the records hold all of it already, and they are valid.
    for what, export in (("survey", survey), ("questions", questions)):
        code = main(["--repo", str(records), "--lang", "ja", "intake", what, str(export), "--meeting", SEED_ID,
                     "--write"])
        assert code == 0 and "書き込むものはありません" in capsys.readouterr().out
    assert main(["--repo", str(records), "validate"]) == 0


def run(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--repo", str(repo), "--lang", "ja", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_option_of_no_theme_is_listed_mapped_once_and_kept(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    repo = copy_records(tmp_path / "records")
    answers = [*made.SEED_SURVEY[:3], ("x@example.jp", "戸田市", ("オンライン申請", made.PLANNING))]
    export = tmp_path / "answers.xlsx"
    export.write_bytes(made.microsoft_forms_survey(answers))
    before = snapshot(repo)
    code, out, err = run(repo, capsys, "intake", "survey", str(export), "--meeting", SEED_ID, "--write")
    assert code == 1
    assert "✖ 「オンライン申請」（5 行目）はどのテーマにも当たりません（\"行政手続きオンライン化\" の誤り" in out
    assert "--map 'オンライン申請=テーマID'" in out and "書き込んでいません" in err
    assert snapshot(repo) == before
    code, out, err = run(repo, capsys, "intake", "survey", str(export), "--meeting", SEED_ID, "--write",
                         "--map", "オンライン申請=online-procedures")
    assert code == 0, err
    assert "「オンライン申請」を online-procedures の別名として themes.toml に残します" in out
    assert '"オンライン申請",' in (repo / "themes.toml").read_text(encoding="utf-8")
    code, out, err = run(repo, capsys, "intake", "survey", str(export), "--meeting", SEED_ID)  # no --map now
    assert code == 0 and "書き込むものはありません" in out, out + err


def zip_bomb() -> bytes:
    """A zip that looks like a workbook and unpacks one part to 1,000 times its compressed size."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b"\0" * (8 * 1024 * 1024))
    return buffer.getvalue()


def bad_export(case: str, folder: Path) -> tuple[Path, list[str], str]:
    """An export that cannot be used, the arguments that go with it, and what the line says."""
    if case == "not-an-xlsx":
        export = folder / "answers.xlsx"
        export.write_text("ID,メール\n1,a@example.jp\n", encoding="utf-8")
        return export, [], "xlsx のブックではない"
    if case == "empty":
        export = folder / "answers.csv"
        export.write_bytes(b"")
        return export, [], "空のファイル"
    if case == "no-such-column":
        export = folder / "answers.csv"
        export.write_bytes(made.google_forms_survey(made.SEED_SURVEY))
        return export, ["--column", "関心のないテーマ"], "列「関心のないテーマ」がありません"
    if case == "50-megabytes":
        export = folder / "answers.csv"
        with export.open("wb") as handle:
            handle.truncate(50 * 1024 * 1024)  # sparse: nothing written, 50 MB long
        return export, [], "5 MB を超えています"
    export = folder / "answers.xlsx"
    export.write_bytes(zip_bomb())
    return export, [], "zip 爆弾"


BAD = ["not-an-xlsx", "empty", "no-such-column", "50-megabytes", "zip-bomb"]


def test_bad_input_gets_one_line_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every bad export in-process; two of them through the installed command too."""
    repo = copy_records(tmp_path / "records")
    before = snapshot(repo)
    for case in BAD:
        folder = tmp_path / case
        folder.mkdir()
        export, args, expected = bad_export(case, folder)
        code = main(["--repo", str(repo), "--lang", "ja", "intake", "survey", str(export), "--meeting", SEED_ID,
                     "--write", *args])
        out, err = capsys.readouterr()
        assert code == 2 and out == "", (case, out, err)
        assert len(err.splitlines()) == 1 and err.startswith("daicho intake: ") and expected in err, (case, err)
        if case in ("not-an-xlsx", "50-megabytes"):
            done = daicho(repo, "intake", "survey", str(export), "--meeting", SEED_ID, "--write", *args)
            assert (done.returncode, done.stdout, done.stderr) == (2, "", err), case
    assert snapshot(repo) == before
