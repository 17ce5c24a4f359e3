"""The loader and the cross-file checks, on copies of the shipped records."""

from __future__ import annotations

from pathlib import Path

from schema.load.loader import find_root, load_repository
from tests.helpers import SEED_MEETING


def _codes(repo: Path) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in load_repository(repo).problems]


def _edit(repo: Path, relpath: str, old: str, new: str) -> None:
    path = repo / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_records_have_no_problems(repo: Path) -> None:
    result = load_repository(repo)
    assert result.problems == []
    assert len(result.records.municipalities) == 1963
    assert set(result.records.advisors) == {"shimoyama-sayoko", "saito-rie", "okamura-hisakazu",
                                            "oyama-mizuho"}
    assert list(result.records.meetings) == ["2022-10-05-kanto-advisor-meeting"]


def test_find_root_walks_up(repo: Path) -> None:
    assert find_root(repo / "meetings") == repo.resolve()
    assert find_root(repo.parent) is None


def test_all_problems_are_collected_not_only_the_first(repo: Path) -> None:
    _edit(repo, "advisors.toml", '"bpr"', '"bpm"')
    _edit(repo, SEED_MEETING, "fiscal_year = 2022", "fiscal_year = 2021")
    _edit(repo, SEED_MEETING, 'advisor = "oyama-mizuho"', 'advisor = "oyama"')
    codes = _codes(repo)
    assert ("advisors.toml", "E304") in codes
    assert (SEED_MEETING, "E501") in codes
    assert (SEED_MEETING, "E301") in codes


def test_did_you_mean(repo: Path) -> None:
    _edit(repo, SEED_MEETING, 'advisor = "okamura-hisakazu"', 'advisor = "okamura-hisakzu"')
    [problem] = load_repository(repo).problems
    assert problem.message == 'unknown advisor "okamura-hisakzu" (did you mean "okamura-hisakazu"?)'
    assert problem.format_text().startswith(f"{SEED_MEETING}:{problem.line}:")


def test_check_digit_message(repo: Path) -> None:
    _edit(repo, "municipalities.toml", "[municipalities.112186]", "[municipalities.112187]")
    problems = [p for p in load_repository(repo).problems if p.code == "E401"]
    assert [p.message for p in problems] == ["code 112187 has check digit 7, expected 6"]
    text = (repo / "municipalities.toml").read_text(encoding="utf-8").split("\n")
    assert text[problems[0].line - 1] == "[municipalities.112187]"


def test_dispatch_needs_its_table(repo: Path) -> None:
    _edit(repo, SEED_MEETING, 'kind = "advisor-meeting"', 'kind = "dispatch"')
    assert (SEED_MEETING, "E504") in _codes(repo)


def test_dispatch_references_are_checked(repo: Path) -> None:
    _edit(repo, SEED_MEETING, "[attendance]",
          '[dispatch]\nadvisor = "oyama-mizuho"\nmunicipality = "482013"\n\n[attendance]')
    assert (SEED_MEETING, "E303") in _codes(repo)


def test_question_municipalities_are_checked(repo: Path) -> None:
    _edit(repo, SEED_MEETING, "[[agenda.topics.questions]]\ntext",
          '[[agenda.topics.questions]]\nmunicipalities = [\n    "999990",\n]\ntext')
    assert (SEED_MEETING, "E303") in _codes(repo)


def test_a_file_that_does_not_load_does_not_hide_the_others(repo: Path) -> None:
    _edit(repo, "themes.toml", 'label = "計画策定支援"', 'label = "計画策定支援')
    codes = _codes(repo)
    assert ("themes.toml", "E109") in codes
    # the themes did not load: references to themes are not reported as unknown (no cascade)
    assert ("advisors.toml", "E304") not in codes
    assert codes.count(("themes.toml", "E109")) == 1


def test_missing_root_file(repo: Path) -> None:
    (repo / "themes.toml").unlink()
    assert ("themes.toml", "E111") in _codes(repo)


def test_municipal_staff_named_beyond_attendance(repo: Path) -> None:
    _edit(repo, SEED_MEETING, "municipal_staff = 14", "municipal_staff = 0")
    _edit(repo, SEED_MEETING, 'role = "guest"', 'role = "municipal-staff"')
    assert (SEED_MEETING, "E502") in _codes(repo)


def test_a_code_with_a_wrong_check_digit_asks_to_check_the_check_digit(repo: Path) -> None:
    """Issue 20, item 10: not "did you mean" another code, but what the check digit should be."""
    _edit(repo, SEED_MEETING, '"112186",', '"112187",')  # 深谷市, check digit 6 written 7
    [problem] = load_repository(repo).problems
    assert problem.code == "E303"
    assert problem.message == ('unknown local government "112187": its check digit (the last digit) is 7, but a '
                               'code that starts 11218 has 6; check the code')
    from schema.words.catalogue import Catalogue

    assert Catalogue("ja").problem_message(problem) == (
        '自治体 "112187" は登録されていません。最後の桁（検査数字）が 7 になっていますが、11218 で始まるコードの'
        '検査数字は 6 です。コードを確かめてください')
    assert "did you mean" not in problem.message


def test_errors_do_not_hide_errors(repo: Path) -> None:
    """A meeting with an unknown field (E201) and a missing one (E202) — its model does not build —
    still has its references checked, through the same declarations (issue 19, item 7): an unknown
    theme, advisor, person and part; not where the value is itself wrong (E204), nor in an agenda
    item whose kind is unknown."""
    _edit(repo, SEED_MEETING, "fiscal_year = 2022", "fiscal_yaer = 2022")  # E201, and E202 fiscal_year
    _edit(repo, SEED_MEETING, 'theme = "planning-support"\ntitle = "計画策定支援"\nrespondents = [\n    "okamura",',
          'theme = "planing-support"\ntitle = "計画策定支援"\nrespondents = [\n    "okamra",')  # E304, E302
    _edit(repo, SEED_MEETING, 'advisor = "okamura-hisakazu"', 'advisor = "okamura-hisakzu"')  # E301
    _edit(repo, SEED_MEETING, 'title = "開会挨拶"\n', 'title = "開会挨拶"\npart = "part9"\n')  # E305
    _edit(repo, SEED_MEETING, 'speakers = [\n    "arai",', 'speakers = [\n    "Arai",')  # E204 only
    result = load_repository(repo)
    found = sorted((p.path, p.code, p.line) for p in result.problems)
    meeting = [(code, line) for path, code, line in found if path == SEED_MEETING]
    codes = sorted(code for code, _ in meeting)
    assert codes == ["E201", "E202", "E204", "E301", "E302", "E304", "E305"], meeting
    text = (repo / SEED_MEETING).read_text(encoding="utf-8").splitlines()
    for code, needle in (("E304", '"planing-support"'), ("E302", '"okamra"'), ("E301", '"okamura-hisakzu"'),
                         ("E305", '"part9"')):
        (line,) = [line for c, line in meeting if c == code]
        assert line is not None and needle in text[line - 1], code


def test_errors_do_not_hide_errors_in_a_root_file(repo: Path) -> None:
    """advisors.toml with an unknown field still has its themes checked; what refers into it is
    not (its keys are not known: the file's own problem is the one to fix, not its echoes)."""
    _edit(repo, "advisors.toml", '"bpr"', '"bpm"')
    _edit(repo, "advisors.toml", 'kana = "おおやま みずほ"\n', 'kana = "おおやま みずほ"\nphone = "000"\n')
    _edit(repo, SEED_MEETING, 'advisor = "okamura-hisakazu"', 'advisor = "okamura-hisakzu"')
    problems = load_repository(repo).problems
    assert sorted((p.path, p.code) for p in problems) == [("advisors.toml", "E201"), ("advisors.toml", "E304")]
    assert 'unknown theme "bpm"' in next(p.message for p in problems if p.code == "E304")


def test_an_item_of_unknown_kind_is_not_read_for_references(repo: Path) -> None:
    _edit(repo, SEED_MEETING, 'kind = "consultation"\ntitle = "オンライン相談会"',
          'kind = "consulting"\ntitle = "オンライン相談会"')  # E203: which fields hold references is unknown
    _edit(repo, SEED_MEETING, 'theme = "planning-support"\ntitle = "計画策定支援"',
          'theme = "planing-support"\ntitle = "計画策定支援"')
    assert sorted(code for path, code in _codes(repo) if path == SEED_MEETING) == ["E203"]


def test_the_validate_cache_keeps_the_references_of_a_file_that_did_not_load(repo: Path) -> None:
    from schema.load.validation import validate_repository

    _edit(repo, SEED_MEETING, "fiscal_year = 2022", "fiscal_yaer = 2022")
    _edit(repo, SEED_MEETING, 'theme = "planning-support"\ntitle = "計画策定支援"',
          'theme = "planing-support"\ntitle = "計画策定支援"')
    cold, _ = validate_repository(repo, use_cache=True)
    warm, _ = validate_repository(repo, use_cache=True)
    assert cold == warm
    assert "E304" in {p.code for p in warm}
