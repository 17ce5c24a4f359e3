"""Problem messages from the catalogues: every template the code names exists in both languages with
the placeholders given, every problem of the corpus of bad inputs renders in Japanese, English stays
what `daicho validate` has always printed, and the cache keeps what a message is made of."""

from __future__ import annotations

import ast
import io
import json
import re
import string
from pathlib import Path

import pytest
from pydantic_core import PydanticKnownError

from daicho.output import print_problems
from schema.files.repofiles import ROOTS
from schema.load import errors, importer
from schema.load.loader import check_file, load_repository
from schema.load.validation import Summary
from schema.words.catalogue import Catalogue
from schema.words.i18n import record_strings
from schema.words.messages import Message, language_specific, render, say, valid_args, word
from schema.words.problems import MAX_REPEATS, Problem
from tests.cli.test_bad_inputs import CASES, Case, _break
from tests.helpers import PROJECT, SEED_MEETING

JA, EN = Catalogue("ja"), Catalogue("en")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# -- the templates the code names ------------------------------------------------------------


def _constants(node: ast.expr) -> list[str]:
    """The strings an argument can be: a constant, or either branch of `a if c else b`; none for
    a key made at run time (an f-string, a lookup)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return [*_constants(node.body), *_constants(node.orelse)]
    return []


def _calls(name: str) -> list[tuple[str, int, list[str], set[str] | None]]:
    """Every call of `name(...)` in schema/, daicho/ and tui/: (file, line, the keys its first
    argument can be — both branches of `a if c else b` —, its keyword names or None with **)."""
    found = []
    for path in sorted([*PROJECT.glob("schema/**/*.py"), *PROJECT.glob("daicho/*.py"), *PROJECT.glob("tui/**/*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args
                    and (getattr(node.func, "id", None) == name or getattr(node.func, "attr", None) == name)):
                continue
            keys = _constants(node.args[0])
            kwargs = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords if k.arg}
            found.append((path.relative_to(PROJECT).as_posix(), node.lineno, keys, kwargs))
    return found


def test_every_message_the_code_says_exists_with_its_placeholders() -> None:
    calls = _calls("say")
    assert len(calls) > 100
    wrong = []
    for lang in ("en", "ja"):
        strings = record_strings(lang)
        for where, line, keys, kwargs in calls:
            if not keys:
                continue  # a key made at run time: tested below
            for key in keys:
                template = strings.get(f"message.{key}")
                if template is None:
                    wrong.append(f"{where}:{line}: message.{key} missing in {lang}")
                elif kwargs is not None and language_specific(f"message.{key}"):
                    if not _fields(template) <= kwargs:
                        wrong.append(f"{where}:{line}: message.{key} ({lang}) takes {sorted(_fields(template))}, "
                                     f"given {sorted(kwargs)}")
                elif kwargs is not None and _fields(template) != kwargs:
                    wrong.append(f"{where}:{line}: message.{key} ({lang}) takes {sorted(_fields(template))}, "
                                 f"given {sorted(kwargs)}")
    assert wrong == []


def test_every_word_the_code_names_exists() -> None:
    keys = {key for _, _, found, _ in _calls("word") for key in found}
    keys |= {root.word for root in ROOTS}
    assert "word.the_meeting" in keys and "word.advisor" in keys
    for lang in ("en", "ja"):
        assert sorted(keys - set(record_strings(lang))) == [], lang


def test_the_keys_made_at_run_time_exist() -> None:
    keys = {f"message.{key}" for key in [*errors._SYNTAX_HINTS.values(), *importer._RULES.values()]}
    keys |= {f"message.pydantic_{kind}" for kind in errors._DETAILS}
    for lang in ("en", "ja"):
        assert sorted(keys - set(record_strings(lang))) == [], lang


_CONTEXTS: dict[str, dict[str, object]] = {
    "model_type": {"class_name": "Meeting"}, "enum": {"expected": "'online'"},
    "literal_error": {"expected": "'a'"}, "string_pattern_mismatch": {"pattern": "^[a-z]+$"},
    "greater_than_equal": {"ge": 1}, "less_than_equal": {"le": 9}, "greater_than": {"gt": 1}, "less_than": {"lt": 9},
}


@pytest.mark.parametrize("kind", sorted(errors._DETAILS))
def test_pydantic_errors_are_worded_as_pydantic_words_them(kind: str) -> None:
    """The English of `message.pydantic_<type>` is Pydantic's own message (its first letter lower):
    a Pydantic that words an error otherwise fails here, not in users' CI logs."""
    ctx = _CONTEXTS.get(kind, {})
    expected = PydanticKnownError(kind, ctx or None).message()  # type: ignore[arg-type]
    said = say(f"pydantic_{kind}", **{name: str(value) for name, value in ctx.items()})
    assert said.text == expected[0].lower() + expected[1:]
    assert _JAPANESE.search(JA.render(said))


# -- every problem of the corpus, in Japanese --------------------------------------------------

# What the Japanese says for some of the cases (file, what is wrong, what would be right).
JAPANESE = {
    "unclosed-string": ("TOML の構文エラーです：ここに書けない文字 '\\n' があります",
                        "文字列が閉じていないのではありませんか"),
    "impossible-date": ("TOML の構文エラーです：日付または日時の書き方が正しくありません", "日付は YYYY-MM-DD の形で"),
    "missing-equals": ("TOML の構文エラーです：キーの後に = がありません", "key = value の形で入力します"),
    "misspelt-field": ('"fiscal_yaer" は不明な項目です', '（"fiscal_year" の誤りではありませんか）',
                       "自由な記述は備考（note）に入力してください"),
    "unknown-field": ('アドバイザー（大山 水帆）の "phone" は不明な項目です', "（ここで使える項目：",
                      "自由な記述は備考（note）に入力してください"),
    "missing-field": ("テーマ（計画策定支援）の英語名がありません（必ず入力する項目です）",),
    "missing-kind": ("議事6（閉会挨拶）の種別がありません",),
    "wrong-type": ("出席者数のアドバイザー：整数を入力してください",
                   '（現在の値："18"。数は引用符で囲まずに 18 と入力します）'),
    "date-as-string": ("公表日：日付を 2022-10-05 のように入力してください",
                       "日付は引用符で囲まずに 2022-11-17 と入力します"),
    "wrong-enum": ('形式："online"（オンライン）、"in-person"（対面）、"hybrid"（ハイブリッド） '
                   'のどれかを入力してください',
                   '（現在の値："zoom"）'),
    "negative-count": ("出席者数の自治体数：0 以上の数を入力してください",),
    "bad-url": ("アドバイザー（大山 水帆）のURL：アドレスの形が正しくありません。",
                "アドレスは http:// か https:// で始まり"),
    "unknown-agenda-kind": ('議事6（閉会挨拶）の種別 "closing" は不明です。"opening-remarks"（開会挨拶）、',
                            "のどれかを入力してください"),
    "bad-id-key": ("キー Saito_Rie が正しくありません。ID は半角の英小文字と数字の語をハイフンでつないだものです",),
    "bad-code-key": ("自治体のキーは 6 桁の団体コードです",),
    "unknown-advisor": ('アドバイザー "', '" は登録されていません'),
    "unknown-person": ('"satou" はこの会議の人物（[people]）にいません', '（"sato" の誤りではありませんか）',
                       "人物は [people] に入力したキーで指定します"),
    "unknown-municipality": ('自治体 "482013" は登録されていません',),
    "unknown-theme-expertise": ('テーマ "bpm" は登録されていません',),
    "unknown-part": ('"part1" はこの会議の部（[parts]）にありません', "部は [parts.<キー>] に名称とともに定義し"),
    "check-digit": ("団体コード 112187 の検査数字（最後の桁）が 7 になっています。正しくは 6 です",),
    "prefecture-missing": ("482013 架空市 の属する都道府県 480002 がこのファイルにありません。追加してください",),
    "kind-versus-code": ('080004 茨城県 の種別（kind）は "city" ですが、団体コードからは都道府県です',),
    "fiscal-year": ("年度 2023 が日付 2022-10-05 と合いません。この日付は 2022 年度です",),
    "attendance-smaller": ("出席者数のアドバイザーが 3 になっていますが、記録で名前の分かるものだけでも 4 あります",),
    "end-before-start": ("終了日 2022-10-04 が開催日 2022-10-05 より前になっています",),
    "listed-twice": ('テーマに "planning-support" が 2 回入力されています。1 回だけにしてください',),
    "anonymous-with-asker": ("の質問1（計画策定支援の支援内容、オンライン化、RPA導…）は匿名（anonymous）なのに、"
                             "質問者が入力されています",),
    "unnamed-role-not-of-the-item": ("議事1（開会挨拶）には役割「発表者」がありません。",
                                     "使える役割は 登壇者、進行 です"),
    "zero-width-space": ("見えない文字 U+200B ZERO WIDTH SPACE があります。削除してください",),
    "bell": ("制御文字 U+0007 BELL があります。削除してください",),
    "file-name-mismatch": ("ファイル名 ", " が id ", " と合いません。ファイル名を "),
    "id-date": ('id "2022-10-05-kanto-advisor-meeting" が日付 2022-10-06 で始まっていません',),
}


def test_the_japanese_expectations_name_real_cases() -> None:
    assert set(JAPANESE) <= {case.id for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_problem_renders_in_japanese(case: Case, repo: Path) -> None:
    _break(repo, case)
    problems = load_repository(repo).problems
    assert problems
    rendered = []
    for problem in problems:
        assert problem.key.startswith("message."), problem
        ja = JA.problem_message(problem)
        assert EN.problem_message(problem) == problem.message  # the English is the template's
        assert ja != problem.message and _JAPANESE.search(ja), ja  # rendered, not the English fallback
        assert problem.format_text(JA) == f"{problem.location()}: {problem.code} {ja}"
        rendered.append(ja)
    mine = [text for problem, text in zip(problems, rendered, strict=True) if problem.code == case.code]
    for fragment in JAPANESE.get(case.id, ()):
        assert any(fragment in text for text in mine), (fragment, mine)


def test_more_than_are_listed_in_japanese(repo: Path) -> None:
    path = repo / SEED_MEETING
    path.write_text("".join(f"x{i} = 1\n" for i in range(30)) + path.read_text(encoding="utf-8"), encoding="utf-8")
    problems = load_repository(repo).problems
    assert len(problems) == MAX_REPEATS + 1
    assert JA.problem_message(problems[-1]) == "… このファイルには同じ種類の問題がほかに 10 件あります"
    many = [Problem(f"meetings/m{i % 3}.toml", i, 1, "E201", "x") for i in range(1, 1100)]
    out = io.StringIO()
    print_problems(many, "text", out, 5, JA)
    lines = out.getvalue().splitlines()
    assert lines[-2] == ("E115 … ほかに 3 ファイルで 99 件の問題がありますが、表示していません"
                         "（これらを直してから daicho validate をもう一度実行してください）")
    assert lines[-1] == "5 ファイル中 3 ファイルに 1099 件の問題があります（E201×1099）"


def test_text_from_files_stays_as_it_is(repo: Path) -> None:
    """Values quoted from a file are data: the same escapes in both languages."""
    path = repo / "themes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[themes.bpr]", '[themes."b\\u202epr"]'), encoding="utf-8")
    [problem] = [p for p in load_repository(repo).problems if p.code == "E204"]
    assert '"b\\u202epr"' in problem.message and '"b\\u202epr"' in JA.problem_message(problem)
    assert "\u202e" not in problem.format_text(JA)


# -- rendering --------------------------------------------------------------------------------


def test_nested_messages_and_words_are_translated() -> None:
    said = say("unknown_reference", what=word("word.local_government"), value="999990",
               hint=say("did_you_mean", suggestion="999999"))
    assert said.text == 'unknown local government "999990" (did you mean "999999"?)'
    assert said.args == (("@what", "word.local_government"), ("value", "999990"),
                         ("@hint", "message.did_you_mean"), ("hint.suggestion", "999999"))
    assert JA.render(said) == '自治体 "999990" は登録されていません（"999999" の誤りではありませんか）'
    assert JA.render(say("unknown_reference", what=word("word.theme"), value="x", hint="")) == \
        'テーマ "x" は登録されていません'


def test_values_are_never_read_as_templates() -> None:
    said = say("unknown_reference", what=word("word.theme"), value="{what}{0}{", hint="")
    assert said.text == 'unknown theme "{what}{0}{"'
    assert JA.render(said) == 'テーマ "{what}{0}{" は登録されていません'


def test_a_problem_without_a_template_keeps_its_words() -> None:
    problem = Problem("a.toml", 1, 1, "E100", "made elsewhere")
    assert JA.problem_message(problem) == "made elsewhere"
    unknown = Problem("a.toml", 1, 1, "E100", "from another version", "message.no_such_template", (("a", "b"),))
    assert JA.problem_message(unknown) == "from another version"
    short = Problem("a.toml", 1, 1, "E301", "english", "message.unknown_reference", (("value", "x"),))
    assert JA.problem_message(short) == "english"  # arguments missing: the English, never a KeyError
    assert render({}, "message.x", (), fallback="f") == "f"


# -- the cache --------------------------------------------------------------------------------


def test_the_cache_keeps_templates_and_arguments(repo: Path) -> None:
    path = repo / SEED_MEETING
    path.write_text(path.read_text(encoding="utf-8").replace("fiscal_year = 2022", "fiscal_yaer = 2021"),
                    encoding="utf-8")
    summary = Summary.of(check_file(repo, SEED_MEETING))
    assert summary.problems and all(p.key and p.args for p in summary.problems)
    loaded = Summary.load(json.loads(json.dumps(summary.dump())))
    assert loaded is not None and loaded.problems == summary.problems
    assert [JA.problem_message(p) for p in loaded.problems] == [JA.problem_message(p) for p in summary.problems]


@pytest.mark.parametrize("key, args", [
    ("message.x y", []),  # not a key
    (3, []),
    ("", [["value", "x"]]),  # arguments without a template
    ("message.x", [["value"]]),
    ("message.x", [["value", 3]]),
    ("message.x", [["no spaces", "x"]]),
    ("message.x", [["@hint", "not a key"]]),
    ("message.x", [["@hint", ""]]),
    ("message.x", {"value": "x"}),
    ("message.x", "value"),
])
def test_the_cache_refuses_malformed_templates(key: object, args: object) -> None:
    good = ["a.toml", 1, 1, "E201", "text", "message.unknown_field", [["field", "x"]]]
    assert Summary.load([[good], None, {}]) is not None
    assert not valid_args(key, args)
    assert Summary.load([[[*good[:5], key, args]], None, {}]) is None
    assert Summary.load([[good[:5]], None, {}]) is None  # the shape of the caches before templates


def test_messages_are_hashable_problems_stay_sortable() -> None:
    a = Problem.of("a.toml", 1, 1, "E301", say("did_you_mean", suggestion="x"))
    b = Problem.of("a.toml", 1, 1, "E301", say("did_you_mean", suggestion="x"))
    assert a == b and len({a, b}) == 1 and sorted([b, a]) == [a, b]
    assert isinstance(say("this_line"), Message) and str(say("this_line")) == "this line"
