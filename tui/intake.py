"""The intake from a meeting's screen (`i`): a form tool's export taken into the meeting as
`daicho intake survey|questions` takes it (schema.intake), with the dialogs in place of the options.

What to take in and the export's path are asked (relative to the repository, or absolute); the
export is read and the change planned at once, so that a file that cannot be used is said in one
line while the dialog is still open. Options of the survey that match no theme are given a theme
in a dialog (as `--map` gives them, each kept as the theme's alias in themes.toml). The findings
and the planned changes, as `daicho diff` shows them, are shown to be confirmed; the plan is then
written through the editing session's one save (`schema.intake.apply_plan`), which tells every
screen (tui/changes.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from schema.read.readmodel import Ref
from schema.words.sanitize import printable

if TYPE_CHECKING:
    from schema.intake import Export, IntakePlan
    from tui.app import DaichoApp

MAX_PATH = 4096
"""Characters of a path typed into the dialog (Linux's PATH_MAX)."""


class PathRefused(Exception):
    """A path typed that is not used: `reason` is why (empty, long, unprintable)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def export_path(repo: Path, typed: str) -> Path:
    """The export's path as typed: absolute, or relative to the repository (`~` is the home
    folder). Raises PathRefused for nothing typed, a path too long, or one with characters that
    would not print as themselves (controls, invisible or disguising ones)."""
    text = typed.strip()
    if not text:
        raise PathRefused("empty")
    if len(text) > MAX_PATH:
        raise PathRefused("long")
    if printable(text) != text:
        raise PathRefused("unprintable")
    path = Path(text).expanduser()
    return path if path.is_absolute() else repo / path


def plan_intake(app: DaichoApp, what: str, export: Export, meeting_id: str, maps: Mapping[str, str]) -> IntakePlan:
    """The change the export makes to the meeting (nothing written)."""
    from schema.intake import QuestionOptions, SurveyOptions, plan_questions, plan_survey

    session = app.editing.session
    if what == "survey":
        return plan_survey(session, export, meeting_id, SurveyOptions(maps=maps))
    return plan_questions(session, export, meeting_id, QuestionOptions(maps=maps))


def shown_plan(app: DaichoApp, planned: IntakePlan) -> str:
    """The findings (✖ where one blocks), then the changes laid out as `daicho diff` lays them out."""
    from daicho import diffformat

    lines = [("✖ " if finding.blocking else "") + app.cat.render(finding.said) for finding in planned.findings]
    if planned.changes:
        report = planned.report()
        lines += ["", *diffformat.row_lines(list(diffformat.rows(report)), colour=False), "",
                  diffformat.summary(report)]
    return "\n".join(lines)


@work(group="edit", exclusive=True)
async def intake(app: DaichoApp, meeting_id: str) -> None:
    """Ask, plan, map, confirm, write (see the module's docstring)."""
    from schema.edit.save import SaveFailed
    from schema.intake import IntakeError, apply_plan, read_export
    from schema.words.messages import say
    from tui.screens.intake import IntakePrompt, MapPrompt
    from tui.screens.prompts import ConfirmPrompt, MessagePrompt

    t, cat = app.cat.t, app.cat
    got: dict[str, tuple[Export, IntakePlan]] = {}

    def check(what: str, typed: str) -> str | None:
        try:
            export = read_export(export_path(app.data.repo, typed))
            got[what] = export, plan_intake(app, what, export, meeting_id, {})
        except PathRefused as refused:
            return {"empty": t("intake.need_path"), "long": t("intake.long_path", limit=f"{MAX_PATH:,}"),
                    "unprintable": t("intake.bad_path")}[refused.reason]
        except IntakeError as exc:
            return cat.render(exc.said)
        return None

    meeting = app.listing.label(Ref("meeting", meeting_id))
    answer = await app.push_screen_wait(IntakePrompt(t("intake.title", meeting=meeting), t, check))
    if not answer:
        return
    what = answer[0]
    export, planned = got[what]
    maps: dict[str, str] = {}
    while planned.unknown_options:
        themes = [(theme, f"{app.data.theme_label(theme, cat.lang)}（{theme}）") for theme in app.data.records.themes]
        chosen = await app.push_screen_wait(MapPrompt(t("intake.map_title"), t, planned.unknown_options, themes))
        if not chosen:
            return
        maps.update(chosen)
        try:
            planned = plan_intake(app, what, export, meeting_id, maps)
        except IntakeError as exc:
            app.notify(printable(cat.render(exc.said)), severity="error", timeout=10, markup=False)
            return
    if planned.blocked:
        problems = [p.format_text(cat) for p in planned.problems]
        await app.push_screen_wait(MessagePrompt(t("intake.blocked"), [shown_plan(app, planned), "", *problems],
                                                 t("edit.close")))
        return
    if not planned.changes:
        app.notify(cat.render(say("intake_no_change")))
        return
    confirmed = await app.push_screen_wait(ConfirmPrompt(t("intake.confirm"), shown_plan(app, planned),
                                                         t("intake.write"), t("edit.cancel")))
    if not confirmed:
        return
    try:
        written = apply_plan(app.editing.session, planned)  # the session's one save: every screen told
    except IntakeError as exc:
        app.notify(printable(cat.render(exc.said)), severity="error", timeout=10, markup=False)
        return
    except SaveFailed as exc:
        app.notify(t("edit.failed", path=exc.relpath, reason=exc.reason), severity="error", timeout=10,
                   markup=False)
        return
    app.notify(printable(cat.render(say("intake_wrote", files=", ".join(c.relpath for c in written.changes)))),
               markup=False)


