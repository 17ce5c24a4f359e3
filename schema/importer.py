"""Importing local governments from the national list (code4fukui/localgovjp, CC0).

The list has one CSV of cities, special wards, towns, villages and wards of designated cities,
and one of prefectures. Rows become `Municipality` records keyed by their 6-digit code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from schema.ids import check_digit, is_code
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


def _code(raw: str, path: Path, line: int) -> str:
    if not raw.strip():
        raise ReferenceListError(f"{path}:{line}: lgcode is empty; expected a 6-digit code such as 112241")
    code = raw.strip().zfill(6)
    if not is_code(code):
        raise ReferenceListError(f"{path}:{line}: lgcode {raw!r} is not a 6-digit code "
                                 "(expected six ASCII digits such as 112241)")
    expected = check_digit(code[:5])
    if int(code[5]) != expected:
        raise ReferenceListError(f"{path}:{line}: lgcode {code} has check digit {code[5]}, "
                                 f"expected {expected} ({code[:5]}{expected})")
    return code


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
    for line, row in pref_rows:
        if prefectures is None or row["pref"] in prefectures:
            code = _code(row["lgcode"], prefectures_csv, line)
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
        if " " in name and not wards:
            continue
        code = _code(row["lgcode"], cities_csv, line)
        values = {field_name: row[column].strip() for field_name, column in city_columns.items()}
        records[code] = _municipality(cities_csv, line, city_columns, values,
                                      _kind(code, name, designated))
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
