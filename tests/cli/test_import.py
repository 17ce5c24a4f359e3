"""`daicho import municipalities`: what it refuses, and bad rows of the national list.

The lists here are small ones written into tmp_path, so each case is visible in its test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from daicho.main import main
from schema.load.importer import ReferenceListError, reference_records

CITY_HEADER = "pid,pref,cid,city,citykana,lat,lng,url,phrase,lgcode\n"
TODA = "11,埼玉県,11224,戸田市,とだし,35.8,139.6,https://www.city.toda.saitama.jp/,,112241\n"
KAWAGOE = "11,埼玉県,11201,川越市,かわごえし,35.9,139.4,https://www.city.kawagoe.saitama.jp/,,112011\n"
NEW_TOWN = "11,埼玉県,11999,新町,しんまち,35.9,139.4,,,119997\n"
PREFECTURES = ("pid,pref,prefkana,url,lgcode\n"
               "11,埼玉県,さいたまけん,https://www.pref.saitama.lg.jp/,110001\n")


def write_list(folder: Path, *rows: str) -> Path:
    """A national list of `rows` (cities) with the prefectures' CSV beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "prefjp-utf8.csv").write_text(PREFECTURES, encoding="utf-8")
    cities = folder / "localgovjp-utf8.csv"
    cities.write_text(CITY_HEADER + "".join(rows), encoding="utf-8")
    return cities


def run(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--repo", str(repo), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_adds_from_a_small_list(repo: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    cities = write_list(tmp_path / "list", TODA, KAWAGOE)
    code, out, err = run(repo, "import", "municipalities", str(cities), "--prefectures", "埼玉県",
                         capsys=capsys)
    assert code == 0, err
    assert out.startswith("0 added, 0 updated, 3 unchanged")  # 川越市 is in the shipped file


def test_import_refuses_a_file_with_comments(repo: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A rewrite would drop the comment: refuse, print the problem, write nothing."""
    path = repo / "municipalities.toml"
    path.write_text("# 戸田市の所属は要確認\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_bytes()
    cities = write_list(tmp_path / "list", NEW_TOWN)
    code, out, err = run(repo, "import", "municipalities", str(cities), capsys=capsys)
    assert code == 1
    assert "municipalities.toml:1:1: E107" in err
    assert "nothing was written" in err and "Traceback" not in err
    assert path.read_bytes() == before
    assert "wrote" not in out


def test_import_rewrites_a_file_with_a_bom(repo: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A byte-order mark does not block a rewrite: the rewrite repairs it."""
    path = repo / "municipalities.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    cities = write_list(tmp_path / "list", NEW_TOWN)
    code, out, err = run(repo, "import", "municipalities", str(cities), capsys=capsys)
    assert code == 0, err
    assert out.startswith("1 added,")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(("row", "expected"), [
    (TODA.replace("とだし", ""), ":3: citykana is empty; expected its reading in kana"),
    (TODA.replace("https://www.city.toda.saitama.jp/", "ftp://x"),
     ":3: url 'ftp://x' is not valid; expected an http:// or https:// address"),
    ("11,埼玉県,11224,戸田市\n", ":3: the row has 4 fields, the header 10: citykana, url, lgcode "
     "missing"),
    (TODA.replace("112241", "112242"), ":3: lgcode 112242 has check digit 2, expected 1"),
    (TODA.replace("112241", "１１２２４１"), ":3: lgcode '１１２２４１' is not a 6-digit code"),
    (TODA.replace(",112241", ","), ":3: lgcode is empty"),
])
def test_bad_row_is_a_message_with_file_and_line(repo: Path, tmp_path: Path, row: str,
                                                 expected: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "municipalities.toml").read_bytes()
    cities = write_list(tmp_path / "list", KAWAGOE, row)
    code, out, err = run(repo, "import", "municipalities", str(cities), capsys=capsys)
    assert code == 2
    assert err.startswith(f"daicho import: {cities}{expected}"), err
    assert "Traceback" not in err and out == ""
    assert (repo / "municipalities.toml").read_bytes() == before


def test_bad_prefecture_row(tmp_path: Path) -> None:
    cities = write_list(tmp_path / "list", TODA)
    (tmp_path / "list" / "prefjp-utf8.csv").write_text(
        PREFECTURES.replace("さいたまけん", ""), encoding="utf-8")
    with pytest.raises(ReferenceListError, match=r"prefjp-utf8.csv:2: prefkana is empty"):
        reference_records(cities, None)


def test_line_numbers_count_quoted_line_breaks(tmp_path: Path) -> None:
    """A quoted field over two lines: the row after it is on line 4, not 3."""
    phrase = TODA.replace(",,112241", ',"ひとつめ\nふたつめ",112241')
    cities = write_list(tmp_path / "list", phrase, TODA.replace("とだし", ""))
    with pytest.raises(ReferenceListError, match=r"localgovjp-utf8.csv:4: citykana is empty"):
        reference_records(cities, None)


def test_a_folder_is_not_a_list(repo: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    write_list(tmp_path / "list", TODA)
    (tmp_path / "list" / "localgovjp-utf8.csv").unlink()
    (tmp_path / "list" / "localgovjp-utf8.csv").mkdir()
    code, _, err = run(repo, "import", "municipalities", str(tmp_path / "list" / "localgovjp-utf8.csv"),
                       capsys=capsys)
    assert code == 2 and "is a folder" in err
