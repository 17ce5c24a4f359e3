"""What the messages say: where, what is wrong, what would be right — in the file's own terms."""

from __future__ import annotations

from pathlib import Path

from schema.load.loader import load_repository
from tests.helpers import SEED_MEETING


def _messages(repo: Path, relpath: str, old: str, new: str) -> list[str]:
    path = repo / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [p.format_text() for p in load_repository(repo).problems]


def test_agenda_kinds_do_not_leak_into_paths(repo: Path) -> None:
    [message] = _messages(repo, SEED_MEETING, 'question = "関心のあるテーマ"',
                          'question = "関心のあるテーマ"\nwinner = 1')
    assert 'unknown field "agenda[2].winner"' in message
    assert ".survey." not in message


def test_duplicate_key_names_the_line(repo: Path) -> None:
    [message] = _messages(repo, "themes.toml", 'label = "計画策定支援"\n', 'label = "計画策定支援"\nlabel = "計画"\n')
    line = next(n for n, t in enumerate((repo / "themes.toml").read_text(encoding="utf-8").split("\n"), 1)
                if t == 'label = "計画"')
    assert message.startswith(f"themes.toml:{line}:1: E110 ")
    assert '"label = \\"計画\\""' in message


def test_a_date_in_quotes_says_how_to_write_it(repo: Path) -> None:
    [message] = _messages(repo, SEED_MEETING, "published = 2022-11-17", 'published = "2022-11-17"')
    assert 'E203 published: input should be a valid date (got "2022-11-17": write a date without quotes' in message


def test_a_number_in_quotes_says_how_to_write_it(repo: Path) -> None:
    [message] = _messages(repo, SEED_MEETING, "advisors = 18", 'advisors = "18"')
    assert 'got "18": write a number without quotes, as 18' in message


def test_a_date_with_a_time(repo: Path) -> None:
    [message] = _messages(repo, SEED_MEETING, "published = 2022-11-17", "published = 2022-11-17T10:00:00")
    assert "got 2022-11-17T10:00:00: write a date as 2022-10-05, without a time" in message


def test_invisible_characters_in_a_key_are_shown_escaped(repo: Path) -> None:
    messages = _messages(repo, "themes.toml", "[themes.bpr]", '[themes."b\\u202epr"]')
    [invalid] = [m for m in messages if " E204 " in m]
    assert "\u202e" not in invalid
    assert '"b\\u202epr"' in invalid


def test_non_ascii_key_hint(repo: Path) -> None:
    [message] = _messages(repo, "themes.toml", 'label_en = "Workation and telework"', '名前 = "x"')
    assert " E109 " in message and 'must be quoted: "名前" = …' in message


def test_listed_twice(repo: Path) -> None:
    [message] = _messages(repo, "advisors.toml", '    "bpr",\n', '    "bpr",\n    "bpr",\n')
    assert message.endswith('E505 "bpr" is listed twice in advisors.saito-rie.expertise; list it once')
