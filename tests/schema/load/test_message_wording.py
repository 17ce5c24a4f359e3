"""Messages a secretary understands (issue 20, items 9 and 10): the validator and the editing forms
name a field by its label and an item by its number and headline (「議事2（地方公共団体向け事前アンケ
ート結果紹介）の種別」), never by a key path; and never show a regular expression, a Python class
name, the TOML parser's English or a hint that contradicts what is asked. English keeps the key
path, as `daicho validate` has always printed it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli

from schema.files.locate import KeyPath, dotted
from schema.load.loader import check_file, load_repository, model_for
from schema.load.places import annotation_at, describe, place
from schema.models import MODEL_OF_KIND
from schema.models.examples import EXAMPLE_FILES
from schema.models.writer import dumps_document as dumps
from schema.words.catalogue import Catalogue
from schema.words.i18n import record_strings
from schema.words.problems import Problem
from tests.cli.test_bad_inputs import CASES, Case, _break
from tests.helpers import SEED_MEETING

JA, EN = Catalogue("ja"), Catalogue("en")
_KEY_PATH = re.compile(r"\b[a-z_]+(\[\d+\]|\.[a-z_]+)")
"""agenda[2], attendance.advisors: a key path as English messages write it."""


def _problems(root: Path, relpath: str, document: dict[str, Any]) -> list[Problem]:
    return check_file(root, relpath, dumps(document).encode("utf-8")).problems


# -- a place in words ---------------------------------------------------------------------------


def test_a_place_names_the_item_and_the_field(repo: Path) -> None:
    path = repo / SEED_MEETING
    path.write_text(path.read_text(encoding="utf-8").replace('kind = "survey"', 'kind = "enquete"'), encoding="utf-8")
    [problem] = load_repository(repo).problems
    assert problem.message.startswith('unknown kind "enquete" at agenda[2];')  # English: as always
    assert JA.problem_message(problem).startswith(
        '議事2（地方公共団体向け事前アンケート結果紹介）の種別 "enquete" は不明です。"opening-remarks"（開会挨拶）、')


def test_places_in_both_languages() -> None:
    document = tomli.loads(EXAMPLE_FILES["meetings/2023-11-14-kanto-advisor-meeting.toml"])
    meeting = model_for("meetings/2023-11-14-kanto-advisor-meeting.toml")
    assert meeting is not None
    cases: list[tuple[KeyPath, str]] = [
        (("agenda", 4, "kind"), "議事5（事前アンケート結果紹介）の種別"),
        (("agenda", 4, "ranking", 0, "rank"),
         "議事5（事前アンケート結果紹介）のランキング1（行政手続きオンライン化）の順位"),
        (("agenda", 4, "presenters", 0), "議事5（事前アンケート結果紹介）の結果の紹介者1"),
        (("agenda", 1, "questions", 0, "text"), "議事2（自治体DXの推進について）の質問1（補助金の申請時期はいつか。）"),
        (("people", "matsunaga", "title"), "人物（松永 智也）の役職（当時）"),
        (("parts", "part1", "attendance", "municipal_staff"), "部（第1部 支援成果等紹介）の出席者数の自治体職員"),
        (("attendance", "observers", "people"), "出席者数の傍聴の人数"),
        (("start_time",), "開始時刻"),
    ]
    for keypath, japanese in cases:
        assert describe(keypath, meeting, document, JA) == japanese
        assert describe(keypath, meeting, document, EN) == dotted(keypath)  # the key path, as ever
    advisors = tomli.loads(EXAMPLE_FILES["advisors.toml"])
    root = model_for("advisors.toml")
    assert root is not None
    assert describe(("advisors", "matsunaga-tomoya", "affiliations", 0, "fiscal_years", 0), root, advisors, JA) \
        == "アドバイザー（松永 智也）の所属1（戸田市）の在職年度1"


# -- every field of every form, named by its label ------------------------------------------------


def _leaves(value: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    """The key path of every value of a document (each element of a list of values too)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, (*path, key))
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for i, inner in enumerate(value):
            yield from _leaves(inner, (*path, i))
    else:
        yield path


def _set(document: dict[str, Any], path: KeyPath, value: Any) -> dict[str, Any]:
    copy = tomli.loads(dumps(document))
    node: Any = copy
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return copy


def _wrong(document: dict[str, Any], path: KeyPath, model: Any) -> Any:
    """A value of another type than the field's: what a form can never enter, but a file can."""
    expected = annotation_at(path, model, document)
    return "x" if expected is bool else True


def _label(document: dict[str, Any], path: KeyPath, model: Any) -> str:
    """The field's label in Japanese, as a form shows it."""
    owner = model
    parent = annotation_at(path[:-1], model, document) if len(path) > 1 else model
    owner = parent if isinstance(parent, type) else owner
    name = str(path[-1])
    strings = record_strings("ja")
    return strings.get(f"field.{owner.__name__}.{name}") or strings.get(f"field.{name}") or name


@pytest.mark.parametrize("relpath", sorted(EXAMPLE_FILES))
def test_every_field_s_message_names_it_by_its_label(relpath: str, tmp_path: Path) -> None:
    """Each value of the example records (which set every field of every model), made a value of
    the wrong type: the Japanese message names the field by its label, no key path."""
    for name, text in EXAMPLE_FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    document = tomli.loads(EXAMPLE_FILES[relpath])
    model = model_for(relpath)
    assert model is not None
    checked = 0
    for path in _leaves(document):
        if path[-1] in ("kind",) and path[0] == "agenda":
            continue  # an agenda item's kind chooses its model: worded as an unknown kind (above)
        problems = [p for p in _problems(tmp_path, relpath, _set(document, path, _wrong(document, path, model)))
                    if p.code in ("E203", "E202")]
        assert problems, path
        label = _label(document, path, model)
        for problem in problems:
            japanese = JA.problem_message(problem)
            assert label in japanese, (path, japanese)
            assert not _KEY_PATH.search(japanese.split("現在の値")[0]), (path, japanese)
        checked += 1
    assert checked >= min(5, len(list(_leaves(document))))  # daicho.toml has two fields


# -- nothing a secretary cannot read ----------------------------------------------------------------

_PYTHON_NAMES = re.compile(r"（(" + "|".join(sorted({m.__name__ for m in MODEL_OF_KIND.values()} | {
    "Meeting", "Observers", "Attendance", "Person", "Part", "Venue", "Contact", "Dispatch", "Material", "Topic",
    "Question", "Answer", "Rank", "Opinion", "Unnamed", "Advisor", "Affiliation", "Theme", "Municipality"})) + r")）")
_PARSER_ENGLISH = re.compile(r"Illegal|Invalid|Expected|Unterminated|Unclosed|Unescaped|character|statement")


def _japanese(case: Case, repo: Path) -> list[str]:
    _break(repo, case)
    return [JA.problem_message(p) for p in load_repository(repo).problems]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_no_pattern_class_name_or_parser_english(case: Case, repo: Path) -> None:
    for message in _japanese(case, repo):
        assert "^" not in message and "\\S" not in message and "$'" not in message, message
        assert not _PYTHON_NAMES.search(message), message
        if message.startswith("TOML の構文エラーです"):
            assert not _PARSER_ENGLISH.search(message), message


@pytest.mark.parametrize(("old", "new", "japanese", "never"), [
    ('published = 2022-11-17', 'published = 2022-11-17\nstart_time = "1330"',
     "開始時刻：時刻を 13:30:00 のように入力してください（現在の値：\"1330\"）", "数は"),
    ('published = 2022-11-17', 'published = 2022-11-17\nstart_time = "13:30"',
     "時刻は引用符で囲まずに 13:30:00 と入力します", "数は"),
    ('municipal_staff = 14', 'municipal_staff = 14\nobservers = 3',
     "出席者数の傍聴：項目をまとめた表（テーブル）を入力してください（現在の値：3）", "Observers"),
    ('title = "出席者一覧"', 'title = "出席者一覧"\nurl = "www.soumu.go.jp/a.pdf"',
     "資料1（出席者一覧）のURL：アドレスの形が正しくありません。アドレスは http:// か https:// で始まり", "^https"),
    ('rank = 1', 'rank = "1"', "ランキング1（行政手続きオンライン化）の順位：整数を入力してください"
     "（現在の値：\"1\"。数は引用符で囲まずに 1 と入力します）", "時刻"),
])
def test_hints_fit_what_is_asked(old: str, new: str, japanese: str, never: str, repo: Path) -> None:
    path = repo / SEED_MEETING
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    [message] = [JA.problem_message(p) for p in load_repository(repo).problems]
    assert japanese in message and never not in message, message


def test_english_places_are_the_key_paths_as_before(repo: Path) -> None:
    path = repo / SEED_MEETING
    text = path.read_text(encoding="utf-8").replace('    "shimoyama",\n]\nquestion', '    "shimoyama",\n'
                                                    '    "shimoyama",\n]\nquestion', 1)
    path.write_text(text, encoding="utf-8")
    [problem] = load_repository(repo).problems
    assert problem.message == '"shimoyama" is listed twice in agenda[2].presenters; list it once'
    assert place(("agenda", 1, "presenters"), model_for(SEED_MEETING), None).text == "agenda[2].presenters"  # type: ignore[arg-type]
