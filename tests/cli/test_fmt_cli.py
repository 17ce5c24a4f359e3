"""`daicho fmt`: hand-edited valid files become canonical; broken files are reported, untouched."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
from pathlib import Path

import pytest
import tomli

from daicho import fmt
from daicho.main import main
from schema.files import batch
from schema.load.loader import load_file
from schema.models import (
    Advisor,
    AdvisorsFile,
    Affiliation,
    Attendance,
    Consultation,
    Meeting,
    MunicipalitiesFile,
    Municipality,
    Person,
    Question,
    Remarks,
    Theme,
    ThemesFile,
    Topic,
)
from schema.models.writer import dumps_model
from tests.helpers import PROJECT

MEETING = "meetings/2022-10-05-kanto-advisor-meeting.toml"


def fixture_models() -> dict[str, object]:
    """A tiny valid repository: two themes, three local governments, two advisors, one meeting."""
    return {
        "themes.toml": ThemesFile(themes={
            "bpr": Theme(label="業務改革(BPR)", label_en="Business process re-engineering"),
            "planning-support": Theme(label="計画策定支援", label_en="Planning support",
                                      description="計画の策定を支援する。\n進め方の相談を含む。"),
        }),
        "municipalities.toml": MunicipalitiesFile(municipalities={
            "110001": Municipality(name="埼玉県", kana="さいたまけん", kind="prefecture"),
            "112186": Municipality(name="深谷市", kana="ふかやし", kind="city"),
            "112241": Municipality(name="戸田市", kana="とだし", kind="city"),
        }),
        "advisors.toml": AdvisorsFile(advisors={
            "okamura-hisakazu": Advisor(
                name="岡村 久和", kana="おかむら ひさかず", expertise=["planning-support"],
                affiliations=[Affiliation(organization="亜細亜大学", title="都市創造学部教授")]),
            "saito-rie": Advisor(
                name="齋藤 理栄", kana="さいとう りえ", expertise=["bpr"],
                affiliations=[Affiliation(organization="深谷市", municipality="112186")]),
        }),
        MEETING: Meeting(
            id="2022-10-05-kanto-advisor-meeting",
            title="令和4年度 関東総合通信局 地域情報化アドバイザー会議",
            kind="advisor-meeting", bureau="kanto", date=dt.date(2022, 10, 5), fiscal_year=2022,
            format="online", themes=["planning-support"],
            attendance=Attendance(advisors=18, municipalities=10, municipal_staff=14),
            people={
                "okamura": Person(name="岡村 久和", role="advisor", advisor="okamura-hisakazu"),
                "saito": Person(name="齋藤 理栄", role="municipal-staff", municipalities=["112186"]),
            },
            agenda=[
                Remarks(kind="opening-remarks", title="開会挨拶"),
                Consultation(kind="consultation", title="オンライン相談会", topics=[Topic(
                    theme="planning-support",
                    questions=[Question(text="どこから取りかかればよいか。",
                                        municipalities=["112241"])],
                )]),
            ],
        ),
    }


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "meetings").mkdir(parents=True)
    for relpath, model in fixture_models().items():
        (root / relpath).write_bytes(dumps_model(model).encode("utf-8"))  # type: ignore[arg-type]
    monkeypatch.chdir(root)
    return root


def daicho(*argv: str) -> int:
    return main(list(argv))


def canonical(relpath: str) -> bytes:
    return dumps_model(fixture_models()[relpath]).encode("utf-8")  # type: ignore[arg-type]


def edit(root: Path, relpath: str, old: str, new: str, count: int = 1) -> None:
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, count).encode("utf-8"))


def assert_fmt_restores(root: Path, relpath: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`--check` flags the file, `fmt` rewrites it to the canonical bytes, a second run is quiet."""
    assert daicho("fmt", "--check") == 1
    assert capsys.readouterr().out == f"would reformat {relpath}\n"
    assert daicho("fmt") == 0
    assert capsys.readouterr().out == f"reformatted {relpath}\n"
    assert (root / relpath).read_bytes() == canonical(relpath)
    assert daicho("fmt", "--check") == 0
    assert capsys.readouterr().out == ""


def test_canonical_repository_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert daicho("fmt", "--check") == 0
    assert daicho("fmt") == 0
    assert capsys.readouterr() == ("", "")


def test_reordered_keys(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "municipalities.toml", 'name = "戸田市"\nkana = "とだし"\n',
         'kana = "とだし"\nname = "戸田市"\n')
    assert_fmt_restores(repo, "municipalities.toml", capsys)


def test_reordered_records(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "themes.toml"
    first, second = path.read_text(encoding="utf-8").split("\n\n")
    path.write_text(f"{second}\n{first}\n", encoding="utf-8")
    assert_fmt_restores(repo, "themes.toml", capsys)


def test_inline_table(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, MEETING, "\n[attendance]\nadvisors = 18\nmunicipalities = 10\nmunicipal_staff = 14\n",
         "")
    edit(repo, MEETING, 'format = "online"\n',
         'format = "online"\nattendance = { advisors = 18, municipalities = 10, municipal_staff = 14 }\n')
    assert_fmt_restores(repo, MEETING, capsys)


def test_short_array_of_tables_written_inline(repo: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "advisors.toml",
         '\n[[advisors.saito-rie.affiliations]]\norganization = "深谷市"\nmunicipality = "112186"\n',
         "")
    edit(repo, "advisors.toml", '[advisors.saito-rie]\n',
         '[advisors.saito-rie]\naffiliations = [{ organization = "深谷市", '
         'municipality = "112186" }]\n')
    before, _ = load_file(repo, "advisors.toml")
    assert_fmt_restores(repo, "advisors.toml", capsys)
    after, _ = load_file(repo, "advisors.toml")
    assert after == before
    assert "{" not in (repo / "advisors.toml").read_text(encoding="utf-8")


def test_other_quoting(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "themes.toml", 'label = "業務改革(BPR)"', "label = '業務改革(BPR)'")
    edit(repo, "themes.toml", 'label_en = "Planning support"', 'label_en = "Planning \\u0073upport"')
    edit(repo, "themes.toml", '"""\n計画の策定を支援する。\n進め方の相談を含む。"""',
         "'''計画の策定を支援する。\n進め方の相談を含む。'''")
    assert_fmt_restores(repo, "themes.toml", capsys)


def test_one_line_arrays_and_spacing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, MEETING, 'themes = [\n    "planning-support",\n]', 'themes=["planning-support"]')
    edit(repo, MEETING, "\n[[agenda]]\n", "\n\n\n[[agenda]]\n")
    assert_fmt_restores(repo, MEETING, capsys)


def test_crlf_endings_become_lf(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "advisors.toml"
    path.write_bytes(canonical("advisors.toml").replace(b"\n", b"\r\n"))
    assert_fmt_restores(repo, "advisors.toml", capsys)


def test_byte_order_mark_is_removed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "themes.toml").write_bytes(b"\xef\xbb\xbf" + canonical("themes.toml"))
    assert_fmt_restores(repo, "themes.toml", capsys)


def test_one_field_changed_by_hand_is_a_one_line_diff(repo: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, MEETING, "advisors = 18", "advisors    =    19   ")
    assert daicho("fmt") == 0
    capsys.readouterr()
    before = canonical(MEETING).decode().splitlines()
    after = (repo / MEETING).read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-advisors = 18", "+advisors = 19"]


def test_invalid_file_is_reported_and_untouched(repo: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "advisors.toml", 'kana = "さいとう りえ"', 'kana = "さいとう りえ"\nnickname = "x"')
    edit(repo, "themes.toml", 'label_en = "Planning support"', "label_en = 'Planning support'")
    broken = (repo / "advisors.toml").read_bytes()
    assert daicho("fmt") == 1
    out, err = capsys.readouterr()
    assert out == "reformatted themes.toml\n"  # the other files are still formatted
    assert err.startswith("advisors.toml:")
    assert " E201 " in err and "nickname" in err
    assert (repo / "advisors.toml").read_bytes() == broken
    assert daicho("fmt", "--check") == 1
    assert daicho("fmt", "--diff") == 1


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('[themes.bpr\nlabel = "x"\n', "E109"),
        ('# a comment\n[themes.bpr]\nlabel = "x"\nlabel_en = "y"\n', "E107"),
        ('[themes.bpr]\nlabel = "x"\n', "E202"),
        ('[themes.bpr]\nlabel = "x"\nlabel = "y"\nlabel_en = "z"\n', "E110"),
    ],
)
def test_files_that_do_not_load_are_never_rewritten(
    repo: Path, capsys: pytest.CaptureFixture[str], text: str, code: str
) -> None:
    path = repo / "themes.toml"
    path.write_bytes(text.encode("utf-8"))
    assert daicho("fmt") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "themes.toml:" in err and f" {code} " in err, err
    assert path.read_bytes() == text.encode("utf-8")


def test_check_lists_and_diff_shows_without_writing(repo: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, MEETING, 'bureau = "kanto"\ndate = 2022-10-05', 'date = 2022-10-05\nbureau = "kanto"')
    edited = (repo / MEETING).read_bytes()
    assert daicho("fmt", "--diff") == 1
    out, _ = capsys.readouterr()
    assert out.startswith(f"--- a/{MEETING}\n+++ b/{MEETING}\n@@ ")
    assert '\n-bureau = "kanto"\n' in out and '\n+bureau = "kanto"\n' in out
    assert daicho("fmt", "--check", "--diff") == 1
    out, _ = capsys.readouterr()
    assert out.endswith(f"would reformat {MEETING}\n")
    assert (repo / MEETING).read_bytes() == edited


def test_diff_marks_a_missing_final_newline(repo: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "themes.toml").write_bytes(canonical("themes.toml").rstrip(b"\n"))
    assert daicho("fmt", "--diff") == 1
    assert "\\ No newline at end of file\n" in capsys.readouterr().out


def test_unchanged_file_is_not_rewritten(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for relpath in fixture_models():
        os.utime(repo / relpath, (1_000_000, 1_000_000))
    edit(repo, "themes.toml", 'label = "業務改革(BPR)"', "label = '業務改革(BPR)'")
    assert daicho("fmt", "--no-cache") == 0
    assert capsys.readouterr().out == "reformatted themes.toml\n"
    for relpath in fixture_models():
        if relpath != "themes.toml":
            assert (repo / relpath).stat().st_mtime == 1_000_000, relpath


def test_paths_select_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "themes.toml", 'label = "業務改革(BPR)"', "label = '業務改革(BPR)'")
    edit(repo, MEETING, 'kind = "advisor-meeting"', "kind = 'advisor-meeting'")
    assert daicho("fmt", "--check", "themes.toml") == 1
    assert capsys.readouterr().out == "would reformat themes.toml\n"
    assert daicho("fmt", "meetings") == 0
    assert capsys.readouterr().out == f"reformatted {MEETING}\n"
    assert (repo / "themes.toml").read_bytes() != canonical("themes.toml")


def test_usage_errors_exit_2(repo: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("a = 1\n", encoding="utf-8")
    assert daicho("fmt", str(outside)) == 2
    assert daicho("fmt", "meetings/2030-01-01-missing.toml") == 2
    assert daicho("fmt", "README.toml") == 2
    err = capsys.readouterr().err
    assert "not inside the repository" in err and "no such file" in err


def test_cache_never_hides_a_change(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert daicho("fmt", "--check") == 0
    assert (repo / ".daicho-cache" / "fmt.json").is_file()
    edit(repo, "themes.toml", 'label = "業務改革(BPR)"', "label = '業務改革(BPR)'")
    assert daicho("fmt", "--check") == 1
    assert capsys.readouterr().out == "would reformat themes.toml\n"


def test_many_files_are_formatted_in_a_pool(repo: Path) -> None:
    """Above the parallel threshold the results are the same, in the same order."""
    meeting = fixture_models()[MEETING]
    assert isinstance(meeting, Meeting)
    paths = []
    for day in range(1, batch.PARALLEL_THRESHOLD + 11):
        date = dt.date(2023, 4, 1) + dt.timedelta(days=day)
        copy = meeting.model_copy(update={"id": f"{date.isoformat()}-m", "date": date,
                                          "fiscal_year": 2023})
        text = dumps_model(copy)
        if day % 7 == 0:
            text = text.replace('kind = "advisor-meeting"', "kind = 'advisor-meeting'")
        relpath = f"meetings/{copy.id}.toml"
        (repo / relpath).write_bytes(text.encode("utf-8"))
        paths.append(relpath)
    results = list(fmt.format_files(repo, paths, cache=None, jobs=2))
    assert [r.path for r in results] == paths
    changed = [r.path for r in results if r.status is fmt.Status.CHANGED]
    assert changed == [p for i, p in enumerate(paths, start=1) if i % 7 == 0]
    for result in results:
        if result.status is fmt.Status.CHANGED:
            assert tomli.loads(result.canonical) == tomli.loads(result.current.decode())


def test_shipped_records_are_canonical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """CI's formatter check on the records the product ships (in a copy)."""
    root = tmp_path / "shipped"
    root.mkdir()
    for name in ("themes.toml", "municipalities.toml", "advisors.toml"):
        shutil.copy2(PROJECT / name, root / name)
    shutil.copytree(PROJECT / "meetings", root / "meetings")
    monkeypatch.chdir(root)
    code = daicho("fmt", "--check", "--no-cache")
    assert code == 0, capsys.readouterr()


def test_a_file_changed_during_formatting_is_not_overwritten(repo: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "themes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[themes.bpr]\n", "[themes.bpr]\n\n", 1),
                    encoding="utf-8")
    [result] = fmt.format_files(repo, ["themes.toml"])
    assert result.status is fmt.Status.CHANGED
    edited = path.read_bytes() + b'\n[themes.new]\nlabel = "x"\nlabel_en = "x"\n'
    path.write_bytes(edited)  # someone saves while fmt is working
    assert fmt._report(repo, result, check=False, diff=False, write=True, cache=None) == 1
    assert path.read_bytes() == edited
    assert "changed while it was being formatted" in capsys.readouterr().err
