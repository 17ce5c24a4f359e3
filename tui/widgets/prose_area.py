"""A text area that stays quick on a long paragraph: the editor of a text of paragraphs.

Textual's TextArea (8.2) is linear in the length of the line being edited several times a key: it
draws a row of a soft-wrapped line by making the whole line a rich Text and dividing it into its
rows (`TextArea._render_line`), its wrapped document finds the rows of a line the same way
(`WrappedDocument.get_sections`, asked where the cursor is), and it forgets every drawn row at each
edit. With a paragraph of 10,000 characters (MAX_PROSE, the most a text may hold) a key took about
100 ms. `ProseArea` differs in three places, each drawing or answering exactly what TextArea does:

- a drawn row is kept under what it shows (its text, the cursor and the selection on it, the
  styles), so a key redraws the rows that changed — typing at the end of a paragraph, one;
- the line it divides into rows is cleaned of control codes once, and divided without cleaning
  each row again (`_Line`);
- the rows of a line are slices of it (`_Sections.get_sections`), not a rich Text divided.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable, Iterable
from typing import Any

from rich.containers import Lines
from rich.control import strip_control_codes
from rich.text import Span, Text
from textual.cache import LRUCache
from textual.document._wrapped_document import WrappedDocument
from textual.strip import Strip
from textual.widgets import TextArea

ROWS_KEPT = 256
"""Drawn rows kept (a text area shows ten)."""
_STRIPPED = re.compile("[\x07\x08\x0b\x0c\x0d]")
"""The control codes rich strips from a Text (rich.control.STRIP_CONTROL_CODES)."""


class ProseArea(TextArea):
    """A TextArea whose drawn rows of soft-wrapped lines are kept while what they show is the same."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._rows: LRUCache[Hashable, Strip] = LRUCache(ROWS_KEPT)
        super().__init__(*args, **kwargs)

    @property
    def wrapped_document(self) -> WrappedDocument:
        return self._wrapped

    @wrapped_document.setter
    def wrapped_document(self, value: WrappedDocument) -> None:
        if type(value) is WrappedDocument:
            value.__class__ = _Sections  # the same object, answering get_sections by slicing
        self._wrapped = value

    def get_line(self, line_index: int) -> Text:
        return _Line.of(self.document.get_line(line_index))

    def render_line(self, y: int) -> Strip:
        key = self._row_key(y)
        if key is None:
            return super().render_line(y)
        strip = self._rows.get(key)
        if strip is None:
            strip = self._rows[key] = super().render_line(y)
        return strip

    def _row_key(self, y: int) -> Hashable | None:
        """What the row `y` shows, as a key (None: a row drawn as TextArea draws it, uncached)."""
        if not self.soft_wrap or not self.text or self.show_line_numbers or self.language is not None:
            return None
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        wrapped = self.wrapped_document
        if row >= wrapped.height:
            return None
        found = wrapped._offset_to_line_info[row]  # as TextArea._render_line reads it
        if found is None:
            return None
        line_index, section = found
        line = self.document[line_index]
        bounds = [0, *wrapped.get_offsets(line_index), len(line)]
        start, end = bounds[section], bounds[section + 1]
        text = line[start:end]
        if "\t" in text:  # a tab's width depends on what comes before the row
            return None
        selection = self.selection
        cursor_row, cursor_column = selection.end
        on_line = cursor_row == line_index
        on_row = on_line and start <= cursor_column <= end
        return (
            self.size, self.scrollable_content_region.size, scroll_x, row, line_index, start, text,
            on_line,  # the cursor's line has its own style
            (cursor_column - start, self._cursor_visible) if on_row else None,
            None if selection.start == selection.end else selection,
            self.has_focus, self.theme, self.rich_style, self._matching_bracket_location,
            self.match_cursor_bracket, self.highlight_cursor_line, self.read_only, self.show_cursor,
            self.cursor_blink, self.suggestion,
        )


class _Sections(WrappedDocument):
    """A wrapped document whose rows of a line are slices of it (the rows rich's divide gives)."""

    def get_sections(self, line_index: int) -> list[str]:
        line = self.document[line_index]
        if _STRIPPED.search(line) is not None:
            line = strip_control_codes(line)
        bounds = [0, *self.get_offsets(line_index), len(line)]
        return [line[start:end] for start, end in itertools.pairwise(bounds)]


class _Line(Text):
    """A line of the document as a rich Text, cleaned of control codes once, divided into rows
    without cleaning each again (the rows of a clean text are clean)."""

    __slots__ = ()

    @classmethod
    def of(cls, line: str) -> _Line:
        """What TextArea.get_line gives: `Text(line, end="", no_wrap=True)`."""
        if _STRIPPED.search(line) is not None:
            line = strip_control_codes(line)
        text: _Line = _clean(cls, line, end="")
        text.no_wrap = True
        return text

    def divide(self, offsets: Iterable[int]) -> Lines:
        bounds = [0, *offsets, len(self)]
        if len(bounds) == 2:
            return super().divide(())
        plain = self.plain
        rows = [_clean(Text, plain[start:end], style=self.style, justify=self.justify, overflow=self.overflow)
                for start, end in itertools.pairwise(bounds)]
        for span in self._spans:  # few: the cursor's line, the cursor, a selection
            for row, (start, end) in zip(rows, itertools.pairwise(bounds), strict=True):
                if span.start < end and span.end > start:
                    row._spans.append(Span(max(span.start, start) - start, min(span.end, end) - start, span.style))
        return Lines(rows)


def _clean(cls: type[Text], plain: str, style: Any = "", justify: Any = None, overflow: Any = None,
           end: str = "\n") -> Any:
    """A Text of `plain`, which is free of control codes already (Text() would scan it again)."""
    text = cls.__new__(cls)
    text._text = [plain]
    text.style = style
    text.justify = justify
    text.overflow = overflow
    text.no_wrap = None
    text.end = end
    text.tab_size = None
    text._spans = []
    text._length = len(plain)
    return text
