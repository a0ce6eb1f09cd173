"""Every dated fact in date order, one entry per date a fact is about.

Dates of different precision sort year-first and, within a year, the less
precise first (``PartialDate`` order): "2024" heads the year, then
"2024-04", then "2024-04-19", then "2024-05".  Facts with the same date keep
their order in the base.
"""

from __future__ import annotations

from typing import NamedTuple

from .dates import PartialDate
from .filters import FactFilter, select
from .model import Base, Fact


class TimelineEntry(NamedTuple):
    """One fact at one of its dates; a fact about 2024 and 2025 has two entries."""

    date: PartialDate
    fact: Fact


def build_timeline(base: Base, where: FactFilter | None = None) -> list[TimelineEntry]:
    """The entries of the facts passing ``where``, at the dates that meet its date criteria, in order."""
    entries = [
        TimelineEntry(date, fact)
        for fact in select(base.facts, where)
        for date in fact.dates
        if where is None or where.date_matches(date)
    ]
    # sorted() is stable, so equal dates keep base order.
    return sorted(entries, key=lambda entry: entry.date)
