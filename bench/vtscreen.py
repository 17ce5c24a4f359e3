"""A minimal terminal screen for bench/tui_e2e.py: which character, in which style, is in which cell.

It understands what Textual writes to an xterm-256color terminal — cursor positioning, text (wide
East Asian characters take two cells, measured with Rich's `get_character_cell_size`, the function
Textual lays the screen out with, so both agree), carriage return and line feed, erasing, SGR
styles (kept as the parameters in effect, not interpreted, except reverse video: the navigation
bar marks the current view with it) — and ignores modes. `version` counts the visible changes: a
frame that writes again what is already there (Textual redraws scrollbars so) changes nothing.

It answers the one query Textual makes of the terminal that matters here: whether it supports
synchronized output (mode 2026); it says yes, as current terminals do, so every frame arrives
between `ESC[?2026h` and `ESC[?2026l` and frames can be counted.

No autowrap (Textual turns it off), no scrolling regions: enough to read the screen, not to draw it.
"""

from __future__ import annotations

import codecs
import re

from rich.cells import get_character_cell_size

_TOKEN = re.compile(
    r"\x1b\[(?P<private>[?<>=]?)(?P<params>[0-9;:]*)(?P<inter>[ -/]*)(?P<final>[@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[()#%][ -~]"  # charset designation and the like
    r"|\x1b[ -~]"  # other two-byte escapes
    r"|(?P<control>[\x00-\x1a\x1c-\x1f\x7f])"
    r"|(?P<text>[^\x00-\x1f\x7f]+)"
)
_PARTIAL = 64
"""An unmatched escape this close to the end of the input waits for the next chunk."""
SYNC_END = "\x1b[?2026l"
SYNC_REPLY = b"\x1b[?2026;2$y"
"""DECRPM: mode 2026 (synchronized output) is supported and reset."""
REVERSE = "7"


class Screen:
    """`cols` × `rows` cells; feed it the bytes the program writes."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.x = self.y = 0
        self.cells = [[" "] * cols for _ in range(rows)]
        self.styles = [[""] * cols for _ in range(rows)]
        self.style: tuple[str, ...] = ()
        """The SGR parameters in effect since the last reset."""
        self._style_key = ""
        self.version = 0
        """Visible changes so far: a cell's character or style changed."""
        self.frames = 0
        """Synchronized-output frames ended so far."""
        self.replies: list[bytes] = []
        """Answers to the program's queries, for the caller to write back."""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""

    # -- reading ---------------------------------------------------------------------------------

    def line(self, y: int) -> str:
        """Row `y` (0-based; negative counts from the bottom), trailing blanks removed."""
        return "".join(self.cells[y]).rstrip()

    def lines(self) -> list[str]:
        return [self.line(y) for y in range(self.rows)]

    def text(self) -> str:
        return "\n".join(self.lines())

    def reversed_parts(self, y: int) -> list[str]:
        """The runs of row `y` written in reverse video, stripped."""
        parts, run = [], []
        for char, style in zip(self.cells[y], self.styles[y], strict=True):
            if REVERSE in style.split(";"):
                run.append(char)
            elif run:
                parts.append("".join(run).strip())
                run = []
        if run:
            parts.append("".join(run).strip())
        return [part for part in parts if part]

    # -- writing ---------------------------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        pos, end = 0, len(text)
        while pos < end:
            match = _TOKEN.match(text, pos)
            if match is None or match.group() in ("\x1b[", "\x1b]"):
                # an escape sequence cut by the end of the chunk (or garbage, skipped)
                if end - pos < _PARTIAL:
                    self._pending = text[pos:]
                    return
                pos += 1
                continue
            pos = match.end()
            if match["text"] is not None:
                self._write(match["text"])
            elif match["control"] is not None:
                self._control(match["control"])
            elif match["final"] is not None:
                self._csi(match["private"], match["params"], match["inter"], match["final"])

    def _put(self, x: int, char: str) -> None:
        row, styles = self.cells[self.y], self.styles[self.y]
        if row[x] != char or styles[x] != self._style_key:
            row[x], styles[x] = char, self._style_key
            self.version += 1

    def _write(self, text: str) -> None:
        row = self.cells[self.y]
        for char in text:
            width = get_character_cell_size(char)
            if width == 0:  # a combining mark joins the previous cell
                if self.x > 0:
                    row[self.x - 1] += char
                    self.version += 1
                continue
            if self.x + width > self.cols:  # no autowrap: the rest of the line is clipped
                self.x = self.cols
                continue
            # overwriting half of a wide character blanks its other half
            if row[self.x] == "" and self.x > 0:
                self._put(self.x - 1, " ")
            after = self.x + width
            if after < self.cols and row[after] == "":
                self._put(after, " ")
            self._put(self.x, char)
            if width == 2:
                self._put(self.x + 1, "")
            self.x += width

    def _control(self, char: str) -> None:
        if char == "\r":
            self.x = 0
        elif char == "\n":
            self.y = min(self.y + 1, self.rows - 1)
        elif char == "\b":
            self.x = max(self.x - 1, 0)

    def _csi(self, private: str, params: str, inter: str, final: str) -> None:
        if private == "?":
            if final == "h" and params == "1049":  # the alternate screen starts blank
                self._erase(0, 0, self.cols, self.rows)
            elif final == "l" and params == "2026":
                self.frames += 1
            elif final == "p" and inter == "$" and params == "2026":
                self.replies.append(SYNC_REPLY)
            return
        if private or inter:
            return
        if final == "m":
            self._sgr(params)
            return
        numbers = [int(n) if n.isdigit() else 0 for n in params.replace(":", ";").split(";")]
        first = numbers[0] or 1
        if final in "Hf":
            row = numbers[0] if numbers[0] else 1
            col = numbers[1] if len(numbers) > 1 and numbers[1] else 1
            self.y, self.x = min(row, self.rows) - 1, min(col, self.cols) - 1
        elif final == "A":
            self.y = max(self.y - first, 0)
        elif final == "B":
            self.y = min(self.y + first, self.rows - 1)
        elif final == "C":
            self.x = min(self.x + first, self.cols - 1)
        elif final == "D":
            self.x = max(self.x - first, 0)
        elif final == "G":
            self.x = min(first, self.cols) - 1
        elif final == "d":
            self.y = min(first, self.rows) - 1
        elif final == "K":
            start, stop = {0: (self.x, self.cols), 1: (0, self.x + 1), 2: (0, self.cols)}.get(
                numbers[0], (self.x, self.cols))
            self._erase(start, self.y, stop, self.y + 1)
        elif final == "J":
            if numbers[0] == 0:
                self._erase(self.x, self.y, self.cols, self.y + 1)
                self._erase(0, self.y + 1, self.cols, self.rows)
            elif numbers[0] == 1:
                self._erase(0, 0, self.cols, self.y)
                self._erase(0, self.y, self.x + 1, self.y + 1)
            else:
                self._erase(0, 0, self.cols, self.rows)
        elif final == "X":
            self._erase(self.x, self.y, min(self.x + first, self.cols), self.y + 1)

    def _sgr(self, params: str) -> None:
        """Keep the parameters in effect (a colour's own numbers kept with it, so that the 7 of
        `38;2;7;7;7` is not taken for reverse video); 0 or nothing resets."""
        codes = params.replace(":", ";").split(";") if params else ["0"]
        style = list(self.style)
        i = 0
        while i < len(codes):
            code = codes[i] or "0"
            if code in ("38", "48", "58"):  # a colour: 5;N or 2;R;G;B follow
                size = 3 if i + 1 < len(codes) and codes[i + 1] == "5" else 5
                style.append(":".join(codes[i:i + size]))
                i += size
                continue
            if code == "0":
                style = []
            elif code == "27":
                style = [c for c in style if c != REVERSE]
            else:
                style.append(code)
            i += 1
        self.style = tuple(style)
        self._style_key = ";".join(style)

    def _erase(self, x0: int, y0: int, x1: int, y1: int) -> None:
        saved = self.y
        for y in range(y0, y1):
            self.y = y
            for x in range(x0, x1):
                self._put(x, " ")
        self.y = saved
