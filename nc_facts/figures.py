"""Figures as people write them: '2,001,926', '51.9%', '£70,000', '350 million', '~80'.

``parse_figure`` turns the text of a ``--value`` option into a number, a
unit and a measure.  Thousands separators, a decimal comma, a percent sign,
a currency sign and a scale word are understood; the unit is then the word
after the number (``percent`` for a percent sign, an ISO code for a
currency sign) and the measure is the rest.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import UsageError

CURRENCY_SIGNS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₺": "TRY"}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12, "tn": 1e12}
PERCENT_WORDS = {"%": "percent", "percent": "percent", "per cent": "percent", "pc": "percent"}

_NUMBER = re.compile(
    r"""^(?P<approx>~)?
        (?P<sign>[-−])?
        (?P<currency>[£$€¥₺])?
        (?P<number>\d[\d,\u202f\u00a0]*(?:\.\d+)?|\.\d+)
        (?P<suffix>%|k|m|mn|bn|tn)?
        (?:\s+|$)""",
    re.VERBOSE | re.IGNORECASE,
)
# 2,001,926 or 1,234.5: commas between groups of three digits
_GROUPED = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?:\.\d+)?$")
# 56,7: one comma before one, two or four-plus digits is a decimal comma
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")


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


def parse_figure(text: str, option: str = "--value") -> Figure:
    """'51.9% leave share' -> Figure(51.9, 'percent', 'leave share', False); UsageError when it is not one."""
    spec = text.strip()
    example = "e.g. '56.7 percent no share', '2,001,926 votes cast' or '£350 million weekly claim'"
    match = _NUMBER.match(spec)
    if not match:
        raise UsageError(f"{option} {text!r}: write NUMBER UNIT MEASURE, {example}")
    try:
        number = parse_number(match.group("number"))
    except ValueError as exc:
        raise UsageError(f"{option} {text!r}: {exc}") from None
    if match.group("sign"):
        number = -number
    rest = spec[match.end():].strip()
    suffix = (match.group("suffix") or "").lower()
    unit = "percent" if suffix == "%" else ""
    if suffix in SCALES:
        number *= SCALES[suffix]
    rest, scale = _scale_word(rest)
    number *= scale
    if match.group("currency"):
        unit = CURRENCY_SIGNS[match.group("currency")]
    if not unit:
        unit, rest = _unit_word(rest)
    if not unit or not rest:
        raise UsageError(f"{option} {text!r}: a figure needs a unit and what it measures, {example}")
    return Figure(_tidy(number), unit, rest, bool(match.group("approx")))


def _scale_word(rest: str) -> tuple[str, float]:
    word, _, after = rest.partition(" ")
    scale = SCALES.get(word.lower()) if len(word) > 2 else None  # 'm' alone is a unit (metres), not a million
    return (after.strip(), scale) if scale else (rest, 1.0)


def _unit_word(rest: str) -> tuple[str, str]:
    lowered = rest.lower()
    for written, unit in PERCENT_WORDS.items():
        if lowered == written or lowered.startswith(written + " "):
            return unit, rest[len(written):].strip()
    word, _, after = rest.partition(" ")
    return word, after.strip()


def _tidy(number: float) -> float:
    """350 * 1e6 without the float noise of the multiplication: as many digits as were written."""
    return float(f"{number:.12g}")
