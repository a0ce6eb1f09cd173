"""Narrowing a base to the facts a reader asks for: by tag, kind, source, claimant, date.

Different criteria combine with AND; the values repeated for one criterion
(``--tag a --tag b``) are alternatives (OR).  Date criteria (years and a
range) must all hold for one and the same date of a fact, so "--year 2018
--from 2024" does not match a fact dated both 2018 and 2024.

A partial date meets a range when the days it could mean overlap it: a fact
dated "2024" is inside "--from 2024-06", since it may well be about June.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from .dates import PartialDate, parse_partial_date
from .errors import UsageError
from .model import FACT_KINDS, Base, Fact
from .text import normalize


class FactFilter(NamedTuple):
    """What a fact must have to be shown; the empty filter lets every fact through."""

    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    unsourced: bool = False
    caveats: bool = False
    include_retired: bool = False

    @property
    def active(self) -> bool:
        return self != FactFilter()

    @property
    def has_date_criteria(self) -> bool:
        return bool(self.years) or self.date_from is not None or self.date_to is not None

    def date_matches(self, date: PartialDate) -> bool:
        """True when this one date meets every date criterion."""
        if self.years and date.year not in self.years:
            return False
        if self.date_from is not None and date.last_day() < self.date_from.as_date():
            return False
        return not (self.date_to is not None and date.as_date() > self.date_to.last_day())

    def matches(self, fact: Fact) -> bool:
        return all(check(fact) for check in self._checks())

    def _checks(self) -> list[Callable[[Fact], bool]]:
        checks: list[Callable[[Fact], bool]] = []
        if self.tags:
            wanted = {tag.casefold() for tag in self.tags}
            checks.append(lambda fact: any(tag.casefold() in wanted for tag in fact.tags))
        if self.kinds:
            checks.append(lambda fact: fact.kind in self.kinds)
        if self.sources:
            checks.append(lambda fact: any(c.source in self.sources for c in fact.citations))
        if self.claimants:
            checks.append(self._claimant_matches)
        if self.has_date_criteria:
            checks.append(lambda fact: any(self.date_matches(date) for date in fact.dates))
        if self.unsourced:
            checks.append(lambda fact: not fact.sourced)
        if self.caveats:
            checks.append(lambda fact: bool(fact.caveats))
        if not self.include_retired:
            checks.append(lambda fact: not fact.retired)
        return checks

    def _claimant_matches(self, fact: Fact) -> bool:
        # Part of a name is enough, accents and case aside: "darmanin" finds "Gérald Darmanin".
        claimant = normalize(fact.claimant)
        return bool(claimant) and any(normalize(name) in claimant for name in self.claimants)

    def to_dict(self) -> dict[str, Any]:
        """The filter as JSON: echoed in documents so a script sees what was asked."""
        return {
            "tags": list(self.tags),
            "kinds": list(self.kinds),
            "sources": list(self.sources),
            "claimants": list(self.claimants),
            "years": list(self.years),
            "from": self.date_from.iso() if self.date_from else None,
            "to": self.date_to.iso() if self.date_to else None,
            "unsourced": self.unsourced,
            "caveats": self.caveats,
            "include_retired": self.include_retired,
        }


def parse_date_bound(text: str, option: str) -> PartialDate:
    """A --from/--to value: "2024", "2024-04" or "2024-04-19"; UsageError otherwise."""
    try:
        return parse_partial_date(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def make_filter(*, tags: Sequence[str] = (), kinds: Sequence[str] = (), sources: Sequence[str] = (),
                claimants: Sequence[str] = (), years: Sequence[int] = (), date_from: str | None = None,
                date_to: str | None = None, unsourced: bool = False, caveats: bool = False,
                include_retired: bool = False) -> FactFilter:
    """Build a filter from option values as typed, checking what can be checked without a base."""
    for kind in kinds:
        if kind not in FACT_KINDS:
            raise UsageError(f"--kind: unknown kind {kind!r} (one of: {', '.join(FACT_KINDS)})")
    start = parse_date_bound(date_from, "--from") if date_from else None
    end = parse_date_bound(date_to, "--to") if date_to else None
    if start and end and start.as_date() > end.last_day():
        raise UsageError(f"--from {start} is after --to {end}")
    return FactFilter(tuple(tags), tuple(kinds), tuple(sources), tuple(claimants), tuple(years), start, end,
                      unsourced, caveats, include_retired)


def check_against(base: Base, where: FactFilter) -> None:
    """UsageError for a source key or tag the base lacks: a typo should not read as 'no facts'."""
    check_names(where, base.sources, lambda: {tag.casefold(): tag for fact in base.facts for tag in fact.tags})


def check_names(where: FactFilter, source_keys: Collection[str], tags: Callable[[], Mapping[str, str]]) -> None:
    """``check_against`` given the base's source keys and its tags (case folded -> the last spelling in the base)."""
    for key in where.sources:
        if key not in source_keys:
            raise UsageError(f"--source: no source with key {key!r}{_did_you_mean(key, source_keys)}")
    if where.tags:
        known = tags()
        for tag in where.tags:
            if tag.casefold() not in known:
                hint = _did_you_mean(tag.casefold(), known, lambda close: known[close])
                raise UsageError(f"--tag: no fact has the tag {tag!r}{hint}")


def _did_you_mean(word: str, choices: Iterable[str], shown: Callable[[str], str] = str) -> str:
    import difflib  # only for a name the base lacks

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(shown(choice) for choice in close)}?" if close else ""


def select(facts: Iterable[Fact], where: FactFilter | None) -> list[Fact]:
    """The facts that pass ``where``, in base order; retired facts only when it includes them."""
    if where is None or not where.active:
        return [fact for fact in facts if not fact.retired]
    return [fact for fact in facts if where.matches(fact)]
