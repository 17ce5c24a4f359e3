"""`daicho export` puts its whole set — every CSV file and daicho.sqlite — in place as one step
(issue 19, item 3): the output folder holds the old set or the new one, never a mix, and every
failure (a full disk, a folder where daicho.sqlite goes, a folder that is not the export's) is one
line, exit 2, no traceback, with the old set as it was.

The old export replaced the files one by one: on a full disk it ended in a traceback
(`sqlite3.OperationalError: database or disk is full`) with the new CSV files beside the old
database; with a folder in place of daicho.sqlite it exited 2 after writing every new CSV file."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import schema.publish.exportfiles
from daicho.main import main
from schema.publish.export import TABLES
from schema.publish.exportfiles import DATABASE
from tests.helpers import PROJECT, SEED_MEETING

SET = sorted([*(f"{t.name}.csv" for t in TABLES), DATABASE])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def exported(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict[str, bytes]]:
    """A set exported from the records, then the records changed (so that the next set differs)."""
    out = tmp_path / "opendata"
    assert main(["--repo", str(repo), "export", "--output", str(out)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    path = repo / SEED_MEETING
    path.write_text(path.read_text(encoding="utf-8").replace("関東総合通信局 地域情報化アドバイザー会議",
                                                             "関東総合通信局 アドバイザー会議", 1), encoding="utf-8")
    return out, snapshot(out)


def export_fails(repo: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["--repo", str(repo), "export", "--output", str(out)])
    out_text, err = capsys.readouterr()
    assert code == 2, out_text + err
    assert len(err.splitlines()) == 1 and err.startswith("daicho export: ") and "Traceback" not in err, err
    return err


def no_leftovers(out: Path) -> None:
    assert sorted(p.name for p in out.parent.iterdir()) == ["opendata", "repo"]


def test_a_full_disk_while_the_database_is_written_leaves_the_old_set(
        repo: Path, exported: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """SQLite's own "database or disk is full", as a full disk gives it (the database capped at a
    few pages), after every CSV file of the new set was written."""
    out, old = exported
    real_connect = sqlite3.connect

    def connect_to_a_small_disk(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)
        connection.execute("PRAGMA max_page_count = 4")
        return connection

    monkeypatch.setattr(schema.publish.exportfiles.sqlite3, "connect", connect_to_a_small_disk)
    err = export_fails(repo, out, capsys)
    assert err == f"daicho export: cannot write {out}: {DATABASE}: database or disk is full\n"
    assert snapshot(out) == old
    no_leftovers(out)


def test_a_full_disk_while_a_csv_file_is_written_leaves_the_old_set(
        repo: Path, exported: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out, old = exported
    real_write = os.write
    written = [0]

    def write_to_a_full_disk(fd: int, data: Any) -> int:
        written[0] += 1
        if written[0] == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write_to_a_full_disk)
    err = export_fails(repo, out, capsys)
    assert err == f"daicho export: cannot write {out}: No space left on device\n"
    assert snapshot(out) == old
    no_leftovers(out)


@pytest.mark.posix
def test_a_file_size_limit_mid_export_leaves_the_old_set(exported: tuple[Path, dict[str, bytes]],
                                                          repo: Path) -> None:
    """A real failure from the system in a process of its own: files may not grow past a limit
    (RLIMIT_FSIZE) that every CSV file fits under and the database does not."""
    out, old = exported
    limit = max(size for name, data in old.items() if name != DATABASE for size in [len(data)]) + 4096
    assert len(old[DATABASE]) > limit
    script = (f"import resource; resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
              "import sys; from daicho.main import main; sys.exit(main(sys.argv[1:]))\n")
    result = subprocess.run([sys.executable, "-c", script, "--repo", str(repo), "export", "--output", str(out),
                             "--no-cache"], capture_output=True, text=True, cwd=PROJECT, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"daicho export: cannot write {out}: ") and len(result.stderr.splitlines()) == 1
    assert snapshot(out) == old
    no_leftovers(out)


def test_a_folder_in_place_of_the_database_is_one_line_and_nothing_written(
        repo: Path, exported: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]) -> None:
    out, old = exported
    (out / DATABASE).unlink()
    (out / DATABASE).mkdir()
    (out / DATABASE / "mine.txt").write_text("a file of the user's", encoding="utf-8")
    csvs = {name: data for name, data in old.items() if name != DATABASE}
    err = export_fails(repo, out, capsys)
    assert err == (f"daicho export: cannot write {out}: it holds {DATABASE}, which is a folder where a file is "
                   "written; remove it, or give --output another folder\n")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == csvs
    assert (out / DATABASE / "mine.txt").read_text(encoding="utf-8") == "a file of the user's"
    no_leftovers(out)


@pytest.mark.parametrize("kind", ["file", pytest.param("device", marks=pytest.mark.posix),
                                  pytest.param("pipe", marks=pytest.mark.posix)])
def test_an_output_that_is_not_a_folder_is_one_line_and_left_as_it_is(repo: Path, tmp_path: Path, kind: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """--output names the folder of the set: a file, a device or a named pipe there is refused, not
    replaced, written into or waited on."""
    if kind == "file":
        out = tmp_path / "opendata.csv"
        out.write_text("mine", encoding="utf-8")
    elif kind == "device":
        out = Path(os.devnull)
    else:
        out = tmp_path / "pipe"
        os.mkfifo(out)
    err = export_fails(repo, out, capsys)
    assert err == f"daicho export: {out} is not a folder; give --output a folder\n"
    if kind == "file":
        assert out.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["repo", out.name] if kind != "device" else ["repo"])


def test_a_folder_holding_other_files_is_refused(repo: Path, exported: tuple[Path, dict[str, bytes]],
                                                 tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The folder is replaced as a whole: one holding a file of the user's (or a link) is not the
    export's, and is left as it is."""
    out, old = exported
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    err = export_fails(repo, out, capsys)
    assert err == (f"daicho export: cannot write {out}: it holds notes.txt, which is not one of the output's "
                   "files; the folder is replaced as a whole, so give --output a folder of its own (or one "
                   "that does not exist)\n")
    assert snapshot(out) == {**old, "notes.txt": b"mine"}
    (out / "notes.txt").unlink()
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("keep", encoding="utf-8")
    (out / "themes.csv").unlink()
    (out / "themes.csv").symlink_to(elsewhere)
    assert "it holds themes.csv, which is a link where a file is written" in export_fails(repo, out, capsys)
    assert elsewhere.read_text(encoding="utf-8") == "keep"
    assert export_fails(repo, repo, capsys).startswith(
        f"daicho export: cannot write {repo}: it holds .daicho-cache, which is not one of the output's files")


def test_the_new_set_is_built_beside_and_put_in_place_at_once(
        repo: Path, exported: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """When the whole new set is written, the folder still holds the whole old set; then the new set
    is there, whole, in the same place."""
    out, old = exported
    real_write_all: Callable[..., list[str]] = schema.publish.exportfiles.write_all
    seen: list[dict[str, bytes]] = []

    def build_then_look(folder: Path, rows: Any) -> list[str]:
        names = real_write_all(folder, rows)
        seen.append(snapshot(out))
        return names

    monkeypatch.setattr(schema.publish.exportfiles, "write_all", build_then_look)
    assert main(["--repo", str(repo), "export", "--output", str(out)]) == 0, capsys.readouterr().err
    assert seen == [old]
    new = snapshot(out)
    assert sorted(new) == SET and new != old and new["meetings.csv"] != old["meetings.csv"]
    no_leftovers(out)


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_build_left_by_a_killed_export_is_removed_by_the_next(
        repo: Path, exported: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, exchange: bool,
        capsys: pytest.CaptureFixture[str]) -> None:
    """And without an exchange of names (the fallback elsewhere than Linux) the set is replaced too."""
    import schema.files.atomic

    out, old = exported
    stale = out.parent / ".opendata.0123abcd.tmp"
    stale.mkdir()
    (stale / "themes.csv").write_bytes(b"half a set")
    if not exchange:
        monkeypatch.setattr(schema.files.atomic, "_renameat2", lambda: None)
    assert main(["--repo", str(repo), "export", "--output", str(out)]) == 0, capsys.readouterr().err
    assert sorted(snapshot(out)) == SET and snapshot(out) != old
    no_leftovers(out)


def test_a_link_to_the_output_folder_stays_and_names_the_new_set(
        repo: Path, exported: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]) -> None:
    out, old = exported
    link = out.parent / "published"
    link.symlink_to(out, target_is_directory=True)
    assert main(["--repo", str(repo), "export", "--output", str(link)]) == 0, capsys.readouterr().err
    assert link.is_symlink() and sorted(snapshot(link)) == SET and snapshot(out) != old
