"""Every structure of real reports (tests/schema/read/test_structures.py) shows in the terminal UI:
the record opened through the app shows what `daicho show` prints of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.read.readmodel import Ref
from tests.helpers import SIZE, V2_MEETING, document_text, make_v2_repo, squeezed
from tests.schema.read.test_structures import STRUCTURES
from tui.app import create_app
from tui.screens.lists import RecordList

RECORDS = sorted({s.record for s in STRUCTURES})


@pytest.mark.parametrize("record", RECORDS, ids=[f"{k}-{i}" for k, i in RECORDS])
async def test_each_structure_shows_in_the_ui(record: tuple[str, str], tmp_path: Path) -> None:
    repo = make_v2_repo(tmp_path / "repo")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.pause()
        app.open_ref(Ref(*record))  # type: ignore[arg-type]
        await pilot.pause()
        text = squeezed(document_text(app))
        for structure in (s for s in STRUCTURES if s.record == record):
            for shown in structure.shown:
                assert squeezed(shown) in text, (structure.name, shown)


async def test_the_local_governments_list_narrows_to_the_bureau(tmp_path: Path) -> None:
    """1,963 local governments: Kanto's 395 and those with records are listed; the filter finds any."""
    repo = make_v2_repo(tmp_path / "repo")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("4")
        await pilot.pause()
        view = app.screen.query_one("#view-municipality", RecordList)
        codes = {row.ref.id for row in view.table.rows}
        assert len(view.all_rows) == 1963
        assert "112241" in codes and "205419" in codes and "192015" in codes  # 戸田市, 小布施町 (about), 甲府市
        assert "472018" not in codes  # 那覇市: another bureau, no records
        assert len(codes) == 395 + 1  # Kanto, and 小布施町 (長野県) named by a talk
        await pilot.press("slash", *"なは")
        await pilot.pause()
        assert "472018" in {row.ref.id for row in view.table.rows}


async def test_multi_line_texts_show_in_full(tmp_path: Path) -> None:
    repo = make_v2_repo(tmp_path / "repo")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        app.open_ref(Ref("meeting", V2_MEETING))
        await pilot.pause()
        text = document_text(app)
        assert "派遣後のフォローアップの仕組みがあると定着しやすい。" in text
        assert "成果の共有の場を年に一度は設けたい。" in text  # an opinion's second line
        assert "申請のオンライン化と窓口の見直しを一体で進めた。" in text  # a summary's second line


async def test_every_value_of_the_example_meeting_shows_in_the_ui(tmp_path: Path) -> None:
    """The example records set every field of every model (schema/models/examples.py): the record screens
    of the running app show every value."""
    import tomli

    from schema.models import AdvisorsFile, Meeting
    from schema.models.examples import EXAMPLE_FILES, EXAMPLE_MEETING_ID
    from schema.words.catalogue import Catalogue
    from tests.schema.read.test_show_everything import expected

    for name, text in EXAMPLE_FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    meeting = Meeting.model_validate(tomli.loads(EXAMPLE_FILES[f"meetings/{EXAMPLE_MEETING_ID}.toml"]))
    advisors = AdvisorsFile.model_validate(tomli.loads(EXAMPLE_FILES["advisors.toml"]))
    app = create_app(tmp_path, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        for ref, model in ((Ref("meeting", EXAMPLE_MEETING_ID), meeting),
                           (Ref("advisor", "matsunaga-tomoya"), advisors.advisors["matsunaga-tomoya"])):
            app.open_ref(ref)
            await pilot.pause()
            text = document_text(app)
            assert [value for _, value in expected(model, Catalogue("ja")) if value not in text] == []
            await pilot.press("escape")
