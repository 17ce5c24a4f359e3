"""An intake's plan: the changes it would make to the records, what it noticed, and applying it.

The command line and the terminal UI do the same two steps: `plan_survey` or `plan_questions`
(schema.intake.survey, schema.intake.questions) give an `IntakePlan` — the files as they would be
written, checked as `daicho validate` checks them, and the findings to report — and `apply_plan`
writes it through the editing session's one save (`EditSession.save`: only the files that change,
each atomically, none over an edit made since it was read). A plan is made from copies of the
session's drafts and changes nothing until it is applied.

`IntakeContext` is what both intakes share: the meeting and themes.toml opened through the
session, the theme and organisation matchers, the agenda item to fill (found, chosen with `--item`,
or added where a meeting lacks one), and the aliases a `--map` keeps.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from schema.diff import FileDiff, Report, Side
from schema.diff.tree import collection_key, diff_documents, label_of
from schema.edit.check import check_draft
from schema.edit.draft import Draft
from schema.edit.save import FileChange
from schema.edit.session import EditSession, ReadOnly, SaveResult
from schema.files import tomlparse
from schema.intake.columns import ORGANISATION_HEADERS, PREFECTURE_HEADERS, header_column, named_column
from schema.intake.errors import Finding, IntakeError
from schema.intake.exports import Export, Row
from schema.intake.organisations import MunicipalityMatcher, repository_region
from schema.intake.themes import ThemeMatcher, ThemeNames
from schema.load.suggest import Suggestions
from schema.models import MEETINGS_DIR, THEMES_FILE
from schema.models.prefectures import bureau_of
from schema.read.textmatch import normalize
from schema.words.catalogue import Catalogue
from schema.words.messages import Message, say, word
from schema.words.problems import Problem
from schema.words.sanitize import shorten

NEW_ITEM_BEFORE: dict[str, tuple[str, ...]] = {
    "survey": ("consultation", "closing-remarks"),
    "consultation": ("closing-remarks",),
}
"""Where a new item goes: before the first item of these kinds (the survey feeds the consultation;
both come before the closing remarks), else at the end."""
SAMPLE_ROWS = 50
"""Rows looked at to find a column by its contents."""
SHOWN_ROWS = 5
"""Row numbers a finding lists; the rest are counted."""


@dataclass
class IntakePlan:
    """What an intake would do. Nothing is written until `apply_plan`."""

    meeting: str
    changes: list[FileChange] = field(default_factory=list)
    """The files as they would be written (the save's input)."""
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Problems `daicho validate` would find in the files as planned: the plan is not written."""
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Each changed file's document as planned."""
    bases: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Each changed file's document the plan was made from (a draft edited since: refused)."""

    @property
    def blocked(self) -> bool:
        """The plan cannot be written: an option matched no theme, or the records would not be valid."""
        return bool(self.problems) or any(f.blocking for f in self.findings)

    @property
    def unknown_options(self) -> list[str]:
        """The options that match no theme, as the export words them (each needs a map)."""
        return [f.option for f in self.findings if f.option is not None]

    def report(self) -> Report:
        """The planned changes as a report of `daicho diff`: each file's documents before and after,
        compared by `schema.diff`'s comparison of two parsed documents (the command line and the
        terminal UI lay it out as `daicho diff` does)."""
        files = []
        for change in self.changes:
            old = tomlparse.loads(change.before.decode("utf-8")) if change.before is not None else {}
            new = tomlparse.loads((change.after or b"").decode("utf-8"))
            files.append(FileDiff(change.relpath, "modified" if change.before is not None else "added", None,
                                  label_of(new), diff_documents(old, new), collection=collection_key(new)))
        side = Side("worktree", None, "the working tree")
        return Report(side, side, files, [], [])


def parse_maps(values: Iterable[str]) -> dict[str, str]:
    """`OPTION=theme-id` pairs (the last `=` separates: an id has none)."""
    out: dict[str, str] = {}
    for value in values:
        option, sep, theme = value.rpartition("=")
        if not sep or not option.strip() or not theme.strip():
            raise IntakeError(say("intake_bad_map", value=shorten(value)))
        out[" ".join(option.split())] = theme.strip()
    return out


class IntakeContext:
    """The meeting, the themes and the matchers of one intake (see the module's docstring)."""

    def __init__(self, session: EditSession, export: Export, meeting_id: str,
                 maps: Mapping[str, str] | None = None) -> None:
        self.session = session
        self.export = export
        self.meeting_id = meeting_id
        self.meeting = _open(session, meeting_relpath(session, meeting_id))
        self.themes_draft = _open(session, THEMES_FILE)
        self.doc: dict[str, Any] = copy.deepcopy(self.meeting.doc)
        self.themes_doc: dict[str, Any] = copy.deepcopy(self.themes_draft.doc)
        self.findings: list[Finding] = []
        table = self.themes_doc.get("themes", {})
        self.themes = {key: ThemeNames(key, value["label"], value.get("kana"), value.get("label_en"),
                                       tuple(value.get("aliases", ()))) for key, value in table.items()}
        maps = maps or {}
        for option, theme in maps.items():
            if theme not in self.themes:
                hint = Suggestions().said(theme, list(self.themes), cutoff=0.6)
                raise IntakeError(say("intake_map_unknown_theme", value=shorten(option), theme=shorten(theme),
                                      hint=hint))
        plain = ThemeMatcher(self.themes)
        for option, theme in maps.items():
            named = plain.match(option)
            if named is not None and named != theme:
                raise IntakeError(say("intake_map_taken", value=shorten(option), theme=named))
        self.maps = dict(maps)
        self.matcher = ThemeMatcher(self.themes, self.maps)
        self.used_maps: set[str] = set()
        records = session.records
        self.orgs = MunicipalityMatcher(records.municipalities, repository_region(records))
        self.org_column: int | None = None
        self.prefecture_column: int | None = None

    # -- themes --------------------------------------------------------------------------------

    def theme_of(self, option: str) -> str | None:
        """The theme an option names (noting a `--map` used)."""
        theme = self.matcher.match(option)
        if theme is not None:
            key = normalize(option)
            self.used_maps.update(o for o in self.maps if normalize(o) == key)
        return theme

    def unknown(self, options: Mapping[str, tuple[str, list[int]]]) -> None:
        """Report options that matched no theme (each blocks the write)."""
        labels = [t.label for t in self.themes.values()]
        suggest = Suggestions()
        for option, rows in options.values():
            shared = self.matcher.shared(option)
            hint: Message | str = (say("intake_shared_name", themes=", ".join(shared)) if shared
                                   else suggest.said(option, labels, cutoff=0.5))
            self.findings.append(Finding(say("intake_unknown_option", option=shorten(option), rows=rows_text(rows),
                                             hint=hint), blocking=True, option=option))

    def keep_aliases(self) -> None:
        """Keep each `--map` used as an alias of its theme in themes.toml (unless it names it already)."""
        for option in sorted(self.used_maps):
            theme = self.maps[option]
            if normalize(option) in self.matcher.names_of(theme):
                continue
            entry = self.themes_doc["themes"][theme]
            entry["aliases"] = [*entry.get("aliases", []), option]
            self.findings.append(Finding(say("intake_alias_kept", option=shorten(option), theme=theme)))
        for option in sorted(set(self.maps) - self.used_maps):
            self.findings.append(Finding(say("intake_map_unused", option=shorten(option))))

    def theme_label(self, theme: str) -> str:
        return self.themes[theme].label

    # -- organisations -------------------------------------------------------------------------

    def find_organisations(self, named: str | None, exclude: Sequence[int]) -> None:
        """The column of the respondents' organisation (and of their prefecture, if apart)."""
        export = self.export
        if named is not None:
            self.org_column = named_column(export, named)
        else:
            self.org_column = header_column(export, ORGANISATION_HEADERS, exclude)
            if self.org_column is None:
                self.org_column = self._organisations_by_content(exclude)
        if self.org_column is None:
            self.findings.append(Finding(say("intake_no_organisation_column")))
            return
        self.prefecture_column = header_column(export, PREFECTURE_HEADERS, [*exclude, self.org_column])

    def _organisations_by_content(self, exclude: Sequence[int]) -> int | None:
        sample = self.export.rows[:SAMPLE_ROWS]
        best: tuple[float, int | None] = (0.5, None)
        for column in range(len(self.export.headers)):
            if column in exclude:
                continue
            values = [row.get(column).strip() for row in sample if row.get(column).strip()]
            if not values or sum(len(v) for v in values) / len(values) > 40:
                continue
            share = sum(self.orgs.match(v).code is not None for v in values) / len(values)
            if share > best[0]:
                best = (share, column)
        return best[1]

    def organisation(self, row: Row) -> tuple[str, str | None]:
        """(the organisation as typed, its local government's code or None)."""
        if self.org_column is None:
            return "", None
        typed = " ".join(row.get(self.org_column).split())
        prefecture = row.get(self.prefecture_column).strip() if self.prefecture_column is not None else ""
        if not typed:
            return "", None
        return typed, self.orgs.match(typed, prefecture).code

    def report_organisations(self, rows: Sequence[Row]) -> list[str]:
        """Report how the rows' organisations matched; the codes matched, in the order first met."""
        if self.org_column is None:
            return []
        codes: list[str] = []
        by_text: dict[tuple[str, str], list[int]] = {}
        missing: list[int] = []
        for row in rows:
            typed = " ".join(row.get(self.org_column).split())
            if not typed:
                missing.append(row.number)
                continue
            prefecture = row.get(self.prefecture_column).strip() if self.prefecture_column is not None else ""
            by_text.setdefault((typed, prefecture), []).append(row.number)
        for (typed, prefecture), numbers in by_text.items():
            match = self.orgs.match(typed, prefecture)
            shown = shorten(f"{prefecture} {typed}".strip())
            if match.code is not None:
                codes.append(match.code)
                if match.by_region:
                    others = [self.orgs.display(c) for c in match.candidates if c != match.code]
                    bureau = bureau_of(match.code)
                    region: Message | str = word(f"bureau.{bureau.value}") if bureau is not None else ""
                    self.findings.append(Finding(say(
                        "intake_organisation_by_region", organisation=shown, chosen=self.orgs.display(match.code),
                        region=region, others=", ".join(others), rows=rows_text(numbers))))
            elif match.candidates:
                self.findings.append(Finding(say(
                    "intake_organisation_ambiguous", organisation=shown, rows=rows_text(numbers),
                    candidates=", ".join(self.orgs.display(c) for c in match.candidates))))
            else:
                self.findings.append(Finding(say("intake_organisation_unknown", organisation=shown,
                                                 rows=rows_text(numbers))))
        if missing:
            self.findings.append(Finding(say("intake_organisation_missing", rows=rows_text(missing))))
        return list(dict.fromkeys(codes))

    # -- the agenda ----------------------------------------------------------------------------

    def agenda_item(self, kind: str, number: int | None) -> dict[str, Any]:
        """The agenda item of `kind` to fill: item `number` (1-based), else the meeting's only one,
        else a new one (reported)."""
        agenda: list[dict[str, Any]] = self.doc.setdefault("agenda", [])
        label = word(f"agenda_kind.{kind}")
        if number is not None:
            if not 1 <= number <= len(agenda):
                raise IntakeError(say("intake_no_item", meeting=self.meeting_id, item=str(number),
                                      count=str(len(agenda))))
            found = agenda[number - 1].get("kind", "")
            if found != kind:
                raise IntakeError(say("intake_item_kind", item=str(number), kind=label,
                                      found=word(f"agenda_kind.{found}")))
            return agenda[number - 1]
        positions = [n for n, item in enumerate(agenda) if item.get("kind") == kind]
        if len(positions) == 1:
            return agenda[positions[0]]
        if positions:
            raise IntakeError(say("intake_several_items", kind=label, meeting=self.meeting_id,
                                  items=", ".join(str(n + 1) for n in positions)))
        before = NEW_ITEM_BEFORE.get(kind, ())
        at = next((n for n, item in enumerate(agenda) if item.get("kind") in before), len(agenda))
        item = {"kind": kind, "title": Catalogue("ja").enum("agenda_kind", kind)}
        agenda.insert(at, item)
        self.findings.append(Finding(say("intake_new_item", kind=label, item=str(at + 1))))
        return item

    # -- the plan ------------------------------------------------------------------------------

    def plan(self) -> IntakePlan:
        """The changes made to the copies, checked as validate checks them."""
        plan = IntakePlan(self.meeting_id, findings=list(self.findings))
        if plan.blocked:
            return plan
        known = self.session.known()
        for draft, doc in ((self.meeting, self.doc), (self.themes_draft, self.themes_doc)):
            if doc == draft.doc:
                continue
            planned = Draft(draft.relpath, draft.model_type, doc, draft.original)
            plan.problems += check_draft(planned, self.session.root, known).problems
            plan.docs[draft.relpath] = doc
            plan.bases[draft.relpath] = copy.deepcopy(draft.doc)
            text = planned.canonical()
            if text is not None and text.encode("utf-8") != draft.original:
                plan.changes.append(FileChange(draft.relpath, draft.original, text.encode("utf-8")))
        return plan


def apply_plan(session: EditSession, plan: IntakePlan) -> SaveResult:
    """Write a plan through the session: its drafts take the planned documents (one undo step each)
    and the session saves those files. Raises IntakeError (a blocked plan, a draft edited since the
    plan was made, problems) or SaveFailed (nothing written); on either, the drafts are as before."""
    if plan.blocked:
        raise IntakeError(say("intake_not_written"), plan.problems)
    replaced: list[Draft] = []
    try:
        for relpath, doc in plan.docs.items():
            draft = _open(session, relpath)
            if draft.doc != plan.bases[relpath]:
                raise IntakeError(say("intake_stale", file=relpath))
            draft.replace(copy.deepcopy(doc))
            replaced.append(draft)
        problems = [p for draft in replaced for p in session.check(draft).problems]
        if problems:
            raise IntakeError(say("intake_not_written"), problems)
        return session.save([c for c in session.pending() if c.relpath in plan.docs])
    except BaseException:
        for draft in replaced:
            draft.undo()
        raise


def meeting_relpath(session: EditSession, meeting_id: str) -> str:
    """The file of a meeting of the repository; raises IntakeError for one that is not there."""
    relpath = session.records.meeting_paths.get(meeting_id, f"{MEETINGS_DIR}/{meeting_id}.toml")
    safe = meeting_id and all(c not in meeting_id for c in "/\\") and not meeting_id.startswith(".")
    if not safe or not (session.root / relpath).is_file():
        hint = Suggestions().said(meeting_id, list(session.records.meetings), cutoff=0.6)
        raise IntakeError(say("intake_no_meeting", meeting=shorten(meeting_id), hint=hint))
    return relpath


def _open(session: EditSession, relpath: str) -> Draft:
    try:
        return session.open(relpath)
    except ReadOnly as exc:
        raise IntakeError(say("intake_read_only", file=relpath), exc.problems) from None


def rows_text(numbers: Sequence[int]) -> str:
    """Row numbers for a message: the first few, then how many more."""
    shown = ", ".join(f"{n:,}" for n in numbers[:SHOWN_ROWS])
    return shown + (f" (+{len(numbers) - SHOWN_ROWS:,})" if len(numbers) > SHOWN_ROWS else "")
