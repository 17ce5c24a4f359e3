"""Editing a record: a form generated from the models (schema.edit.spec), one record or one list at
a time. A record's fields are edited in place; its nested records and lists are rows that open
their own form (Enter), so a form stays small whatever the size of the meeting. A list's elements
can be added (an agenda item asks its kind first), removed, moved and duplicated; a table's keys
(people, parts) renamed with every reference to them.

The checks of `daicho validate` run whenever a value is committed and their problems show beside
the field at fault. Ctrl+S saves every file edited (after showing the diff it will make); Ctrl+Z
and Ctrl+Y undo and redo the edits made since the record was opened or saved, each saying where it
changed the record and showing that place; Escape goes back, asking first when the record has
unsaved changes. `/` jumps to a field by part of its label (kanji, kana or romaji); Delete clears
an optional value. Every message a form shows names places in words (`Editing.where`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast, get_args

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from schema.edit.check import DraftCheck
from schema.edit.draft import Draft, Step
from schema.edit.save import SaveFailed
from schema.edit.session import Refused, draft_referrers, draft_rename_key
from schema.edit.spec import FieldSpec, Node, fields_of, node_at
from schema.edit.values import parse_value, parses, shown_value
from schema.files.ids import SLUG_PATTERN
from schema.files.locate import KeyPath
from schema.models import ITEM_MODELS, Municipality, Target
from schema.words.sanitize import printable
from tui.localize import LocalizedScreen
from tui.screens.prompts import ChoicePrompt, ConfirmPrompt, JumpPrompt, MessagePrompt, PickPrompt, TextPrompt
from tui.widgets.fields import ChoiceEditor, FieldEditor, FieldRow, ProseEditor, RefEditor, TextEditor

if TYPE_CHECKING:
    from schema.read.readmodel import Ref
    from tui.app import DaichoApp
    from tui.editing import Editing


class EditScreen(LocalizedScreen):
    """The form of the record (or list) at `path` of a draft."""

    AUTO_FOCUS = None  # the first field (or the element last worked on) is focused by the screen

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "keys.save", priority=True, id="save"),
        Binding("ctrl+z", "undo", "keys.undo", id="undo"),
        Binding("ctrl+y", "redo", "keys.redo", id="redo"),
        Binding("escape", "leave", "keys.leave", id="leave"),
        Binding("a", "add", "keys.add", id="add"),
        Binding("x,delete", "remove", "keys.remove", id="remove"),
        Binding("ctrl+up", "move(-1)", "keys.move_up", show=False, id="move_up"),
        Binding("ctrl+down", "move(1)", "keys.move_down", show=False, id="move_down"),
        Binding("c", "duplicate", "keys.duplicate", id="duplicate"),
        Binding("r", "rename", "keys.rename_key", id="rename"),
        Binding("f", "from_advisor", "keys.from_advisor", id="from_advisor"),
        Binding("slash", "jump", "keys.jump", key_display="/", id="jump"),
    ]

    def __init__(self, draft: Draft, path: KeyPath = (), trail: list[str] | None = None,
                 top: bool = True, ref: Ref | None = None, record_path: KeyPath | None = None) -> None:
        super().__init__()
        self.draft = draft
        self.path = path
        self.record_path = path if record_path is None else record_path
        """Where the record was opened (an advisor: `("advisors", id)`): the breadcrumb names the
        steps below it."""
        self._focus_forced = False
        """The focus was set where an undo said: the next rebuild puts it there."""
        self._add_when_shown = False
        """Opened by a on the row of this list in the record's form: an element is added at once."""
        self._cursor: int | str | None = None
        """The list element last worked on (a new one, the one highlighted): kept when the list is
        shown again."""
        self.trail_parts = trail or []
        self.ref = ref
        """The record as the lists know it: the trail's first part is its name as last saved."""
        self.top = top
        """The form the record was opened at (leaving it asks about unsaved changes)."""
        self.checked = DraftCheck()
        self._focus_id: str | None = None
        self._help_shown = ""
        """The help line's text as last shown."""
        self._version = -1

    # -- the app -------------------------------------------------------------------------------

    @property
    def daicho(self) -> DaichoApp:
        return cast("DaichoApp", self.app)

    @property
    def editing(self) -> Editing:
        return self.daicho.editing

    def t(self, key: str, **values: object) -> str:
        return self.daicho.cat.t(key, **values)

    @property
    def node(self) -> Node | None:
        return node_at(self.draft.model_type, self.draft.doc, self.path)

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._version = self.draft.version
        yield Static(self._trail(), id="trail", classes="trail", markup=False)
        yield Static("", id="edit-status", classes="edit-status", markup=False)
        node = self.node
        with VerticalScroll(id="form", can_focus=False):
            if node is None:
                yield Static(self.t("edit.gone"), classes="warning", markup=False)
            elif node.kind == "record":
                yield from self._record(node)
            else:
                yield from self._elements(node)
        self._help_shown = ""
        yield Static("", id="field-help", classes="field-help", markup=False)
        yield Static(self._keys_line(), id="edit-keys", classes="edit-keys")

    def _trail(self) -> str:
        """編集 › the record's name (as saved: a saved title shows here at once) › the nested parts,
        named from the record as it is now (a title changed in the item's form shows at once)."""
        parts = list(self.trail_parts[:1])
        if self.ref is not None and parts:
            parts[0] = self.daicho.listing.label(self.ref)
        parts += self.editing.segments(self.draft, self.path, len(self.record_path) + 1)
        return printable(" › ".join([self.t("edit.editing"), *parts]))

    def _keys_line(self, editing: str | None = None) -> Content:
        """The form's keys, in one line that changes only while a value is typed (Textual's Footer
        recomposes itself whenever the focused widget changes, a cost paid on every field): then
        it names the key that ends the field (Enter for one line, Escape for paragraphs)."""
        if editing == "prose":
            keys = [("Esc", "keys.end_prose"), ("ctrl+s", "keys.save")]
        elif editing is not None:
            keys = [("Enter", "keys.done"), ("Esc", "keys.done"), ("ctrl+s", "keys.save")]
        else:
            keys = [("ctrl+s", "keys.save"), ("ctrl+z", "keys.undo"), ("ctrl+y", "keys.redo"),
                    ("Enter", "keys.edit_field"), ("Esc", "keys.leave"), ("?", "keys.help"),
                    ("/", "keys.jump"), ("Del", "keys.clear")]
        parts = [Content.from_markup("[b $text-accent]$key[/] $label", key=key, label=self.t(label))
                 for key, label in keys]
        return Content("  ").join(parts)

    def on_mount(self) -> None:
        self._status()
        self._restore_focus()  # before the first paint: the field and its help show with the form
        self.call_after_refresh(self._check)  # after the first paint: the form shows at once
        if self._add_when_shown:  # opened by a on a list's row: adding at once
            self._add_when_shown = False
            self.action_add()

    def on_screen_resume(self) -> None:
        """Back from a nested form: shown again only where the draft changed meanwhile."""
        if self.draft.version == self._version:
            self._status()
            return
        self._rebuild()

    def _restore_focus(self) -> None:
        """The field the form was left at, else the first: focused, and its help shown now (the
        focus's message would show it a frame after the form)."""
        target: Widget | None = None
        if self._focus_id:
            found = self.query(f"#{self._focus_id}")
            if found:
                target = found.first()
        if target is None:
            target = next((w for w in self.query("#form *") if w.focusable), None)
        elements = self.query("#elements")
        if elements and self._cursor is not None:
            options = cast(OptionList, elements.first())
            index = self._option_index(self._cursor)
            if index is not None:
                options.highlighted = index
                options.scroll_to_highlight()
                target = options
        if target is not None:
            target.focus()
            self._show_help(target)

    def _option_index(self, cursor: int | str) -> int | None:
        elements = self.query("#elements")
        if not elements:
            return None
        options = cast(OptionList, elements.first())
        wanted = f"at:{cursor}" if isinstance(cursor, int) else f"key:{cursor}"
        return next((i for i in range(options.option_count) if options.get_option_at_index(i).id == wanted), None)

    def _record(self, node: Node) -> ComposeResult:
        from rich.cells import cell_len

        model = node.model
        specs = fields_of(model)
        labels = [self.editing.label(model, spec.name) + (" *" if spec.required else "") for spec in specs]
        fitting = [cell_len(label) for label in labels if cell_len(label) <= FieldRow.MAX_LABEL_WIDTH - 2]
        width = max(fitting, default=FieldRow.MAX_LABEL_WIDTH - 2) + 2  # a longer label overflows its row
        for spec, label in zip(specs, labels, strict=True):
            path = (*self.path, spec.name)
            yield FieldRow(path, spec, label, self._shown(spec, self.draft.get(path)),
                           required=spec.required, read_only=self._read_only(model, spec),
                           label_width=width, id=f"row-{spec.name}")

    def _shown(self, spec: FieldSpec, value: Any) -> str:
        """A value as its row shows it: labels of choices, names of references, dates in the era,
        a summary of a nested record or list."""
        editing = self.editing
        if spec.kind in ("record", "records", "table", "values"):
            return self._summary(spec, value)
        if value is None:
            return ""
        if spec.kind == "choice":
            return editing.choice_labels(spec).get(value, str(value))
        if spec.kind == "bool":
            return self.t("edit.yes") if value else ""
        if spec.kind == "ref" and spec.refers is not None:
            return self._value_label(spec, value)
        echo = editing.echo(spec)
        from tui.widgets.fields import shown

        text = shown(value)
        if spec.kind == "prose":
            lines = text.split("\n")
            text = lines[0] + (f"  (+{len(lines) - 1})" if len(lines) > 1 else "")
        extra = echo(value) if echo is not None else ""
        return printable(text + (f"  {extra}" if extra and extra != text else ""))

    def _read_only(self, model: type, spec: FieldSpec) -> bool:
        if spec.name == "kind" and model in ITEM_MODELS:
            return True  # an item's kind is its model: add an item of another kind instead
        if spec.name == "id" and self.draft.original is not None:
            return True  # the id is the file's name
        return model is Municipality and spec.name != "note"

    def _editor(self, spec: FieldSpec, path: KeyPath, value: Any) -> FieldEditor:
        editing = self.editing
        widget_id = f"edit-{spec.name}"
        if spec.kind == "prose":
            return ProseEditor(path, spec, value, id=widget_id)
        if spec.kind == "choice":
            return ChoiceEditor(path, spec, value, editing.choice_labels(spec), prompt=self.t("edit.choose"),
                                id=widget_id)
        if spec.kind == "ref" and spec.refers is not None:
            return RefEditor(path, spec, value, editing.candidates(spec.refers.target, self.draft),
                             editing.name_of(spec.refers.target, self.draft), self.t("edit.search"),
                             id=widget_id)
        placeholder = {"date": "YYYY-MM-DD", "time": "HH:MM"}.get(spec.kind, "")
        return TextEditor(path, spec, value, editing.echo(spec), placeholder, id=widget_id)

    def _summary(self, spec: FieldSpec, value: Any) -> str:
        """What a row that opens a record or a list says: its headline, or its count and first names."""
        if spec.kind == "record":
            return f"{self.t('edit.open')}  " + (self.t("edit.empty") if not value else self._headline(
                spec.models, value))
        count = len(value or [])
        if spec.kind == "values" and value:
            names = [self._value_label(spec, v) for v in value[:3]]
            more = "…" if count > 3 else ""
            return f"{self.t('edit.open')}  {self.cat_separator().join(names)}{more}"
        return f"{self.t('edit.open')}  {self.t('edit.count', count=count)}"

    def cat_separator(self) -> str:
        return str(self.daicho.cat.separator)

    def _headline(self, models: tuple[type, ...], value: Any, key: str | None = None) -> str:
        """An element as one line: its kind (for agenda items), its headline field, its key."""
        if not isinstance(value, dict):
            return printable(str(value))
        from schema.models.annotations import element_model

        model = element_model(models, value)
        text = self.editing.headline(models, value, any_text=False)
        if not text and model is not None:  # figures (an attendance): each labelled, before its words
            text = self.cat_separator().join(
                f"{self.editing.label(model, name)} {shown}" for name, item in value.items()
                if isinstance(item, int) and (shown := _brief(item)))
        if not text:
            text = next((str(v) for k, v in value.items() if isinstance(v, str) and k != "note"), "")
        if not text:
            text = printable(str(value.get("note") or "").split("\n")[0])
        return f"{printable(key)}  {text}" if key is not None else text

    def _value_label(self, spec: FieldSpec, value: Any) -> str:
        if spec.item == "choice" and spec.choices:
            return printable(self.editing.choice_labels(spec).get(value, str(value)))
        if spec.refers is not None and isinstance(value, str):
            name = self.editing.name_of(spec.refers.target, self.draft)(value)
            return f"{name} ({value})" if name != "?" else value
        return printable(str(value))

    def _elements(self, node: Node) -> ComposeResult:
        spec = node.spec
        assert spec is not None
        value = self.draft.get(self.path)
        options: list[Option] = []
        if node.kind == "table" and isinstance(value, dict):
            options = [Option(self._headline(spec.models, item, key), id=f"key:{key}")
                       for key, item in value.items()]
        elif isinstance(value, list):
            for index, item in enumerate(value):
                text = (self._value_label(spec, item) if node.kind == "values"
                        else self._headline(spec.models, item))
                options.append(Option(f"{index + 1}. {text}", id=f"at:{index}"))
        yield Static(self.t(f"edit.hint_{node.kind}"), classes="hint", markup=False)
        elements = OptionList(*options, id="elements")
        yield elements
        if not options:
            yield Static(self.t("edit.none"), classes="hint", markup=False)

    # -- checks --------------------------------------------------------------------------------

    def _check(self) -> None:
        self._version = self.draft.version  # this form shows the draft as it is now
        self.checked = self.editing.session.check(self.draft)
        for row in self.query(FieldRow):
            name = (row.id or "").removeprefix("row-")
            here = (*self.path, name)
            messages = [self.editing.problem_text(self.draft, p, where if len(where) > len(here) else None)
                        for p, where in zip(self.checked.problems, self.checked.paths, strict=True)
                        if where[:len(here)] == here]
            row.show_problems(messages)
        self._status()

    def _status(self) -> None:
        here = self.checked.within(self.path)
        parts = [self.t("edit.unsaved") if self.draft.dirty else self.t("edit.saved")]
        if self.checked.problems:
            parts.append(self.t("edit.problems", count=len(self.checked.problems), here=len(here)))
        own = [p for p, path in zip(self.checked.problems, self.checked.paths, strict=True)
               if path == self.path]
        if own:
            parts.append(" / ".join(self.editing.problem_text(self.draft, p) for p in own[:2]))
        found = self.query("#edit-status")
        if not found:
            return
        cast(Static, self.query_one("#trail")).update(self._trail())
        status = cast(Static, found.first())
        status.update(printable("  ".join(parts)))
        status.set_class(bool(self.checked.problems), "-faulty")

    # -- editing -------------------------------------------------------------------------------

    @on(FieldRow.Activated)
    def _activated(self, event: FieldRow.Activated) -> None:
        """Enter on a row: open a nested record or list, toggle a flag, or edit the value."""
        event.stop()
        row = event.row
        spec = row.spec
        if spec.kind in ("record", "records", "table", "values"):
            self._push(row.path)
        elif spec.kind == "bool":
            self.draft.set(row.path, None if self.draft.get(row.path) else True)
            self._refresh_row(row)
            self._check()
        else:
            row.start(self._editor(spec, row.path, self.draft.get(row.path)))
            self._show_keys(spec.kind)

    @on(FieldRow.Cleared)
    def _cleared(self, event: FieldRow.Cleared) -> None:
        """Delete on a row: an optional value, or list, cleared (one undo step)."""
        event.stop()
        row = event.row
        if row.read_only:
            return
        if row.required:
            self.app.notify(self.t("edit.required", field=row.label.rstrip(" *")), severity="warning")
            return
        self.draft.set(row.path, None)
        self._refresh_row(row)
        self._check()

    def _show_keys(self, editing: str | None) -> None:
        found = self.query("#edit-keys")
        if found:
            found.first(Static).update(self._keys_line(editing))

    @on(FieldEditor.Finished)
    def _finished(self, event: FieldEditor.Finished) -> None:
        event.stop()
        self._show_keys(None)
        rows = [row for row in self.query(FieldRow) if row.path == event.path]
        if event.changed:
            self.draft.set(event.path, event.value)
        for row in rows:
            row.stop()
            self._refresh_row(row)
            if self.focused is None or not self.focused.is_attached or event.editor in self.focused.ancestors:
                row.focus()
        if event.changed:
            self._check()

    def _refresh_row(self, row: FieldRow) -> None:
        row.show(self._shown(row.spec, self.draft.get(row.path)))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_help(event.widget)

    def _show_help(self, focused: Widget | None) -> None:
        """The help of the field the cursor is on, in the line above the keys."""
        row = next((w for w in (focused, *(focused.ancestors if focused else ())) if isinstance(w, FieldRow)), None)
        text = printable(self.daicho.cat.field_help(row.spec)) if row is not None else ""
        helps = self.query("#field-help")
        if helps and text != self._help_shown:
            self._help_shown = text
            helps.first(Static).update(text)

    def _push(self, path: KeyPath) -> None:
        node = node_at(self.draft.model_type, self.draft.doc, path)
        if node is None:
            return
        part = path[-1]
        if isinstance(part, int):
            label = f"{part + 1}"
            element = self.draft.get(path)
            parent = node_at(self.draft.model_type, self.draft.doc, path[:-1])
            if parent is not None and parent.spec is not None and isinstance(element, dict):
                label = f"{part + 1}. {self._headline(parent.spec.models, element)}"
        elif isinstance(self.draft.get(path[:-1]), dict) and node.kind == "record" and (
                self.node is not None and self.node.kind == "table"):
            label = str(part)
        else:
            model = self.node.model if self.node is not None else self.draft.model_type
            label = self.editing.label(model, str(part))
        self.app.push_screen(self._nested(path, label))

    def _nested(self, path: KeyPath, label: str = "") -> EditScreen:
        """The form of `path`, opened from this one."""
        return EditScreen(self.draft, path, [*self.trail_parts, label], top=False, ref=self.ref,
                          record_path=self.record_path)

    @on(OptionList.OptionHighlighted, "#elements")
    def _element_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        element = self._element_path(event.option.id)
        self._cursor = element[-1] if element is not None else None

    @on(OptionList.OptionSelected, "#elements")
    def _element(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        node = self.node
        element = self._element_path(event.option.id)
        if node is None or element is None:
            return
        if node.kind == "values" and node.spec is not None:
            self._pick_value(node.spec, self.path, element)
        else:
            self._push(element)

    def _element_path(self, option_id: str | None) -> KeyPath | None:
        if not option_id:
            return None
        kind, _, value = option_id.partition(":")
        return (*self.path, int(value) if kind == "at" else value)

    def _highlighted(self) -> KeyPath | None:
        elements = self.query("#elements")
        if not elements:
            return None
        options = cast(OptionList, elements.first())
        if options.highlighted is None:
            return None
        return self._element_path(options.get_option_at_index(options.highlighted).id)

    def flush(self) -> None:
        """Apply the value being typed at once (before a save, an undo, leaving)."""
        taken = [found for editor in self.query(FieldEditor) if (found := editor.take()) is not None]
        for path, value in taken:
            self.draft.set(path, value)
        for row in self.query(FieldRow):
            if row.editor is not None:
                row.stop()
                self._refresh_row(row)
        if taken:
            self._check()

    def _rebuild(self) -> None:
        """Show the form again (after an undo, a list changed): recomposed, checked, focus kept
        (or put where an undo said)."""
        if not self._focus_forced:
            self._focus_id = self.focused.id if self.focused is not None else self._focus_id
        self._focus_forced = False
        self.call_later(self._recompose_form)

    async def _recompose_form(self) -> None:
        if not self.is_attached:
            return  # left meanwhile
        await self.recompose()
        self._check()
        self._restore_focus()

    # -- list actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        node = self.node
        collection = node is not None and node.kind in ("records", "table", "values")
        if action == "add" and self._list_row() is not None:
            return True
        if action in ("add", "remove", "move", "duplicate"):
            if not collection or not isinstance(self.focused, OptionList):
                return False if not collection else None
            return not (action in ("move", "duplicate") and node is not None and node.kind == "table")
        if action == "rename":
            return node is not None and node.kind == "table"
        if action == "from_advisor":
            return node is not None and node.kind == "table" and self.path[-1:] == ("people",)
        return True

    def _list_row(self) -> FieldRow | None:
        """The focused row, where it holds a list (a on it adds to the list)."""
        focused = self.focused
        if isinstance(focused, FieldRow) and not focused.read_only and (
                focused.spec.kind in ("records", "table", "values")):
            return focused
        return None

    def action_add(self) -> None:
        row = self._list_row()
        if row is not None:
            if row.spec.kind == "values":
                self._pick_value(row.spec, row.path, None)
            else:  # the list's form, adding there
                screen = self._nested(row.path, self.editing.label(self.node.model if self.node else
                                                                     self.draft.model_type, row.spec.name))
                screen._cursor = len(self.draft.get(row.path) or [])
                screen._add_when_shown = True
                self.app.push_screen(screen)
            return
        node = self.node
        if node is None or node.spec is None:
            return
        spec = node.spec
        if node.kind == "values":
            self._pick_value(spec, self.path, None)
        elif node.kind == "table":
            self._new_key(spec)
        elif len(spec.models) > 1:
            choices = [(kind, self.daicho.cat.enum("agenda_kind", kind))
                       for model in spec.models for kind in get_args(model.model_fields["kind"].annotation)]
            self.app.push_screen(ChoicePrompt(self.t("edit.which_kind"), choices), self._add_kind)
        else:
            self._insert({})

    def _add_kind(self, kind: str | None) -> None:
        if kind:
            self._insert({"kind": kind, "title": self.daicho.cat.enum("agenda_kind", kind)})

    def _insert(self, value: dict[str, Any]) -> None:
        """A new element after the one highlighted (at the end of an empty list), opened; the
        list's cursor is on it when the list shows again, so the next one goes after it."""
        items = self.draft.get(self.path) or []
        at = self._highlighted()
        index = (at[-1] + 1) if at is not None and isinstance(at[-1], int) else len(items)
        self.draft.insert(self.path, int(index), value)
        self._cursor = int(index)
        self._push((*self.path, int(index)))

    def _new_key(self, spec: FieldSpec) -> None:
        import re

        existing = self.draft.get(self.path) or {}

        def check(key: str) -> str | None:
            if not re.fullmatch(SLUG_PATTERN, key):
                return self.t("edit.bad_key")
            return self.t("edit.key_taken") if key in existing else None

        def done(key: str | None) -> None:
            if key:
                self.draft.put(self.path, key, {})
                self._cursor = key
                self._push((*self.path, key))

        self.app.push_screen(TextPrompt(self.t("edit.new_key"), placeholder="okamura", check=check), done)

    def _pick_value(self, spec: FieldSpec, path: KeyPath, element: KeyPath | None) -> None:
        """A value of the list at `path` (a new one, or `element` changed), asked as its type asks:
        a choice by its label, a reference with completion, a number, date or time checked as
        typed."""
        def done(value: Any) -> None:
            if value is None or value == "":
                return
            items = list(self.draft.get(path) or [])
            if element is None:
                items.append(value)
                self._cursor = len(items) - 1
            else:
                items[int(element[-1])] = value
            self.draft.set(path, items)
            if path == self.path:
                self._rebuild()
            else:
                for row in self.query(FieldRow):
                    if row.path == path:
                        self._refresh_row(row)
                self._check()

        current = None if element is None else self.draft.get(element)
        if spec.item == "choice":
            labels = self.editing.choice_labels(spec)
            choices = [(value, label) for value, label in labels.items()]
            prompt = ChoicePrompt(self.t("edit.pick"), choices)
            if current in labels:
                prompt.highlight = list(labels).index(current)
            self.app.push_screen(prompt, done)
        elif spec.refers is not None:
            editing = self.editing
            self.app.push_screen(PickPrompt(self.t("edit.pick"), spec,
                                            editing.candidates(spec.refers.target, self.draft),
                                            editing.name_of(spec.refers.target, self.draft),
                                            self.t("edit.search")), done)
        else:
            kind = spec.item

            def check(text: str) -> str | None:
                return None if parses(kind, text) else self.t(f"edit.bad_{kind}" if kind in ("int", "date", "time")
                                                                else "edit.need_value")

            placeholder = {"int": "2024", "date": "YYYY-MM-DD", "time": "HH:MM"}.get(kind, "")
            self.app.push_screen(TextPrompt(self.t("edit.value"), shown_value(current), placeholder, check),
                                 lambda text: done(parse_value(kind, text) if text else None))

    def action_remove(self) -> None:
        at = self._highlighted()
        if at is None:
            return
        target = {"people": Target.PERSON, "parts": Target.PART}.get(str(self.path[-1])) if (
            self.node is not None and self.node.kind == "table") else None
        if target is not None:
            places = draft_referrers(self.draft, target, str(at[-1]))
            if places:
                lines = [self.editing.where(self.draft, place) for place in places]
                self.app.push_screen(MessagePrompt(self.t("edit.still_named", entry=at[-1]), lines,
                                                   self.t("edit.close")))
                return
        self.draft.remove(at)
        self._rebuild()

    def action_move(self, delta: int) -> None:
        at = self._highlighted()
        if at is not None:
            moved = self.draft.move(at, delta)
            self._rebuild()
            self.call_after_refresh(self._highlight, moved)

    def action_duplicate(self) -> None:
        at = self._highlighted()
        if at is not None:
            self._highlight_after(self.draft.duplicate(at))

    def _highlight_after(self, path: KeyPath) -> None:
        self._rebuild()
        self.call_after_refresh(self._highlight, path)

    def _highlight(self, path: KeyPath) -> None:
        elements = self.query("#elements")
        if elements and isinstance(path[-1], int):
            options = cast(OptionList, elements.first())
            options.highlighted = path[-1]
            options.focus()

    def action_rename(self) -> None:
        at = self._highlighted()
        if at is None:
            return
        old = str(at[-1])
        table = str(self.path[-1])
        target = {"people": Target.PERSON, "parts": Target.PART}.get(table)

        def done(new: str | None) -> None:
            if not new or new == old:
                return
            try:
                if target is not None:
                    draft_rename_key(self.draft, target, table, old, new)
                else:
                    self.draft.rename_key(self.path, old, new)
            except Refused as exc:
                self.app.notify(exc.reason, severity="error")
                return
            self._rebuild()

        self.app.push_screen(TextPrompt(self.t("edit.rename_key", entry=old), old), done)

    def action_from_advisor(self) -> None:
        from schema.edit.spec import spec_of
        from schema.models import Person

        spec = spec_of(Person, "advisor")
        editing = self.editing

        def done(advisor_id: str | None) -> None:
            if not advisor_id or advisor_id not in editing.session.records.advisors:
                return
            year = self.draft.get(("fiscal_year",))
            key, person = editing.session.person_from_advisor(advisor_id, year if isinstance(year, int) else None)
            existing = self.draft.get(self.path) or {}
            base, number = key, 2
            while key in existing:
                key, number = f"{base}-{number}", number + 1
            self.draft.put(self.path, key, person)
            self._cursor = key
            self._push((*self.path, key))

        self.app.push_screen(PickPrompt(self.t("edit.pick_advisor"), spec,
                                        editing.candidates(Target.ADVISOR, None),
                                        editing.name_of(Target.ADVISOR, None), self.t("edit.search")), done)

    # -- undo, save, leave -----------------------------------------------------------------------

    def action_undo(self) -> None:
        self.flush()
        self._show_step(self.draft.undo(), "edit.undone", "edit.nothing_to_undo")

    def action_redo(self) -> None:
        self.flush()
        self._show_step(self.draft.redo(), "edit.redone", "edit.nothing_to_redo")

    def _show_step(self, step: Step | None, done: str, nothing: str) -> None:
        """Say what an undo or redo changed, where, and show that place: the form of the record
        that holds the field (its row focused), or the list (the element highlighted)."""
        if step is None:
            self.app.notify(self.t(nothing))
            return
        where = step.where
        self.app.notify(self.t(done, where=self.editing.where(self.draft, where)))
        self._go_to(where)

    def _go_to(self, where: KeyPath) -> None:
        """Show the place `where` in the form that holds it (a field's row focused, a list's element
        highlighted): the forms of this record not on the way closed, those on the way opened, as
        if the user had gone there."""
        model, doc, base = self.draft.model_type, self.draft.doc, self.record_path
        target: KeyPath = base
        focus: str | int | None = None
        if where[:len(base)] == base and len(where) > len(base):
            target, focus = where[:-1], where[-1]
            while len(target) > len(base) and node_at(model, doc, target) is None:
                target, focus = target[:-1], target[-1]
        app = self.app
        screen: EditScreen = self
        while not screen.top and screen.path != target[:len(screen.path)]:
            app.pop_screen()
            below = app.screen
            if not isinstance(below, EditScreen) or below.draft is not self.draft:
                return
            screen = below
        opened: list[EditScreen] = []
        current = screen
        for size in range(len(screen.path) + 1, len(target) + 1):
            if node_at(model, doc, target[:size]) is None:
                break
            current._cursor = target[size - 1]
            current = current._nested(target[:size])
            opened.append(current)
        node = current.node
        if focus is not None and node is not None and node.kind != "record":
            current._cursor = focus
        elif focus is not None:
            current._focus_id = f"row-{focus}"
            current._focus_forced = True
        for form in opened:
            app.push_screen(form)
        if not opened and current is self:
            self._rebuild()

    def action_save(self) -> None:
        self.flush()
        self.save_then()

    @work(exclusive=True, group="save")
    async def save_then(self, after: str | None = None) -> None:
        """Save every edited file: refused while there are problems; the diff shown first (unless
        the setting says not to); refused when a file changed on disk since it was read."""
        app = self.daicho
        session = self.editing.session
        faults = session.problems()
        if faults:
            lines = [f"{self._file_label(relpath)} › "
                     f"{self.editing.problem_text(session.drafts[relpath], p, where or None)}"
                     for relpath, check in faults.items()
                     for p, where in zip(check.problems, check.paths, strict=True)]
            await app.push_screen_wait(MessagePrompt(self.t("edit.refused"), lines, self.t("edit.close")))
            self._check()
            return
        changes = session.pending()
        if not changes:
            session.save([])  # the files hold the drafts: undo stops here, as after a save
            app.notify(self.t("edit.nothing"))
            if after == "leave":
                self._leave()
            return
        if app.settings.confirm_save:
            from schema.edit.save import diff_text

            confirmed = await app.push_screen_wait(ConfirmPrompt(
                self.t("edit.confirm"), diff_text(changes), self.t("edit.save"), self.t("edit.cancel"), diff=True))
            if not confirmed:
                return
        try:
            session.save(changes)  # the one save: written, loaded again, every screen told
        except SaveFailed as exc:
            await self._failed(exc)
            return
        app.notify(self.t("edit.done", count=len(changes)))
        self._check()
        if after == "leave":
            self.editing.session.close(self.draft.relpath)
            self._leave()

    async def _failed(self, exc: SaveFailed) -> None:
        app = self.daicho
        if not exc.changed:
            app.notify(self.t("edit.failed", path=exc.relpath, reason=exc.reason), severity="error", timeout=10)
            return
        choice = await app.push_screen_wait(ChoicePrompt(
            self.t("edit.conflict", path=exc.relpath),
            [("compare", self.t("edit.compare")), ("reload", self.t("edit.reload")),
             ("keep", self.t("edit.keep"))],
            self.t("edit.conflict_help")))
        if choice == "compare":
            disk = (app.data.repo / exc.relpath).read_bytes() if (app.data.repo / exc.relpath).exists() else b""
            from schema.edit.save import FileChange, diff_text

            mine = self.draft.canonical() or ""
            body = diff_text([FileChange(exc.relpath, disk, mine.encode("utf-8"))])
            await app.push_screen_wait(MessagePrompt(self.t("edit.comparing", path=exc.relpath),
                                                     body.splitlines(), self.t("edit.close")))
        elif choice == "reload":
            self.editing.session.close(exc.relpath)
            self.editing.session.reload()
            while isinstance(app.screen, EditScreen):
                app.pop_screen()

    def _file_label(self, relpath: str) -> str:
        """A file as the refused save names it: this record's name, another file by its name."""
        return self.trail_parts[0] if self.trail_parts and relpath == self.draft.relpath else relpath

    def action_jump(self) -> None:
        """`/`: a field of this form by part of its label (kanji, kana or romaji)."""
        from schema.read.textmatch import kana_key, search_key

        rows = [row for row in self.query(FieldRow)]
        if not rows:
            return
        editing = self.editing
        entries = {row.id or "": (row.label.rstrip(" *"), search_key(row.label.rstrip(" *"), row.spec.name)
                                  + ("\x1f" + kana_key(reading) if (reading := editing.reading(row.label.rstrip(" *")))
                                     else "")) for row in rows}

        def find(query: str) -> list[tuple[str, str]]:
            from schema.read.textmatch import ranked

            pool = [_Entry(row_id, label, key) for row_id, (label, key) in entries.items()]
            return [(entry.value, entry.label) for entry in ranked(pool, query)]

        def done(row_id: str | None) -> None:
            if row_id:
                found = self.query(f"#{row_id}")
                if found:
                    found.first().focus()
                    found.first().scroll_visible()

        self.app.push_screen(JumpPrompt(self.t("edit.jump"), find, self.t("edit.jump_hint")), done)

    def action_leave(self) -> None:
        self.flush()
        if not self.top or not self.draft.dirty:
            if self.top:  # the editing session ends: undo does not reach into the next one
                self.editing.session.close(self.draft.relpath)
            self._leave()
            return

        def done(choice: str | None) -> None:
            if choice == "save":
                self.save_then("leave")
            elif choice == "discard":
                self.editing.session.close(self.draft.relpath)
                self._leave()

        self.app.push_screen(ChoicePrompt(self.t("edit.unsaved_title"), [
            ("save", self.t("edit.save_and_leave")), ("discard", self.t("edit.discard")),
            ("cancel", self.t("edit.keep"))]), done)

    def _leave(self) -> None:
        if self.is_current:
            self.dismiss()


class _Entry:
    """A field of the form as the field jump searches it."""

    __slots__ = ("key", "label", "value")

    def __init__(self, value: str, label: str, key: str) -> None:
        self.value, self.label, self.key = value, label, key


def _brief(value: Any) -> str:
    """A value in a few characters, for a record's one-line summary ("" for what says nothing)."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:,}"
    if isinstance(value, list | dict):
        return f"({len(value)})" if value else ""
    return ""
