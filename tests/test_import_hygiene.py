"""Import hygiene: `schema/` (the headless core) imports neither the terminal UI (`tui`, Textual)
nor the command line (`daicho`), and the headless commands never import Textual."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import PROJECT

FORBIDDEN = ("textual", "tui", "daicho")

SCHEMA_PROBE = """
import importlib, pkgutil, sys
import schema
for module in pkgutil.walk_packages(schema.__path__, "schema."):
    importlib.import_module(module.name)
FORBIDDEN = {forbidden!r}
leaked = sorted(name for name in sys.modules if name.split(".")[0] in FORBIDDEN)
print("LEAKED:" + ",".join(leaked))
"""

CLI_PROBE = """
import sys, tempfile
from daicho.main import main
out = tempfile.TemporaryDirectory()  # removed when the probe exits
for argv in (["validate"], ["fmt", "--check"], ["show", "advisor", "okamura-hisakazu"],
             ["show", "meeting", "2022-10-05-kanto-advisor-meeting"], ["schema", "--check"],
             ["render", "meeting", "2022-10-05-kanto-advisor-meeting", "--format", "html"], ["report"],
             ["export", "--output", out.name]):
    try:
        main(["--repo", sys.argv[1], *argv])
    except SystemExit:
        pass
leaked = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "tui", "openpyxl"))
print("LEAKED:" + ",".join(leaked))
"""


def _probe(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    result = subprocess.run([sys.executable, "-c", code, str(PROJECT)], capture_output=True,
                            text=True, env=env, check=True, cwd=PROJECT)
    return result.stdout.strip().splitlines()[-1]


def test_schema_imports_neither_the_ui_nor_the_command_line() -> None:
    assert _probe(SCHEMA_PROBE.format(forbidden=FORBIDDEN)) == "LEAKED:"


def test_headless_commands_never_import_textual() -> None:
    """Nor openpyxl, which only `daicho intake` loads, for an xlsx."""
    assert _probe(CLI_PROBE) == "LEAKED:"


def test_the_probes_can_fail() -> None:
    """The same probes report what was imported (so the tests above can fail)."""
    schema_probe = SCHEMA_PROBE.format(forbidden=FORBIDDEN).replace("import schema\n", "import schema, daicho.main\n")
    assert _probe(schema_probe).startswith("LEAKED:daicho")
    cli_probe = CLI_PROBE.replace("from daicho.main import main", "import textual\nfrom daicho.main import main")
    assert _probe(cli_probe).startswith("LEAKED:textual")
    cli_probe = CLI_PROBE.replace("from daicho.main import main", "import openpyxl\nfrom daicho.main import main")
    assert _probe(cli_probe).startswith("LEAKED:openpyxl")
