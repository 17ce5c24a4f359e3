"""`daicho diff` in scratch git repositories of the shipped records: changes in record terms, moves as
moves, dangling references, the three formats, the sides compared, and errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import schema.diff
from daicho.main import main
from tests.helpers import PROJECT, SEED_MEETING, copy_records, git, git_records

CONSULTATION = "agenda 5 オンライン相談会"
ONLINE_TOPIC = f"{CONSULTATION} › topics 2 行政手続きオンライン化"
ANSWER = "課題解決なのか、目標達成なのかを明確にすると良いのではないか。"


def run(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--repo", str(repo), "diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """The shipped records committed on main, and a branch `change` checked out."""
    repo = git_records(tmp_path / "records")
    git(repo, "checkout", "--quiet", "-b", "change")
    return repo


def edit(repo: Path, relpath: str, old: str, new: str, occurrence: int = 1) -> None:
    path = repo / relpath
    text = path.read_text(encoding="utf-8")
    parts = text.split(old)
    assert len(parts) > occurrence, f"{old!r} occurs fewer than {occurrence} times in {relpath}"
    path.write_text(old.join(parts[:occurrence]) + new + old.join(parts[occurrence:]), encoding="utf-8")


def change_answer(repo: Path) -> None:
    """Topic 2's first answer (the same text is topic 1's second answer): 目標 → 目的."""
    edit(repo, SEED_MEETING, ANSWER, ANSWER.replace("目標", "目的"), occurrence=2)


def move_agenda_item(repo: Path, source: int, target: int) -> None:
    """Move the agenda item at 1-based `source` to 1-based `target`, as an editor would cut and paste."""
    path = repo / SEED_MEETING
    head, *items = path.read_text(encoding="utf-8").split("\n[[agenda]]\n")
    items.insert(target - 1, items.pop(source - 1))
    path.write_text(head + "".join(f"\n[[agenda]]\n{item}" for item in items), encoding="utf-8")


def rename_theme(repo: Path) -> None:
    edit(repo, "themes.toml", "[themes.online-procedures]", "[themes.online-procedure]")


# -- the scenario ------------------------------------------------------------------------


def test_answer_move_and_renamed_theme(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change_answer(scratch)
    move_agenda_item(scratch, 4, 2)
    rename_theme(scratch)
    code, out, err = run(scratch, capsys=capsys)
    assert code == 1, err  # the renamed theme leaves references dangling
    lines = out.splitlines()
    assert lines[0].startswith("comparing the merge base of main and HEAD (")
    assert lines[0].endswith(") with the working tree")
    at = lines.index(f"changed  {SEED_MEETING} › {ONLINE_TOPIC} › answers 1: text")
    assert lines[at + 1].strip() == "課題解決なのか、目[-標-]{+的+}達成なのかを明確にすると良いのではないか。"
    assert f"moved    {SEED_MEETING} › agenda 2 親子ワーケーションの可能性: from 4 to 2" in lines
    # the items between the two positions shifted but did not move; nothing was added or removed
    assert sum(line.startswith("moved") for line in lines) == 1
    assert not any(line.startswith(("added", "removed")) and "agenda" in line for line in lines)
    assert "added    themes.toml › themes.online-procedure 行政手続きオンライン化" in lines
    assert "removed  themes.toml › themes.online-procedures 行政手続きオンライン化" in lines
    at = lines.index(f"dangling {SEED_MEETING} › {ONLINE_TOPIC}: theme")
    assert lines[at + 1].strip().startswith('E304 unknown theme "online-procedures"')
    dangling = [line for line in lines if line.startswith("dangling")]
    assert f"dangling {SEED_MEETING}: themes 2" in dangling  # the meeting's own list of themes
    assert any(line.startswith("dangling advisors.toml › advisors.oyama-mizuho 大山 水帆: expertise")
               for line in dangling)  # a file the change did not touch
    assert lines[-1] == "2 files, 4 changes, 5 dangling references"


def test_json_names_every_change(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change_answer(scratch)
    move_agenda_item(scratch, 4, 2)
    rename_theme(scratch)
    code, out, _ = run(scratch, "--format", "json", capsys=capsys)
    assert code == 1
    data = json.loads(out)
    assert data["base"]["description"] == "the merge base of main and HEAD"
    assert data["target"] == {"kind": "worktree", "commit": None, "description": "the working tree"}
    meeting = next(f for f in data["files"] if f["path"] == SEED_MEETING)
    kinds = [(c["kind"], c["name"]) for c in meeting["changes"]]
    assert kinds == [("moved", f"{SEED_MEETING} › agenda 2 親子ワーケーションの可能性"),
                     ("changed", f"{SEED_MEETING} › {ONLINE_TOPIC} › answers 1: text")]
    moved, changed = meeting["changes"]
    assert (moved["from"], moved["to"]) == (4, 2)
    assert changed["old"] == ANSWER
    assert changed["new"] == ANSWER.replace("目標", "目的")
    assert changed["keypath"] == ["agenda", 4, "topics", 1, "answers", 0, "text"]
    assert ["-", "標"] in changed["segments"] and ["+", "的"] in changed["segments"]
    assert {d["path"] for d in data["dangling"]} == {SEED_MEETING, "advisors.toml"}
    assert data["summary"] == {"files": 2, "changes": 4, "dangling": 5}


def test_markdown_one_collapsible_block_per_record(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change_answer(scratch)
    move_agenda_item(scratch, 4, 2)
    rename_theme(scratch)
    code, out, _ = run(scratch, "--format", "markdown", capsys=capsys)
    assert code == 1
    summaries = re.findall(r"<details><summary>(.*?)</summary>", out)
    assert len(summaries) == 3  # the meeting, and each of the two theme records
    assert summaries[0].startswith(f"<code>{SEED_MEETING}</code> 令和4年度 関東総合通信局")
    assert "目<del>標</del><ins>的</ins>達成" in out
    html = _render(out)
    assert html.count("<details>") == html.count("</details>") == 3
    assert "<del>標</del><ins>的</ins>" in html
    assert "Dangling references" in html


# -- what is compared ------------------------------------------------------------------------------


def test_theme_renamed_alone_dangles_where_it_is_used(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only themes.toml changed: the meetings and advisors that still use the old id are found."""
    rename_theme(scratch)
    code, out, _ = run(scratch, capsys=capsys)
    assert code == 1
    assert f"dangling {SEED_MEETING} › {ONLINE_TOPIC}: theme" in out.splitlines()
    assert "dangling advisors.toml › advisors.oyama-mizuho" in out


def test_references_resolve_against_a_root_file_with_an_invalid_record(
        scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The keys a reference may name are those of the root file's table, parsed: a record of it
    that is invalid (validate's business) neither hides a dangling reference nor makes one."""
    rename_theme(scratch)
    edit(scratch, "themes.toml", 'label_en = "Online administrative procedures"', "label_en = 3")
    code, out, _ = run(scratch, capsys=capsys)
    assert code == 1
    assert f"dangling {SEED_MEETING} › {ONLINE_TOPIC}: theme" in out.splitlines()
    assert "dangling advisors.toml › advisors.oyama-mizuho" in out
    assert "themes.toml: does not load (E203" in out  # its own references: not checked, and said so


def test_staged_compares_the_index(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change_answer(scratch)
    rename_theme(scratch)
    git(scratch, "add", "themes.toml")
    code, out, _ = run(scratch, "--staged", capsys=capsys)
    assert code == 1
    assert "with the index" in out.splitlines()[0]
    assert "answers 1: text" not in out  # not staged
    assert f"dangling {SEED_MEETING} › {ONLINE_TOPIC}: theme" in out  # read from the index


def test_two_revisions(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change_answer(scratch)
    git(scratch, "commit", "--quiet", "--all", "--message", "answer")
    code, out, _ = run(scratch, "main", "HEAD", capsys=capsys)
    assert code == 0
    assert out.splitlines()[0].startswith("comparing main (")
    assert f"changed  {SEED_MEETING} › {ONLINE_TOPIC} › answers 1: text" in out
    code, out, _ = run(scratch, "HEAD", "main", capsys=capsys)
    assert "目[-的-]{+標+}達成" in out  # the other way round


def test_ranges_as_git_reads_them(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change_answer(scratch)
    git(scratch, "commit", "--quiet", "--all", "--message", "answer")
    git(scratch, "checkout", "--quiet", "main")
    rename_theme(scratch)
    git(scratch, "commit", "--quiet", "--all", "--message", "theme on main")
    _, out, _ = run(scratch, "main...change", capsys=capsys)  # what the branch did since it forked
    assert out.splitlines()[0].startswith("comparing the merge base of main and change (")
    assert "answers 1: text" in out and "themes.online-procedure" not in out
    _, out, _ = run(scratch, "main..change", capsys=capsys)  # the two tips
    assert out.splitlines()[0].startswith("comparing main (")
    assert "answers 1: text" in out and "added    themes.toml › themes.online-procedures" in out


def test_new_and_untracked_meeting_is_added(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (scratch / SEED_MEETING).read_text(encoding="utf-8")
    new = "meetings/2022-11-01-kanto-advisor-meeting.toml"
    (scratch / new).write_text(source.replace("2022-10-05", "2022-11-01").replace(
        'title = "令和4年度', 'title = "臨時', 1), encoding="utf-8")
    code, out, _ = run(scratch, capsys=capsys)
    assert code == 0
    assert f"added    {new} (臨時 関東総合通信局 地域情報化アドバイザー会議)" in out.splitlines()
    code, out, _ = run(scratch, "--staged", capsys=capsys)
    assert "no changes in the records" in out  # untracked files are not in the index


def test_removed_person_still_named_dangles(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(scratch, SEED_MEETING, '[people.sato]\nname = "佐藤 美幸"\nkana = "さとう みゆき"\n'
         'title = "関東総合通信局情報通信部長"\nrole = "official"\n\n', "")
    code, out, _ = run(scratch, capsys=capsys)
    assert code == 1
    assert f"removed  {SEED_MEETING} › people.sato 佐藤 美幸" in out
    at = out.splitlines().index(f"dangling {SEED_MEETING} › agenda 6 閉会挨拶: speakers 1")
    assert out.splitlines()[at + 1].strip().startswith('E302 "sato" is not a person of this meeting')


def test_layout_only(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(scratch, SEED_MEETING, 'kind = "advisor-meeting"\nbureau = "kanto"',
         'bureau = "kanto"\nkind = "advisor-meeting"')
    code, out, _ = run(scratch, capsys=capsys)
    assert code == 0
    assert f"layout   {SEED_MEETING}" in out
    assert "the layout changed, not the records" in out


def test_broken_file_is_named_not_compared(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(scratch, SEED_MEETING, 'kind = "advisor-meeting"', 'kind = "advisor-meeting')
    code, out, err = run(scratch, capsys=capsys)
    assert code == 0, err
    assert f"unreadable {SEED_MEETING}" in out
    assert "in the working tree, the file is not valid TOML" in out


def test_main_branch_from_origin_head(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    origin = git_records(tmp_path / "origin", branch="trunk")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(origin), str(clone))
    git(clone, "checkout", "--quiet", "-b", "change")
    change_answer(clone)
    code, out, _ = run(clone, capsys=capsys)
    assert code == 0
    assert out.startswith("comparing the merge base of origin/trunk (origin/HEAD) and HEAD (")
    assert "answers 1: text" in out


def test_records_in_a_folder_of_the_git_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    top = tmp_path / "top"
    data = copy_records(top / "data")
    git(top, "init", "--quiet", "--initial-branch", "main")
    git(top, "add", "--all")
    git(top, "commit", "--quiet", "--message", "records in data/")
    change_answer(data)
    rename_theme(data)
    git(top, "commit", "--quiet", "--all", "--message", "change")
    code, out, _ = run(data, "HEAD~1", "HEAD", capsys=capsys)
    assert code == 1
    assert f"changed  {SEED_MEETING} › {ONLINE_TOPIC} › answers 1: text" in out
    assert "dangling advisors.toml › advisors.oyama-mizuho" in out


# -- cost ------------------------------------------------------------------------------------------


def test_only_changed_files_are_read(scratch: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    source = (scratch / SEED_MEETING).read_text(encoding="utf-8")
    for day in range(1, 41):
        date = f"2022-12-{day:02d}" if day <= 31 else f"2023-01-{day - 31:02d}"
        (scratch / f"meetings/{date}-kanto-advisor-meeting.toml").write_text(
            source.replace("2022-10-05", date), encoding="utf-8")
    git(scratch, "add", "--all")
    git(scratch, "commit", "--quiet", "--message", "forty more meetings")
    change_answer(scratch)
    parsed: list[object] = []
    real = schema.diff._document
    monkeypatch.setattr(schema.diff, "_document", lambda raw: parsed.append(raw) or real(raw))
    code, out, _ = run(scratch, "HEAD", capsys=capsys)
    assert code == 0
    assert len(parsed) == 2  # the one changed meeting, on either side
    assert "1 file, 1 change" in out


def test_a_text_edit_does_not_load_the_models(scratch: Path) -> None:
    """Changed text cannot make a reference dangle: no file is loaded, so Pydantic is not imported."""
    change_answer(scratch)
    code = ("import sys; from daicho.main import main; code = main(['--repo', sys.argv[1], 'diff']); "
            "print('MODELS', 'schema.models' in sys.modules, code)")
    done = subprocess.run([sys.executable, "-c", code, str(scratch)], cwd=PROJECT, capture_output=True,
                          text=True, check=False)
    assert done.stdout.splitlines()[-1] == "MODELS False 0", done.stderr
    move_agenda_item(scratch, 4, 2)  # a moved element changes no id either
    rename_theme(scratch)  # but a removed theme does
    done = subprocess.run([sys.executable, "-c", code, str(scratch)], cwd=PROJECT, capture_output=True,
                          text=True, check=False)
    assert done.stdout.splitlines()[-1] == "MODELS True 1", done.stderr


# -- output safety ---------------------------------------------------------------------------------

HOSTILE = '<img src=x> [a](http://x) ![i](http://y.png) | cell **b** `c` $x$ www.example.com\\n二行目'


def test_markdown_escapes_record_text(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(scratch, SEED_MEETING, ANSWER, HOSTILE, occurrence=2)
    edit(scratch, SEED_MEETING, 'title = "DX人材育成・活用"', 'title = "<b>DX</b> | [x](http://z)"')
    code, out, _ = run(scratch, "--format", "markdown", capsys=capsys)
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(rows) == 3  # the header and the two changes: no line break escaped a cell
    assert all(_cells(row) == 3 for row in rows)
    for raw in ("<img", "<b>", "](", "://", "www.", "**", "`", "$x"):
        assert raw not in out
    html = _render(out)
    assert "<img" not in html and "<a " not in html and "<b>" not in html and "<strong>" not in html
    assert "<code>c</code>" not in html
    assert "&lt;img src=x&gt;" in html  # shown, as text
    assert "二行目" in html and "<br>" in html
    assert html.count("<tr>") == 3


def test_text_shows_control_characters(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(scratch, SEED_MEETING, ANSWER, "\\u001b[2J消す\\u202e逆", occurrence=2)
    _, out, _ = run(scratch, capsys=capsys)
    assert "\x1b" not in out and "\u202e" not in out
    assert "⟨U+001B⟩[2J消す⟨U+202E⟩逆" in out


def test_colour_only_on_a_terminal_and_without_no_color(scratch: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    change_answer(scratch)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, _ = run(scratch, capsys=capsys)
    assert "目\x1b[31m標\x1b[0m\x1b[32m的\x1b[0m達成" in out
    assert "[-標-]" not in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(scratch, capsys=capsys)
    assert "\x1b[" not in out and "目[-標-]{+的+}達成" in out


# -- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["nope"], 'daicho diff: unknown revision "nope": not a branch, tag or commit of this repository'),
    (["main", "HEAD~9"], 'daicho diff: unknown revision "HEAD~9": not a branch, tag or commit of this repository'),
    (["--staged", "main", "HEAD"], "daicho diff: --staged compares with the index; give at most one revision (REV_A)"),
])
def test_usage_errors(scratch: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(scratch, *args, capsys=capsys)
    assert code == 2
    assert out == ""
    assert err == message + "\n"


def test_not_a_git_repository(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(repo, capsys=capsys)
    assert code == 2 and out == ""
    assert err == (f"daicho diff: {repo} is not in a git repository (daicho diff compares git revisions); "
                   "run it inside a clone\n")


def test_no_main_branch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_records(tmp_path / "records", branch="records")
    code, _, err = run(repo, capsys=capsys)
    assert code == 2
    assert err == ("daicho diff: no main branch to compare with (main, master or origin/HEAD); "
                   "name the revision: daicho diff REV\n")
    code, out, _ = run(repo, "records", capsys=capsys)
    assert code == 0 and "no changes in the records" in out


# -------------------------------------------------------------------------------------------------


def _render(markdown: str) -> str:
    """HTML as CommonMark with GitHub's tables renders it (raw HTML passed through, as GitHub does
    before it sanitises)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def _cells(row: str) -> int:
    """Cells of a Markdown table row: unescaped pipes, less the outer ones."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_line_breaks_added_and_removed_are_shown(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(scratch, "checkout", "--quiet", "main")  # the base: a text over two lines (the shipped records hold none)
    edit(scratch, SEED_MEETING, 'summary = "今年度は、', 'summary = """\n今年度は、')
    edit(scratch, SEED_MEETING, 'を実施しました。"\n', 'を実施しました。\n関東総合通信局では"""\n')
    git(scratch, "commit", "--quiet", "--all", "--message", "a summary over two lines")
    git(scratch, "checkout", "--quiet", "change")
    git(scratch, "merge", "--quiet", "main")
    edit(scratch, SEED_MEETING, "を実施しました。\n関東総合通信局では", "を実施しました。関東総合通信局では、\n")
    _, out, _ = run(scratch, capsys=capsys)
    assert "を実施しました。[-↵-]関東総合通信局では{+、↵" in out


def test_renamed_meeting(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = "meetings/2022-10-05-kanto-advisor-meeting-fy2022.toml"
    git(scratch, "mv", SEED_MEETING, new)
    edit(scratch, new, 'id = "2022-10-05-kanto-advisor-meeting"', 'id = "2022-10-05-kanto-advisor-meeting-fy2022"')
    code, out, _ = run(scratch, capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert f"renamed  {new}: from {SEED_MEETING}" in lines
    at = lines.index(f"changed  {new}: id")
    assert lines[at + 1].strip() == "2022-10-05-kanto-advisor-meeting{+-fy2022+}"
    assert lines[-1] == "1 file, 2 changes"
