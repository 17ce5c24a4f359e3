"""`daicho diff` output: text for people (coloured on a terminal), Markdown for a pull request's job
summary or comment, JSON for programs.

Everything that comes from the records is made safe for where it goes: control and disguising
characters are shown as ⟨U+XXXX⟩ (a record text cannot move the terminal's cursor or reorder what
a reviewer reads), and in Markdown every character that could start a link, an image, HTML, a code
span, emphasis, maths or a table cell — and the `:` of `http://`, the dot of `www.` and the `@`
of e-mail addresses, which GitHub would make links of — is written as a numeric character
reference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from schema.diff import Change, Dangling, FileDiff, Report, Step, name
from schema.diff.chars import Op, Segment
from schema.diff.tree import label_of, shown
from schema.textscan import DISGUISING

_HIDDEN = re.compile(f"[{DISGUISING}\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MD_SPECIAL = frozenset("\\`*_[]<>|~$&:@")
INDENT = " " * 9


def visible(text: str) -> str:
    """`text` with control and disguising characters written as ⟨U+XXXX⟩ (tab and newline kept)."""
    return _HIDDEN.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the report, the same for every format."""

    verb: str
    """added, removed, changed, moved, renamed, layout, unreadable, dangling."""
    path: str
    record: tuple[Step, ...]
    """The steps that name the record (for files of records), for grouping."""
    inner: str
    """The name inside the record: steps and field (may be empty)."""
    marked: tuple[Segment, ...] = ()
    """The value with its changes marked (texts, lists, added and removed values)."""
    note: str = ""
    """Plain detail: `2022 → 2023`, `from 6 to 2`, a problem's message."""
    joiner: str = ""
    """How the marked pieces join: "" for texts, ", " for lists of values."""


def rows(report: Report) -> Iterator[Row]:
    for diff in report.files:
        yield from _file_rows(diff)
    for item in report.dangling:
        yield _dangling_row(item)


def _file_rows(diff: FileDiff) -> Iterator[Row]:
    label = diff.label or ""
    if diff.status in ("added", "removed"):
        yield Row(diff.status, diff.path, (), "", note=label)
    elif diff.status == "renamed":
        yield Row("renamed", diff.path, (), "", note=f"from {diff.old_path}")
    if diff.note is not None:
        yield Row("unreadable" if diff.unreadable else "layout", diff.path, (), "", note=diff.note)
    for change in diff.changes:
        yield _change_row(diff, change)


def _change_row(diff: FileDiff, change: Change) -> Row:
    record = diff.record_of(change)
    inner = _inner(change.where[len(record):], change.field)
    if change.kind == "moved":
        assert change.moved_from is not None and change.moved_to is not None
        return Row("moved", diff.path, record, inner,
                   note=f"from {change.moved_from + 1} to {change.moved_to + 1}")
    if change.kind in ("added", "removed"):
        value = change.new if change.kind == "added" else change.old
        op: Op = "+" if change.kind == "added" else "-"
        if change.field is None:  # a whole record or element: its label is in the name
            gist = None if label_of(value) else _gist(value)
            return Row(change.kind, diff.path, record, inner, ((op, gist),) if gist else ())
        return Row(change.kind, diff.path, record, inner, ((op, shown(value)),))
    if change.segments is not None:
        return Row("changed", diff.path, record, inner, change.segments)
    if change.items is not None:
        return Row("changed", diff.path, record, inner, change.items, joiner=", ")
    return Row("changed", diff.path, record, inner, note=f"{shown(change.old)} → {shown(change.new)}")


def _inner(steps: Sequence[Step], field: str | None) -> str:
    text = " › ".join(step.show() for step in steps)
    if field is None:
        return text
    return f"{text}: {field}" if text else f": {field}"


def _gist(value: Any) -> str | None:
    """Something to recognise an element without a title by: its text, else its first text field."""
    if isinstance(value, dict):
        text = value.get("text")
        if isinstance(text, str):
            return text
        return next((v for v in value.values() if isinstance(v, str)), None)
    return None


def _dangling_row(item: Dangling) -> Row:
    if item.where or item.field:
        inner = _inner(item.where, item.field)
    else:
        inner = f"line {item.line}, column {item.col}" if item.line else ""
    return Row("dangling", item.path, (), inner, note=f"{item.code} {item.message}")


def full_name(row: Row) -> str:
    """`meetings/….toml › agenda 6 オンライン相談会 › topics 2 …: text`."""
    record = " › ".join(step.show() for step in row.record)
    head = " › ".join(p for p in (row.path, record) if p)
    if not row.inner:
        return head
    if row.inner.startswith(": "):
        return head + row.inner
    return f"{head} › {row.inner}"


def summary(report: Report) -> str:
    files = len(report.files)
    parts = [f"{files} file{'s' if files != 1 else ''}",
             f"{report.change_count} change{'s' if report.change_count != 1 else ''}"]
    if report.dangling:
        count = len(report.dangling)
        parts.append(f"{count} dangling reference{'s' if count != 1 else ''}")
    return ", ".join(parts)


def heading(report: Report) -> tuple[str, str]:
    base = report.base
    short = (base.sha or "")[:10]
    target = report.target.description
    if report.target.sha:
        target = f"{target} ({report.target.sha[:10]})"
    return f"{base.description} ({short})", target


# ---------------------------------------------------------------------------------------------
# Text

_COLOURS = {"added": "32", "removed": "31", "changed": "33", "moved": "36", "renamed": "36",
            "dangling": "1;31", "unreadable": "1;31", "layout": "2"}
_RESET = "\x1b[0m"


def text(report: Report, colour: bool) -> str:
    base, target = heading(report)
    lines = [f"comparing {base} with {target}", ""]
    all_rows = list(rows(report))
    lines += row_lines(all_rows, colour)
    if not all_rows:
        lines.append("no changes in the records")
    else:
        lines += ["", summary(report)]
    for why in report.unchecked:
        lines.append(f"references not checked: {visible(why)}")
    return "\n".join(lines) + "\n"


def row_lines(report_rows: Sequence[Row], colour: bool) -> list[str]:
    """The rows as text lines: what `text` prints between its heading and its summary, and what
    `daicho intake` shows of the changes it plans."""
    return [line for row in report_rows for line in _text_row(row, colour)]


def _text_row(row: Row, colour: bool) -> list[str]:
    verb = f"{row.verb:<8}"
    if colour:
        verb = f"\x1b[{_COLOURS.get(row.verb, '0')}m{verb}{_RESET}"
    head = visible(full_name(row))
    note = visible(row.note)
    if row.verb in ("moved", "renamed"):
        return [f"{verb} {head}: {note}"]
    if not row.record and not row.inner and row.verb in ("added", "removed"):  # a whole file
        return [f"{verb} {head}" + (f" ({note})" if note else "")]
    lines = [f"{verb} {head}"]
    if row.marked:
        lines.extend(INDENT + line for line in _marked_text(row.marked, row.joiner, colour))
    if note:
        lines.extend(INDENT + line for line in note.split("\n"))
    return lines


def _marked_text(segments: Sequence[Segment], joiner: str, colour: bool) -> list[str]:
    """The text with its changes marked, split into lines (colour never runs across a line end)."""
    lines: list[str] = [""]
    for n, (op, piece) in enumerate(segments):
        if n and joiner:
            lines[-1] += joiner
        if op != "=":  # a line break that was removed or added is shown, as ↵
            piece = piece.replace("\n", "↵" if op == "-" else "↵\n")
        for k, part in enumerate(visible(piece).split("\n")):
            if k:
                lines.append("")
            if not part:
                continue
            if op == "=":
                lines[-1] += part
            elif colour:
                lines[-1] += f"\x1b[{'31' if op == '-' else '32'}m{part}{_RESET}"
            else:
                lines[-1] += f"[-{part}-]" if op == "-" else f"{{+{part}+}}"
    return lines


# ---------------------------------------------------------------------------------------------
# Markdown


def md(value: str) -> str:
    """Text from the records, safe in a Markdown table cell and in HTML: numeric character
    references for the characters that could make structure, `<br>` for line breaks."""
    out = []
    text = visible(value)
    for n, char in enumerate(text):
        if char == "." and text[max(0, n - 3):n].lower() == "www":
            out.append("&#46;")
        elif char == "\n":
            out.append("<br>")
        elif char == "\r":
            continue
        elif char in _MD_SPECIAL:
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def markdown(report: Report) -> str:
    base, target = heading(report)
    lines = ["## daicho diff", "", f"Comparing {md(base)} with {md(target)}: {md(summary(report))}.", ""]
    all_rows = list(rows(report))
    dangling = [r for r in all_rows if r.verb == "dangling"]
    if dangling:
        lines += ["### Dangling references", "",
                  "References that point at nothing once this change is in:", "",
                  "| where | problem |", "|---|---|"]
        lines += [f"| {md(full_name(r))} | {md(r.note)} |" for r in dangling]
        lines.append("")
    groups: dict[tuple[str, tuple[Step, ...]], list[Row]] = {}
    for row in all_rows:
        if row.verb != "dangling":
            groups.setdefault((row.path, row.record), []).append(row)
    labels = {d.path: d.label for d in report.files}
    for (path, record), group in groups.items():
        title = " › ".join(s.show() for s in record) if record else labels.get(path) or ""
        count = f"{len(group)} change{'s' if len(group) != 1 else ''}"
        lines += [f"<details><summary><code>{md(path)}</code> {md(title)} ({count})</summary>", "",
                  "| | where | change |", "|---|---|---|"]
        for row in group:
            where = md(row.inner.removeprefix(": ")) if row.inner else "(the whole record)" if record else "(the file)"
            lines.append(f"| {row.verb} | {where} | {_marked_md(row)} |")
        lines += ["", "</details>", ""]
    if not all_rows:
        lines += ["No changes in the records.", ""]
    for why in report.unchecked:
        lines += [f"References not checked: {md(why)}", ""]
    return "\n".join(lines)


def _marked_md(row: Row) -> str:
    pieces = []
    for op, piece in row.marked:
        escaped = md(piece)
        pieces.append(escaped if op == "=" else f"<del>{escaped}</del>" if op == "-" else f"<ins>{escaped}</ins>")
    marked = row.joiner.join(pieces)
    note = md(row.note) if row.note else ""
    return " ".join(p for p in (marked, note) if p)


# ---------------------------------------------------------------------------------------------
# JSON


def as_json(report: Report) -> str:
    data = {
        "base": report.base.as_dict(),
        "target": report.target.as_dict(),
        "summary": {"files": len(report.files), "changes": report.change_count, "dangling": len(report.dangling)},
        "files": [_file_json(d) for d in report.files],
        "dangling": [_dangling_json(d) for d in report.dangling],
        "unchecked": report.unchecked,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def _file_json(diff: FileDiff) -> dict[str, Any]:
    return {"path": diff.path, "status": diff.status, "old_path": diff.old_path, "label": diff.label,
            "note": diff.note, "changes": [_change_json(diff, c) for c in diff.changes]}


def _change_json(diff: FileDiff, change: Change) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": change.kind,
        "name": f"{diff.path} › {name(change.where, change.field)}" if change.where
        else f"{diff.path}: {change.field}" if change.field else diff.path,
        "where": [s.as_dict() for s in change.where],
        "field": change.field,
        "keypath": list(change.keypath),
        "old": change.old,
        "new": change.new,
    }
    if change.segments is not None:
        out["segments"] = [list(s) for s in change.segments]
    if change.items is not None:
        out["items"] = [list(s) for s in change.items]
    if change.kind == "moved":
        assert change.moved_from is not None and change.moved_to is not None
        out["from"], out["to"] = change.moved_from + 1, change.moved_to + 1
    return out


def _dangling_json(item: Dangling) -> dict[str, Any]:
    return {"path": item.path, "name": full_name(_dangling_row(item)), "where": [s.as_dict() for s in item.where],
            "field": item.field, "code": item.code, "message": item.message, "line": item.line, "col": item.col}
