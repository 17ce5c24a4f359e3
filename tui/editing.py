"""The terminal UI's side of editing: the edit session of the open repository, what a reference
field completes with, the words of the forms, and what a save changes on screen.

The session (schema.edit.session) does the work headless; this module connects it to the app's
records (RepoData), catalogue and settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from schema.edit.draft import Draft
from schema.edit.save import FileChange
from schema.edit.session import EditSession
from schema.edit.spec import FieldSpec
from schema.era import fiscal_year_label, local_date
from schema.models import Target
from schema.readmodel import Ref
from schema.repofiles import ADVISORS_FILE, MUNICIPALITIES_FILE, THEMES_FILE
from schema.textmatch import kana_key, ranked, search_key
from tui.widgets.fields import Candidates

if TYPE_CHECKING:
    from tui.app import DaichoApp

ROOT_TABLES: dict[str, tuple[str, str]] = {
    "advisor": (ADVISORS_FILE, "advisors"),
    "theme": (THEMES_FILE, "themes"),
    "municipality": (MUNICIPALITIES_FILE, "municipalities"),
}
"""The file and table of each kind of record kept in a root file."""

EDITABLE_MUNICIPALITY_FIELDS = frozenset({"note"})
"""Local governments come from the national list: only their note is written by hand."""


class _Candidate:
    __slots__ = ("key", "label", "value")

    def __init__(self, value: str, label: str, key: str) -> None:
        self.value, self.label, self.key = value, label, key


class Editing:
    """The edits of the app's repository."""

    def __init__(self, app: DaichoApp) -> None:
        self.app = app
        self.session = EditSession(app.data.repo, app.data.records)
        self._pools: dict[Target, list[_Candidate]] = {}

    @property
    def cat(self) -> Any:
        return self.app.cat

    # -- what a record is, where ---------------------------------------------------------------

    def location(self, ref: Ref) -> tuple[str, tuple[str | int, ...]] | None:
        """The file and key path of a record (a consultation: its question in its meeting)."""
        data = self.app.data
        if ref.kind == "meeting":
            relpath = data.records.meeting_paths.get(ref.id)
            return (relpath, ()) if relpath else None
        if ref.kind == "consultation":
            entry = data.consultation(ref.id)
            if entry is None:
                return None
            relpath = data.records.meeting_paths.get(entry.meeting_id)
            return (relpath, tuple(entry.keypath)) if relpath else None
        if ref.kind in ROOT_TABLES:
            relpath, table = ROOT_TABLES[ref.kind]
            return relpath, (table, ref.id)
        return None

    # -- completion ----------------------------------------------------------------------------

    def candidates(self, target: Target, draft: Draft | None) -> Candidates:
        """What a reference field of `target` completes with: advisors, local governments and
        themes of the repository; people and parts of the meeting being edited."""
        def find(query: str) -> list[tuple[str, str]]:
            pool = self._pool(target, draft)
            return [(c.value, c.label) for c in ranked(pool, query)[:50]]
        return find

    def _pool(self, target: Target, draft: Draft | None) -> list[_Candidate]:
        if target in (Target.PERSON, Target.PART):
            table = "people" if target == Target.PERSON else "parts"
            entries = (draft.get((table,), {}) if draft is not None else {}) or {}
            return [_Candidate(key, str(entry.get("name") or entry.get("title") or key),
                               search_key(key, entry.get("name"), entry.get("title"))
                               + ("\x1f" + kana_key(entry["kana"]) if entry.get("kana") else ""))
                    for key, entry in entries.items() if isinstance(entry, dict)]
        pool = self._pools.get(target)
        if pool is None:
            kind = {Target.ADVISOR: "advisor", Target.MUNICIPALITY: "municipality", Target.THEME: "theme"}[target]
            listing = self.app.listing
            pool = self._pools[target] = [_Candidate(row.ref.id, listing.label(row.ref), row.key)
                                          for row in listing.rows(kind)]  # type: ignore[arg-type]
        return pool

    def name_of(self, target: Target, draft: Draft | None) -> Callable[[str], str]:
        """The name of what a reference names, to echo beside the field."""
        data = self.app.data
        lang = self.cat.lang

        def name(value: str) -> str:
            if target == Target.ADVISOR:
                return data.advisor_name(value) if value in data.records.advisors else "?"
            if target == Target.MUNICIPALITY:
                return data.municipality_name(value) if value in data.records.municipalities else "?"
            if target == Target.THEME:
                return data.theme_label(value, lang) if value in data.records.themes else "?"
            table = "people" if target == Target.PERSON else "parts"
            entry = (draft.get((table, value)) if draft is not None else None) or {}
            return str(entry.get("name") or entry.get("title") or "?")
        return name

    def forget_candidates(self) -> None:
        self._pools.clear()

    # -- words ---------------------------------------------------------------------------------

    def label(self, model: type, name: str) -> str:
        cat = self.cat
        return cat.get(f"field.{model.__name__}.{name}") or cat.get(f"field.{name}") or name

    def choice_labels(self, spec: FieldSpec) -> dict[str, str]:
        return {choice: self.cat.enum(spec.choice_group, choice) for choice in spec.choices}

    def echo(self, spec: FieldSpec) -> Callable[[Any], str] | None:
        """What a date or fiscal year reads as in the era (令和4年10月5日(水), 令和4年度)."""
        lang = self.cat.lang
        if spec.kind == "date":
            return lambda value: local_date(value, lang) if hasattr(value, "isoformat") else ""
        if spec.kind == "int" and spec.name in ("fiscal_year",):
            return lambda value: fiscal_year_label(value, lang) if isinstance(value, int) else ""
        return None

    # -- after a save --------------------------------------------------------------------------

    def saved(self, changes: Sequence[FileChange]) -> None:
        """Show what a save wrote (`changes`, or what changed on disk with none): the files loaded
        again through the model cache (only those written are checked again), the index updated.
        The cache file is not written again for a save (that serializes every model): the next
        start checks the files saved and writes it then."""
        data, loading = self.app.data, self.app.loading
        if loading.cache is None:
            from schema.modelcache import ModelCache

            loading.cache = ModelCache(data.repo)
        data.reload_files(loading.cache, [change.relpath for change in changes] if changes else None)
        self.session.records = data.records
        self.forget_candidates()
        self.app.listing.reset()
        self.app.data_changed()
