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

from schema.cli.main import main
from schema.ids import SLUG_PATTERN
from schema.jsonschema import SCHEMA_DIR, SCHEMA_FILES, expected_schemas
from tests.conftest import PROJECT

NAMES = [name for name, *_ in SCHEMA_FILES]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a copy of the committed schemas."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / SCHEMA_DIR, root / SCHEMA_DIR)
    return root


def test_committed_schemas_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--check", "--repo", str(PROJECT)]) == 0, capsys.readouterr().err


def test_check_names_a_stale_schema(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / SCHEMA_DIR / "advisors.schema.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["properties"]["advisors"]["additionalProperties"] = True
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    assert main(["schema", "--check", "--repo", str(repo)]) == 1
    err = capsys.readouterr().err
    assert f"{SCHEMA_DIR}/advisors.schema.json" in err
    assert "themes.schema.json" not in err


def test_schema_rewrites_only_stale_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = repo / SCHEMA_DIR
    for name in NAMES:
        os.utime(folder / name, (1_000_000, 1_000_000))
    (folder / "meeting.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["schema", "--repo", str(repo)]) == 0
    assert capsys.readouterr().out == f"wrote {SCHEMA_DIR}/meeting.schema.json\n"
    assert main(["schema", "--check", "--repo", str(repo)]) == 0
    for name in NAMES:
        if name != "meeting.schema.json":
            assert (folder / name).stat().st_mtime == 1_000_000, name


def test_missing_schemas_are_stale_and_written(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--check", "--repo", str(tmp_path)]) == 1
    assert main(["schema", "--repo", str(tmp_path)]) == 0
    assert sorted(p.name for p in (tmp_path / SCHEMA_DIR).iterdir()) == sorted(NAMES)
    assert main(["schema", "--check", "--repo", str(tmp_path)]) == 0


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
    shutil.copytree(PROJECT / SCHEMA_DIR, root / SCHEMA_DIR)
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


def test_taplo_rejects_an_unknown_field(tmp_path: Path) -> None:
    root = _taplo_repo(tmp_path)
    path = root / "themes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("label_en =", 'colour = "red"\nlabel_en =', 1), encoding="utf-8")
    result = _run_taplo(root, "lint", "themes.toml")
    assert result.returncode != 0
    assert "colour" in result.stderr
