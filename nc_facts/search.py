"""Ranked fuzzy search over a fact base.

Each fact is indexed as weighted terms from its fields (claim, quote,
entities, aliases, tags, values, dates, sources...).  A query term meets the
index exactly, by prefix, or by edit distance (rapidfuzz), so typos and
inflections still match; each match counts by how rare its term is (IDF)
and how much the field weighs.  A fact's score is the share of the query's
weight it covers, so scores are comparable across queries and a floor can
say "nothing here answers that".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import UsageError
from .filters import FactFilter, select
from .model import Base, Fact, Source
from .text import STOPWORDS, content_terms, is_number, normalize, number_terms, stem, tokens

# Field weights: what a fact says outweighs where it was said.
W_CLAIM = 1.0
W_NAMES = 1.0  # entities, aliases
W_LABELS = 0.9  # tags, kind, claimant, measures
W_QUOTE = 0.8
W_NUMBER = 1.0
W_NUMBER_WHOLE = 0.6  # "96" meeting 96.49
W_NOTES = 0.5  # caveats, better values' notes
W_SOURCE = 0.4  # outlet and title of the cited sources

MIN_SCORE = 0.3  # below this a fact does not answer the query at all
RELATIVE_FLOOR = 0.4  # results weaker than this share of the best one are noise
FUZZY_MIN_LENGTH = 4  # shorter words must match exactly or by prefix
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio (0-100) for a typo to count
PREFIX_SIMILARITY = 0.85
MAX_QUERY_CHARS = 1000

MONTHS = {
    1: ("january", "janvier"), 2: ("february", "fevrier"), 3: ("march", "mars"), 4: ("april", "avril"),
    5: ("may", "mai"), 6: ("june", "juin"), 7: ("july", "juillet"), 8: ("august", "aout"),
    9: ("september", "septembre"), 10: ("october", "octobre"), 11: ("november", "novembre"),
    12: ("december", "decembre"),
}


@dataclass(frozen=True)
class SearchHit:
    """One ranked result: the fact, its score in [0, 1], and the query terms it matched."""

    fact: Fact
    score: float
    matched: tuple[str, ...]


def fact_fields(fact: Fact, sources: Mapping[str, Source]) -> list[tuple[str, float]]:
    """The text of a fact to index, each piece with its weight."""
    fields: list[tuple[str, float]] = [(fact.claim, W_CLAIM), (fact.quote, W_QUOTE)]
    fields += [(name, W_NAMES) for name in (*fact.entities, *fact.aliases)]
    fields += [(label, W_LABELS) for label in (*fact.tags, fact.kind, fact.claimant, fact.event.replace("-", " "))]
    if fact.kind == "denial":
        fields.append(("denial denies denied", W_LABELS))
    fields += [(value.measure, W_LABELS) for value in fact.values]
    fields += [(caveat.text, W_NOTES) for caveat in fact.caveats]
    fields += [(better.note + " " + better.measure, W_NOTES) for better in fact.better_values]
    for date in fact.dates:
        if date.month:
            fields.append((" ".join(MONTHS[date.month]), W_LABELS))
    for citation in fact.citations:
        source = sources.get(citation.source)
        if source:
            fields.append((f"{source.outlet} {source.title} {source.title_en}", W_SOURCE))
    return fields


def fact_numbers(fact: Fact) -> list[tuple[str, float]]:
    """Number terms of a fact: its values, better values and years."""
    numbers: list[tuple[str, float]] = []
    for number in [v.value for v in fact.values] + [b.value for b in fact.better_values]:
        if math.isnan(number):
            continue
        numbers += [(term, W_NUMBER) for term in number_terms(number)]
        if number != int(number):
            numbers.append((str(int(number)), W_NUMBER_WHOLE))
    for date in fact.dates:
        numbers.append((str(date.year), W_NUMBER))
    return numbers


def fact_terms(fact: Fact, sources: Mapping[str, Source]) -> dict[str, float]:
    """Each term of a fact with the highest weight of a field it occurs in."""
    terms: dict[str, float] = {}
    for text, weight in fact_fields(fact, sources):
        for term in content_terms(text):
            if terms.get(term, 0.0) < weight:
                terms[term] = weight
    for term, weight in fact_numbers(fact):
        if terms.get(term, 0.0) < weight:
            terms[term] = weight
    return terms


class SearchIndex:
    """An inverted index over facts: term -> {fact position: weight}."""

    def __init__(self, facts: Sequence[Fact], sources: Mapping[str, Source]) -> None:
        self.facts = facts
        self.postings: dict[str, dict[int, float]] = {}
        for position, fact in enumerate(facts):
            for term, weight in fact_terms(fact, sources).items():
                self.postings.setdefault(term, {})[position] = weight
        self._words = [term for term in self.postings if not is_number(term)]
        self._size = max(len(facts), 1)

    @classmethod
    def for_base(cls, base: Base) -> SearchIndex:
        return cls(base.facts, base.sources)

    def idf(self, term: str) -> float:
        count = len(self.postings.get(term, ()))
        return math.log(1 + (self._size - count + 0.5) / (count + 0.5))

    def expand(self, term: str) -> list[tuple[str, float]]:
        """Index terms a query term may stand for, each with a similarity in (0, 1]."""
        found: dict[str, float] = {}
        if term in self.postings:
            found[term] = 1.0
        if is_number(term):
            return list(found.items())
        if len(term) >= FUZZY_MIN_LENGTH:
            from rapidfuzz import fuzz, process

            for word, score, _ in process.extract(term, self._words, scorer=fuzz.ratio,
                                                  score_cutoff=FUZZY_CUTOFF, limit=8):
                found.setdefault(word, score / 100.0 * 0.95)
            for word in self._words:
                if word.startswith(term) and word != term:
                    found.setdefault(word, PREFIX_SIMILARITY)
        return list(found.items())

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        terms = query_terms(query)
        if not terms:
            return []
        scores: dict[int, float] = {}
        matched: dict[int, list[str]] = {}
        total = 0.0
        for term in terms:
            expansions = self.expand(term)
            weight = max((self.idf(word) for word, _ in expansions), default=self.idf(term))
            total += weight
            best: dict[int, float] = {}
            for word, similarity in expansions:
                for position, field_weight in self.postings[word].items():
                    gain = similarity * field_weight
                    if gain > best.get(position, 0.0):
                        best[position] = gain
            for position, gain in best.items():
                scores[position] = scores.get(position, 0.0) + weight * gain
                matched.setdefault(position, []).append(term)
        if not scores or total <= 0:
            return []
        return self._rank(query, scores, matched, total, limit)

    def _rank(self, query: str, scores: dict[int, float], matched: dict[int, list[str]], total: float,
              limit: int) -> list[SearchHit]:
        from rapidfuzz import fuzz

        folded = normalize(query)
        ranked: list[tuple[float, int]] = []
        for position, raw in scores.items():
            coverage = raw / total
            if coverage < MIN_SCORE:
                continue
            # A small pull toward facts whose claim reads like the query breaks ties between equal coverage.
            resemblance = fuzz.token_set_ratio(folded, normalize(self.facts[position].claim)) / 100.0
            ranked.append((0.9 * coverage + 0.1 * resemblance, position))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        if not ranked:
            return []
        floor = ranked[0][0] * RELATIVE_FLOOR
        return [SearchHit(self.facts[position], round(score, 4), tuple(matched[position]))
                for score, position in ranked[:limit] if score >= floor]


def query_terms(query: str) -> list[str]:
    """Distinct content terms of a query, in order; UsageError for an empty or oversized query."""
    if not query.strip():
        raise UsageError("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]  # a pasted page still searches, on its start
    seen: list[str] = []
    for term in content_terms(query):
        if term not in seen:
            seen.append(term)
    if not seen:
        # A query made only of stopwords ("the", "of") still deserves a literal try.
        seen = [stem(t) for t in tokens(normalize(query)) if t in STOPWORDS][:3]
    return seen


def search(base: Base, query: str, limit: int = 10, where: FactFilter | None = None) -> list[SearchHit]:
    """Rank the facts of ``base`` for ``query``, best first; [] when nothing answers it.

    With ``where``, only the facts passing that filter are ranked.
    """
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    if where is not None and where.active:
        return SearchIndex(select(base.facts, where), base.sources).search(query, limit)
    return SearchIndex.for_base(base).search(query, limit)

