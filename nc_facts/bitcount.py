"""How many of a sentence's words each fact holds, counted for every fact at once.

A set of facts is a Python ``int`` whose bit ``p`` stands for the fact at
place ``p`` of the base.  The counts are bit-sliced: digit ``i`` of every
fact's count is one ``int`` (``digits[i]``), so that adding a word's facts is
a few operations on whole ints (a carry chain) whatever the number of facts,
where counting them one by one costs a dictionary update per fact and word
(most of a check's time on a base of 100,000 facts whose common words each
stand in thousands of them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def add(digits: list[int], facts: int) -> None:
    """Add one to the count of every fact in ``facts``."""
    carry = facts
    for i, digit in enumerate(digits):
        if not carry:
            return
        digits[i], carry = digit ^ carry, digit & carry
    if carry:
        digits.append(carry)


def counted(sets: Iterable[int]) -> list[int]:
    """The counts of every fact over ``sets`` (a set given twice counts twice), as bit-sliced digits."""
    digits: list[int] = []
    for facts in sets:
        add(digits, facts)
    return digits


def lowest(facts: int, wanted: int) -> list[int]:
    """The places of the first ``wanted`` facts of the set, in order."""
    if min(facts.bit_count(), wanted) <= FEW_BITS:
        return _lowest_one_by_one(facts, wanted)
    # Each bit taken off a large set costs whole-int operations; its bytes are scanned once instead, in C.
    places: list[int] = []
    data = facts.to_bytes((facts.bit_length() + 7) // 8, "little")
    for match in _NONZERO_BYTE.finditer(data):
        at, byte = match.start() * 8, data[match.start()]
        while byte:
            low = byte & -byte
            places.append(at + low.bit_length() - 1)
            if len(places) == wanted:
                return places
            byte ^= low
    return places


# Up to this many bits are taken off the int itself: fewer whole-int operations than one scan of its bytes.
FEW_BITS = 8
_NONZERO_BYTE = re.compile(rb"[^\x00]")


def _lowest_one_by_one(facts: int, wanted: int) -> list[int]:
    places: list[int] = []
    while facts and len(places) < wanted:
        low = facts & -facts
        places.append(low.bit_length() - 1)
        facts ^= low
    return places


def most(digits: list[int], wanted: int) -> list[int]:
    """The places of the ``wanted`` facts of highest count (at least 1), ties in place order."""
    places: list[int] = []
    remaining = 0
    for digit in digits:
        remaining |= digit
    while remaining and len(places) < wanted:
        # The facts of the highest count left: from the highest digit down, those having it where any has it.
        group = remaining
        for digit in reversed(digits):
            having = group & digit
            if having:
                group = having
        places += lowest(group, wanted - len(places))
        remaining &= ~group
    return places


def of_places(places: Iterable[int], size: int) -> int:
    """The set of the facts at these places, among ``size``."""
    bits = bytearray((size + 7) // 8)
    for place in places:
        bits[place >> 3] |= 1 << (place & 7)
    return int.from_bytes(bits, "little")


def to_bytes(facts: int, size: int) -> bytes:
    """The set as ``of_bytes`` reads it back (a saved view keeps the sets of its common words so)."""
    return facts.to_bytes((size + 7) // 8, "little")


def of_bytes(data: bytes) -> int:
    return int.from_bytes(data, "little")
