"""The pull-request workflow: this repository's (.github/workflows/pull-request.yml) and the one
`daicho init` writes into a records repository are one template (schema/publish/newrepo/records.yml.j2).
Each is run step by step in a temporary clone with a base branch and a pull request, so that it
cannot rot: its install must install, its validate step must fail on a broken meeting, its format
step must annotate a file not in the canonical layout, its diff step must write a job summary
naming the change. Both pass zizmor's offline audit.

The `uses:` steps (checkout, setup-python) are GitHub's; the test checks their settings and stands
in for them: the clone has the whole history and the pull request's merge commit checked out, and
Python is this one. Every `run:` step is run as GitHub runs it (`bash --noprofile --norc -eo
pipefail`), with the GitHub variables it uses set, in an empty virtual environment that can see the
test environment's packages, and pip offline (no index: the install step builds daicho with this
environment's setuptools and finds its dependencies installed).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from daicho.main import main
from schema.publish.newrepo import WORKFLOW_FILE, workflow_text
from tests.helpers import BROKEN_MEETING, BROKEN_MEETING_TOML, PROJECT, SEED_MEETING, git
from tests.installing import new_environment

WORKFLOW = PROJECT / ".github" / "workflows" / "pull-request.yml"
PROJECT_FILES = ("pyproject.toml", "README.md", ".gitattributes", "themes.toml", "municipalities.toml",
                 "advisors.toml", ".taplo.toml")
PROJECT_DIRS = ("schema", "daicho", "tui", "meetings", ".github")
CONTEXT = {"github.base_ref": "main", "github.head_ref": "change"}
"""The GitHub expressions the workflow may use in `run:` and `env:`, as a pull request into main sets them."""
ANSWER = "課題解決なのか、目標達成なのかを明確にすると良いのではないか。"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
"""An action pinned to a full commit, with the version it is in a comment."""


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(path: Path = WORKFLOW) -> list[dict[str, Any]]:
    jobs = load(path)["jobs"]
    assert list(jobs) == ["records"]
    found: list[dict[str, Any]] = jobs["records"]["steps"]
    return found


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


def test_this_repository_s_workflow_is_the_template_s() -> None:
    """One workflow for daicho's repository and every records repository; this one installs from
    its checkout, as the README says."""
    assert WORKFLOW.read_text(encoding="utf-8") == workflow_text(".")
    install = next(s for s in steps() if s.get("id") == "install")["run"].strip()
    assert install == "python -m pip install ."
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"\n{install}\n" in readme, "the workflow installs daicho the way the README says"


def test_workflow_shape() -> None:
    data = load(WORKFLOW)
    assert data[True] == {"pull_request": None}  # `on:` (YAML 1.1 reads the key as true)
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"]["cancel-in-progress"] is True
    assert "github.ref" in data["concurrency"]["group"]
    assert data["defaults"]["run"]["shell"] == "bash"
    assert 0 < data["jobs"]["records"]["timeout-minutes"] <= 30
    lines = WORKFLOW.read_text(encoding="utf-8").splitlines()
    uses = [line.split("uses:", 1)[1].strip() for line in lines if line.strip().startswith("uses:")]
    assert uses and all(PINNED.match(u) for u in uses), uses
    by_action = {s["uses"].split("@")[0]: s for s in steps() if "uses" in s}
    checkout = by_action["actions/checkout"]["with"]
    assert checkout["fetch-depth"] == 0 and checkout["persist-credentials"] is False  # diff needs the base
    assert by_action["actions/setup-python"]["with"]["python-version"] == "3.11"
    runs = [s["run"] for s in steps() if "run" in s]
    assert any(r.startswith("daicho validate --format github") for r in runs)
    assert any(r.startswith("daicho fmt --check --format github") for r in runs)
    assert any(r.startswith("daicho schema --check") for r in runs)
    assert any("daicho diff --format markdown" in r and "$GITHUB_STEP_SUMMARY" in r for r in runs)
    for step in steps():  # the steps after the install run even when validation failed
        if "run" in step and step.get("id") != "install":
            assert "!cancelled()" in step["if"] and "steps.install.outcome == 'success'" in step["if"]


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    zizmor = Path(sys.executable).parent / "zizmor"
    assert zizmor.is_file(), "zizmor is a test dependency: make test installs it (pyproject [test])"
    return subprocess.run([str(zizmor), "--offline", "--no-progress", *map(str, paths)], capture_output=True,
                          text=True, check=False, timeout=120)


def test_the_workflows_pass_zizmor(tmp_path: Path) -> None:
    """This repository's workflows and the one `daicho init` writes pass zizmor's offline audit
    (actions pinned, no persisted credentials, no template injection…); one that does not is
    refused, so the audit can fail."""
    records = tmp_path / "records"
    assert main(["init", str(records), "--bureau", "kanto", "--source", "https://example.org/daicho.git"]) == 0
    done = zizmor(PROJECT / ".github" / "workflows", records / WORKFLOW_FILE)
    assert done.returncode == 0, done.stdout + done.stderr
    unpinned = tmp_path / "unpinned.yml"
    unpinned.write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "actions/checkout@v4"), encoding="utf-8")
    done = zizmor(unpinned)
    assert done.returncode != 0 and "unpinned-uses" in done.stdout, done.stdout + done.stderr


# -- running it ------------------------------------------------------------------------------------


@dataclass
class PullRequest:
    clone: Path
    env: dict[str, str]
    workflow: Path


def pull_request_env(top: Path, clone: Path) -> dict[str, str]:
    """A new environment that sees this one's packages, first on PATH; GitHub's variables; pip
    offline."""
    python = new_environment(top / "venv")
    ours = str(Path(sys.executable).parent)
    path = os.pathsep.join([str(python.parent), *(p for p in os.environ.get("PATH", "").split(os.pathsep)
                                                   if p and p != ours)])
    env = {**os.environ, "PATH": path, "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(clone),
           "GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "change", "GITHUB_EVENT_NAME": "pull_request",
           "GITHUB_STEP_SUMMARY": str(top / "summary.md"), "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "false",
           "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)
    env.pop("NO_COLOR", None)
    return env


def clone_and_install(top: Path, origin: Path, workflow: Path) -> PullRequest:
    clone = top / "clone"
    git(top, "clone", "--quiet", str(origin), str(clone))  # the whole history, as fetch-depth: 0
    check_out_merge(clone, "change")
    env = pull_request_env(top, clone)
    install = next(s for s in steps(workflow) if s.get("id") == "install")
    done = run_step(install, clone, env)
    assert done.returncode == 0, done.stdout + done.stderr
    return PullRequest(clone, env, workflow)


def branch(origin: Path, name: str, base: str, files: dict[str, str], message: str) -> None:
    git(origin, "checkout", "--quiet", "-b", name, base)
    for relpath, text in files.items():
        (origin / relpath).parent.mkdir(parents=True, exist_ok=True)
        (origin / relpath).write_text(text, encoding="utf-8")
        git(origin, "add", relpath)
    git(origin, "commit", "--quiet", "--message", message)


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> PullRequest:
    """A clone of the project checked out at the merge commit of a pull request into main that
    changes one answer (other branches: a broken meeting; a meeting not in the canonical layout),
    and the environment the steps run in (daicho installed by the install step)."""
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
    seed = (origin / SEED_MEETING).read_text(encoding="utf-8")
    first = seed.index(ANSWER) + len(ANSWER)
    changed = seed[:first] + seed[first:].replace(ANSWER, ANSWER.replace("目標", "目的"), 1)
    branch(origin, "change", "main", {SEED_MEETING: changed}, "an answer corrected")
    branch(origin, "broken", "main", {BROKEN_MEETING: BROKEN_MEETING_TOML}, "a broken meeting")
    branch(origin, "unformatted", "main", {SEED_MEETING: seed.replace('bureau = "kanto"', 'bureau  =  "kanto"')},
           "a meeting by hand")
    git(origin, "checkout", "--quiet", "main")
    return clone_and_install(top, origin, WORKFLOW)


def check_out_merge(clone: Path, branch: str) -> None:
    """What actions/checkout checks out for a pull request: the merge of its branch into the base."""
    git(clone, "checkout", "--quiet", "--detach", "origin/main")
    git(clone, "merge", "--quiet", "--no-ff", "--no-edit", f"origin/{branch}")


def run_all(pr: PullRequest) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every `run:` step after the install, in order, whatever the earlier ones gave (their `if:`)."""
    Path(pr.env["GITHUB_STEP_SUMMARY"]).write_text("", encoding="utf-8")
    return {s["name"]: run_step(s, pr.clone, pr.env) for s in steps(pr.workflow)
            if "run" in s and s.get("id") != "install"}


def step_named(results: dict[str, subprocess.CompletedProcess[str]], start: str) -> subprocess.CompletedProcess[str]:
    return next(done for name, done in results.items() if name.startswith(start))


def test_install_step_installs_daicho_from_the_clone(pull_request: PullRequest) -> None:
    env = pull_request.env
    found = subprocess.run(["daicho", "--help"], env=env, capture_output=True, text=True, check=False)
    assert found.returncode == 0 and "diff" in found.stdout
    where = subprocess.run(["python", "-c", "import daicho; print(daicho.__file__)"], env=env,
                           cwd=pull_request.clone.parent, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).resolve().is_relative_to((pull_request.clone.parent / "venv").resolve())  # not editable


def test_steps_pass_and_summarise_a_change(pull_request: PullRequest) -> None:
    check_out_merge(pull_request.clone, "change")
    results = run_all(pull_request)
    for name, done in results.items():
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    summary = Path(pull_request.env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "## daicho validate" in summary and "## daicho diff" in summary
    assert "## daicho fmt" not in summary  # nothing to say
    assert "Comparing origin/main (" in summary
    assert f"<code>{SEED_MEETING}</code> 令和4年度 関東総合通信局 地域情報化アドバイザー会議 (1 change)" in summary
    assert "| changed | agenda 5 オンライン相談会 › topics 2 行政手続きオンライン化 › answers 1: text |" in summary
    assert "目<del>標</del><ins>的</ins>達成" in summary


def test_validate_step_fails_on_a_broken_meeting(pull_request: PullRequest) -> None:
    check_out_merge(pull_request.clone, "broken")
    results = run_all(pull_request)
    validate = step_named(results, "Validate")
    assert validate.returncode == 1
    assert f"::error file={BROKEN_MEETING},line=" in validate.stdout
    assert "title=E109 TOML syntax error" in validate.stdout
    diff = step_named(results, "Summarise")
    assert diff.returncode == 0, diff.stderr
    summary = Path(pull_request.env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert f"<code>{BROKEN_MEETING}</code>" in summary and "| unreadable |" in summary


def test_format_step_annotates_a_file_not_in_the_canonical_layout(pull_request: PullRequest) -> None:
    check_out_merge(pull_request.clone, "unformatted")
    results = run_all(pull_request)
    assert step_named(results, "Validate").returncode == 0
    formatting = step_named(results, "Check the canonical form")
    assert formatting.returncode == 1
    assert formatting.stdout.startswith(f"::error file={SEED_MEETING},title=not in the canonical layout::")
    summary = Path(pull_request.env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert f"## daicho fmt\n\nFiles not in the canonical layout (1): run `daicho fmt` and commit them.\n\n" \
           f"- `{SEED_MEETING}`\n" in summary


# -- a records repository's workflow, as daicho init writes it -------------------------------------


@pytest.fixture(scope="module")
def records_pull_request(source_checkout: Path, tmp_path_factory: pytest.TempPathFactory) -> PullRequest:
    """A repository `daicho init` made for the Tohoku bureau (daicho from a clone of the project),
    and a pull request that adds its first advisors and meeting."""
    top = tmp_path_factory.mktemp("records-workflow")
    origin = top / "origin"
    git(top, "init", "--quiet", "--initial-branch", "main", str(origin))
    assert main(["init", str(origin), "--bureau", "tohoku", "--source", str(source_checkout)]) == 0
    git(origin, "add", "--all")
    git(origin, "commit", "--quiet", "--message", "daicho init")
    branch(origin, "change", "main", {"advisors.toml": (PROJECT / "advisors.toml").read_text(encoding="utf-8"),
                                      SEED_MEETING: (PROJECT / SEED_MEETING).read_text(encoding="utf-8")},
           "the first meeting")
    git(origin, "checkout", "--quiet", "main")
    return clone_and_install(top, origin, origin / WORKFLOW_FILE)


@pytest.mark.xdist_group("installed")
def test_a_records_repository_s_workflow_runs(records_pull_request: PullRequest, source_checkout: Path) -> None:
    pr = records_pull_request
    where = subprocess.run(["daicho", "--version"], env=pr.env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith("daicho ")
    results = run_all(pr)
    for name, done in results.items():
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    summary = Path(pr.env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "## daicho validate" in summary and "5 files checked, no problems" in summary
    assert f"<code>{SEED_MEETING}</code> 令和4年度 関東総合通信局 地域情報化アドバイザー会議" in summary
