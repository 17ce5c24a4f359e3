"""Small dialogs of the editing UI: a text to type, one of several choices, a record to pick with
completion, a confirmation showing the diff a save will make, and a list of problems."""

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
from schema.sanitize import printable
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

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            if self.message:
                yield Static(self.message, classes="message", markup=False)
            yield OptionList(*(Option(label, id=value) for value, label in self.choices), id="prompt-choices")

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


class ConfirmPrompt(Prompt):
    """A yes or no, with a body to read first (the diff a save will make)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "keys.yes", show=False),
        Binding("n", "answer(False)", "keys.no", show=False),
    ]

    def __init__(self, title: str, body: str, yes: str, no: str, diff: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes
        self.no = no
        self.diff = diff

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
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
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


class NewMeetingPrompt(Prompt):
    """A new meeting's date, kind, format and title; its id (YYYY-MM-DD-slug) and fiscal year are
    proposed from them."""

    def __init__(self, title: str, kinds: Sequence[tuple[str, str]], formats: Sequence[tuple[str, str]],
                 bureau: str, t: Callable[..., str]) -> None:
        super().__init__()
        self.title_text = title
        self.kinds = list(kinds)
        self.formats = list(formats)
        self.bureau = bureau
        self.t = t

    def compose(self) -> ComposeResult:
        from textual.widgets import Select

        t = self.t
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            yield Static(t("edit.date"), classes="message", markup=False)
            yield Input(placeholder="2023-10-04", id="new-date")
            yield Static(t("edit.meeting_kind"), classes="message", markup=False)
            yield Select([(label, value) for value, label in self.kinds], value=self.kinds[0][0],
                         allow_blank=False, id="new-kind")
            yield Static(t("edit.meeting_format"), classes="message", markup=False)
            yield Select([(label, value) for value, label in self.formats], value=self.formats[0][0],
                         allow_blank=False, id="new-format")
            yield Static(t("edit.title"), classes="message", markup=False)
            yield Input(id="new-title")
            yield Static(t("edit.slug"), classes="message", markup=False)
            yield Input(f"{self.bureau}-{self.kinds[0][0]}", id="new-slug")
            yield Static("", classes="message", id="new-preview", markup=False)
            yield Static("", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("edit.create"), variant="primary", id="create")
                yield Button(t("edit.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#new-date", Input).focus()

    def _values(self) -> tuple[Any, str]:
        import datetime as dt

        from textual.widgets import Select

        from schema.edit.session import slugify
        from schema.era import fiscal_year_label, full_date
        from schema.ids import fiscal_year_of

        text = self.query_one("#new-date", Input).value.strip()
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            return None, self.t("edit.bad_date")
        slug = slugify(self.query_one("#new-slug", Input).value) or "meeting"
        kind = self.query_one("#new-kind", Select).value
        fmt = self.query_one("#new-format", Select).value
        title = self.query_one("#new-title", Input).value.strip()
        fiscal = fiscal_year_of(date.year, date.month)
        preview = self.t("edit.new_preview", id=f"{date.isoformat()}-{slug}", date=full_date(date, "ja"),
                         fiscal_year=fiscal_year_label(fiscal, "ja"))
        return {"date": date, "kind": kind, "format": fmt, "title": title, "slug": slug}, preview

    @on(Input.Changed)
    @on(Input.Submitted)
    def _changed(self, event: Input.Changed | Input.Submitted) -> None:
        event.stop()
        values, preview = self._values()
        self.query_one("#new-preview", Static).update(preview if values else "")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "create":
            self.dismiss(None)
            return
        values, message = self._values()
        if values is None or not values["title"]:
            self.query_one(".error", Static).update(message if values is None else self.t("edit.need_title"))
            return
        self.dismiss(values)
