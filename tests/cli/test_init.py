"""`daicho init DIR --bureau ID [--source URL|PATH]`: a new records repository for any bureau that
passes every check at once, and shares with daicho's own repository the files both hold (the
national list, the theme vocabulary, the editors' schemas, the word-diff driver, the workflow)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from daicho.main import main
from schema.files.distribution import repository_url, version
from schema.publish.jsonschema import SCHEMA_DIR, expected_schemas
from schema.publish.newrepo import PRE_COMMIT_FILE, README_FILE, WORKFLOW_FILE, workflow_text
from tests.helpers import PROJECT, git

MADE = sorted(["daicho.toml", "themes.toml", "municipalities.toml", "advisors.toml", ".taplo.toml", ".gitattributes",
               ".gitignore", PRE_COMMIT_FILE, WORKFLOW_FILE, README_FILE,
               *(f"{SCHEMA_DIR}/{name}" for name in expected_schemas())])


def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and ".git" not in p.relative_to(root).parts[:1])


@pytest.fixture(scope="module")
def tohoku(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository made for the Tohoku bureau, installing daicho from this checkout."""
    root = tmp_path_factory.mktemp("init") / "tohoku"
    assert main(["init", str(root), "--bureau", "tohoku", "--source", str(PROJECT)]) == 0
    return root


def test_init_makes_every_file_and_no_meetings_folder(tohoku: Path) -> None:
    assert tree(tohoku) == MADE
    assert not (tohoku / "meetings").exists()
    assert (tohoku / "daicho.toml").read_text(encoding="utf-8") == 'bureau = "tohoku"\n'


def test_what_init_makes_passes_every_check(tohoku: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["validate"], ["fmt", "--check"], ["schema", "--check"]):
        assert main([*command, "--repo", str(tohoku)]) == 0, capsys.readouterr()
    assert "4 files checked, no problems" in capsys.readouterr().out


def test_init_shares_this_repository_s_files(tohoku: Path) -> None:
    """The national list as this repository holds it (imported from the shipped list), the theme
    vocabulary, the editors' schemas and .taplo.toml, .gitattributes: the same bytes; and this
    repository's pull-request workflow is the template's, installing from the checkout."""
    for name in ("municipalities.toml", "themes.toml", ".gitattributes", ".taplo.toml",
                 *(f"{SCHEMA_DIR}/{name}" for name in expected_schemas())):
        assert (tohoku / name).read_bytes() == (PROJECT / name).read_bytes(), name
    ours = (PROJECT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert ours == workflow_text(".")
    assert (tohoku / WORKFLOW_FILE).read_text(encoding="utf-8") == workflow_text(str(PROJECT))
    assert ".daicho-cache/" in (tohoku / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_schemas_are_named_by_urns(tohoku: Path) -> None:
    meeting = json.loads((tohoku / SCHEMA_DIR / "meeting.schema.json").read_text(encoding="utf-8"))
    assert meeting["$id"] == "urn:daicho:schema:meeting"


def test_hooks_and_workflow_install_from_the_source(tohoku: Path) -> None:
    config = yaml.safe_load((tohoku / PRE_COMMIT_FILE).read_text(encoding="utf-8"))
    commit = git(PROJECT, "rev-parse", "HEAD").strip()
    assert config == {"repos": [{"repo": str(PROJECT), "rev": commit,
                                 "hooks": [{"id": "daicho-validate"}, {"id": "daicho-fmt"}]}]}
    steps = yaml.safe_load((tohoku / WORKFLOW_FILE).read_text(encoding="utf-8"))["jobs"]["records"]["steps"]
    install = next(step for step in steps if step.get("id") == "install")
    assert install["run"] == f"python -m pip install {PROJECT}"


def test_the_default_source_is_the_project_at_the_installed_version(tmp_path: Path) -> None:
    url = repository_url()
    project = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    assert url is not None and f'Repository = "{url}"' in project
    assert main(["init", str(tmp_path / "r"), "--bureau", "okinawa"]) == 0
    config = yaml.safe_load((tmp_path / "r" / PRE_COMMIT_FILE).read_text(encoding="utf-8"))
    assert config["repos"][0]["repo"] == url and config["repos"][0]["rev"] == f"v{version()}"
    workflow = (tmp_path / "r" / WORKFLOW_FILE).read_text(encoding="utf-8")
    assert f"python -m pip install 'daicho @ git+{url}@v{version()}'" in workflow
    readme = (tmp_path / "r" / README_FILE).read_text(encoding="utf-8")
    assert "沖縄総合通信事務所" in readme and f"uv tool install 'daicho @ git+{url}@v{version()}'" in readme


def test_the_readme_speaks_to_the_secretariat(tohoku: Path) -> None:
    readme = (tohoku / README_FILE).read_text(encoding="utf-8")
    assert readme.startswith("# 東北総合通信局 ")
    for command in ("daicho validate", "daicho fmt", "daicho render meeting", "daicho export", "pre-commit install",
                    "daicho git-setup", 'bureau = "tohoku"'):
        assert command in readme, command


def test_init_refuses_a_folder_holding_anything_but_git(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "records"
    git(tmp_path, "init", "--quiet", str(folder))
    (folder / "notes.txt").write_text("メモ\n", encoding="utf-8")
    assert main(["init", str(folder), "--bureau", "kanto", "--source", str(PROJECT)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not empty (notes.txt)" in err
    assert sorted(p.name for p in folder.iterdir()) == [".git", "notes.txt"]
    (folder / "notes.txt").unlink()
    assert main(["init", str(folder), "--bureau", "kanto", "--source", str(PROJECT)]) == 0
    assert git(folder, "status", "--porcelain", "--untracked-files=all").count("\n") == len(MADE)
    assert main(["init", str(folder), "--bureau", "kanto", "--source", str(PROJECT)]) == 2  # not again
    assert (folder / "daicho.toml").read_text(encoding="utf-8") == 'bureau = "kanto"\n'


def test_init_refuses_a_source_that_is_not_a_clone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(PROJECT / "schema" / "reference", plain)
    assert main(["init", str(tmp_path / "r"), "--bureau", "kanto", "--source", str(plain)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"--source {plain} is not a git clone of daicho" in err
    assert not (tmp_path / "r").exists()
    assert main(["init", str(tmp_path / "r"), "--bureau", "kanto", "--source", "https://example.org/d.git"]) == 0
    assert f"git+https://example.org/d.git@v{version()}" in (tmp_path / "r" / WORKFLOW_FILE).read_text("utf-8")


def test_an_unknown_bureau_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "r"), "--bureau", "touhoku"]) == 2
    err = capsys.readouterr().err
    assert err == 'daicho init: unknown bureau "touhoku"; expected one of hokkaido, tohoku, kanto, shinetsu, ' \
                  "hokuriku, tokai, kinki, chugoku, shikoku, kyushu, okinawa\n"
    assert not (tmp_path / "r").exists()


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    import schema.files.atomic

    real = schema.files.atomic.write_text_atomic
    calls = []

    def failing(path: Path, text: str, *args: object, **kwargs: object) -> bool:
        calls.append(path)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real(path, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(schema.files.atomic, "write_text_atomic", failing)
    folder = tmp_path / "r"
    folder.mkdir()
    assert main(["init", str(folder), "--bureau", "kanto", "--source", str(PROJECT)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_the_project_address_is_written_once() -> None:
    """The README's commands and the hooks' comment name the repository pyproject.toml names."""
    url = repository_url()
    assert url is not None
    for name in ("README.md", ".pre-commit-hooks.yaml"):
        text = (PROJECT / name).read_text(encoding="utf-8")
        named = set(re.findall(r"https://github\.com/[\w.-]+/daicho\b", text))
        assert named == {url}, (name, named)
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"uv tool install 'daicho @ git+{url}@v{version()}'" in readme
