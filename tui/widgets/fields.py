"""The widgets of an editing form, one per kind of field (schema.edit.spec): the widget follows the
type. Each editor holds one value of the draft at its key path and posts `FieldEditor.Edited` when
the value is committed — when the field is left or submitted (text), at once (choices, flags,
references picked) — so that an edit is one undo step, not one per keystroke.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from schema.edit.spec import FieldSpec
from schema.locate import KeyPath

Candidates = Callable[[str], list[tuple[str, str]]]
"""Completion: a query → (value, label) pairs, best first."""


def parse(kind: str, text: str) -> Any:
    """A typed text as the value of a field of `kind`; text that does not parse stays text, so that
    the checks report it where it is (E203) instead of the form dropping it."""
    text = text.strip() if kind not in ("prose",) else text.strip("\n")
    if not text:
        return None
    if kind == "int" and re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if kind == "time":
        match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?", text)
        if match:
            try:
                return dt.time(int(match[1]), int(match[2]), int(match[3] or 0))
            except ValueError:
                return text
    return text


def shown(value: Any) -> str:
    """A value as a text field shows it."""
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes" if not (value.second or value.microsecond) else "auto")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class FieldEditor(Widget):
    """Base of the editors: a key path, the field's spec, and the Edited message."""

    class Edited(Message):
        def __init__(self, editor: FieldEditor, path: KeyPath, value: Any) -> None:
            super().__init__()
            self.editor = editor
            self.path = path
            self.value = value

    def __init__(self, path: KeyPath, spec: FieldSpec, value: Any, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="editor")
        self.path = path
        self.spec = spec
        self.value = value

    def commit(self, value: Any) -> None:
        if value != self.value:
            self.value = value
            self.post_message(self.Edited(self, self.path, value))

    def current(self) -> Any:
        """The value as the widget has it now (typed, perhaps not yet committed)."""
        return self.value

    def flush(self) -> None:
        """Commit what is typed but not yet committed."""
        self.commit(self.current())

    def take(self) -> tuple[KeyPath, Any] | None:
        """The value typed but not yet committed, taken as committed without a message (the form
        applies it at once: before a save, an undo, leaving)."""
        value = self.current()
        if value == self.value:
            return None
        self.value = value
        return self.path, value


class TextEditor(FieldEditor):
    """One line of text, a number, a date (its era echoed), a time."""

    DEFAULT_CSS = """
    TextEditor { height: auto; }
    TextEditor > Input { width: 1fr; }
    TextEditor > .echo { color: $text-muted; height: auto; padding: 0 1; }
    """

    def __init__(self, path: KeyPath, spec: FieldSpec, value: Any, echo: Callable[[Any], str] | None = None,
                 placeholder: str = "", *, id: str | None = None) -> None:
        super().__init__(path, spec, value, id=id)
        self.echo = echo
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(shown(self.value), placeholder=self.placeholder,
                    type="integer" if self.spec.kind == "int" else "text", compact=True)
        if self.echo is not None:
            yield Static(self.echo(self.value), classes="echo", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def current(self) -> Any:
        return parse(self.spec.kind, self.input.value)

    @on(Input.Blurred)
    @on(Input.Submitted)
    def _done(self, event: Message) -> None:
        self.flush()
        if self.echo is not None:
            self.query_one(".echo", Static).update(self.echo(self.value))

    def set_value(self, value: Any) -> None:
        self.value = value
        self.input.value = shown(value)
        if self.echo is not None:
            self.query_one(".echo", Static).update(self.echo(value))


class ProseEditor(FieldEditor):
    """Paragraphs: a text area (Enter starts a new paragraph)."""

    DEFAULT_CSS = """
    ProseEditor { height: auto; }
    ProseEditor > TextArea { height: auto; min-height: 3; max-height: 10; }
    """

    def compose(self) -> ComposeResult:
        yield TextArea(shown(self.value), soft_wrap=True, tab_behavior="focus", compact=True)

    def current(self) -> Any:
        return parse("prose", self.query_one(TextArea).text)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()

    def on_descendant_blur(self) -> None:
        self.flush()

    def set_value(self, value: Any) -> None:
        self.value = value
        self.query_one(TextArea).text = shown(value)


class ChoiceEditor(FieldEditor):
    """One of the values of an enumeration, by its label."""

    DEFAULT_CSS = """
    ChoiceEditor { height: auto; }
    """

    def __init__(self, path: KeyPath, spec: FieldSpec, value: Any, labels: dict[str, str], *,
                 id: str | None = None) -> None:
        super().__init__(path, spec, value, id=id)
        self.labels = labels

    def compose(self) -> ComposeResult:
        options = [(self.labels.get(choice, choice), choice) for choice in self.spec.choices]
        selected = self.value if self.value in self.spec.choices else Select.NULL
        yield Select(options, value=selected, allow_blank=not self.spec.required or selected is Select.NULL,
                     compact=True)

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        self.commit(None if event.value is Select.NULL else event.value)

    def set_value(self, value: Any) -> None:
        self.value = value
        self.query_one(Select).value = value if value in self.spec.choices else Select.NULL


class FlagEditor(FieldEditor):
    DEFAULT_CSS = """
    FlagEditor { height: auto; }
    """

    def __init__(self, path: KeyPath, spec: FieldSpec, value: Any, label: str, *,
                 id: str | None = None) -> None:
        super().__init__(path, spec, value, id=id)
        self.label = label

    def compose(self) -> ComposeResult:
        yield Checkbox(self.label, bool(self.value), compact=True)

    @on(Checkbox.Changed)
    def _changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.commit(True if event.value else None)

    def set_value(self, value: Any) -> None:
        self.value = value
        self.query_one(Checkbox).value = bool(value)


class Completion(OptionList):
    """The candidates under a reference field; hidden until there is something to choose."""

    DEFAULT_CSS = """
    Completion { height: auto; max-height: 8; display: none; border: none; padding: 0; }
    Completion.-shown { display: block; }
    """


class RefEditor(FieldEditor):
    """A reference: type a name, a reading (kana or romaji), an id or a code; the candidates that
    match are listed under the field; Enter or a click picks one. The name of what the value names
    is echoed beside it."""

    DEFAULT_CSS = """
    RefEditor { height: auto; }
    RefEditor > Input { width: 1fr; }
    RefEditor > .echo { color: $text-muted; height: auto; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "into_list", show=False),
    ]

    def __init__(self, path: KeyPath, spec: FieldSpec, value: Any, candidates: Candidates,
                 name_of: Callable[[str], str], placeholder: str = "", *, id: str | None = None) -> None:
        super().__init__(path, spec, value, id=id)
        self.candidates = candidates
        self.name_of = name_of
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(shown(self.value), placeholder=self.placeholder, compact=True)
        yield Completion()
        yield Static(self.name_of(self.value) if self.value else "", classes="echo", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        completion = self.query_one(Completion)
        query = event.value.strip()
        completion.clear_options()
        if not query or query == self.value:
            completion.remove_class("-shown")
            return
        found = self.candidates(query)[:8]
        completion.add_options([Option(f"{label}  {value}", id=value) for value, label in found])
        completion.set_class(bool(found), "-shown")
        if found:
            completion.highlighted = 0

    def action_into_list(self) -> None:
        completion = self.query_one(Completion)
        if completion.has_class("-shown"):
            completion.focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        completion = self.query_one(Completion)
        if completion.has_class("-shown") and completion.highlighted is not None:
            option = completion.get_option_at_index(completion.highlighted)
            self.pick(option.id or "")
        else:
            self.flush()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option.id or "")
        self.input.focus()

    def pick(self, value: str) -> None:
        self.input.value = value
        self.query_one(Completion).remove_class("-shown")
        self.commit(value or None)
        self.query_one(".echo", Static).update(self.name_of(value) if value else "")

    def current(self) -> Any:
        return parse("text", self.input.value)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        if not self.query_one(Completion).has_focus:
            self.query_one(Completion).remove_class("-shown")
            self.flush()
            self.query_one(".echo", Static).update(self.name_of(self.value) if self.value else "")

    def set_value(self, value: Any) -> None:
        self.value = value
        self.input.value = shown(value)
        self.query_one(".echo", Static).update(self.name_of(value) if value else "")


class OpenRow(Static, can_focus=True):
    """A row that opens what it names (a nested record, a list): Enter or a click."""

    DEFAULT_CSS = """
    OpenRow { height: auto; padding: 0 1; color: $text-secondary; }
    OpenRow:focus { background: $block-cursor-background; color: $block-cursor-foreground; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "open", "keys.open", show=False)]

    class Opened(Message):
        def __init__(self, path: KeyPath) -> None:
            super().__init__()
            self.path = path

    def __init__(self, text: str, path: KeyPath, *, id: str | None = None) -> None:
        super().__init__(text, id=id, markup=False)
        self.path = path

    def action_open(self) -> None:
        self.post_message(self.Opened(self.path))

    def on_click(self) -> None:
        self.action_open()


class FieldRow(Vertical):
    """A field: its label (required ones marked), its editor, its help while focused, and the
    problems the checks found in it."""

    DEFAULT_CSS = """
    FieldRow { height: auto; padding: 0 1; margin-bottom: 1; }
    FieldRow > .label { color: $text-muted; height: 1; }
    FieldRow > .help { color: $text-muted; display: none; height: auto; }
    FieldRow:focus-within > .help { display: block; }
    FieldRow > .problems { color: $text-error; display: none; height: auto; }
    FieldRow.-faulty > .problems { display: block; }
    FieldRow.-faulty > .label { color: $text-error; }
    """

    def __init__(self, label: str, required: bool, help_text: str, editor: Widget, *,
                 id: str | None = None) -> None:
        super().__init__(id=id, classes="field-row")
        self.label_text = label + (" *" if required else "")
        self.help_text = help_text
        self.editor = editor

    def compose(self) -> ComposeResult:
        yield Static(self.label_text, classes="label", markup=False)
        yield self.editor
        yield Static(self.help_text, classes="help", markup=False)
        yield Static("", classes="problems", markup=False)

    def show_problems(self, messages: list[str]) -> None:
        self.query_one(".problems", Static).update("\n".join(f"✖ {m}" for m in messages))
        self.set_class(bool(messages), "-faulty")
