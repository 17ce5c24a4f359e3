"""Importing local governments from the national list (code4fukui/localgovjp, CC0).

The list has one CSV of cities, special wards, towns, villages and wards of designated cities,
and one of prefectures. Rows become `Municipality` records keyed by their 6-digit code.

A row that cannot become the record it claims to be is refused with its file and line, before
anything is written: an empty name, a code that is not 6 digits with a right check digit (a 5-digit
one only where a spreadsheet dropped its leading zero), a code of another prefecture than the row's,
a code that an earlier row has already.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path

from pydantic import ValidationError

from schema.files.ids import check_digit, is_code, with_check_digit
from schema.models import Municipality, MunicipalityKind
from schema.words.messages import Message, SaidError, say

SHIPPED_LIST = "localgovjp-utf8.csv"
"""The national list shipped with daicho in schema/reference/ (CC0; its source and date in
reference/README.md), with the prefectures' list beside it (`PREFECTURES_CSV`)."""

CITY_COLUMNS = ("pref", "city", "citykana", "url", "lgcode")
PREFECTURE_COLUMNS = ("pref", "prefkana", "url", "lgcode")
PREFECTURES_CSV = "prefjp-utf8.csv"


@contextmanager
def shipped_list() -> Iterator[Path]:
    """The path of the national list shipped with daicho, a data file of the installed package
    (`importlib.resources`: a real file however the package is installed, for the time of the
    `with`)."""
    with as_file(files("schema") / "reference") as folder:
        yield Path(folder) / SHIPPED_LIST


class ReferenceListError(SaidError):
    """The input cannot be imported; the message says why (`said`: in any language)."""


@dataclass
class ImportPlan:
    records: dict[str, Municipality]
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Codes already in the file that the list does not have (left as they are)."""


Row = tuple[int, dict[str, str]]
"""A CSV record and the line it ends on (1-based; the header is line 1)."""


def read_rows(path: Path, columns: Iterable[str]) -> list[Row]:
    """The records of a CSV with a header naming at least `columns`, each with its line number.

    A record cut short (fewer fields than `columns` need) is an error naming its line."""
    columns = tuple(columns)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or ()
            missing = [c for c in columns if c not in header]
            if missing:
                raise ReferenceListError(say("csv_missing_columns", where=str(path), columns=", ".join(missing)))
            rows: list[Row] = []
            for row in reader:
                short = [c for c in columns if row.get(c) is None]
                if short:
                    fields = sum(1 for key, value in row.items() if key is not None and value is not None)
                    raise ReferenceListError(say("csv_short_row", where=f"{path}:{reader.line_num}", fields=fields,
                                                 header=len(header), missing=", ".join(short)))
                rows.append((reader.line_num, row))
            return rows
    except FileNotFoundError:
        raise ReferenceListError(say("csv_no_such_file", where=str(path))) from None
    except IsADirectoryError:
        raise ReferenceListError(say("csv_is_folder", where=str(path))) from None
    except UnicodeDecodeError as exc:
        raise ReferenceListError(say("csv_not_utf8", where=str(path), reason=exc.reason, start=exc.start)) from None
    except (OSError, csv.Error) as exc:
        raise ReferenceListError(say("csv_error", where=str(path), error=str(exc))) from None


def _code(raw: str, path: Path, line: int, prefecture: str | None = None) -> str:
    """The 6-digit code of a row. `prefecture`: the code of the row's prefecture, which the code
    must start with (None for a row of the prefectures' list)."""
    raw = raw.strip()
    where = f"{path}:{line}"
    if not raw:
        raise ReferenceListError(say("csv_code_empty", where=where))
    if not (is_code(raw.zfill(6)) and 5 <= len(raw) <= 6):
        raise ReferenceListError(say("csv_code_not_code", where=where, value=repr(raw)))
    code = raw.zfill(6)  # a spreadsheet drops the leading zero of Hokkaido's to Gunma's codes
    if len(raw) == 5 and prefecture is not None and code[:2] != prefecture[:2] and raw[:2] == prefecture[:2]:
        raise ReferenceListError(say("csv_code_five_digits", where=where, value=raw, full=with_check_digit(raw)))
    expected = check_digit(code[:5])
    if int(code[5]) != expected:
        raise ReferenceListError(say("csv_check_digit", where=where, code=code, digit=code[5], expected=expected,
                                     right=f"{code[:5]}{expected}"))
    if prefecture is None and code[2:5] != "000":
        raise ReferenceListError(say("csv_not_prefecture_code", where=where, code=code))
    if prefecture is not None and (code[:2] != prefecture[:2] or code[2:5] == "000"):
        raise ReferenceListError(say("csv_other_prefecture", where=where, code=code, start=prefecture[:2],
                                     prefecture=prefecture))
    return code


class _Codes:
    """The codes read so far, to refuse a second row with one of them."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[Path, int]] = {}

    def add(self, code: str, path: Path, line: int) -> None:
        first = self.seen.get(code)
        if first is not None:
            row = say("csv_on_line", line=first[1]) if first[0] == path else f"{first[0]}:{first[1]}"
            raise ReferenceListError(say("csv_code_twice", where=f"{path}:{line}", code=code, row=row))
        self.seen[code] = (path, line)


def _kind(code: str, name: str, designated: set[str]) -> MunicipalityKind:
    if " " in name:
        return MunicipalityKind.WARD
    if name in designated:
        return MunicipalityKind.DESIGNATED_CITY
    if code.startswith("13") and name.endswith("区"):
        return MunicipalityKind.SPECIAL_WARD
    return {"市": MunicipalityKind.CITY, "町": MunicipalityKind.TOWN,
            "村": MunicipalityKind.VILLAGE}.get(name[-1], MunicipalityKind.CITY)


_RULES = {
    "name": "csv_rule_name",
    "kana": "csv_rule_kana",
    "url": "csv_rule_url",
}
"""What each field wants (keys of messages in the catalogues)."""


def _municipality(path: Path, line: int, columns: dict[str, str], values: dict[str, str],
                  kind: MunicipalityKind) -> Municipality:
    """A record from one row; `columns` maps each model field to the CSV column it comes from."""
    for field_name in ("name", "kana"):
        if not values[field_name]:
            raise ReferenceListError(say("csv_empty", where=f"{path}:{line}", column=columns[field_name],
                                         rule=say(_RULES[field_name])))
    try:
        return Municipality(name=values["name"], kana=values["kana"], kind=kind,
                            url=values["url"] or None)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field_name = str(error["loc"][0]) if error["loc"] else "?"
        column = columns.get(field_name, field_name)
        rule: Message | str = say(_RULES[field_name]) if field_name in _RULES else error["msg"]
        raise ReferenceListError(say("csv_invalid", where=f"{path}:{line}", column=column,
                                     value=repr(values.get(field_name)), rule=rule)) from None


def reference_records(cities_csv: Path, prefectures: set[str] | None,
                      wards: bool = False) -> dict[str, Municipality]:
    """The local governments of the national list, for the given prefectures (all when None).

    A row that cannot become a record raises `ReferenceListError` naming its file and line."""
    prefectures_csv = cities_csv.with_name(PREFECTURES_CSV)
    records: dict[str, Municipality] = {}
    pref_rows = read_rows(prefectures_csv, PREFECTURE_COLUMNS)
    known = {row["pref"] for _, row in pref_rows}
    unknown = sorted((prefectures or set()) - known)
    if unknown:
        raise ReferenceListError(say("csv_unknown_prefecture", names=", ".join(unknown)))
    pref_columns = {"name": "pref", "kana": "prefkana", "url": "url"}
    codes = _Codes()
    prefecture_codes: dict[str, str] = {}
    for line, row in pref_rows:
        code = _code(row["lgcode"], prefectures_csv, line)
        codes.add(code, prefectures_csv, line)
        prefecture_codes[row["pref"]] = code
        if prefectures is None or row["pref"] in prefectures:
            values = {field_name: row[column].strip() for field_name, column in pref_columns.items()}
            records[code] = _municipality(prefectures_csv, line, pref_columns, values,
                                          MunicipalityKind.PREFECTURE)
    rows = read_rows(cities_csv, CITY_COLUMNS)
    designated = {row["city"].split(" ")[0] for _, row in rows if " " in row["city"]}
    city_columns = {"name": "city", "kana": "citykana", "url": "url"}
    for line, row in rows:
        if prefectures is not None and row["pref"] not in prefectures:
            continue
        name = row["city"].strip()
        if not name:
            raise ReferenceListError(say("csv_empty", where=f"{cities_csv}:{line}", column="city",
                                         rule=say(_RULES["name"])))
        if " " in name and not wards:
            continue
        prefecture = prefecture_codes.get(row["pref"])
        if prefecture is None:
            raise ReferenceListError(say("csv_pref_not_listed", where=f"{cities_csv}:{line}",
                                         value=repr(row["pref"]), csv=PREFECTURES_CSV))
        code = _code(row["lgcode"], cities_csv, line, prefecture)
        values = {field_name: row[column].strip() for field_name, column in city_columns.items()}
        records[code] = _municipality(cities_csv, line, city_columns, values,
                                      _kind(code, name, designated))
        codes.add(code, cities_csv, line)
    return records


def plan_import(existing: dict[str, Municipality], incoming: dict[str, Municipality]) -> ImportPlan:
    """Merge the list into the file: list fields win, each record's note is kept."""
    merged = dict(existing)
    plan = ImportPlan(records=merged)
    for code, record in incoming.items():
        old = existing.get(code)
        new = record.model_copy(update={"note": old.note}) if old else record
        if old is None:
            plan.added.append(code)
        elif old == new:
            plan.unchanged.append(code)
        else:
            plan.updated.append(code)
        merged[code] = new
    plan.kept = sorted(set(existing) - set(incoming))
    plan.records = dict(sorted(merged.items()))
    return plan
