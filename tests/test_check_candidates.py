"""The checker's candidate facts, found through postings, are those a scan of every fact finds, in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from nc_facts import loader
from nc_facts.check import CANDIDATES, SYNONYMS, Checker
from nc_facts.check_words import holds, sentence_terms
from nc_facts.evidence import PREFIX_KEY
from nc_facts.model import Fact

from conftest import BUNDLED_BASE, DATA, claim_texts

BASES = [(BUNDLED_BASE, None), (DATA / "quebec-scotland", DATA / "quebec-scotland" / "claims.toml"),
         (DATA / "uk-referendums", DATA / "uk-referendums" / "claims.toml")]


def scanned_candidates(checker: Checker, names: frozenset[str], terms: list[str]) -> list[Fact]:
    """Every fact looked at in turn: the way candidates were found before postings of names."""
    view = checker.view
    hits: dict[str, int] = {}
    for term in terms:
        facts = set(view.postings.get(term, ()))
        for synonym in SYNONYMS.get(term, ()):
            facts.update(view.postings.get(synonym, ()))
        if len(term) >= PREFIX_KEY:
            facts.update(view.postings.get("^" + term[:PREFIX_KEY], ()))
        for fact_id in facts:
            hits[fact_id] = hits.get(fact_id, 0) + 1
    if names:
        for fact in view.facts:
            if all(holds(view, view.fact_names[fact.id], k) for k in names):
                hits[fact.id] = hits.get(fact.id, 0) + len(names)
    return sorted((f for f in view.facts if f.id in hits), key=lambda f: -hits[f.id])[: 2 * CANDIDATES]


def _sentences(claims: Path | None, facts: tuple[Fact, ...]) -> list[str]:
    """The test sentences of a base, and every claim and quote of its facts."""
    sentences = [text for fact in facts for text in (fact.claim, fact.quote) if text]
    return sentences + (claim_texts(claims) if claims is not None else [])


@pytest.mark.parametrize(("directory", "claims"), BASES, ids=lambda p: getattr(p, "name", "-"))
def test_candidates_are_those_of_a_scan(directory: Path, claims: Path | None) -> None:
    base = loader.load_base(directory)
    checker = Checker(base)
    compared = 0
    for sentence in _sentences(claims, base.facts):
        reading = checker.read(sentence)
        terms = sentence_terms(reading.text)
        expected = scanned_candidates(checker, reading.names, terms)
        assert [f.id for f in checker.candidates(reading, terms)] == [f.id for f in expected], sentence
        compared += bool(reading.names) and len(expected) > 1
    assert compared >= 10  # sentences that name something and have candidates to order
