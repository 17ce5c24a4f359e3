"""Whether a day is a weekend or a national holiday of Japan (jpholiday), to flag a proposed
meeting date that falls on one."""

from __future__ import annotations

import datetime as dt


def day_off(date: dt.date) -> str | None:
    """The holiday's name (振替休日 included), "weekend" for a Saturday or Sunday, None for a
    working day."""
    import jpholiday

    name = jpholiday.is_holiday_name(date)
    if name:
        return str(name)
    return "weekend" if date.weekday() >= 5 else None
