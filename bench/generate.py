"""A synthetic nationwide data repository for the benchmarks (bench/README.md).

    python -m bench.generate OUT [--meetings 3000] [--advisors 600] [--municipalities N]

writes into OUT: every local government of the national list shipped in `schema/reference/` (47
prefectures and all 1,916 rows, wards of designated cities included) or, with --synthetic, as many
synthetic ones with valid codes; about 40 themes; 600 advisors; 3,000 meetings over the fiscal
years 2016–2025 with every kind of agenda item and every structure real reports have (parts, people
holding several posts, roles filled by people not named, observers, stand-alone Q&A, unanswered
questions, what an item is about, venues in government buildings, advisors without a reading) —
about 15 MB of TOML in all. Every record
is a Pydantic model written by the project's own canonical writer, and every reference resolves,
so `daicho validate` and `daicho fmt --check` both exit 0 on the result.

The output depends only on the arguments (one `random.Random(2022)` drives everything; no set is
iterated, no clock is read): two runs give identical bytes. A `.taplo.toml` pointing at the
project's exported JSON Schemas (absolute paths) is written beside the data so that taplo can lint
the same files, and `.daicho-bench.json` records what was generated and by which version.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from bench import vocab
from schema.files.ids import fiscal_year_of, with_check_digit
from schema.load.importer import PREFECTURES_CSV, ReferenceListError, reference_records
from schema.models import (
    ADVISORS_FILE,
    AGENDA_KINDS,
    MEETINGS_DIR,
    MUNICIPALITIES_FILE,
    THEMES_FILE,
    Advisor,
    AdvisorsFile,
    Meeting,
    MunicipalitiesFile,
    Municipality,
    MunicipalityKind,
    Theme,
    ThemesFile,
)
from schema.models.writer import dumps_model

PROJECT = Path(__file__).resolve().parent.parent
REFERENCE_CSV = PROJECT / "schema" / "reference" / "localgovjp-utf8.csv"
SCHEMA_DIR = PROJECT / "schema" / "json"
MARKER = ".daicho-bench.json"
"""Written into the output: generator version and arguments; `bench.run` reuses a matching one."""

GENERATOR_VERSION = 2
"""Bump when the output changes shape; `version_key` also hashes the sources that shape it."""

SEED = 2022
FIRST_FY, LAST_FY = 2016, 2025
SYNTHETIC_LOCAL_GOVERNMENTS = 1916

MEETING_KINDS = (  # kind, weight
    ("advisor-meeting", 8),
    ("consultation-session", 27),
    ("dispatch", 40),
    ("study-session", 17),
    ("other", 8),
)


def version_sources(reference: Path | None = REFERENCE_CSV) -> list[Path]:
    """Every file that shapes the output: the generator, its vocabulary, the writer, the models,
    the importer and the id rules it reads the national list with, and the list itself (with the
    prefectures' CSV beside it) when it is used."""
    schema = PROJECT / "schema"
    sources = [Path(__file__).resolve(), Path(vocab.__file__).resolve(), schema / "load" / "importer.py",
               schema / "files" / "ids.py", *sorted((schema / "models").glob("*.py"))]
    if reference is not None and reference.is_file():
        sources += [reference, reference.with_name(PREFECTURES_CSV)]
    return sources


def version_key(reference: Path | None = REFERENCE_CSV) -> str:
    """The generator version plus a digest of every source file that shapes the output."""
    digest = hashlib.sha256()
    for path in version_sources(reference):
        try:
            name = path.relative_to(PROJECT).as_posix()
        except ValueError:
            name = path.name
        digest.update(name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing\0")
        digest.update(b"\0")
    return f"{GENERATOR_VERSION}-{digest.hexdigest()[:16]}"


class GenerateError(Exception):
    """The repository cannot be generated where asked; the message says why."""


@dataclass
class Summary:
    """What was written."""

    out: Path
    files: int = 0
    bytes: int = 0
    municipalities: int = 0
    advisors: int = 0
    meetings: int = 0
    themes: int = 0
    agenda_kinds: dict[str, int] = field(default_factory=dict)
    reference: str = ""

    def describe(self) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.agenda_kinds.items()))
        return (f"{self.out}: {self.files} files, {self.bytes / 1e6:.1f} MB — "
                f"{self.municipalities} local governments ({self.reference}), {self.themes} themes, "
                f"{self.advisors} advisors, {self.meetings} meetings; agenda items: {kinds}")


# ---------------------------------------------------------------------------------------------
# Entry points


def generate(
    out: Path,
    meetings: int = 3000,
    advisors: int = 600,
    municipalities: int | None = None,
    reference: Path | None = REFERENCE_CSV,
    seed: int = SEED,
) -> Summary:
    """Write a synthetic repository into `out` (created; a previous one there is replaced).

    `municipalities` limits the local governments other than prefectures (all when None);
    `reference` is the national list (`localgovjp-utf8.csv`), or None or a missing path for
    synthetic local governments.
    """
    out = Path(out)
    _prepare(out)
    rng = random.Random(seed)
    if reference is not None and reference.is_file():
        places = dict(sorted(reference_records(reference, None, wards=True).items()))
        source = "national list"
    else:
        reference = None
        places = synthetic_municipalities(random.Random(seed), SYNTHETIC_LOCAL_GOVERNMENTS)
        source = "synthetic"
    places = _limit(rng, places, municipalities)
    world = World(rng, places, advisors)
    summary = Summary(out=out, reference=source, municipalities=len(places),
                      themes=len(world.themes), advisors=len(world.advisors))
    _write(out / THEMES_FILE, ThemesFile(themes=world.themes), summary)
    _write(out / MUNICIPALITIES_FILE, MunicipalitiesFile(municipalities=places), summary)
    _write(out / ADVISORS_FILE, AdvisorsFile(advisors=world.advisors), summary)
    (out / MEETINGS_DIR).mkdir()
    for meeting in world.meetings(meetings):
        _write(out / MEETINGS_DIR / f"{meeting.id}.toml", meeting, summary)
        summary.meetings += 1
        for item in meeting.agenda:
            summary.agenda_kinds[item.kind] = summary.agenda_kinds.get(item.kind, 0) + 1
    write_taplo_config(out)
    marker = {"version": version_key(reference), "meetings": meetings, "advisors": advisors,
              "municipalities": municipalities, "seed": seed, "reference": source}
    (out / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return summary


def _prepare(out: Path) -> None:
    """Create `out`; replace a repository this generator wrote, refuse to touch anything else."""
    if out.exists() and not out.is_dir():
        raise GenerateError(f"{out} is a file, not a folder; give a new or empty folder")
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise GenerateError(f"{out} is not empty and was not written by bench.generate; "
                                "give a new or empty folder")
        for name in (THEMES_FILE, MUNICIPALITIES_FILE, ADVISORS_FILE, ".taplo.toml", MARKER):
            (out / name).unlink(missing_ok=True)
        shutil.rmtree(out / MEETINGS_DIR, ignore_errors=True)
        shutil.rmtree(out / ".daicho-cache", ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def _write(path: Path, model: Any, summary: Summary) -> None:
    data = dumps_model(model).encode("utf-8")
    path.write_bytes(data)
    summary.files += 1
    summary.bytes += len(data)


def write_taplo_config(out: Path) -> None:
    """The project's `.taplo.toml` with its schema paths made absolute, so they resolve from `out`.

    Without a project `.taplo.toml`, an equivalent one is written from scratch.
    """
    source = PROJECT / ".taplo.toml"
    try:
        config = tomli.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomli.TOMLDecodeError):
        config = _default_taplo_config()
    for rule in config.get("rule", []):
        schema = rule.get("schema")
        if isinstance(schema, dict) and isinstance(schema.get("path"), str):
            path = Path(schema["path"])
            schema["path"] = str(path if path.is_absolute() else (PROJECT / path).resolve())
    text = ("# Written by bench.generate from the project's .taplo.toml; schema paths are absolute.\n"
            + tomli_w.dumps(config))
    (out / ".taplo.toml").write_text(text, encoding="utf-8")


def _default_taplo_config() -> dict[str, Any]:
    files = {"themes": THEMES_FILE, "municipalities": MUNICIPALITIES_FILE,
             "advisors": ADVISORS_FILE, "meeting": f"{MEETINGS_DIR}/*.toml"}
    return {
        "include": list(files.values()),
        "formatting": {"array_auto_collapse": False, "column_width": 100, "indent_string": "    "},
        "rule": [{"include": [glob], "schema": {"path": f"./schema/json/{name}.schema.json"}}
                 for name, glob in files.items()],
    }


# ---------------------------------------------------------------------------------------------
# Local governments


def synthetic_municipalities(rng: random.Random, count: int) -> dict[str, Municipality]:
    """47 prefectures and about `count` cities, towns, villages and special wards with valid codes."""
    records: dict[str, Municipality] = {}
    per_prefecture = [count // 47 + (1 if i < count % 47 else 0) for i in range(47)]
    for number, ((name, kana), n) in enumerate(zip(vocab.PREFECTURES, per_prefecture,
                                                   strict=True), start=1):
        records[with_check_digit(f"{number:02d}000")] = Municipality(
            name=name, kana=kana, kind=MunicipalityKind.PREFECTURE,
            url=f"https://www.pref{number:02d}.example.lg.jp/")
        used: set[str] = set()
        serial = {"市": 201, "町": 301, "村": 501, "区": 101}
        for _ in range(n):
            suffix, suffix_kana, kind = _place_suffix(rng, number, serial)
            while True:
                parts = rng.sample(vocab.PLACE_PARTS, rng.choice((2, 2, 3)))
                place = "".join(p[0] for p in parts)
                if place not in used:
                    used.add(place)
                    break
            code = with_check_digit(f"{number:02d}{serial[suffix]:03d}")
            serial[suffix] += 1
            records[code] = Municipality(
                name=place + suffix, kana="".join(p[1] for p in parts) + suffix_kana, kind=kind,
                url=f"https://www.example.lg.jp/{code}/")
    return dict(sorted(records.items()))


def _place_suffix(rng: random.Random, number: int,
                  serial: dict[str, int]) -> tuple[str, str, MunicipalityKind]:
    if number == 13 and serial["区"] <= 123:
        return "区", "く", MunicipalityKind.SPECIAL_WARD
    roll = rng.random()
    if roll < 0.40 and serial["市"] < 300:
        return "市", "し", MunicipalityKind.CITY
    if roll < 0.85 and serial["町"] < 500:
        return "町", rng.choice(("まち", "ちょう")), MunicipalityKind.TOWN
    return "村", rng.choice(("むら", "そん")), MunicipalityKind.VILLAGE


def _limit(rng: random.Random, places: dict[str, Municipality],
           limit: int | None) -> dict[str, Municipality]:
    """All prefectures and at most `limit` other local governments, spread over the country."""
    if limit is None:
        return places
    others = [code for code, m in places.items() if m.kind != MunicipalityKind.PREFECTURE]
    if limit >= len(others):
        return places
    kept = set(rng.sample(others, limit))
    return {code: m for code, m in places.items()
            if m.kind == MunicipalityKind.PREFECTURE or code in kept}


# ---------------------------------------------------------------------------------------------
# The people and records every meeting draws from


@dataclass(frozen=True)
class Name:
    family: str
    given: str
    family_kana: str
    given_kana: str
    family_romaji: str
    given_romaji: str

    @property
    def full(self) -> str:
        return f"{self.family} {self.given}"

    @property
    def kana(self) -> str:
        return f"{self.family_kana} {self.given_kana}"


def era_fiscal_year(fy: int) -> str:
    """平成28年度 … 令和元年度 … 令和7年度."""
    if fy <= 2018:
        return f"平成{fy - 1988}年度"
    return "令和元年度" if fy == 2019 else f"令和{fy - 2018}年度"


class World:
    """Themes, advisors and bureau staff, then meetings drawn from them."""

    def __init__(self, rng: random.Random, places: dict[str, Municipality], advisors: int) -> None:
        self.rng = rng
        self.places = places
        self.themes = {tid: Theme(label=label, kana=kana, label_en=en, description=desc)
                       for tid, label, kana, en, desc in vocab.THEMES}
        self.theme_ids = sorted(self.themes)
        self.local = [code for code, m in places.items() if m.kind != MunicipalityKind.WARD]
        self.by_bureau: dict[str, list[str]] = {b: [] for b in vocab.BUREAU_NAMES}
        for code in places:
            if places[code].kind != MunicipalityKind.PREFECTURE:
                self.by_bureau[bureau_of(code)].append(code)
        self.advisors: dict[str, Advisor] = {}
        self.advisor_home: dict[str, str] = {}
        self._make_advisors(advisors)
        self.appointed: dict[tuple[int, str], list[str]] = {}
        for advisor_id, advisor in self.advisors.items():
            for fy in advisor.fiscal_years:
                for bureau in advisor.bureaus:
                    self.appointed.setdefault((fy, bureau.value), []).append(advisor_id)
        self._rosters: dict[tuple[str, int], dict[str, Name]] = {}
        self._ids: set[str] = set()

    # -- names and advisors

    def name(self) -> Name:
        fam = self.rng.choice(vocab.FAMILY_NAMES)
        giv = self.rng.choice(vocab.GIVEN_NAMES)
        return Name(fam[0], giv[0], fam[1], giv[1], fam[2], giv[2])

    def _make_advisors(self, count: int) -> None:
        bureaus = list(vocab.BUREAU_WEIGHTS)
        weights = list(vocab.BUREAU_WEIGHTS.values())
        for number in range(count):
            name = self.name()
            base = f"{name.family_romaji}-{name.given_romaji}"
            advisor_id, n = base, 2
            while advisor_id in self.advisors:
                advisor_id, n = f"{base}-{n}", n + 1
            affiliations, home = self._affiliations()
            bureau = bureau_of(home) if home else self.rng.choices(bureaus, weights)[0]
            advisor_bureaus = [bureau]
            if self.rng.random() < 0.15:
                other = self.rng.choices(bureaus, weights)[0]
                if other != bureau:
                    advisor_bureaus.append(other)
            first = self.rng.randint(FIRST_FY - 3, LAST_FY)
            last = min(LAST_FY, first + self.rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 12)))
            years = list(range(max(first, FIRST_FY - 3), last + 1))
            for affiliation in affiliations:
                if self.rng.random() < 0.5:
                    affiliation["fiscal_years"] = years[-self.rng.randint(1, len(years)):]
            record: dict[str, Any] = {
                "name": name.full, "affiliations": affiliations,
                "expertise": sorted(self.rng.sample(self.theme_ids, self.rng.randint(1, 4))),
                "bureaus": advisor_bureaus, "fiscal_years": years,
            }
            if self.rng.random() < 0.95 and number != count - 1:
                record["kana"] = name.kana  # a few advisors are named without a reading
            if self.rng.random() < 0.3:
                record["name_en"] = f"{name.given_romaji.title()} {name.family_romaji.title()}"
            if self.rng.random() < 0.25:
                record["url"] = f"https://example.jp/advisors/{advisor_id}"
            if self.rng.random() < 0.2:
                record["note"] = (f"{era_fiscal_year(years[0])}からアドバイザー。"
                                  f"{self.themes[record['expertise'][0]].label}の支援実績が多い。")
            self.advisors[advisor_id] = Advisor.model_validate(record)
            if home:
                self.advisor_home[advisor_id] = home
        self.advisors = dict(sorted(self.advisors.items()))

    def _affiliations(self) -> tuple[list[dict[str, Any]], str | None]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.25 and self.local:
            code = rng.choice(self.local)
            place = self.places[code]
            organization = place.name + ("役所" if place.name.endswith("市") and rng.random() < 0.4
                                         else "")
            first = {"organization": organization, "title": rng.choice(vocab.MUNICIPAL_ADVISOR_TITLES),
                     "municipality": code}
            return [first], code
        if roll < 0.55:
            first = {"organization": f"{rng.choice(vocab.UNIVERSITIES)}大学",
                     "title": f"{rng.choice(vocab.FACULTIES)}{rng.choice(vocab.ACADEMIC_TITLES)}"}
        elif roll < 0.85:
            first = {"organization": f"株式会社{rng.choice(vocab.COMPANIES)}",
                     "title": rng.choice(vocab.COMPANY_TITLES)}
        else:
            kind, name = rng.choice(vocab.ASSOCIATIONS)
            first = {"organization": kind + name, "title": rng.choice(vocab.ASSOCIATION_TITLES)}
        out = [first]
        if rng.random() < 0.25:
            kind, name = rng.choice(vocab.ASSOCIATIONS)
            out.append({"organization": kind + name, "title": rng.choice(("理事", "顧問", "フェロー"))})
        return out, None

    def roster(self, bureau: str, fy: int) -> dict[str, Name]:
        """The bureau's officials of one fiscal year (people move on from year to year)."""
        key = (bureau, fy)
        if key not in self._rosters:
            previous = self._rosters.get((bureau, fy - 1), {})
            self._rosters[key] = {
                rank: previous[rank] if rank in previous and self.rng.random() < 0.5 else self.name()
                for rank, _ in vocab.BUREAU_OFFICIALS
            }
        return self._rosters[key]

    def advisors_for(self, fy: int, bureau: str, n: int) -> list[str]:
        pool = self.appointed.get((fy, bureau)) or []
        if len(pool) < n:
            pool = sorted({*pool, *(a for b in vocab.BUREAU_NAMES
                                    for a in self.appointed.get((fy, b), []))})
        if len(pool) < n:
            pool = list(self.advisors)
        return self.rng.sample(pool, min(n, len(pool)))

    def places_for(self, bureau: str, n: int) -> list[str]:
        pool = self.by_bureau.get(bureau) or [c for c in self.places
                                              if self.places[c].kind != MunicipalityKind.PREFECTURE]
        pool = pool or list(self.places)
        return self.rng.sample(pool, min(n, len(pool)))

    # -- meetings

    def meetings(self, count: int) -> Any:
        years = list(range(FIRST_FY, LAST_FY + 1))
        per_year = [count // len(years) + (1 if i < count % len(years) else 0)
                    for i in range(len(years))]
        kinds = [k for k, _ in MEETING_KINDS]
        weights = [w for _, w in MEETING_KINDS]
        bureaus = list(vocab.BUREAU_WEIGHTS)
        bureau_weights = list(vocab.BUREAU_WEIGHTS.values())
        for fy, n in zip(years, per_year, strict=True):
            for i in range(n):
                # Every kind early on, so that even a small repository has each agenda item kind.
                kind = kinds[i] if i < len(kinds) and fy == FIRST_FY else (
                    self.rng.choices(kinds, weights)[0])
                bureau = self.rng.choices(bureaus, bureau_weights)[0]
                complete = fy == FIRST_FY and i < len(kinds)
                yield MeetingBuilder(self, fy, bureau, kind, complete).build()

    def meeting_date(self, fy: int) -> dt.date:
        start = dt.date(fy, 4, 1)
        while True:
            day = start + dt.timedelta(days=self.rng.randrange(365))
            if day.weekday() < 5 and fiscal_year_of(day.year, day.month) == fy:
                return day

    def meeting_id(self, date: dt.date, slug: str) -> str:
        base = f"{date.isoformat()}-{slug}"
        meeting_id, n = base, 2
        while meeting_id in self._ids:
            meeting_id, n = f"{base}-{n}", n + 1
        self._ids.add(meeting_id)
        return meeting_id


def bureau_of(code: str) -> str:
    return vocab.BUREAU_OF_PREFECTURE.get(int(code[:2]), "kanto")


class MeetingBuilder:
    """One meeting: its people (each a key in [people]) and an agenda that refers to them."""

    def __init__(self, world: World, fy: int, bureau: str, kind: str,
                 complete: bool = False) -> None:
        self.world = world
        self.complete = complete
        """Include every optional item (the first meeting of each kind), so that even a small
        repository has every kind of agenda item."""
        self.rng = world.rng
        self.fy = fy
        self.bureau = bureau
        self.bureau_name = vocab.BUREAU_NAMES[bureau]
        self.kind = kind
        self.people: dict[str, dict[str, Any]] = {}
        self._advisor_keys: dict[str, str] = {}
        self._official_keys: dict[str, str] = {}
        self.staff_by_place: dict[str, list[str]] = {}

    def maybe(self, probability: float) -> bool:
        return self.complete or self.rng.random() < probability

    # -- people

    def _key(self, name: Name) -> str:
        for key in (name.family_romaji, f"{name.family_romaji}-{name.given_romaji}"):
            if key not in self.people:
                return key
        n = 2
        while f"{name.family_romaji}-{n}" in self.people:
            n += 1
        return f"{name.family_romaji}-{n}"

    def advisor(self, advisor_id: str) -> str:
        if advisor_id in self._advisor_keys:
            return self._advisor_keys[advisor_id]
        record = self.world.advisors[advisor_id]
        family, given = record.name.split(" ")
        family_kana, given_kana = record.kana.split(" ") if record.kana else ("", "")
        family_romaji, given_romaji = advisor_id.split("-")[:2]
        name = Name(family, given, family_kana, given_kana, family_romaji, given_romaji)
        key = self._key(name)
        first = record.affiliations[0] if record.affiliations else None
        person: dict[str, Any] = {"name": record.name, "role": "advisor", "advisor": advisor_id}
        if record.kana:
            person["kana"] = record.kana
        if first is not None:
            title = f"{first.organization} {first.title}" if first.title else first.organization
            if self.fy < record.fiscal_years[len(record.fiscal_years) // 2] and "准教授" not in title:
                title = title.replace("教授", "准教授")  # titles as stated at the time
            if self.rng.random() < 0.2:
                title += " 総務省地域情報化アドバイザー"
            if first.municipality:
                person["municipalities"] = [first.municipality]
            if self.maybe(0.08):
                # One person, several posts at once: CIO adviser of one city, CDO of another.
                posts = self.world.places_for(self.bureau, 2)
                person["municipalities"] = list(dict.fromkeys([*person.get("municipalities", []), *posts]))
                title += "".join(f" {self.world.places[c].name}{self.rng.choice(vocab.DIGITAL_POSTS)}"
                                 for c in posts)
            person["title"] = title
        self.people[key] = person
        self._advisor_keys[advisor_id] = key
        return key

    def official(self, rank: str) -> str:
        if rank in self._official_keys:
            return self._official_keys[rank]
        name = self.world.roster(self.bureau, self.fy)[rank]
        title = dict(vocab.BUREAU_OFFICIALS)[rank]
        key = self._key(name)
        self.people[key] = {"name": name.full, "kana": name.kana,
                            "title": f"{self.bureau_name}{title}", "role": "official"}
        self._official_keys[rank] = key
        return key

    def ministry_official(self) -> tuple[str, str]:
        name = self.world.name()
        division = self.rng.choice(vocab.MINISTRY_DIVISIONS)
        key = self._key(name)
        self.people[key] = {"name": name.full, "kana": name.kana,
                            "title": f"{division} {self.rng.choice(vocab.MINISTRY_TITLES)}",
                            "role": "official"}
        return key, division

    def staff(self, code: str) -> str:
        name = self.world.name()
        key = self._key(name)
        place = self.world.places[code]
        person: dict[str, Any] = {
            "name": name.full,
            "title": f"{place.name}{self.rng.choice(vocab.DEPARTMENTS)} {self.rng.choice(vocab.POSITIONS)}",
            "role": "municipal-staff", "municipalities": [code],
        }
        if self.rng.random() < 0.6:
            person["kana"] = name.kana
        self.people[key] = person
        self.staff_by_place.setdefault(code, []).append(key)
        return key

    def guest(self) -> str:
        name = self.world.name()
        key = self._key(name)
        self.people[key] = {"name": name.full, "kana": name.kana, "role": "guest",
                            "title": f"株式会社{self.rng.choice(vocab.COMPANIES)} "
                                     f"{self.rng.choice(vocab.COMPANY_TITLES)}"}
        return key

    # -- text

    def label(self, theme: str) -> str:
        return self.world.themes[theme].label

    def question_text(self, theme: str, code: str | None) -> str:
        text = self.rng.choice(vocab.QUESTION_TEMPLATES).format(label=self.label(theme))
        if code is not None and self.rng.random() < 0.5:
            kind = self.world.places[code].name[-1]
            own = {"市": "当市", "町": "当町", "村": "当村", "区": "当区", "県": "当県",
                   "都": "当都", "道": "当道", "府": "当府"}.get(kind, "当団体")
            text = f"{own}では{self.rng.choice(vocab.QUESTION_CONTEXTS)}{text}"
        return text

    def answer_text(self, theme: str) -> str:
        parts = self.rng.sample(vocab.ADVICE, self.rng.choice((1, 1, 2, 2, 3)))
        text = "。".join(parts) + "。"
        if self.rng.random() < 0.25:
            text = f"{self.label(theme)}については、{text}"
        return text

    def place_name(self) -> str:
        places = self.world.places_for(self.bureau, 1)
        return self.world.places[places[0]].name if places else self.bureau_name

    def url(self, meeting_id: str, suffix: str = "") -> str:
        return f"https://www.soumu.go.jp/soutsu/{self.bureau}/{self.fy}/{meeting_id}{suffix}"

    # -- agenda items

    def opening(self) -> dict[str, Any]:
        return {"kind": "opening-remarks", "title": "開会挨拶",
                "speakers": [self.official(self.rng.choice(("director", "department")))]}

    def closing(self) -> dict[str, Any]:
        return {"kind": "closing-remarks", "title": "閉会挨拶",
                "speakers": [self.official(self.rng.choice(("department", "division")))]}

    def remarks(self, speaker: str, title: str) -> dict[str, Any]:
        return {"kind": "remarks", "title": title, "speakers": [speaker]}

    def briefing(self, theme: str, meeting_id: str, n: int) -> dict[str, Any]:
        key, division = self.ministry_official()
        title = self.rng.choice(vocab.BRIEFING_TITLES).format(label=self.label(theme))
        return {
            "kind": "briefing", "title": title, "division": division, "speakers": [key],
            "summary": f"{division}から、{title.removesuffix('について')}について説明がありました。",
            "materials": [{"title": "説明資料", "format": "PDF",
                           "url": self.url(meeting_id, f"-briefing-{n}.pdf")}],
        }

    def presentation(self, presenter: str, theme: str, audience: list[str], meeting_id: str,
                     n: int, part: str | None = None) -> dict[str, Any]:
        place = self.place_name()
        label = self.label(theme)
        item: dict[str, Any] = {
            "kind": "presentation",
            "title": self.rng.choice(vocab.PRESENTATION_TITLES).format(place=place, label=label),
            "summary": self.rng.choice(vocab.PRESENTATION_SUMMARIES).format(place=place, label=label),
            "presenters": [presenter],
            "materials": [{"title": "発表資料", "format": "PDF",
                           "url": self.url(meeting_id, f"-presentation-{n}.pdf")}],
        }
        if part:
            item["part"] = part
            item["heading"] = "支援成果等紹介"
        if self.maybe(0.3):
            # What the talk is about: the support given to a town, perhaps in another prefecture.
            item["municipalities"] = self.world.places_for(self.rng.choice(list(vocab.BUREAU_NAMES)), 1)
            item["themes"] = [theme]
        questions = []
        count = self.rng.choice((1, 1, 2, 2, 3))
        for number in range(count):
            question: dict[str, Any] = {"text": self.question_text(theme, None)}
            if self.rng.random() < 0.4 or not audience:
                question["anonymous"] = True
                question["via"] = self.rng.choice(vocab.Q_AND_A_TOOLS)
            else:
                question["by"] = [self.rng.choice(audience)]
            if number < count - 1 or not self.maybe(0.1):  # some questions went unanswered
                question["answers"] = [{"text": self.answer_text(theme), "by": [presenter]}]
            questions.append(question)
        item["questions"] = questions
        return item

    def survey(self, presenter: str, themes: list[str]) -> dict[str, Any]:
        votes = sorted((self.rng.randint(2, 30) for _ in themes), reverse=True)
        if len(votes) >= 4:
            votes[3] = votes[2]  # a tie at 3位, as in the seed
        ranking, rank = [], 0
        for i, (theme, count) in enumerate(zip(themes, votes, strict=True)):
            if i == 0 or count != votes[i - 1]:
                rank = i + 1
            ranking.append({"rank": rank, "label": self.label(theme), "theme": theme, "votes": count})
        return {
            "kind": "survey", "title": "地方公共団体向け事前アンケート結果紹介",
            "summary": "事前に自治体職員の方の関心のあるテーマについてのアンケート結果をご紹介いただきました。",
            "presenters": [presenter], "question": "関心のあるテーマ", "surveyed": "自治体職員",
            "ranking": ranking,
        }

    def consultation(self, themes: list[str], advisors: list[str], places: list[str],
                     facilitator: str | None, title: str | None = None) -> dict[str, Any]:
        topics = []
        previous_answer: str | None = None
        for theme in themes:
            topic: dict[str, Any] = {"theme": theme, "title": self.label(theme)}
            questions = []
            for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
                code = self.rng.choice(places) if places else None
                question: dict[str, Any] = {"text": self.question_text(theme, code)}
                if code is not None and self.rng.random() < 0.8:
                    question["municipalities"] = [code]
                    staff = self.staff_by_place.get(code)
                    if staff and self.rng.random() < 0.5:
                        question["by"] = [self.rng.choice(staff)]
                questions.append(question)
            topic["questions"] = questions
            respondents = self.rng.sample(advisors, min(len(advisors), self.rng.randint(1, 2)))
            answers = []
            attributed = self.rng.random() < 0.6
            for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
                answer: dict[str, Any] = {"text": self.answer_text(theme)}
                if attributed and respondents:
                    answer["by"] = [self.rng.choice(respondents)]
                answers.append(answer)
            if previous_answer and self.rng.random() < 0.15:
                answers.append({"text": previous_answer})  # one answer under two themes
            previous_answer = answers[0]["text"]
            if not attributed and respondents:
                if self.maybe(0.15):
                    topic["unnamed"] = [{"role": "respondents", "count": len(respondents),
                                         "description": f"アドバイザー{len(respondents)}名"}]
                else:
                    topic["respondents"] = respondents
                    topic["note"] = "回答者は報告の写真説明による。"
            topic["answers"] = answers
            topics.append(topic)
        title = title or self.rng.choice(("オンライン相談会", "相談会", "個別相談会"))
        item: dict[str, Any] = {"kind": "consultation", "title": title,
                                "topics": topics}
        if facilitator:
            item["facilitators"] = [facilitator]
        elif self.maybe(0.3):
            description = self.rng.choice(vocab.UNNAMED_FACILITATORS)
            unnamed: dict[str, Any] = {"role": "facilitators", "description": description}
            if description.startswith("アドバイザー3"):
                unnamed["count"] = 3
            item["unnamed"] = [unnamed]
        return item

    def questions_and_answers(self, presenters: list[str], places: list[str],
                              audience: list[str], theme: str) -> dict[str, Any]:
        """Questions put to several presenters at once, answered by a local government, an
        advisor, or nobody."""
        questions = []
        for _ in range(self.rng.randint(1, 3)):
            question: dict[str, Any] = {"text": self.question_text(theme, None),
                                        "to": presenters}
            if self.rng.random() < 0.5:
                question["anonymous"] = True
                question["via"] = self.rng.choice(vocab.Q_AND_A_TOOLS)
            elif audience:
                question["by"] = [self.rng.choice(audience)]
            roll = self.rng.random()
            if roll < 0.4 and places:
                question["answers"] = [{"text": self.answer_text(theme),
                                        "municipalities": [self.rng.choice(places)]}]
            elif roll < 0.8:
                question["answers"] = [{"text": self.answer_text(theme),
                                        "by": [self.rng.choice(presenters)]}]
            questions.append(question)
        return {"kind": "qa", "title": "質疑応答", "addressees": presenters, "questions": questions}

    def discussion(self, voices: list[str]) -> dict[str, Any]:
        opinions = []
        for text in self.rng.sample(vocab.OPINIONS, self.rng.randint(2, 4)):
            opinion: dict[str, Any] = {"text": text}
            if voices and self.rng.random() < 0.5:
                opinion["by"] = [self.rng.choice(voices)]
            opinions.append(opinion)
        return {"kind": "discussion", "title": self.rng.choice(vocab.DISCUSSION_TITLES),
                "opinions": opinions}

    def activity(self, kind: str, speakers: list[str]) -> dict[str, Any]:
        if kind == "self-introductions":
            return {"kind": kind, "title": "アドバイザー自己紹介", "speakers": speakers}
        return {"kind": kind, "title": "アドバイザー活動報告", "speakers": speakers,
                "summary": f"アドバイザー{len(speakers)}名から、{era_fiscal_year(self.fy)}の"
                           "派遣先での支援内容を報告いただきました。"}

    def other(self, speaker: str | None) -> dict[str, Any]:
        item: dict[str, Any] = {"kind": "other", "title": self.rng.choice(vocab.OTHER_ITEM_TITLES)}
        if speaker:
            item["speakers"] = [speaker]
        return item

    # -- the meeting

    def build(self) -> Meeting:
        rng = self.rng
        date = self.world.meeting_date(self.fy)
        era = era_fiscal_year(self.fy)
        themes = rng.sample(self.world.theme_ids, rng.randint(2, 5))
        record: dict[str, Any] = {"kind": self.kind, "bureau": self.bureau, "date": date,
                                  "fiscal_year": self.fy}
        agenda: list[dict[str, Any]]
        if self.kind == "advisor-meeting":
            meeting_id = self.world.meeting_id(date, f"{self.bureau}-advisor-meeting")
            record["title"] = f"{era} {self.bureau_name} 地域情報化アドバイザー会議"
            agenda = self._advisor_meeting(themes, meeting_id, record)
        elif self.kind == "consultation-session":
            meeting_id = self.world.meeting_id(date, f"{self.bureau}-consultation-session")
            record["title"] = f"{era} {self.bureau_name} 地域情報化相談会"
            agenda = self._consultation_session(themes)
        elif self.kind == "dispatch":
            code = self.world.places_for(self.bureau, 1)[0]
            advisor_id = self.world.advisors_for(self.fy, self.bureau, 1)[0]
            meeting_id = self.world.meeting_id(date, f"dispatch-{code}")
            record["title"] = (f"地域情報化アドバイザー派遣({self.world.places[code].name}・"
                               f"{self.label(themes[0])})")
            record["dispatch"] = {"advisor": advisor_id, "municipality": code}
            agenda = self._dispatch(themes, code, advisor_id, meeting_id)
        elif self.kind == "study-session":
            meeting_id = self.world.meeting_id(date, f"{self.bureau}-study-session")
            record["title"] = f"{era} {self.bureau_name} {self.label(themes[0])}勉強会"
            agenda = self._study_session(themes, meeting_id)
            if rng.random() < 0.2:
                record["end_date"] = date + dt.timedelta(days=1)
        else:
            slug, title = rng.choice(vocab.OTHER_MEETING_NAMES)
            meeting_id = self.world.meeting_id(date, f"{self.bureau}-{slug}")
            record["title"] = f"{era} {title}"
            agenda = self._other(themes, meeting_id)
        record["id"] = meeting_id
        record["format"] = rng.choice(("online", "online", "in-person", "hybrid"))
        if self.complete:
            record["format"] = "hybrid"
        if record["format"] != "online":
            venue: dict[str, Any] = {"name": f"{self.place_name()} {rng.choice(vocab.VENUES)}"}
            if self.maybe(0.4):
                # A venue in a government building: the local government whose building it is.
                code = self.world.places_for(self.bureau, 1)[0]
                venue = {"name": f"{self.world.places[code].name}役所 {rng.choice(vocab.VENUES)}",
                         "municipality": code}
            record["venue"] = venue
        record["themes"] = themes
        if self.maybe(0.3):
            record["theme_title"] = rng.choice(vocab.MEETING_THEME_TITLES)
        if rng.random() < 0.5:
            record["purpose"] = (f"{self.bureau_name}管内の地方公共団体の{self.label(themes[0])}などの"
                                 "課題について、アドバイザーの知見を活用して解決を図る。")
        if rng.random() < 0.6:
            record["published"] = date + dt.timedelta(days=rng.randint(7, 60))
            record["url"] = self.url(meeting_id, ".html")
            record["summary"] = "\n".join(rng.sample((
                f"{era}の取組として、{self.label(themes[0])}をテーマに開催しました。",
                f"当日は{self.label(themes[-1])}についても活発な意見交換が行われました。",
                "参加者アンケートでは、次回も参加したいとの回答が多く寄せられました。",
                f"{self.bureau_name}では、今後も地方公共団体の取組を支援してまいります。",
            ), rng.randint(1, 3)))
        record["attendance"] = self._attendance()
        if rng.random() < 0.7:
            clerk = self.world.roster(self.bureau, self.fy)
            record["contact"] = {
                "organization": f"総務省{self.bureau_name}",
                "division": "情報通信部 情報通信振興課",
                "names": [clerk["staff"].family, clerk["clerk"].family],
                "phone": vocab.BUREAU_PHONES[self.bureau],
            }
        if rng.random() < 0.5:
            record["materials"] = [{"title": "出席者一覧", "format": "PDF",
                                    "url": self.url(meeting_id, "-attendees.pdf")}]
        record["people"] = self.people
        record["agenda"] = agenda
        if rng.random() < 0.1:
            record["note"] = "出席者一覧はPDFで公表されたが、その内容はこの記録に含まない。"
        return Meeting.model_validate(record)

    def _attendance(self) -> dict[str, Any]:
        people = self.people.values()
        advisors = sum(1 for p in people if p["role"] == "advisor")
        staff = [p for p in people if p["role"] == "municipal-staff"]
        places = len({c for p in staff for c in p["municipalities"]})
        extra = 0 if self.kind == "dispatch" else self.rng.randint(0, 8)
        more_advisors = 0 if self.kind == "dispatch" else self.rng.randint(0, 6)
        out: dict[str, Any] = {"advisors": advisors + more_advisors,
                               "municipalities": places + extra,
                               "municipal_staff": len(staff) + extra + self.rng.randint(0, 4)}
        if self.maybe(0.3):
            observers: dict[str, Any] = {"people": self.rng.randint(1, 40)}
            if self.maybe(0.5):
                named = self.world.places_for(self.bureau, self.rng.randint(1, 3))
                observers["named"] = named
                observers["municipalities"] = len(named) + self.rng.randint(0, 5)
            out["observers"] = observers
        return out

    def _advisor_meeting(self, themes: list[str], meeting_id: str,
                         record: dict[str, Any]) -> list[dict[str, Any]]:
        rng = self.rng
        advisors = [self.advisor(a) for a in self.world.advisors_for(self.fy, self.bureau,
                                                                      rng.randint(5, 12))]
        places = self.world.places_for(self.bureau, rng.randint(4, 10))
        staff = [self.staff(code) for code in places for _ in range(rng.choice((1, 1, 2)))]
        leader, facilitator = advisors[0], advisors[-1]
        record["leaders"] = [leader]
        parts = self.maybe(0.5)
        agenda = [self.opening()]
        if self.maybe(0.5):
            agenda.append(self.remarks(self.guest(), "来賓挨拶"))
        agenda.append(self.briefing(themes[0], meeting_id, 1))
        speakers = advisors[: rng.randint(3, len(advisors))]
        if self.maybe(0.5):
            agenda.append(self.activity("self-introductions", speakers))
        if self.maybe(0.6):
            agenda.append(self.activity("activity-report", speakers))
        ranked = rng.sample(self.world.theme_ids, rng.randint(4, 6))
        agenda.append(self.survey(facilitator, ranked))
        for n in range(1, rng.randint(2, 3) + 1):
            presenter = rng.choice(advisors[1:] + staff[:2])
            audience = [p for p in advisors + staff if p != presenter]
            agenda.append(self.presentation(presenter, rng.choice(themes), audience,
                                            meeting_id, n, "part1" if parts else None))
        if self.maybe(0.4):
            presenters = list(dict.fromkeys(item["presenters"][0] for item in agenda
                                            if item["kind"] == "presentation"))
            qa = self.questions_and_answers(presenters, places, advisors + staff, themes[0])
            if parts:
                qa["part"] = "part1"
            agenda.append(qa)
        consultation = self.consultation(ranked[: rng.randint(3, 4)], advisors, places, facilitator)
        discussion = self.discussion(advisors + staff)
        if parts:
            consultation["part"] = discussion["part"] = "part2"
            start = dt.time(13, 30)
            record["parts"] = {
                "part1": {"title": "第1部 支援成果等紹介", "start_time": start, "end_time": dt.time(15, 0),
                          "attendance": {"municipalities": len(places), "municipal_staff": len(staff)}},
                "part2": {"title": "第2部 アドバイザー意見交換会", "audience": "アドバイザーのみ",
                          "start_time": dt.time(15, 10), "end_time": dt.time(16, 30),
                          "attendance": {"advisors": len(advisors)}},
            }
        if self.maybe(0.2):
            record["unnamed"] = [{"role": "leaders", "description": "ブロック幹事のアドバイザー"}]
        agenda += [consultation, discussion]
        if self.maybe(0.3):
            agenda.append(self.other(self.official("clerk")))
        agenda.append(self.remarks(leader, "講評"))
        agenda.append(self.closing())
        return agenda

    def _consultation_session(self, themes: list[str]) -> list[dict[str, Any]]:
        rng = self.rng
        advisors = [self.advisor(a) for a in self.world.advisors_for(self.fy, self.bureau,
                                                                      rng.randint(2, 5))]
        places = self.world.places_for(self.bureau, rng.randint(2, 6))
        for code in places:
            if self.maybe(0.7):
                self.staff(code)
        agenda = []
        if self.maybe(0.7):
            agenda.append(self.opening())
        if self.maybe(0.3):
            agenda.append(self.activity("self-introductions", advisors))
        agenda.append(self.consultation(themes[: rng.randint(2, 4)], advisors, places,
                                        advisors[0] if rng.random() < 0.5 else None))
        if self.maybe(0.3):
            agenda.append(self.discussion(advisors))
        if self.maybe(0.5):
            agenda.append(self.closing())
        return agenda

    def _dispatch(self, themes: list[str], code: str, advisor_id: str,
                  meeting_id: str) -> list[dict[str, Any]]:
        rng = self.rng
        advisor = self.advisor(advisor_id)
        staff = [self.staff(code) for _ in range(rng.randint(1, 4))]
        agenda: list[dict[str, Any]] = []
        if self.maybe(0.3):
            agenda.append(self.remarks(staff[0], "趣旨説明"))
        if self.maybe(0.6):
            agenda.append(self.presentation(advisor, themes[0], staff, meeting_id, 1))
        agenda.append(self.consultation(themes[:1] if rng.random() < 0.6 else themes[:2],
                                        [advisor], [code], None, "相談・助言"))
        if self.maybe(0.4):
            agenda.append(self.discussion([advisor, *staff]))
        return agenda

    def _study_session(self, themes: list[str], meeting_id: str) -> list[dict[str, Any]]:
        rng = self.rng
        advisors = [self.advisor(a) for a in self.world.advisors_for(self.fy, self.bureau,
                                                                      rng.randint(1, 3))]
        places = self.world.places_for(self.bureau, rng.randint(2, 8))
        staff = [self.staff(code) for code in places if rng.random() < 0.6]
        agenda = [self.opening()]
        if self.maybe(0.6):
            agenda.append(self.briefing(themes[0], meeting_id, 1))
        for n, presenter in enumerate(advisors[: rng.randint(1, 2)], start=1):
            agenda.append(self.presentation(presenter, themes[n % len(themes)], staff, meeting_id, n))
        if self.maybe(0.5):
            agenda.append(self.activity("activity-report", advisors))
        agenda.append(self.discussion(advisors + staff))
        agenda.append(self.closing())
        return agenda

    def _other(self, themes: list[str], meeting_id: str) -> list[dict[str, Any]]:
        rng = self.rng
        advisors = [self.advisor(a) for a in self.world.advisors_for(self.fy, self.bureau,
                                                                      rng.randint(1, 2))]
        agenda = [self.opening(), self.other(self.official("division"))]
        if self.maybe(0.7):
            agenda.append(self.presentation(advisors[0], themes[0], [], meeting_id, 1))
        if self.maybe(0.5):
            agenda.append(self.remarks(self.guest(), "基調講演"))
        agenda.append(self.other(None))
        return agenda


# ---------------------------------------------------------------------------------------------
# Command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate",
                                     description="Write a synthetic nationwide data repository.")
    parser.add_argument("out", type=Path, help="output folder (new, empty or generated before)")
    parser.add_argument("--meetings", type=int, default=3000)
    parser.add_argument("--advisors", type=int, default=600)
    parser.add_argument("--municipalities", type=int, default=None,
                        help="at most this many local governments besides the 47 prefectures")
    parser.add_argument("--reference", type=Path, default=REFERENCE_CSV,
                        help="the national list (localgovjp-utf8.csv); synthetic when missing")
    parser.add_argument("--synthetic", action="store_true",
                        help="synthetic local governments even when the national list is there")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for option in ("meetings", "advisors", "municipalities"):
        if (getattr(args, option) or 0) < 0:
            parser.error(f"--{option} must be 0 or more")
    try:
        summary = generate(args.out, args.meetings, args.advisors, args.municipalities,
                           None if args.synthetic else args.reference, args.seed)
    except (GenerateError, ReferenceListError) as exc:
        print(f"bench.generate: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"bench.generate: cannot write {args.out}: {exc}", file=sys.stderr)
        return 2
    print(summary.describe())
    missing = [k for k in AGENDA_KINDS if k not in summary.agenda_kinds]
    if missing:
        print(f"note: no agenda item of kind {', '.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
