"""`daicho schema [--check]` and the exported JSON Schemas (for taplo / Even Better TOML)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import schema.jsonschema
from daicho.main import main
from schema.ids import SLUG_PATTERN
from schema.jsonschema import (
    SCHEMA_DIR,
    SCHEMA_FILES,
    SCHEMA_FOLDER,
    expected_schemas,
    stale_schemas,
    write_schemas,
)
from tests.helpers import PROJECT, copy_records

NAMES = [name for name, *_ in SCHEMA_FILES]


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the committed schemas, standing in for the package's schema/json/."""
    folder = tmp_path / "package" / SCHEMA_DIR
    shutil.copytree(SCHEMA_FOLDER, folder)
    monkeypatch.setattr(schema.jsonschema, "SCHEMA_FOLDER", folder)
    return folder


def test_schemas_live_in_the_package() -> None:
    assert Path(schema.jsonschema.__file__).resolve().parent / "json" == SCHEMA_FOLDER
    assert (PROJECT / SCHEMA_DIR).resolve() == SCHEMA_FOLDER


def test_committed_schemas_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--check", "--repo", str(PROJECT)]) == 0, capsys.readouterr().err
    assert stale_schemas() == []


def test_check_ignores_the_data_repository(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Another bureau's data repository has no schema/json/: the package's schemas are checked."""
    other = copy_records(tmp_path / "other")
    assert main(["--repo", str(other), "schema", "--check"]) == 0, capsys.readouterr().err


def test_schema_writes_nothing_into_the_data_repository(
        package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = copy_records(tmp_path / "other")
    before = sorted(p.relative_to(other) for p in other.rglob("*"))
    (package / "meeting.schema.json").unlink()
    assert main(["--repo", str(other), "schema"]) == 0
    assert capsys.readouterr().out == f"wrote {SCHEMA_DIR}/meeting.schema.json\n"
    assert (package / "meeting.schema.json").is_file()
    assert sorted(p.relative_to(other) for p in other.rglob("*")) == before


def test_check_names_a_stale_schema(package: Path, repo: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = package / "advisors.schema.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["properties"]["advisors"]["additionalProperties"] = True
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    assert main(["schema", "--check", "--repo", str(repo)]) == 1
    err = capsys.readouterr().err
    assert f"stale {SCHEMA_DIR}/advisors.schema.json; run `daicho schema` to regenerate it" in err
    assert "themes.schema.json" not in err


def test_schema_rewrites_only_stale_files(package: Path, repo: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    for name in NAMES:
        os.utime(package / name, (1_000_000, 1_000_000))
    (package / "meeting.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["schema", "--repo", str(repo)]) == 0
    assert capsys.readouterr().out == f"wrote {SCHEMA_DIR}/meeting.schema.json\n"
    assert main(["schema", "--check", "--repo", str(repo)]) == 0
    for name in NAMES:
        if name != "meeting.schema.json":
            assert (package / name).stat().st_mtime == 1_000_000, name
    assert not (repo / SCHEMA_DIR).exists()


def test_missing_schemas_are_missing_not_stale_and_written(
        package: Path, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (package / "themes.schema.json").unlink()
    assert main(["schema", "--check", "--repo", str(repo)]) == 1
    err = capsys.readouterr().err
    assert err == f"missing {SCHEMA_DIR}/themes.schema.json; run `daicho schema` to write it\n"
    shutil.rmtree(package)
    assert main(["schema", "--repo", str(repo)]) == 0
    assert sorted(p.name for p in package.iterdir()) == sorted(NAMES)
    assert main(["schema", "--check", "--repo", str(repo)]) == 0


def test_folder_parameter(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    assert stale_schemas(folder) == [(str(folder / name), "missing") for name in NAMES]
    assert write_schemas(folder) == [str(folder / name) for name in NAMES]
    assert stale_schemas(folder) == [] and write_schemas(folder) == []


def test_rendering_is_stable() -> None:
    assert expected_schemas() == expected_schemas()
    for text in expected_schemas().values():
        assert text.endswith("}\n") and "\r" not in text
        document = json.loads(text)
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert document["$id"].endswith(".schema.json") and document["title"]


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


@pytest.mark.parametrize("name", NAMES)
def test_unknown_fields_and_bad_keys_are_rejected(name: str) -> None:
    document = json.loads(expected_schemas()[name])
    for obj in _objects(document):
        if "properties" in obj:
            assert obj.get("additionalProperties") is False, obj.get("title")
        else:  # a table of records keyed by id or code
            assert "pattern" in obj["propertyNames"], obj
            assert "$ref" in obj["additionalProperties"], obj
        assert "patternProperties" not in obj


def test_tables_keyed_by_id_name_the_slug_pattern() -> None:
    themes = json.loads(expected_schemas()["themes.schema.json"])
    assert themes["properties"]["themes"]["propertyNames"] == {"pattern": SLUG_PATTERN}
    meeting = json.loads(expected_schemas()["meeting.schema.json"])
    assert meeting["properties"]["people"]["propertyNames"] == {"pattern": SLUG_PATTERN}


def test_optional_fields_are_not_nullable() -> None:
    """TOML has no null: an optional field is simply not required."""
    for text in expected_schemas().values():
        assert '"type": "null"' not in text


# ---------------------------------------------------------------------------------------------
# taplo, where it is installed (it is not a dependency of the project)


def _taplo() -> str | None:
    """taplo is a test dependency (the `taplo` wheel installs it beside the interpreter)."""
    beside = Path(sys.executable).parent / "taplo"
    for candidate in (beside, shutil.which("taplo")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


def _taplo_repo(tmp_path: Path) -> Path:
    root = tmp_path / "taplo"
    shutil.copytree(SCHEMA_FOLDER, root / SCHEMA_DIR)
    shutil.copy2(PROJECT / ".taplo.toml", root / ".taplo.toml")
    for name in ("themes.toml", "municipalities.toml", "advisors.toml"):
        shutil.copy2(PROJECT / name, root / name)
    shutil.copytree(PROJECT / "meetings", root / "meetings")
    return root


def _run_taplo(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    taplo = _taplo()
    assert taplo is not None, "taplo is a test dependency: make test installs it (pyproject [test])"
    return subprocess.run([taplo, *argv], cwd=root, capture_output=True, text=True, check=False,
                          timeout=60)


def test_taplo_lints_the_shipped_records(tmp_path: Path) -> None:
    root = _taplo_repo(tmp_path)
    result = _run_taplo(root, "lint")
    assert result.returncode == 0, result.stderr


def test_taplo_lints_every_field_of_the_examples_and_the_v2_fixtures(tmp_path: Path) -> None:
    """Local times (13:30:00), parts, observers…: everything the models hold lints clean."""
    from schema.examples import EXAMPLE_FILES
    from tests.helpers import V2_FIXTURES

    root = _taplo_repo(tmp_path)
    for name, text in EXAMPLE_FILES.items():
        if name.startswith("meetings/"):
            (root / name).write_text(text, encoding="utf-8")
    for meeting in (V2_FIXTURES / "meetings").glob("*.toml"):
        shutil.copy2(meeting, root / "meetings" / meeting.name)
    shutil.copy2(V2_FIXTURES / "advisors.toml", root / "advisors.toml")
    result = _run_taplo(root, "lint")
    assert result.returncode == 0, result.stderr
    bad = root / "meetings" / "2023-11-14-kanto-advisor-meeting.toml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("start_time = 13:30:00", 'start_time = "1:30pm"', 1),
                   encoding="utf-8")
    assert _run_taplo(root, "lint").returncode == 1


def test_taplo_rejects_an_unknown_field(tmp_path: Path) -> None:
    root = _taplo_repo(tmp_path)
    path = root / "themes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("label_en =", 'colour = "red"\nlabel_en =', 1), encoding="utf-8")
    result = _run_taplo(root, "lint", "themes.toml")
    assert result.returncode != 0
    assert "colour" in result.stderr


def test_schema_check_needs_no_data_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no advisors.toml here or above
    assert main(["schema", "--check"]) == 0
