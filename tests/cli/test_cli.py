"""The command line as a user meets it: exit codes, formats, show, import, repository discovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from daicho.main import main
from tests.helpers import PROJECT, REFERENCE

KANTO = "茨城県,栃木県,群馬県,埼玉県,千葉県,東京都,神奈川県,山梨県"


def _break(repo: Path, count: int = 12) -> None:
    """Introduce `count` unknown-theme problems into the advisors file."""
    path = repo / "advisors.toml"
    text = path.read_text(encoding="utf-8")
    extra = "".join(
        f'\n[advisors.extra-{n}]\nname = "x"\nkana = "x"\nexpertise = [\n    "nope-{n}",\n]\n'
        for n in range(count)
    )
    path.write_text(text + extra, encoding="utf-8")


def run(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--repo", str(repo), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_shipped_records(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(repo, "validate", capsys=capsys)
    assert code == 0
    assert out.strip() == "4 files checked, no problems"


def test_validate_text_lists_every_problem(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(repo, 3)
    code, out, _ = run(repo, "validate", capsys=capsys)
    assert code == 1
    rows = [r for r in out.splitlines() if " E304 " in r]
    assert len(rows) == 3
    assert all(r.startswith("advisors.toml:") for r in rows)
    assert out.splitlines()[-1] == "3 problems in 1 of 4 files (E304×3)"


def test_validate_json(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(repo, 2)
    code, out, _ = run(repo, "validate", "--format", "json", capsys=capsys)
    assert code == 1
    data = json.loads(out)
    assert [d["code"] for d in data] == ["E304", "E304"]
    assert set(data[0]) == {"path", "line", "col", "code", "title", "message", "title_localized",
                            "message_localized"}
    assert isinstance(data[0]["line"], int)


def test_validate_github_ten_annotations_and_summary(repo: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _break(repo, 12)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(repo, "validate", "--format", "github", capsys=capsys)
    assert code == 1
    annotations = [r for r in out.splitlines() if r.startswith("::error ")]
    assert len(annotations) == 10
    assert annotations[0].startswith("::error file=advisors.toml,line=")
    assert ",title=E304 unknown theme::" in annotations[0]
    table = summary.read_text(encoding="utf-8")
    assert table.count("| E304 |") == 12


def test_validate_paths_limits_the_report(repo: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _break(repo, 1)
    monkeypatch.chdir(repo)
    assert run(repo, "validate", "themes.toml", capsys=capsys)[0] == 0
    assert run(repo, "validate", "advisors.toml", capsys=capsys)[0] == 1


def test_validate_usage_errors_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(repo, "validate", str(repo / "nope.toml"), capsys=capsys)
    assert code == 2 and "no such file" in err
    code, _, err = run(repo, "validate", "/etc/hostname", capsys=capsys)
    assert code == 2 and "not inside the repository" in err
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--format", "xml"])
    assert exc.value.code == 2


def test_repository_is_found_upwards(repo: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "meetings")
    assert main(["validate"]) == 0
    monkeypatch.chdir(repo.parent)
    assert main(["validate"]) == 2
    assert "cannot find the data repository" in capsys.readouterr().err


def test_show_meeting(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(repo, "--lang", "ja", "show", "meeting", "2022-10-05-kanto-advisor-meeting",
                       capsys=capsys)
    assert code == 0
    for name in ("新井 孝雄", "下山 紗代子", "齋藤 理栄", "今村 茜", "岡村 久和", "大山 水帆", "佐藤 美幸"):
        assert name in out
    for rank in ("1位  行政手続きオンライン化", "2位  計画策定支援", "3位（同率）  DX人材育成・活用",
                 "3位（同率）  自治体システム標準化"):
        assert rank in out
    assert "システム導入とBPR手法によるハイブリッド型の業務改革" in out
    assert "親子ワーケーションの可能性" in out
    assert out.count("質問1 ") == 3
    assert "回答者          岡村 久和" in out and "回答者          大山 水帆" in out
    assert "〔支援成果等紹介〕" in out


def test_show_follows_the_language(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, english, _ = run(repo, "--lang", "en", "show", "meeting", "2022-10-05-kanto-advisor-meeting",
                        capsys=capsys)
    assert "#3 (tie)  DX人材育成・活用" in english and "Respondents     岡村 久和" in english
    _, japanese, _ = run(repo, "show", "--lang", "ja", "advisor", "okamura-hisakazu", capsys=capsys)
    assert "回答した相談 (1)" in japanese


def test_show_advisor(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(repo, "--lang", "en", "show", "advisor", "okamura-hisakazu", capsys=capsys)
    assert code == 0
    assert "令和4年度 関東総合通信局 地域情報化アドバイザー会議" in out
    assert "Consultations answered (1)" in out
    assert "計画策定支援の支援内容" in out
    # What the advisor was at the meeting, a line a role and place (each opens the meeting there).
    assert "    Answered  計画策定支援\n    Attended\n" in out
    assert "Answered by 岡村 久和  ·  Meeting 令和4年度" in out


def test_show_municipality(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(repo, "--lang", "en", "show", "municipality", "112241", capsys=capsys)
    assert code == 0
    assert "戸田市" in out and "大山 水帆  戸田市 企画財政部次長兼デジタル戦略室長(CDO)" in out
    assert "Bureau          Kanto Bureau" in out


def test_show_unknown_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(repo, "show", "advisor", "okamura", capsys=capsys)
    assert code == 2
    assert "did you mean okamura-hisakazu" in err


def test_import_is_idempotent_and_keeps_notes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "municipalities.toml"
    text = path.read_text(encoding="utf-8").replace('url = "https://www.city.toda.saitama.jp/"\n',
                        'url = "https://www.city.toda.saitama.jp/"\nnote = "大山 水帆の所属"\n', 1)
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    code, out, _ = run(repo, "import", "municipalities", capsys=capsys)  # the shipped list
    assert code == 0
    assert out.startswith("0 added, 0 updated, 1963 unchanged")
    assert path.read_bytes() == before
    code, out, _ = run(repo, "import", "municipalities", str(REFERENCE / "localgovjp-utf8.csv"),
                       "--prefectures", KANTO, capsys=capsys)
    assert code == 0
    assert out.startswith("0 added, 0 updated, 395 unchanged, 1568 not in the list and kept")
    assert path.read_bytes() == before


def test_import_adds_a_prefecture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "empty"
    repo.mkdir()
    for name in ("themes.toml", "advisors.toml"):
        (repo / name).write_text("", encoding="utf-8")
    code, out, _ = run(repo, "import", "municipalities", "--prefectures", "長野県", "--no-wards",
                       capsys=capsys)
    assert code == 0
    assert out.startswith("78 added, 0 updated, 0 unchanged, 0 not in the list and kept")
    assert run(repo, "validate", capsys=capsys)[0] == 0
    code, out, _ = run(repo, "import", "municipalities", "--prefectures", "埼玉県", capsys=capsys)
    assert out.startswith("74 added")  # 63 and the 10 wards of さいたま市, with the prefecture


def test_import_bad_input(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "municipalities.toml").read_bytes()
    code, _, err = run(repo, "import", "municipalities", str(tmp_path / "missing.csv"), capsys=capsys)
    assert code == 2 and "no such file" in err
    bad = tmp_path / "localgovjp-utf8.csv"
    bad.write_text("pref,city\n埼玉県,戸田市\n", encoding="utf-8")
    (tmp_path / "prefjp-utf8.csv").write_text("pref,prefkana,url,lgcode\n埼玉県,さいたまけん,,110001\n",
                                               encoding="utf-8")
    code, _, err = run(repo, "import", "municipalities", str(bad), capsys=capsys)
    assert code == 2 and "missing columns" in err
    assert (repo / "municipalities.toml").read_bytes() == before


def test_no_traceback_on_unreadable_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "meetings" / "2023-01-01-broken.toml").mkdir()
    code, out, err = run(repo, "validate", capsys=capsys)
    assert code == 1
    assert "Traceback" not in out + err


def test_console_script_in_a_subprocess(repo: Path) -> None:
    """The installed entry point: exit codes through a real process, no traceback."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    ok = subprocess.run([sys.executable, "-m", "daicho", "--repo", str(repo), "validate"],
                        capture_output=True, text=True, env=env, check=False)
    assert ok.returncode == 0, ok.stderr
    (repo / "themes.toml").write_bytes(b"\xff\xfe broken")
    bad = subprocess.run([sys.executable, "-m", "daicho", "--repo", str(repo), "validate"],
                         capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 1
    assert "themes.toml:1:1: E101" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_show_theme(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(repo, "--lang", "ja", "show", "theme", "online-procedures", capsys=capsys)
    assert code == 0
    assert "この分野のアドバイザー (2)" in out
    assert "  大山 水帆  おおやま みずほ" in out and "  齋藤 理栄  さいとう りえ" in out
    assert "2022-10-05  1位  地方公共団体向け事前アンケート結果紹介" in out
    assert "業務が煩雑にならないような電子申請" in out


def test_show_when_the_file_did_not_load(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The record is not unknown: its file did not load, and validate says why."""
    with (repo / "advisors.toml").open("a", encoding="utf-8") as handle:
        handle.write("x = = 1\n")
    code, out, err = run(repo, "show", "advisor", "okamura-hisakazu", capsys=capsys)
    assert code == 1 and out == ""
    assert "advisors.toml did not load" in err and "daicho validate" in err
    assert 'no advisor "okamura-hisakazu"' not in err


def test_show_when_the_file_is_missing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "themes.toml").unlink()
    code, _, err = run(repo, "show", "theme", "online-procedures", capsys=capsys)
    assert code == 1
    assert "themes.toml is missing" in err and "daicho validate" in err


def test_show_when_the_meeting_did_not_load(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting = "2022-10-05-kanto-advisor-meeting"
    path = repo / "meetings" / f"{meeting}.toml"
    path.write_text(path.read_text(encoding="utf-8") + "x = = 1\n", encoding="utf-8")
    code, _, err = run(repo, "show", "meeting", meeting, capsys=capsys)
    assert code == 1
    assert f"meetings/{meeting}.toml did not load" in err and "daicho validate" in err


def test_show_counts_one_problem_in_the_singular(repo: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    original = (repo / "advisors.toml").read_text(encoding="utf-8")
    _break(repo, 1)
    code, _, err = run(repo, "show", "advisor", "okamura-hisakazu", capsys=capsys)
    assert code == 0
    assert "(1 validation problem in the repository; run daicho validate)" in err
    (repo / "advisors.toml").write_text(original, encoding="utf-8")
    _break(repo, 2)
    _, _, err = run(repo, "show", "advisor", "okamura-hisakazu", capsys=capsys)
    assert "(2 validation problems in the repository; run daicho validate)" in err


def test_show_names_what_did_not_load_beside_the_record(repo: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with (repo / "themes.toml").open("a", encoding="utf-8") as handle:
        handle.write("x = = 1\n")
    code, _, err = run(repo, "show", "advisor", "okamura-hisakazu", capsys=capsys)
    assert code == 0
    assert "themes.toml did not load" in err


def test_show_municipality_names_its_prefecture(repo: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(repo, "--lang", "en", "show", "municipality", "112241", capsys=capsys)
    assert code == 0
    assert "Prefecture      埼玉県  110001" in out
    _, out, _ = run(repo, "--lang", "en", "show", "municipality", "110001", capsys=capsys)
    assert "Prefecture      " not in out.split("\n\n")[0]
    assert "Local governments in the prefecture" in out


def test_the_summary_never_counts_more_files_than_were_checked(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18, bug 12: 「3 problems in 3 of 0 files」 for files that did not parse or are missing."""
    (tmp_path / "advisors.toml").write_bytes(b"\xff")  # read, but not UTF-8
    code, out, _ = run(tmp_path, "validate", capsys=capsys)
    assert code == 1
    assert out.splitlines()[-1] == ("3 problems in 1 of 1 files checked and 2 files missing or not data files "
                                    "(E101×1, E111×2)")
    (tmp_path / "advisors.toml").unlink()
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "2022-10-05-kanto.tml").write_text("", encoding="utf-8")
    code, out, _ = run(tmp_path, "--lang", "ja", "validate", capsys=capsys)
    assert code == 1
    # no data file left: an empty repository (issue 18, bug 1), whose only problem is the stray file
    assert out.splitlines()[-1] == ("欠けているかデータでない 1 ファイルに 1 件の問題があります（E112×1）。"
                                    "検査したデータファイルはありません")


def test_a_person_shows_as_the_meeting_named_them(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18, bug 9: the meeting wrote 岡村久和, the advisor is 岡村 久和: what the meeting
    recorded is shown, with the advisor it links to beside it."""
    path = repo / "meetings" / "2022-10-05-kanto-advisor-meeting.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('name = "岡村 久和"', 'name = "岡村久和"', 1),
                    encoding="utf-8")
    code, out, _ = run(repo, "--lang", "ja", "show", "meeting", "2022-10-05-kanto-advisor-meeting", capsys=capsys)
    assert code == 0
    assert "回答者          岡村久和  岡村 久和\n" in out
    code, out, _ = run(repo, "--lang", "ja", "show", "advisor", "okamura-hisakazu", capsys=capsys)
    assert "回答者 岡村久和" in out and "回答者 岡村 久和" not in out
