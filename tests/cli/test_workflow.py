"""The pull-request workflow (.github/workflows/pull-request.yml), run step by step in a temporary
clone of the project with a base branch and a pull request that changes a meeting, so that the file
cannot rot: its install must install, its validate step must fail on a broken meeting, and its diff
step must write a job summary naming the change.

The `uses:` steps (checkout, setup-python) are GitHub's; the test checks their settings and stands
in for them: the clone has the whole history and the pull request's merge commit checked out, and
Python is this one. Every `run:` step is run as GitHub runs it (`bash --noprofile --norc -eo
pipefail`), with the GitHub variables it uses set, in an empty virtual environment that can see the
test environment's packages (so the install step builds and installs daicho from the clone without
downloading its dependencies; pip's isolated build still takes setuptools from the package index,
as `make test`'s own install does).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import BROKEN_MEETING, BROKEN_MEETING_TOML, PROJECT, SEED_MEETING, git
from tests.yaml_subset import YamlError, load

WORKFLOW = PROJECT / ".github" / "workflows" / "pull-request.yml"
PROJECT_FILES = ("pyproject.toml", "README.md", ".gitattributes", "themes.toml", "municipalities.toml",
                 "advisors.toml", ".taplo.toml")
PROJECT_DIRS = ("schema", "daicho", "tui", "meetings", ".github")
CONTEXT = {"github.base_ref": "main", "github.head_ref": "change"}
"""The GitHub expressions the workflow may use in `run:` and `env:`, as a pull request into main sets them."""
ANSWER = "課題解決なのか、目標達成なのかを明確にすると良いのではないか。"


def workflow() -> dict[str, Any]:
    return load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict[str, Any]]:
    jobs = workflow()["jobs"]
    assert list(jobs) == ["records"]
    return jobs["records"]["steps"]


def substitute(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        assert expression in CONTEXT, f"the test does not know the expression ${{{{ {expression} }}}}"
        return CONTEXT[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def run_step(step: dict[str, Any], clone: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = clone.parent / "step.sh"
    script.write_text(substitute(step["run"]), encoding="utf-8")
    step_env = {**env, **{k: substitute(str(v)) for k, v in step.get("env", {}).items()}}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=clone,
                          env=step_env, capture_output=True, text=True, check=False)


# -- the file --------------------------------------------------------------------------------------


def test_reader_refuses_what_it_does_not_know() -> None:
    assert load("a:\n  - b: 1\n    c: [x, 'y z']\n  - |\n    two\n    lines\n") == \
        {"a": [{"b": 1, "c": ["x", "y z"]}, "two\nlines\n"]}
    for text in ("a: &anchor 1\n", "a: {b: 1}\n", "a: >\n  folded\n", "a:\n\t- b\n", "a: 1\na: 2\n"):
        with pytest.raises(YamlError):
            load(text)


def test_workflow_shape() -> None:
    data = workflow()
    assert data["on"] == {"pull_request": None}
    assert data["defaults"]["run"]["shell"] == "bash"
    by_action = {s["uses"].split("@")[0]: s for s in steps() if "uses" in s}
    assert by_action["actions/checkout"]["with"]["fetch-depth"] == 0  # daicho diff needs the base
    assert by_action["actions/setup-python"]["with"]["python-version"] == "3.11"
    runs = [s["run"] for s in steps() if "run" in s]
    install = next(s for s in steps() if s.get("id") == "install")["run"].strip()
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"\n{install}\n" in readme, "the workflow installs daicho the way the README says"
    assert any(r.startswith("daicho validate --format github") for r in runs)
    assert any(r.startswith("daicho fmt --check") for r in runs)
    assert any("daicho diff --format markdown" in r and "$GITHUB_STEP_SUMMARY" in r for r in runs)
    for step in steps():  # the steps after the install run even when validation failed
        if "run" in step and step.get("id") != "install":
            assert "!cancelled()" in step["if"] and "steps.install.outcome == 'success'" in step["if"]


# -- running it ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A clone of the project checked out at the merge commit of a pull request into main that
    changes one answer, and the environment the steps run in (daicho installed by the install step)."""
    top = tmp_path_factory.mktemp("workflow")
    origin = top / "origin"
    origin.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(PROJECT / name, origin / name)
    for name in PROJECT_DIRS:
        shutil.copytree(PROJECT / name, origin / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "__snapshots__"))
    git(origin, "init", "--quiet", "--initial-branch", "main")
    git(origin, "add", "--all")
    git(origin, "commit", "--quiet", "--message", "the project")
    git(origin, "checkout", "--quiet", "-b", "change")
    meeting = origin / SEED_MEETING
    text = meeting.read_text(encoding="utf-8")
    first = text.index(ANSWER) + len(ANSWER)
    meeting.write_text(text[:first] + text[first:].replace(ANSWER, ANSWER.replace("目標", "目的"), 1),
                       encoding="utf-8")
    git(origin, "commit", "--quiet", "--all", "--message", "an answer corrected")
    git(origin, "checkout", "--quiet", "-b", "broken", "main")
    (origin / BROKEN_MEETING).write_text(BROKEN_MEETING_TOML, encoding="utf-8")
    git(origin, "add", BROKEN_MEETING)
    git(origin, "commit", "--quiet", "--message", "a broken meeting")
    git(origin, "checkout", "--quiet", "main")

    clone = top / "clone"
    git(top, "clone", "--quiet", str(origin), str(clone))  # the whole history, as fetch-depth: 0
    check_out_merge(clone, "change")

    venv = top / "venv"  # empty, but seeing the test environment's packages: nothing to download
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True,
                               check=True).stdout.strip())
    (site / "_daicho_test_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    ours = str(Path(sys.executable).parent)
    path = os.pathsep.join([str(venv / "bin"), *(p for p in os.environ.get("PATH", "").split(os.pathsep)
                                                  if p and p != ours)])
    env = {**os.environ, "PATH": path, "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(clone),
           "GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "change", "GITHUB_EVENT_NAME": "pull_request",
           "GITHUB_STEP_SUMMARY": str(top / "summary.md")}
    env.pop("VIRTUAL_ENV", None)
    env.pop("NO_COLOR", None)
    install = next(s for s in steps() if s.get("id") == "install")
    done = run_step(install, clone, env)
    assert done.returncode == 0, done.stdout + done.stderr
    return clone, env


def check_out_merge(clone: Path, branch: str) -> None:
    """What actions/checkout checks out for a pull request: the merge of its branch into the base."""
    git(clone, "checkout", "--quiet", "--detach", "origin/main")
    git(clone, "merge", "--quiet", "--no-ff", "--no-edit", f"origin/{branch}")


def run_all(clone: Path, env: dict[str, str]) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every `run:` step after the install, in order, whatever the earlier ones gave (their `if:`)."""
    Path(env["GITHUB_STEP_SUMMARY"]).write_text("", encoding="utf-8")
    return {s["name"]: run_step(s, clone, env) for s in steps() if "run" in s and s.get("id") != "install"}


def test_install_step_installs_daicho_from_the_clone(pull_request: tuple[Path, dict[str, str]]) -> None:
    clone, env = pull_request
    found = subprocess.run(["daicho", "--help"], env=env, capture_output=True, text=True, check=False)
    assert found.returncode == 0 and "diff" in found.stdout
    where = subprocess.run(["python", "-c", "import daicho; print(daicho.__file__)"], env=env,
                           cwd=clone.parent, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).resolve().is_relative_to(clone.resolve())


def test_steps_pass_and_summarise_a_change(pull_request: tuple[Path, dict[str, str]]) -> None:
    clone, env = pull_request
    check_out_merge(clone, "change")
    results = run_all(clone, env)
    for name, done in results.items():
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "## daicho validate" in summary and "## daicho diff" in summary
    assert "Comparing origin/main (" in summary
    assert f"<code>{SEED_MEETING}</code> 令和4年度 関東総合通信局 地域情報化アドバイザー会議 (1 change)" in summary
    assert "| changed | agenda 5 オンライン相談会 › topics 2 行政手続きオンライン化 › answers 1: text |" in summary
    assert "目<del>標</del><ins>的</ins>達成" in summary


def test_validate_step_fails_on_a_broken_meeting(pull_request: tuple[Path, dict[str, str]]) -> None:
    clone, env = pull_request
    check_out_merge(clone, "broken")
    results = run_all(clone, env)
    validate = next(done for name, done in results.items() if name.startswith("Validate"))
    assert validate.returncode == 1
    assert f"::error file={BROKEN_MEETING},line=" in validate.stdout
    assert "title=E109 TOML syntax error" in validate.stdout
    diff = results[next(name for name in results if name.startswith("Summarise"))]
    assert diff.returncode == 0, diff.stderr
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert f"<code>{BROKEN_MEETING}</code>" in summary and "| unreadable |" in summary
