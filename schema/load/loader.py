"""Loading: files → text checks → TOML → models, collecting every problem with its source position.

Like beancount's loader, nothing here raises on bad data: each file yields its model (or None when it
cannot be used) and a list of problems; `load_repository` adds the cross-file checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from schema.files import tomlparse
from schema.files.locate import KeyLocator
from schema.files.repofiles import (
    ROOTS,
    data_files,
    find_root,
    is_meeting_path,
    known_keys,
    missing_root_files,
    not_data_message,
    read_file,
    stray_files,
    unresolved,
)
from schema.files.textscan import escaped_character_problems, scan_bytes, too_many_entries
from schema.load.checks import Finding, Reference, document_findings, file_findings, references, resolve
from schema.load.errors import error_places, parse_failure, syntax_problem, validation_problems
from schema.models import (
    ROOT_MODELS,
    SETTINGS_FILE,
    AdvisorsFile,
    Meeting,
    MunicipalitiesFile,
    Records,
    Settings,
    ThemesFile,
)
from schema.models.walk import Walk
from schema.words.messages import say
from schema.words.problems import MAX_REPEATS, Problem, cap_repeats, more_like_this, sort_key

__all__ = ["check_file", "data_files", "find_root", "load_file", "load_meeting", "load_repository", "model_for",
           "parse_model", "parse_repository", "read_file"]


KeyPath = Sequence[str | int]


@dataclass
class Source:
    """One file's text, with a key locator built only when a problem needs a position."""

    path: str
    text: str
    _locator: KeyLocator | None = None

    def position(self, keypath: KeyPath) -> tuple[int, int]:
        """Where a problem with the value at `keypath` is: the value (else the nearest key)."""
        return self._locator_().nearest(keypath, value=True)

    def key_position(self, keypath: KeyPath) -> tuple[int, int]:
        """Where a problem with the key at `keypath` is (an unknown field, an invalid key)."""
        return self._locator_().nearest(keypath)

    def _locator_(self) -> KeyLocator:
        if self._locator is None:
            self._locator = KeyLocator(self.text)
        return self._locator


@dataclass
class FileResult:
    """One file checked alone: its model (None when unusable), problems and outgoing references."""

    path: str
    model: BaseModel | None
    problems: list[Problem]
    source: Source | None
    refs: list[Reference] = field(default_factory=list)
    ref_values: dict[str, list[str]] | None = None
    """Instead of `refs` (a result from the cache, or kept lean): reference code → the distinct
    values the file refers to; where one does not resolve, the file is checked again to locate it."""

    @property
    def keys(self) -> list[str] | None:
        """The record keys a root file provides to the others (None when it did not load)."""
        return record_keys(self.model)

    def referred(self) -> dict[str, list[str]]:
        """Reference code → the distinct values the file refers to."""
        if self.ref_values is not None:
            return self.ref_values
        values: dict[str, dict[str, None]] = {}
        for ref in self.refs:
            values.setdefault(ref.code, {})[ref.value] = None
        return {code: list(found) for code, found in values.items()}

    def lean(self) -> FileResult:
        """The result without the file's text and located references (what the terminal UI keeps:
        a nationwide repository's texts and references take about 40 MB)."""
        if self.source is None and not self.refs:
            return self
        return FileResult(self.path, self.model, self.problems, None, ref_values=self.referred())


@dataclass
class LoadResult:
    records: Records
    problems: list[Problem]
    sources: dict[str, Source] = field(default_factory=dict)


def model_for(relpath: str) -> type[BaseModel] | None:
    if relpath in ROOT_MODELS:
        return ROOT_MODELS[relpath]
    if relpath == SETTINGS_FILE:
        return Settings
    return Meeting if is_meeting_path(relpath) else None


def load_file(root: Path, relpath: str) -> tuple[BaseModel | None, list[Problem]]:
    """Parse and validate one data file alone (no cross-file checks)."""
    result = check_file(root, relpath)
    return result.model, result.problems


def check_file(root: Path, relpath: str, raw: bytes | None = None,
               strings: dict[str, str] | None = None) -> FileResult:
    """Check one file alone: text, TOML, schema and the checks that need no other file. With
    `strings`, the file's short strings are shared with those of the files checked before (names,
    ids and titles recur from meeting to meeting: the terminal UI keeps them all)."""
    model_type = model_for(relpath)
    if model_type is None:
        return FileResult(relpath, None, [Problem.of(relpath, None, None, "E112", not_data_message(relpath))], None)
    if raw is None:
        read = read_file(root, relpath)
        if isinstance(read, Problem):
            return FileResult(relpath, None, [read], None)
        raw = read
    text, problems = scan_bytes(relpath, raw)
    if text is None:
        return FileResult(relpath, None, problems, None)
    source = Source(relpath, text)
    try:
        data = tomlparse.loads(text)
    except tomlparse.TOMLDecodeError as exc:
        problems.append(syntax_problem(relpath, exc))
        return _result(relpath, None, problems, source)
    except (ValueError, RecursionError) as exc:  # nested too deep, an integer too long to convert
        problems.append(parse_failure(relpath, text, exc))
        return _result(relpath, None, problems, source)
    too_many = too_many_entries(relpath, text, data)
    if too_many is not None:
        return _result(relpath, None, [*problems, too_many], None)
    if strings is not None:
        _share_strings(data, strings)
    problems.extend(escaped_character_problems(relpath, text, data, source.position, source.key_position))
    try:
        model = model_type.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)  # asked once: thousands of errors cost their making
        problems.extend(validation_problems(relpath, source.position, errors, model_type, source.key_position,
                                            document=data))
        # every problem at once: the references are read from the document (errors hide no errors)
        refs, findings = document_findings(relpath, model_type, data, error_places(errors))
        problems.extend(finding_problems(source, findings))
        return _result(relpath, None, problems, source, refs)
    if isinstance(model, Meeting):
        problems.extend(_meeting_file_problems(source, model))
    walk = Walk(model)
    refs = references(model, walk)
    problems.extend(finding_problems(source, file_findings(relpath, model, walk)))
    return _result(relpath, model, problems, source, refs)


def _result(relpath: str, model: BaseModel | None, problems: list[Problem], source: Source | None,
            refs: list[Reference] | None = None) -> FileResult:
    """A file's result with its problems in order and capped (MAX_REPEATS of a code)."""
    capped = cap_repeats(sorted(problems, key=sort_key))
    return FileResult(relpath, model, sorted(capped, key=sort_key), source, refs or [])


SHARED_LENGTH = 64
"""Strings up to this long are shared (longer ones are texts, seldom repeated)."""


def _share_strings(document: dict[str, Any], strings: dict[str, str]) -> None:
    """Replace each short string of a parsed document by an equal one seen before."""
    stack: list[dict[str, Any] | list[Any]] = [document]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if type(value) is str:
                if len(value) <= SHARED_LENGTH:
                    node[key] = strings.setdefault(value, value)  # type: ignore[index]
            elif isinstance(value, dict | list):
                stack.append(value)


def load_repository(root: Path) -> LoadResult:
    """Load every data file, then resolve the references between them."""
    loader = RepositoryLoader(root)
    loader.load_roots()
    return loader.finish()


def load_meeting(root: Path, relpath: str) -> LoadResult:
    """One meeting file checked in full, its references included, against the root files — which
    are only parsed and validated (`parse_model`): their own problems are validate's; one that
    does not load is named in `records.unloaded`. For a command that reads one meeting (render), at
    a cost that does not grow with the repository."""
    records = Records()
    keys: dict[str, list[str] | None] = {}
    for name, model_type in ROOT_MODELS.items():
        model = parse_model(root, name, model_type)
        _collect(records, name, model)
        keys[name] = record_keys(model)
    result = check_file(root, relpath)
    _collect(records, relpath, result.model)
    known = known_keys(keys)
    records.unloaded = {name for name, found in known.items() if found is None}
    problems = list(result.problems)
    sources = {}
    if result.source is not None:
        problems.extend(finding_problems(result.source, resolve(relpath, result.refs, known)))
        sources[relpath] = result.source
    return LoadResult(records, sorted(cap_repeats(sorted(problems, key=sort_key)), key=sort_key), sources)


def parse_model(root: Path, relpath: str, model_type: type[BaseModel]) -> BaseModel | None:
    """The file parsed and validated, without the checks of its text and of its records (for files
    already known to be valid, or whose problems are reported elsewhere); None when it cannot be
    read, parsed or validated."""
    raw = read_file(root, relpath)
    if isinstance(raw, Problem):
        return None
    try:
        return model_type.model_validate(tomlparse.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, tomlparse.TOMLDecodeError, ValueError, RecursionError):  # ValidationError too
        return None


def parse_repository(root: Path) -> Records:
    """Every data file parsed and validated (`parse_model`), without the checks: for readers of a
    repository whose problems are reported elsewhere (validate). A file that does not load is left
    out, and a root file that does not load is named in `unloaded`."""
    records = Records()
    paths = data_files(root)
    for relpath in paths:
        model_type = model_for(relpath)
        model = parse_model(root, relpath, model_type) if model_type is not None else None
        if model is None and relpath in ROOT_MODELS:
            records.unloaded.add(relpath)
        _collect(records, relpath, model)
    if paths:  # an empty repository (no data file at all) has nothing that did not load
        records.unloaded |= {name for name in ROOT_MODELS if not (root / name).exists()}
    return records


class FileChecker(Protocol):
    """Checks one file (a `schema.load.modelcache.ModelCache` checks through its cache)."""

    def check(self, relpath: str) -> FileResult: ...

    def start(self, paths: Sequence[str]) -> None:
        """A load of these files begins (any other file it knew is gone)."""

    def forget(self, relpath: str) -> None:
        """The file is gone (deleted by a save)."""

    def done(self) -> None: ...


class RepositoryLoader:
    """Loading in steps, at a pace the caller chooses: the root files first (everything refers
    to them), then the meetings newest first, a few at a time — so that the terminal UI shows its
    first screen while older meetings load. `finish()` resolves the references between files.

    With a `cache`, files are checked through it. Without `keep_sources`, results are kept lean
    (`FileResult.lean`): no texts in `LoadResult.sources`, and a file whose references do not
    resolve is read again to locate them."""

    def __init__(self, root: Path, cache: FileChecker | None = None, keep_sources: bool = True) -> None:
        self.root = root
        self.cache = cache
        self.keep_sources = keep_sources
        paths = data_files(root)
        if cache is not None:
            cache.start(paths)
        self.root_paths = [p for p in paths if not is_meeting_path(p)]
        """The settings and the root files, loaded first."""
        self.empty = not paths
        """No data file at all: an empty repository, whose root files are empty, not missing."""
        self.pending = sorted((p for p in paths if is_meeting_path(p)), reverse=True)
        """Meeting files still to load, newest first (their names start with the date)."""
        self.total_meetings = len(self.pending)
        self.records = Records()
        self.problems: list[Problem] = [*missing_root_files(root), *stray_files(root)]
        self.results: list[FileResult] = []

    @property
    def done(self) -> bool:
        return not self.pending

    @property
    def loaded_meetings(self) -> int:
        return self.total_meetings - len(self.pending)

    def load_roots(self) -> None:
        """The settings, themes, local governments and advisors."""
        for relpath in self.root_paths:
            self._take(self._check(relpath))
        known = known_keys(self._keys())
        self.records.unloaded = {name for name, keys in known.items() if keys is None}

    def _keys(self) -> dict[str, list[str] | None]:
        """Each root file's record keys (as `known_keys` takes them): an empty repository's are none."""
        keys: dict[str, list[str] | None] = {name: [] for name in ROOT_MODELS} if self.empty else {}
        keys.update({r.path: r.keys for r in self.results})
        return keys

    def step(self, count: int) -> list[str]:
        """Load up to `count` more meeting files; the ids of the meetings that loaded."""
        batch, self.pending = self.pending[:count], self.pending[count:]
        loaded = []
        for relpath in batch:
            result = self._take(self._check(relpath))
            if isinstance(result.model, Meeting):
                loaded.append(result.model.id)
        return loaded

    def _check(self, relpath: str) -> FileResult:
        return self.cache.check(relpath) if self.cache is not None else check_file(self.root, relpath)

    def _take(self, result: FileResult) -> FileResult:
        if not self.keep_sources:
            result = result.lean()
        self.results.append(result)
        self.problems.extend(result.problems)
        _collect(self.records, result.path, result.model)
        return result

    def finish(self) -> LoadResult:
        """Load what is left and resolve the references between files."""
        self.step(len(self.pending))
        records = self.records
        order = sorted(records.meetings, key=lambda mid: records.meeting_paths[mid])  # by file name
        records.meetings = {mid: records.meetings[mid] for mid in order}
        records.meeting_paths = {mid: records.meeting_paths[mid] for mid in order}
        known = known_keys(self._keys())
        records.unloaded = {name for name, keys in known.items() if keys is None}
        problems = list(self.problems)
        for result in self.results:
            if result.ref_values is not None:
                if not unresolved(result.ref_values, known):
                    continue
                result = check_file(self.root, result.path)  # to locate what does not resolve
            findings = resolve(result.path, result.refs, known)
            if findings and result.source is not None:
                problems.extend(finding_problems(result.source, findings))
        if self.cache is not None:
            self.cache.done()
        sources = {r.path: r.source for r in self.results if r.source is not None}
        capped = cap_repeats(sorted(set(problems), key=sort_key))
        return LoadResult(records, sorted(capped, key=sort_key), sources)


@dataclass
class Rechecked:
    """What `recheck_meetings` found: the repository's problems now, and the meetings that left
    and came (a file written holds its meeting again, as a new model)."""

    problems: list[Problem]
    removed: list[str]
    added: list[Meeting]


def recheck_meetings(root: Path, records: Records, problems: Sequence[Problem], written: Sequence[str],
                     checker: FileChecker | None = None) -> Rechecked:
    """After meeting files were written (a save): those files checked again, their references
    resolved against the root files' keys, `records` updated in place — what a whole load would
    give, since no other file's problems depend on a meeting's. Root files written need a whole
    load (everything refers to them)."""
    if any(path in ROOT_MODELS for path in written):
        raise ValueError("a root file was written: load the repository again")
    known = known_keys({name: None if name in records.unloaded else list(getattr(records, table))
                        for name, table in ((root.name, root.table) for root in ROOTS)})
    changed = set(written)
    found = [p for p in problems if p.path not in changed]
    removed: list[str] = []
    added: list[Meeting] = []
    for relpath in written:
        for meeting_id in [m for m, path in records.meeting_paths.items() if path == relpath]:
            removed.append(meeting_id)
            del records.meetings[meeting_id], records.meeting_paths[meeting_id]
        if not (root / relpath).exists():
            if checker is not None:
                checker.forget(relpath)
            continue
        result = checker.check(relpath) if checker is not None else check_file(root, relpath)
        found += result.problems
        if result.source is None and result.ref_values is not None and unresolved(result.ref_values, known):
            result = check_file(root, relpath)  # to locate what does not resolve
        if result.source is not None:
            found += finding_problems(result.source, resolve(relpath, result.refs, known))
        if isinstance(result.model, Meeting):
            records.meetings[result.model.id] = result.model
            records.meeting_paths[result.model.id] = relpath
            added.append(result.model)
    order = sorted(records.meetings, key=lambda mid: records.meeting_paths[mid])  # by file name
    records.meetings = {mid: records.meetings[mid] for mid in order}
    records.meeting_paths = {mid: records.meeting_paths[mid] for mid in order}
    return Rechecked(sorted(cap_repeats(sorted(set(found), key=sort_key)), key=sort_key), removed, added)


def record_keys(model: BaseModel | None) -> list[str] | None:
    if isinstance(model, ThemesFile):
        return list(model.themes)
    if isinstance(model, MunicipalitiesFile):
        return list(model.municipalities)
    if isinstance(model, AdvisorsFile):
        return list(model.advisors)
    return None


def finding_problems(source: Source, findings: Iterable[Finding]) -> list[Problem]:
    """The findings located in the source: at most MAX_REPEATS of a code, then one that counts the
    rest (locating costs a lookup each, and a file can name thousands of unknown records)."""
    problems = []
    counts: dict[str, int] = {}
    first_more: dict[str, Problem] = {}
    for finding in findings:
        count = counts[finding.code] = counts.get(finding.code, 0) + 1
        if count > MAX_REPEATS + 1:
            continue
        line, col = source.position(finding.keypath)
        problem = Problem.of(finding.path, line, col, finding.code, finding.said)
        if count <= MAX_REPEATS:
            problems.append(problem)
        else:
            first_more[finding.code] = problem
    problems.extend(more_like_this(first, counts[code] - MAX_REPEATS) for code, first in first_more.items())
    return problems


def _collect(records: Records, relpath: str, model: BaseModel | None) -> None:
    if isinstance(model, ThemesFile):
        records.themes = model.themes
    elif isinstance(model, MunicipalitiesFile):
        records.municipalities = model.municipalities
    elif isinstance(model, AdvisorsFile):
        records.advisors = model.advisors
    elif isinstance(model, Meeting):
        records.meetings[model.id] = model
        records.meeting_paths[model.id] = relpath
    elif isinstance(model, Settings):
        records.settings = model


def _meeting_file_problems(source: Source, meeting: Meeting) -> list[Problem]:
    problems = []
    stem = Path(source.path).stem
    if stem != meeting.id:
        line, col = source.position(("id",))
        problems.append(Problem.of(source.path, line, col, "E205",
                                   say("file_name_not_id", name=f"{stem}.toml", id=meeting.id)))
    if not meeting.id.startswith(meeting.date.isoformat()):
        line, col = source.position(("id",))
        problems.append(Problem.of(source.path, line, col, "E206",
                                   say("id_not_date", id=meeting.id, date=meeting.date.isoformat())))
    return problems
