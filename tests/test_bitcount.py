"""Counting facts as bits: the same counts and order as counting them one by one."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from nc_facts import bitcount


def _by_hand(sets: list[set[int]], wanted: int) -> list[int]:
    hits = Counter(place for places in sets for place in places)
    return sorted(hits, key=lambda place: (-hits[place], place))[:wanted]


@pytest.mark.parametrize("seed", range(20))
def test_the_most_counted_places_are_those_counted_one_by_one(seed: int) -> None:
    chance = random.Random(seed)
    size = chance.choice([1, 7, 8, 9, 300, 5000])
    sets = [{chance.randrange(size) for _ in range(chance.randrange(size * 2 + 1))}
            for _ in range(chance.randrange(12))]
    digits = bitcount.counted(bitcount.of_places(places, size) for places in sets)
    for wanted in (1, 5, 30, size + 1):
        assert bitcount.most(digits, wanted) == _by_hand(sets, wanted)


@pytest.mark.parametrize("seed", range(10))
def test_the_lowest_places_of_sparse_and_dense_sets_are_in_order(seed: int) -> None:
    chance = random.Random(seed)
    size = chance.choice([1, 9, 64, 5000, 200_000])
    for share in (0.0, 0.00002, 0.001, 0.2, 1.0):
        places = sorted({chance.randrange(size) for _ in range(int(size * share))})
        facts = bitcount.of_places(places, size)
        for wanted in (1, bitcount.FEW_BITS, bitcount.FEW_BITS + 1, 30, size + 1):
            assert bitcount.lowest(facts, wanted) == places[:wanted]


def test_a_set_given_twice_counts_twice() -> None:
    once, twice = bitcount.of_places([3], 10), bitcount.of_places([5], 10)
    digits = bitcount.counted([once, twice, twice])
    assert bitcount.most(digits, 2) == [5, 3]
    assert bitcount.most(digits, 5) == [5, 3]  # the facts counted 0 are none of the most counted


def test_a_set_comes_back_from_its_bytes() -> None:
    facts = bitcount.of_places([0, 9, 17], 18)
    assert bitcount.of_bytes(bitcount.to_bytes(facts, 18)) == facts
    assert bitcount.lowest(facts, 2) == [0, 9] and bitcount.most([], 3) == []
