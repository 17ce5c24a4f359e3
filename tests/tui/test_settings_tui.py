"""The terminal UI reads the repository's bureau from daicho.toml (schema.read.repobureau): the local
governments list shows that bureau's region, and a new meeting takes it as its bureau."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import SIZE, local_governments_listed, make_v2_repo
from tui.app import create_app


async def test_the_local_governments_list_follows_the_settings(tmp_path: Path) -> None:
    """Kanto's meetings, but daicho.toml says tohoku: Tohoku's region and the local governments
    with records are listed, not Kanto's without records."""
    repo = make_v2_repo(tmp_path / "repo")
    (repo / "daicho.toml").write_text('bureau = "tohoku"\n', encoding="utf-8")
    codes = await local_governments_listed(repo)
    assert "020001" in codes and "042021" in codes  # 青森県, 石巻市 (Tohoku)
    assert "112241" in codes  # 戸田市: Kanto, but its records name it
    assert "142034" not in codes  # 平塚市: Kanto, no records


async def test_a_new_meeting_takes_the_settings_bureau(tmp_path: Path) -> None:
    from tui.record_actions import _bureau

    repo = make_v2_repo(tmp_path / "repo")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE):
        await app.wait_loaded()
        assert _bureau(app) == "kanto"  # derived from the meetings
    (repo / "daicho.toml").write_text('bureau = "tohoku"\n', encoding="utf-8")
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE):
        await app.wait_loaded()
        assert _bureau(app) == "tohoku"
