"""Importing local governments from the national list (code4fukui/localgovjp, CC0).

The list has one CSV of cities, special wards, towns, villages and wards of designated cities,
and one of prefectures. Rows become `Municipality` records keyed by their 6-digit code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from schema.ids import check_digit
from schema.models import Municipality, MunicipalityKind

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


def read_rows(path: Path, columns: Iterable[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise ReferenceListError(f"{path}: missing columns {', '.join(missing)}")
            return list(reader)
    except FileNotFoundError:
        raise ReferenceListError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise ReferenceListError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except (OSError, csv.Error) as exc:
        raise ReferenceListError(f"{path}: {exc}") from None


def _code(raw: str, path: Path, line: int) -> str:
    code = raw.strip().zfill(6)
    if not (len(code) == 6 and code.isdigit()):
        raise ReferenceListError(f"{path}:{line}: lgcode {raw!r} is not a 6-digit code")
    if int(code[5]) != check_digit(code[:5]):
        raise ReferenceListError(f"{path}:{line}: lgcode {code} has a wrong check digit")
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


def reference_records(cities_csv: Path, prefectures: set[str] | None,
                      wards: bool = False) -> dict[str, Municipality]:
    """The local governments of the national list, for the given prefectures (all when None)."""
    prefectures_csv = cities_csv.with_name(PREFECTURES_CSV)
    records: dict[str, Municipality] = {}
    pref_rows = read_rows(prefectures_csv, PREFECTURE_COLUMNS)
    known = {row["pref"] for row in pref_rows}
    unknown = sorted((prefectures or set()) - known)
    if unknown:
        raise ReferenceListError(f"unknown prefecture {', '.join(unknown)} (expected names such as 埼玉県)")
    for line, row in enumerate(pref_rows, start=2):
        if prefectures is None or row["pref"] in prefectures:
            code = _code(row["lgcode"], prefectures_csv, line)
            records[code] = Municipality(name=row["pref"], kana=row["prefkana"],
                                         kind=MunicipalityKind.PREFECTURE, url=row["url"] or None)
    rows = read_rows(cities_csv, CITY_COLUMNS)
    designated = {row["city"].split(" ")[0] for row in rows if " " in row["city"]}
    for line, row in enumerate(rows, start=2):
        if prefectures is not None and row["pref"] not in prefectures:
            continue
        name = row["city"].strip()
        if " " in name and not wards:
            continue
        code = _code(row["lgcode"], cities_csv, line)
        records[code] = Municipality(name=name, kana=row["citykana"].strip(),
                                     kind=_kind(code, name, designated), url=row["url"] or None)
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
