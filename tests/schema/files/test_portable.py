"""The fallbacks chosen at run time where Linux's calls are not there (issue 17, item 8), forced here
on Linux through their capability probes so that they run in this suite too:

- the lock: a lock file in the user's cache folder (`msvcrt.locking` on Windows; `flock` on the
  file where it is forced here) instead of `flock` on the folder — `schema.files.lock.backend`;
- the atomic exchange of names: `os.replace` after the file's bytes are read once more —
  `schema.files.atomic._renameat2`;
- the pool: spawned workers instead of forked ones — `schema.files.batch.start_method`.

Under each: a second writer is excluded, no edit is lost, the pool's results equal the serial ones.
Portable (threads and subprocesses), but for the one test marked posix. The kills under the
fallbacks: tests/cli/test_save_crash.py."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import schema.files.atomic
import schema.files.batch
import schema.files.lock
from schema.files.atomic import FileChanged, replace_file
from schema.files.lock import LockTimeout, folder_lock
from schema.files.userdirs import user_cache_folder
from tests.helpers import PROJECT

FORCE = {
    "lockfile": "import schema.files.lock; schema.files.lock.backend = lambda: 'lockfile'\n",
    "flock": "",
}


@pytest.fixture(params=["flock", "lockfile"])
def lock_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "lockfile":
        monkeypatch.setattr(schema.files.lock, "backend", lambda: "lockfile")
    assert schema.files.lock.backend() == request.param
    return str(request.param)


@pytest.fixture(params=["exchange", "replace"])
def rename_by(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "replace":
        monkeypatch.setattr(schema.files.atomic, "_renameat2", lambda: None)
    assert (schema.files.atomic._renameat2() is not None) == (request.param == "exchange")
    return str(request.param)


# -- the lock ----------------------------------------------------------------------------------------


def test_the_lock_excludes_a_second_writer(tmp_path: Path, lock_backend: str) -> None:
    """Another thread waits (here: gives up after its timeout) while the lock is held; the holder
    may take it again; once released it is free. The lock file is never in the folder."""
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with folder_lock(tmp_path), folder_lock(tmp_path):  # taken again by its holder
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(30)
        with pytest.raises(LockTimeout), folder_lock(tmp_path, timeout=0.2):
            pass
    finally:
        release.set()
        holder.join(30)
    with folder_lock(tmp_path, timeout=0):
        pass
    assert list(tmp_path.iterdir()) == []
    if lock_backend == "lockfile":
        assert len(list((user_cache_folder() / "locks").iterdir())) >= 1


def test_the_lock_of_a_process_that_died_is_free(tmp_path: Path, lock_backend: str) -> None:
    """Held by another process, the lock excludes this one; killed, the system lets it go."""
    script = (FORCE[lock_backend] + "import sys\nfrom pathlib import Path\nfrom schema.files.lock import folder_lock\n"
              "with folder_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n    sys.stdin.readline()\n")
    holder = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, cwd=PROJECT, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        with pytest.raises(LockTimeout), folder_lock(tmp_path, timeout=0.2):
            pass
    finally:
        holder.kill()
        holder.wait()
    with folder_lock(tmp_path, timeout=10):
        pass


def test_no_edit_is_lost_between_writers(tmp_path: Path, lock_backend: str, rename_by: str) -> None:
    """Writers each read the file, add a line and write it back only over what they read (retrying
    on FileChanged): every line added is there in the end."""
    target = tmp_path / "advisors.toml"
    target.write_bytes(b"")
    writers, rounds = 3, 8

    def add_lines(name: str) -> None:
        for number in range(rounds):
            while True:
                before = target.read_bytes()
                try:
                    replace_file(target, before + f"{name} {number}\n".encode(), expected=before)
                    break
                except FileChanged:
                    continue

    threads = [threading.Thread(target=add_lines, args=(f"w{i}",)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    lines = target.read_text().splitlines()
    assert sorted(lines) == sorted(f"w{i} {n}" for i in range(writers) for n in range(rounds))
    assert [p.name for p in tmp_path.iterdir()] == ["advisors.toml"]


# -- the rename without an exchange ------------------------------------------------------------------


@pytest.mark.parametrize("how", ["in-place", "by-rename"])
def test_an_edit_just_before_the_rename_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rename_by: str,
                                                how: str) -> None:
    """An edit that lands after the last look at the file's stat, as the rename is made: never
    replaced, and the writer hears FileChanged."""
    target = tmp_path / "advisors.toml"
    target.write_text("a = 1\n")
    real_recheck = schema.files.atomic._recheck

    def recheck_then_edit(*args: object) -> None:
        real_recheck(*args)  # type: ignore[arg-type]
        if how == "in-place":
            with target.open("r+") as handle:  # the same size: only the bytes tell
                handle.write("a = 2\n")
        else:
            (tmp_path / "editor.swp").write_text("a = 2\n")
            os.replace(tmp_path / "editor.swp", target)

    monkeypatch.setattr(schema.files.atomic, "_recheck", recheck_then_edit)
    with pytest.raises(FileChanged):
        replace_file(target, b"a = 3\n", expected=b"a = 1\n")
    assert target.read_text() == "a = 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["advisors.toml"]


@pytest.mark.posix
def test_the_old_file_is_closed_before_it_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows cannot rename over a file that is open: without an exchange, the file read is let go
    of before `os.replace` (looked for among this process's open files, /dev/fd)."""
    monkeypatch.setattr(schema.files.atomic, "_renameat2", lambda: None)
    target = tmp_path / "advisors.toml"
    target.write_text("a = 1\n")
    old = target.stat()
    real_replace = os.replace
    open_then: list[bool] = []

    def replace(source: object, destination: object) -> None:
        open_then.append(any(_is(fd, old) for fd in os.listdir("/dev/fd")))
        real_replace(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    assert replace_file(target, b"a = 2\n", expected=b"a = 1\n")
    assert open_then == [False] and target.read_text() == "a = 2\n"


def _is(fd: str, info: os.stat_result) -> bool:
    try:
        now = os.fstat(int(fd))
    except (OSError, ValueError):
        return False
    return (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino)


# -- the pool of spawned workers ---------------------------------------------------------------------


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(schema.files.batch, "start_method", lambda: "spawn")
    monkeypatch.setattr(schema.files.batch, "SPAWN_THRESHOLD", 2)
    monkeypatch.setattr(schema.files.batch, "PARALLEL_THRESHOLD", 10**9)  # a fork would not be taken either
    yield


def test_spawned_workers_give_what_the_serial_run_gives(tmp_path: Path, spawned: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """fmt's formatting and export's checks and rows (validate's pipeline, whose workers make the
    meetings' rows from the root files' records handed to them as they start: else a second pool
    would parse the meetings again) from pools of spawned workers."""
    import multiprocessing

    from daicho.export import _roots
    from schema.files.repofiles import data_files
    from schema.load.formatting import format_files
    from schema.publish.export import collect
    from tests.helpers import make_v2_repo

    repo = make_v2_repo(tmp_path / "v2")
    (repo / "themes.toml").write_text((repo / "themes.toml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    serial = (format_files(repo, data_files(repo), jobs=1), collect(repo, _roots(repo), jobs=1, use_cache=False))
    pools: list[str] = []
    real_context = multiprocessing.get_context

    def context(method: str | None = None) -> object:
        pools.append(str(method))
        return real_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", context)
    pooled = (format_files(repo, data_files(repo), jobs=2), collect(repo, _roots(repo), jobs=2, use_cache=False))
    assert pools == ["spawn", "spawn"]
    assert pooled == serial
    assert [f.status.value for f in serial[0]].count("changed") == 1
    assert serial[1][0] == [] and len(serial[1][1]["consultations"]) == 5
