"""Issue 8, the headless core: hostile input costs time in proportion to its size, never a traceback,
never a read or a write outside the repository; nothing read from a file reaches a terminal raw;
writes never replace an edit.

The denial-of-service tests compare two generated input sizes in one run (near-linear growth),
never a wall-clock limit.
"""

from __future__ import annotations

import os
import stat
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from schema.files import atomic
from schema.files.atomic import FileChanged, WriteRefused, clean_stale_temporaries, replace_file
from schema.files.cache import CACHE_DIR, read_cache_file, write_cache_file
from schema.files.textscan import MAX_ENTRIES, scan_bytes
from schema.load.loader import check_file, load_repository
from schema.load.suggest import MAX_PER_FILE, CandidateIndex, Suggestions
from schema.load.validation import validate_repository
from schema.words import invisible
from schema.words.problems import MAX_REPEATS, Problem, cap_repeats, weight
from schema.words.sanitize import markdown_code, printable
from tests.helpers import PROJECT, SEED_MEETING

MEETING = "meetings/2022-10-06-x.toml"
HEAD = ('id = "2022-10-06-x"\ntitle = "t"\nkind = "advisor-meeting"\nbureau = "kanto"\n'
        "date = 2022-10-06\nfiscal_year = 2022\nformat = \"online\"\n")


def seconds(work: Callable[[], object], repeat: int = 3) -> float:
    """The least CPU time of a few runs, the process's own (in-process work only): other work on
    the machine — a second test worker, another program — neither counts nor disturbs it much."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def grows_near_linearly(work: Callable[[int], object], small: int, factor: int = 4) -> tuple[float, float]:
    """Times for `small` and `factor`×`small`; the caller asserts their ratio stays far below the
    factor squared (what unknowns × candidates or a scan per problem would give)."""
    return seconds(lambda: work(small)), seconds(lambda: work(small * factor))


def people_meeting(count: int) -> bytes:
    """A meeting naming `count` unknown leaders among `count` people: every leader is a "did you
    mean" lookup among every person."""
    lines = [HEAD, "leaders = ["]
    lines += [f'    "leader-{i:05d}-q",' for i in range(count)]
    lines += ["]", ""]
    for i in range(count):
        lines += [f"[people.person-{i:05d}-x]", f'name = "n{i}"', 'kana = "か"', 'role = "guest"', ""]
    return "\n".join(lines).encode()


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


# -- denial of service ----------------------------------------------------------------------------


def test_did_you_mean_grows_linearly_with_unknowns_and_candidates() -> None:
    def check(count: int) -> None:
        result = check_file(Path("."), MEETING, people_meeting(count))
        assert codes(result.problems) == ["E302"] * (MAX_REPEATS + 1)

    small, large = grows_near_linearly(check, 500)
    assert large / small < 8, (small, large)  # 16 when every unknown is compared with every candidate


def test_references_of_a_file_that_does_not_load_are_checked_in_linear_time() -> None:
    """A meeting whose model does not build has its references read from the document, less those
    under a place the schema reported: thousands of errors and references, not their product."""
    def check(count: int) -> list[Problem]:
        people = [f'leaders = [{", ".join(f"{chr(34)}p-{i}-q{chr(34)}" for i in range(count))}]', ""]
        wrong = [f"[[agenda]]\nkind = \"remarks\"\ntitle = {i}\n" for i in range(count)]  # E203 each
        return check_file(Path("."), MEETING, (HEAD + "\n".join(people + wrong)).encode()).problems

    assert sorted(set(codes(check(50)))) == ["E203", "E302"]
    small, large = grows_near_linearly(check, 400)
    assert large / small < 8, (small, large)


def test_suggestions_still_find_a_typo_among_thousands() -> None:
    candidates = frozenset(f"advisor-{i:04d}-{name}" for i, name in enumerate(["okamura-hisakazu"] * 3000))
    index = CandidateIndex(candidates)
    assert index.closest("advisor-1234-okamura-hisakaz") == ["advisor-1234-okamura-hisakazu"]
    assert index.closest("x" * 10_000) == []  # a long value is not compared (length² work)


def test_suggestions_are_capped_per_file() -> None:
    suggestions = Suggestions()
    people = {f"person-{i}": None for i in range(100)}
    hints = [suggestions.hint(f"person-{i}x", people) for i in range(MAX_PER_FILE + 10)]
    assert all(hints[:MAX_PER_FILE]) and not any(hints[MAX_PER_FILE:])


def test_unknown_fields_are_capped_and_counted_in_linear_time() -> None:
    def check(count: int) -> list[Problem]:
        raw = (HEAD + "".join(f"x{i} = 1\n" for i in range(count))).encode()
        return check_file(Path("."), MEETING, raw).problems

    problems = check(5000)
    assert codes(problems) == ["E201"] * (MAX_REPEATS + 1)
    assert problems[-1].message == f"… and {5000 - MAX_REPEATS} more like this in this file"
    assert sum(weight(p) for p in problems) == 5000
    small, large = grows_near_linearly(check, 5000)
    assert large / small < 8, (small, large)


def test_a_file_of_too_many_entries_is_refused_before_the_models() -> None:
    """Every wrong entry costs the model validator memory: 2.5 million one-byte array elements
    (`[1,1,…]`, 5 MB) took a gigabyte. More than MAX_ENTRIES is E108, whatever the entries are."""
    raw = (HEAD + "leaders = [" + "1," * (MAX_ENTRIES + 1) + "]\n").encode()
    result = check_file(Path("."), MEETING, raw)
    assert codes(result.problems) == ["E108"] and result.model is None
    assert "more than 100,000 keys and array elements" in result.problems[0].message


def test_cap_repeats_counts_what_it_leaves_out_once() -> None:
    problems = [Problem("a.toml", n, 1, "E201", f"unknown field x{n}") for n in range(1, 31)]
    capped = cap_repeats(problems)
    assert len(capped) == MAX_REPEATS + 1 and capped[-1].line == MAX_REPEATS + 1
    assert cap_repeats([*capped, Problem("a.toml", 40, 1, "E201", "unknown field y")]) == [
        *capped[:-1], Problem("a.toml", MAX_REPEATS + 1, 1, "E201", "… and 11 more like this in this file",
                              "message.more_like_this", (("count", "11"),))]


def test_pool_workers_exit_when_the_parent_dies(tmp_path: Path) -> None:
    """A parent killed with SIGKILL (a cancelled CI job): its pool workers exit too."""
    import signal
    import subprocess
    import sys

    pids = tmp_path / "pids"
    script = f"""
import os, time
from pathlib import Path
from schema.files.batch import map_files
from tests.schema.load.test_hostile import wait_forever
map_files(wait_forever, Path({str(pids)!r}), [(str(i), b"") for i in range(400)], jobs=2)
"""
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT)
    workers: list[int] = []
    try:
        workers = _wait_for_workers(pids, 2)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10  # a timeout for the test, not a speed assertion
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in workers), workers
    finally:
        parent.kill()
        for pid in workers:  # the test's own workers, should they have outlived their parent
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_worker_whose_parent_is_gone_exits() -> None:
    """The fallback where PR_SET_PDEATHSIG is not there: a worker told of a parent that is not its
    own (as when the parent died before the worker started) exits."""
    import subprocess
    import sys

    script = "from schema.files.batch import die_with_parent\ndie_with_parent(1)\nprint('still here')\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            cwd=PROJECT)
    assert result.returncode == 1 and "still here" not in result.stdout


def wait_forever(folder: Path, relpath: str, raw: bytes) -> None:
    """A file job that says which process runs it, then blocks (see the test above)."""
    folder.mkdir(exist_ok=True)
    (folder / str(os.getpid())).touch()
    time.sleep(3600)


def _wait_for_workers(folder: Path, count: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = [int(p.name) for p in folder.iterdir()] if folder.exists() else []
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError("the workers did not start")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ")[-1][:1] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


# -- nothing outside the repository ---------------------------------------------------------------


def test_cache_folder_that_is_a_link_is_not_used(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / CACHE_DIR).symlink_to(outside)
    assert validate_repository(repo) == ([], 4)
    assert list(outside.iterdir()) == []


def test_cache_entries_that_are_links_or_devices_are_never_read_nor_written_through(
        repo: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    folder = repo / CACHE_DIR
    folder.mkdir()
    (folder / "validate.json").symlink_to(victim)
    (folder / "fmt.json").symlink_to("/dev/zero")
    (folder / ".gitignore").symlink_to(tmp_path / "created-outside")
    os.mkfifo(folder / "other.json")
    assert read_cache_file(repo, "validate.json") is None
    assert read_cache_file(repo, "fmt.json") is None
    assert read_cache_file(repo, "other.json") is None  # a pipe: no read, no wait
    assert validate_repository(repo) == ([], 4)
    assert victim.read_text() == "keep me\n"
    assert not (tmp_path / "created-outside").exists()
    assert (folder / "validate.json").is_file() and not (folder / "validate.json").is_symlink()


def test_cache_reads_are_bounded(repo: Path) -> None:
    assert write_cache_file(repo, "big.json", b"x" * 1000)
    assert read_cache_file(repo, "big.json", limit=999) is None
    assert read_cache_file(repo, "big.json", limit=1000) == b"x" * 1000


def test_data_files_and_meetings_leaving_the_repository_are_refused(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd.toml").write_text('a = "root:x:0:0"\na = "root:x:0:0"\n')
    (repo / "themes.toml").unlink()
    (repo / "themes.toml").symlink_to(secret / "passwd.toml")
    for entry in (repo / "meetings").iterdir():
        entry.unlink()
    (repo / "meetings").rmdir()
    (repo / "meetings").symlink_to(secret)
    problems, _ = validate_repository(repo, use_cache=False)
    assert [(p.path, p.code) for p in problems] == [("meetings", "E113"), ("themes.toml", "E113")]
    shown = "\n".join(p.format_text() for p in problems)
    assert "root:x" not in shown and "passwd" not in shown and str(secret) not in shown
    assert load_repository(repo).problems == problems


def test_a_meeting_that_links_out_is_one_problem_naming_the_link(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.toml").write_bytes((repo / SEED_MEETING).read_bytes())
    (repo / "meetings" / "2022-10-06-x.toml").symlink_to(tmp_path / "elsewhere.toml")
    problems, _ = validate_repository(repo, use_cache=False)
    assert [(p.path, p.code) for p in problems] == [(MEETING, "E113")]
    assert "elsewhere" not in problems[0].message


# -- tracebacks become problems -------------------------------------------------------------------


@pytest.mark.parametrize(("body", "line"), [
    ("x = " + "[" * 500 + "]" * 500 + "\n", 8),
    ("x = " + "{a = " * 500 + "1" + "}" * 500 + "\n", 8),
    ("title2 = 1\n" + ".".join(["a"] * 1500) + " = 1\n", 9),
    ("[" + ".".join(["a"] * 1500) + "]\nb = 1\n", 8),
])
def test_nesting_deeper_than_the_parser_allows_is_e109(body: str, line: int) -> None:
    result = check_file(Path("."), MEETING, (HEAD + body).encode())
    assert [(p.code, p.line) for p in result.problems] == [("E109", line)]
    assert "allowed" in result.problems[0].message


def test_nesting_the_parser_allows_is_located_without_a_traceback() -> None:
    body = "x = " + "[" * 399 + "]" * 399 + "\nleaders = " + "[" * 399 + "]" * 399 + "\n"
    result = check_file(Path("."), MEETING, (HEAD + body).encode())
    assert [(p.code, p.line) for p in result.problems] == [("E201", 8), ("E203", 9)]


def test_integers_of_more_than_4300_digits() -> None:
    result = check_file(Path("."), MEETING, (HEAD + "attendance.advisors = " + "9" * 5000 + "\n").encode())
    assert [(p.code, p.line, p.col) for p in result.problems] == [("E109", 8, 23)]
    assert "more than 4,300 digits" in result.problems[0].message
    # Hexadecimal has no digit limit in Python: the value parses and its message must not str() it.
    raw = (HEAD.replace("fiscal_year = 2022", "fiscal_year = 0x" + "f" * 5000)).encode()
    result = check_file(Path("."), MEETING, raw)
    assert codes(result.problems) == ["E203"]
    assert "an integer of 20000 bits" in result.problems[0].message


def test_long_values_are_cut_in_messages() -> None:
    raw = (HEAD.replace('bureau = "kanto"', 'bureau = "' + "k" * 100_000 + '"')).encode()
    (problem,) = check_file(Path("."), MEETING, raw).problems
    assert problem.code == "E203" and len(problem.message) < 400 and "…" in problem.message


# -- output that could be forged ------------------------------------------------------------------


def test_escaped_controls_in_strings_and_keys_are_e106_where_they_are() -> None:
    text = HEAD + 'theme_title = "\\u001b]0;pwned\\u0007 \\u001b[31mred"\nnote = "tab\\tand\\nnewline are text"\n'
    text += '[people."a\\u0000b"]\nname = "x\\r"\nkana = "か"\nrole = "guest"\n'
    problems = check_file(Path("."), MEETING, text.encode()).problems
    controls = [(p.line, p.message.split(";")[0]) for p in problems if p.code == "E106"]
    assert controls == [
        (8, "control character U+0007 BELL in a string, written as an escape"),
        (8, "control character U+001B ESCAPE in a string, written as an escape"),
        (10, "control character U+0000 NULL in a string, written as an escape"),
        (11, "control character U+000D CARRIAGE RETURN in a string, written as an escape"),
    ]


def test_escaped_invisible_characters_are_e105_and_raw_ones_are_not_reported_twice() -> None:
    text = HEAD + 'theme_title = "会\\u202e場\\U000e0041"\npurpose = "目\u200b的"\n'
    problems = check_file(Path("."), MEETING, text.encode()).problems
    # An escape in a value: at the value; a raw character: at its own column.
    assert [(p.code, p.line, p.col) for p in problems] == [
        ("E105", 8, 15), ("E105", 8, 15), ("E105", 9, 13)]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in problems[0].message + problems[1].message


def test_escapes_of_every_value_are_capped_per_code() -> None:
    text = HEAD + "leaders = [\n" + "".join(f'    "a\\u200b{i}",\n' for i in range(50)) + "]\n"
    problems = [p for p in check_file(Path("."), MEETING, text.encode()).problems if p.code == "E105"]
    assert len(problems) == MAX_REPEATS + 1 and problems[-1].message.startswith("… and 30 more")


@pytest.mark.parametrize("char", ["\u00ad", "\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u2800",
                                  "\ufe0f", "\U000e0100", "\u17b4", "\u17b5", "\ufff9", "\ufffa", "\ufffb"])
def test_more_invisible_characters_are_e105(char: str) -> None:
    _, problems = scan_bytes("themes.toml", f'label = "計画{char}策定"\n'.encode())
    assert codes(problems) == ["E105"]


def test_e105_is_unicode_default_ignorable_plus_the_fillers() -> None:
    sample = ("00AD          ; Default_Ignorable_Code_Point # Cf       SOFT HYPHEN\n"
              "# a comment\n"
              "180B..180D    ; Default_Ignorable_Code_Point # Mn   [3] MONGOLIAN FREE VARIATION SELECTOR ONE\n"
              "180E          ; Default_Ignorable_Code_Point # Cf       MONGOLIAN VOWEL SEPARATOR\n"
              "0041          ; Alphabetic # L&       LATIN CAPITAL LETTER A\n")
    assert invisible.parse_derived_core_properties(sample) == [(0xAD, 0xAD), (0x180B, 0x180E)]
    assert invisible.merge(list(invisible.DEFAULT_IGNORABLE)) == list(invisible.DEFAULT_IGNORABLE)
    # The table's ranges hold what Unicode says they do: format characters, marks, fillers, unassigned.
    for first, last in invisible.DEFAULT_IGNORABLE:
        for code in (first, last):
            assert unicodedata.category(chr(code)) in {"Cf", "Mn", "Lo", "Cn"}, hex(code)
    every = [chr(c) for first, last in invisible.DEFAULT_IGNORABLE + invisible.EXTRA_INVISIBLE
             for c in range(first, last + 1, 97)]
    for char in every:
        assert codes(scan_bytes("t.toml", f'a = "x{char}"\n'.encode())[1]) == ["E105"], hex(ord(char))


def test_printable_escapes_what_a_terminal_would_obey() -> None:
    assert printable("岡村\x1b]0;title\x07 \u202e\u200b\udcff") == "岡村\\u001b]0;title\\u0007 \\u202e\\u200b\\xff"
    assert printable("a\nb\tc") == "a\\nb\tc"
    assert printable("a\nb\r", multiline=True) == "a\nb\\r"
    assert printable("戸田市 (とだし)") == "戸田市 (とだし)"


def test_markdown_code_spans_hold_any_text() -> None:
    assert markdown_code("[x](https://evil) <img src=x> | `a``b`") == (
        "``` [x](https://evil) <img src=x> \\| `a``b` ```")
    assert markdown_code("x\n| a | b |") == "`x\\n\\| a \\| b \\|`"


# -- writes that never drop an edit ---------------------------------------------------------------


def test_an_edit_before_the_rename_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is edited after its new text was made, while the temporary file is written."""
    target = tmp_path / "advisors.toml"
    target.write_text("a = 1\n")
    real_fsync = os.fsync

    def edit_then_fsync(fd: int) -> None:
        target.write_text("a = 1\nb = 2\n")  # an editor saves in place
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", edit_then_fsync)
    with pytest.raises(FileChanged):
        replace_file(target, b"a = 3\n", expected=b"a = 1\n")
    assert target.read_text() == "a = 1\nb = 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["advisors.toml"]


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "rename"])
@pytest.mark.parametrize("how", ["in-place", "by-rename"])
def test_an_edit_during_the_rename_is_given_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 exchange: bool, how: str) -> None:
    """An edit that lands after the last check, as the rename happens: with an exchange (Linux)
    the edited file is put back; without one the file's bytes are read once more before the rename
    (tests/schema/files/test_portable.py). Never success."""
    target = tmp_path / "advisors.toml"
    target.write_text("a = 1\n")
    real_recheck = atomic._recheck

    def recheck_then_edit(*args: object) -> None:
        real_recheck(*args)  # type: ignore[arg-type]
        if how == "in-place":
            with target.open("a") as handle:
                handle.write("b = 2\n")
        else:
            (tmp_path / "editor.swp").write_text("a = 1\nb = 2\n")
            os.replace(tmp_path / "editor.swp", target)

    monkeypatch.setattr(atomic, "_recheck", recheck_then_edit)
    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda first, second: False)
    with pytest.raises(FileChanged):
        replace_file(target, b"a = 3\n", expected=b"a = 1\n")
    assert target.read_text() == "a = 1\nb = 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["advisors.toml"]


def test_the_exchange_is_used_on_linux(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.write_text("1")
    second.write_text("2")
    assert atomic._exchange(first, second)
    assert (first.read_text(), second.read_text()) == ("2", "1")


def test_a_file_already_holding_the_new_text_is_success(tmp_path: Path) -> None:
    """Two writers made the same canonical text: the second finds it there, and that is fine."""
    target = tmp_path / "themes.toml"
    target.write_bytes(b"canonical\n")
    assert replace_file(target, b"canonical\n", expected=b"old\n") is False


def test_owner_and_mode_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "themes.toml"
    target.write_text("a = 1\n")
    target.chmod(0o640)
    owner = (4242, 4343) if os.geteuid() == 0 else (os.geteuid(), os.getegid())
    os.chown(target, *owner)
    assert replace_file(target, b"a = 2\n")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (*owner, 0o640)


def test_read_only_and_hard_linked_files_are_refused(tmp_path: Path) -> None:
    read_only = tmp_path / "themes.toml"
    read_only.write_text("a = 1\n")
    read_only.chmod(0o444)
    with pytest.raises(WriteRefused, match="read-only"):
        replace_file(read_only, b"a = 2\n")
    assert read_only.read_text() == "a = 1\n"
    linked = tmp_path / "advisors.toml"
    linked.write_text("a = 1\n")
    os.link(linked, tmp_path / "other-name.toml")
    with pytest.raises(WriteRefused, match="2 hard links"):
        replace_file(linked, b"a = 2\n")
    assert (tmp_path / "other-name.toml").read_text() == linked.read_text() == "a = 1\n"
    assert os.stat(linked).st_ino == os.stat(tmp_path / "other-name.toml").st_ino


def test_stale_temporaries_are_removed_only_when_daicho_made_them(tmp_path: Path) -> None:
    (tmp_path / ".themes.toml.0123abcd.tmp").write_text("half")
    (tmp_path / ".themes.toml.tmp").write_text("someone else's")
    (tmp_path / "themes.toml").write_text("a = 1\n")
    assert clean_stale_temporaries(tmp_path) == [".themes.toml.0123abcd.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".themes.toml.tmp", "themes.toml"]
