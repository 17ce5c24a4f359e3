"""Identifier rules: ASCII slugs for records, 全国地方公共団体コード for local governments."""

from __future__ import annotations

import re

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CODE_PATTERN = r"^[0-9]{6}$"
MEETING_ID_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$"

_CODE = re.compile(CODE_PATTERN)
_WEIGHTS = (6, 5, 4, 3, 2)


def is_code(value: str) -> bool:
    """Six ASCII digits (the check digit is checked separately)."""
    return bool(_CODE.match(value))


def check_digit(first_five: str) -> int:
    """The check digit of a local government code: S = d1·6 + … + d5·2, (11 − S mod 11) mod 10."""
    total = sum(int(d) * w for d, w in zip(first_five, _WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def wrong_check_digit(code: str) -> int | None:
    """For a code of six digits whose check digit does not fit its first five: the check digit
    they have; None for any other value."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    expected = check_digit(code[:5])
    return expected if int(code[5]) != expected else None


def with_check_digit(first_five: str) -> str:
    return f"{first_five}{check_digit(first_five)}"


def prefecture_code(code: str) -> str:
    """The code of the prefecture a local government belongs to: 11xxxx → 110001."""
    return with_check_digit(f"{code[:2]}000")


def fiscal_year_of(year: int, month: int) -> int:
    """Japanese fiscal years run April–March: 2023-03-31 is FY2022."""
    return year if month >= 4 else year - 1
