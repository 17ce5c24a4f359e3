"""Command-line PATH arguments → repository-relative data file paths."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from schema.repofiles import is_data_path


class PathError(Exception):
    """A PATH argument that is not a data file of the repository."""


def relative_data_paths(root: Path, paths: Iterable[Path]) -> list[str]:
    out = []
    for given in paths:
        absolute = given if given.is_absolute() else Path.cwd() / given
        absolute = absolute.resolve()
        try:
            relative = absolute.relative_to(root).as_posix()
        except ValueError:
            raise PathError(f"{given} is not inside the repository {root}") from None
        if absolute.is_dir():
            out.extend(rel for rel in (p.relative_to(root).as_posix() for p in sorted(absolute.rglob("*.toml")))
                       if is_data_path(rel))
            continue
        if not absolute.is_file():
            raise PathError(f"{given}: no such file")
        if not is_data_path(relative):
            raise PathError(f"{given} is not a data file (themes.toml, municipalities.toml, "
                            "advisors.toml or meetings/<id>.toml)")
        out.append(relative)
    return list(dict.fromkeys(out))
