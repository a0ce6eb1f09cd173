"""The indexed terms of a fact are those of the plain definition: every field through normalise, tokenise, stem.

``search.fact_terms``, ``text.content_terms`` and ``text.search_terms`` take shortcuts (caches, a faster
tokeniser for ASCII, skipping substitutions that cannot apply); these tests hold
them to the straightforward definition, written out here, on real and generated
text, order of the terms included (it decides the order of the index's words).
"""

from __future__ import annotations

import importlib
import math
import re
from pathlib import Path

import Stemmer
from hypothesis import given, settings
from hypothesis import strategies as st

from nc_facts import loader
from nc_facts.model import Base, Fact, Source
from nc_facts.text import STOPWORDS, content_terms, fold, normalize, search_terms, stem, tokens

from conftest import MINI_BASE, ROOT, write_synthetic_base

search = importlib.import_module("nc_facts.search")

TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+", re.UNICODE)
DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d))")
THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}(?!\d))")


def plain_normalize(text: str) -> str:
    return DECIMAL_COMMA.sub(".", THOUSANDS.sub("", fold(text)))


def plain_content_terms(text: str) -> list[str]:
    return [stem(token) for token in TOKEN.findall(plain_normalize(text)) if token not in STOPWORDS]


SNOWBALL = Stemmer.Stemmer("english")


def plain_search_terms(text: str) -> list[str]:
    """Search's terms: Snowball stems of words longer than two letters; numbers and short words as written."""
    return [token if token[0].isdigit() or len(token) <= 2 else SNOWBALL.stemWord(token)
            for token in TOKEN.findall(plain_normalize(text)) if token not in STOPWORDS]


def plain_fact_terms(fact: Fact, sources: dict[str, Source]) -> list[tuple[str, float]]:
    terms: dict[str, float] = {}
    for text, weight in search.fact_fields(fact, sources):
        for term in plain_search_terms(text):
            if terms.get(term, 0.0) < weight:
                terms[term] = weight
    for term, weight in search.fact_numbers(fact):
        if terms.get(term, 0.0) < weight:
            terms[term] = weight
    stated = set(plain_search_terms(fact.claim))
    years = [term for term in terms if len(term) == 4 and term.isdigit() and 1000 <= int(term) <= 2199]
    if len(years) > 1:
        for year in years:
            if year not in stated:
                terms[year] *= 1 / math.sqrt(len(years))
    return list(terms.items())


def synthetic_base(directory: Path) -> Path:
    write_synthetic_base(directory, 1500, seed=5)
    return directory


def assert_same_terms(base: Base) -> None:
    sources = dict(base.sources)
    for fact in base.facts:
        assert list(search.fact_terms(fact, sources).items()) == plain_fact_terms(fact, sources), fact.id


def test_bundled_mini_and_synthetic_bases_index_the_plain_terms(tmp_path: Path) -> None:
    for directory in (ROOT, MINI_BASE, synthetic_base(tmp_path / "synthetic")):
        base = loader.load_base(directory)
        assert_same_terms(base)
        assert_same_terms(base)  # again, now from the caches


TEXT = st.text(alphabet=st.sampled_from(list("aZé ,.-0123456789ıß\u202f\u00a0²٣ΣΑ_'\n")) | st.characters(),
               max_size=40)


SEPARATED = ["1 000 people", "1\u00a0000", "12\u202f345,67 %", "2,5", "1,234,56", "56,7 %", "1,2345", "a 1 23",
             "Turnout: 85,64 % of 180 799 voters", "Σ 1 000,5 ΣΑ"]


@settings(max_examples=400, deadline=None)
@given(TEXT | st.sampled_from(SEPARATED))
def test_any_text_normalises_and_tokenises_as_plainly_defined(text: str) -> None:
    assert normalize(text) == plain_normalize(text)
    assert tokens(text) == TOKEN.findall(text)
    assert content_terms(text) == plain_content_terms(text)
    assert content_terms(text) == plain_content_terms(text)  # from the cache
    assert search_terms(text) == plain_search_terms(text)
    assert search_terms(text) == plain_search_terms(text)  # from the cache


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6), st.lists(st.sampled_from(["1999", "2020", "1000", "2199", "2200"]),
                                                        max_size=3))
def test_any_fact_indexes_the_plain_terms(texts: list[str], years: list[str]) -> None:
    claim, *rest = texts
    fact = Fact(id="f", claim=" ".join([claim, *years]), kind="denial", quote=rest[0] if rest else "",
                entities=tuple(rest[1:]), tags=tuple(rest[2:]))
    assert list(search.fact_terms(fact, {}).items()) == plain_fact_terms(fact, {})

