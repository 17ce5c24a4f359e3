"""The files of `daicho export`: one CSV file per table and one SQLite database, from the tables
described in schema.publish.export.

CSV is written for spreadsheets: UTF-8 with a byte-order mark and CRLF line ends (so that Excel
opens Japanese text as such), and a text cell that a spreadsheet would run as a formula is made
inert (`csv_cell`, OWASP's rule for CSV injection). The SQLite database holds the same tables with
their primary and foreign keys and an index on every foreign key, values as recorded.

The whole set is written into a new folder beside the output folder, then put in its place in one
step (schema.files.outputs.publish_folder): a reader sees the old set or the new one, never a mix, and a
failure (a full disk) leaves the old set as it was.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from schema.files.atomic import fsync_file, write_fd
from schema.publish.export import TABLES, Cell, Row, Table

DATABASE = "daicho.sqlite"
FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
"""A cell starting with one of these is a formula to a spreadsheet (the full-width forms too: a
Japanese spreadsheet takes ＝ for =)."""


class ExportIntegrityError(Exception):
    """The database's foreign keys do not hold (a reference the checks let through)."""


def csv_cell(value: Cell) -> Cell:
    """A cell as written to CSV: text that would start a formula gets a leading `'`."""
    if isinstance(value, str) and value and value[0] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_rows(table: Table[Any], rows: Sequence[Row]) -> Iterator[Row]:
    """The rows with every text cell made safe (`csv_cell`); rows without such a cell as they are."""
    texts = [i for i, column in enumerate(table.columns) if column.type == "TEXT"]
    starts = FORMULA_STARTS
    for row in rows:
        if any((cell := row[i]) and cell[0] in starts for i in texts):  # type: ignore[index]
            yield tuple(csv_cell(cell) for cell in row)
        else:
            yield row


def csv_bytes(table: Table[Any], rows: Sequence[Row]) -> bytes:
    """The table as CSV: UTF-8 with a byte-order mark, CRLF after every row, a header row; an
    empty cell is NULL (None)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    writer.writerows(csv_rows(table, rows))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def file_name(table: Table[Any]) -> str:
    return f"{table.name}.csv"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table(table: Table[Any]) -> str:
    """CREATE TABLE with the primary key and the foreign keys."""
    lines = [f"{_quote(c.name)} {c.type}{' NOT NULL' if c.required or c.key else ''}" for c in table.columns]
    lines.append(f"PRIMARY KEY ({', '.join(map(_quote, table.keys))})")
    for column in table.columns:
        if column.references:
            target, target_column = column.references.split(".")
            lines.append(f"FOREIGN KEY ({_quote(column.name)}) REFERENCES {_quote(target)} ({_quote(target_column)})")
    return f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


def create_indexes(table: Table[Any]) -> list[str]:
    """An index on every foreign key that the primary key does not start with."""
    return [f"CREATE INDEX {_quote(f'{table.name}_{c.name}')} ON {_quote(table.name)} ({_quote(c.name)})"
            for c in table.columns if c.references and table.keys[0] != c.name]


def write_database(path: Path, rows: dict[str, list[Row]]) -> None:
    """Build the database at `path` (a new, empty file): the tables, their rows, the indexes, then
    a check that every foreign key holds. SQLite's errors (a full disk: "database or disk is full")
    are raised as `DatabaseError`, an OSError."""
    try:
        connection = sqlite3.connect(path)
        try:
            _fill(connection, rows)
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise DatabaseError(errno.EIO, f"{DATABASE}: {exc}", str(path)) from None


def _fill(connection: sqlite3.Connection, rows: dict[str, list[Row]]) -> None:
    # Larger pages and a cache that holds the whole database (~23 MB for a nationwide
    # repository): the rows go in about 20 % faster. Any SQLite reads any page size.
    connection.execute("PRAGMA page_size=16384")
    connection.execute("PRAGMA cache_size=-65536")
    connection.execute("PRAGMA journal_mode=OFF")  # a new file in a new folder, put in place when done
    connection.execute("PRAGMA synchronous=OFF")  # the file is fsynced when it is complete
    for table in TABLES:
        connection.execute(create_table(table))
        marks = ", ".join("?" for _ in table.columns)
        connection.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})", rows[table.name])
    for table in TABLES:
        for statement in create_indexes(table):
            connection.execute(statement)
    connection.commit()
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise ExportIntegrityError(f"{len(broken)} rows refer to records that do not exist (the first: "
                                   f"row {rowid} of {table} → {parent}); run daicho validate")


class DatabaseError(OSError):
    """SQLite could not write the database (a full disk, a file it may not write). Its text is the
    reason alone."""

    def __str__(self) -> str:
        return str(self.strerror)


def output_names() -> list[str]:
    """The names of the files of the set: one CSV file per table, then the database."""
    return [*(file_name(table) for table in TABLES), DATABASE]


def write_all(folder: Path, rows: dict[str, list[Row]]) -> list[str]:
    """Every CSV file and the database into `folder`, a new, empty folder (the export's build,
    put in place whole by schema.files.outputs.publish_folder); each file synced. The names written."""
    for table in TABLES:
        _write_new(folder / file_name(table), csv_bytes(table, rows[table.name]))
    write_database(folder / DATABASE, rows)
    fsync_file(folder / DATABASE)
    return output_names()


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_BINARY", 0), 0o666)
    try:
        write_fd(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
