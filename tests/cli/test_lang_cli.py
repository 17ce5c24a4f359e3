"""The command line in the reader's language: --lang (before or after the command), else the locale
(LC_ALL, LC_MESSAGES, LANG); codes and JSON's English `message` do not change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from daicho.main import main
from tests.helpers import PROJECT, SEED_MEETING


def _break(repo: Path) -> None:
    """An unknown advisor (with a suggestion) and a fiscal year that does not fit the date."""
    path = repo / SEED_MEETING
    text = path.read_text(encoding="utf-8")
    text = text.replace('advisor = "okamura-hisakazu"', 'advisor = "okamura-hisakzu"', 1)
    path.write_text(text.replace("fiscal_year = 2022", "fiscal_year = 2021", 1), encoding="utf-8")


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


JA_ADVISOR = 'E301 アドバイザー "okamura-hisakzu" は登録されていません（"okamura-hisakazu" の誤りではありませんか）'
EN_ADVISOR = 'E301 unknown advisor "okamura-hisakzu" (did you mean "okamura-hisakazu"?)'
JA_YEAR = "E501 年度 2021 が日付 2022-10-05 と合いません。この日付は 2022 年度です（年度は 4 月から翌年 3 月まで）"


@pytest.mark.parametrize("where", ["before", "after"])
def test_validate_in_japanese(repo: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    _break(repo)
    args = ["--lang", "ja", "--repo", str(repo), "validate"] if where == "before" else \
        ["--repo", str(repo), "validate", "--lang", "ja"]
    code, out, _ = run(*args, capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith(f"{SEED_MEETING}:") and line.endswith(JA_ADVISOR) for line in lines), out
    assert any(line.endswith(JA_YEAR) for line in lines), out
    assert lines[-1] == "4 ファイル中 1 ファイルに 2 件の問題があります（E301×1、E501×1）"


def test_english_is_what_it_always_was(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(repo)
    code, out, _ = run("--repo", str(repo), "validate", "--lang", "en", capsys=capsys)
    assert code == 1
    assert any(line.endswith(EN_ADVISOR) for line in out.splitlines())
    assert out.splitlines()[-1] == "2 problems in 1 of 4 files (E301×1, E501×1)"


@pytest.mark.parametrize(("env", "japanese"), [
    ({"LANG": "ja_JP.UTF-8"}, True),
    ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "C.UTF-8"}, True),
    ({"LC_ALL": "C.UTF-8", "LANG": "ja_JP.UTF-8"}, False),  # LC_ALL first, as POSIX has it
])
def test_the_locale_chooses_the_language(repo: Path, env: dict[str, str], japanese: bool) -> None:
    _break(repo)
    environ = {name: value for name, value in os.environ.items() if name not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run([sys.executable, "-m", "daicho", "--repo", str(repo), "validate"], capture_output=True,
                          text=True, encoding="utf-8", env={**environ, "PYTHONPATH": str(PROJECT), **env},
                          check=False, timeout=120)
    assert done.returncode == 1, done.stderr
    assert (JA_ADVISOR in done.stdout) is japanese and (EN_ADVISOR in done.stdout) is not japanese, done.stdout
    assert "Traceback" not in done.stderr


def test_json_keeps_english_and_adds_the_language(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(repo)
    code, out, _ = run("--lang", "ja", "--repo", str(repo), "validate", "--format", "json", capsys=capsys)
    assert code == 1
    rows = json.loads(out)
    [advisor] = [row for row in rows if row["code"] == "E301"]
    assert advisor["message"] == EN_ADVISOR.removeprefix("E301 ")
    assert advisor["title"] == "unknown advisor"
    assert advisor["message_localized"] == JA_ADVISOR.removeprefix("E301 ")
    assert advisor["title_localized"] == "未知のアドバイザー"


def test_github_annotations_in_japanese(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _break(repo)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run("--lang", "ja", "--repo", str(repo), "validate", "--format", "github", capsys=capsys)
    assert code == 1
    [annotation] = [line for line in out.splitlines() if line.startswith("::error ") and "E301" in line]
    assert ",title=E301 未知のアドバイザー::" in annotation
    assert annotation.endswith("::" + JA_ADVISOR.removeprefix("E301 "))
    table = summary.read_text(encoding="utf-8")
    assert "| 場所 | コード | 問題 |" in table
    assert "4 ファイル中 1 ファイルに 2 件の問題があります" in table


def test_fmt_and_import_in_japanese(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "themes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('label = "計画策定支援"', 'label = "計画策定支援', 1),
                    encoding="utf-8")
    code, _, err = run("--lang", "ja", "--repo", str(repo), "fmt", capsys=capsys)
    assert code == 1
    assert ("E109 TOML の構文エラーです：ここに書けない文字 '\\n' があります"
            "（文字列が閉じていないのではありませんか。") in err
    code, _, err = run("--lang", "ja", "--repo", str(repo), "fmt", str(tmp_path / "nope.toml"), capsys=capsys)
    assert code == 2 and "ファイルがありません（パスは現在のフォルダー" in err
    code, _, err = run("--lang", "ja", "--repo", str(repo), "import", "municipalities",
                       str(tmp_path / "missing.csv"), capsys=capsys)
    assert code == 2 and "prefjp-utf8.csv：ファイルがありません" in err  # the prefectures' list, read first
    prefectures = "pref,prefkana,url,lgcode\n埼玉県,さいたまけん,,110002\n"
    (tmp_path / "prefjp-utf8.csv").write_text(prefectures, encoding="utf-8")
    code, _, err = run("--lang", "ja", "--repo", str(repo), "import", "municipalities",
                       str(tmp_path / "missing.csv"), capsys=capsys)
    assert code == 2
    assert "prefjp-utf8.csv:2：lgcode 110002 の検査数字が 2 になっています。正しくは 1 です（110001）" in err


def test_no_repository_in_japanese(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("--lang", "ja", "validate", capsys=capsys)
    assert code == 2
    assert err == ("daicho: データのリポジトリが見つかりません：このフォルダーにも、その上のどのフォルダーにも "
                   "advisors.toml がありません。--repo でリポジトリのフォルダーを指定してください\n")
