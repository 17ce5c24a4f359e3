"""The installed daicho, outside its checkout: the wheel built from the sdist, installed in a new
environment, runs every command and the terminal UI's first screen on a repository that holds only
records — with the documented exit codes and never a traceback (issue 17: a wheel without its
catalogues ended 10 of 13 commands in FileNotFoundError)."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from bench.ptyterm import Terminal
from bench.tui_e2e import Look
from tests import intake_exports as made
from tests.helpers import PROJECT, SEED_MEETING, git
from tests.installing import Distributions, user_environment

pytestmark = pytest.mark.xdist_group("installed")

MEETING_ID = Path(SEED_MEETING).stem

COMMANDS: list[tuple[list[str], int]] = [
    (["--help"], 0),
    (["validate"], 0),
    (["validate", "--format", "json"], 0),
    (["fmt", "--check"], 0),
    (["show", "meeting", MEETING_ID], 0),
    (["show", "advisor", "okamura-hisakazu"], 0),
    (["show", "municipality", "112241"], 0),
    (["show", "theme", "planning-support"], 0),
    (["show", "advisor", "nobody"], 2),
    (["import", "municipalities", "--dry-run"], 0),
    (["diff"], 0),
    (["git-setup", "--check"], 1),
    (["git-setup"], 0),
    (["git-setup", "--check"], 0),
    (["render", "meeting", MEETING_ID], 0),
    (["render", "meeting", MEETING_ID, "--format", "html", "--output", "report.html"], 0),
    (["export", "--output", "opendata"], 0),
    (["report"], 0),
    (["report", "--format", "csv"], 0),
    (["validate", "--lang", "ja", "meetings"], 0),
    (["schema", "--check"], 0),
    (["schema"], 0),
    (["fmt", "--check", "--format", "github"], 0),
    (["init", ".", "--bureau", "tohoku"], 2),
]
"""Every command, with the exit code it documents for a valid repository (and for a record that is
not there, and a repository not yet set up for git diff)."""


@pytest.fixture(scope="module")
def records(installed: Path, source_checkout: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository of records only, outside the checkout: made by the installed `daicho init`
    for the Tohoku bureau, with the shipped advisors and meeting added (a repository in use)."""
    root = tmp_path_factory.mktemp("records") / "tohoku"
    git(root.parent, "init", "--quiet", "--initial-branch", "main", str(root))
    made = run(installed, ["init", str(root), "--bureau", "tohoku", "--source", str(source_checkout)], root.parent)
    assert made.returncode == 0 and "Traceback" not in made.stderr, made.stdout + made.stderr
    shutil.copy2(PROJECT / "advisors.toml", root / "advisors.toml")
    (root / "meetings").mkdir()
    shutil.copy2(PROJECT / SEED_MEETING, root / SEED_MEETING)
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "records")
    return root


def run(daicho: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(daicho), *args], cwd=cwd, env=user_environment(daicho), capture_output=True,
                          text=True, check=False, timeout=120)


def test_the_distributions_carry_every_file_the_code_reads(distributions: Distributions) -> None:
    """Every data file of the packages (catalogues, templates, JSON Schemas, the national list and
    its licence, the stylesheet) is in the wheel, and in the sdist it was built from."""
    packages = ("schema/", "tui/", "daicho/")
    shipped = [name for name in git(PROJECT, "ls-files").splitlines()
               if name.startswith(packages) and not name.endswith(".py")]
    assert "schema/words/i18n/ja.toml" in shipped and "tui/app.tcss" in shipped
    with zipfile.ZipFile(distributions.wheel) as wheel:
        in_wheel = set(wheel.namelist())
    with tarfile.open(distributions.sdist) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert [name for name in shipped if name not in in_wheel] == []
    assert [name for name in shipped if name not in in_sdist] == []


def test_installed_outside_the_checkout(installed: Path, records: Path) -> None:
    done = subprocess.run([str(installed.parent / "python"), "-c", "import daicho, schema, tui; "
                           "print(daicho.__file__, schema.__file__, tui.__file__)"], cwd=records,
                          env=user_environment(installed), capture_output=True, text=True, check=True)
    for where in done.stdout.split():
        assert Path(where).is_relative_to(installed.parent.parent), where
        assert not Path(where).is_relative_to(PROJECT)


def test_every_command_runs_from_the_wheel(installed: Path, records: Path) -> None:
    failures = []
    for args, expected in COMMANDS:
        done = run(installed, args, records)
        if done.returncode != expected or "Traceback" in done.stderr:
            failures.append(f"daicho {' '.join(args)}: exit {done.returncode}, expected {expected}\n"
                            f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    assert failures == []
    assert (records / "opendata" / "daicho.sqlite").is_file()
    assert "<html" in (records / "report.html").read_text(encoding="utf-8")


def test_intake_runs_from_the_wheel(installed: Path, records: Path, tmp_path: Path) -> None:
    """The one command that reads files from outside the repository, both of its forms, from a CSV
    and an xlsx (openpyxl, installed with the wheel): shown, not written (exit 0)."""
    survey = tmp_path / "survey.csv"
    survey.write_bytes(made.google_forms_survey(made.SEED_SURVEY))
    questions = tmp_path / "questions.xlsx"
    questions.write_bytes(made.microsoft_forms_questions(made.SEED_QUESTIONS))
    before = git(records, "status", "--porcelain")
    for what, export, said in (("survey", survey, "14 respondents of 10 local governments"),
                                ("questions", questions, "3 questions: 0 added, 3 linked")):
        done = run(installed, ["intake", what, str(export), "--meeting", MEETING_ID], records)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
        assert said in done.stdout and "not written" in done.stdout, done.stdout
    assert git(records, "status", "--porcelain") == before


def test_the_terminal_ui_opens_from_the_wheel(installed: Path, records: Path) -> None:
    """The installed program in a real pseudo-terminal shows its first screen, the meetings list
    (its status line counting them), in Japanese; its local governments list (4) is the Tohoku
    region's, as daicho.toml says; it quits with ctrl+q."""
    look = Look("ja")
    env = {**user_environment(installed), "TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "ja_JP.UTF-8"}
    with Terminal([str(installed)], size=(160, 45), env=env, cwd=records) as term:
        settled = term.settle(look.rows_shown, term.spawned, "the first screen", timeout=60)
        assert "令和4年度 関東総合通信局 地域情報化アドバイザー会議" in settled.screen
        region = term.press(b"4", lambda screen: "会津若松市" in screen.text(), "the local governments")
        assert "青森県" in region.screen and "管内と記録のある自治体" in region.screen  # Tohoku, by reading
        assert "Traceback" not in region.screen
        code = term.close()
    assert code == 0


def test_version_is_the_package_metadata(installed: Path, records: Path) -> None:
    import tomllib

    declared = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    done = run(installed, ["--version"], records)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"daicho {declared}\n", "")
