"""The validate cache saves work and never hides a problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.cache import CACHE_DIR
from schema.loader import load_repository
from schema.validation import validate_repository
from tests.conftest import SEED_MEETING


def _edit(repo: Path, relpath: str, old: str, new: str) -> None:
    path = repo / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_warm_run_reports_a_file_broken_after_it(repo: Path) -> None:
    assert validate_repository(repo) == ([], 4)
    assert (repo / CACHE_DIR / "validate.json").is_file()
    _edit(repo, SEED_MEETING, "fiscal_year = 2022", "fiscal_year = 2021")
    problems, _ = validate_repository(repo)
    assert [p.code for p in problems] == ["E501"]


def test_cross_file_checks_always_run(repo: Path) -> None:
    """The meeting is cached as valid; removing the advisor it names must still be reported."""
    validate_repository(repo)
    _edit(repo, "advisors.toml", "[advisors.okamura-hisakazu]", "[advisors.okamura-hisa]")
    _edit(repo, "advisors.toml", "[[advisors.okamura-hisakazu.affiliations]]", "[[advisors.okamura-hisa.affiliations]]")
    _edit(repo, "advisors.toml", "[[advisors.okamura-hisakazu.affiliations]]", "[[advisors.okamura-hisa.affiliations]]")
    problems, _ = validate_repository(repo)
    assert [(p.path, p.code) for p in problems] == [(SEED_MEETING, "E301")]
    text = (repo / SEED_MEETING).read_text(encoding="utf-8").split("\n")
    assert text[problems[0].line - 1] == 'advisor = "okamura-hisakazu"'


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"version": "x", "files": {}}', b"\xff\xfe",
                                     b'{"version": null, "files": []}'])
def test_corrupt_cache_is_rebuilt_silently(repo: Path, garbage: bytes) -> None:
    validate_repository(repo)
    _edit(repo, SEED_MEETING, 'advisor = "oyama-mizuho"', 'advisor = "oyama"')
    (repo / CACHE_DIR / "validate.json").write_bytes(garbage)
    problems, _ = validate_repository(repo)
    assert [p.code for p in problems] == ["E301"]


def test_tampered_entry_with_the_right_digest_shape_is_not_trusted_blindly(repo: Path) -> None:
    """An entry for other bytes (a stale digest) is ignored: the file is checked again."""
    validate_repository(repo)
    cache = repo / CACHE_DIR / "validate.json"
    _edit(repo, SEED_MEETING, "fiscal_year = 2022", "fiscal_year = 2023")
    problems, _ = validate_repository(repo)
    assert [p.code for p in problems] == ["E501"]
    assert cache.is_file()


def test_cached_and_uncached_and_parallel_runs_agree(repo: Path) -> None:
    _edit(repo, SEED_MEETING, 'advisor = "oyama-mizuho"', 'advisor = "oyama"')
    _edit(repo, "advisors.toml", '"bpr"', '"bpm"')
    _edit(repo, "themes.toml", 'label_en = "Workation and telework"', 'label_en = "Workation"\nx = 1')
    expected = load_repository(repo).problems
    assert validate_repository(repo, use_cache=False) == (expected, 4)
    assert validate_repository(repo) == (expected, 4)  # fills the cache
    assert validate_repository(repo) == (expected, 4)  # from the cache
    import schema.batch as batch

    batch.PARALLEL_THRESHOLD, saved = 1, batch.PARALLEL_THRESHOLD
    try:
        assert validate_repository(repo, use_cache=False, jobs=2) == (expected, 4)
    finally:
        batch.PARALLEL_THRESHOLD = saved


def test_unwritable_cache_location_still_validates(repo: Path) -> None:
    (repo / CACHE_DIR).write_text("a file where the cache folder would be", encoding="utf-8")
    assert validate_repository(repo) == ([], 4)
    _edit(repo, SEED_MEETING, "fiscal_year = 2022", "fiscal_year = 2023")
    assert [p.code for p in validate_repository(repo)[0]] == ["E501"]
