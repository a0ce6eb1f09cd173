"""Rules on the units a base declares, and on the figures and measures that name them.

Every rule here holds only where the base declares units: a base that
declares none keeps its free-text units.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from .figures import PERCENT, PERCENT_SIGN
from .model import Fact, Measure, Unit
from .problems import Problem
from .toml_lines import LineIndex
from .units import UnitNames, written_key
from .validate_measures import stated_figures

_NOT_IN_A_SYMBOL = re.compile(r"[\d\s]")


def unit_problems(units: list[Unit], lines: LineIndex, file: str) -> list[Problem]:
    """Problems of the [[unit]] tables themselves: names unique, no way of writing one shared by two units."""
    problems: list[Problem] = []
    owner: dict[str, tuple[str, int]] = {}  # written form -> (unit name, index of its table)
    for index, unit in enumerate(units):
        for field, message in _own_problems(unit, index, owner, lines):
            problems.append(Problem(file, message, line=lines.line(index, field), fact_id=unit.name or None,
                                    field=field, id_label="unit name"))
    return problems


def _own_problems(unit: Unit, index: int, owner: dict[str, tuple[str, int]],
                  lines: LineIndex) -> Iterator[tuple[str, str]]:
    if unit.symbol and _NOT_IN_A_SYMBOL.search(unit.symbol):
        yield "symbol", f"{unit.symbol!r} is not a symbol: a symbol has no digits or spaces"
    if unit.name and unit.name != PERCENT and {PERCENT, PERCENT_SIGN} & {written_key(form) for form in unit.names}:
        # Shares are summed, bounded to 0-100 and checked by the unit's name.
        yield "name", (f"a unit written {PERCENT!r} or {PERCENT_SIGN!r} is named {PERCENT!r}, "
                       f"the name shares are read by")
    forms = [("name", unit.name), *((("symbol", unit.symbol),) if unit.symbol else ()),
             *(("aliases", alias) for alias in unit.aliases)]
    for field, form in forms:
        key = written_key(form)
        if not key:
            if field == "aliases":  # a missing name is the loader's to report
                yield field, f"{form!r} is not a way to write a unit: it is blank"
            continue
        first, first_index = owner.setdefault(key, (unit.name, index))
        if first_index == index:
            continue
        if field == "name" and first == unit.name:
            yield field, f"duplicate unit (first declared on line {lines.line(first_index, 'name')})"
        else:
            yield field, f"{form!r} already writes unit {first!r}"


def value_unit_problems(fact: Fact, names: UnitNames) -> Iterator[tuple[str, str]]:
    """Field and message of each value and better value of ``fact`` whose unit is not a declared unit's name."""
    for field, figure in stated_figures(fact):
        message = _unit_problem(figure.unit, names)
        if message:
            yield f"{field}.unit", message


def measure_unit_problems(measures: list[Measure], names: UnitNames, lines: LineIndex,
                          file: str) -> list[Problem]:
    """Each declared measure whose unit is not a declared unit's name."""
    problems = []
    for index, measure in enumerate(measures):
        message = _unit_problem(measure.unit, names) if measure.unit else ""
        if message:
            problems.append(Problem(file, message, line=lines.line(index, "unit"), fact_id=measure.name or None,
                                    field="unit", id_label="measure name"))
    return problems


def _unit_problem(unit: str, names: UnitNames) -> str:
    """'' when ``unit`` is a declared unit's name; otherwise what it is and what to write."""
    declared = names.owner(unit)
    if declared is not None and declared.name == unit:
        return ""
    if declared is not None:
        return f"{unit!r} is a way to write the declared unit {declared.name!r}: write {declared.name!r}"
    choices = names.names()
    close = difflib.get_close_matches(unit, choices, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f" (declared: {', '.join(choices)})"
    return f"{unit!r} is not a declared unit{hint}"
