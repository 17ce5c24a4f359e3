"""Where a data repository keeps its files, and reading them. No Pydantic here: the cached
validate path starts without loading the models.

Only what is inside the repository is read: a data file or a `meetings` folder that is a link to a
place outside it (a pull request can commit one) is one problem, E113, that names nothing there.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from schema.files import textscan
from schema.files.atomic import temp_owner
from schema.words.messages import Message, say
from schema.words.problems import Problem

THEMES_FILE = "themes.toml"
MUNICIPALITIES_FILE = "municipalities.toml"
ADVISORS_FILE = "advisors.toml"
MEETINGS_DIR = "meetings"
SETTINGS_FILE = "daicho.toml"
"""The repository's settings (optional): a data file, checked and formatted like the others."""


RootKind = Literal["theme", "municipality", "advisor"]


@dataclass(frozen=True, slots=True)
class RootFile:
    """A root file: one table of the records that other files refer to, keyed by id or code. The
    one description of each (its file model in schema.models.files names the RootFile it is)."""

    name: str
    """The file, at the repository's root."""
    table: str
    """Its table of records, and the field of `Records` that holds them."""
    kind: RootKind
    """The kind of its records: what a reference to one names (`Target`'s value) and the read
    model's kind of record (`RefKind`)."""
    problem: str
    """The code of a reference to a record it does not hold."""
    word: str
    """What its records are called (a word of the catalogues, schema/words/i18n)."""
    by_hand: bool
    """Whether its records are entered by hand (renamed and deleted in the UI), not imported from
    the national list."""


THEMES = RootFile(THEMES_FILE, "themes", "theme", "E304", "word.theme", by_hand=True)
MUNICIPALITIES = RootFile(MUNICIPALITIES_FILE, "municipalities", "municipality", "E303", "word.local_government",
                          by_hand=False)
ADVISORS = RootFile(ADVISORS_FILE, "advisors", "advisor", "E301", "word.advisor", by_hand=True)
ROOTS = (THEMES, MUNICIPALITIES, ADVISORS)
"""The root files, in the order they are loaded."""
ROOT_FILES = tuple(root.name for root in ROOTS)
ROOT_NAMED = {root.name: root for root in ROOTS}
"""File name → its RootFile."""
ROOT_OF_KIND: dict[str, RootFile] = {root.kind: root for root in ROOTS}
"""Kind of record (advisor, municipality, theme) → the RootFile that holds them."""
ROOT_OF_PROBLEM = {root.problem: root for root in ROOTS}
"""Reference problem code (E301, E303, E304) → the RootFile its references point into."""


def known_keys(keys_by_file: dict[str, list[str] | None]) -> dict[str, frozenset[str] | None]:
    """Each root file's record keys, None when it is missing or did not load (references into it
    are then not reported)."""
    return {name: frozenset(keys) if (keys := keys_by_file.get(name)) is not None else None
            for name in ROOT_FILES}


def unresolved(ref_values: dict[str, list[str]], known: Mapping[str, frozenset[str] | None]) -> bool:
    """Whether any of a file's referred values (reference code → values) is not a known key."""
    for code, values in ref_values.items():
        keys = known.get(ROOT_OF_PROBLEM[code].name)
        if keys is not None and any(value not in keys for value in values):
            return True
    return False


def find_root(start: Path) -> Path | None:
    """The first folder from `start` upwards that holds advisors.toml; where none does, the root
    of the git work tree `start` is in (a new repository, no data file yet)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ADVISORS_FILE).is_file():
            return folder
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def is_meeting_path(relpath: str) -> bool:
    return relpath.startswith(f"{MEETINGS_DIR}/") and relpath.endswith(".toml") and relpath.count("/") == 1


def is_data_path(relpath: str) -> bool:
    return relpath in ROOT_FILES or relpath == SETTINGS_FILE or is_meeting_path(relpath)


def not_data_message(relpath: str) -> Message:
    return say("not_a_data_file", path=relpath, files=", ".join(ROOT_FILES), meetings=f"{MEETINGS_DIR}/<id>.toml")


def data_files(root: Path) -> list[str]:
    """Repository-relative paths of every data file: the settings (daicho.toml) where there are,
    the three root files, then meetings/*.toml (regular files, or links to them; anything else in
    meetings/ is a stray, see `stray_files`)."""
    paths = [name for name in (SETTINGS_FILE, *ROOT_FILES) if (root / name).exists()]
    paths.extend(f"{MEETINGS_DIR}/{name}" for name in _meeting_names(root)[0])
    return paths


def inside_repository(root: Path, relpath: str) -> bool:
    """Whether `relpath` stays inside the repository once its links are followed (cheap for the
    common case: a file and a folder that are not links)."""
    path = os.path.join(root, relpath)  # strings, not pathlib: this runs for every file of a validate
    try:
        if not os.path.islink(path) and ("/" not in relpath or not os.path.islink(os.path.dirname(path))):
            return True
        real = os.path.realpath(path)
        base = os.path.realpath(root)
    except (OSError, ValueError):
        return False
    return os.path.commonpath([real, base]) == base


def _outside(relpath: str, what: str) -> Problem:
    return Problem.of(relpath, None, None, "E113",
                      say("link_outside_folder" if what == "folder" else "link_outside_file", path=relpath))


def _meeting_names(root: Path) -> tuple[list[str], list[str], list[str]]:
    """(meeting file names, other entry names, leftover temporary files) of meetings/, each sorted;
    nothing when meetings/ is a link that leaves the repository."""
    meetings: list[str] = []
    others: list[str] = []
    temporaries: list[str] = []
    if not inside_repository(root, MEETINGS_DIR):
        return [], [], []
    try:
        with os.scandir(root / MEETINGS_DIR) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    if is_temporary(entry.name):
                        temporaries.append(entry.name)
                    continue
                is_meeting = entry.name.endswith(".toml") and entry.is_file()  # follows links
                (meetings if is_meeting else others).append(entry.name)
    except (FileNotFoundError, NotADirectoryError):
        pass
    return sorted(meetings), sorted(others), sorted(temporaries)


def is_temporary(name: str) -> bool:
    """A leftover temporary file of a write: `.NAME.….tmp` (daicho's are `.NAME.XXXXXXXX.tmp`)."""
    return temp_owner(name) is not None or (name.startswith(".") and name.endswith(".tmp")
                                             and ".toml." in name)


def read_file(root: Path, relpath: str) -> bytes | Problem:
    """The file's bytes, at most textscan.MAX_FILE_BYTES + 1 of them (enough to say it is too large).

    Only regular files inside the repository are read: a named pipe or a device (a link to
    /dev/zero in a pull request, say) would hang the validator or exhaust its memory, and a link
    that leaves the repository would show its target's text in messages.
    """
    path = os.path.join(root, relpath)
    if not inside_repository(root, relpath):
        return _outside(relpath, "file")
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return Problem.of(relpath, None, None, "E100", say("not_regular_file"))
        with open(path, "rb") as handle:
            # the size as of now, plus one byte to see a file that grew: never a 5 MB buffer per file
            return handle.read(min(info.st_size, textscan.MAX_FILE_BYTES) + 1)
    except OSError as exc:
        return Problem.of(relpath, None, None, "E100", say("cannot_read", reason=exc.strerror or str(exc)))


def missing_root_files(root: Path) -> list[Problem]:
    """E111 for each root file missing where others, or meetings, are there: a folder with no data
    file at all is an empty repository (a bureau's first records not written yet)."""
    missing = [name for name in ROOT_FILES if not os.path.lexists(root / name)]
    if len(missing) == len(ROOT_FILES) and not _meeting_names(root)[0]:
        return []
    return [Problem.of(name, None, None, "E111", say("missing_file", path=name)) for name in missing]


def stray_files(root: Path) -> list[Problem]:
    """Entries of meetings/ that are not meeting files (a typo in the extension loses a meeting),
    a `meetings` that is not a folder or leaves the repository, and temporary files that an
    interrupted write left (E114: `daicho fmt` removes daicho's own)."""
    folder = root / MEETINGS_DIR
    if os.path.lexists(folder) and not inside_repository(root, MEETINGS_DIR):
        return [_outside(MEETINGS_DIR, "folder"), *_temporaries(root, ".", _root_temporaries(root))]
    if folder.exists() and not folder.is_dir():
        return [Problem.of(MEETINGS_DIR, None, None, "E112",
                           say("not_a_folder", path=MEETINGS_DIR, meetings=f"{MEETINGS_DIR}/<id>.toml")),
                *_temporaries(root, ".", _root_temporaries(root))]
    _, others, temporaries = _meeting_names(root)
    return [*(Problem.of(f"{MEETINGS_DIR}/{name}", None, None, "E112", not_data_message(f"{MEETINGS_DIR}/{name}"))
              for name in others),
            *_temporaries(root, ".", _root_temporaries(root)),
            *_temporaries(root, MEETINGS_DIR, temporaries)]


def _root_temporaries(root: Path) -> list[str]:
    try:
        with os.scandir(root) as entries:
            return sorted(entry.name for entry in entries if entry.name.startswith(".") and is_temporary(entry.name))
    except OSError:
        return []


def _temporaries(root: Path, folder: str, names: list[str]) -> list[Problem]:
    problems = []
    for name in names:
        relpath = name if folder == "." else f"{folder}/{name}"
        problems.append(Problem.of(relpath, None, None, "E114", say("temporary_file")))
    return problems
