"""`schema/` never imports Textual: CI's validator must not need the terminal UI."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import PROJECT

PROBE = """
import importlib, pkgutil, sys
import schema
for module in pkgutil.walk_packages(schema.__path__, "schema."):
    if module.name != "schema.__main__":
        importlib.import_module(module.name)
from schema.cli.main import main
try:
    main(["--repo", sys.argv[1], "validate"])
    main(["--repo", sys.argv[1], "show", "advisor", "okamura-hisakazu"])
except SystemExit:
    pass
leaked = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print("LEAKED:" + ",".join(leaked))
"""


def test_schema_never_imports_textual() -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    result = subprocess.run([sys.executable, "-c", PROBE, str(PROJECT)], capture_output=True,
                            text=True, env=env, check=True, cwd=PROJECT)
    last = result.stdout.strip().splitlines()[-1]
    assert last == "LEAKED:", result.stdout[-2000:]


def test_the_probe_can_fail() -> None:
    """The same probe reports Textual when it is imported (so the test above can fail)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    probe = PROBE.replace("from schema.cli.main import main", "import textual\nfrom schema.cli.main import main")
    result = subprocess.run([sys.executable, "-c", probe, str(PROJECT)], capture_output=True,
                            text=True, env=env, check=True, cwd=PROJECT)
    assert result.stdout.strip().splitlines()[-1].startswith("LEAKED:textual")
