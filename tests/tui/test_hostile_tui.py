"""Issue 8, the terminal UI: a record cannot drive the terminal, one bad file hides no other
record, and finding the record of each problem costs time in proportion to the file."""

from __future__ import annotations

from pathlib import Path

from schema.models import Records
from schema.read.xref import CrossIndex
from schema.words.problems import Problem
from tests.helpers import SEED_MEETING, SIZE
from tests.schema.load.test_hostile import seconds
from tui.app import create_app
from tui.data import Ref, RepoData
from tui.i18n import Catalogue
from tui.widgets.document import DocumentView
from tui.widgets.record_table import RecordTable

MEETING = "2022-10-05-kanto-advisor-meeting"
CONTROLS = {chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))} | {"\u202e"}


def test_problem_lookup_grows_linearly() -> None:
    """Each of `count` top-level unknown keys of advisors.toml is a problem on its own line; the
    lookup scanned every line above each problem for every key (1,000 keys: five minutes)."""

    def lookup(count: int) -> list[Ref | None]:
        text = "".join(f"k{i} = 1\n" for i in range(count)) + '[advisors.last]\nname = "x"\n'
        problems = [Problem("advisors.toml", i + 1, 1, "E201", f"unknown field k{i}") for i in range(count)]
        problems.append(Problem("advisors.toml", count + 2, 1, "E202", "missing field"))
        data = RepoData(Path("."))
        data.complete(Records(), problems, {"advisors.toml": text}, CrossIndex())
        data.exists = lambda ref: True  # type: ignore[method-assign]
        return [data.problem_ref(n) for n in range(len(problems))]

    refs = lookup(10)
    assert refs == [None] * 10 + [Ref("advisor", "last")]

    small, large = seconds(lambda: lookup(400), repeat=5), seconds(lambda: lookup(1600), repeat=5)
    assert large / small < 8, (small, large)  # cubic: 64


def test_an_integer_too_long_for_python_hides_no_other_record(tui_repo: Path) -> None:
    meeting = tui_repo / SEED_MEETING
    broken = tui_repo / "meetings" / "2022-11-01-kanto-advisor-meeting.toml"
    broken.write_text(meeting.read_text(encoding="utf-8").replace("2022-10-05", "2022-11-01")
                      .replace("fiscal_year = 2022", "fiscal_year = " + "9" * 5000), encoding="utf-8")
    data = RepoData.load(tui_repo, Catalogue("en"))
    assert list(data.records.meetings) == [MEETING]
    assert "okamura-hisakazu" in data.records.advisors
    assert [(p.path, p.code) for p in data.problems] == [(str(broken.relative_to(tui_repo)), "E109")]


async def test_record_text_reaches_the_screen_escaped(tui_repo: Path) -> None:
    meeting = tui_repo / SEED_MEETING
    text = meeting.read_text(encoding="utf-8")
    title = 'title = "令和4年度 関東総合通信局 地域情報化アドバイザー会議"'
    assert title in text
    hostile = 'title = "会議\\u001b]0;pwned\\u0007\\u001b[31m赤\\u202e"'
    meeting.write_text(text.replace(title, hostile), encoding="utf-8")
    app = create_app(tui_repo, "ja")
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.pause()
        table = app.screen.query_one("#table-meeting", RecordTable)
        shown = "".join(segment.text for y in range(3) for segment in table.render_line(y))
        assert "会議\\u001b]0;pwned\\u0007\\u001b[31m赤" in shown
        assert not CONTROLS & set(shown)
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        shown = "".join(segment.text for y in range(SIZE[1]) for segment in view.render_line(y))
        assert "会議\\u001b]0;pwned" in shown
        assert not CONTROLS & set(shown)
