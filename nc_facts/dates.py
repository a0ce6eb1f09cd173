"""Partial dates: a year, a month or a day, compared at their own precision."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Literal, NamedTuple

Precision = Literal["year", "month", "day"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate(NamedTuple):
    """A date known to the year, the month or the day; sorts year-first, the less precise first."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> Precision:
        if self.day:
            return "day"
        return "month" if self.month else "year"

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()

    def covers(self, other: PartialDate) -> bool:
        """True when ``other`` falls inside this date at this date's precision."""
        if self.year != other.year:
            return False
        if self.month and other.month and self.month != other.month:
            return False
        return not (self.day and other.day and self.day != other.day)

    def as_date(self) -> dt.date:
        """The first day this date could mean (for range filters)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day this date could mean (for range filters)."""
        if self.day:
            return self.as_date()
        if self.month:
            following = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)


def parse_partial_date(value: object) -> PartialDate:
    """Parse "YYYY", "YYYY-MM", "YYYY-MM-DD" or a TOML date; ValueError says what is wrong."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise ValueError(f"expected a date string like '2024-04', got {type(value).__name__}")
    return _parse_date_text(value)


# A large base repeats the same few thousand dates; a PartialDate is immutable, so one object serves them all.
# (A ValueError is not cached: it propagates through the cache every time.)
@lru_cache(maxsize=8192)
def _parse_date_text(value: str) -> PartialDate:
    match = _ISO.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if year < 1:
        raise ValueError(f"{value!r} has no year 0 (the calendar starts at year 1)")
    if match.group(2) and not 1 <= month <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    if match.group(3):
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"{value!r} is not a real date") from None
    return PartialDate(year, month, day)


def date_key(date: PartialDate) -> int:
    """The date as one number that sorts as the date does (``year * 10000 + month * 100 + day``)."""
    return date.year * 10000 + date.month * 100 + date.day


def date_of_key(key: int) -> PartialDate:
    return PartialDate(key // 10000, key // 100 % 100, key % 100)
