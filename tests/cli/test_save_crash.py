"""A save of many files killed at any point — SIGKILL, or SIGHUP as when the terminal window of the
UI is closed — leaves the repository, once the next daicho command has run, as it was before the
save or as the save meant it: never half renamed (issue 19, item 1). The save's journal is finished
or rolled back by that command, and a command killed while it does so leaves it to the next one.

The saver is a child process forked from the test (daicho's modules already imported, so that a run
costs a fraction of a second) running `schema.edit.save.write_changes`, the function every save of
the UI goes through, on a rename of an advisor named by 400 meetings. It is killed by a hook: every
call that writes, syncs, renames or removes counts as a step, and at step k the child sends itself
the signal — the same as a kill from outside at that instant, at exactly the points that matter,
without timing. The steps are counted in a first run; the kills are spread over all of them.

fsync is a no-op in the children and during the commands, and the repositories are in memory
(/dev/shm) where the system has it: what is tested is a process that dies (its writes are in the
system's cache either way), not a machine that loses power. The last test sends the signal from
outside, to a saver of its own (its fsyncs made), and runs the command line in a process of its own.

POSIX only (fork, signals).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from daicho.main import main
from schema.edit.save import FileChange, write_changes
from schema.edit.session import EditSession
from schema.load.loader import load_repository
from schema.models import Target
from tests.helpers import PROJECT, SEED_MEETING, copy_records

pytestmark = pytest.mark.posix

MEETINGS = 400
ADVISOR = "okamura-hisakazu"
RENAMED = "okamura-hisakazu-renamed"
SEED_ID = Path(SEED_MEETING).stem


def _many_meetings(root: Path, count: int) -> None:
    """`count` meetings, each naming the advisor (copies of the seed meeting on other days)."""
    source = (root / SEED_MEETING).read_text(encoding="utf-8")
    day = dt.date(2000, 4, 3)
    for number in range(count - 1):
        day += dt.timedelta(days=1)
        meeting_id = f"{day.isoformat()}-kanto-m{number}"
        fiscal = day.year if day.month >= 4 else day.year - 1
        text = source.replace(f'id = "{SEED_ID}"', f'id = "{meeting_id}"', 1).replace(
            "date = 2022-10-05", f"date = {day.isoformat()}", 1).replace(
            "fiscal_year = 2022", f"fiscal_year = {fiscal}", 1)
        (root / "meetings" / f"{meeting_id}.toml").write_text(text, encoding="utf-8")


class Big:
    """The repository before the rename (`pristine`), the rename's changes, the file lists."""

    def __init__(self, base: Path) -> None:
        self.pristine = copy_records(base / "pristine")
        # The rename as the UI makes it, on the shipped records; the copies of the seed meeting
        # change as the seed meeting does (they differ in their id and date only).
        seed = EditSession(self.pristine, load_repository(self.pristine).records).rename_record(
            Target.ADVISOR, ADVISOR, RENAMED)
        assert sorted(c.relpath for c in seed) == ["advisors.toml", SEED_MEETING]
        _many_meetings(self.pristine, MEETINGS)
        meeting = next(c for c in seed if c.relpath == SEED_MEETING)
        old, new = f'advisor = "{ADVISOR}"'.encode(), f'advisor = "{RENAMED}"'.encode()
        assert (meeting.before or b"").replace(old, new) == meeting.after
        self.changes = [c for c in seed if c.relpath != SEED_MEETING] + [
            FileChange(relpath, before, before.replace(old, new))
            for relpath in sorted(f"meetings/{p.name}" for p in (self.pristine / "meetings").iterdir())
            for before in [(self.pristine / relpath).read_bytes()]]
        assert len(self.changes) == MEETINGS + 1
        self.old = {c.relpath: c.before for c in self.changes}
        self.new = {c.relpath: c.after for c in self.changes}
        self.listing = _listing(self.pristine)
        self.base = base

    def reset(self, root: Path) -> None:
        """Put a copy back as it was before the rename (after a kill test ends all old or all new)."""
        for change in self.changes:
            if _read(root / change.relpath) != change.before:
                assert change.before is not None
                (root / change.relpath).write_bytes(change.before)
        shutil.rmtree(root / ".daicho-cache", ignore_errors=True)
        assert self.state(root) == "old"

    def copy(self) -> Path:
        """A copy of the repository before the rename (made in the test's process)."""
        return Path(shutil.copytree(self.pristine, Path(tempfile.mkdtemp(dir=self.base)) / "repo", symlinks=True))

    def state(self, root: Path) -> str:
        """"old", "new", or what is wrong: how many files of each, what else lies there."""
        held = {relpath: _read(root / relpath) for relpath in self.old}
        old = sum(held[p] == self.old[p] for p in held)
        new = sum(held[p] == self.new[p] for p in held)
        strays = sorted(_listing(root) ^ self.listing)
        if strays:
            strays_said = f" and files that are not the records': {strays[:3]}"
        elif old == len(held):
            return "old"
        elif new == len(held):
            return "new"
        else:
            strays_said = ""
        if old == len(held) or new == len(held):
            return f"all {'old' if old == len(held) else 'new'}{strays_said}"
        return f"half renamed: {new} of {len(held)} files renamed, {old} as they were{strays_said}"


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _listing(root: Path) -> set[str]:
    """Every file of the repository but the cache folder's."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and not p.relative_to(root).as_posix().startswith(".daicho-cache/")}


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Big]:
    """In memory (/dev/shm) where there is such a folder: the kills are what is tested, and on a
    disk shared with other work each run would wait for the writeback of the files it rewrote."""
    shm = Path("/dev/shm")
    in_memory = shm.is_dir() and os.access(shm, os.W_OK)
    base = Path(tempfile.mkdtemp(prefix="daicho-crash-", dir=shm)) if in_memory else tmp_path_factory.mktemp("crash")
    try:
        yield Big(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)


# -- the saver, killed by a hook ------------------------------------------------------------------

STEPS = ("write", "fsync", "replace", "rename", "unlink", "rmdir")
"""The calls of `os` that count as steps (and renameat2's exchange, schema.files.atomic._exchange)."""


def _count_steps(at: int, signum: int) -> list[int]:
    """In a child: make every step count, and send `signum` to itself at step `at` (0: never); the
    count so far."""
    import schema.files.atomic

    seen = [0]

    def counting(real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            seen[0] += 1
            if seen[0] == at:
                os.kill(os.getpid(), signum)
                time.sleep(10)  # the signal is delivered before this returns
            return real(*args, **kwargs)
        return call

    if signum != signal.SIGKILL:
        signal.signal(signum, signal.SIG_DFL)
    for name in STEPS:
        real = (lambda *a, **k: None) if name == "fsync" else getattr(os, name)
        setattr(os, name, counting(real))
    schema.files.atomic._exchange = counting(schema.files.atomic._exchange)  # type: ignore[assignment]
    return seen


def _in_child(job: Callable[[], None], at: int, signum: int | None = None, counted: Path | None = None) -> int:
    """Run `job` in a forked child that dies at step `at` (of `signum`, by default SIGKILL; 0:
    never, and the steps taken are written to `counted`); the signal that ended it (0: none). (No
    signal named at import: the module imports on Windows too, where its tests are left out by their
    marker.)"""
    signum = signal.SIGKILL if signum is None else signum
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        code = 0
        try:
            seen = _count_steps(at, signum)
            job()
            if counted is not None:
                counted.write_text(str(seen[0]))
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return os.WTERMSIG(status)
    assert os.WEXITSTATUS(status) == 0, f"the child failed (exit {os.WEXITSTATUS(status)})"
    return 0


def _steps_of(job: Callable[[], None], tmp: Path) -> int:
    """How many steps `job` takes (counted in a child that is not killed)."""
    counted = tmp / "steps"
    assert _in_child(job, 0, counted=counted) == 0
    return int(counted.read_text())


def _spread(total: int, count: int) -> list[int]:
    """`count` steps spread over 1..total, the first and the last few included."""
    middle = [1 + (total - 1) * i // (count - 1) for i in range(count)]
    return sorted({1, 3, *middle, total - 1, total} - {0})


FMT = ("fmt", "--check", SEED_MEETING)
RENDER = ("render", "meeting", SEED_ID)
VALIDATE = ("validate",)
"""What runs after a kill: any command that reads the repository finishes or rolls back the save
(fmt and render cost little; validate reads every file)."""


def _command(root: Path, args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    """Run a command on `root` (paths relative to it); its standard error. validate must pass."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main(["--repo", str(root), *args])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    if args == VALIDATE:
        assert code == 0 and "no problems" in out, out + err
    return err


@pytest.fixture(scope="module")
def total(big: Big, tmp_path_factory: pytest.TempPathFactory) -> int:
    """The steps of the whole save."""
    probe = big.copy()
    steps = _steps_of(lambda: write_changes(probe, big.changes), tmp_path_factory.mktemp("steps"))
    assert big.state(probe) == "new"
    return steps


def test_a_rename_killed_at_any_point_is_all_old_or_all_new(big: Big, total: int, no_fsync: None,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Killed at steps spread over the whole save, from the journal's first byte to its removal;
    then a command; then `validate` passes wherever it is the command (no reference half renamed,
    no temporary file left)."""
    kills = [(signal.SIGKILL, at) for at in _spread(total, 6)] + [(signal.SIGHUP, total // 3),
                                                                   (signal.SIGHUP, total * 2 // 3)]
    commands = [FMT, RENDER, VALIDATE] + [FMT, RENDER] * 10
    outcomes: dict[str, int] = {}
    wrong = []
    root = big.copy()
    for (signum, at), command in zip(kills, commands, strict=False):
        if big.state(root) in ("old", "new"):
            big.reset(root)
        else:
            root = big.copy()
        killed = _in_child(lambda root=root: write_changes(root, big.changes), at, signum)  # type: ignore[misc]
        assert killed == signum, f"step {at} of {total}: the saver was not killed"
        err = _command(root, command, capsys)
        state = big.state(root)
        outcomes[state] = outcomes.get(state, 0) + 1
        if state not in ("old", "new"):
            wrong.append(f"killed ({signal.Signals(signum).name}) at step {at} of {total}, then "
                         f"daicho {' '.join(command)}: {state}")
            continue
        assert not (root / ".daicho-cache" / "journal").exists()
        if state == "new" and at < total - 1:
            assert "an interrupted save was finished: 401 files as the save meant them" in err, err
        assert len([line for line in err.splitlines() if "interrupted save" in line]) <= 1, err
    assert not wrong, "\n".join(wrong)
    assert outcomes.get("new", 0) > 4 and outcomes.get("old"), outcomes  # both ends were reached
    # The last kill: validate finishes the save itself, then checks a repository renamed through.
    root = big.copy()
    _in_child(lambda: write_changes(root, big.changes), total * 2 // 3, signal.SIGHUP)
    _command(root, VALIDATE, capsys)
    assert big.state(root) == "new"


def test_under_the_fallbacks_of_other_systems(big: Big, tmp_path: Path, no_fsync: None,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The same with the lock held through a lock file and files renamed by `os.replace` (no
    exchange), as on Windows and macOS (tests/schema/files/test_portable.py forces them the same way)."""
    import schema.files.atomic
    import schema.files.lock

    monkeypatch.setattr(schema.files.lock, "backend", lambda: "lockfile")
    monkeypatch.setattr(schema.files.atomic, "_renameat2", lambda: None)
    probe = big.copy()
    steps = _steps_of(lambda: write_changes(probe, big.changes), tmp_path)
    assert big.state(probe) == "new"
    root = big.copy()
    for at in (2, steps // 3, steps * 2 // 3, steps - 1):
        big.reset(root)
        _in_child(lambda: write_changes(root, big.changes), at)
        _command(root, RENDER, capsys)
        assert big.state(root) in ("old", "new"), f"killed at step {at} of {steps}: {big.state(root)}"


def test_a_recovery_killed_at_any_point_is_finished_by_the_next_command(
        big: Big, total: int, tmp_path: Path, no_fsync: None, capsys: pytest.CaptureFixture[str]) -> None:
    """Recovery is idempotent: killed while it finishes a save, the next command finishes it."""
    from schema.files.journal import recover

    def half_saved() -> Path:
        root = big.copy()
        _in_child(lambda: write_changes(root, big.changes), total // 2)
        assert big.state(root).startswith("half renamed")
        return root

    probe = half_saved()
    steps = _steps_of(lambda: recover(probe) and None, tmp_path)
    assert big.state(probe) == "new"
    for at in (1, steps // 3, steps * 2 // 3, steps - 1):
        root = half_saved()
        killed = _in_child(lambda root=root: recover(root) and None, at)  # type: ignore[misc]
        assert killed == signal.SIGKILL
        _command(root, FMT, capsys)
        assert big.state(root) == "new", f"recovery killed at step {at} of {steps}: {big.state(root)}"


def test_an_interrupted_save_over_an_edit_made_since_is_rolled_back(
        big: Big, total: int, no_fsync: None, capsys: pytest.CaptureFixture[str]) -> None:
    """A file of the save changed by someone else after the kill (an editor): the save is not
    finished over it; what the save wrote is put back and the edit is kept, as the notice says."""
    root = big.copy()
    _in_child(lambda: write_changes(root, big.changes), total // 2)
    untouched = next(c for c in reversed(big.changes) if _read(root / c.relpath) == c.before)
    edited = (untouched.before or b"") + b"# an editor's line\n"
    (root / untouched.relpath).write_bytes(edited)
    err = _command(root, FMT, capsys)
    assert (root / untouched.relpath).read_bytes() == edited
    for change in big.changes:
        if change is not untouched:
            assert _read(root / change.relpath) == change.before, change.relpath
    assert f"an interrupted save was rolled back: 401 files as they were before it; left as they are, " \
           f"changed since the save: {untouched.relpath}" in err


def test_a_save_killed_from_outside_is_all_old_or_all_new(big: Big, tmp_path: Path) -> None:
    """The same with a real signal from another process, sent as soon as the save has replaced its
    first file, then the command line in a process of its own."""
    import pickle

    plan = tmp_path / "changes.pickle"
    plan.write_bytes(pickle.dumps(big.changes))
    child = ("import pickle, sys\nfrom pathlib import Path\nfrom schema.edit.save import write_changes\n"
             "write_changes(Path(sys.argv[1]), pickle.loads(Path(sys.argv[2]).read_bytes()))\n")
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    root = big.copy()
    first = big.changes[0]
    saver = subprocess.Popen([sys.executable, "-c", child, str(root), str(plan)], env=env, cwd=PROJECT)
    deadline = time.monotonic() + 60  # a timeout for the test, not a speed assertion
    while _read(root / first.relpath) != first.after and saver.poll() is None and time.monotonic() < deadline:
        pass
    saver.send_signal(signal.SIGHUP)
    assert saver.wait(timeout=60) == -signal.SIGHUP, "the save ended before the signal"
    assert big.state(root).startswith("half renamed")
    result = subprocess.run([sys.executable, "-m", "daicho", "--repo", str(root), *RENDER],
                            capture_output=True, text=True, env=env, cwd=PROJECT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "an interrupted save was finished" in result.stderr
    assert big.state(root) == "new"
