"""A scrolling document of wrapped text blocks, some of which are links to other records.

Detail views are documents: headings, fields, paragraphs and links. Only the lines on screen are
rendered (Line API). The cursor moves from link to link (Up/Down move to the next link on screen or
scroll, Tab/Shift+Tab jump to the next link anywhere); Enter or a click opens the link.
A group of blocks can be marked (the consultation a meeting was opened at) and an anchor scrolled to.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from schema.read.textmatch import normalize, query_terms
from schema.words.sanitize import printable
from tui.data import Ref
from tui.widgets.scrolling import set_virtual_size

ROLES = ("heading", "section", "label", "text", "link", "muted", "warning", "error", "id", "mark",
         "quote", "match")
GUTTER = 2


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    role: str = "text"


@dataclass(slots=True)
class Block:
    """A paragraph: an optional fixed-width prefix (a field's label) and a wrapped body."""

    body: list[Span]
    prefix: list[Span] = field(default_factory=list)
    indent: int = 0
    ref: Ref | None = None
    anchor: str | None = None
    group: str | None = None
    marks: tuple[str, ...] = ()
    """More anchors (the problems shown on this block), marked when the view marks one."""
    item: str | None = None
    """The entry of a list the block belongs to: the filter shows or hides an entry's blocks
    together (None: always shown)."""


class Doc:
    """Builds the blocks of a document."""

    def __init__(self, label_width: int = 16) -> None:
        self.blocks: list[Block] = []
        self.label_width = label_width
        self.group: str | None = None
        """Blocks added while this is set belong to the group (marked when the group is shown)."""

    def add(self, block: Block) -> Block:
        if block.group is None:
            block.group = self.group
        self.blocks.append(block)
        return block

    def blank(self) -> None:
        if self.blocks and self.blocks[-1].body:
            self.blocks.append(Block([]))

    def heading(self, text: str, *extra: Span) -> None:
        self.add(Block([Span(text, "heading"), *extra]))

    def section(self, title: str, count: int | None = None, indent: int = 0) -> None:
        self.blank()
        spans = [Span(title, "section")]
        if count is not None:
            spans.append(Span(f" ({count})", "muted"))
        self.add(Block(spans, indent=indent))

    def field(self, label: str, value: str | Iterable[Span] | None, *, ref: Ref | None = None,
              indent: int = 0, anchor: str | None = None) -> None:
        """A labelled value; nothing when the value is empty."""
        if value is None or value == "":
            return
        body = [Span(value, "link" if ref else "text")] if isinstance(value, str) else list(value)
        if not body:
            return
        self.add(Block(body, [self.label(label)], indent, ref, anchor))

    def label(self, text: str, width: int | None = None) -> Span:
        """A field's label padded to the labels' width (or `width`), to go before a value."""
        return Span(padded(text, self.label_width if width is None else width), "label")

    def text(self, text: str | None, role: str = "text", indent: int = 0,
             anchor: str | None = None) -> None:
        if text:
            for paragraph in text.strip("\n").split("\n"):
                self.add(Block([Span(paragraph, role)], indent=indent, anchor=anchor))
                anchor = None

    def link(self, text: str, ref: Ref | None, *extra: Span, indent: int = 0,
             prefix: Iterable[Span] = (), anchor: str | None = None) -> None:
        """A line that opens `ref`; plain text (marked as a warning) when the target is missing."""
        role = "link" if ref is not None else "warning"
        self.add(Block([Span(text, role), *extra], list(prefix), indent, ref, anchor))

    def spans(self, *spans: Span, indent: int = 0, prefix: Iterable[Span] = (),
              ref: Ref | None = None, anchor: str | None = None) -> None:
        self.add(Block(list(spans), list(prefix), indent, ref, anchor))


NO_LINE_START = frozenset("、。，．,.)）」』】〕〉》ー・:：;；!！?？々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ")
NO_LINE_END = frozenset("(（「『【〔〈《")


def wrap_cells(text: Text, width: int) -> list[Text]:
    """Wrap text to `width` cells the Japanese way: a line may break between any two wide
    characters (not before closing punctuation nor after an opening bracket) and at spaces; an
    ASCII word is kept whole where it fits on a line."""
    plain = text.plain
    if not plain:
        return [Text()]
    if cell_len(plain) <= width:
        return [text]
    offsets: list[int] = []
    start = 0
    line_width = 0
    last_break = -1
    for index, char in enumerate(plain):
        size = cell_len(char)
        if index > start:
            previous = plain[index - 1]
            wide = size > 1 or cell_len(previous) > 1
            if ((previous == " " or wide) and char not in NO_LINE_START
                    and previous not in NO_LINE_END):
                last_break = index
        if line_width + size > width and index > start:
            cut = last_break if last_break > start else index
            offsets.append(cut)
            start = cut
            line_width = cell_len(plain[start:index])
            last_break = -1
        line_width += size
    lines: list[Text] = []
    for line in text.divide(offsets):
        line.rstrip()
        lead = len(line.plain) - len(line.plain.lstrip(" "))
        lines.append(line[lead:] if lead and lines else line)
    return lines


def padded(text: str, width: int) -> str:
    """`text` padded with spaces to `width` cells, and at least one space after it."""
    return text + " " * max(1, width - cell_len(text))


@dataclass(slots=True)
class _Line:
    text: Text
    block: int


class DocumentView(ScrollView, can_focus=True):
    """A document of blocks with a link cursor."""

    DEFAULT_CSS = """
    DocumentView {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: scroll;
        background: $surface;
        padding: 0 1;
        & > .document--heading { color: $text-accent; text-style: bold; }
        & > .document--section { color: $text-primary; text-style: bold underline; }
        & > .document--label { color: $text-muted; }
        & > .document--text { }
        & > .document--link { color: $text-secondary; text-style: underline; }
        & > .document--muted { color: $text-muted; }
        & > .document--warning { color: $text-warning; }
        & > .document--error { color: $text-error; text-style: bold; }
        & > .document--match { text-style: bold reverse; }
        & > .document--id { color: $text-muted; text-style: italic; }
        & > .document--quote { color: $foreground; }
        & > .document--mark { color: $text-warning; background: $warning-muted; }
        & > .document--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .document--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"document--{role}" for role in (*ROLES, "cursor")}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "next_link", "keys.next_link", show=False),
        Binding("up", "previous_link", "keys.previous_link", show=False),
        Binding("tab", "jump_next", "keys.next_link", show=False),
        Binding("shift+tab", "jump_previous", "keys.previous_link", show=False),
        Binding("pagedown,space", "page_down", "keys.page_down", show=False),
        Binding("pageup", "page_up", "keys.page_up", show=False),
        Binding("home", "first", "keys.first", show=False),
        Binding("end", "last", "keys.last", show=False),
        Binding("enter", "open", "keys.open", id="open"),
    ]

    class LinkSelected(Message):
        def __init__(self, view: DocumentView, ref: Ref) -> None:
            super().__init__()
            self.view = view
            self.ref = ref

        @property
        def control(self) -> DocumentView:
            return self.view

    def __init__(self, blocks: list[Block], *, mark: Collection[str] = (), anchor: str | None = None,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.all_blocks = blocks
        """Every block; `blocks` are those the filter shows."""
        self.blocks = blocks
        self.mark = frozenset(mark)
        self.start_anchor = anchor
        """Where the view opens (not `anchor`: that is a method of Textual's widgets)."""
        self.links = [number for number, block in enumerate(blocks) if block.ref is not None]
        self.cursor: int | None = None
        """Block number of the link under the cursor."""
        self.filter_text = ""
        """What the filter holds (entries of lists that match it are shown)."""
        self._lines: list[_Line] = []
        self._first_line: list[int] = []
        self._line_count: list[int] = []
        self._width = -1
        self._pending_anchor = anchor is not None

    # -- content -----------------------------------------------------------------------------------

    def _set_shown(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.links = [number for number, block in enumerate(blocks) if block.ref is not None]
        self._width = -1
        self.cursor = None

    def replace(self, blocks: list[Block]) -> None:
        """New content (the record as loaded again): the scroll position and the filter kept."""
        top = round(self.scroll_y)
        self.all_blocks = blocks
        self._set_shown(self._filtered(self.filter_text))
        self._relayout()
        self.scroll_to(y=top, animate=False, force=True)
        self.cursor = self._first_visible_link()
        self.refresh()

    def filter(self, query: str) -> None:
        """Show the entries of the document's lists that match every word of `query` (the rest of
        the document stays)."""
        self.filter_text = query
        self._set_shown(self._filtered(query))
        self._relayout()
        self.scroll_to(y=0, animate=False, force=True)
        self.cursor = self._first_visible_link()
        self.refresh()

    def _filtered(self, query: str) -> list[Block]:
        terms = query_terms(query)
        if not terms:
            return self.all_blocks
        texts: dict[str, list[str]] = {}
        for block in self.all_blocks:
            if block.item is not None:
                texts.setdefault(block.item, []).extend(span.text for span in block.body)
        keys = {item: normalize(" ".join(parts)) for item, parts in texts.items()}
        shown = {item for item, key in keys.items() if all(term in key for term in terms)}
        return [block for block in self.all_blocks if block.item is None or block.item in shown]

    def has_anchor(self, anchor: str) -> bool:
        return any(block.anchor == anchor or anchor in block.marks for block in self.blocks)

    # -- layout ----------------------------------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        return {role: self.get_component_rich_style(f"document--{role}", partial=True)
                for role in ROLES}

    def _wrap(self, width: int) -> None:
        styles = self._styles()
        lines: list[_Line] = []
        first: list[int] = []
        counts: list[int] = []
        for number, block in enumerate(self.blocks):
            first.append(len(lines))
            prefix = Text()
            for span in block.prefix:
                prefix.append(printable(span.text, multiline=True), styles.get(span.role))
            body = Text()
            for span in block.body:  # record text: no escape sequence reaches the terminal
                body.append(printable(span.text, multiline=True), styles.get(span.role))
            lead = block.indent + prefix.cell_len
            body_width = max(8, width - GUTTER - lead)
            wrapped = wrap_cells(body, body_width)
            for row, part in enumerate(wrapped):
                line = Text(" " * block.indent)
                line.append_text(prefix if row == 0 else Text(" " * prefix.cell_len))
                line.append_text(part)
                lines.append(_Line(line, number))
            counts.append(len(wrapped))
        self._lines, self._first_line, self._line_count = lines, first, counts
        self._width = width
        set_virtual_size(self, Size(0, len(lines)))

    def _text_size(self) -> Size:
        """The text's area: the view's size less padding, border and scrollbars. Read from the
        size the layout gave the view, which is known before the view's region is."""
        width, height = self.outer_size
        gutter = self.styles.gutter + self.scrollbar_gutter
        return Size(max(0, width - gutter.width), max(0, height - gutter.height))

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        """The layout sized the view: wrap the text, size the scrollbars and place the cursor now,
        so that the first frame is the finished one (not the text, then the scrollbar's thumb and
        the cursor a frame or two later). Textual's own hook, private: tests/tui/test_drawing.py
        fails if it stops being called before the first line is drawn."""
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized:  # what a Resize event would say, a moment earlier
            self._relayout()
        return resized

    def on_mount(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._width = -1
        self.refresh()

    def _relayout(self) -> None:
        width, height = self._text_size()
        if width <= 0:
            return
        if width != self._width:
            self._wrap(width)
        if self._pending_anchor and height > 0:
            self._pending_anchor = False
            self.scroll_to_anchor(self.start_anchor)
        elif self.cursor is None:
            self.cursor = self._first_visible_link()
        self.refresh()

    def scroll_to_anchor(self, anchor: str | None) -> None:
        """Scroll the anchor's block to the top (with a line of context), the cursor to the first
        link from there."""
        target = next((n for n, b in enumerate(self.blocks)
                       if anchor and (b.anchor == anchor or anchor in b.marks)), None)
        if target is None:
            self.cursor = self._first_visible_link()
            return
        marked = [n for n in self.links if self._marked(self.blocks[n])]
        # A marked group's links may start above the anchor (a topic's respondents above its
        # question): show them too, with a line of context.
        first = min([target, *(n for n in marked if target - n <= 4)])
        top = max(0, self._first_line[first] - 2)
        self.scroll_to(y=top, animate=False, force=True)
        following = [n for n in self.links if n >= target]
        # With a marked group, the cursor stays within it; otherwise it takes the next link.
        candidates = sorted(marked, key=lambda n: (n < target, abs(n - target))) if self.mark else following
        self.cursor = next((n for n in candidates if self._visible(n, y=top)), None)
        self.refresh()

    # -- cursor ----------------------------------------------------------------------------------

    def _viewport(self, y: int | None = None) -> tuple[int, int]:
        top = round(self.scroll_y) if y is None else y
        return top, top + max(1, self._text_size().height) - 1

    def _visible(self, block: int, y: int | None = None) -> bool:
        top, bottom = self._viewport(y)
        first = self._first_line[block]
        return top <= first <= bottom

    def _first_visible_link(self) -> int | None:
        if not self._first_line:
            return None
        return next((n for n in self.links if self._visible(n)), None)

    def _set_cursor(self, block: int | None) -> None:
        self.cursor = block
        if block is not None:
            first = self._first_line[block]
            last = first + self._line_count[block] - 1
            top, bottom = self._viewport()
            if first < top:
                self.scroll_to(y=first, animate=False, force=True)
            elif last > bottom:
                height = bottom - top + 1
                self.scroll_to(y=min(first, last - height + 1), animate=False, force=True)
        self.refresh()

    def _scroll_by(self, lines: int) -> None:
        self.scroll_to(y=max(0, round(self.scroll_y) + lines), animate=False, force=True)
        if self.cursor is not None and not self._visible(self.cursor, self._target_y()):
            self.cursor = None
        self.refresh()

    def _target_y(self) -> int:
        return round(self.scroll_target_y)

    @property
    def current_ref(self) -> Ref | None:
        return self.blocks[self.cursor].ref if self.cursor is not None else None

    def action_next_link(self) -> None:
        if not self._first_line:
            return
        top, bottom = self._viewport()
        if self.cursor is None or not self._visible(self.cursor):
            candidates = [n for n in self.links if self._first_line[n] >= top]
        else:
            candidates = [n for n in self.links if n > self.cursor]
        following = candidates[0] if candidates else None
        if following is not None and self._first_line[following] <= bottom + 1:
            self._set_cursor(following)
        else:
            self._scroll_by(max(1, (bottom - top + 1) // 2))

    def action_previous_link(self) -> None:
        if not self._first_line:
            return
        top, bottom = self._viewport()
        if self.cursor is None or not self._visible(self.cursor):
            candidates = [n for n in self.links if self._first_line[n] <= bottom]
        else:
            candidates = [n for n in self.links if n < self.cursor]
        previous = candidates[-1] if candidates else None
        if previous is not None and self._first_line[previous] + self._line_count[previous] >= top:
            self._set_cursor(previous)
        else:
            self._scroll_by(-max(1, (bottom - top + 1) // 2))

    def action_jump_next(self) -> None:
        """Tab: the next link, from the last one the first (Tab wraps)."""
        following = [n for n in self.links if self.cursor is None or n > self.cursor]
        if following or self.links:
            self._set_cursor(following[0] if following else self.links[0])

    def action_jump_previous(self) -> None:
        previous = [n for n in self.links if self.cursor is None or n < self.cursor]
        if previous or self.links:
            self._set_cursor(previous[-1] if previous else self.links[-1])

    def action_page_down(self) -> None:
        top, bottom = self._viewport()
        self._scroll_by(bottom - top)

    def action_page_up(self) -> None:
        top, bottom = self._viewport()
        self._scroll_by(-(bottom - top))

    def action_first(self) -> None:
        self.scroll_to(y=0, animate=False, force=True)
        self._set_cursor(self.links[0] if self.links else None)

    def action_last(self) -> None:
        self.scroll_to(y=len(self._lines), animate=False, force=True)
        self._set_cursor(self.links[-1] if self.links else None)

    def action_open(self) -> None:
        ref = self.current_ref
        if ref is not None and self.cursor is not None and self._visible(self.cursor):
            self.post_message(self.LinkSelected(self, ref))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        number = round(self.scroll_y) + offset.y
        if 0 <= number < len(self._lines):
            block = self._lines[number].block
            if self.blocks[block].ref is not None:
                self._set_cursor(block)
                self.action_open()

    def _marked(self, block: Block) -> bool:
        """Whether the block is marked: its group (a consultation), its anchor (an agenda item) or
        one of its problems is what the view was opened at."""
        mark = self.mark
        return bool(mark) and (block.group in mark or block.anchor in mark or any(m in mark for m in block.marks))

    # -- rendering -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self._text_size().width
        if width != self._width:
            self._wrap(width)
        number = round(self.scroll_y) + y
        if number >= len(self._lines):
            return Strip.blank(width)
        line = self._lines[number]
        block = self.blocks[line.block]
        marked = self._marked(block)
        gutter = Segment("▌ " if marked else "  ",
                         self.get_component_rich_style("document--mark", partial=True) if marked else Style())
        segments = [gutter, *line.text.render(self.app.console)]
        strip = Strip(segments).adjust_cell_length(width)
        if line.block == self.cursor:
            cursor = self.get_component_rich_style("document--cursor", partial=True)
            strip = Strip(list(Segment.apply_style(strip, post_style=cursor)), strip.cell_length)
        return strip
