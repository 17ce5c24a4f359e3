"""Reading a form tool's export into a table of text: its header row and its answer rows.

Microsoft Forms gives an xlsx workbook, Google Forms a CSV in UTF-8, LoGoフォーム and Excel's
"CSV" a CSV in Shift_JIS (cp932) — with or without a byte-order mark, comma- or tab-separated. The
format is told by the bytes, not by the file's name: a zip is read as a workbook (`schema.intake.xlsx`),
anything else as CSV text.

The file is hostile until checked: one over `MAX_BYTES` is refused before it is read, and a table
of more than `MAX_ROWS` rows or `MAX_COLUMNS` columns is refused as soon as that shows. Each refusal
is one `IntakeError` that names the file and what is wrong.
"""

from __future__ import annotations

import codecs
import csv
import io
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from schema.intake.errors import IntakeError
from schema.intake.limits import MAX_BYTES, MAX_COLUMNS, MAX_ROWS
from schema.words.messages import Message, say

ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Row:
    """One answer row: its number as a spreadsheet shows it (the header row is 1 when it comes
    first) and its cells, one per header (missing cells are "")."""

    number: int
    cells: tuple[str, ...]

    def get(self, column: int) -> str:
        return self.cells[column] if 0 <= column < len(self.cells) else ""


@dataclass(frozen=True, slots=True)
class Export:
    """An export read: its file name (for messages), headers and non-blank rows."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def read_export(path: Path) -> Export:
    """The export at `path`; raises IntakeError (one message) when it cannot be used."""
    name = path.name
    try:
        info = path.stat()
    except OSError as exc:
        raise IntakeError(say("intake_cannot_read", file=name, error=exc.strerror or str(exc))) from None
    if not stat.S_ISREG(info.st_mode):
        raise IntakeError(say("intake_not_a_file", file=name))
    if info.st_size > MAX_BYTES:
        raise IntakeError(_too_large(name))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may have grown since it was measured
    except OSError as exc:
        raise IntakeError(say("intake_cannot_read", file=name, error=exc.strerror or str(exc))) from None
    if len(data) > MAX_BYTES:
        raise IntakeError(_too_large(name))
    return parse_export(name, data)


def _too_large(name: str) -> Message:
    return say("intake_too_large", file=name, megabytes=str(MAX_BYTES // (1024 * 1024)))


def parse_export(name: str, data: bytes) -> Export:
    """An export from its bytes (`name` is for messages)."""
    if len(data) > MAX_BYTES:
        raise IntakeError(_too_large(name))
    if not data.strip():
        raise IntakeError(say("intake_empty", file=name))
    if data.startswith(ZIP_MAGIC) or name.lower().endswith((".xlsx", ".xlsm")):
        from schema.intake.xlsx import read_xlsx

        return table(name, read_xlsx(name, data))
    return table(name, parse_csv(name, decode(name, data)))


def decode(name: str, data: bytes) -> str:
    """CSV text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Shift_JIS as Excel writes it."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IntakeError(say("intake_not_text", file=name)) from None
    if b"\x00" in data:
        raise IntakeError(say("intake_not_text", file=name))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932")
    except UnicodeDecodeError as exc:
        raise IntakeError(say("intake_encoding", file=name, byte=f"{exc.start + 1:,}")) from None


def parse_csv(name: str, text: str) -> list[tuple[int, list[str]]]:
    """The records of CSV text, each with its number (1 for the first), separated by commas, or by
    tabs where the first line has tabs and no commas."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    try:
        for number, record in enumerate(reader, 1):
            if number > MAX_ROWS + 1:
                raise IntakeError(say("intake_too_many_rows", file=name, limit=f"{MAX_ROWS:,}"))
            if len(record) > MAX_COLUMNS:
                raise IntakeError(say("intake_too_many_columns", file=name, limit=f"{MAX_COLUMNS:,}"))
            out.append((number, record))
    except csv.Error as exc:
        raise IntakeError(say("intake_bad_csv", file=name, line=f"{reader.line_num:,}", error=str(exc))) from None
    return out


def table(name: str, records: Iterable[tuple[int, Sequence[str]]]) -> Export:
    """Header and rows from numbered records: the first record with a value is the header; blank
    rows are left out; empty cells after the last header are dropped (a trailing separator), a
    value there is refused."""
    headers: tuple[str, ...] | None = None
    rows: list[Row] = []
    for number, record in records:
        cells = [_cell(value) for value in record]
        if not any(cell.strip() for cell in cells):
            continue
        if headers is None:
            while cells and not cells[-1].strip():
                cells.pop()
            headers = tuple(" ".join(cell.split()) for cell in cells)
            continue
        if any(cell.strip() for cell in cells[len(headers):]):
            raise IntakeError(say("intake_cell_without_header", file=name, row=f"{number:,}"))
        cells = cells[:len(headers)]
        rows.append(Row(number, tuple(cells) + ("",) * (len(headers) - len(cells))))
    if headers is None:
        raise IntakeError(say("intake_empty", file=name))
    if not rows:
        raise IntakeError(say("intake_no_rows", file=name))
    return Export(name, headers, tuple(rows))


def _cell(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")
