"""The editing form's help line follows the UI's language: the seed meeting's form in Japanese shows
the Japanese help of the field under the cursor (ja.toml `help.<model>.<field>`), in English the
field's docstring; an agenda item's shared fields have theirs too."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from schema.models import Meeting
from schema.models.docstrings import description
from schema.words.catalogue import Catalogue
from schema.words.i18n import record_strings
from tests.helpers import SIZE, make_repo
from tests.schema.words.test_field_help import form_fields
from tui.app import DaichoApp, create_app
from tui.screens.edit import EditScreen
from tui.widgets.fields import FieldRow

NARROW = (80, 24)
"""The smallest terminal the UI is made for."""

EXPECTED = {
    "ja": {
        "id": record_strings("ja")["help.Meeting.id"],
        "title": "公表された会議名を入力します。例：令和4年度 関東総合通信局 地域情報化アドバイザー会議",
        "fiscal_year": record_strings("ja")["help.Meeting.fiscal_year"],
        "item_title": record_strings("ja")["help._Item.title"],
    },
    "en": {
        "id": "YYYY-MM-DD-slug: the date, then a few words (2022-10-05-kanto-advisor-meeting); the file is "
              "meetings/<id>.toml.",
        "title": "The title as published.",
        "fiscal_year": " ".join(description(Meeting, "fiscal_year").split()),
        "item_title": "The item's title as stated (開会挨拶, the title of a talk); a talk without a title of its "
                      "own is titled by its kind (発表).",
    },
}


def help_line(app: DaichoApp) -> str:
    assert isinstance(app.screen, EditScreen), type(app.screen).__name__
    return str(app.screen.query_one("#field-help", Static).content)


def focused_field(app: DaichoApp) -> str:
    focused = app.focused
    row = next(w for w in (focused, *(focused.ancestors if focused else ())) if isinstance(w, FieldRow))
    return row.spec.name


async def open_seed_form(pilot: Pilot, app: DaichoApp) -> None:
    await app.wait_loaded()
    await pilot.press("1", "enter")
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_the_help_line_speaks_the_ui_language(lang: str, tmp_path: Path) -> None:
    app = create_app(make_repo(tmp_path / "records"), lang)
    expected = EXPECTED[lang]
    async with app.run_test(size=SIZE) as pilot:
        await open_seed_form(pilot, app)
        assert focused_field(app) == "id"
        assert help_line(app) == expected["id"]
        await pilot.press("down")
        await pilot.pause()
        assert focused_field(app) == "title"
        assert help_line(app) == expected["title"]
        assert isinstance(app.screen, EditScreen)
        app.screen.query_one("#row-fiscal_year", FieldRow).focus()
        await pilot.pause()
        assert help_line(app) == expected["fiscal_year"]
        app.screen._push(("agenda", 0))  # the opening remarks: a field every agenda kind shares
        await pilot.pause()
        assert isinstance(app.screen, EditScreen) and app.screen.path == ("agenda", 0)
        app.screen.query_one("#row-title", FieldRow).focus()
        await pilot.pause()
        assert help_line(app) == expected["item_title"]


async def test_japanese_help_is_not_the_docstring(tmp_path: Path) -> None:
    """The two languages' lines differ on every field of the seed meeting's form."""
    lines: dict[str, list[str]] = {}
    for lang in ("ja", "en"):
        app = create_app(make_repo(tmp_path / lang), lang)
        async with app.run_test(size=SIZE) as pilot:
            await open_seed_form(pilot, app)
            assert isinstance(app.screen, EditScreen)
            seen = []
            for row in app.screen.query(FieldRow):
                row.focus()
                await pilot.pause()
                seen.append(help_line(app))
            lines[lang] = seen
    assert len(lines["ja"]) == len(Meeting.model_fields)
    assert all(line for line in lines["ja"])
    assert [ja for ja, en in zip(lines["ja"], lines["en"], strict=True) if ja == en] == []


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_every_help_fits_the_help_line_at_80x24(lang: str, tmp_path: Path) -> None:
    """The help line shows at most two lines: every field's help, wrapped as the line wraps it at
    its width on an 80×24 terminal, fits (a longer one would lose its end)."""
    app = create_app(make_repo(tmp_path / "records"), lang)
    async with app.run_test(size=NARROW) as pilot:
        await open_seed_form(pilot, app)
        line = app.screen.query_one("#field-help", Static)
        width, height = line.content_region.width, line.styles.max_height
        assert height is not None and 60 < width < NARROW[0]
    catalogue = Catalogue(lang)
    too_long = [f"{model.__name__}.{spec.name}" for model, spec in form_fields()
                if len(Content(catalogue.field_help(spec)).wrap(width)) > height.value]
    assert too_long == []
