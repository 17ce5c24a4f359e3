"""Reading an xlsx workbook's first sheet as numbered rows of text, with openpyxl, safely.

An xlsx is a zip of XML files, and a zip can declare far more than it holds compressed (a zip
bomb), a sheet can declare a million rows, and XML can declare entities that expand. So before
openpyxl sees the bytes, the zip's directory is read with `zipfile`: the members' declared sizes
(which `zipfile` never reads past), their compression ratios, their count, the workbook's own parts,
and the start of every XML part (no DTD: an xlsx has none). Then openpyxl opens it in read-only mode
(rows streamed, nothing held but the shared strings), and a sheet whose declared or actual size is
over the intake's limits is refused before its rows are read. openpyxl is imported here only, so
that no other command pays for it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from typing import Any

from schema.intake.errors import IntakeError
from schema.intake.limits import MAX_COLUMNS, MAX_ROWS
from schema.words.messages import say

MAX_EXPANDED = 64 * 1024 * 1024
"""Bytes of all the members together, uncompressed."""
MAX_RATIO = 100
"""Uncompressed to compressed size of one member (above `RATIO_FROM`); sheets of real exports
compress 5 to 20 times."""
RATIO_FROM = 1024 * 1024
"""Members smaller than this are not held to MAX_RATIO (a small part of zeros compresses well)."""
MAX_MEMBERS = 1_000
PROLOG_BYTES = 64 * 1024
"""Where an XML part's root element must have started (no DTD before it)."""
_NEEDED = ("[Content_Types].xml", "xl/workbook.xml")
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def read_xlsx(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    """The first sheet's rows (number, cells as text); raises IntakeError."""
    check_zip(name, data)
    import openpyxl  # only here: the other commands do not load it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of styles and extensions it ignores
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises whatever its parsers raise on a broken workbook
            raise IntakeError(say("intake_not_xlsx", file=name)) from None
        try:
            return _rows(name, workbook)
        except IntakeError:
            raise
        except Exception:
            raise IntakeError(say("intake_not_xlsx", file=name)) from None
        finally:
            workbook.close()


def check_zip(name: str, data: bytes) -> None:
    """Refuse a zip that is not a workbook or whose contents are out of proportion to its size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise IntakeError(say("intake_not_xlsx", file=name)) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise IntakeError(say("intake_zip_bomb", file=name))
        expanded = sum(member.file_size for member in members)
        if expanded > MAX_EXPANDED or any(
                member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1)
                for member in members):
            raise IntakeError(say("intake_zip_bomb", file=name))
        names = {member.filename for member in members}
        if not all(needed in names for needed in _NEEDED):
            raise IntakeError(say("intake_not_xlsx", file=name))
        for member in members:
            if member.filename.endswith((".xml", ".rels")) and not _plain_prolog(archive, member):
                raise IntakeError(say("intake_not_xlsx", file=name))


def _plain_prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the XML part's root element starts within PROLOG_BYTES, with no DTD before it."""
    try:
        with archive.open(member) as part:
            head = part.read(PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError):
        return False
    start = _ROOT_START.search(head)
    return start is not None and _DECLARATION.search(head, 0, start.start()) is None


def _rows(name: str, workbook: Any) -> list[tuple[int, list[str]]]:
    sheets = workbook.worksheets
    if not sheets:
        raise IntakeError(say("intake_not_xlsx", file=name))
    sheet = sheets[0]
    # The declared dimension pads every row in read-only mode: refuse it before reading a row.
    if (sheet.max_row or 0) > MAX_ROWS + 1:
        raise IntakeError(say("intake_too_many_rows", file=name, limit=f"{MAX_ROWS:,}"))
    if (sheet.max_column or 0) > MAX_COLUMNS:
        raise IntakeError(say("intake_too_many_columns", file=name, limit=f"{MAX_COLUMNS:,}"))
    out: list[tuple[int, list[str]]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
        if number > MAX_ROWS + 1:
            raise IntakeError(say("intake_too_many_rows", file=name, limit=f"{MAX_ROWS:,}"))
        if len(values) > MAX_COLUMNS:
            raise IntakeError(say("intake_too_many_columns", file=name, limit=f"{MAX_COLUMNS:,}"))
        out.append((number, [cell_text(value) for value in values]))
    return out


def cell_text(value: object) -> str:
    """A cell's value as the text a person reads in it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
