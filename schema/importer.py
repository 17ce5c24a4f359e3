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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from schema.ids import check_digit, is_code, with_check_digit
from schema.models import Municipality, MunicipalityKind

SHIPPED_LIST = Path(__file__).resolve().parent / "reference" / "localgovjp-utf8.csv"
"""The national list shipped with daicho (CC0; its source and date in reference/README.md)."""

CITY_COLUMNS = ("pref", "city", "citykana", "url", "lgcode")
PREFECTURE_COLUMNS = ("pref", "prefkana", "url", "lgcode")
PREFECTURES_CSV = "prefjp-utf8.csv"


class ReferenceListError(Exception):
    """The input cannot be imported; the message says why."""


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
                raise ReferenceListError(f"{path}: missing columns {', '.join(missing)}")
            rows: list[Row] = []
            for row in reader:
                short = [c for c in columns if row.get(c) is None]
                if short:
                    fields = sum(1 for key, value in row.items() if key is not None and value is not None)
                    raise ReferenceListError(
                        f"{path}:{reader.line_num}: the row has {fields} fields, the header "
                        f"{len(header)}: {', '.join(short)} missing (is the row cut short?)")
                rows.append((reader.line_num, row))
            return rows
    except FileNotFoundError:
        raise ReferenceListError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReferenceListError(f"{path}: is a folder, expected a CSV file") from None
    except UnicodeDecodeError as exc:
        raise ReferenceListError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except (OSError, csv.Error) as exc:
        raise ReferenceListError(f"{path}: {exc}") from None


def _code(raw: str, path: Path, line: int, prefecture: str | None = None) -> str:
    """The 6-digit code of a row. `prefecture`: the code of the row's prefecture, which the code
    must start with (None for a row of the prefectures' list)."""
    raw = raw.strip()
    if not raw:
        raise ReferenceListError(f"{path}:{line}: lgcode is empty; expected a 6-digit code such as 112241")
    if not (is_code(raw.zfill(6)) and 5 <= len(raw) <= 6):
        raise ReferenceListError(f"{path}:{line}: lgcode {raw!r} is not a 6-digit code "
                                 "(expected six ASCII digits such as 112241)")
    code = raw.zfill(6)  # a spreadsheet drops the leading zero of Hokkaido's to Gunma's codes
    if len(raw) == 5 and prefecture is not None and code[:2] != prefecture[:2] and raw[:2] == prefecture[:2]:
        raise ReferenceListError(f"{path}:{line}: lgcode {raw} has 5 digits: is it a code without its check "
                                 f"digit? write all 6 ({with_check_digit(raw)})")
    expected = check_digit(code[:5])
    if int(code[5]) != expected:
        raise ReferenceListError(f"{path}:{line}: lgcode {code} has check digit {code[5]}, "
                                 f"expected {expected} ({code[:5]}{expected})")
    if prefecture is None and code[2:5] != "000":
        raise ReferenceListError(f"{path}:{line}: lgcode {code} is not a prefecture's code "
                                 "(those are 2 digits, 000 and the check digit, such as 110001)")
    if prefecture is not None and (code[:2] != prefecture[:2] or code[2:5] == "000"):
        raise ReferenceListError(f"{path}:{line}: lgcode {code} is not a code of the row's prefecture "
                                 f"(its codes start with {prefecture[:2]}, and {prefecture} is the prefecture's own)")
    return code


class _Codes:
    """The codes read so far, to refuse a second row with one of them."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[Path, int]] = {}

    def add(self, code: str, path: Path, line: int) -> None:
        first = self.seen.get(code)
        if first is not None:
            where = f"line {first[1]}" if first[0] == path else f"{first[0]}:{first[1]}"
            raise ReferenceListError(f"{path}:{line}: lgcode {code} is already the code of the row on {where}; "
                                     "each local government is listed once")
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
    "name": "a name such as 戸田市",
    "kana": "its reading in kana, such as とだし",
    "url": "an http:// or https:// address, or nothing",
}


def _municipality(path: Path, line: int, columns: dict[str, str], values: dict[str, str],
                  kind: MunicipalityKind) -> Municipality:
    """A record from one row; `columns` maps each model field to the CSV column it comes from."""
    for field_name in ("name", "kana"):
        if not values[field_name]:
            raise ReferenceListError(f"{path}:{line}: {columns[field_name]} is empty; expected "
                                     f"{_RULES[field_name]}")
    try:
        return Municipality(name=values["name"], kana=values["kana"], kind=kind,
                            url=values["url"] or None)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field_name = str(error["loc"][0]) if error["loc"] else "?"
        column = columns.get(field_name, field_name)
        rule = _RULES.get(field_name, error["msg"])
        raise ReferenceListError(f"{path}:{line}: {column} {values.get(field_name)!r} is not valid; "
                                 f"expected {rule}") from None


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
        raise ReferenceListError(f"unknown prefecture {', '.join(unknown)} (expected names such as 埼玉県)")
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
            raise ReferenceListError(f"{cities_csv}:{line}: city is empty; expected {_RULES['name']}")
        if " " in name and not wards:
            continue
        prefecture = prefecture_codes.get(row["pref"])
        if prefecture is None:
            raise ReferenceListError(f"{cities_csv}:{line}: pref {row['pref']!r} is not in {PREFECTURES_CSV}; "
                                     "expected a prefecture name such as 埼玉県")
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
