"""References that a change leaves pointing at nothing, found with the project's own loader.

The target side's changed files that may have gained a reference are checked with
`schema.load.loader.check_file` (their references) and `schema.load.checks.resolve` (against the target
side's theme, local-government and advisor keys).
Records that the change removed from a root file are looked for, with `git grep`, in the files the
change did not touch, and only those files are checked: a theme id renamed in themes.toml but
still used by a meeting is reported in that meeting, however many meetings there are.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from schema.diff.git import Git, Read, Side
from schema.diff.tree import Change, KeyPath, Step, collection_key, is_record_table, steps_to
from schema.files import tomlparse
from schema.files.ids import SLUG_PATTERN
from schema.files.repofiles import ROOT_FILES, ROOT_NAMED, ROOT_OF_PROBLEM

_SLUG = re.compile(SLUG_PATTERN)
PERSON_CODE = "E302"
"""An unknown person of a meeting: a reference inside one file, reported by the file's checks."""


@dataclass(frozen=True, slots=True)
class Dangling:
    """A reference in the target side that points at nothing."""

    path: str
    where: tuple[Step, ...]
    field: str | None
    code: str
    message: str
    line: int | None = None
    col: int | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """One changed file of the target side: its bytes and its parsed document (None when it does
    not parse)."""

    path: str
    raw: bytes
    document: dict[str, Any] | None
    check: bool = True
    """False when the change cannot have added a reference (see `may_add_references`)."""


def dangling_references(git: Git, side: Side, changed: list[Target],
                        removed: dict[str, set[str]]) -> tuple[list[Dangling], list[str]]:
    """(dangling references, files whose references could not be checked and why).

    `changed`: the target side's changed files; `removed`: root file → record keys the change took
    out of it (a removed key can leave references dangling in files the change did not touch)."""
    keys = _Keys(git, side, {t.path: t.raw for t in changed})
    found: list[Dangling] = []
    unchecked: list[str] = []
    for target in changed:
        if not target.check:
            continue
        checked = _check(git, keys, target, None)
        if isinstance(checked, str):
            unchecked.append(f"{target.path}: {checked}")
        else:
            found.extend(checked)
    if removed:
        words = sorted({key for ids in removed.values() for key in ids})
        touched = {t.path for t in changed if t.check}
        others = [p for p in git.grep(side, words) if p not in touched]
        for path, raw in git.read(side, others).items():
            if isinstance(raw, bytes):
                result = _check(git, keys, Target(path, raw, _parse(raw)), removed)
                if not isinstance(result, str):
                    found.extend(result)
    return found, unchecked


def removed_keys(path: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> set[str]:
    """The record keys that a root file lost (none for other files, or when a side does not parse)."""
    if path not in ROOT_FILES or old is None or new is None:
        return set()
    key = collection_key(old)
    if key is None or not isinstance(new.get(key), dict):
        return set()
    return set(old[key]) - set(new[key])


def may_add_references(old: dict[str, Any], new: dict[str, Any], changes: Iterable[Change]) -> bool:
    """Whether a change of one file can have made one of its references dangle: it brings in an id
    (a slug or a code) where the old version had not that id at that place, or it removes a record
    of a table of records (a person of a meeting that may still be named). A change of text only —
    the usual edit — cannot, and then the file needs no loading (nor the models' import)."""
    if any(c.kind == "removed" and c.field is None and c.where and c.where[-1].ident is not None
           for c in changes):
        return True
    before = set(_ids(old, ()))
    return any(pair not in before for pair in _ids(new, ()))


def _ids(value: Any, shape: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """(place, id) of every slug or code in a document; places ignore positions and record ids."""
    if isinstance(value, dict):
        records = is_record_table(value)
        for key, child in value.items():
            yield from _ids(child, (*shape, "*" if records else key))
    elif isinstance(value, list):
        for child in value:
            yield from _ids(child, shape)
    elif isinstance(value, str) and _SLUG.match(value):
        yield shape, value


def _check(git: Git, keys: _Keys, target: Target,
           only: dict[str, set[str]] | None) -> list[Dangling] | str:
    """The dangling references of one file; with `only`, those into the given removed keys only.
    A string says why the file could not be checked."""
    from schema.load.checks import resolve  # the models: imported only when a file must be checked
    from schema.load.loader import check_file
    result = check_file(git.root, target.path, target.raw)
    if result.model is None:
        first = next(iter(result.problems), None)
        return f"does not load ({first.code} {first.message})" if first else "does not load"
    known = {name: keys.get(name) for name in {ROOT_OF_PROBLEM[r.code].name for r in result.refs}}
    found = []
    for finding in resolve(target.path, result.refs, known):
        value = _value_at(target.document, finding.keypath)
        if only is not None and value not in only.get(ROOT_OF_PROBLEM[finding.code].name, ()):
            continue
        where, field = steps_to(target.document, finding.keypath)
        line, col = _position(result, finding.keypath)
        found.append(Dangling(target.path, where, field, finding.code, finding.message, line, col))
    if only is None:
        for problem in result.problems:
            if problem.code == PERSON_CODE:
                keypath = _keypath_at(result, target.document, problem.line, problem.col, problem.message)
                where, field = steps_to(target.document, keypath) if keypath else ((), None)
                found.append(Dangling(target.path, where, field, problem.code, problem.message,
                                      problem.line, problem.col))
    return found


def _keypath_at(result: Any, document: Any, line: int | None, col: int | None, message: str) -> KeyPath | None:
    """The key path of the value the loader located at (line, col): a string named in the message."""
    if line is None or document is None:
        return None
    for keypath, value in _leaves(document, ()):
        if f'"{value}"' in message and _position(result, keypath) == (line, col):
            return keypath
    return None


def _leaves(value: Any, keypath: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*keypath, key))
    elif isinstance(value, list):
        for n, child in enumerate(value):
            yield from _leaves(child, (*keypath, n))
    elif isinstance(value, str):
        yield keypath, value


def _position(result: Any, keypath: KeyPath) -> tuple[int | None, int | None]:
    source = getattr(result, "source", None)
    if source is None:
        return None, None
    line, col = source.position(keypath)
    return int(line), int(col)


def _value_at(document: Any, keypath: KeyPath) -> Any:
    value = document
    for key in keypath:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        return tomlparse.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomlparse.TOMLDecodeError):
        return None


class _Keys:
    """The target side's record keys of each root file, read and parsed when first needed: the
    keys of its table (`themes` of themes.toml), which are what a reference can name. The file is
    parsed, not checked — whether its records are valid is validate's to say — so that a changed
    reference costs a parse of the file it points into, not its checks."""

    def __init__(self, git: Git, side: Side, raws: dict[str, bytes]) -> None:
        self.git, self.side, self.raws = git, side, raws
        self.keys: dict[str, Collection[str] | None] = {}

    def get(self, name: str) -> Collection[str] | None:
        if name not in self.keys:
            raw: Read | None = self.raws.get(name)
            if raw is None:
                raw = self.git.read(self.side, [name])[name]
            document = _parse(raw) if isinstance(raw, bytes) else None
            table = document.get(ROOT_NAMED[name].table) if document is not None else None
            self.keys[name] = frozenset(table) if isinstance(table, dict) else None
        return self.keys[name]


def sort_key(item: Dangling) -> tuple[str, int, int]:
    return item.path, item.line or 0, item.col or 0


def sorted_dangling(items: Iterable[Dangling]) -> list[Dangling]:
    return sorted(set(items), key=sort_key)
