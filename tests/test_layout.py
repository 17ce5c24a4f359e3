"""The tests mirror the layers of schema/: a test module of the headless core sits in
tests/schema/<layer>/, the folder of the layer it tests (a sub-package of schema/), and imports
from that layer; none is left at the top of tests/schema/. The command line, the terminal UI and
the bench have theirs in tests/cli, tests/tui and tests/bench; a test of the project as a whole
(tests/test_import_hygiene.py) sits at the top of tests/."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import PROJECT

TESTS = PROJECT / "tests" / "schema"


def layers() -> set[str]:
    return {path.name for path in (PROJECT / "schema").iterdir() if (path / "__init__.py").is_file()}


def imported(path: Path) -> set[str]:
    """The modules `path` imports from, at any depth of its code."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_test_module_at_the_top_of_tests_schema() -> None:
    assert sorted(path.name for path in TESTS.glob("*.py") if path.name != "__init__.py") == []


def test_each_folder_is_a_layer_and_a_package() -> None:
    folders = [path for path in TESTS.iterdir() if path.is_dir() and path.name != "__pycache__"]
    assert folders
    assert sorted(path.name for path in folders if path.name not in layers()) == []
    assert sorted(path.name for path in folders if not (path / "__init__.py").is_file()) == []


def test_each_test_module_imports_from_its_layer() -> None:
    modules = sorted(TESTS.glob("*/test_*.py"))
    assert modules
    wrong = [str(path.relative_to(PROJECT)) for path in modules
             if not any(name == f"schema.{path.parent.name}" or name.startswith(f"schema.{path.parent.name}.")
                        for name in imported(path))]
    assert wrong == []
