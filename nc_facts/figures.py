"""Figures as people write them: '2,001,926', '51.9%', '£70,000', '350 million', '~80'.

``parse_figure`` turns the text of a ``--value`` option into a number, a
unit and a measure.  Thousands separators, a decimal comma, a percent sign,
a sign before the number (``£``) and a scale word (``million``, ``bn``) are
understood.  The unit is read from the units the base declares where it
declares them (``£``, ``pounds sterling`` and ``GBP`` all write a unit
declared as ``pounds``); otherwise a sign is the currency CLDR gives it
(``GBP``) and a word is the unit as written.  The measure is the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .errors import UsageError
from .model import Unit
from .units import UnitNames

# English scale words and the abbreviations newspapers write after a number ("£350m", "€1.2bn").
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12, "tn": 1e12}
PERCENT = "percent"
PERCENT_SIGN = "%"
PERCENT_WORDS = (PERCENT_SIGN, "percent", "per cent", "pc")  # the sign, as written apart: '85.64 % turnout'

_NUMBER = re.compile(
    r"""^(?P<approx>~)?
        (?P<sign>[-−])?
        (?P<prefix>[^\d\s~.,+−-]{1,3})?
        (?P<number>\d[\d,\u202f\u00a0]*(?:\.\d+)?|\.\d+)
        (?P<suffix>%|k|m|mn|bn|tn)?
        (?:\s+|$)""",
    re.VERBOSE | re.IGNORECASE,
)
# 2,001,926 or 1,234.5: commas between groups of three digits
_GROUPED = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?:\.\d+)?$")
# 56,7: one comma before one, two or four-plus digits is a decimal comma
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
_EXAMPLE = "e.g. '56.7 percent no share', '2,001,926 count votes cast' or '£350 million weekly claim'"


class Figure(NamedTuple):
    value: float
    unit: str
    measure: str
    approximate: bool


def parse_number(text: str) -> float:
    """'2,001,926' -> 2001926.0, '56,7' -> 56.7, '1 234' (narrow space) -> 1234.0; ValueError otherwise."""
    if _GROUPED.match(text):
        return float(re.sub(r"[,\u202f\u00a0]", "", text))
    if _DECIMAL_COMMA.match(text):
        return float(text.replace(",", "."))
    if re.match(r"^(\d+(\.\d*)?|\.\d+)$", text):
        return float(text)
    raise ValueError(f"{text!r} is not a number")


def parse_figure(text: str, option: str = "--value", units: Iterable[Unit] = ()) -> Figure:
    """'51.9% leave share' -> Figure(51.9, 'percent', 'leave share', False); UsageError when it is not one.

    ``units`` are the base's declared units: a figure written with one of
    their names, symbols or aliases gets the unit's name.
    """
    spec = text.strip()
    match = _NUMBER.match(spec)
    if not match:
        raise UsageError(f"{option} {text!r}: write NUMBER UNIT MEASURE, {_EXAMPLE}")
    try:
        number = parse_number(match.group("number"))
    except ValueError as exc:
        raise UsageError(f"{option} {text!r}: {exc}") from None
    if match.group("sign"):
        number = -number
    names = UnitNames(units)
    suffix = (match.group("suffix") or "").lower()
    number *= SCALES.get(suffix, 1.0)
    rest, scale = _scale_word(spec[match.end():].strip())
    unit = _unit_of_signs(match.group("prefix") or "", suffix, names, f"{option} {text!r}")
    if not unit:
        unit, rest = _unit_word(rest, names)
    if not unit or not rest:
        raise UsageError(f"{option} {text!r}: a figure needs a unit and what it measures, {_EXAMPLE}")
    return Figure(_tidy(number * scale), unit, rest, bool(match.group("approx")))


def _scale_word(rest: str) -> tuple[str, float]:
    word, _, after = rest.partition(" ")
    scale = SCALES.get(word.lower()) if len(word) > 2 else None  # 'm' alone is a unit (metres), not a million
    return (after.strip(), scale) if scale else (rest, 1.0)


def _unit_of_signs(prefix: str, suffix: str, names: UnitNames, where: str) -> str:
    """The unit a sign before the number ('£') or a percent sign after it stands for; '' when neither is there."""
    if suffix == PERCENT_SIGN:
        return names.for_sign(PERCENT_SIGN) or names.name_of(PERCENT)
    if not prefix:
        return ""
    unit = names.for_sign(prefix)
    if unit is None:
        declared = "a declared unit's symbol or alias, nor " if names else ""
        raise UsageError(f"{where}: {prefix!r} before the number is neither {declared}a currency sign "
                         f"(CLDR knows '£', '$', '€', ...); write the unit after the number")
    return unit


def _unit_word(rest: str, names: UnitNames) -> tuple[str, str]:
    """The unit written after the number and what follows it: a declared unit's longest form, else the first word."""
    declared = names.at_start(rest)
    if declared is not None:
        unit, after = declared
        return unit.name, after
    lowered = rest.lower()
    for written in PERCENT_WORDS:
        if lowered == written or lowered.startswith(written + " "):
            return names.name_of(PERCENT), rest[len(written):].strip()
    word, _, after = rest.partition(" ")
    return word, after.strip()


def _tidy(number: float) -> float:
    """350 * 1e6 without the float noise of the multiplication: as many digits as were written."""
    return float(f"{number:.12g}")
