"""What can be done to a whole record from its screen or its list: edit it, create one (`n`), copy
a meeting as a new one, rename an id everywhere it is named, delete a record nothing names. Each
change across files is previewed as one diff and written together (schema.edit)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import SystemCommand

from schema.edit.save import FileChange, SaveFailed, diff_text, write_changes
from schema.edit.session import Refused
from schema.ids import SLUG_PATTERN
from schema.models import MEETINGS_DIR, Meeting, MeetingFormat, MeetingKind, Target
from schema.readmodel import Ref
from tui.screens.prompts import ConfirmPrompt, MessagePrompt, TextPrompt

if TYPE_CHECKING:
    from tui.app import DaichoApp

TARGETS: dict[str, Target] = {"advisor": Target.ADVISOR, "theme": Target.THEME}
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
    """A new meeting: its date, kind, format and title asked; the id and fiscal year proposed."""
    from tui.screens.prompts import NewMeetingPrompt

    t = app.cat.t
    kinds = [(k.value, app.cat.enum("meeting_kind", k.value)) for k in MeetingKind]
    formats = [(f.value, app.cat.enum("meeting_format", f.value)) for f in MeetingFormat]
    bureau = _bureau(app)
    answer = await app.push_screen_wait(NewMeetingPrompt(t("edit.new_meeting"), kinds, formats, bureau, t))
    if not answer:
        return
    draft = app.editing.session.new_meeting(answer["date"], answer["kind"], answer["format"], answer["title"],
                                            bureau, answer["slug"])
    _open_new(app, draft, draft.doc["title"])


def _bureau(app: DaichoApp) -> str:
    """The repository's bureau (schema.repobureau: daicho.toml's, else its records')."""
    from schema.repobureau import repository_bureau

    bureau = repository_bureau(app.data.records)
    return bureau.value if bureau is not None else "kanto"


@work(group="edit", exclusive=True)
async def copy_meeting(app: DaichoApp, meeting_id: str) -> None:
    """A new meeting copied from this one (last year's annual meeting): the date asked."""
    t = app.cat.t
    source: Meeting | None = app.data.meeting(meeting_id)
    if source is None:
        return
    try:
        proposed = source.date.replace(year=source.date.year + 1)
    except ValueError:
        proposed = source.date + dt.timedelta(days=365)
    answer = await app.push_screen_wait(TextPrompt(t("edit.copy_date"), proposed.isoformat(), "2023-10-04",
                                                   _date_check(app)))
    if not answer:
        return
    draft = app.editing.session.copy_meeting(source, dt.date.fromisoformat(answer))
    _open_new(app, draft, draft.doc["title"])


def _date_check(app: DaichoApp) -> Any:
    def check(text: str) -> str | None:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return app.cat.t("edit.bad_date")
        return None
    return check


@work(group="edit", exclusive=True)
async def new_record(app: DaichoApp, kind: str) -> None:
    """A new advisor or theme: its id asked, then its form."""
    from tui.screens.edit import EditScreen

    t = app.cat.t
    editing = app.editing
    relpath, table = {"advisor": ("advisors.toml", "advisors"), "theme": ("themes.toml", "themes")}[kind]
    existing = getattr(app.data.records, table)

    def check(key: str) -> str | None:
        if not re.fullmatch(SLUG_PATTERN, key):
            return t("edit.bad_key")
        return t("edit.key_taken") if key in existing else None

    key = await app.push_screen_wait(TextPrompt(t(f"edit.new_{kind}"), "",
                                                "okamura-hisakazu" if kind == "advisor" else "open-data", check))
    if not key:
        return
    draft = editing.session.open(relpath)
    draft.put((table,), key, {})
    app.push_screen(EditScreen(draft, (table, key), [key]))


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
        app.pop_screen()
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
    if await _confirm_and_write(app, changes):
        app.pop_screen()


@work(group="edit", exclusive=True)
async def delete_meeting(app: DaichoApp, meeting_id: str) -> None:
    try:
        changes = app.editing.session.delete_meeting(meeting_id)
    except Refused as exc:
        app.notify(exc.reason, severity="error")
        return
    if await _confirm_and_write(app, changes):
        app.pop_screen()


async def _confirm_and_write(app: DaichoApp, changes: list[FileChange]) -> bool:
    t = app.cat.t
    confirmed = await app.push_screen_wait(ConfirmPrompt(t("edit.confirm"), diff_text(changes), t("edit.save"),
                                                         t("edit.cancel"), diff=True))
    if not confirmed:
        return False
    try:
        write_changes(app.data.repo, changes)
    except SaveFailed as exc:
        app.notify(t("edit.failed", path=exc.relpath, reason=exc.reason), severity="error", timeout=10)
        return False
    app.editing.session.last_save = changes
    app.editing.saved(changes)
    app.notify(t("edit.done", count=len(changes)))
    return True


__all__ = ["MEETINGS_DIR", "copy_meeting", "delete", "new_meeting", "new_record", "record_commands", "rename"]
