"""Search on bases of their own: queries written in a reader's words before search was tuned on them.

Each base (tests/data/quebec-australia, built with init, add-source and add-fact; tests/data/uk-referendums)
is in today's format and declares nothing beyond its facts and sources.  A query passes when its first
result holds one of its `expect` strings (in the result's JSON) or `expect_num` numbers (as a numeric
token); `stretch` queries use words the base does not hold and are left out.  The floors guard the method,
not an item: nineteen in twenty first, every one in the first three; the on-disk index answers the same.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from nc_facts import load_base, store
from nc_facts.search import find
from nc_facts.serialize import fact_to_dict

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parent / "data"
BASES = ["quebec-australia", "uk-referendums"]
NUMBER = re.compile(r"(?<![\d.])\d+(?:[.,]\d+)?(?![\d])")


def holds(result: dict[str, Any], query: dict[str, Any]) -> bool:
    text = json.dumps(result, ensure_ascii=False)
    if any(wanted.lower() in text.lower() for wanted in query.get("expect", [])):
        return True
    numbers = {float(token.replace(",", ".")) for token in NUMBER.findall(text)}
    return any(float(wanted) in numbers for wanted in query.get("expect_num", []))


def core_queries(name: str) -> list[dict[str, Any]]:
    queries = tomllib.loads((DATA / name / "queries.toml").read_text(encoding="utf-8"))["query"]
    return [query for query in queries if not query.get("stretch")]


@pytest.fixture(scope="module", params=BASES)
def ranks(request: pytest.FixtureRequest) -> list[tuple[str, int | None]]:
    """Each core query of a base, with the rank (0 first) of its first result holding what it expects."""
    base = load_base(DATA / request.param)
    found = []
    for query in core_queries(request.param):
        results = [fact_to_dict(hit.fact, base.sources) for hit in find(base, query["q"], limit=3).hits]
        found.append((query["q"], next((rank for rank, result in enumerate(results) if holds(result, query)), None)))
    return found


def test_nineteen_in_twenty_are_found_first(ranks: list[tuple[str, int | None]]) -> None:
    first = sum(1 for _, rank in ranks if rank == 0)
    assert first >= 0.95 * len(ranks), [query for query, rank in ranks if rank != 0]


def test_every_one_is_in_the_first_three(ranks: list[tuple[str, int | None]]) -> None:
    assert [query for query, rank in ranks if rank is None] == []


@pytest.mark.parametrize("name", BASES)
def test_the_index_answers_as_the_base_does(name: str) -> None:
    base = load_base(DATA / name)
    for query in core_queries(name):
        document = store.search_document(str(DATA / name), query["q"], 3)
        expected = [(hit.fact.id, hit.score, list(hit.matched)) for hit in find(base, query["q"], limit=3).hits]
        assert [(r["id"], r["score"], r["matched"]) for r in document["results"]] == expected, query["q"]
