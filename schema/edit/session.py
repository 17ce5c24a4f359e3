"""Editing a repository: files opened as drafts, checked as `daicho validate` checks them, saved
together; records created, copied, renamed and deleted with every reference kept whole.

Headless: the terminal UI drives it, the tests and `daicho intake` drive it directly. Every write
goes through one method, `EditSession.save` (as Fava's `FileModule` checks, writes and reloads in
one): it writes the changes with `schema.edit.save.write_changes` (each file only if it still holds
the bytes it was read with; several files under the lock and the journal), loads again what it wrote
into the session's read model (`schema.read.reload`: records, problems, cross-reference index), and
returns a `SaveResult` — what was written and the new models — which it also hands to its
`listeners` (the terminal UI publishes its one signal from there). Edits of drafts, renames and
deletions (whose changes are computed here, then previewed), reverting the last save and an
intake's plan (`schema.intake.apply_plan`) are all saved by it.

The session reads each file's bytes when it opens it and keeps what the last save replaced so that
it can be put back ("revert last save"). A repository starts from an empty folder: a root file not
there yet opens as an empty draft, and the first save writes it, the other root files (empty) and
the meetings folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schema.edit.check import DraftCheck, check_draft
from schema.edit.draft import Draft, plain
from schema.edit.refs import doc_references, referrers, renamed
from schema.edit.save import FileChange, SaveFailed, diff_text, write_changes
from schema.files.ids import MEETING_ID_PATTERN, SLUG_PATTERN, fiscal_year_of
from schema.files.locate import KeyPath
from schema.files.repofiles import ROOT_FILES, ROOT_OF_KIND, known_keys, read_file
from schema.load.loader import check_file, model_for
from schema.models import (
    ADVISORS_FILE,
    MEETINGS_DIR,
    MUNICIPALITIES_FILE,
    ROOT_MODELS,
    THEMES_FILE,
    Advisor,
    Affiliation,
    Meeting,
    Records,
    Target,
)
from schema.models.writer import dumps_model
from schema.read.readmodel import ReadModel
from schema.read.reload import reload_files
from schema.read.textmatch import id_romaji
from schema.words.problems import Problem, blocks_rewrite


class ReadOnly(Exception):
    """A file that cannot be edited: its problems forbid rewriting it (a comment a save would drop,
    a syntax error), or it cannot be read. `problems` says why."""

    def __init__(self, relpath: str, problems: Sequence[Problem]) -> None:
        super().__init__(relpath)
        self.relpath = relpath
        self.problems = list(problems)


class Refused(Exception):
    """An operation that would leave the records inconsistent (a deleted record something still
    names, a rename to an id in use); `referrers` lists the places at fault."""

    def __init__(self, reason: str, referrers: Sequence[str] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.referrers = list(referrers)


@dataclass
class SaveResult:
    """What a save did: the files written, and the records as they now are."""

    changes: list[FileChange]
    """What was written (empty when nothing changed)."""
    state: ReadModel | None = None
    """The session's read model after the save (records, problems, index loaded again); None when
    nothing was written or the session does not keep its records current."""
    removed: list[str] = field(default_factory=list)
    """Meetings whose model left the records (their file was rewritten or deleted)."""
    added: list[Meeting] = field(default_factory=list)
    """The new models of the meeting files written."""

    @property
    def written(self) -> list[str]:
        return [change.relpath for change in self.changes]

    @property
    def created(self) -> list[str]:
        """The files the save made (a new meeting's)."""
        return [change.relpath for change in self.changes if change.before is None and change.after is not None]


SaveListener = Callable[[SaveResult], object]
"""Told of every save (and every load of files changed meanwhile), after the records are current."""


class EditSession:
    """The edits of one repository, and the one way they are written."""

    def __init__(self, root: Path, records: Records | ReadModel, *, keep_current: bool = True) -> None:
        self.root = root
        self.model = records if isinstance(records, ReadModel) else ReadModel(records)
        """The repository's records as loaded (for references, names and new ids), their problems
        and index: the terminal UI's read model itself, kept current by every save."""
        self.keep_current = keep_current
        """Load again what a save wrote (False: a command that ends with its save, `daicho intake`)."""
        self.drafts: dict[str, Draft] = {}
        self.last_save: list[FileChange] = []
        self.listeners: list[SaveListener] = []
        """Told of every save's result (the terminal UI: its `records_changed` signal)."""
        self._checked: dict[str, tuple[list[tuple[object, int]], DraftCheck]] = {}
        """relpath → (what its last check depended on, that check): a form checks on every change
        and a save checks again, so an unchanged draft is not checked twice."""

    @property
    def records(self) -> Records:
        return self.model.records

    # -- opening -------------------------------------------------------------------------------

    def open(self, relpath: str) -> Draft:
        """The draft of a file (opened once; raises ReadOnly when the file cannot be rewritten). A
        root file or the settings not there yet is a new, empty draft."""
        if relpath in self.drafts:
            return self.drafts[relpath]
        model = model_for(relpath)
        if model is not None and model is not Meeting and not os.path.lexists(self.root / relpath):
            return self.add(Draft(relpath, model, {}, None))
        raw = read_file(self.root, relpath)
        if isinstance(raw, Problem):
            raise ReadOnly(relpath, [raw])
        result = check_file(self.root, relpath, raw)
        blocking = [p for p in result.problems if blocks_rewrite(p)]
        if result.model is None or blocking:
            raise ReadOnly(relpath, blocking or result.problems)
        draft = Draft.of(relpath, result.model, raw)
        self.drafts[relpath] = draft
        return draft

    def unsaved(self) -> list[str]:
        """The files with changes not saved (a new meeting not written yet counts)."""
        return sorted(path for path, draft in self.drafts.items() if draft.dirty or draft.original is None)

    def close(self, relpath: str) -> None:
        self.drafts.pop(relpath, None)

    def add(self, draft: Draft) -> Draft:
        """A draft of a file not written yet (a new meeting)."""
        self.drafts[draft.relpath] = draft
        return draft

    # -- checking ------------------------------------------------------------------------------

    def known(self) -> Mapping[str, Collection[str] | None]:
        """The record keys of the root files: the drafts' where a root file is being edited."""
        records = self.records
        keys: dict[str, list[str] | None] = {
            THEMES_FILE: list(records.themes) if THEMES_FILE not in records.unloaded else None,
            MUNICIPALITIES_FILE: list(records.municipalities) if MUNICIPALITIES_FILE not in records.unloaded else None,
            ADVISORS_FILE: list(records.advisors) if ADVISORS_FILE not in records.unloaded else None,
        }
        for relpath, (table) in ((THEMES_FILE, "themes"), (MUNICIPALITIES_FILE, "municipalities"),
                                 (ADVISORS_FILE, "advisors")):
            draft = self.drafts.get(relpath)
            if draft is not None:
                keys[relpath] = list(draft.get((table,), {}) or {})
        return known_keys(keys)

    def check(self, draft: Draft) -> DraftCheck:
        """The checks of `daicho validate` on the draft (its file and its references)."""
        depends: list[tuple[object, int]] = [(draft, draft.version), (self.records, 0)]
        depends += [(d, d.version) for path, d in self.drafts.items() if path in ROOT_FILES]
        cached = self._checked.get(draft.relpath)
        if cached is not None and len(cached[0]) == len(depends) and all(
                old is new and old_version == new_version
                for (old, old_version), (new, new_version) in zip(cached[0], depends, strict=True)):
            return cached[1]
        checked = check_draft(draft, self.root, self.known())
        self._checked[draft.relpath] = (depends, checked)
        return checked

    # -- saving --------------------------------------------------------------------------------

    def pending(self) -> list[FileChange]:
        """What a save would write: every draft whose canonical text differs from its file."""
        changes = []
        for draft in self.drafts.values():
            text = draft.canonical()
            if text is None:
                continue
            data = text.encode("utf-8")
            if data != draft.original:
                changes.append(FileChange(draft.relpath, draft.original, data))
        if changes:  # a repository holds all three root files or none: the first save writes them
            written = {change.relpath for change in changes}
            changes += [FileChange(name, None, dumps_model(ROOT_MODELS[name]()).encode("utf-8"))
                        for name in ROOT_FILES if name not in written and not os.path.lexists(self.root / name)]
        return changes

    def problems(self) -> dict[str, DraftCheck]:
        """The problems of every changed draft (a save with any is refused)."""
        out = {}
        for draft in self.drafts.values():
            if draft.dirty or draft.original is None:
                check = self.check(draft)
                if check.problems:
                    out[draft.relpath] = check
        return out

    def save(self, changes: Sequence[FileChange] | None = None) -> SaveResult:
        """THE save: write the pending changes (or `changes`: a rename's, a deletion's, a revert's,
        an intake's), load again what they changed, tell the listeners, and return what was
        written and the records as they now are. Raises SaveFailed (nothing written)."""
        changes = list(self.pending() if changes is None else changes)
        if not changes:  # nothing to write: the files hold the drafts, and undo stops here too
            for unchanged in self.drafts.values():
                if not unchanged.dirty and unchanged.original is not None:
                    unchanged.saved(unchanged.original)
            return SaveResult([])
        if any(change.relpath.startswith(f"{MEETINGS_DIR}/") and change.after is not None for change in changes):
            try:
                (self.root / MEETINGS_DIR).mkdir(exist_ok=True)  # the first meeting makes the folder
            except OSError as exc:
                raise SaveFailed(MEETINGS_DIR, exc.strerror or str(exc)) from None
        write_changes(self.root, changes)
        self.last_save = changes
        for change in changes:
            self._written(change)
        return self._loaded_again(SaveResult(changes), [change.relpath for change in changes])

    def _written(self, change: FileChange) -> None:
        """A file the save wrote: its draft, if it was written from it, is saved (undo stops there);
        a draft the file was written from elsewhere (a rename, a revert) is closed."""
        draft = self.drafts.get(change.relpath)
        if draft is None:
            return
        text = draft.canonical() if change.after is not None and change.before == draft.original else None
        if text is not None and text.encode("utf-8") == change.after:
            draft.saved(change.after)
        else:
            self.drafts.pop(change.relpath, None)

    def reload(self, written: Sequence[str] | None = None) -> SaveResult:
        """Load again the files `written` (None: anything may have changed on disk; a file that
        changed since it was read, whose draft was closed) and tell the listeners."""
        return self._loaded_again(SaveResult([]), written)

    def _loaded_again(self, result: SaveResult, written: Sequence[str] | None) -> SaveResult:
        if self.keep_current:
            reloaded = reload_files(self.model, self.root, written)
            result.state, result.removed, result.added = self.model, reloaded.removed, reloaded.added
        for listener in list(self.listeners):
            listener(result)
        return result

    def revert_last_save(self) -> SaveResult:
        """Put back what the last save replaced (only where the files still hold what it wrote),
        through the same save; there is then nothing left to revert."""
        if not self.last_save:
            return SaveResult([])
        result = self.save([change.reversed() for change in reversed(self.last_save)])
        self.last_save = []
        return result

    # -- new records ---------------------------------------------------------------------------

    def new_meeting(self, date: dt.date, kind: str, format: str, title: str, bureau: str,
                    slug: str | None = None) -> Draft:
        """A new meeting: id from the date and a slug, fiscal year from the date."""
        meeting_id = self.free_meeting_id(date, slug or proposed_slug(bureau, kind))
        doc: dict[str, Any] = {"id": meeting_id, "title": title, "kind": kind, "bureau": bureau,
                               "date": date, "fiscal_year": fiscal_year_of(date.year, date.month),
                               "format": format}
        return self.add(Draft(f"{MEETINGS_DIR}/{meeting_id}.toml", Meeting, doc, None))

    def copy_meeting(self, source: Meeting, date: dt.date, slug: str | None = None,
                     choices: CopyChoices | None = None) -> Draft:
        """A new meeting with the structure of `source` (last year's annual meeting): its people,
        parts and agenda kept, what belongs to the old date cleared, and as `choices` say: the
        people's titles refreshed from the advisors' posts of the new fiscal year, the parts'
        audiences cleared, the unnamed roles (facilitators ×3) kept."""
        choices = choices or CopyChoices()
        doc = plain(source.model_dump(mode="python", exclude_none=True, exclude_defaults=True))
        meeting_id = self.free_meeting_id(date, slug or source.id[len("YYYY-MM-DD-"):])
        old_year, new_year = source.fiscal_year, fiscal_year_of(date.year, date.month)
        doc = cleared_for_copy(doc, keep_unnamed=choices.keep_unnamed)
        doc.update(id=meeting_id, date=date, fiscal_year=new_year,
                   title=renamed_year(source.title, old_year, new_year))
        if choices.clear_audiences:
            for part in (doc.get("parts") or {}).values():
                part.pop("audience", None)
        if choices.refresh_titles:
            for person in (doc.get("people") or {}).values():
                advisor = person.get("advisor")
                if advisor in self.records.advisors:
                    title = advisor_posts(self.records.advisors[advisor], new_year)
                    if title:
                        person["title"] = title
                    else:
                        person.pop("title", None)
        return self.add(Draft(f"{MEETINGS_DIR}/{meeting_id}.toml", Meeting, doc, None))

    def free_meeting_id(self, date: dt.date, slug: str) -> str:
        slug = slugify(slug) or "meeting"
        base = f"{date.isoformat()}-{slug}"
        taken = set(self.records.meetings) | {Path(p).stem for p in self.drafts}
        meeting_id, number = base, 2
        while meeting_id in taken or (self.root / MEETINGS_DIR / f"{meeting_id}.toml").exists():
            meeting_id, number = f"{base}-{number}", number + 1
        return meeting_id

    def person_from_advisor(self, advisor_id: str, fiscal_year: int | None = None) -> tuple[str, dict[str, Any]]:
        """A person of a meeting for an advisor: a key, and name, reading, title (the advisor's
        posts of that fiscal year, as `advisor_posts` writes them; editable, as stated that day),
        role and links filled in."""
        advisor = self.records.advisors[advisor_id]
        person: dict[str, Any] = {"name": advisor.name, "role": "advisor", "advisor": advisor_id}
        if advisor.kana:
            person["kana"] = advisor.kana
        title = advisor_posts(advisor, fiscal_year)
        if title:
            person["title"] = title
        codes = list(dict.fromkeys(a.municipality for a in _of_year(advisor, fiscal_year) if a.municipality))
        if codes:
            person["municipalities"] = codes
        return advisor_id.split("-")[0], person

    # -- renaming and deleting -----------------------------------------------------------------

    def rename_record(self, target: Target, old: str, new: str) -> list[FileChange]:
        """The changes that rename a record of a root file and every reference to it, everywhere."""
        root = ROOT_OF_KIND[target.value]
        relpath, table = root.name, root.table
        if not re.fullmatch(SLUG_PATTERN if target != Target.MUNICIPALITY else r"[0-9]{6}", new):
            raise Refused(f'"{new}" is not a valid id (lower-case ASCII words joined by hyphens)')
        files = self._read_all(naming=old)
        root_model, _ = files[relpath]
        doc = plain(_document(root_model))
        entries = doc.get(table, {})
        if old not in entries:
            raise Refused(f'no record "{old}" in {relpath}')
        if new in entries:
            raise Refused(f'"{new}" is already the id of another record in {relpath}')
        changes: list[FileChange] = []
        for path, (model, raw) in files.items():
            current = plain(_document(model))
            updated = renamed(type(model), current, target, old, new)
            if path == relpath:
                updated[table] = {(new if key == old else key): value for key, value in updated[table].items()}
                updated[table] = dict(sorted(updated[table].items()))
            if updated != current:
                text = dumps_model(type(model).model_validate(updated))
                changes.append(FileChange(path, raw, text.encode("utf-8")))
        return changes

    def delete_record(self, target: Target, record_id: str) -> list[FileChange]:
        """The change that deletes a record of a root file; Refused while anything names it."""
        root = ROOT_OF_KIND[target.value]
        relpath, table = root.name, root.table
        files = self._read_all(naming=record_id)
        found = [f"{path} › {_shown(place)}" for path, (model, _) in files.items()
                 for place in referrers(type(model), plain(_document(model)), target, record_id)]
        if found:
            raise Refused(f'"{record_id}" is named by {len(found)} place(s); change them first', found)
        model, raw = files[relpath]
        doc = plain(_document(model))
        doc.get(table, {}).pop(record_id, None)
        return [FileChange(relpath, raw, dumps_model(type(model).model_validate(doc)).encode("utf-8"))]

    def delete_meeting(self, meeting_id: str) -> list[FileChange]:
        relpath = self.records.meeting_paths.get(meeting_id, f"{MEETINGS_DIR}/{meeting_id}.toml")
        raw = read_file(self.root, relpath)
        if isinstance(raw, Problem):
            raise Refused(raw.message)
        return [FileChange(relpath, raw, None)]

    def _read_all(self, naming: str | None = None) -> dict[str, tuple[Any, bytes]]:
        """The data files' models and bytes, read now: every file, or with `naming` the root files
        and the files that may name that id (its characters in the bytes, or escapes that could
        spell it: every other file cannot refer to it). A file read that does not load stops a
        rename: its references cannot be followed."""
        from schema.files.repofiles import data_files

        dirty = self.unsaved()
        if dirty:
            raise Refused(f"{dirty[0]} has unsaved changes; save or undo them first")
        out: dict[str, tuple[Any, bytes]] = {}
        for relpath in data_files(self.root):
            raw = read_file(self.root, relpath)
            if isinstance(raw, Problem):
                raise Refused(f"{relpath} cannot be read: {raw.message}")
            if naming is not None and relpath not in ROOT_FILES and not may_name(raw, naming):
                continue
            result = check_file(self.root, relpath, raw)
            if result.model is None or any(blocks_rewrite(p) for p in result.problems):
                raise Refused(f"{relpath} has problems a rewrite cannot keep; run daicho validate")
            out[relpath] = (result.model, raw)
        return out


_SPELLED_OTHERWISE = re.compile(rb"\\[uU]|\\[ \t]*\r?\n")
"""A unicode escape, or a line-ending backslash inside a multi-line string: ways a TOML file can
name an id without its characters appearing in a row."""


def may_name(raw: bytes, value: str) -> bool:
    """Whether a file's bytes can hold a reference to `value` (False: they certainly do not)."""
    return value.encode("utf-8") in raw or _SPELLED_OTHERWISE.search(raw) is not None


def draft_rename_key(draft: Draft, target: Target, table: str, old: str, new: str) -> None:
    """Rename a person or part key of a meeting draft and every reference to it (one undo step)."""
    if not re.fullmatch(SLUG_PATTERN, new):
        raise Refused(f'"{new}" is not a valid key (lower-case ASCII words joined by hyphens)')
    entries = draft.get((table,), {}) or {}
    if new in entries:
        raise Refused(f'"{new}" is already a key of [{table}]')
    doc = renamed(draft.model_type, draft.doc, target, old, new)
    if old in doc.get(table, {}):
        doc[table] = dict(sorted(((new if k == old else k), v) for k, v in doc[table].items()))
    draft.replace(doc)


def draft_referrers(draft: Draft, target: Target, value: str) -> list[KeyPath]:
    """Where the draft names `value` of `target` (a person or part about to be deleted)."""
    return [path for path, refers, found in doc_references(draft.model_type, draft.doc)
            if refers.target == target and found == value]


def _document(model: Any) -> dict[str, Any]:
    from schema.models.writer import model_document

    return model_document(model)


def _shown(path: KeyPath) -> str:
    return ".".join(str(p + 1) if isinstance(p, int) else p for p in path)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, from whatever ASCII `text` has."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def proposed_slug(bureau: str, kind: str) -> str:
    return f"{bureau}-{kind}"


def proposed_advisor_id(kana: str) -> str:
    """An advisor's id from the reading: the words in romaji joined by hyphens (おかむら ひさかず →
    okamura-hisakazu); editable, since a reading's romaji is not always how a person writes it."""
    return slugify(id_romaji(kana))


def _of_year(advisor: Advisor, fiscal_year: int | None) -> list[Affiliation]:
    """The advisor's affiliations of `fiscal_year` (those that name no year are taken as current);
    all of them when no year is given."""
    if fiscal_year is None:
        return list(advisor.affiliations)
    return [a for a in advisor.affiliations if not a.fiscal_years or fiscal_year in a.fiscal_years]


def advisor_posts(advisor: Advisor, fiscal_year: int | None = None) -> str:
    """An advisor's posts of a fiscal year as a meeting's record states a title: each affiliation
    as organization then post, run together, and the affiliations separated by a space, as the
    published reports write them (亜細亜大学都市創造学部教授 ボルタージャパン顧問)."""
    return " ".join("".join(filter(None, (a.organization, a.title))) for a in _of_year(advisor, fiscal_year))


@dataclass(frozen=True, slots=True)
class CopyChoices:
    """What a copy of a meeting does beyond keeping its structure (the dialog's check boxes)."""

    refresh_titles: bool = True
    """The people who are advisors get their titles from the advisors' posts of the new year."""
    clear_audiences: bool = True
    """The parts' audiences are cleared (they are stated anew each year)."""
    keep_unnamed: bool = True
    """Unnamed roles (facilitators ×3) are kept."""


def renamed_year(title: str, old: int, new: int) -> str:
    """A title with its fiscal year moved on (令和4年度 → 令和5年度, FY2022 → FY2023)."""
    from schema.read.era import fiscal_year_label

    out = title.replace(fiscal_year_label(old, "ja"), fiscal_year_label(new, "ja"))
    return out.replace(f"FY{old}", f"FY{new}").replace(f"{old}年度", f"{new}年度")


# What a copy keeps (the structure) and clears (what belongs to the old date).
_CLEARED = frozenset({"end_date", "published", "url", "summary", "attendance", "dispatch", "materials",
                      "questions", "answers", "opinions", "ranking", "responses", "note"})


def cleared_for_copy(doc: Any, keep_unnamed: bool = False) -> Any:
    cleared = _CLEARED if keep_unnamed else _CLEARED | {"unnamed"}
    if isinstance(doc, dict):
        return {key: cleared_for_copy(value, keep_unnamed) for key, value in doc.items() if key not in cleared}
    if isinstance(doc, list):
        return [cleared_for_copy(item, keep_unnamed) for item in doc]
    return doc


__all__ = [
    "MEETING_ID_PATTERN",
    "ROOT_MODELS",
    "CopyChoices",
    "EditSession",
    "ReadOnly",
    "Refused",
    "SaveFailed",
    "SaveResult",
    "cleared_for_copy",
    "diff_text",
    "draft_referrers",
    "draft_rename_key",
    "model_for",
    "proposed_advisor_id",
    "slugify",
]
