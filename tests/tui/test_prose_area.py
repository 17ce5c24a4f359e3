"""tui.widgets.prose_area: the editor of a text of paragraphs draws exactly what Textual's TextArea
draws — every row, with the cursor, a selection and typing — and redraws only the rows that changed
(issue 19, item 6: a keystroke at the end of a 10,000-character paragraph redrew every row)."""

from __future__ import annotations

import random

import pytest
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widgets import TextArea

from schema.models.common import MAX_PROSE
from tui.widgets.prose_area import ProseArea

CSS = "TextArea { height: 10; width: 61; }"


class Pair(App[None]):
    CSS = CSS

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        for cls, name in ((TextArea, "plain"), (ProseArea, "prose")):
            area = cls(self.text, soft_wrap=True, tab_behavior="focus", compact=True, id=name)
            area.cursor_blink = False
            yield area


def _rows(area: TextArea) -> list[list[tuple[str, object]]]:
    return [[(seg.text, seg.style) for seg in Strip.join([area.render_line(y)])] for y in range(area.size.height)]


def _texts(seed: int) -> str:
    rng = random.Random(seed)
    words = ["地域情報化", "アドバイザー", "DX", "の", "推進", " ", "data-driven", "、", "。", "\n", "\t", "x" * 70]
    return "".join(rng.choice(words) for _ in range(rng.randint(20, 200)))


@pytest.mark.parametrize("seed", range(2))
async def test_it_draws_what_text_area_draws(seed: int) -> None:
    app = Pair(_texts(seed))
    async with app.run_test(size=(130, 30)) as pilot:
        plain, prose = app.query_one("#plain", TextArea), app.query_one("#prose", ProseArea)
        rng = random.Random(seed)
        for step in range(10):
            area_actions = rng.choice(["type", "move", "select", "end", "home"])
            target = (rng.randint(0, plain.document.line_count - 1), rng.randint(0, 40))
            for area in (plain, prose):
                if area_actions == "type":
                    area.insert("追加x", area.cursor_location)
                elif area_actions == "move":
                    area.move_cursor(target)
                elif area_actions == "select":
                    area.move_cursor((0, 3), select=False)
                    area.move_cursor((area.document.line_count - 1, 2), select=True)
                elif area_actions == "end":
                    area.move_cursor(area.document.end)
                elif area_actions == "home":
                    area.move_cursor((0, 0))
            await pilot.pause()
            plain.scroll_to(y=prose.scroll_offset.y, animate=False)
            await pilot.pause()
            assert plain.scroll_offset == prose.scroll_offset
            assert plain.wrapped_document.height == prose.wrapped_document.height
            for line in range(plain.document.line_count):
                assert plain.wrapped_document.get_sections(line) == prose.wrapped_document.get_sections(line)
            focused = plain if step % 2 else prose  # the focused one shows its cursor
            focused.focus()
            await pilot.pause()
            rows = _rows(focused)
            other = prose if focused is plain else plain
            other.focus()
            await pilot.pause()
            assert _rows(other) == rows, (seed, step, area_actions)


async def test_rows_are_drawn_again_when_the_scrollbar_comes() -> None:
    """A text that grows past the area's height gets a scrollbar: every row is narrower."""
    app = Pair("短い行\n\n" + "地域情報化アドバイザー" * 15)  # eight rows; the first two the same at any width
    async with app.run_test(size=(130, 30)) as pilot:
        plain, prose = app.query_one("#plain", TextArea), app.query_one("#prose", ProseArea)
        app.set_focus(None)
        await pilot.pause()
        assert _rows(prose) == _rows(plain)  # drawn, and kept
        for area in (plain, prose):
            area.insert("推進" * 100, area.document.end)
        await pilot.pause()
        assert prose.scrollable_content_region.width < prose.size.width  # the scrollbar
        assert _rows(prose) == _rows(plain)


async def test_a_key_at_the_end_of_the_longest_paragraph_redraws_one_row() -> None:
    text = ("地域情報化アドバイザー" * MAX_PROSE)[:MAX_PROSE - 10]
    drawn: list[int] = []

    class Counting(ProseArea):
        def _render_line(self, y: int) -> Strip:
            drawn.append(y)
            return super()._render_line(y)

    class One(App[None]):
        CSS = CSS

        def compose(self) -> ComposeResult:
            yield Counting(text, soft_wrap=True, compact=True)

    app = One()
    async with app.run_test(size=(80, 20)) as pilot:
        area = app.query_one(Counting)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        for key in "abcde":
            drawn.clear()
            await pilot.press(key)
            await pilot.pause()
            assert len(drawn) <= 2, drawn  # the row typed into (and the one it wrapped from)
        assert area.text.endswith("abcde")
