"""Small dialogs of the editing UI: a text to type, one of several choices, a record to pick with
completion, a field to jump to, a confirmation showing the diff a save (or a deletion) will make, a
list of problems, and the first questions of a new meeting, a copied meeting and a new advisor."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from schema.edit.spec import FieldSpec
from schema.words.sanitize import printable
from tui.widgets.fields import Candidates, RefEditor


class Prompt(ModalScreen[Any]):
    """Base of the dialogs: a framed box in the middle; Escape cancels (None)."""

    DEFAULT_CSS = """
    Prompt { align: center middle; }
    Prompt > Vertical {
        width: 80%; max-width: 110; height: auto; max-height: 90%;
        border: round $border; background: $surface; padding: 0 1;
    }
    Prompt .title { text-style: bold; color: $text-primary; height: auto; margin-bottom: 1; }
    Prompt .message { height: auto; margin-bottom: 1; }
    Prompt .error { color: $text-error; height: auto; }
    Prompt .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    Prompt Button { margin-left: 1; min-width: 10; }
    Prompt .body { height: auto; max-height: 30; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "keys.back", priority=True)]

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(Prompt):
    """A line of text; `check` returns what is wrong with it (None: fine)."""

    def __init__(self, title: str, initial: str = "", placeholder: str = "",
                 check: Callable[[str], str | None] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial
        self.placeholder = placeholder
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            yield Input(self.initial, placeholder=self.placeholder, id="prompt-input")
            yield Static("", classes="error", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        problem = self.check(value) if self.check else None
        if problem:
            self.query_one(".error", Static).update(problem)
            return
        self.dismiss(value)


class ChoicePrompt(Prompt):
    """One of several choices (an agenda item's kind, what to do with unsaved changes)."""

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], message: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.message = message
        self.highlight = 0
        """The choice highlighted first (the current value of a list's element)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            if self.message:
                yield Static(self.message, classes="message", markup=False)
            yield OptionList(*(Option(label, id=value) for value, label in self.choices), id="prompt-choices")

    def on_mount(self) -> None:
        if self.highlight:
            self.query_one(OptionList).highlighted = self.highlight

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class PickPrompt(Prompt):
    """A record to pick with completion (an advisor to add as a person, a value of a list)."""

    def __init__(self, title: str, spec: FieldSpec, candidates: Candidates,
                 name_of: Callable[[str], str], placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.spec = spec
        self.candidates = candidates
        self.name_of = name_of
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            yield RefEditor((), self.spec, None, self.candidates, self.name_of, self.placeholder,
                            id="prompt-picker")

    def on_mount(self) -> None:
        self.query_one(RefEditor).input.focus()

    @on(RefEditor.Finished)
    def _picked(self, event: RefEditor.Finished) -> None:
        event.stop()
        if event.value:
            self.dismiss(event.value)
        else:
            self.dismiss(None)


class JumpPrompt(Prompt):
    """A field of the form to go to, by part of its label: kanji, kana or romaji (`/` on a form)."""

    def __init__(self, title: str, candidates: Candidates, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.candidates = candidates
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            yield RefEditor((), _JUMP_SPEC, None, self.candidates, lambda _: "", self.placeholder, show_values=False,
                            id="prompt-picker")

    def on_mount(self) -> None:
        self.query_one(RefEditor).input.focus()

    @on(RefEditor.Finished)
    def _picked(self, event: RefEditor.Finished) -> None:
        event.stop()
        value = event.value if isinstance(event.value, str) else None
        if value and not value.startswith("row-"):  # typed, not picked: the best match
            found = self.candidates(value)
            value = found[0][0] if found else None
        self.dismiss(value or None)


_JUMP_SPEC = FieldSpec(name="field", kind="ref", required=False, help="")


class ConfirmPrompt(Prompt):
    """A yes or no, with a body to read first (the diff a save will make). With `keep_default`
    (a deletion) the focus starts on no, and y does not answer: only a deliberate choice deletes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "keys.yes", show=False),
        Binding("n", "answer(False)", "keys.no", show=False),
    ]

    def __init__(self, title: str, body: str, yes: str, no: str, diff: bool = False,
                 keep_default: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes
        self.no = no
        self.diff = diff
        self.keep_default = keep_default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            with VerticalScroll(classes="body"):
                yield Static(diff_text(self.body) if self.diff else printable(self.body, multiline=True),
                             markup=False, id="prompt-body")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.keep_default else "#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        if value and self.keep_default:
            return
        self.dismiss(value)


class MessagePrompt(Prompt):
    """Something to read (the problems that stop a save, the places that name a record)."""

    def __init__(self, title: str, lines: Sequence[str], close: str) -> None:
        super().__init__()
        self.title_text = title
        self.lines = list(lines)
        self.close = close

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            with VerticalScroll(classes="body"):
                yield Static(printable("\n".join(self.lines), multiline=True), markup=False, id="prompt-body")
            with Horizontal(classes="buttons"):
                yield Button(self.close, variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


def diff_text(diff: str) -> Text:
    """A unified diff in colour: additions green, removals red, headers muted."""
    text = Text()
    for line in printable(diff, multiline=True).splitlines(keepends=True):
        style = ("bold" if line.startswith(("+++", "---")) else "green" if line.startswith("+")
                 else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else "")
        text.append(line, style)
    return text


class FormPrompt(Prompt):
    """A dialog of a few labelled fields ending in an error line and Create / Cancel; `create`
    dismisses with the values, or says what is wrong (`refuse`)."""

    def __init__(self, title: str, t: Callable[..., str]) -> None:
        super().__init__()
        self.title_text = title
        self.t = t

    def heading(self) -> Static:
        return Static(self.title_text, classes="title", markup=False)

    def label(self, key: str) -> Static:
        return Static(self.t(key), classes="message", markup=False)

    def ending(self, create: str = "edit.create") -> ComposeResult:
        """The error line, and the buttons: `create` (the catalogue's word for it) and Cancel."""
        yield Static("", classes="error", markup=False)
        with Horizontal(classes="buttons"):
            yield Button(self.t(create), variant="primary", id="create")
            yield Button(self.t("edit.cancel"), id="cancel")

    def refuse(self, message: str) -> None:
        self.query_one(".error", Static).update(message)

    def create(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self.create()
        else:
            self.dismiss(None)


class NewMeetingPrompt(FormPrompt):
    """A new meeting's date, kind, format, bureau and title; its id (YYYY-MM-DD-slug) and fiscal
    year are proposed from them. The bureau starts at the repository's where it is known, else
    unset (asked); the slug follows the bureau and kind until it is typed by hand."""

    def __init__(self, title: str, kinds: Sequence[tuple[str, str]], formats: Sequence[tuple[str, str]],
                 bureau: str | None, t: Callable[..., str], bureaus: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(title, t)
        self.kinds = list(kinds)
        self.formats = list(formats)
        self.bureau = bureau
        self.bureaus = list(bureaus)
        self._slug_typed = False

    def compose(self) -> ComposeResult:
        from textual.widgets import Select

        t = self.t
        with Vertical():
            yield self.heading()
            yield self.label("edit.date")
            yield Input(placeholder="2023-10-04", id="new-date")
            yield self.label("edit.meeting_kind")
            yield Select([(label, value) for value, label in self.kinds], value=self.kinds[0][0],
                         allow_blank=False, id="new-kind")
            yield self.label("edit.meeting_format")
            yield Select([(label, value) for value, label in self.formats], value=self.formats[0][0],
                         allow_blank=False, id="new-format")
            yield self.label("edit.bureau")
            yield Select([(label, value) for value, label in self.bureaus], prompt=t("edit.choose"),
                         value=self.bureau if self.bureau else Select.NULL, id="new-bureau")
            yield self.label("edit.title")
            yield Input(id="new-title")
            yield self.label("edit.slug")
            yield Input(self._proposed_slug(self.bureau, self.kinds[0][0]), id="new-slug")
            yield Static("", classes="message", id="new-preview", markup=False)
            yield from self.ending()

    @staticmethod
    def _proposed_slug(bureau: object, kind: object) -> str:
        from schema.edit.session import proposed_slug

        return proposed_slug(bureau, str(kind)) if isinstance(bureau, str) else str(kind)

    def on_mount(self) -> None:
        self.query_one("#new-date", Input).focus()

    def _values(self) -> tuple[Any, str]:
        import datetime as dt

        from textual.widgets import Select

        from schema.edit.session import slugify
        from schema.files.ids import fiscal_year_of
        from schema.read.era import fiscal_year_label, full_date

        text = self.query_one("#new-date", Input).value.strip()
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            return None, self.t("edit.bad_date")
        slug = slugify(self.query_one("#new-slug", Input).value) or "meeting"
        kind = self.query_one("#new-kind", Select).value
        fmt = self.query_one("#new-format", Select).value
        bureau = self.query_one("#new-bureau", Select).value
        title = self.query_one("#new-title", Input).value.strip()
        fiscal = fiscal_year_of(date.year, date.month)
        preview = self.t("edit.new_preview", id=f"{date.isoformat()}-{slug}", date=full_date(date, "ja"),
                         fiscal_year=fiscal_year_label(fiscal, "ja"))
        return {"date": date, "kind": kind, "format": fmt, "title": title, "slug": slug,
                "bureau": bureau if isinstance(bureau, str) else None}, preview

    @on(Input.Changed)
    @on(Input.Submitted)
    def _changed(self, event: Input.Changed | Input.Submitted) -> None:
        event.stop()
        if event.input.id == "new-slug" and isinstance(event, Input.Changed) and event.input.has_focus:
            self._slug_typed = True
        values, preview = self._values()
        self.query_one("#new-preview", Static).update(preview if values else "")

    def on_select_changed(self, event: Any) -> None:
        """The bureau or kind chosen: the slug follows them (until typed by hand)."""
        from textual.widgets import Select

        event.stop()
        if not self._slug_typed:
            bureau = self.query_one("#new-bureau", Select).value
            kind = self.query_one("#new-kind", Select).value
            self.query_one("#new-slug", Input).value = self._proposed_slug(bureau, kind)

    def create(self) -> None:
        values, message = self._values()
        error = message if values is None else (self.t("edit.need_title") if not values["title"] else
                                                self.t("edit.need_bureau") if not values["bureau"] else None)
        if error:
            self.refuse(error)
            return
        self.dismiss(values)


class NewAdvisorPrompt(FormPrompt):
    """A new advisor: the name and its reading first; the id is proposed from the reading (romaji,
    おかむら ひさかず → okamura-hisakazu) and stays editable."""

    def __init__(self, title: str, t: Callable[..., str], check: Callable[[str], str | None]) -> None:
        super().__init__(title, t)
        self.check = check
        self._id_typed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.heading()
            yield self.label("edit.advisor_name")
            yield Input(placeholder="岡村 久和", id="advisor-name")
            yield self.label("edit.advisor_kana")
            yield Input(placeholder="おかむら ひさかず", id="advisor-kana")
            yield self.label("edit.advisor_id")
            yield Input(placeholder="okamura-hisakazu", id="advisor-id")
            yield from self.ending()

    def on_mount(self) -> None:
        self.query_one("#advisor-name", Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        from schema.edit.session import proposed_advisor_id

        event.stop()
        if event.input.id == "advisor-id":
            self._id_typed = self._id_typed or event.input.has_focus
        elif event.input.id == "advisor-kana" and not self._id_typed:
            self.query_one("#advisor-id", Input).value = proposed_advisor_id(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "advisor-id":
            self.create()
        else:
            self.focus_next()

    def create(self) -> None:
        name = self.query_one("#advisor-name", Input).value.strip()
        kana = self.query_one("#advisor-kana", Input).value.strip()
        key = self.query_one("#advisor-id", Input).value.strip()
        error = self.t("edit.need_name") if not name else self.check(key)
        if error:
            self.refuse(error)
            return
        self.dismiss({"id": key, "name": name, "kana": kana})


class CopyMeetingPrompt(FormPrompt):
    """A meeting copied from another (last year's): the new date, its weekday shown and a weekend
    or national holiday flagged, and what the copy does beyond keeping the structure."""

    def __init__(self, title: str, proposed: str, t: Callable[..., str], weekday: Callable[[Any], str]) -> None:
        super().__init__(title, t)
        self.proposed = proposed
        self.weekday = weekday

    def compose(self) -> ComposeResult:
        from textual.widgets import Checkbox

        t = self.t
        with Vertical():
            yield self.heading()
            yield self.label("edit.date")
            yield Input(self.proposed, placeholder="2023-10-04", id="copy-date")
            yield Static("", classes="message", id="copy-day", markup=False)
            yield Checkbox(t("edit.copy_refresh_titles"), True, id="copy-titles")
            yield Checkbox(t("edit.copy_clear_audiences"), True, id="copy-audiences")
            yield Checkbox(t("edit.copy_keep_unnamed"), True, id="copy-unnamed")
            yield from self.ending()

    def on_mount(self) -> None:
        self.query_one("#copy-date", Input).focus()
        self._show_day()

    def _date(self) -> Any:
        import datetime as dt

        try:
            return dt.date.fromisoformat(self.query_one("#copy-date", Input).value.strip())
        except ValueError:
            return None

    def _show_day(self) -> None:
        date = self._date()
        day = self.query_one("#copy-day", Static)
        day.update(self.weekday(date) if date is not None else self.t("edit.bad_date"))
        day.set_class(date is None or "⚠" in self.weekday(date), "warning")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_day()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

    def create(self) -> None:
        from textual.widgets import Checkbox

        date = self._date()
        if date is None:
            self.refuse(self.t("edit.bad_date"))
            return
        self.dismiss({"date": date, "refresh_titles": self.query_one("#copy-titles", Checkbox).value,
                      "clear_audiences": self.query_one("#copy-audiences", Checkbox).value,
                      "keep_unnamed": self.query_one("#copy-unnamed", Checkbox).value})
