"""What can be done to a whole record from its screen or its list: edit it, create one (`n`), copy
a meeting as a new one, rename an id everywhere it is named, delete a record nothing names. Each
change across files is previewed as one diff and written together, by the editing session's one
save (schema.edit.session): the screen of a record renamed or deleted then closes itself, told by
the app's signal like every other screen (tui/changes.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import SystemCommand

from schema.edit.save import FileChange, SaveFailed, diff_text
from schema.edit.session import ReadOnly, Refused
from schema.files.ids import SLUG_PATTERN
from schema.files.repofiles import ROOTS
from schema.models import MEETINGS_DIR, Bureau, Meeting, MeetingFormat, MeetingKind, Target
from schema.read.readmodel import Ref
from tui.screens.prompts import ConfirmPrompt, MessagePrompt, TextPrompt

if TYPE_CHECKING:
    from tui.app import DaichoApp

TARGETS: dict[str, Target] = {root.kind: Target(root.kind) for root in ROOTS if root.by_hand}
"""Records of root files that can be renamed and deleted (local governments come from the list)."""


def record_commands(app: DaichoApp, ref: Ref) -> Iterator[SystemCommand]:
    t = app.cat.t
    yield SystemCommand(t("palette.edit"), t("palette.edit_help"), lambda: app.edit(ref))
    if ref.kind == "meeting":
        yield SystemCommand(t("palette.copy_meeting"), t("palette.copy_meeting_help"),
                            lambda: copy_meeting(app, ref.id))
        yield SystemCommand(t("palette.delete"), t("palette.delete_help"), lambda: delete_meeting(app, ref.id))
    if ref.kind in TARGETS:
        yield SystemCommand(t("palette.rename"), t("palette.rename_help"), lambda: rename(app, ref))
        yield SystemCommand(t("palette.delete"), t("palette.delete_help"), lambda: delete(app, ref))


def _open_new(app: DaichoApp, draft: Any, label: str) -> None:
    from tui.screens.edit import EditScreen

    app.push_screen(EditScreen(draft, (), [label]))


@work(group="edit", exclusive=True)
async def new_meeting(app: DaichoApp) -> None:
    """A new meeting: its date, kind, format, bureau and title asked; the id and fiscal year
    proposed. The bureau starts at the repository's where it is known, else it must be chosen."""
    from tui.screens.prompts import NewMeetingPrompt

    t = app.cat.t
    kinds = [(k.value, app.cat.enum("meeting_kind", k.value)) for k in MeetingKind]
    formats = [(f.value, app.cat.enum("meeting_format", f.value)) for f in MeetingFormat]
    bureaus = [(b.value, app.cat.enum("bureau", b.value)) for b in Bureau]
    answer = await app.push_screen_wait(NewMeetingPrompt(t("edit.new_meeting"), kinds, formats, _bureau(app), t,
                                                         bureaus))
    if not answer:
        return
    draft = app.editing.session.new_meeting(answer["date"], answer["kind"], answer["format"], answer["title"],
                                            answer["bureau"], answer["slug"])
    _open_new(app, draft, draft.doc["title"])


def _bureau(app: DaichoApp) -> str | None:
    """The repository's bureau (schema.read.repobureau: daicho.toml's, else its records'); None where
    nothing tells (an empty repository: the bureau is asked, not assumed)."""
    from schema.read.repobureau import repository_bureau

    bureau = repository_bureau(app.data.records)
    return bureau.value if bureau is not None else None


@work(group="edit", exclusive=True)
async def copy_meeting(app: DaichoApp, meeting_id: str) -> None:
    """A new meeting copied from this one (last year's annual meeting): the date asked (the same
    weekday a year on proposed, its weekday shown, a weekend or holiday flagged) and what the copy
    refreshes, clears and keeps."""
    from schema.edit.session import CopyChoices
    from tui.screens.prompts import CopyMeetingPrompt

    t = app.cat.t
    source: Meeting | None = app.data.meeting(meeting_id)
    if source is None:
        return
    proposed = source.date + dt.timedelta(days=364)  # 52 weeks on: the same weekday
    answer = await app.push_screen_wait(CopyMeetingPrompt(t("palette.copy_meeting"), proposed.isoformat(), t,
                                                          lambda date: _day_of(app, date)))
    if not answer:
        return
    choices = CopyChoices(answer["refresh_titles"], answer["clear_audiences"], answer["keep_unnamed"])
    draft = app.editing.session.copy_meeting(source, answer["date"], choices=choices)
    _open_new(app, draft, draft.doc["title"])


def _day_of(app: DaichoApp, date: dt.date) -> str:
    """A proposed date with its weekday, and a warning when it is a weekend or a national holiday."""
    from schema.read.era import local_date
    from schema.read.holidays import day_off

    shown = local_date(date, app.cat.lang)
    off = day_off(date)
    if off is None:
        return shown
    return app.cat.t("edit.day_off", date=shown, day=app.cat.t("edit.weekend") if off == "weekend" else off)


@work(group="edit", exclusive=True)
async def new_record(app: DaichoApp, kind: str) -> None:
    """A new advisor or theme: its id asked, then its form."""
    from tui.screens.edit import EditScreen
    from tui.screens.prompts import NewAdvisorPrompt

    t = app.cat.t
    editing = app.editing
    relpath, table = {"advisor": ("advisors.toml", "advisors"), "theme": ("themes.toml", "themes")}[kind]
    existing = getattr(app.data.records, table)

    def check(key: str) -> str | None:
        if not re.fullmatch(SLUG_PATTERN, key):
            return t("edit.bad_key")
        return t("edit.key_taken") if key in existing else None

    entry: dict[str, Any] = {}
    if kind == "advisor":  # the name and reading first; the id proposed from the reading
        answer = await app.push_screen_wait(NewAdvisorPrompt(t("edit.new_advisor"), t, check))
        if not answer:
            return
        key = answer["id"]
        entry = {"name": answer["name"], **({"kana": answer["kana"]} if answer["kana"] else {})}
    else:
        key = await app.push_screen_wait(TextPrompt(t(f"edit.new_{kind}"), "", "open-data", check))
        if not key:
            return
    try:
        draft = editing.session.open(relpath)
    except ReadOnly as exc:
        reasons = "; ".join(f"{p.code} {app.message(p)}" for p in exc.problems[:3])
        app.notify(t("edit.read_only", path=relpath, reasons=reasons), severity="warning", timeout=10)
        return
    draft.put((table,), key, entry)
    app.push_screen(EditScreen(draft, (table, key), [entry.get("name") or key]))


@work(group="edit", exclusive=True)
async def rename(app: DaichoApp, ref: Ref) -> None:
    """A new id for an advisor or a theme, and every reference to it in every file, in one save."""
    t = app.cat.t
    new = await app.push_screen_wait(TextPrompt(t("edit.rename_record", id=ref.id), ref.id))
    if not new or new == ref.id:
        return
    try:
        changes = app.editing.session.rename_record(TARGETS[ref.kind], ref.id, new)
    except Refused as exc:
        app.notify(exc.reason, severity="error", timeout=10)
        return
    if await _confirm_and_write(app, changes):
        app.open_ref(Ref(ref.kind, new))


@work(group="edit", exclusive=True)
async def delete(app: DaichoApp, ref: Ref) -> None:
    """Delete an advisor or a theme; refused, with the places that name it, while any do."""
    t = app.cat.t
    try:
        changes = app.editing.session.delete_record(TARGETS[ref.kind], ref.id)
    except Refused as exc:
        await app.push_screen_wait(MessagePrompt(t("edit.cannot_delete", id=ref.id), [exc.reason, *exc.referrers],
                                                 t("edit.close")))
        return
    await _confirm_and_write(app, changes, deleting=True)


@work(group="edit", exclusive=True)
async def delete_meeting(app: DaichoApp, meeting_id: str) -> None:
    try:
        changes = app.editing.session.delete_meeting(meeting_id)
    except Refused as exc:
        app.notify(exc.reason, severity="error")
        return
    await _confirm_and_write(app, changes, deleting=True)


async def _confirm_and_write(app: DaichoApp, changes: list[FileChange], deleting: bool = False) -> bool:
    """Show the diff and write it when confirmed. A deletion is asked in its own words, and keeping
    the record is the default (Enter keeps it)."""
    t = app.cat.t
    prompt = ConfirmPrompt(t("edit.confirm_delete"), diff_text(changes), t("edit.delete"), t("edit.keep_record"),
                           diff=True, keep_default=True) if deleting else ConfirmPrompt(
        t("edit.confirm"), diff_text(changes), t("edit.save"), t("edit.cancel"), diff=True)
    confirmed = await app.push_screen_wait(prompt)
    if not confirmed:
        return False
    try:
        app.editing.session.save(changes)  # the one save: a screen whose record went closes itself
    except SaveFailed as exc:
        app.notify(t("edit.failed", path=exc.relpath, reason=exc.reason), severity="error", timeout=10)
        return False
    app.notify(t("edit.done", count=len(changes)))
    return True


__all__ = ["MEETINGS_DIR", "copy_meeting", "delete", "new_meeting", "new_record", "record_commands", "rename"]
