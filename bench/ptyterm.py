"""A program in a pseudo-terminal, for bench/tui_e2e.py: keys in, screen out, every byte timed.

The program runs in a new session with the pty's slave end as its controlling terminal, stdin,
stdout and stderr, at a fixed size (`TIOCSWINSZ`). A thread reads the master end and timestamps
every chunk (`time.perf_counter`) the moment `os.read` returns; the measuring thread feeds the
chunks to a `bench.vtscreen.Screen` and decides when the screen has settled:

    settled = the expected text is on the screen, and the program has written nothing for
              `quiet` seconds; the time reported is that of the last VISIBLE change before the
              quiet window (a character or a style of a cell changed; the quiet window itself
              is not counted, nor frames that write again what is already there).

`shown` is the time to the chunk that put the expected text on the screen (what changed after
it were styles, such as the cursor's row, or other parts), `first_output` and `last_output` the
times to the first and last bytes written in answer. Linux only (reads /proc).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from bench.vtscreen import Screen

QUIET = 0.050
"""Seconds without output after which the screen counts as settled."""
TIMEOUT = 60.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class TerminalError(Exception):
    """The program did not show what was expected (the message ends with the screen)."""


@dataclass
class Settled:
    seconds: float
    """From the key (or the spawn) to the last visible change before the screen settled."""
    shown: float
    """From the key to the chunk after which the expected text was on the screen (and stayed);
    what changed after it were styles (the cursor's row, scrollbars) or other parts."""
    first_output: float
    """From the key to the first byte written in answer."""
    last_output: float
    """From the key to the last byte written before the quiet window, visible or not (Textual
    redraws unchanged scrollbars for a few frames)."""
    frames: int
    """Frames (synchronized-output updates) written in answer."""
    screen: str
    """The screen's text once settled."""


class Terminal:
    """`argv` running in a `cols` × `rows` pseudo-terminal. Use as a context manager."""

    def __init__(self, argv: Sequence[str], *, size: tuple[int, int] = (160, 45),
                 env: Mapping[str, str] | None = None, cwd: Path | None = None) -> None:
        self.argv = list(argv)
        self.cols, self.rows = size
        self.env = dict(os.environ if env is None else env)
        self.cwd = cwd
        self.screen = Screen(self.cols, self.rows)
        self.spawned = 0.0
        """perf_counter() just before the program was spawned."""
        self.process: subprocess.Popen[bytes] | None = None
        self._master = -1
        self._chunks: list[tuple[float, bytes]] = []
        self._seen = 0
        self._eof = False
        self._cond = threading.Condition()
        self._reader: threading.Thread | None = None

    # -- life --------------------------------------------------------------------------------------

    def __enter__(self) -> Terminal:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def start(self) -> float:
        """Spawn the program; returns the spawn time (perf_counter)."""
        # Timestamps are taken by the reader thread: let it have the interpreter soon after
        # `os.read` returns rather than after the default 5 ms switch interval.
        sys.setswitchinterval(0.0005)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        self._master = master
        self.spawned = time.perf_counter()
        try:
            self.process = subprocess.Popen(self.argv, stdin=slave, stdout=slave, stderr=slave,
                                            env=self.env, cwd=self.cwd, start_new_session=True,
                                            close_fds=True)
        finally:
            os.close(slave)
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()
        return self.spawned

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self._master, 1 << 16)
            except OSError:  # EIO: the program closed the terminal
                data = b""
            now = time.perf_counter()
            with self._cond:
                if data:
                    self._chunks.append((now, data))
                else:
                    self._eof = True
                self._cond.notify_all()
            if not data:
                return

    def close(self, timeout: float = 5.0) -> int | None:
        """Ask the program to quit (ctrl+q), then terminate it; returns its exit code."""
        process = self.process
        if process is None:
            return None
        if process.poll() is None:
            try:
                os.write(self._master, b"\x11")
                process.wait(timeout=timeout)
            except (OSError, subprocess.TimeoutExpired):
                with contextlib.suppress(OSError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(OSError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        if self._reader is not None:
            self._reader.join(timeout=timeout)
        with contextlib.suppress(OSError):
            os.close(self._master)
        self.process = None
        return process.returncode

    # -- keys and screen ---------------------------------------------------------------------------

    def write(self, data: bytes) -> float:
        """Write `data` as typed keys; returns the time just before the write."""
        start = time.perf_counter()
        os.write(self._master, data)
        return start

    def press(self, keys: bytes, ready: Callable[[Screen], bool], what: str,
              quiet: float = QUIET, timeout: float = TIMEOUT, silent_ok: bool = False) -> Settled:
        """Type `keys` and wait until the screen settles showing what `ready` looks for."""
        self.drain()
        return self.settle(ready, self.write(keys), what, quiet=quiet, timeout=timeout,
                           silent_ok=silent_ok)

    def drain(self) -> None:
        """Feed the screen whatever was written so far (before typing the next key)."""
        with self._cond:
            chunks = self._chunks[self._seen:]
            self._seen = len(self._chunks)
        for _, data in chunks:
            self._feed(data)

    def settle(self, ready: Callable[[Screen], bool], since: float, what: str,
               quiet: float = QUIET, timeout: float = TIMEOUT, silent_ok: bool = False) -> Settled:
        """Wait until `ready(screen)` holds and nothing was written for `quiet` seconds, counting
        from `since` (a key's write, or the spawn). Raises TerminalError after `timeout`.

        Unless `silent_ok` (a key that may change nothing), the program must write something."""
        deadline = since + timeout
        first = last = shown = visible = None
        if silent_ok:
            self.drain()
            last = since
            shown = since if ready(self.screen) else None
        frames_before = self.screen.frames
        while True:
            with self._cond:
                chunks = self._chunks[self._seen:]
                self._seen = len(self._chunks)
                eof = self._eof and not chunks
            for stamp, data in chunks:
                version = self.screen.version
                self._feed(data)
                if stamp < since:
                    continue
                first = stamp if first is None else first
                last = stamp
                if self.screen.version != version:
                    visible = stamp
                if not ready(self.screen):
                    shown = None
                elif shown is None:
                    shown = stamp
            now = time.perf_counter()
            is_ready = last is not None and shown is not None
            if is_ready and last is not None and now - last >= quiet:
                assert shown is not None
                return Settled(
                    seconds=max(visible or shown, shown) - since, shown=shown - since,
                    first_output=(first or last) - since, last_output=last - since,
                    frames=self.screen.frames - frames_before, screen=self.screen.text())
            if eof or now > deadline:
                state = "the program exited" if eof else f"nothing after {timeout:.0f} s"
                if last is None:
                    state += "; it wrote nothing after the key"
                raise TerminalError(f"{what}: {state}. The screen:\n{self.screen.text()}")
            wait = quiet - (now - last) if is_ready and last is not None else 0.02
            with self._cond:
                if len(self._chunks) == self._seen and not self._eof:
                    self._cond.wait(max(wait, 0.001))

    def _feed(self, data: bytes) -> None:
        self.screen.feed(data)
        if self.screen.replies:
            for reply in self.screen.replies:
                os.write(self._master, reply)
            self.screen.replies.clear()

    # -- the process -------------------------------------------------------------------------------

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def peak_rss_kb(self) -> int:
        """The resident set's high-water mark (VmHWM) of the program's process, in kB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise TerminalError("no VmHWM in /proc/PID/status")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the program's process so far (all its threads)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def wait_idle(self, window: float = 0.3, timeout: float = 30.0) -> float:
        """Until the program used less than 3 % of a CPU over `window` seconds (its work in
        threads done); returns the seconds waited."""
        start = time.perf_counter()
        before = self.cpu_seconds()
        while time.perf_counter() - start < timeout:
            time.sleep(window)
            self.drain()
            now = self.cpu_seconds()
            if now - before < 0.03 * window + 1 / CLOCK_TICKS:
                break
            before = now
        return time.perf_counter() - start

