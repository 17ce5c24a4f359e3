"""docs/architecture.md kept true: its picture of the layers drawn from the imports (scripts/
architecture.py, run as a user runs it), every module of schema/ described, and every path, module
and function the docs name there in the code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT

SCRIPT = PROJECT / "scripts" / "architecture.py"
DOC = PROJECT / "docs" / "architecture.md"


def _draw(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(root), *args], capture_output=True,
                          text=True, cwd=root, check=False)


def test_the_picture_is_current() -> None:
    """Fails when a module moved or an import between layers came or went since the picture was
    drawn: run `python scripts/architecture.py`."""
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True,
                            cwd=PROJECT, check=False)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The three packages' modules, the doc and the contracts, copied: what the script reads."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n == "__pycache__" or ((Path(folder) / n).is_file() and not n.endswith(".py"))}

    for package in ("schema", "tui", "daicho"):
        shutil.copytree(PROJECT / package, tmp_path / package, ignore=ignore)
    (tmp_path / "docs").mkdir()
    shutil.copy2(DOC, tmp_path / "docs" / "architecture.md")
    shutil.copy2(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_a_moved_module_makes_the_picture_stale(checkout: Path) -> None:
    (checkout / "schema" / "read" / "era.py").rename(checkout / "schema" / "diff" / "era.py")
    stale = _draw(checkout, "--check")
    assert stale.returncode == 1
    assert "docs/architecture.md: the picture of the layers is stale" in stale.stderr
    assert _draw(checkout).returncode == 0  # drawn again
    assert _draw(checkout, "--check").returncode == 0
    box = re.search(r'^\s*diff\["(.*)"\]$', (checkout / "docs" / "architecture.md").read_text(), re.MULTILINE)
    assert box is not None and "era" in box.group(1)


def test_a_new_import_between_layers_is_counted(checkout: Path) -> None:
    doc = checkout / "docs" / "architecture.md"
    before = re.search(r"^\s*diff -->\|(\d+)\| words$", doc.read_text(), re.MULTILINE)
    assert before is not None
    with (checkout / "schema" / "diff" / "chars.py").open("a") as handle:
        handle.write("\nfrom schema.words import sanitize  # noqa: E402\n")
    assert _draw(checkout, "--check").returncode == 1
    assert _draw(checkout).returncode == 0
    after = re.search(r"^\s*diff -->\|(\d+)\| words$", doc.read_text(), re.MULTILINE)
    assert after is not None and int(after.group(1)) == int(before.group(1)) + 1


UPWARDS = [
    ("schema/read/era.py", "import schema.edit.draft", "schema.read.era imports schema.edit.draft"),
    ("schema/edit/values.py", "from schema.publish import report",  # siblings
     "schema.edit.values imports schema.publish.report"),
    ("schema/words/sanitize.py", "import tui.app", "schema.words.sanitize imports tui.app"),
]


def test_an_import_upwards_is_never_drawn(checkout: Path) -> None:
    expected = []
    for module, line, refused in UPWARDS:
        text = (checkout / module).read_text()
        (checkout / module).write_text(f"{text}\n{line}\n")
        expected.append(f"{module}:{text.count(chr(10)) + 2}: {refused}")
    before = (checkout / "docs" / "architecture.md").read_text()
    for args in (("--check",), ()):
        result = _draw(checkout, *args)
        assert result.returncode == 1
        assert [line for line in expected if line not in result.stderr] == []
    assert (checkout / "docs" / "architecture.md").read_text() == before


# ---------------------------------------------------------------------------------------------
# The modules and names the docs cite


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else len(text)]


def described_modules(text: str) -> list[str]:
    """The first column of every table of the section "The modules" (paths under schema/)."""
    return re.findall(r"^\| `([^`]+)` \|", _section(text, "## The modules"), re.MULTILINE)


def schema_modules(root: Path) -> set[str]:
    """What must be described: every module (`read/era.py`), every package below a layer
    (`words/i18n/`), and a layer's `__init__.py` that defines anything; the data folders."""
    schema = root / "schema"
    found = set()
    for path in schema.rglob("*.py"):
        relative = path.relative_to(schema)
        if "__pycache__" in relative.parts or len(relative.parts) < 2:
            continue
        if path.name != "__init__.py":
            found.add(relative.as_posix())
        elif len(relative.parts) > 2:
            found.add(f"{relative.parent.as_posix()}/")
        elif re.search(r"^(def|class) ", path.read_text(encoding="utf-8"), re.MULTILINE):
            found.add(relative.as_posix())
    found |= {f"{p.relative_to(schema).as_posix()}/" for p in schema.glob("*/templates")}
    found |= {"json/", "reference/"}
    return {name for name in found if not any(f"{parent}/" in found for parent in _parents(name))}


def _parents(name: str) -> list[str]:
    parts = name.rstrip("/").split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def test_every_module_of_schema_is_described_once() -> None:
    listed = described_modules(DOC.read_text(encoding="utf-8"))
    assert len(listed) == len(set(listed)), "a module described twice"
    assert sorted(listed) == sorted(schema_modules(PROJECT))


def test_a_new_module_needs_its_line(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "schema", tmp_path / "schema", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "schema" / "read" / "calendar.py").write_text('"""A new module."""\n')
    assert "read/calendar.py" in schema_modules(tmp_path) - set(described_modules(DOC.read_text(encoding="utf-8")))


DOCS = ("README.md", "bench/README.md", "bench/RESULTS.md", "docs/architecture.md", "docs/records.md",
        "docs/opendata.md", "docs/guide.ja.md", "tests/fixtures/README.md", "schema/reference/README.md")
"""The prose of the repository (the secretariat's guide included)."""
GENERATED = ("bench/out/", "bench/.peers/")
"""Folders the bench makes (git-ignored): named in the docs, never in a checkout."""
_PATH = re.compile(r"(?<![\w./-])((?:schema|tui|daicho|tests|bench|docs|scripts)/[\w./{},*-]*)")
_DOTTED = re.compile(r"(?<![\w./-])((?:schema|tui|daicho|bench)(?:\.[A-Za-z_]\w*)+)")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
FILE_SUFFIXES = frozenset({"toml", "json", "sqlite", "md", "py", "csv", "j2", "txt", "html", "yml", "yaml", "tcss"})
"""`daicho.toml`, `.daicho-bench.json`: file names, not modules."""


def _expand(path: str) -> list[str]:
    """`a/{b,c}.j2` → `a/b.j2`, `a/c.j2`."""
    match = re.search(r"\{([^{}]*)\}", path)
    if match is None:
        return [path]
    return [p for choice in match.group(1).split(",")
            for p in _expand(path[:match.start()] + choice + path[match.end():])]


def missing_paths(text: str, root: Path = PROJECT) -> list[str]:
    missing = []
    for found in _PATH.findall(text):
        found = found.rstrip(".,:;")
        if found.startswith(GENERATED):
            continue
        for path in _expand(found):
            if not (list(root.glob(path)) if "*" in path else (root / path).exists()):
                missing.append(found)
    return missing


def missing_names(text: str) -> list[str]:
    """Dotted names (`schema.load.loader.check_file`) that are no module, or no attribute of one."""
    import importlib

    missing = []
    for name in sorted(set(_DOTTED.findall(text))):
        parts = name.split(".")
        if parts[-1] in FILE_SUFFIXES:
            continue
        for end in range(len(parts), 0, -1):
            try:
                found: object = importlib.import_module(".".join(parts[:end]))
            except ImportError:
                continue
            try:
                for attribute in parts[end:]:
                    found = getattr(found, attribute)
            except AttributeError:
                missing.append(name)
            break
    return missing


def missing_links(doc: Path) -> list[str]:
    from urllib.parse import unquote

    missing = []
    for target in _LINK.findall(doc.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target) or target.startswith("#") or target.isupper():  # (URL): a placeholder
            continue
        if not (doc.parent / unquote(target.split("#")[0])).exists():
            missing.append(target)
    return missing


@pytest.mark.parametrize("name", DOCS)
def test_what_the_docs_name_is_there(name: str) -> None:
    """Every path (`schema/publish/report.py`), module or function (`schema.load.loader.check_file`)
    and relative link of the prose exists."""
    doc = PROJECT / name
    text = doc.read_text(encoding="utf-8")
    assert (missing_paths(text), missing_names(text), missing_links(doc)) == ([], [], [])


def test_a_stale_name_is_found() -> None:
    text = ("`schema/report.py`, `schema/words/i18n/{ja,xx}.toml`, `schema/json/*.nothing`, "
            "`schema.load.loader.check_files`, `schema.report`, `schema.load.loader.check_file`, daicho.toml")
    assert missing_paths(text) == ["schema/report.py", "schema/words/i18n/{ja,xx}.toml", "schema/json/*.nothing"]
    assert missing_names(text) == ["schema.load.loader.check_files", "schema.report"]


# ---------------------------------------------------------------------------------------------
# Documents outside the repository


CITED_ELSEWHERE = re.compile(r"\bDESIGN\b|\u00a7|\.\./shared|/work/shared|(?i:design doc)")
"""A document a clone does not have: the design notes the project started from (cited as
"DESIGN §8"), the folder beside the checkout that held them. What code needs from them is in docs/
and bench/README.md."""
SCOPE = ("schema/", "tui/", "daicho/", "tests/", "bench/", "docs/", "scripts/", ".github/", "README.md",
         "Makefile", "pyproject.toml", ".pre-commit-hooks.yaml", ".pre-commit-config.yaml")
NOT_PROSE = ("tests/fixtures/", "tests/tui/__snapshots__/")
"""Records and screens (data), not what the project writes about itself."""


def citations(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if CITED_ELSEWHERE.search(line)]


def test_no_document_outside_the_repository_is_cited() -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True, cwd=PROJECT).stdout
    this = Path(__file__).resolve().relative_to(PROJECT).as_posix()
    found = {}
    for name in listed.decode().split("\0"):
        if not name.startswith(SCOPE) or name.startswith(NOT_PROSE) or name == this:
            continue
        try:
            text = (PROJECT / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        if cited := citations(text):
            found[name] = cited
    assert found == {}


def test_a_citation_is_found() -> None:
    assert citations("The layout (DESIGN §4):\nMunicipalityKind.DESIGNATED_CITY\nsee ../shared/x\n§8") == [
        "The layout (DESIGN §4):", "see ../shared/x", "§8"]


# ---------------------------------------------------------------------------------------------
# The bench's targets, as bench/README.md states them


_TARGET_ROW = re.compile(r"^\| (.+?) \| [≤<] ([\d.,]+) ?(×|s|ms|MB) \| `(bench\.\w+)\.(\w+)((?:\[[^`]+\])?)` \|$",
                         re.MULTILINE)
_UNITS = {"×": 1.0, "s": 1.0, "ms": 0.001, "MB": 1.0}


def stated_targets(text: str) -> list[tuple[str, float, object]]:
    """(what, the target as stated, the value the code holds) of every row of the targets' table."""
    import ast
    import importlib

    rows = []
    for what, number, unit, module, name, index in _TARGET_ROW.findall(_section(text, "## The targets")):
        value: object = getattr(importlib.import_module(module), name)
        for key in re.findall(r"\[([^\]]+)\]", index):
            value = value[ast.literal_eval(key)]  # type: ignore[index]
        rows.append((what, float(number.replace(",", "")) * _UNITS[unit], value))
    return rows


def test_the_bench_targets_are_the_code_s() -> None:
    text = (PROJECT / "bench" / "README.md").read_text(encoding="utf-8")
    rows = stated_targets(text)
    assert len(rows) == _section(text, "## The targets").count("\n| ") - 1  # every row but the header
    assert [(what, stated) for what, stated, held in rows if held != pytest.approx(stated)] == []


def test_a_target_that_differs_from_the_code_is_found() -> None:
    text = "\n## The targets\n\n| open a meeting | ≤ 150 ms | `bench.tui_e2e.TARGETS[\"open_meeting\"]` |\n"
    assert stated_targets(text) == [("open a meeting", pytest.approx(0.15), 0.1)]
