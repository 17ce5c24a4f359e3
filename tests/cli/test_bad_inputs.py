"""A corpus of bad inputs: each breaks a copy of the shipped records in one way.

For each: `daicho validate` exits 1 and prints `file:line:col: CODE …` for the expected file, line
and code; nothing raises; and neither validate nor fmt writes a byte.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from daicho.main import main
from tests.helpers import SEED_MEETING

MEETING = SEED_MEETING
ADVISORS = "advisors.toml"
MUNIS = "municipalities.toml"
THEMES = "themes.toml"


@dataclass(frozen=True)
class Case:
    id: str
    path: str
    code: str
    edit: Callable[[str], str] | None = None
    raw: Callable[[bytes], bytes] | None = None
    line_of: str | None = None
    """A text whose first line in the broken file is the expected line (a text of several lines:
    its last line); None: any line."""
    line: int | None = None


def sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"fixture changed: {old!r} not found"
        return text.replace(old, new, count)
    return edit


def append(extra: str) -> Callable[[str], str]:
    return lambda text: text + extra


ATTENDANCE = ("[attendance]\nadvisors = 18\nmunicipalities = 10\nmunicipal_staff = 14\n"
              'advisors_scope = "関東地方に活動拠点を持つ"\nmunicipalities_scope = "関東管内"\n'
              'note = "関東地方に活動拠点を持つアドバイザー18名、関東管内の地方公共団体10団体14名。"\n')


CASES = [
    # --- text and encoding -------------------------------------------------------------------
    Case("bom", THEMES, "E102", raw=lambda b: b"\xef\xbb\xbf" + b, line=1),
    Case("shift-jis", THEMES, "E101", raw=lambda b: b.replace("計画策定支援".encode(),
                                                             "計画策定支援".encode("shift_jis")),
         line_of="\ufffd"),
    Case("crlf", ADVISORS, "E103", raw=lambda b: b.replace(b"\n", b"\r\n"), line=1),
    Case("conflict-markers", ADVISORS, "E104",
         edit=sub('kana = "おかむら ひさかず"\n',
                  '<<<<<<< HEAD\nkana = "おかむら ひさかず"\n=======\nkana = "おかむら"\n>>>>>>> other\n'),
         line_of="<<<<<<< HEAD"),
    Case("rtl-override", ADVISORS, "E105", edit=sub("岡村 久和", "岡村\u202e 久和"), line_of="岡村\u202e"),
    Case("zero-width-space", MEETING, "E105", edit=sub("開会挨拶", "開会\u200b挨拶"), line_of="開会\u200b"),
    Case("zero-width-joiner", THEMES, "E105", edit=sub("計画策定支援", "計画\u200d策定支援"),
         line_of="計画\u200d"),
    Case("word-joiner", THEMES, "E105", edit=sub("label_en = \"Workation", "label_en = \"Work\u2060ation"),
         line_of="Work\u2060"),
    Case("isolate", MEETING, "E105", edit=sub("大江", "\u2066大江\u2069"), line_of="\u2066大江"),
    Case("bom-inside", THEMES, "E105", edit=sub("業務改革", "業務\ufeff改革"), line_of="業務\ufeff"),
    Case("bell", THEMES, "E106", edit=sub("業務改革", "業務\u0007改革"),
         line_of="業務\u0007"),
    Case("c1-control", ADVISORS, "E106", edit=sub("大山 水帆", "大山\u0085水帆"), line_of="大山\u0085"),
    Case("comment-line", ADVISORS, "E107", edit=sub('[advisors.oyama-mizuho]\n',
                                                     '# 戸田市のCDO\n[advisors.oyama-mizuho]\n'),
         line_of="# 戸田市のCDO"),
    Case("comment-trailing", MEETING, "E107", edit=sub('fiscal_year = 2022\n',
                                                        'fiscal_year = 2022 # 令和4年度\n'),
         line_of="fiscal_year = 2022"),
    Case("too-large", THEMES, "E108", edit=append('\n[themes.huge]\nlabel = "x"\nlabel_en = "'
                                                  + "x" * (5 * 1024 * 1024) + '"\n')),
    # --- TOML syntax ---------------------------------------------------------------------------
    Case("unclosed-string", THEMES, "E109", edit=sub('label = "計画策定支援"', 'label = "計画策定支援'),
         line_of='label = "計画策定支援'),
    Case("missing-equals", ADVISORS, "E109", edit=sub('name = "大山 水帆"', 'name "大山 水帆"'),
         line_of='name "大山 水帆"'),
    Case("bad-date", MEETING, "E109", edit=sub("date = 2022-10-05", "date = 2022-10-5"),
         line_of="date = 2022-10-5"),
    Case("impossible-date", MEETING, "E109", edit=sub("published = 2022-11-17", "published = 2022-02-30"),
         line_of="published = 2022-02-30"),
    # TOML 1.1, which tomli and rtoml read and data files (TOML 1.0) must not hold: E109 where it is
    Case("toml11-inline-table-line-break", MEETING, "E109",
         edit=sub(ATTENDANCE, "attendance = { advisors = 18, municipalities = 10,\n    municipal_staff = 14 }\n"),
         line_of="attendance = { advisors = 18"),
    Case("toml11-inline-table-trailing-comma", MEETING, "E109",
         edit=sub(ATTENDANCE, "attendance = { advisors = 18, municipalities = 10, municipal_staff = 14, }\n"),
         line_of="attendance = { advisors = 18"),
    Case("toml11-hex-escape", THEMES, "E109", edit=sub('label = "計画策定支援"', 'label = "計画\\x41策定支援"'),
         line_of="計画\\x41"),
    Case("toml11-escape-e", THEMES, "E109", edit=sub('label = "計画策定支援"', 'label = "計画\\e策定支援"'),
         line_of="計画\\e"),
    Case("toml11-time-without-seconds", MEETING, "E109",
         edit=sub("date = 2022-10-05\n", "date = 2022-10-05\nstart_time = 13:30\n"), line_of="start_time = 13:30"),
    Case("toml11-date-time-without-seconds", MEETING, "E109",
         edit=sub("published = 2022-11-17", "published = 2022-11-17T09:00"), line_of="published = 2022-11-17T09:00"),
    Case("date-as-string", MEETING, "E203", edit=sub("published = 2022-11-17", 'published = "2022-11-17"'),
         line_of='published = "2022-11-17"'),
    Case("duplicate-key", THEMES, "E110", edit=sub('label = "計画策定支援"\n',
                                                    'label = "計画策定支援"\nlabel = "計画"\n'),
         line_of='label = "計画"'),
    Case("duplicate-table", ADVISORS, "E110", edit=append('\n[advisors.saito-rie]\nname = "x"\n'),
         line=None),
    # --- fields --------------------------------------------------------------------------------
    Case("unknown-field", ADVISORS, "E201", edit=sub('kana = "おおやま みずほ"\n',
                                                      'kana = "おおやま みずほ"\nphone = "000"\n'),
         line_of='phone = "000"'),
    Case("misspelt-field", MEETING, "E201", edit=sub("fiscal_year = 2022", "fiscal_yaer = 2022"),
         line_of="fiscal_yaer"),
    Case("unknown-field-nested", MEETING, "E201", edit=sub('phone = "03-6238-1690"',
                                                            'phone = "03-6238-1690"\nfax = "x"'),
         line_of='fax = "x"'),
    Case("unknown-field-in-agenda", MEETING, "E201", edit=sub('question = "関心のあるテーマ"',
                                                               'question = "関心のあるテーマ"\nwinner = "x"'),
         line_of='winner = "x"'),
    Case("missing-field", THEMES, "E202", edit=sub('label_en = "Support for planning"\n', ""),
         line_of="[themes.planning-support]"),
    Case("missing-kind", MEETING, "E202", edit=sub('kind = "closing-remarks"\n', ""),
         line=None),
    Case("wrong-type", MEETING, "E203", edit=sub("advisors = 18", 'advisors = "18"'),
         line_of='advisors = "18"'),
    Case("wrong-enum", MEETING, "E203", edit=sub('format = "online"', 'format = "zoom"'),
         line_of='format = "zoom"'),
    Case("unknown-agenda-kind", MEETING, "E203", edit=sub('kind = "closing-remarks"', 'kind = "closing"'),
         line_of='kind = "closing"'),
    Case("negative-count", MEETING, "E203", edit=sub("municipalities = 10", "municipalities = -10"),
         line_of="municipalities = -10"),
    Case("bad-url", ADVISORS, "E203", edit=sub('name = "大山 水帆"\n', 'name = "大山 水帆"\nurl = "www.x"\n'),
         line_of='url = "www.x"'),
    Case("bad-id-key", ADVISORS, "E204", edit=sub("[advisors.saito-rie]", "[advisors.Saito_Rie]", 3),
         line_of="[advisors.Saito_Rie]"),
    Case("bad-code-key", MUNIS, "E204", edit=sub("[municipalities.112241]", "[municipalities.11224]"),
         line_of="[municipalities.11224]"),
    Case("bad-advisor-link-syntax", MEETING, "E204", edit=sub('advisor = "oyama-mizuho"',
                                                               'advisor = "Oyama Mizuho"'),
         line_of='advisor = "Oyama Mizuho"'),
    Case("file-name-mismatch", MEETING, "E205", edit=sub('id = "2022-10-05-kanto-advisor-meeting"',
                                                          'id = "2022-10-05-kanto-meeting"'),
         line=1),
    # --- references ----------------------------------------------------------------------------
    Case("unknown-advisor", MEETING, "E301", edit=sub('advisor = "okamura-hisakazu"',
                                                       'advisor = "okamura-hisakzu"'),
         line_of='advisor = "okamura-hisakzu"'),
    Case("unknown-person", MEETING, "E302", edit=sub('speakers = [\n    "sato",', 'speakers = [\n    "satou",'),
         line_of='"satou"'),
    Case("unknown-facilitator", MEETING, "E302", edit=sub('facilitators = [\n    "shimoyama",',
                                                          'facilitators = [\n    "shimoyma",'),
         line_of='"shimoyma"'),
    Case("unknown-respondent", MEETING, "E302", edit=sub('    "oyama",\n]\nnote', '    "ooyama",\n]\nnote'),
         line_of='"ooyama"'),
    Case("unknown-municipality", ADVISORS, "E303", edit=sub('municipality = "112241"', 'municipality = "482013"'),
         line_of='municipality = "482013"'),
    Case("unknown-theme-expertise", ADVISORS, "E304", edit=sub('    "bpr",', '    "bpm",'),
         line_of='"bpm"'),
    Case("unknown-theme-ranking", MEETING, "E304", edit=sub('theme = "system-standardization"',
                                                             'theme = "system-standardisation"'),
         line_of='"system-standardisation"'),
    # --- local governments ---------------------------------------------------------------------
    Case("check-digit", MUNIS, "E401", edit=sub("[municipalities.112186]", "[municipalities.112187]"),
         line_of="[municipalities.112187]"),
    Case("prefecture-missing", MUNIS, "E402",  # prefecture 48 does not exist
         edit=append('\n[municipalities.482013]\nname = "架空市"\nkana = "かくうし"\nkind = "city"\n'),
         line_of="[municipalities.482013]"),
    Case("kind-versus-code", MUNIS, "E403", edit=sub('kana = "いばらきけん"\nkind = "prefecture"',
                                                      'kana = "いばらきけん"\nkind = "city"'),
         line_of='kana = "いばらきけん"\nkind = "city"'),
    Case("unknown-part", MEETING, "E305", edit=sub('title = "開会挨拶"\n', 'title = "開会挨拶"\npart = "part1"\n'),
         line_of='part = "part1"'),
    # --- consistency ---------------------------------------------------------------------------
    Case("anonymous-with-asker", MEETING, "E506",
         edit=sub('[[agenda.topics.questions]]\ntext = "計画策定支援',
                  '[[agenda.topics.questions]]\nanonymous = true\nby = ["okamura"]\ntext = "計画策定支援'),
         line_of='by = ["okamura"]'),
    Case("unnamed-role-not-of-the-item", MEETING, "E507",
         edit=sub('speakers = [\n    "arai",\n]\n',
                  'speakers = [\n    "arai",\n]\n\n[[agenda.unnamed]]\nrole = "presenters"\ndescription = "局長"\n'),
         line_of='role = "presenters"'),
    Case("fiscal-year", MEETING, "E501", edit=sub("fiscal_year = 2022", "fiscal_year = 2023"),
         line_of="fiscal_year = 2023"),
    Case("end-before-start", MEETING, "E503",
         edit=sub("fiscal_year = 2022", "end_date = 2022-10-04\nfiscal_year = 2022"),
         line_of="end_date"),
    Case("attendance-smaller", MEETING, "E502", edit=sub("advisors = 18", "advisors = 3"),
         line_of="advisors = 3"),
    Case("listed-twice", MEETING, "E505", edit=sub('themes = [\n    "planning-support",',
                                                   'themes = [\n    "planning-support",\n    "planning-support",'),
         line=10),
    Case("speaker-twice", MEETING, "E505",
         edit=sub('speakers = [\n    "sato",', 'speakers = [\n    "sato",\n    "sato",'),
         line=None),
    Case("bureau-twice", ADVISORS, "E505",
         edit=sub('bureaus = [\n    "kanto",', 'bureaus = [\n    "kanto",\n    "kanto",'),
         line=None),
    Case("absurd-count", MEETING, "E203", edit=sub("advisors = 18", "advisors = 99999999999999999999999"),
         line_of="advisors = 99999999999999999999999"),
    # text longer than any real record's (issue 19, item 6): a one-line text, then text of paragraphs
    Case("title-too-long", THEMES, "E207", edit=sub('label = "計画策定支援"', f'label = "{"計画" * 501}"'),
         line_of='label = "計画計画'),
    Case("summary-too-long", MEETING, "E207", edit=sub('summary = "今年度は、', f'summary = "{"あ" * 10_001}'),
         line_of='summary = "あああ'),
    Case("url-too-long", ADVISORS, "E207",
         edit=sub('name = "大山 水帆"\n', f'name = "大山 水帆"\nurl = "https://e.example/{"a" * 2100}"\n'),
         line_of='url = "https://e.example/aaa'),
    Case("id-date", MEETING, "E206", edit=sub("date = 2022-10-05", "date = 2022-10-06"),
         line=1),
    Case("stray-file", "meetings/notes.txt", "E112", line=None),
]


FIXABLE_BY_FMT = {"E102", "E103"}  # a BOM or CRLF endings: fmt rewrites them canonically


def _break(repo: Path, case: Case) -> Path:
    path = repo / case.path
    if case.id == "stray-file":
        path.write_text("a note\n", encoding="utf-8")
        return path
    data = path.read_bytes()
    if case.raw is not None:
        data = case.raw(data)
    if case.edit is not None:
        data = case.edit(data.decode("utf-8")).encode("utf-8")
    path.write_bytes(data)
    return path


def _expected_line(path: Path, case: Case) -> int | None:
    if case.line_of is None:
        return case.line
    text = path.read_bytes().decode("utf-8", errors="replace")
    lines = text.split("\n")
    marker = case.line_of
    if "\n" in marker:  # several lines: the expected line is the marker's last
        assert marker in text, f"marker {marker!r} not in the broken file"
        return text[: text.index(marker) + len(marker)].count("\n") + 1
    for number, line in enumerate(lines, start=1):
        if marker in line:
            return number
    for number, line in enumerate(lines, start=1):  # markers in bytes that are not UTF-8
        if "\ufffd" in line:
            return number
    raise AssertionError(f"marker {marker!r} not in the broken file")


def _snapshot(repo: Path) -> dict[str, bytes]:
    return {p.relative_to(repo).as_posix(): p.read_bytes() for p in sorted(repo.rglob("*"))
            if p.is_file() and ".daicho-cache" not in p.parts}


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, repo: Path, capsys: pytest.CaptureFixture[str],
                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    path = _break(repo, case)
    before = _snapshot(repo)
    line = _expected_line(path, case) if case.id != "stray-file" else None

    code = main(["validate"])
    out, err = capsys.readouterr()
    assert _snapshot(repo) == before, "validate wrote to the repository"
    assert code == 1, out + err
    assert "Traceback" not in out + err
    reported = [row for row in out.splitlines() if f" {case.code} " in row]
    assert reported, f"{case.code} not reported:\n{out}"
    prefix = f"{case.path}:{line}:" if line is not None else f"{case.path}"
    assert any(row.startswith(prefix) for row in reported), f"expected {prefix}…:\n{out}"

    if case.code in FIXABLE_BY_FMT or case.code >= "E300":
        return  # fmt fixes these, or formats a file whose cross-file references are wrong
    main(["fmt"])  # a broken file is reported and left untouched
    capsys.readouterr()
    assert _snapshot(repo)[case.path] == before[case.path]
