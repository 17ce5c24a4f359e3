"""Command-line PATH arguments → repository-relative data file paths."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from schema.files.repofiles import data_files, is_data_path
from schema.words.messages import SaidError, say


class PathError(SaidError):
    """A PATH argument that is not a data file of the repository."""


def relative_data_paths(root: Path, paths: Iterable[Path]) -> list[str]:
    """Repository-relative data file paths for PATH arguments (files, or folders: the data files
    in them). Paths are taken as given, relative to the current folder; a link inside the
    repository is named by where it stands, not by its target."""
    out: list[str] = []
    for given in paths:
        absolute = Path(os.path.abspath(given))
        if not absolute.exists():
            raise PathError(say("path_missing", path=str(given), cwd=str(Path.cwd())))
        relative = _relative(absolute, root)
        if relative is None:
            raise PathError(say("path_outside", path=str(given), root=str(root)))
        if absolute.is_dir():
            found = [rel for rel in data_files(root) if relative == "." or rel.startswith(f"{relative}/")]
            if not found:
                raise PathError(say("path_no_data", path=str(given)))
            out.extend(found)
            continue
        if not is_data_path(relative):
            raise PathError(say("path_not_data", path=str(given)))
        out.append(relative)
    return list(dict.fromkeys(out))


def _relative(absolute: Path, root: Path) -> str | None:
    """`absolute` relative to `root`, resolving the links of its folders but not of its own name."""
    for candidate in (absolute, Path(os.path.realpath(absolute.parent)) / absolute.name):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return None
