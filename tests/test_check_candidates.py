"""The checker's candidate facts, found through postings, are those a scan of every fact finds, in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from nc_facts import evidence, loader
from nc_facts.check import CANDIDATES, SYNONYMS, Checker
from nc_facts.check_words import holds, sentence_terms
from nc_facts.evidence import PREFIX_KEY
from nc_facts.model import Fact

from conftest import BUNDLED_BASE, DATA, claim_texts

BASES = [(BUNDLED_BASE, None), (DATA / "quebec-scotland", DATA / "quebec-scotland" / "claims.toml"),
         (DATA / "uk-referendums", DATA / "uk-referendums" / "claims.toml")]


def scanned_candidates(checker: Checker, names: frozenset[str], terms: list[str]) -> list[Fact]:
    """Every fact looked at in turn, by its own words: the way candidates were found before postings."""
    view = checker.view
    hits: dict[str, int] = {}
    for fact in view.facts:
        words = view.words[fact.id].all
        for term in terms:
            if term in words or any(synonym in words for synonym in SYNONYMS.get(term, ())) or (
                    len(term) >= PREFIX_KEY and any(w[:PREFIX_KEY] == term[:PREFIX_KEY]
                                                    for w in words if len(w) >= PREFIX_KEY)):
                hits[fact.id] = hits.get(fact.id, 0) + 1
        if names and all(holds(view, view.fact_names[fact.id], k) for k in names):
            hits[fact.id] = hits.get(fact.id, 0) + len(names)
    return sorted((f for f in view.facts if f.id in hits), key=lambda f: -hits[f.id])[: 2 * CANDIDATES]


def _sentences(claims: Path | None, facts: tuple[Fact, ...]) -> list[str]:
    """The test sentences of a base, and every claim and quote of its facts."""
    sentences = [text for fact in facts for text in (fact.claim, fact.quote) if text]
    return sentences + (claim_texts(claims) if claims is not None else [])


@pytest.mark.parametrize("common", [evidence.COMMON_WORD_FACTS, 1], ids=["small-postings", "sets-of-bits"])
@pytest.mark.parametrize(("directory", "claims"), BASES, ids=lambda p: getattr(p, "name", "-"))
def test_candidates_are_those_of_a_scan(directory: Path, claims: Path | None, common: int,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # These bases are small: a threshold of one fact keeps most of their words as sets of bits.
    monkeypatch.setattr(evidence, "COMMON_WORD_FACTS", common)
    base = loader.load_base(directory)
    checker = Checker(base)
    assert bool(checker.view.parts.common) == (common == 1)
    compared = 0
    for sentence in _sentences(claims, base.facts):
        reading = checker.read(sentence)
        terms = sentence_terms(reading.text)
        expected = scanned_candidates(checker, reading.names, terms)
        assert [f.id for f in checker.candidates(reading, terms)] == [f.id for f in expected], sentence
        compared += bool(reading.names) and len(expected) > 1
    assert compared >= 10  # sentences that name something and have candidates to order
