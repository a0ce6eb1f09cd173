"""Rules on what values measure: declared measures, complementary shares, one figure per measure.

Figures are grouped by the event of their fact and their scope: a province's
yes share is not the territory's.  A base that declares no measures keeps
the one rule it always had: the yes and no shares of an event add up to 100.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import NamedTuple

from .model import BetterValue, Fact, Measure, Value
from .problems import Problem
from .toml_lines import LineIndex

# Shares printed to two decimals may each be off by 0.005; two of them by 0.01.
SHARE_TOLERANCE = 0.011
# An approximate figure ("approximately 80 %") is only good to the unit.
APPROXIMATE_TOLERANCE = 1.0
YES_SHARE, NO_SHARE = "yes share", "no share"
SHARE_SUFFIX = " share"
PERCENT = "percent"
# A fact with a caveat of this severity records a figure the base holds to be wrong (a misreported share):
# it is not the base's own figure, so it neither clashes with the right one nor has to sum with it.
WRONG = "wrong"


class Figure(NamedTuple):
    position: int
    fact: Fact
    value: float
    approximate: bool
    unit: str


# (event, scope, measure) -> the first figure stated for it
Figures = dict[tuple[str, str, str], Figure]


def measure_problems(measures: list[Measure], lines: LineIndex, file: str) -> list[Problem]:
    """Problems of the [[measure]] tables themselves: names unique, complements declared and mutual."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    by_name = {measure.name: measure for measure in measures}
    for index, measure in enumerate(measures):
        def at(field: str, message: str, index: int = index, measure: Measure = measure) -> None:
            problems.append(Problem(file, message, line=lines.line(index, field), fact_id=measure.name or None,
                                    field=field, id_label="measure name"))

        if measure.name in first:
            at("name", f"duplicate measure (first declared on line {lines.line(first[measure.name], 'name')})")
        first.setdefault(measure.name, index)
        complement = by_name.get(measure.complement)
        if not measure.complement:
            continue
        if measure.complement == measure.name:
            at("complement", "a measure cannot be its own complement")
        elif complement is None:
            at("complement", f"{measure.complement!r} is not a declared measure")
        elif complement.complement not in ("", measure.name):
            at("complement", f"{measure.complement!r} has another complement, {complement.complement!r}")
    return problems


def complementary_pairs(measures: list[Measure]) -> list[tuple[str, str]]:
    """Each declared pair of measures that sum to 100, once, in the order first declared."""
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    for measure in measures:
        if measure.complement and measure.complement != measure.name:
            pairs.setdefault(frozenset((measure.name, measure.complement)), (measure.name, measure.complement))
    return list(pairs.values())


def value_measure_problems(fact: Fact, declared: dict[str, Measure]) -> Iterator[tuple[str, str]]:
    """Field and message of each value of ``fact`` whose measure is not declared or has another unit."""
    for field, figure in stated_figures(fact):
        measure = declared.get(figure.measure)
        if measure is None:
            yield f"{field}.measure", f"{figure.measure!r} is not a declared measure"
        elif measure.unit and figure.unit and figure.unit != measure.unit:
            yield f"{field}.unit", f"{figure.measure!r} is measured in {measure.unit!r}, not {figure.unit!r}"


def stated_figures(fact: Fact) -> Iterator[tuple[str, Value | BetterValue]]:
    """Each value and better value of ``fact`` with its field: ("values[0]", value), ..."""
    for n, value in enumerate(fact.values):
        yield f"values[{n}]", value
    for n, better in enumerate(fact.better_values):
        yield f"better_values[{n}]", better


def figures_of(facts: list[Fact], clashes: list[tuple[int, Fact, str, str]] | None,
               scope_key: Callable[[str], str] = str) -> Figures:
    """The first figure of each event, scope and measure.

    With ``clashes`` (a base that declares its measures), a differing second figure is added to it (with its
    fact's position, the fact, the value's field and a message), and facts
    holding a figure the base calls wrong are left out.  ``scope_key`` gives the one spelling of a scope.
    """
    figures: Figures = {}
    for index, fact in enumerate(facts):
        if not fact.event or (clashes is not None and any(caveat.severity == WRONG for caveat in fact.caveats)):
            continue
        for n, value in enumerate(fact.values):
            if math.isnan(value.value):
                continue
            key = (fact.event, scope_key(value.scope) if value.scope else "", value.measure)
            first = figures.setdefault(key, Figure(index, fact, value.value, value.approximate, value.unit))
            if clashes is not None and first.value != value.value:
                clashes.append((index, fact, f"values[{n}]", _clash(first, value.value, key)))
    return figures


def _clash(first: Figure, value: float, key: tuple[str, str, str]) -> str:
    event, scope, measure = key
    where = f" of {event}" + (f" in {scope}" if scope else "")
    return f"a second {measure}{where}: {value:.12g}, but fact {first.fact.id!r} gives {first.value:.12g}"


def share_sum_problems(figures: Figures, pairs: list[tuple[str, str]]) -> Iterator[tuple[int, Fact, str]]:
    """Each declared pair of one event and scope, both stated, must add up to 100 within rounding."""
    groups = {(event, scope) for event, scope, _ in figures}
    for event, scope in sorted(groups):
        for first_measure, second_measure in pairs:
            first, second = figures.get((event, scope, first_measure)), figures.get((event, scope, second_measure))
            if first is None or second is None or first.unit != PERCENT or second.unit != PERCENT:
                continue
            tolerance = APPROXIMATE_TOLERANCE if first.approximate or second.approximate else SHARE_TOLERANCE
            total = first.value + second.value
            if abs(total - 100) > tolerance:
                shares = _pair(first_measure, first.value, second_measure, second.value)
                where = event + (f" in {scope}" if scope else "")
                yield first.position, first.fact, f"{shares} of {where} add up to {total:g}, not 100"


def _pair(first: str, first_value: float, second: str, second_value: float) -> str:
    """'yes (43.3) and no (56.7) shares', or 'leave (51.9) and remain (48.1)' for other names."""
    if first.endswith(SHARE_SUFFIX) and second.endswith(SHARE_SUFFIX):
        return f"{first[:-len(SHARE_SUFFIX)]} ({first_value:g}) and {second[:-len(SHARE_SUFFIX)]} " \
               f"({second_value:g}) shares"
    return f"{first} ({first_value:g}) and {second} ({second_value:g})"
