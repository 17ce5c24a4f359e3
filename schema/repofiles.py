"""Where a data repository keeps its files, and reading them. No Pydantic here: the cached
validate path starts without loading the models."""

from __future__ import annotations

import os
from pathlib import Path

from schema.problems import Problem

THEMES_FILE = "themes.toml"
MUNICIPALITIES_FILE = "municipalities.toml"
ADVISORS_FILE = "advisors.toml"
MEETINGS_DIR = "meetings"
ROOT_FILES = (THEMES_FILE, MUNICIPALITIES_FILE, ADVISORS_FILE)

REFERENCE_TARGETS: dict[str, tuple[str, str]] = {
    "E301": (ADVISORS_FILE, "advisor"),
    "E303": (MUNICIPALITIES_FILE, "local government"),
    "E304": (THEMES_FILE, "theme"),
}
"""Reference problem code → the file its references point into, and what its records are called."""


def find_root(start: Path) -> Path | None:
    """The first folder from `start` upwards that holds advisors.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ADVISORS_FILE).is_file():
            return folder
    return None


def is_meeting_path(relpath: str) -> bool:
    return relpath.startswith(f"{MEETINGS_DIR}/") and relpath.endswith(".toml") and relpath.count("/") == 1


def is_data_path(relpath: str) -> bool:
    return relpath in ROOT_FILES or is_meeting_path(relpath)


def not_data_message(relpath: str) -> str:
    return f"{relpath} is not a data file; daicho reads {', '.join(ROOT_FILES)} and {MEETINGS_DIR}/<id>.toml"


def data_files(root: Path) -> list[str]:
    """Repository-relative paths of every data file: the three root files, then meetings/*.toml."""
    paths = [name for name in ROOT_FILES if (root / name).exists()]
    try:
        with os.scandir(root / MEETINGS_DIR) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".toml") and not e.name.startswith("."))
    except OSError:
        names = []
    paths.extend(f"{MEETINGS_DIR}/{name}" for name in names)
    return paths


def read_file(root: Path, relpath: str) -> bytes | Problem:
    try:
        with open(root / relpath, "rb") as handle:
            return handle.read()
    except OSError as exc:
        return Problem(relpath, None, None, "E100", f"cannot read: {exc.strerror or exc}")


def missing_root_files(root: Path) -> list[Problem]:
    return [Problem(name, None, None, "E111", f"{name} is missing; every repository has one")
            for name in ROOT_FILES if not (root / name).exists()]


def stray_files(root: Path) -> list[Problem]:
    """Entries of meetings/ that are not meeting files (a typo in the extension loses a meeting)."""
    try:
        with os.scandir(root / MEETINGS_DIR) as entries:
            stray = sorted(e.name for e in entries
                           if not e.name.startswith(".") and not (e.name.endswith(".toml") and e.is_file()))
    except OSError:
        return []
    return [Problem(f"{MEETINGS_DIR}/{name}", None, None, "E112", not_data_message(f"{MEETINGS_DIR}/{name}"))
            for name in stray]
