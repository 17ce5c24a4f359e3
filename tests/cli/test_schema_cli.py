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

from daicho.main import main
from schema.files.ids import SLUG_PATTERN
from schema.publish.jsonschema import (
    SCHEMA_DIR,
    SCHEMA_FILES,
    TAPLO_FILE,
    expected_schemas,
    package_schema_folder,
    stale_schemas,
    taplo_config,
    write_schemas,
)
from tests.helpers import PROJECT, copy_records

NAMES = [entry.name for entry in SCHEMA_FILES]
SCHEMA_FOLDER = PROJECT / SCHEMA_DIR
GENERATED = [f"{SCHEMA_DIR}/{name}" for name in NAMES] + [TAPLO_FILE]
"""What `daicho schema` writes into a records repository."""


@pytest.fixture
def records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A records repository with its copies of the schemas and .taplo.toml (as `daicho init` makes)."""
    root = copy_records(tmp_path / "records")
    assert main(["schema", "--repo", str(root)]) == 0
    capsys.readouterr()
    return root


def test_the_package_schemas_are_this_checkout_s() -> None:
    assert package_schema_folder() == SCHEMA_FOLDER.resolve()
    assert (PROJECT / TAPLO_FILE).read_text(encoding="utf-8") == taplo_config()


def test_committed_schemas_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--check", "--repo", str(PROJECT)]) == 0, capsys.readouterr().err
    assert stale_schemas(PROJECT) == []


def test_a_records_repository_gets_its_own_copies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Another bureau's repository: its copies of the schemas and its .taplo.toml are checked against
    the installed daicho's models and written there — never the package's, never docs/."""
    other = copy_records(tmp_path / "other")
    assert main(["--repo", str(other), "schema", "--check"]) == 1
    err = capsys.readouterr().err
    assert err == "".join(f"missing {path}; run `daicho schema` to write it\n" for path in GENERATED)
    package = {p: p.stat().st_mtime_ns for p in SCHEMA_FOLDER.iterdir()}
    assert main(["--repo", str(other), "schema"]) == 0
    assert capsys.readouterr().out == "".join(f"wrote {path}\n" for path in GENERATED)
    assert {p: p.stat().st_mtime_ns for p in SCHEMA_FOLDER.iterdir()} == package
    assert not (other / "docs").exists()
    for name, text in expected_schemas().items():
        assert (other / SCHEMA_DIR / name).read_text(encoding="utf-8") == text
    assert main(["--repo", str(other), "schema", "--check"]) == 0


def test_the_repository_is_found_from_the_current_folder(records: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    (records / SCHEMA_DIR / "themes.schema.json").unlink()
    monkeypatch.chdir(records / "meetings")
    assert main(["schema", "--check"]) == 1
    assert capsys.readouterr().err == f"missing {SCHEMA_DIR}/themes.schema.json; run `daicho schema` to write it\n"


def test_check_names_a_stale_schema(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = records / SCHEMA_DIR / "advisors.schema.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["properties"]["advisors"]["additionalProperties"] = True
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    assert main(["schema", "--check", "--repo", str(records)]) == 1
    err = capsys.readouterr().err
    assert f"stale {SCHEMA_DIR}/advisors.schema.json; run `daicho schema` to regenerate it" in err
    assert "themes.schema.json" not in err


def test_schema_rewrites_only_stale_files(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = records / SCHEMA_DIR
    for name in NAMES:
        os.utime(folder / name, (1_000_000, 1_000_000))
    (folder / "meeting.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["schema", "--repo", str(records)]) == 0
    assert capsys.readouterr().out == f"wrote {SCHEMA_DIR}/meeting.schema.json\n"
    assert main(["schema", "--check", "--repo", str(records)]) == 0
    for name in NAMES:
        if name != "meeting.schema.json":
            assert (folder / name).stat().st_mtime == 1_000_000, name


def test_a_stale_taplo_configuration_is_rewritten(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (records / TAPLO_FILE).write_text('include = ["themes.toml"]\n', encoding="utf-8")
    assert main(["schema", "--check", "--repo", str(records)]) == 1
    assert capsys.readouterr().err == f"stale {TAPLO_FILE}; run `daicho schema` to regenerate it\n"
    assert main(["schema", "--repo", str(records)]) == 0
    assert (records / TAPLO_FILE).read_text(encoding="utf-8") == taplo_config()


def test_missing_schemas_are_missing_not_stale_and_written(records: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    (records / SCHEMA_DIR / "themes.schema.json").unlink()
    assert main(["schema", "--check", "--repo", str(records)]) == 1
    err = capsys.readouterr().err
    assert err == f"missing {SCHEMA_DIR}/themes.schema.json; run `daicho schema` to write it\n"
    shutil.rmtree(records / SCHEMA_DIR)
    assert main(["schema", "--repo", str(records)]) == 0
    assert sorted(p.name for p in (records / SCHEMA_DIR).iterdir()) == sorted(NAMES)
    assert main(["schema", "--check", "--repo", str(records)]) == 0


def test_repository_parameter(tmp_path: Path) -> None:
    assert stale_schemas(tmp_path) == [(path, "missing") for path in GENERATED]
    assert write_schemas(tmp_path) == GENERATED
    assert stale_schemas(tmp_path) == [] and write_schemas(tmp_path) == []


def test_schema_ids_are_urns() -> None:
    ids = [json.loads(text)["$id"] for text in expected_schemas().values()]
    assert ids == [f"urn:daicho:schema:{name.removesuffix('.schema.json')}" for name in NAMES]
    assert "urn:daicho:schema:meeting" in ids


def test_rendering_is_stable() -> None:
    assert expected_schemas() == expected_schemas()
    for text in expected_schemas().values():
        assert text.endswith("}\n") and "\r" not in text
        document = json.loads(text)
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert document["$id"].startswith("urn:daicho:schema:") and document["title"]


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
    from schema.models.examples import EXAMPLE_FILES
    from tests.helpers import V2_FIXTURES

    root = _taplo_repo(tmp_path)
    for name, text in EXAMPLE_FILES.items():
        if name.startswith("meetings/") or name == "daicho.toml":
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


def test_taplo_rejects_an_unknown_bureau_in_the_settings(tmp_path: Path) -> None:
    root = _taplo_repo(tmp_path)
    (root / "daicho.toml").write_text('bureau = "tohoku"\n', encoding="utf-8")
    assert _run_taplo(root, "lint", "daicho.toml").returncode == 0
    (root / "daicho.toml").write_text('bureau = "touhoku"\n', encoding="utf-8")
    result = _run_taplo(root, "lint", "daicho.toml")
    assert result.returncode != 0 and "touhoku" in result.stderr
