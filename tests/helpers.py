"""Helpers shared by every test package: where things are, and small repositories built in tmp_path
(tests never touch the shipped records). Fixtures live in the conftest.py files; this module holds
the plain functions and constants they and the tests use."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "tests" / "fixtures"
REFERENCE = PROJECT / "schema" / "reference"
"""The national list of local governments, shipped inside the project."""
SEED = FIXTURES / "seed-report-2022-10-05-kanto.txt"
"""The published report of the seed meeting."""
SEED_MEETING = "meetings/2022-10-05-kanto-advisor-meeting.toml"
DATA_FILES = ("themes.toml", "municipalities.toml", "advisors.toml")


def examples(count: int) -> int:
    """The examples of a property that asks for `count`: `count` under `make test`'s Hypothesis
    profile (100 examples a property), in proportion under another (tests/conftest.py: `make
    check`'s "quick" a tenth, "thorough" ten times)."""
    from hypothesis import settings

    return max(1, count * settings().max_examples // 100)


def copy_records(target: Path) -> Path:
    """Copy the shipped data files (not the code) into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in DATA_FILES:
        shutil.copy2(PROJECT / name, target / name)
    shutil.copytree(PROJECT / "meetings", target / "meetings")
    return target


# -- small repositories for the terminal UI ------------------------------------------------------

SIZE = (160, 45)

# A handful of local governments: the two the shipped advisors work for, their prefecture, and
# Tokyo with one special ward (so that a prefecture lists its members).
MUNICIPALITIES_TOML = """\
[municipalities.110001]
name = "埼玉県"
kana = "さいたまけん"
kind = "prefecture"
url = "https://www.pref.saitama.lg.jp/"

[municipalities.112186]
name = "深谷市"
kana = "ふかやし"
kind = "city"
url = "https://www.city.fukaya.saitama.jp/"

[municipalities.112241]
name = "戸田市"
kana = "とだし"
kind = "city"
url = "https://www.city.toda.saitama.jp/"

[municipalities.130001]
name = "東京都"
kana = "とうきょうと"
kind = "prefecture"
url = "https://www.metro.tokyo.lg.jp/"

[municipalities.131016]
name = "千代田区"
kana = "ちよだく"
kind = "special-ward"
url = "https://www.city.chiyoda.lg.jp/"
"""

BROKEN_MEETING = "meetings/2023-02-01-kanto-study-session.toml"
BROKEN_MEETING_TOML = """\
id = "2023-02-01-kanto-study-session"
title = "勉強会"
kind = "study-session
"""


def make_repo(target: Path) -> Path:
    """The shipped themes, advisors and meetings with a few local governments, in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("themes.toml", "advisors.toml"):
        shutil.copy2(PROJECT / name, target / name)
    shutil.copytree(PROJECT / "meetings", target / "meetings")
    (target / "municipalities.toml").write_text(MUNICIPALITIES_TOML, encoding="utf-8")
    return target


def break_repo(target: Path) -> Path:
    """A repository with problems: a dangling theme in an advisor's expertise (E304, the record
    loads), a meeting file that does not parse (E109, nothing loads from it)."""
    advisors = target / "advisors.toml"
    text = advisors.read_text(encoding="utf-8")
    assert '    "planning-support",\n]' in text
    advisors.write_text(text.replace('    "planning-support",\n]',
                                     '    "planning-support",\n    "smart-city",\n]', 1),
                        encoding="utf-8")
    (target / BROKEN_MEETING).write_text(BROKEN_MEETING_TOML, encoding="utf-8")
    return target



def add_meeting(target: Path, date: str) -> str:
    """A copy of the shipped meeting held on another day (same fiscal year); its id."""
    source = target / "meetings" / "2022-10-05-kanto-advisor-meeting.toml"
    meeting_id = f"{date}-kanto-advisor-meeting"
    text = source.read_text(encoding="utf-8")
    text = text.replace('id = "2022-10-05-kanto-advisor-meeting"', f'id = "{meeting_id}"', 1)
    text = text.replace("date = 2022-10-05", f"date = {date}", 1)
    (target / "meetings" / f"{meeting_id}.toml").write_text(text, encoding="utf-8")
    return meeting_id


def check_digit(code5: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def add_tokyo_cities(target: Path, count: int) -> None:
    """`count` made-up cities of Tokyo whose readings all sort before 東京都 (とうきょうと)."""
    kana = "あいうえおかきくけこさしすせそ"
    lines = []
    for number in range(count):
        code5 = f"132{number:02d}"
        reading = kana[number // len(kana)] + kana[number % len(kana)] + "し"
        lines += [f"[municipalities.{code5}{check_digit(code5)}]", f'name = "試験{number}市"',
                  f'kana = "{reading}"', 'kind = "city"', ""]
    with (target / "municipalities.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(lines))


# -- the v2 fixture repository: every structure of real reports -----------------------------------

V2_FIXTURES = FIXTURES / "v2"
V2_MEETING = "2023-11-14-kanto-advisor-meeting"
V2_SESSION = "2024-02-08-kanto-consultation-session"


def make_v2_repo(target: Path) -> Path:
    """The fixture meetings and advisors of tests/fixtures/v2 with the shipped themes and the
    national list of local governments."""
    shutil.copytree(V2_FIXTURES, target)
    for name in ("themes.toml", "municipalities.toml"):
        shutil.copy2(PROJECT / name, target / name)
    return target


# -- reading the terminal UI in Pilot tests -------------------------------------------------------


async def ready(app: Any, pilot: Any) -> None:
    """Until the UI has loaded the whole repository and drawn it."""
    await app.wait_loaded()
    await pilot.pause()


def document_text(app: Any) -> str:
    """The text of the record on screen: every block of its document, label and body."""
    from tui.widgets.document import DocumentView

    view = app.screen.query_one(DocumentView)
    return "\n".join("".join(span.text for span in (*b.prefix, *b.body)) for b in view.blocks)


async def local_governments_listed(repo: Path, lang: str = "ja") -> set[str]:
    """The codes the local governments list (4) of the app on `repo` shows once loaded."""
    from tui.app import create_app
    from tui.screens.lists import RecordList

    app = create_app(repo, lang)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_loaded()
        await pilot.press("4")
        await pilot.pause()
        view = app.screen.query_one("#view-municipality", RecordList)
        return {row.ref.id for row in view.table.rows}


def squeezed(text: str) -> str:
    """Text with every run of spaces made one (labels are padded differently in the UI and `show`)."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


# -- git repositories (daicho diff, the workflow, git-setup) --------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "daicho tests", "GIT_AUTHOR_EMAIL": "tests@daicho.invalid",
    "GIT_COMMITTER_NAME": "daicho tests", "GIT_COMMITTER_EMAIL": "tests@daicho.invalid",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}
"""Who commits, and no system or user git configuration (signing, hooks, default branch)."""


def git(cwd: Path, *args: str) -> str:
    """Run git in `cwd`; its output. Fails the test with git's message when git fails."""
    done = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def git_records(target: Path, branch: str = "main") -> Path:
    """A git repository of the shipped records in `target`: one commit on `branch`."""
    copy_records(target)
    git(target, "init", "--quiet", "--initial-branch", branch)
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "--message", "the shipped records")
    return target
