"""The validate cache saves work and never hides a problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.files.cache import CACHE_DIR
from schema.load.loader import load_repository
from schema.load.validation import validate_repository
from tests.helpers import SEED_MEETING


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


def test_cached_and_uncached_and_parallel_runs_agree(repo: Path) -> None:
    _edit(repo, SEED_MEETING, 'advisor = "oyama-mizuho"', 'advisor = "oyama"')
    _edit(repo, "advisors.toml", '"bpr"', '"bpm"')
    _edit(repo, "themes.toml", 'label_en = "Workation and telework"', 'label_en = "Workation"\nx = 1')
    expected = load_repository(repo).problems
    assert validate_repository(repo, use_cache=False) == (expected, 4)
    assert validate_repository(repo) == (expected, 4)  # fills the cache
    assert validate_repository(repo) == (expected, 4)  # from the cache
    import schema.files.batch as batch

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


def _cache_body(repo: Path) -> tuple[bytes, dict]:
    import json

    signature, _, body = (repo / CACHE_DIR / "validate.json").read_bytes().partition(b"\n")
    return signature, json.loads(body)


def test_a_forged_cache_is_not_trusted(repo: Path) -> None:
    """A cache from elsewhere (committed with git add -f, say) cannot say a broken file is fine."""
    import json

    validate_repository(repo)
    signature, data = _cache_body(repo)
    _edit(repo, SEED_MEETING, "fiscal_year = 2022", "fiscal_year = 2019")
    from schema.files.cache import digest

    data["files"][SEED_MEETING] = [digest((repo / SEED_MEETING).read_bytes()), [[], None, {}]]
    body = json.dumps(data).encode()
    (repo / CACHE_DIR / "validate.json").write_bytes(signature + b"\n" + body)
    assert [p.code for p in validate_repository(repo)[0]] == ["E501"]


@pytest.mark.parametrize("entry", [[[], None, []], [[["x", 1, 1, "E1"]], None, {}], [[], "keys", {}],
                                   [[], None, {"E999": ["x"]}], [[], None, {"E304": [1]}], "x", None])
def test_a_malformed_entry_is_checked_again(repo: Path, entry: object,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry of the wrong shape (even one signed with this machine's key) is never used."""
    import schema.files.cache as cache_module

    validate_repository(repo)
    _edit(repo, SEED_MEETING, 'advisor = "oyama-mizuho"', 'advisor = "oyama"')
    cache = cache_module.FileCache(repo, "validate")
    cache.put(SEED_MEETING, cache_module.digest((repo / SEED_MEETING).read_bytes()), entry)
    cache.save()
    assert [p.code for p in validate_repository(repo)[0]] == ["E301"]


def test_a_settled_file_is_not_read_again(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import schema.files.cache as cache_module

    monkeypatch.setattr(cache_module, "SETTLED_NS", -(10**18))  # every file counts as settled
    validate_repository(repo)
    validate_repository(repo)  # records the stat keys
    read: list[str] = []
    real = cache_module.read_file
    monkeypatch.setattr(cache_module, "read_file", lambda root, rel: read.append(rel) or real(root, rel))
    assert validate_repository(repo) == ([], 4)
    assert read == []


def test_a_same_size_edit_with_the_old_mtime_is_still_seen(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Changing bytes and putting the modification time back changes the inode's ctime."""
    import os

    import schema.files.cache as cache_module

    monkeypatch.setattr(cache_module, "SETTLED_NS", -(10**18))
    validate_repository(repo)
    validate_repository(repo)
    path = repo / SEED_MEETING
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fiscal_year = 2022", "fiscal_year = 2021"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size and os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert [p.code for p in validate_repository(repo)[0]] == ["E501"]


def test_a_recently_changed_file_is_always_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the settled rule, a change in the same clock tick as the last read could hide."""
    import schema.files.cache as cache_module

    validate_repository(repo)
    validate_repository(repo)
    read: list[str] = []
    real = cache_module.read_file
    monkeypatch.setattr(cache_module, "read_file", lambda root, rel: read.append(rel) or real(root, rel))
    validate_repository(repo)
    assert SEED_MEETING in read  # written moments ago by the fixture: not settled
