"""The terminal driver: Textual's own (Linux, macOS), with a bare Escape delivered after the
escape delay instead of after Textual's input poll.

A terminal sends the Escape key as the byte ESC, which also starts every escape sequence (arrow
keys, function keys), so Textual waits `ESCDELAY` milliseconds (100 by default) for more bytes
before it takes an ESC for the key. But its input thread only looks at that deadline when `select`
returns, and `select` waits up to 100 ms for input: the Escape always came 100 ms or more late,
whatever ESCDELAY said. Here the input thread waits no longer than the pending deadline, and the
delay is 50 ms unless ESCDELAY is set (neovim's default; tmux uses 10 ms).

That is safe where a key's sequence arrives in one piece, as terminals write it (locally and over
ssh, where it travels in one packet); a link that splits a sequence for longer than the delay
would show Escape and then the rest of the sequence as keys — set ESCDELAY higher there.
Terminals that speak the kitty keyboard protocol (which Textual asks for) send Escape unambiguously
and never wait.

The input thread also notices the end of its input: when the terminal goes away without a hangup
signal reaching daicho (a window or ssh session closed while it runs under `make run`, whose make
takes the signal), every read returns nothing at once, and Textual's thread read again without end,
a whole CPU for as long as nobody killed the process. Here the thread stops and tells the app
(`InputEnded`), which quits.

`run_input_thread` is Textual 8.2's, with the wait changed (`_wait`) and the end of input handled:
see the pin in pyproject.toml.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual import constants
from textual._loop import loop_last
from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

ESCAPE_DELAY = 0.050
"""Seconds an ESC waits for the rest of a sequence, unless ESCDELAY (milliseconds) says."""
POLL = 0.1
"""Seconds the input thread waits for input when nothing is pending (Textual's)."""


def set_escape_delay() -> None:
    """Use ESCAPE_DELAY unless the environment sets ESCDELAY (Textual reads it on import)."""
    if "ESCDELAY" not in os.environ:
        constants.ESCAPE_DELAY = ESCAPE_DELAY  # type: ignore[misc]


def _wait(parser: XTermParser) -> float:
    """How long to wait for input: until the parser's pending deadline (an ESC waiting for the
    rest of a sequence), else Textual's poll."""
    deadline = parser._timeout_time
    if deadline is None:
        return POLL
    return min(POLL, max(0.0, deadline - get_time()))


class InputEnded(Message):
    """The terminal's input ended (a read gave nothing): nobody can type any more."""


class Driver(LinuxDriver):
    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (as LinuxDriver's, waiting no longer than the
        parser's pending deadline); at the end of the input, stop and post `InputEnded`."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)

        fileno = self.fileno
        EVENT_READ = selectors.EVENT_READ

        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick

        decode = getincrementaldecoder("utf-8")().decode
        read = os.read

        ended = False

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
        ) -> None:
            nonlocal ended
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & EVENT_READ:
                    data = read(fileno, 1024 * 4)
                    if not data:  # the end of the input: the terminal is gone, or a pipe ended
                        ended = True
                        break
                    unicode_data = decode(data, final=final and last)
                    if not unicode_data:
                        break  # a character cut in two: the rest comes with the next read
                    for event in feed(unicode_data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set() and not ended:
                process_selector_events(selector.select(_wait(parser)))
            if ended:
                self.process_message(InputEnded())
                return
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
