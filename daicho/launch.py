"""The `daicho` console script's first step: daicho's import packages, `schema` and `tui`, are its own.

Their names are generic, and PyPI's `schema` (a popular validation library) installs a
`schema/__init__.py` of its own: installed after daicho into the same environment it replaces
daicho's, installed before it is replaced by daicho's (and `from schema import Schema` breaks), and
installed in a folder earlier on the path it shadows daicho's. Before anything else is imported,
each package is checked cheaply — no scan of the installed distributions' metadata: it is ours when
it carries daicho's mark (`DAICHO` in its `__init__`), and no other distribution's metadata sits
beside it claiming the same name. Otherwise one line names the clash and the fix (an environment of
daicho's own: `uv tool install`, `pipx install`) and daicho exits 2, instead of a traceback later.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

OWN_PACKAGES = ("schema", "tui")
EXIT_CLASH = 2
"""The usage or I/O error of every command (daicho.exitcodes.EXIT_USAGE, not imported: it would
import nothing that can clash, but the launcher keeps to the standard library)."""


def clash(name: str) -> tuple[str, dict[str, str]] | None:
    """The message key and arguments saying that package `name` is not daicho's own, or None."""
    try:
        module = importlib.import_module(name)
    except Exception as exc:  # another distribution's package that fails to import here
        return "install.shadowed", {"package": name, "path": f"{type(exc).__name__}: {exc}"}
    where = getattr(module, "__file__", None) or "?"
    if getattr(module, "DAICHO", None) != name:
        return "install.shadowed", {"package": name, "path": where}
    other = _other_distribution(name, module)
    if other is not None:
        return "install.shared", {"package": name, "distribution": other, "path": str(Path(where).parent)}
    return None


def _other_distribution(name: str, module: ModuleType) -> str | None:
    """Another distribution's metadata beside our package (`schema-0.7.8.dist-info` in the
    site-packages that hold daicho's `schema/`): that distribution's own `schema/__init__.py`
    was replaced by daicho's. One listing of one folder; a source checkout has none."""
    folder = Path(module.__path__[0]).parent
    prefix = f"{name}-"
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                lowered = entry.name.lower()
                if lowered.startswith(prefix) and lowered.endswith((".dist-info", ".egg-info")):
                    return entry.name.rsplit(".", 1)[0]
    except OSError:
        pass
    return None


def _own_schema() -> None:
    """daicho's own `schema` package (beside `daicho/`) in place of whatever `schema` is, so that
    the clash is said in the user's language from daicho's catalogues."""
    folder = Path(importlib.import_module("daicho").__path__[0]).parent / "schema"
    spec = importlib.util.spec_from_file_location("schema", folder / "__init__.py",
                                                  submodule_search_locations=[str(folder)])
    if spec is None or spec.loader is None:
        raise ImportError(f"no package at {folder}")
    for loaded in [m for m in sys.modules if m == "schema" or m.startswith("schema.")]:
        del sys.modules[loaded]
    module = importlib.util.module_from_spec(spec)
    sys.modules["schema"] = module
    spec.loader.exec_module(module)


def _lang(argv: Sequence[str]) -> str | None:
    """`--lang` as the command line gives it (before or after the command), else None."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def say_clash(key: str, args: dict[str, str], argv: Sequence[str]) -> str:
    """The line that names the clash and the fix, in the user's language."""
    try:
        if clash("schema") is not None:
            _own_schema()
        from schema.words.catalogue import Catalogue
        from schema.words.i18n import resolve_lang
        from schema.words.messages import say
        from schema.words.sanitize import printable

        text = printable(Catalogue(resolve_lang(_lang(argv))).render(say(key, **args, fix=say("install.fix"))))
    except Exception:  # daicho's own files are missing too: say what was found, plainly
        text = f"{key}: {', '.join(f'{k}={v}' for k, v in args.items())}"
    return f"daicho: {text}"


def entry() -> None:
    """The console script: the check, then the command line (daicho.main)."""
    for name in OWN_PACKAGES:
        found = clash(name)
        if found is not None:
            print(say_clash(*found, sys.argv[1:]), file=sys.stderr)
            sys.exit(EXIT_CLASH)
    from daicho.main import entry as run

    run()
