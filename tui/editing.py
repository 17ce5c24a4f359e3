"""The terminal UI's side of editing: the edit session of the open repository, what a reference
field completes with, the words of the forms, and the session's saves told to the screens.

The session (schema.edit.session) does the work headless, on the app's read model (RepoData) itself:
its one save writes, loads again what it wrote and tells this module, which has the app publish
the change to the screens (tui/changes.py). This module connects the session to the app's
catalogue and lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from schema.edit.draft import Draft
from schema.edit.session import EditSession, SaveResult
from schema.edit.spec import FieldSpec
from schema.files.locate import KeyPath
from schema.files.repofiles import ROOT_FILES, ROOT_OF_KIND
from schema.models import Target
from schema.read.era import fiscal_year_label, local_date
from schema.read.readmodel import Ref
from schema.read.textmatch import kana_key, ranked, search_key
from schema.words.problems import Problem
from schema.words.sanitize import printable
from tui.changes import Change
from tui.widgets.fields import Candidates

if TYPE_CHECKING:
    from tui.app import DaichoApp


EDITABLE_MUNICIPALITY_FIELDS = frozenset({"note"})
"""Local governments come from the national list: only their note is written by hand."""


_PLACE_ARGS = frozenset({"field", "where"})
"""The arguments of the problems' messages that name a place of the record by its key path."""


def _key_path(text: str) -> KeyPath | None:
    """A key path as messages write it (`agenda[2].presenters[1]`, positions from 1); None for text
    that is not one."""
    import re

    if not re.fullmatch(r"[a-z_]+(\[[0-9]+\])*(\.[A-Za-z0-9_-]+(\[[0-9]+\])*)*", text):
        return None
    return tuple(int(index) - 1 if index else name
                 for name, index in re.findall(r"([A-Za-z0-9_-]+)|\[([0-9]+)\]", text))


class _Candidate:
    __slots__ = ("key", "label", "value")

    def __init__(self, value: str, label: str, key: str) -> None:
        self.value, self.label, self.key = value, label, key


class Editing:
    """The edits of the app's repository."""

    def __init__(self, app: DaichoApp) -> None:
        self.app = app
        self.session = EditSession(app.data.repo, app.data)
        """Edits the app's read model itself: its one save keeps `app.data` current."""
        self.session.listeners.append(self._saved)
        self._pools: dict[Target, list[_Candidate]] = {}

    def _saved(self, result: SaveResult) -> None:
        """Every save of the session (whichever screen made it) and every load of files changed
        meanwhile: the screens are told, by the app's one signal."""
        self.app.publish(Change("saved", saved=result))

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
        root = ROOT_OF_KIND.get(ref.kind)
        if root is not None:
            relpath, table = root.name, root.table
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
            label = self.municipality_label if target == Target.MUNICIPALITY else (
                lambda code: listing.label(Ref(kind, code)))  # type: ignore[arg-type]
            pool = self._pools[target] = [_Candidate(row.ref.id, label(row.ref.id), row.key)
                                          for row in listing.rows(kind)]  # type: ignore[arg-type]
        return pool

    def municipality_label(self, code: str) -> str:
        """A local government's name with its prefecture, which tells apart the names that several
        prefectures have (府中市（東京都）/ 府中市（広島県）)."""
        data = self.app.data
        name = data.municipality_name(code)
        prefecture = data.prefecture_of(code)
        return self.cat.t("edit.with_prefecture", name=name, prefecture=data.municipality_name(prefecture)) \
            if prefecture else name

    def name_of(self, target: Target, draft: Draft | None) -> Callable[[str], str]:
        """The name of what a reference names, to echo beside the field."""
        data = self.app.data
        lang = self.cat.lang

        def name(value: str) -> str:
            if target == Target.ADVISOR:
                return data.advisor_name(value) if value in data.records.advisors else "?"
            if target == Target.MUNICIPALITY:
                return self.municipality_label(value) if value in data.records.municipalities else "?"
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

    def reading(self, label: str) -> str:
        """The reading of a field's label (いしょくねんど for 委嘱年度), for the field jump; "" where
        the language has none (English labels are their own romaji)."""
        return self.cat.get(f"reading.{label}") or ""

    # -- where a place of a record is, in words ------------------------------------------------------

    def segments(self, draft: Draft, path: KeyPath, start: int = 0) -> list[str]:
        """Each step of `path` from its `start`-th in words: a field by its label, a list element by
        its number and headline (3. 事例紹介: …), a table's entry by its name."""
        from schema.edit.spec import node_at

        out: list[str] = []
        for size in range(max(start, 1), len(path) + 1):
            part = path[size - 1]
            parent = node_at(draft.model_type, draft.doc, path[:size - 1])
            if parent is None:
                out.append(str(part if not isinstance(part, int) else part + 1))
            elif parent.kind == "record":
                out.append(self.label(parent.model, str(part)))
            elif isinstance(part, int):
                element = draft.get(path[:size])
                headline = self.headline(parent.spec.models if parent.spec else (), element) \
                    if isinstance(element, dict) else ""
                out.append(f"{part + 1}. {headline}" if headline else str(part + 1))
            else:
                element = draft.get(path[:size])
                name = element.get("name") or element.get("title") if isinstance(element, dict) else None
                out.append(str(name or part))
        return out

    def where(self, draft: Draft, path: KeyPath) -> str:
        """A place of a record in words, for every message a form shows (議事 › 5. オンライン相談会 ›
        人数): never a key path (`agenda.4.count`) nor an English id. Of a root file's record (an
        advisor), the place inside the record."""
        start = 3 if draft.relpath in ROOT_FILES and len(path) >= 2 else 1
        return " › ".join(self.segments(draft, path, start)) or self.cat.t("edit.whole_record")

    def headline(self, models: tuple[type, ...], value: dict[str, Any], *, any_text: bool = True) -> str:
        """An element as one line: its kind (for agenda items) and its headline field; without one,
        its first text (unless `any_text` is False: the form lists an attendance's figures first)."""
        from schema.models import ITEM_MODELS
        from schema.models.annotations import element_model

        model = element_model(models, value)
        head = getattr(model, "HEADLINE", None) if model is not None else None
        text = str(value.get(head) or "") if head else ""
        if not text and any_text:
            text = next((str(v) for k, v in value.items() if isinstance(v, str) and k not in ("note", "kind")), "")
        text = text.split("\n")[0]
        kind = value.get("kind")
        if model in ITEM_MODELS and isinstance(kind, str):
            text = f"{self.cat.enum('agenda_kind', kind)}: {text}"
        return printable(text)

    def problem_text(self, draft: Draft, problem: Problem, path: KeyPath | None = None) -> str:
        """A problem as a form shows it: its message, after the place in words where one is given;
        a key path the message names (`agenda[2].title`, the field of E202) said in words too."""
        import dataclasses

        args = tuple((name, self.where(draft, found) if name in _PLACE_ARGS and (found := _key_path(value))
                      else value) for name, value in problem.args)
        message = self.app.message(dataclasses.replace(problem, args=args) if args != problem.args else problem)
        return f"{self.where(draft, path)}: {message}" if path is not None else message

    def echo(self, spec: FieldSpec) -> Callable[[Any], str] | None:
        """What a date or fiscal year reads as in the era (令和4年10月5日(水), 令和4年度)."""
        lang = self.cat.lang
        if spec.kind == "date":
            return lambda value: local_date(value, lang) if hasattr(value, "isoformat") else ""
        if spec.kind == "int" and spec.name in ("fiscal_year",):
            return lambda value: fiscal_year_label(value, lang) if isinstance(value, int) else ""
        return None
