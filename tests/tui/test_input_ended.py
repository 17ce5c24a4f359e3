"""The terminal goes away without a hangup signal reaching daicho — a window or an ssh session
closed while it runs under `make run`, whose make takes the signal — and every read of its input
returns nothing: Textual's input thread read again without end, a whole CPU until somebody killed
the process (seen: 92 % of a CPU for six minutes). daicho quits instead (tui/driver.py, InputEnded).

The program runs in a pseudo-terminal of a session of its own, which is not its controlling
terminal: closing the terminal's side sends it no signal, as under make."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import copy_records


def test_the_program_quits_when_its_terminal_is_gone(tmp_path: Path) -> None:
    repo = copy_records(tmp_path / "repo")
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "ja_JP.UTF-8"}
    master, slave = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "daicho", "--repo", str(repo), "--lang", "ja"],
                               stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        shown, deadline = b"", time.monotonic() + 60  # a timeout for the test, not a speed assertion
        while "アドバイザー会議".encode() not in shown and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                shown += os.read(master, 1 << 16)
        assert "アドバイザー会議".encode() in shown, shown[-2000:]
        os.close(master)  # the terminal's side closes (nothing else holds it); no signal is sent
        master = -1
        try:
            code = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            raise AssertionError("daicho still runs 10 s after its terminal went away") from None
    finally:
        if master >= 0:
            os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
    assert code == 1
