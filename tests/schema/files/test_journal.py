"""The journal of a save of several files (schema.files.journal): a save cut short is finished or rolled
back by the next process, under the repository's lock; a journal this machine did not write for
this repository, or one naming other paths, is reported and never replayed; the cache folder that
holds it stays out of git. (The kills themselves: tests/cli/test_save_crash.py.)

A save "cut short" is made here without a kill: the journal written (`begin`) and the first file
replaced, as a save dies after its first file. Portable (no fork, no signals)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from daicho.main import main
from schema.edit.save import FileChange, SaveFailed, write_changes
from schema.edit.session import EditSession
from schema.files.cache import CACHE_DIR, signing_key
from schema.files.journal import JOURNAL, apply_change, begin, recover
from schema.load.loader import load_repository
from schema.models import Target
from tests.helpers import PROJECT, SEED_MEETING, git

RENAMED = "okamura-hisakazu-2"


def rename(repo: Path) -> list[FileChange]:
    session = EditSession(repo, load_repository(repo).records)
    changes = session.rename_record(Target.ADVISOR, "okamura-hisakazu", RENAMED)
    assert len(changes) == 2
    return changes


def cut_short(repo: Path) -> list[FileChange]:
    """The journal of a rename written, its first file replaced, then nothing (a process killed)."""
    changes = rename(repo)
    begin(repo, changes)
    apply_change(repo, changes[0])
    return changes


def holds(repo: Path, changes: list[FileChange], side: str) -> bool:
    return all((repo / c.relpath).read_bytes() == getattr(c, side) for c in changes)


@pytest.fixture(params=["descriptors", "names"])
def journal_io(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The journal written and read through the cache folder's descriptor, or by its path (Windows,
    where files cannot be opened relative to a folder: forced here)."""
    import schema.files.journal

    if request.param == "names":
        monkeypatch.setattr(schema.files.journal, "relative_opens", lambda: False)
    return str(request.param)


def test_a_save_cut_short_is_finished_by_the_next_command(repo: Path, journal_io: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    changes = cut_short(repo)
    assert (repo / CACHE_DIR / JOURNAL).is_file() and (repo / CACHE_DIR / ".gitignore").read_text() == "*\n"
    assert not holds(repo, changes, "before") and not holds(repo, changes, "after")
    assert main(["--repo", str(repo), "validate"]) == 0
    out, err = capsys.readouterr()
    assert err == "daicho: an interrupted save was finished: 2 files as the save meant them\n"
    assert "no problems" in out and holds(repo, changes, "after")
    assert not (repo / CACHE_DIR / JOURNAL).exists()
    assert main(["--repo", str(repo), "validate"]) == 0
    assert capsys.readouterr().err == ""  # once only


def test_the_notice_speaks_japanese(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cut_short(repo)
    assert main(["--repo", str(repo), "--lang", "ja", "render", "meeting", Path(SEED_MEETING).stem]) == 0
    assert capsys.readouterr().err == (
        "daicho: 中断されていた保存を最後まで行いました：2 ファイルを保存どおりの内容にしました\n")


def test_a_save_that_wrote_nothing_is_dropped(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Killed after its journal and before its first file: the files are as they were, and stay so."""
    changes = rename(repo)
    begin(repo, changes)
    assert main(["--repo", str(repo), "fmt", "--check"]) == 0
    assert "an interrupted save was rolled back: 2 files as they were before it\n" in capsys.readouterr().err
    assert holds(repo, changes, "before") and not (repo / CACHE_DIR / JOURNAL).exists()


def test_a_diff_of_two_revisions_leaves_the_journal(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only commands that read the working tree finish a save (a diff of revisions reads git)."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "records")
    changes = cut_short(repo)
    main(["--repo", str(repo), "diff", "HEAD", "HEAD"])
    assert "interrupted" not in capsys.readouterr().err and (repo / CACHE_DIR / JOURNAL).exists()
    main(["--repo", str(repo), "diff", "HEAD"])
    assert "an interrupted save was finished" in capsys.readouterr().err and holds(repo, changes, "after")


def test_the_journal_stays_out_of_git(repo: Path) -> None:
    """In a repository whose .gitignore does not name the cache folder (one made by other tools)."""
    git(repo, "init", "-q", "-b", "main")
    assert not (repo / ".gitignore").exists()
    cut_short(repo)
    status = git(repo, "status", "--porcelain", "--untracked-files=all")
    assert CACHE_DIR not in status and "advisors.toml" in status


def test_a_journal_signed_elsewhere_is_reported_and_never_replayed(
        repo: Path, tmp_path: Path, journal_io: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A journal committed to a pull request, or copied from another machine."""
    changes = cut_short(repo)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    signing_key.cache_clear()
    try:
        for _ in range(2):
            assert main(["--repo", str(repo), "validate"]) == 1  # the half-renamed files, as they are
            err = capsys.readouterr().err
            assert (f"daicho: {CACHE_DIR}/{JOURNAL} was not replayed: it is not signed by daicho on this "
                    "machine; check the files, then remove it\n") in err
            assert (repo / changes[0].relpath).read_bytes() == changes[0].after
            assert (repo / changes[1].relpath).read_bytes() == changes[1].before
    finally:
        signing_key.cache_clear()
    (repo / CACHE_DIR / JOURNAL).write_bytes(b"not a journal at all")
    assert "not replayed: it is not signed" in recover_text(repo)


def recover_text(repo: Path) -> str:
    said = recover(repo)
    return said.text if said is not None else ""


def test_a_journal_of_another_repository_is_not_replayed(repo: Path, tmp_path: Path) -> None:
    cut_short(repo)
    copy = Path(shutil.copytree(repo, tmp_path / "copy"))
    assert f"not replayed: it belongs to the repository at {os.path.normcase(os.path.realpath(repo))}" in (
        recover_text(copy))
    assert (copy / CACHE_DIR / JOURNAL).exists()


@pytest.mark.parametrize("relpath", ["../outside.toml", ".git/config", "meetings/../../outside.toml",
                                     "/etc/passwd", "meetings/sub/x.toml", "README.md"])
def test_a_journal_naming_other_paths_is_not_replayed(repo: Path, tmp_path: Path, relpath: str) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_bytes(b"mine\n")
    begin(repo, [FileChange("themes.toml", b"x", b"y"), FileChange(relpath, b"mine\n", b"replaced\n")])
    said = recover_text(repo)
    assert f"not replayed: it names {relpath}, which is not a data file of this repository" in said
    assert outside.read_bytes() == b"mine\n" and (repo / CACHE_DIR / JOURNAL).exists()


def test_a_save_whose_journal_cannot_be_written_writes_nothing(repo: Path) -> None:
    (repo / CACHE_DIR).write_text("a file where the cache folder goes")
    changes = rename(repo)
    with pytest.raises(SaveFailed) as failed:
        write_changes(repo, changes)
    assert "cannot write the save's journal" in failed.value.reason
    assert holds(repo, changes, "before")


def test_a_recovery_waits_for_a_save_still_running(repo: Path, tmp_path: Path) -> None:
    """Another process in the middle of a save (it holds the lock, its journal is there, half its
    files written): a command waits for it, and finds nothing to finish."""
    changes = rename(repo)
    script = (
        "import pickle, sys\nfrom pathlib import Path\n"
        "from schema.files.journal import apply_change, begin, end\nfrom schema.files.lock import folder_lock\n"
        "root, changes = Path(sys.argv[1]), pickle.loads(Path(sys.argv[2]).read_bytes())\n"
        "with folder_lock(root):\n"
        "    begin(root, changes)\n    apply_change(root, changes[0])\n"
        "    print('half', flush=True)\n    sys.stdin.readline()\n"
        "    apply_change(root, changes[1])\n    end(root)\n")
    import pickle

    plan = tmp_path / "plan"
    plan.write_bytes(pickle.dumps(changes))
    saver = subprocess.Popen([sys.executable, "-c", script, str(repo), str(plan)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, cwd=PROJECT, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert saver.stdout is not None and saver.stdin is not None
    try:
        assert saver.stdout.readline() == b"half\n"
        said: list[object] = []
        waiting = threading.Thread(target=lambda: said.append(recover(repo)))
        waiting.start()
        waiting.join(0.3)
        assert waiting.is_alive() and not said  # waiting for the lock
        saver.stdin.write(b"go\n")
        saver.stdin.flush()
        waiting.join(30)
        assert said == [None] and holds(repo, changes, "after")
    finally:
        saver.kill()
        saver.wait()
