"""`daicho diff` output: text for people (coloured on a terminal), Markdown for a pull request's job
summary or comment, JSON for programs.

Everything that comes from the records, the file names and the command line is made safe for where
it goes, by `schema.words.sanitize` as everywhere else: on a terminal, control and invisible characters
are written as escapes (`\\u001b`) and a file name never spans lines; in Markdown, everything that
could make a link (bare URLs, `www.`, mentions included), an image, HTML, maths, code or a table
cell is a numeric character reference, and the whole is capped at what GitHub takes as a job
summary (1 MiB), with a line saying what was left out; JSON carries every string as it is, in a form
that strict parsers read and terminals show (see `sanitize.json_text`, `sanitize.path_fields`).

A record added (a meeting file, a theme, an advisor, a local government) is shown whole: its outline
as `daicho show` prints it, given by the caller (`Outlines`), at most MAX_OUTLINE_LINES lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from daicho.output import STEP_SUMMARY_LIMIT
from schema.diff import Change, Dangling, FileDiff, Report, Step, name
from schema.diff.chars import Op, Segment
from schema.diff.tree import KeyPath, label_of, shown
from schema.words.sanitize import json_text, markdown_text, path_fields, printable

INDENT = " " * 9
MAX_OUTLINE_LINES = 400
"""Lines of an added record's outline that are shown; one more line says how many are not."""
SUMMARY_RESERVE = 4096
"""Bytes of the Markdown budget kept for the lines that close it."""

Outlines = Mapping[tuple[str, KeyPath], Sequence[str]]
"""(path, key path of the record; () for a whole file) → the lines of an added record's outline."""

COARSE = {
    "sentences": "(compared by sentence and line: comparing it character by character would take too long)",
    "whole": "(compared as a whole: comparing it more finely would take too long)",
}
"""What a text compared coarser than by character says (schema.diff.chars.Granularity)."""


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
    outline: tuple[str, ...] = ()
    """An added record's outline (capped)."""


def rows(report: Report, outlines: Outlines | None = None) -> Iterator[Row]:
    outlines = outlines or {}
    for diff in report.files:
        yield from _file_rows(diff, outlines)
    for item in report.dangling:
        yield _dangling_row(item)


def capped_outline(lines: Sequence[str]) -> tuple[str, ...]:
    """At most MAX_OUTLINE_LINES lines, then one that counts the rest."""
    if len(lines) <= MAX_OUTLINE_LINES:
        return tuple(lines)
    rest = len(lines) - MAX_OUTLINE_LINES
    return (*lines[:MAX_OUTLINE_LINES], f"… and {rest:,} more line{'s' if rest != 1 else ''}")


def _file_rows(diff: FileDiff, outlines: Outlines) -> Iterator[Row]:
    label = diff.label or ""
    if diff.status in ("added", "removed"):
        outline = capped_outline(outlines.get((diff.path, ()), ())) if diff.status == "added" else ()
        yield Row(diff.status, diff.path, (), "", note=label, outline=outline)
    elif diff.status == "renamed":
        yield Row("renamed", diff.path, (), "", note=f"from {diff.old_path}")
    if diff.note is not None:
        yield Row("unreadable" if diff.unreadable else "layout", diff.path, (), "", note=diff.note)
    for change in diff.changes:
        yield _change_row(diff, change, outlines)


def _change_row(diff: FileDiff, change: Change, outlines: Outlines) -> Row:
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
            outline = outlines.get((diff.path, change.keypath), ()) if change.kind == "added" else ()
            if outline:
                return Row(change.kind, diff.path, record, inner, outline=capped_outline(outline))
            gist = None if label_of(value) else _gist(value)
            return Row(change.kind, diff.path, record, inner, ((op, gist),) if gist else ())
        return Row(change.kind, diff.path, record, inner, ((op, shown(value)),))
    if change.segments is not None:
        return Row("changed", diff.path, record, inner, change.segments,
                   note=COARSE.get(change.granularity or "", ""))
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


def coarse_note(report: Report) -> str | None:
    """The line that says the run compared some things coarser than it would have (None if not)."""
    if not report.coarse:
        return None
    count = report.coarse
    return (f"{count:,} text{'s' if count != 1 else ''}, list{'s' if count != 1 else ''} or element"
            f"{'s' if count != 1 else ''} compared coarser than usual: the change is too large to compare "
            "in full within daicho diff's bounds")


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


def text(report: Report, colour: bool, outlines: Outlines | None = None) -> str:
    base, target = heading(report)
    lines = [printable(f"comparing {base} with {target}"), ""]
    all_rows = list(rows(report, outlines))
    lines += row_lines(all_rows, colour)
    if not all_rows:
        lines.append("no changes in the records")
    else:
        lines += ["", summary(report)]
    coarse = coarse_note(report)
    if coarse:
        lines.append(coarse)
    for why in report.unchecked:
        lines.append(printable(f"references not checked: {why}"))
    return "\n".join(lines) + "\n"


def row_lines(report_rows: Sequence[Row], colour: bool) -> list[str]:
    """The rows as text lines: what `text` prints between its heading and its summary, and what
    `daicho intake` shows of the changes it plans."""
    return [line for row in report_rows for line in _text_row(row, colour)]


def _text_row(row: Row, colour: bool) -> list[str]:
    verb = f"{row.verb:<8}"
    if colour:
        verb = f"\x1b[{_COLOURS.get(row.verb, '0')}m{verb}{_RESET}"
    head = printable(full_name(row))
    note = printable(row.note, multiline=True)
    if row.verb in ("moved", "renamed"):
        return [f"{verb} {head}: {printable(row.note)}"]
    lines = [f"{verb} {head}"]
    if not row.record and not row.inner and row.verb in ("added", "removed"):  # a whole file
        lines = [f"{verb} {head}" + (f" ({printable(row.note)})" if note else "")]
        note = ""
    if row.marked:
        lines.extend(INDENT + line for line in _marked_text(row.marked, row.joiner, colour))
    if note:
        lines.extend(INDENT + line for line in note.split("\n"))
    lines.extend((INDENT + printable(line)).rstrip() for line in row.outline)
    return lines


def _marked_text(segments: Sequence[Segment], joiner: str, colour: bool) -> list[str]:
    """The text with its changes marked, split into lines (colour never runs across a line end)."""
    lines: list[str] = [""]
    for n, (op, piece) in enumerate(segments):
        if n and joiner:
            lines[-1] += joiner
        if op != "=":  # a line break that was removed or added is shown, as ↵
            piece = piece.replace("\n", "↵" if op == "-" else "↵\n")
        for k, part in enumerate(printable(piece, multiline=True).split("\n")):
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
    """Text from the records, safe in a Markdown table cell: `<br>` for line breaks."""
    return markdown_text(value, breaks="<br>")


def md_name(value: str) -> str:
    """A name (a file's, a record's path in it) in Markdown: on one line, a line break shown as `\\n`."""
    return markdown_text(printable(value))


class _Budgeted:
    """Lines of Markdown within a budget of bytes (UTF-8), and what did not fit."""

    def __init__(self, budget: int) -> None:
        self.lines: list[str] = []
        self.left = budget - SUMMARY_RESERVE
        self.omitted = 0

    def fits(self, lines: Sequence[str]) -> bool:
        return sum(len(line.encode("utf-8")) + 1 for line in lines) <= self.left

    def add(self, lines: Sequence[str]) -> bool:
        """Add the lines if they fit (they are then taken whole)."""
        size = sum(len(line.encode("utf-8")) + 1 for line in lines)
        if size > self.left:
            return False
        self.lines.extend(lines)
        self.left -= size
        return True


def markdown(report: Report, outlines: Outlines | None = None, budget: int = STEP_SUMMARY_LIMIT) -> str:
    """The report as Markdown, in at most `budget` bytes: the dangling references first, then a
    collapsible block per record changed, as much as fits, then a line that says what did not."""
    base, target = heading(report)
    out = _Budgeted(budget)
    out.add(["## daicho diff", "", f"Comparing {md_name(base)} with {md_name(target)}: {md(summary(report))}.", ""])
    coarse = coarse_note(report)
    if coarse:
        out.add([md(coarse), ""])
    all_rows = list(rows(report, outlines))
    dangling = [r for r in all_rows if r.verb == "dangling"]
    if dangling:
        table = ["### Dangling references", "", "References that point at nothing once this change is in:", "",
                 "| where | problem |", "|---|---|"]
        shown_rows = [f"| {md_name(full_name(r))} | {md(r.note)} |" for r in dangling]
        if out.fits([*table, shown_rows[0], ""]):
            out.add(table)
            listed = next((n for n, row in enumerate(shown_rows) if not out.add([row])), len(shown_rows))
            out.omitted += len(shown_rows) - listed
            out.add([""])
        else:
            out.omitted += len(shown_rows)
    groups: dict[tuple[str, tuple[Step, ...]], list[Row]] = {}
    for row in all_rows:
        if row.verb != "dangling":
            groups.setdefault((row.path, row.record), []).append(row)
    labels = {d.path: d.label for d in report.files}
    for (path, record), group in groups.items():
        _markdown_group(out, path, record, group, labels.get(path))
    if not all_rows:
        out.add(["No changes in the records.", ""])
    for why in report.unchecked:
        if not out.add([f"References not checked: {md_name(why)}", ""]):
            out.omitted += 1
    if out.omitted:  # within the bytes kept for it
        out.lines += [f"**{out.omitted:,} more entr{'ies' if out.omitted != 1 else 'y'} (changes, outlines, files "
                      "not checked) not shown here**: a job summary holds at most 1 MiB. `daicho diff` shows "
                      "every change.", ""]
    return "\n".join(out.lines)


def _markdown_group(out: _Budgeted, path: str, record: tuple[Step, ...], group: list[Row],
                    label: str | None) -> None:
    title = " › ".join(s.show() for s in record) if record else label or ""
    count = f"{len(group)} change{'s' if len(group) != 1 else ''}"
    head = [f"<details><summary><code>{md_name(path)}</code> {md_name(title)} ({count})</summary>", "",
            "| | where | change |", "|---|---|---|"]
    cells = []
    for row in group:
        where = md_name(row.inner.removeprefix(": ")) if row.inner else "(the whole record)" if record else "(the file)"
        cells.append(f"| {row.verb} | {where} | {_marked_md(row)} |")
    tail = ["", "</details>", ""]
    if not out.fits([*head, cells[0], *tail]):
        out.omitted += len(group) + sum(1 for row in group if row.outline)
        return
    out.left -= sum(len(line.encode("utf-8")) + 1 for line in tail)  # kept for the end of the block
    out.add(head)
    listed = next((n for n, cell in enumerate(cells) if not out.add([cell])), len(cells))
    out.omitted += len(cells) - listed
    for row in group[:listed]:
        if row.outline and not out.add(["", *_code_block(row.outline)]):
            out.omitted += 1
    out.left += sum(len(line.encode("utf-8")) + 1 for line in tail)
    out.add(tail)


def _code_block(lines: Sequence[str]) -> list[str]:
    """Lines shown as written, in a fenced code block that no line of them can close."""
    shown_lines = [printable(line).rstrip() for line in lines]
    fence = "`" * max(3, _longest_backticks(shown_lines) + 1)
    return [f"{fence}text", *shown_lines, fence]


def _longest_backticks(lines: Sequence[str]) -> int:
    return max((len(run) for line in lines for run in _BACKTICKS.findall(line)), default=0)


_BACKTICKS = re.compile("`+")


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


def as_json(report: Report, outlines: Outlines | None = None) -> str:
    """For programs: every value as it is (see `sanitize.json_text`); a file name that is not
    UTF-8 also as its bytes (`path_bytes`, `old_path_bytes`: base64)."""
    outlines = outlines or {}
    data = {
        "base": report.base.as_dict(),
        "target": report.target.as_dict(),
        "summary": {"files": len(report.files), "changes": report.change_count, "dangling": len(report.dangling),
                    "coarse": report.coarse},
        "files": [_file_json(d, outlines) for d in report.files],
        "dangling": [_dangling_json(d) for d in report.dangling],
        "unchecked": report.unchecked,
    }
    return json_text(data)


def _file_json(diff: FileDiff, outlines: Outlines) -> dict[str, Any]:
    out: dict[str, Any] = {**path_fields(diff.path), "status": diff.status, **path_fields(diff.old_path, "old_path"),
                           "label": diff.label, "note": diff.note,
                           "changes": [_change_json(diff, c, outlines) for c in diff.changes]}
    if diff.status == "added" and (diff.path, ()) in outlines:
        out["outline"] = list(capped_outline(outlines[(diff.path, ())]))
    return out


def _change_json(diff: FileDiff, change: Change, outlines: Outlines) -> dict[str, Any]:
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
        out["granularity"] = change.granularity
    if change.items is not None:
        out["items"] = [list(s) for s in change.items]
    if change.kind == "moved":
        assert change.moved_from is not None and change.moved_to is not None
        out["from"], out["to"] = change.moved_from + 1, change.moved_to + 1
    if change.kind == "added" and change.field is None and (diff.path, change.keypath) in outlines:
        out["outline"] = list(capped_outline(outlines[(diff.path, change.keypath)]))
    return out


def _dangling_json(item: Dangling) -> dict[str, Any]:
    return {**path_fields(item.path), "name": full_name(_dangling_row(item)),
            "where": [s.as_dict() for s in item.where], "field": item.field, "code": item.code,
            "message": item.message, "line": item.line, "col": item.col}
