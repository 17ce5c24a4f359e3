"""The loader and the cross-file checks, on copies of the shipped records."""

from __future__ import annotations

from pathlib import Path

from schema.loader import find_root, load_repository
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
    from schema.i18n import Catalogue

    assert Catalogue("ja").problem_message(problem) == (
        '自治体 "112187" は登録されていません。最後の桁（検査数字）が 7 になっていますが、11218 で始まるコードの'
        '検査数字は 6 です。コードを確かめてください')
    assert "did you mean" not in problem.message
