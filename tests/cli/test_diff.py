"""`daicho diff` in scratch git repositories of the shipped records: changes in record terms, moves as
moves, dangling references, the three formats, the sides compared, and errors."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
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
    assert data["summary"] == {"files": 2, "changes": 4, "dangling": 5, "coarse": 0}


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
    """Changed text cannot make a reference dangle: no file is loaded, so Pydantic (and with it the
    models) is not imported."""
    change_answer(scratch)
    code = ("import sys; from daicho.main import main; code = main(['--repo', sys.argv[1], 'diff']); "
            "print('MODELS', 'pydantic' in sys.modules, code)")
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
    assert "\\u001b[2J消す\\u202e逆" in out  # as validate and show write them (schema.words.sanitize)


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


# -- bounded work and output (issue 19, items 4 and 5) -----------------------------------------------

SEED_SUMMARY = 'summary = "今年度は、'


def commit_on_main(repo: Path, change: Callable[[], None], message: str) -> None:
    """Make `change` on main (the base) and bring it into the branch `change`."""
    git(repo, "checkout", "--quiet", "main")
    change()
    git(repo, "commit", "--quiet", "--all", "--message", message)
    git(repo, "checkout", "--quiet", "change")
    git(repo, "merge", "--quiet", "main")


def test_a_text_too_costly_to_compare_by_character_is_compared_coarser(
        scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"ab"*9999 → "ba"*9999 took 28.9 s by character; compared by sentence, and said to be."""
    from daicho.diffformat import COARSE, md
    line = next(ln for ln in (scratch / SEED_MEETING).read_text(encoding="utf-8").splitlines()
                if ln.startswith(SEED_SUMMARY))
    commit_on_main(scratch, lambda: edit(scratch, SEED_MEETING, line, f'summary = "{"ab" * 9999}"'), "long")
    edit(scratch, SEED_MEETING, f'summary = "{"ab" * 9999}"', f'summary = "{"ba" * 9999}"')
    _, out, _ = run(scratch, capsys=capsys)
    lines = out.splitlines()
    at = lines.index(f"changed  {SEED_MEETING}: summary")
    assert lines[at + 2].strip() == COARSE["sentences"]
    assert any(line.startswith("1 text, list or element compared coarser than usual") for line in lines)
    _, out, _ = run(scratch, "--format", "markdown", capsys=capsys)
    assert md(COARSE["sentences"]) in out and "compared coarser than usual" in out
    _, out, _ = run(scratch, "--format", "json", capsys=capsys)
    data = json.loads(out)
    (change,) = data["files"][0]["changes"]
    assert change["granularity"] == "sentences" and data["summary"]["coarse"] == 1


def _many_long_themes(repo: Path, count: int, label: Callable[[int], str]) -> None:
    text = (repo / "themes.toml").read_text(encoding="utf-8")
    extra = "".join(f'\n[themes.t{n:05d}]\nlabel = "{label(n)}"\nkana = "て"\nlabel_en = "T"\n'
                    for n in range(count))
    (repo / "themes.toml").write_text(text + extra, encoding="utf-8")


def test_markdown_is_capped_and_says_what_it_left_out(scratch: Path) -> None:
    """4,000 records changed, each with a text of 200 characters: 2.4 MB of summary without the cap.
    Run as the workflow runs it: appended to a job summary that validate's summary already fills in
    part (GitHub takes 1 MiB of the whole file)."""
    long = "長い名前の" * 40
    commit_on_main(scratch, lambda: _many_long_themes(scratch, 4000, lambda n: f"{long}{n}"), "many themes")
    _many_long_themes(scratch, 0, str)
    text = (scratch / "themes.toml").read_text(encoding="utf-8")
    (scratch / "themes.toml").write_text(text.replace(f'label = "{long}', f'label = "{long}改'), encoding="utf-8")
    summary_file = scratch.parent / "summary.md"
    summary_file.write_bytes(b"x" * 300_000)  # what ran before
    with summary_file.open("ab") as handle:
        done = subprocess.run([sys.executable, "-m", "daicho", "--repo", str(scratch), "diff", "--format", "markdown"],
                              cwd=scratch, stdout=handle, stderr=subprocess.PIPE, check=False)
    assert done.returncode == 0, done.stderr
    size = summary_file.stat().st_size
    assert 1024 * 1024 - 8192 < size <= 1024 * 1024
    out = summary_file.read_bytes()[300_000:].decode("utf-8")
    shown_rows = sum(1 for line in out.splitlines() if line.startswith("| changed |"))
    assert 0 < shown_rows < 4000
    left_out = re.search(r"\*\*([0-9,]+) more entries \(changes, outlines, files not checked\) not shown "
                         r"here\*\*: a job summary holds at most 1 MiB", out)
    assert left_out is not None and int(left_out[1].replace(",", "")) == 4000 - shown_rows
    html = _render(out)
    assert html.count("<details>") == html.count("</details>") == shown_rows  # every block begun is closed


# -- output that cannot be forged (issue 19, items 8 and 10) ----------------------------------------

NEWLINE_NAME = "meetings/2022-10-05-a\nb.toml"


def test_a_file_name_holding_a_line_break_stays_on_its_line(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (scratch / NEWLINE_NAME).write_bytes((scratch / SEED_MEETING).read_bytes())
    _, out, _ = run(scratch, capsys=capsys)
    assert not any(line.startswith("b.toml") for line in out.splitlines())
    assert "added    meetings/2022-10-05-a\\nb.toml (令和4年度 関東総合通信局 地域情報化アドバイザー会議)" in out
    git(scratch, "add", "--all")
    git(scratch, "commit", "--quiet", "--message", "a name with a line break")
    for fmt in ("text", "markdown"):
        _, out, _ = run(scratch, "main", "change", "--format", fmt, capsys=capsys)
        assert not any(line.startswith("b.toml") for line in out.splitlines()), fmt
        assert "2022-10-05-a\\nb.toml" in out.replace("&#92;", "\\"), fmt
    _, out, _ = run(scratch, "main", "change", "--format", "json", capsys=capsys)
    assert json.loads(out)["files"][0]["path"] == NEWLINE_NAME  # data: the real name


def test_a_revision_argument_cannot_write_to_the_terminal(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(scratch, "\x1b]0;pwned\x07", capsys=capsys)
    assert code == 2 and out == ""
    assert "\x1b" not in err and "\x07" not in err
    assert err == ('daicho diff: unknown revision "\\u001b]0;pwned\\u0007": not a branch, tag or commit of this '
                   "repository\n")


def test_a_revision_named_in_the_heading_is_shown_safely(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A revision that exists can hold controls too (a search of commit messages)."""
    git(scratch, "commit", "--quiet", "--allow-empty", "--message", "mark \x1b[31m red")
    change_answer(scratch)
    rev = "HEAD^{/mark \x1b\\[31m}"
    for fmt in ("text", "markdown"):
        code, out, _ = run(scratch, rev, "--format", fmt, capsys=capsys)
        assert code == 0 and "\x1b" not in out, fmt
        assert "HEAD^{/mark \\u001b" in out.replace("&#92;", "\\").replace("&#91;", "["), fmt
    _, out, _ = run(scratch, rev, "--format", "json", capsys=capsys)
    assert "\x1b" not in out and json.loads(out)["base"]["description"] == rev


def test_json_names_that_are_not_utf8(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A strict parser refuses lone surrogates, escaped or not: the name is given as its bytes."""
    raw_name = b"meetings/2022-10-05-\xff.toml"
    (scratch / os.fsdecode(raw_name)).write_bytes((scratch / SEED_MEETING).read_bytes())
    _, out, _ = run(scratch, "--format", "json", capsys=capsys)
    out.encode("utf-8")  # strict: no lone surrogate written raw
    assert "\\ud" not in out.lower()  # nor as an escape
    (added,) = json.loads(out)["files"]
    assert added["path"] == "meetings/2022-10-05-\ufffd.toml"
    assert base64.b64decode(added["path_bytes"]) == raw_name


def test_a_root_file_replaced_by_a_link_is_a_link(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (scratch / "themes.toml").unlink()
    (scratch / "themes.toml").symlink_to("/etc/passwd")
    git(scratch, "add", "--all")
    git(scratch, "commit", "--quiet", "--message", "themes.toml is a link")
    for args in (["main", "change"], ["main"]):  # a commit, then the working tree
        _, out, _ = run(scratch, *args, capsys=capsys)
        assert "not valid TOML" not in out, args
        assert 'the file cannot be read: it is a symbolic link (to "/etc/passwd"), not a file' in out, args


# -- what was entered (issue 18: review of what was entered) ------------------------------------------


NEW_MEETING = "meetings/2022-11-01-kanto-advisor-meeting.toml"


def add_meeting(repo: Path) -> None:
    source = (repo / SEED_MEETING).read_text(encoding="utf-8")
    (repo / NEW_MEETING).write_text(source.replace("2022-10-05", "2022-11-01").replace(
        'title = "令和4年度', 'title = "臨時', 1).replace(ANSWER, "<b>www.example.com</b> @user $x$", 1),
        encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_added_meeting_is_shown_whole(scratch: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    add_meeting(scratch)
    _, out, _ = run(scratch, "--lang", lang, capsys=capsys)
    lines = out.splitlines()
    at = lines.index(f"added    {NEW_MEETING} (臨時 関東総合通信局 地域情報化アドバイザー会議)")
    shown = "\n".join(lines[at + 1:])
    for fact in ("臨時 関東総合通信局 地域情報化アドバイザー会議", "岡村 久和", "行政手続きオンライン化",
                 "<b>www.example.com</b> @user $x$", "オンライン相談会"):
        assert fact in shown, fact
    assert ("Agenda" if lang == "en" else "議事") in shown
    assert all(line.startswith(" " * 9) or not line for line in lines[at + 1:at + 40])


def test_an_added_meeting_in_markdown_and_json(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_meeting(scratch)
    _, out, _ = run(scratch, "--format", "markdown", capsys=capsys)
    html = _render(out)
    assert "<pre><code class=\"language-text\">" in html
    code = html.split("<pre><code class=\"language-text\">", 1)[1].split("</code></pre>", 1)[0]
    assert "&lt;b&gt;www.example.com&lt;/b&gt; @user $x$" in code  # shown as written, in a code block
    assert "岡村 久和" in code
    assert "<b>" not in html and "<a " not in html
    _, out, _ = run(scratch, "--format", "json", capsys=capsys)
    (added,) = json.loads(out)["files"]
    assert added["status"] == "added" and any("岡村 久和" in line for line in added["outline"])


def test_an_added_theme_is_shown_whole(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(scratch, "themes.toml", "[themes.bpr]",
         '[themes.open-data]\nlabel = "オープンデータ"\nkana = "おーぷんでーた"\n'
         'label_en = "Open data"\ndescription = "公共データの公開と活用。"\n\n[themes.bpr]')
    _, out, _ = run(scratch, capsys=capsys)
    lines = out.splitlines()
    at = lines.index("added    themes.toml › themes.open-data オープンデータ")
    assert "公共データの公開と活用。" in "\n".join(lines[at + 1:at + 8])
    assert "Open data" in "\n".join(lines[at + 1:at + 8])
    _, out, _ = run(scratch, "--format", "markdown", capsys=capsys)
    assert "公共データの公開と活用。" in out


def test_the_settings_file_is_compared_too(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """daicho.toml (the repository's settings) is a data file: a change of its bureau is shown, and
    a new one is added, as for every other data file (issue 17)."""
    (scratch / "daicho.toml").write_text('bureau = "kanto"\n', encoding="utf-8")
    code, out, _ = run(scratch, capsys=capsys)
    assert code == 0
    assert "added    daicho.toml" in out
    git(scratch, "add", "daicho.toml")
    git(scratch, "commit", "--quiet", "-m", "settings")
    (scratch / "daicho.toml").write_text('bureau = "tohoku"\n', encoding="utf-8")
    code, out, _ = run(scratch, "HEAD", capsys=capsys)
    assert code == 0
    assert "changed  daicho.toml: bureau" in out.splitlines()
