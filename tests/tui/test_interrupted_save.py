"""The UI, started on a repository whose last save of several files was cut short (the process
killed), finishes that save before it reads anything and says so (schema.files.journal)."""

from __future__ import annotations

from pathlib import Path

from schema.files.journal import apply_change, begin
from schema.load.loader import load_repository
from tests.helpers import SIZE, ready
from tests.schema.files.test_journal import RENAMED, rename
from tui.app import create_app


async def test_the_ui_finishes_an_interrupted_save_as_it_starts(repo: Path) -> None:
    changes = rename(repo)
    begin(repo, changes)
    apply_change(repo, changes[0])
    app = create_app(repo, "ja")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        said = [n.message for n in app._notifications]
        assert "中断されていた保存を最後まで行いました：2 ファイルを保存どおりの内容にしました" in said
        assert RENAMED in app.data.records.advisors and not app.data.problems
    assert all((repo / c.relpath).read_bytes() == c.after for c in changes)
    assert load_repository(repo).problems == []
