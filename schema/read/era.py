"""Dates in the Japanese calendar: 令和4年10月5日(水), fiscal years as 令和4年度.

These are calendar facts, not interface labels: era names and their first days, and the weekday
characters. English forms follow the same functions (Wed 5 Oct 2022, FY2022).
"""

from __future__ import annotations

import datetime as dt

# (first day, era name), latest first.
ERAS: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
    (dt.date(1912, 7, 30), "大正"),
    (dt.date(1868, 10, 23), "明治"),
)
REIWA_FIRST_FISCAL_YEAR = 2019
"""Began on 1 April 2019 under 平成, yet named 令和元年度 (the era changed on 1 May)."""
WEEKDAYS_JA = "月火水木金土日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _year(number: int) -> str:
    return "元" if number == 1 else str(number)


def era_of(date: dt.date) -> tuple[str, int]:
    """The era and the year within it (2022-10-05 → ("令和", 4))."""
    for first, name in ERAS:
        if date >= first:
            return name, date.year - first.year + 1
    return "", date.year


def era_day(date: dt.date) -> str:
    """令和4年10月5日, as a publication date is written."""
    name, year = era_of(date)
    if not name:
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{name}{_year(year)}年{date.month}月{date.day}日"


def era_date(date: dt.date) -> str:
    """令和4年10月5日(水); 令和元年5月1日(水)."""
    return f"{era_day(date)}({WEEKDAYS_JA[date.weekday()]})"


def era_date_long(date: dt.date) -> str:
    """令和4年10月5日(水曜日), as a report names the day of a meeting."""
    return f"{era_day(date)}({WEEKDAYS_JA[date.weekday()]}曜日)"


def english_date(date: dt.date) -> str:
    """Wed 5 Oct 2022."""
    return f"{WEEKDAYS_EN[date.weekday()]} {date.day} {MONTHS_EN[date.month - 1]} {date.year}"


def fiscal_year_ja(year: int) -> str:
    """The fiscal year beginning in April of `year`: 2022 → 令和4年度, 2019 → 令和元年度, 1989 → 平成元年度.

    A fiscal year takes the era of its first day (1 April: FY1926 is 大正15年度, FY1989 平成元年度),
    except that FY2019 (which began under 平成) is called 令和元年度 as the government does.
    """
    if year == REIWA_FIRST_FISCAL_YEAR:
        return "令和元年度"
    if not 1 <= year <= 9999:
        return f"{year}年度"
    name, number = era_of(dt.date(year, 4, 1))
    return f"{name}{_year(number)}年度" if name else f"{year}年度"


def fiscal_year_en(year: int) -> str:
    return f"FY{year}"


def fiscal_year_label(year: int, lang: str) -> str:
    return fiscal_year_ja(year) if lang == "ja" else fiscal_year_en(year)


def local_date(date: dt.date, lang: str) -> str:
    """The date in the interface's language: 令和4年10月5日(水) or Wed 5 Oct 2022."""
    return era_date(date) if lang == "ja" else english_date(date)


def full_date(date: dt.date, lang: str) -> str:
    """ISO and the local form together: 2022-10-05 令和4年10月5日(水)."""
    return f"{date.isoformat()} {local_date(date, lang)}"
