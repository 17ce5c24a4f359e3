from __future__ import annotations

import pytest

from schema.files.ids import check_digit, fiscal_year_of, is_code, prefecture_code, with_check_digit


@pytest.mark.parametrize(("code", "name"), [
    ("131016", "千代田区"), ("112186", "深谷市"), ("112241", "戸田市"), ("110001", "埼玉県"),
    ("010006", "北海道"), ("011002", "札幌市"),
])
def test_check_digit_of_known_codes(code: str, name: str) -> None:
    assert check_digit(code[:5]) == int(code[5]), name
    assert with_check_digit(code[:5]) == code


def test_prefecture_code() -> None:
    assert prefecture_code("112241") == "110001"
    assert prefecture_code("131016") == "130001"


def test_codes() -> None:
    assert is_code("112241")
    assert not is_code("11224")
    assert not is_code("１１２２４１")  # full-width digits are not ASCII


@pytest.mark.parametrize(("year", "month", "fy"), [(2022, 4, 2022), (2023, 3, 2022), (2022, 10, 2022),
                                                   (2023, 1, 2022), (2023, 4, 2023)])
def test_fiscal_year(year: int, month: int, fy: int) -> None:
    assert fiscal_year_of(year, month) == fy
