"""The ranking shared by the in-memory index and the on-disk index.

Both indexes answer the same few questions (which terms exist, how many
facts hold a term, which facts hold it with what field weight, what a fact's
claim reads like); ``rank`` turns the answers into a ranked list.  Keeping
one ranking for both is what makes a query over the on-disk index return
exactly what the in-memory search returns.

This module imports only ``text`` (and rapidfuzz when a query needs it):
the command line's fast path runs it without loading the base's model.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence

from .text import STOPWORDS, content_terms, is_number, normalize, stem, tokens

MIN_SCORE = 0.3  # below this a fact does not answer the query at all
RELATIVE_FLOOR = 0.4  # results weaker than this share of the best one are noise
FUZZY_MIN_LENGTH = 4  # shorter words must match exactly or by prefix
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio (0-100) for a typo to count
FUZZY_LIMIT = 8
PREFIX_SIMILARITY = 0.85
MAX_QUERY_CHARS = 1000
# The final score is COVERAGE_SHARE * coverage + RESEMBLANCE_SHARE * resemblance (the two add up to 1).
COVERAGE_SHARE = 0.9
RESEMBLANCE_SHARE = 0.1

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class TermIndex(Protocol):
        """What ``rank`` needs to know about an index."""

        @property
        def size(self) -> int: ...  # number of facts, at least 1

        def words(self) -> Sequence[str]: ...  # non-number terms, in order of first occurrence

        def frequency(self, term: str) -> int: ...  # facts holding the term; 0 when unknown

        def postings(self, term: str) -> Iterable[tuple[int, float]]: ...  # (fact position, field weight)

        def normalized_claim(self, position: int) -> str: ...


Ranked = tuple[int, float, tuple[str, ...]]  # fact position, score (rounded), matched query terms


def idf(index: TermIndex, term: str) -> float:
    count = index.frequency(term)
    size = index.size
    return math.log(1 + (size - count + 0.5) / (count + 0.5))


def expand(index: TermIndex, term: str) -> list[tuple[str, float]]:
    """Index terms a query term may stand for, each with a similarity in (0, 1]."""
    found: dict[str, float] = {}
    if index.frequency(term):
        found[term] = 1.0
    if is_number(term):
        return list(found.items())
    if len(term) >= FUZZY_MIN_LENGTH:
        from rapidfuzz import fuzz, process

        words = index.words()
        for word, score, _ in process.extract(term, words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                                              limit=FUZZY_LIMIT):
            found.setdefault(word, score / 100.0 * 0.95)
        for word in _prefixed(words, term):
            found.setdefault(word, PREFIX_SIMILARITY)
    return list(found.items())


def _prefixed(words: Sequence[str], term: str) -> Iterable[str]:
    return (word for word in words if word.startswith(term) and word != term)


def rank(index: TermIndex, query: str, limit: int) -> list[Ranked]:
    """Positions of the facts that answer ``query``, best first, with scores and matched terms."""
    terms = query_terms(query)
    scores: dict[int, float] = {}
    matched: dict[int, list[str]] = {}
    total = 0.0
    for term in terms:
        expansions = expand(index, term)
        weight = max((idf(index, word) for word, _ in expansions), default=idf(index, term))
        total += weight
        best: dict[int, float] = {}
        for word, similarity in expansions:
            for position, field_weight in index.postings(word):
                gain = similarity * field_weight
                if gain > best.get(position, 0.0):
                    best[position] = gain
        for position, gain in best.items():
            scores[position] = scores.get(position, 0.0) + weight * gain
            matched.setdefault(position, []).append(term)
    if not scores or total <= 0:
        return []
    return _top(index, query, scores, matched, total, limit)


def _top(index: TermIndex, query: str, scores: dict[int, float], matched: dict[int, list[str]], total: float,
         limit: int) -> list[Ranked]:
    """The best ``limit`` facts by coverage plus resemblance.

    Resemblance (how much the claim reads like the query) costs a string
    comparison per fact and adds at most RESEMBLANCE_SHARE, so facts are
    visited by falling coverage and the visit stops once no later fact can
    still reach the list: on a large base most candidates are never compared.
    """
    from rapidfuzz import fuzz

    folded = normalize(query)
    candidates = sorted(((raw / total, position) for position, raw in scores.items() if raw / total >= MIN_SCORE),
                        key=lambda item: (-item[0], item[1]))
    kept: list[tuple[float, int]] = []  # min-heap of (score, -position): the worst kept result on top
    for coverage, position in candidates:
        if len(kept) >= limit and COVERAGE_SHARE * coverage + RESEMBLANCE_SHARE < kept[0][0]:
            break
        resemblance = fuzz.token_set_ratio(folded, index.normalized_claim(position)) / 100.0
        entry = (COVERAGE_SHARE * coverage + RESEMBLANCE_SHARE * resemblance, -position)
        if len(kept) < limit:
            heapq.heappush(kept, entry)
        elif entry > kept[0]:
            heapq.heapreplace(kept, entry)
    ranked = sorted(((score, -negative) for score, negative in kept), key=lambda item: (-item[0], item[1]))
    if not ranked:
        return []
    floor = ranked[0][0] * RELATIVE_FLOOR
    return [(position, round(score, 4), tuple(matched[position])) for score, position in ranked if score >= floor]


def query_terms(query: str) -> list[str]:
    """Distinct content terms of a query, in order; UsageError for an empty query.

    A query made only of punctuation has no terms and matches nothing.
    """
    if not query.strip():
        from .errors import UsageError

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
