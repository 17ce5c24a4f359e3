"""The widgets of an editing form. A form is a column of `FieldRow`s, one line a field; Enter on a
row mounts the editor its field's kind asks for (schema.edit.spec: one-line text, paragraphs, a
choice, a reference with completion), and the editor posts `FieldEditor.Finished` when editing
ends — the field left, Enter, Escape, a choice made, a reference picked — so that an edit is one
undo step, not one per keystroke, and only one editor exists at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from schema.edit.spec import FieldSpec
from schema.edit.values import parse_value, shown_value
from schema.files.locate import KeyPath
from tui.widgets.prose_area import ProseArea

Candidates = Callable[[str], list[tuple[str, str]]]
"""Completion: a query → (value, label) pairs, best first."""


def parse(kind: str, text: str) -> Any:
    """A typed text as the value of a field of `kind` (schema.edit.values)."""
    return parse_value(kind, text)


def shown(value: Any) -> str:
    """A value as a text field shows it."""
    return shown_value(value)


class FieldEditor(Widget):
    """Base of the editors: a key path, the field's spec, and the Finished message."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "finish", "keys.done", show=False)]

    class Finished(Message):
        """Editing ended; `changed` when the value differs from the one it started with."""

        def __init__(self, editor: FieldEditor, path: KeyPath, value: Any, changed: bool) -> None:
            super().__init__()
            self.editor = editor
            self.path = path
            self.value = value
            self.changed = changed

    def __init__(self, path: KeyPath, spec: FieldSpec, value: Any, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="editor")
        self.path = path
        self.spec = spec
        self.value = value
        self._finished = False

    def commit(self, value: Any) -> None:
        """End editing with `value`."""
        if self._finished:
            return
        self._finished = True
        changed = value != self.value
        self.value = value
        self.post_message(self.Finished(self, self.path, value, changed))

    def current(self) -> Any:
        """The value as the widget has it now (typed, perhaps not yet committed)."""
        return self.value

    def flush(self) -> None:
        """End editing with what is typed."""
        self.commit(self.current())

    def action_finish(self) -> None:
        self.flush()

    def on_mount(self) -> None:
        self.call_after_refresh(self.focus_input)

    def focus_input(self) -> None:
        """Put the cursor in the editor's input."""
        found = [w for w in self.query("*") if w.focusable]
        if found:
            found[0].focus()

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
        event.stop()
        self.flush()



class ProseEditor(FieldEditor):
    """Paragraphs: a text area (Enter starts a new paragraph)."""

    DEFAULT_CSS = """
    ProseEditor { height: auto; }
    ProseEditor > TextArea { height: auto; min-height: 3; max-height: 10; }
    """

    def compose(self) -> ComposeResult:
        yield ProseArea(shown(self.value), soft_wrap=True, tab_behavior="focus", compact=True)

    def current(self) -> Any:
        return parse("prose", self.query_one(TextArea).text)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()

    def on_descendant_blur(self) -> None:
        self.flush()

    def focus_input(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)



class ChoiceEditor(FieldEditor):
    """One of the values of an enumeration, by its label."""

    DEFAULT_CSS = """
    ChoiceEditor { height: auto; }
    """

    def __init__(self, path: KeyPath, spec: FieldSpec, value: Any, labels: dict[str, str], *,
                 prompt: str = "", id: str | None = None) -> None:
        super().__init__(path, spec, value, id=id)
        self.labels = labels
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        options = [(self.labels.get(choice, choice), choice) for choice in self.spec.choices]
        selected = self.value if self.value in self.spec.choices else Select.NULL
        yield Select(options, value=selected, allow_blank=not self.spec.required or selected is Select.NULL,
                     compact=True, prompt=self.prompt or "—")

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if value != self.value:  # (a Select also says Changed when it is first given its value)
            self.commit(value)

    def current(self) -> Any:
        value = self.query_one(Select).value
        return None if value is Select.NULL else value

    def focus_input(self) -> None:
        found = self.query(Select)
        if found:
            found.first().focus()
            found.first().expanded = True



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
                 name_of: Callable[[str], str], placeholder: str = "", *, show_values: bool = True,
                 id: str | None = None) -> None:
        super().__init__(path, spec, value, id=id)
        self.candidates = candidates
        self.name_of = name_of
        self.placeholder = placeholder
        self.show_values = show_values
        """Whether a candidate shows its value beside its label (an id, a code; not a field's row)."""

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
        completion.add_options([Option(f"{label}  {value}" if self.show_values else label, id=value)
                                for value, label in found])
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

    def pick(self, value: str) -> None:
        self.input.value = value
        self.query_one(Completion).remove_class("-shown")
        self.commit(value or None)

    def current(self) -> Any:
        return parse("text", self.input.value)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        event.stop()
        if not self.query_one(Completion).has_focus:
            self.query_one(Completion).remove_class("-shown")
            self.flush()



class FieldRow(Vertical, can_focus=True):
    """A field of a form as a line: its label (required ones marked) and its value; the problems the
    checks found in it below. Enter edits the value in place (an editor is mounted for that time
    only, so a form of many fields stays light), opens a nested record or list, or toggles a flag."""

    DEFAULT_CSS = """
    FieldRow { height: auto; padding: 0 1; }
    FieldRow:focus { background: $block-cursor-blurred-background; }
    FieldRow:focus > .line { text-style: bold; }
    FieldRow > .line { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    FieldRow > .problems { height: auto; color: $text-error; padding-left: 2; }
    FieldRow.-editing > .line { color: $text-muted; }
    FieldRow > .editor { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "activate", "keys.edit_field", show=False),
        Binding("space", "activate", "keys.edit_field", show=False),
        Binding("down", "step(1)", show=False),
        Binding("up", "step(-1)", show=False),
        Binding("delete", "clear", "keys.clear", show=False),
    ]

    MAX_LABEL_WIDTH = 22
    """Labels take the width of the form's longest (and two spaces), up to this many cells."""

    class Activated(Message):
        def __init__(self, row: FieldRow) -> None:
            super().__init__()
            self.row = row

    class Cleared(Message):
        """Delete on the row: its value (or list) to be cleared."""

        def __init__(self, row: FieldRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, path: KeyPath, spec: FieldSpec, label: str, shown: str, *, required: bool,
                 read_only: bool = False, label_width: int = 20, id: str | None = None) -> None:
        super().__init__(id=id, classes="field-row")
        self.label_width = label_width
        self.path = path
        self.spec = spec
        self.label = label
        self.shown = shown
        self.required = required
        self.read_only = read_only
        self.problems: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(self._line(), classes="line", markup=False)

    def _line(self) -> Text:
        from rich.cells import cell_len

        text = Text(self.label, style="bold" if self.required else "")
        text.append(" " * max(1, self.label_width - cell_len(self.label)))
        if self.shown:
            style = "dim" if self.read_only else ""
            text.append(self.shown, style=style)
        else:
            text.append("—", style="dim")
        return text

    def show(self, shown: str) -> None:
        self.shown = shown
        self.query_one(".line", Static).update(self._line())

    def show_problems(self, messages: list[str]) -> None:
        """The problems of the field, under its line (a line of their own only while there are any)."""
        if messages == self.problems:
            return
        self.problems = messages
        self.set_class(bool(messages), "-faulty")
        found = self.query(".problems")
        text = "\n".join(f"✖ {m}" for m in messages)
        if found and messages:
            cast(Static, found.first()).update(text)
        elif found:
            found.first().remove()
        elif messages:
            self.mount(Static(text, classes="problems", markup=False), after=self.query_one(".line"))

    @property
    def editor(self) -> FieldEditor | None:
        found = self.query(FieldEditor)
        return found.first() if found else None

    def action_step(self, delta: int) -> None:
        """Up and Down go from field to field."""
        if self.editor is not None:
            return
        target = self.screen.focus_next(FieldRow) if delta > 0 else self.screen.focus_previous(FieldRow)
        if target is not None:
            target.scroll_visible()

    def action_activate(self) -> None:
        if not self.read_only and self.editor is None:
            self.post_message(self.Activated(self))

    def action_clear(self) -> None:
        if not self.read_only and self.editor is None:
            self.post_message(self.Cleared(self))

    def on_click(self) -> None:
        self.focus()
        self.action_activate()

    def start(self, editor: FieldEditor) -> None:
        """Edit the value in place with `editor` (removed again when the value is committed)."""
        self.add_class("-editing")
        self.mount(editor)

    def stop(self) -> None:
        editor = self.editor
        if editor is not None:
            self.remove_class("-editing")
            editor.remove()
