"""Units by every way a figure writes them: a base's declared units, and the currency signs CLDR knows.

A base may declare the units its values are in (``[[unit]]`` in facts.toml,
docs/base-format.md), each with its symbol and other names: ``pounds``,
written ``£``, ``pounds sterling`` or ``GBP``.  A figure typed as people
write it (``£70,000``, ``70,000 pounds sterling``) then takes the declared
name.  A currency sign no declared unit writes is read with Babel's CLDR
data (``£`` is GBP), never a list of our own.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from .model import Unit


def written_key(text: str) -> str:
    """The form two ways of writing a unit are compared in: case and spacing aside."""
    return " ".join(text.casefold().split())


class UnitNames:
    """Declared units by their name, symbol and aliases; the first unit declared keeps a shared form."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = tuple(units)
        self._by_form: dict[str, Unit] = {}
        for unit in self.units:
            for form in unit.names:
                if written_key(form):
                    self._by_form.setdefault(written_key(form), unit)
        self._longest = max((len(form.split()) for form in self._by_form), default=0)

    def __bool__(self) -> bool:
        return bool(self.units)

    def owner(self, form: str) -> Unit | None:
        """The declared unit written ``form`` (its name, symbol or an alias), if any."""
        return self._by_form.get(written_key(form))

    def at_start(self, text: str) -> tuple[Unit, str] | None:
        """The unit whose longest written form begins ``text`` (whole words), and the words after it."""
        words = text.split()
        for count in range(min(self._longest, len(words)), 0, -1):
            unit = self.owner(" ".join(words[:count]))
            if unit is not None:
                return unit, " ".join(words[count:])
        return None

    def for_sign(self, sign: str) -> str | None:
        """The unit a sign written with a number stands for: a declared one's name, else a currency's code."""
        declared = self.owner(sign)
        if declared is not None:
            return declared.name
        code = currency_code(sign)
        if code is None:
            return None
        declared = self.owner(code)
        return declared.name if declared is not None else code

    def name_of(self, unit: str) -> str:
        """The declared name of the unit ``unit`` writes ('GBP' -> 'pounds'); ``unit`` itself when none does."""
        declared = self.owner(unit)
        return declared.name if declared is not None else unit

    def names(self) -> list[str]:
        return sorted({unit.name for unit in self.units})


@functools.cache
def _currency_signs() -> dict[str, str]:
    """Sign -> ISO 4217 code, from CLDR's English currency symbols; a sign two currencies share is left out."""
    from .cldr import cldr_table

    signs: dict[str, list[str]] = {}
    for code, symbol in cldr_table("english_currency_symbols").items():
        if symbol != code and not symbol.isalpha():
            signs.setdefault(symbol, []).append(code)
    return {symbol: codes[0] for symbol, codes in signs.items() if len(codes) == 1}


def currency_code(sign: str) -> str | None:
    """'£' -> 'GBP', '$' -> 'USD', 'A$' -> 'AUD'; None for a sign CLDR's English data does not give."""
    return _currency_signs().get(sign)
