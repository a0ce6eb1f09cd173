"""Search ranking on the bundled base: forgiving with words, strict with numbers."""

from __future__ import annotations

import pytest

from nc_facts import UsageError, load_base, search
from nc_facts.entity_names import EntityNames
from nc_facts.model import Base
from nc_facts.text import content_terms, fold, normalize


@pytest.fixture(scope="module")
def base() -> Base:
    return load_base()


def top_ids(base: Base, query: str, n: int = 1) -> list[str]:
    return [hit.fact.id for hit in search(base, query, limit=n)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("turnout 2020", "referendum-2020-turnout"),
        ("2018 turnout", "referendum-2018-turnout"),
        ("turnout third referendum", "referendum-2021-turnout"),
        ("referendum 2021 no", "referendum-2021-no-share"),
        ("85,64 %", "referendum-2020-turnout"),  # decimal comma
        ("85.69", "referendum-2020-turnout"),  # the better figure finds its fact too
    ],
)
def test_numbers_and_years_decide_between_similar_facts(base: Base, query: str, expected: str) -> None:
    assert top_ids(base, query) == [expected]


@pytest.mark.parametrize(
    ("query", "must_mention"),
    [
        ("Gerald Darmanin", "Darmanin"),  # no accent
        ("GÉRALD DARMANIN", "Darmanin"),  # case and accent
        ("darmanen", "Darmanin"),  # typo
        ("anexation frnace", "1853"),  # two typos
        ("Yeni Kaledonya referandum", "referendum"),  # Turkish alias
        ("Kanaky", "Kanak"),
    ],
)
def test_words_are_forgiven(base: Base, query: str, must_mention: str) -> None:
    hits = search(base, query, limit=1)
    assert hits, query
    fact = hits[0].fact
    declared = EntityNames(base.entities).other_names(fact)  # names the base declares once, for every fact
    text = " ".join([fact.claim, fact.quote, *fact.aliases, *declared, *(str(d) for d in fact.dates)])
    assert must_mention.casefold() in text.casefold()


def test_nonsense_finds_nothing(base: Base) -> None:
    assert search(base, "xylophone quantum zebra") == []
    assert search(base, "1999") == []


def test_scores_are_ordered_and_bounded(base: Base) -> None:
    hits = search(base, "referendum turnout", limit=10)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert len(hits) <= 10


def test_empty_query_is_a_usage_error(base: Base) -> None:
    with pytest.raises(UsageError, match="empty"):
        search(base, "   ")
    with pytest.raises(UsageError, match="limit"):
        search(base, "turnout", limit=0)


def test_normalisation() -> None:
    assert fold("Gérald Darmanın Ÿ") == "gerald darmanin y"
    assert normalize("56,7 % of 174,165 voters") == "56.7 % of 174165 voters"
    assert content_terms("The rejected referendums") == ["reject", "referendum"]
