"""Output paths (issue 19, item 2): `render --output` writes into a named pipe, a character device or
a process substitution as a stream, refuses a folder, a socket and a block device with one line, and
replaces only regular files, atomically. Run as root, the old `render` replaced the device file
itself (`--output /dev/null` replaced /dev/null).

The devices are nodes made in the test's folder where the test may make them (as root: a null device,
1:3, and a loop device node, 7:0, which is never opened), else the system's (/dev/null, and the first
block device in /dev, only looked at). POSIX (named pipes, device files, sockets, /dev/fd).
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from daicho.main import main
from tests.helpers import PROJECT

pytestmark = pytest.mark.posix

SEED_ID = "2022-10-05-kanto-advisor-meeting"
HEADLINE = "令和4年度 関東総合通信局 地域情報化アドバイザー会議"


def render_to(repo: Path, output: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--repo", str(repo), "render", "meeting", SEED_ID, "--output", output])
    return code, capsys.readouterr().err


def device(tmp_path: Path, kind: int, major: int, minor: int, system: Path | None) -> Path:
    """A device node of our own where we may make one (root), else the system's `system`."""
    node = tmp_path / f"device-{major}-{minor}"
    try:
        os.mknod(node, kind | 0o666, os.makedev(major, minor))
    except PermissionError:
        assert system is not None and system.exists()
        return system
    return node


def first_block_device() -> Path | None:
    return next((p for p in sorted(Path("/dev").iterdir()) if stat.S_ISBLK(p.stat().st_mode)), None)


class Reader(threading.Thread):
    """Reads everything from a file descriptor (the far end of a pipe) until the writer closes it."""

    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.fd = fd
        self.data = b""

    def run(self) -> None:
        chunks = []
        while chunk := os.read(self.fd, 65536):
            chunks.append(chunk)
        os.close(self.fd)
        self.data = b"".join(chunks)


def test_a_character_device_is_written_not_replaced(repo: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    null = device(tmp_path, stat.S_IFCHR, 1, 3, Path(os.devnull))
    before = os.stat(null)
    code, err = render_to(repo, str(null), capsys)
    assert code == 0, err
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert [p.name for p in null.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_dev_null_stays_a_device(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """/dev/null itself (never run this test on a daicho that replaces output files)."""
    code, err = render_to(repo, os.devnull, capsys)
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode) and os.stat(os.devnull).st_rdev == os.makedev(1, 3)


def test_a_named_pipe_is_written_as_a_stream(repo: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as handle:  # waits for the writer
            got.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    code, err = render_to(repo, str(fifo), capsys)
    reader.join(30)
    if reader.is_alive():  # nothing opened the pipe to write: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert code == 0, err
    assert got and HEADLINE in got[0].decode("utf-8")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_an_os_pipe_by_its_dev_fd_name(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    read, write = os.pipe()
    reader = Reader(read)
    reader.start()
    try:
        code, err = render_to(repo, f"/dev/fd/{write}", capsys)
    finally:
        os.close(write)
    reader.join(30)
    assert code == 0, err
    assert HEADLINE in reader.data.decode("utf-8")


def test_a_process_substitution(repo: Path, tmp_path: Path) -> None:
    """`daicho render … --output >(cmd)`, as bash runs it."""
    out = tmp_path / "through-cat.md"
    script = (f'"{sys.executable}" -m daicho --repo "{repo}" render meeting {SEED_ID} '
              f'--output >(cat > "{out}"); code=$?; wait; exit $code')
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=PROJECT, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 10  # cat may finish just after bash
    while HEADLINE not in (out.read_text(encoding="utf-8") if out.exists() else "") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert HEADLINE in out.read_text(encoding="utf-8")


def test_other_kinds_of_files_are_refused_with_one_line(repo: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    sock_path = tmp_path / "a.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(sock_path))
    block = device(tmp_path, stat.S_IFBLK, 7, 0, first_block_device())
    try:
        for path, what in ((folder, "a folder"), (sock_path, "a socket"), (block, "a block device")):
            before = os.lstat(path)
            code, err = render_to(repo, str(path), capsys)
            assert code == 2
            assert err == (f"daicho render: cannot write {path}: it is {what}; --output takes a file, "
                           "a named pipe or a character device\n")
            after = os.lstat(path)
            assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    finally:
        sock.close()


def test_a_regular_file_is_replaced_atomically(repo: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A new inode renamed over the old name: a reader holding the old file sees it whole."""
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "report.md"
    target.write_text("the old report\n", encoding="utf-8")
    with target.open(encoding="utf-8") as old:
        code, err = render_to(repo, str(target), capsys)
        assert code == 0, err
        assert old.read() == "the old report\n"
    assert HEADLINE in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.md"]


def test_our_own_standard_output_is_written_into(repo: Path, tmp_path: Path) -> None:
    """`--output /dev/stdout` with the standard output sent to a file: into that file, and the link
    /dev/stdout is never replaced."""
    out = tmp_path / "report.md"
    with out.open("wb") as handle:
        result = subprocess.run([sys.executable, "-m", "daicho", "--repo", str(repo), "render", "meeting", SEED_ID,
                                 "--output", "/dev/stdout"], stdout=handle, stderr=subprocess.PIPE, text=True,
                                cwd=PROJECT, timeout=120, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert result.returncode == 0, result.stderr
    assert HEADLINE in out.read_text(encoding="utf-8")
    assert os.path.islink("/dev/stdout")
