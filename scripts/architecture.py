"""The picture of schema/'s layers in docs/architecture.md, drawn from the imports.

    python scripts/architecture.py            rewrite the picture between the markers
    python scripts/architecture.py --check    exit 1 when the picture is stale (a test runs this)
    python scripts/architecture.py --root R   the same for the checkout at R

Every module of `schema/`, `tui/` and `daicho/` is read with `ast` (nothing is imported), and each
import between two of them is resolved to the module it names (`from schema.files import tomlparse`
names `schema.files.tomlparse`; `from schema.models import Meeting`, the package `schema.models`), at
any depth of the file: in a function, under `if TYPE_CHECKING:` — as import-linter counts them. Each
module belongs to a layer: its sub-package of `schema/` (`schema.load`), or `tui` or `daicho`. An
edge between two layers counts the distinct pairs of modules, importer and imported.

The layers' order is the import-linter contract's (pyproject.toml, `[tool.importlinter]`, the
contract of type "layers", top first; `a | b` are siblings that import neither each other). A
sub-package of `schema/` outside that contract (`schema.derived`) is drawn just above the highest
layer its own "forbidden" contract lets it import. `tui/` and `daicho/` are drawn on top. An import
that runs upwards (or between siblings) is refused: the script names it and exits 1, whatever the
mode, so the picture never shows one.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DOC = Path("docs/architecture.md")
BEGIN = "<!-- begin: drawn by scripts/architecture.py from the imports; do not edit by hand -->"
END = "<!-- end: drawn by scripts/architecture.py -->"
PACKAGES = ("schema", "tui", "daicho")
TOP = ("tui", "daicho")
"""Drawn above every layer of schema/: they may import any of them."""
TOP_NAMES = {"tui": "tui/ — the terminal UI", "daicho": "daicho/ — the command line"}
PER_LINE = 5
"""Module names per line in a layer's box."""


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    path: str
    line: int


def module_files(root: Path) -> dict[str, Path]:
    """Module name → its file, for every module of the three packages."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path, modules: dict[str, Path], root: Path) -> list[Import]:
    """The imports of one module into the three packages, each resolved to the module it names."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    relpath = path.relative_to(root).as_posix()
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(module, _known(alias.name, modules), relpath, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                name = f"{base}.{alias.name}"
                found.append(Import(module, name if name in modules else _known(base, modules), relpath,
                                    node.lineno))
    return [i for i in found if i.imported.split(".")[0] in PACKAGES and i.imported != module]


def _known(name: str, modules: dict[str, Path]) -> str:
    """The longest prefix of a dotted name that is one of the modules (the name when none is)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in modules:
            return ".".join(parts[:end])
    return name


def layer_of(module: str) -> str:
    """`schema.load.loader` → `schema.load`; `tui.screens.edit` → `tui`; `schema` → `schema`."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "schema" else parts[0]


@dataclass(frozen=True)
class Layers:
    ranks: dict[str, float]
    """Layer → rank, 0 at the bottom; siblings share one."""

    def name(self, layer: str) -> str:
        return layer.removeprefix("schema.")

    def ordered(self) -> list[str]:
        """Top first; siblings in the contract's order."""
        return sorted(self.ranks, key=lambda layer: -self.ranks[layer])


def read_layers(root: Path, modules: dict[str, Path]) -> Layers:
    """The layers' ranks from the import-linter contracts in pyproject.toml."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = config["contracts"]
    [layered] = [c for c in contracts if c["type"] == "layers"]
    ranks: dict[str, float] = {}
    for depth, entry in enumerate(reversed(layered["layers"])):
        for layer in entry.split("|"):
            ranks[layer.strip()] = float(depth)
    packages = sorted({layer_of(m) for m in modules if m.startswith("schema.")})
    for package in packages:
        if package in ranks:
            continue
        rules = [c for c in contracts if c["type"] == "forbidden" and c["source_modules"] == [package]]
        if not rules:
            raise SystemExit(f"{package} is in no contract of pyproject.toml: where does it belong?")
        forbidden = set(rules[0]["forbidden_modules"])
        allowed = [rank for layer, rank in ranks.items() if layer not in forbidden]
        ranks[package] = max(allowed, default=-1.0) + 0.5
    top = max(ranks.values()) + 1
    for package in TOP:
        ranks[package] = top
    ranks["schema"] = -1.0  # the package's own __init__ (its docstring): drawn only when imported
    return Layers(ranks)


def upward(imports: list[Import], layers: Layers) -> list[Import]:
    """Imports that run upwards or sideways between two layers."""
    wrong = []
    for i in imports:
        a, b = layer_of(i.importer), layer_of(i.imported)
        if a == b or (a in TOP and b in TOP):
            continue
        if b not in layers.ranks or a not in layers.ranks or layers.ranks[a] <= layers.ranks[b]:
            wrong.append(i)
    return wrong


def edges(imports: list[Import]) -> Counter[tuple[str, str]]:
    """(importing layer, imported layer) → the distinct pairs of modules between them."""
    pairs = {(i.importer, i.imported) for i in imports if layer_of(i.importer) != layer_of(i.imported)}
    return Counter((layer_of(a), layer_of(b)) for a, b in pairs)


def _node(layer: str) -> str:
    return layer.replace("schema.", "")


def _box(layer: str, layers: Layers, modules: dict[str, Path]) -> str:
    if layer in TOP:
        count = sum(1 for m in modules if layer_of(m) == layer)
        return f'{_node(layer)}["{TOP_NAMES[layer]}<br/>{count} modules"]'
    names = sorted(m[len(layer) + 1:] for m in modules if layer_of(m) == layer and m != layer)
    shown = sorted({n.split(".")[0] for n in names})
    lines = [" · ".join(shown[i:i + PER_LINE]) for i in range(0, len(shown), PER_LINE)] or ["(no module yet)"]
    return f'{_node(layer)}["<b>{layers.name(layer)}/</b><br/>{"<br/>".join(lines)}"]'


def render(root: Path) -> tuple[str, list[Import]]:
    """The block between the markers, and the imports that run upwards."""
    modules = module_files(root)
    imports = [i for module, path in modules.items() for i in imports_of(module, path, modules, root)]
    layers = read_layers(root, modules)
    counted = edges(imports)
    ordered = [layer for layer in layers.ordered() if layer != "schema" or any("schema" in e for e in counted)]
    lines = ["```mermaid", "flowchart TB"]
    lines += [f"    {_box(layer, layers, modules)}" for layer in ordered if layer in TOP]
    lines.append('    subgraph core["schema/ — the headless core"]')
    lines += [f"        {_box(layer, layers, modules)}" for layer in ordered if layer not in TOP]
    lines.append("    end")
    for (a, b), count in sorted(counted.items(), key=lambda e: (ordered.index(e[0][0]), ordered.index(e[0][1]))):
        arrow = "-.->" if a in TOP else "-->"  # the UI's and the command line's imports drawn lighter
        lines.append(f"    {_node(a)} {arrow}|{count}| {_node(b)}")
    # invisible links keep each layer on its own row where no import links it to the row below
    ranks = sorted({layers.ranks[layer] for layer in ordered}, reverse=True)
    for upper, lower in itertools.pairwise(ranks):
        for a in (layer for layer in ordered if layers.ranks[layer] == upper):
            for b in (layer for layer in ordered if layers.ranks[layer] == lower):
                if (a, b) not in counted:
                    lines.append(f"    {_node(a)} ~~~ {_node(b)}")
    lines += ["```", ""]
    lines += _matrix(ordered, counted)
    return "\n".join(lines), upward(imports, layers)


def _matrix(ordered: list[str], counted: Counter[tuple[str, str]]) -> list[str]:
    """The same counts as a table: a row per importing layer, a column per imported one."""
    imported = [layer for layer in ordered if layer not in TOP]
    head = "| imports → | " + " | ".join(f"{_node(b)}/" for b in imported) + " |"
    rows = [head, "|---|" + "---|" * len(imported)]
    for a in ordered:
        cells = [str(counted[(a, b)]) if counted[(a, b)] else "" for b in imported]
        if any(cells):
            rows.append(f"| **{_node(a)}/** | " + " | ".join(cells) + " |")
    return rows


def replace_block(text: str, block: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return f"{text[:start]}\n{block}\n{text[end:]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw schema/'s layers into docs/architecture.md.")
    parser.add_argument("--check", action="store_true", help="exit 1 when the picture is stale")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the checkout (default: the one this script is in)")
    args = parser.parse_args(argv)
    root: Path = args.root
    block, wrong = render(root)
    if wrong:
        for i in wrong:
            print(f"{i.path}:{i.line}: {i.importer} imports {i.imported}: "
                  f"{layer_of(i.importer)} may not import {layer_of(i.imported)} (it is not below it)",
                  file=sys.stderr)
        return 1
    doc = root / DOC
    text = doc.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"{DOC}: the markers of the picture are missing ({BEGIN} … {END})", file=sys.stderr)
        return 1
    new = replace_block(text, block)
    if args.check:
        if new != text:
            print(f"{DOC}: the picture of the layers is stale; run: python scripts/architecture.py",
                  file=sys.stderr)
            return 1
        return 0
    if new != text:
        doc.write_text(new, encoding="utf-8")
        print(f"{DOC}: the picture of the layers written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
