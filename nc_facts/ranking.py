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
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import combinations, pairwise

from .text import (
    DATE_WORD,
    MEASURE_MARK,
    MEASURE_MAX_WORDS,
    STOPWORDS,
    is_number,
    measure_term,
    normalize,
    search_terms,
    tokens,
)

MIN_SCORE = 0.3  # below this a fact does not answer the query at all
RELATIVE_FLOOR = 0.4  # results weaker than this share of the best one are noise
# A query whose terms are mostly held by no fact is about something the base lacks: it finds nothing, even
# when its remaining term (a year, a common word) would match.
MIN_HELD_SHARE = 0.5
FUZZY_MIN_LENGTH = 4  # shorter words must match exactly or by prefix
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio (0-100) for a typo to count
FUZZY_LIMIT = 8
PREFIX_SIMILARITY = 0.85
# A word of three letters that no fact holds may be the start of one ("ref", "gov"): it meets longer words
# by prefix, less surely than a longer start would.
SHORT_PREFIX_LENGTH = 3
SHORT_PREFIX_SIMILARITY = 0.7
# Words that share a long start and differ only in a short ending are kin: the name of a place and of its
# people or language (Scotland, Scottish; Catalonia, Catalan; Bougainville, Bougainvillean), which no
# stemmer joins.  Kin share at least KIN_MIN_PREFIX letters and half of the longer word, and neither
# ending is longer than KIN_MAX_ENDING.
KIN_MIN_PREFIX = 4
KIN_MAX_ENDING = 4
KIN_SIMILARITY = 0.8
MAX_QUERY_CHARS = 1000
# A query naming a figure's measure ("no votes") asks for that figure: the measure's term (``text.measure_term``)
# weighs this share of its rarity, on top of its words.  Measures are sought among the first MEASURE_WORDS words.
MEASURE_SHARE = 0.5
MEASURE_WORDS = 8
# English asks for a date with "when", a stopword search would drop, with "what year" or "which day", and
# with "year" or "day" alone, which a base may hold ("16-year-olds", "polling day"): alone, those ask for the
# date only where no fact holds them.
WHEN = "when"
TIME_WORDS = frozenset({"year", "day"})
WHICH = frozenset({"what", "which"})
# The final score is COVERAGE_SHARE * coverage + RESEMBLANCE_SHARE * resemblance (the two add up to 1).
COVERAGE_SHARE = 0.9
RESEMBLANCE_SHARE = 0.1

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class TermIndex(Protocol):
        """What ``rank`` needs to know about an index (a term is a word or a number)."""

        @property
        def size(self) -> int: ...  # number of facts, at least 1

        def vocabulary(self) -> Vocabulary: ...  # the non-number terms

        def frequency(self, term: str) -> int: ...  # facts holding the term; 0 when unknown

        def document_frequency(self, term: str) -> int: ...  # facts holding it in a field that counts (search)

        def top_weight(self, term: str) -> float: ...  # the highest field weight the term has in any fact

        def positions(self, term: str) -> Iterable[int]: ...  # the facts holding the term

        def weight_at(self, term: str, position: int) -> float: ...  # its field weight there; 0.0 when absent

        def posting_lists(self, term: str) -> tuple[list[int], list[float]]: ...  # positions, field weights

        def normalized_claim(self, position: int) -> str: ...


Ranked = tuple[int, float, tuple[str, ...]]  # fact position, score (rounded), matched query terms
# Bounds are compared with this slack so that rounding in a sum never prunes a fact that ties.
_SLACK = 1e-9


class Vocabulary:
    """Words ordered by length, then alphabetically, with where each length starts.

    The order is part of the ranking (it breaks ties among fuzzy matches), so
    both indexes use it; grouping by length lets fuzzy matching skip words
    too long or too short to reach the cutoff, and sorting lets exact and
    prefix look-ups bisect instead of scanning.
    """

    def __init__(self, words: Sequence[str], length_start: Sequence[int]) -> None:
        self.words = words
        self._start = length_start  # _start[n]: index of the first word of length >= n; last entry len(words)

    @classmethod
    def build(cls, words: Iterable[str]) -> Vocabulary:
        ordered = sorted(words, key=lambda word: (len(word), word))
        return cls(ordered, length_starts(ordered))

    def _bounds(self, length: int) -> tuple[int, int]:
        last = len(self._start) - 1
        return self._start[min(length, last)], self._start[min(length + 1, last)]

    def index(self, word: str) -> int | None:
        low, high = self._bounds(len(word))
        at = bisect_left(self.words, word, low, high)
        return at if at < high and self.words[at] == word else None

    def of_lengths(self, shortest: int, longest: int) -> Sequence[str]:
        return self.words[self._bounds(shortest)[0]: self._bounds(longest)[1]]

    def similar(self, term: str, limit: int | None = FUZZY_LIMIT) -> list[tuple[str, float]]:
        """The ``limit`` words nearest ``term`` that reach FUZZY_CUTOFF, with their ratio; best first, ties in order."""
        from rapidfuzz import fuzz, process

        nearby = self.of_lengths(*fuzzy_lengths(len(term)))
        return [(word, score) for word, score, _ in process.extract(term, nearby, scorer=fuzz.ratio,
                                                                    score_cutoff=FUZZY_CUTOFF, limit=limit)]

    def prefixed(self, term: str) -> Iterator[str]:
        """Longer words starting with ``term``."""
        for length in range(len(term) + 1, len(self._start) - 1):
            low, high = self._bounds(length)
            at = bisect_left(self.words, term, low, high)
            while at < high and self.words[at].startswith(term):
                yield self.words[at]
                at += 1


def length_starts(ordered: Sequence[str]) -> list[int]:
    """For words ordered by length: the index where each length 0, 1, ... starts, then the word count."""
    starts: list[int] = []
    for position, word in enumerate(ordered):
        while len(starts) <= len(word):
            starts.append(position)
    starts.append(len(ordered))
    return starts


def idf(index: TermIndex, term: str) -> float:
    """How rare ``term`` is, from the facts holding it in a field that counts (see ``search.COUNTED_WEIGHT``).

    A word that only source titles hold is as rare as the facts whose sources hold it: the titles are then
    all that tells facts apart by it.
    """
    count = index.document_frequency(term) or index.frequency(term)
    size = index.size
    return math.log(1 + (size - count + 0.5) / (count + 0.5))


def fuzzy_lengths(length: int) -> tuple[int, int]:
    """Word lengths that can reach FUZZY_CUTOFF against a term of ``length`` (with a margin of one).

    rapidfuzz's ratio is 100 * (1 - d / (a + b)) with an edit distance d of at
    least |a - b|, so 80 needs b between 2a/3 and 3a/2.
    """
    return max(0, 2 * length // 3 - 1), 3 * length // 2 + 1


def expand(index: TermIndex, term: str) -> list[tuple[str, float]]:
    """Index terms a query term may stand for, each with a similarity in (0, 1]."""
    found: dict[str, float] = {}
    if index.frequency(term):
        found[term] = 1.0
    if is_number(term):
        return list(found.items())
    if len(term) >= FUZZY_MIN_LENGTH:
        vocabulary = index.vocabulary()
        if not found:  # a word the base holds is no typo: "result" must not also mean "rest"
            found.update(typo_matches(vocabulary, term))
        for word in vocabulary.prefixed(term):
            found.setdefault(word, PREFIX_SIMILARITY)
        for word in kin(vocabulary, term):
            found.setdefault(word, KIN_SIMILARITY)
    elif len(term) == SHORT_PREFIX_LENGTH and not found:
        for word in index.vocabulary().prefixed(term):
            found.setdefault(word, SHORT_PREFIX_SIMILARITY)
    return list(found.items())


def typo_matches(vocabulary: Vocabulary, term: str) -> list[tuple[str, float]]:
    """Words of the vocabulary within FUZZY_CUTOFF of ``term``, each with its similarity."""
    return [(word, score / 100.0 * 0.95) for word, score in vocabulary.similar(term)]


def kin(vocabulary: Vocabulary, term: str) -> Iterator[str]:
    """Words of the vocabulary that are kin of ``term`` (see KIN_MIN_PREFIX), other than ``term`` itself."""
    shortest_prefix = max(KIN_MIN_PREFIX, (len(term) + 1) // 2, len(term) - KIN_MAX_ENDING)
    if shortest_prefix > len(term):
        return
    start = term[:shortest_prefix]
    if start != term and vocabulary.index(start) is not None:
        yield start
    for word in vocabulary.prefixed(start):
        if word != term and is_kin(term, word):
            yield word


def is_kin(one: str, other: str) -> bool:
    """Whether two words share a long enough start and end in short enough endings (see KIN_MIN_PREFIX)."""
    shared = next((at for at, (a, b) in enumerate(zip(one, other, strict=False)) if a != b),
                  min(len(one), len(other)))
    longest = max(len(one), len(other))
    return (shared >= KIN_MIN_PREFIX and 2 * shared >= longest
            and len(one) - shared <= KIN_MAX_ENDING and len(other) - shared <= KIN_MAX_ENDING)


class _Term:
    """A query term: its index terms, its weight, and the most it can add to a fact's raw score."""

    __slots__ = ("bound", "count", "expansions", "text", "weight")

    def __init__(self, index: TermIndex, text: str, share: float = 1.0,
                 expansions: list[tuple[str, float]] | None = None) -> None:
        self.text = text
        found = expand(index, text) if expansions is None else expansions
        self.weight, self.expansions = weighed_expansions(index, found, text)
        self.weight *= share
        self.bound = self.weight * max((similarity * index.top_weight(word) for word, similarity in self.expansions),
                                       default=0.0)
        self.count = sum(index.frequency(word) for word, _ in self.expansions)

    def gain(self, index: TermIndex, position: int) -> float:
        """The best similarity times field weight of this term's index terms in the fact; 0.0 if none."""
        best = 0.0
        for word, similarity in self.expansions:
            field_weight = index.weight_at(word, position)
            if field_weight:
                best = max(best, similarity * field_weight)
        return best


def weighed_expansions(index: TermIndex, expansions: list[tuple[str, float]],
                       text: str) -> tuple[float, list[tuple[str, float]]]:
    """A query term's weight, and its expansions with their similarities scaled by how rare each word is.

    The weight is the rarity of the word itself where the base holds it, else of the best match.  A match
    on a more common word says less than the word would: its similarity shrinks by the ratio of their
    rarities.  A rarer match never weighs more than the term: a typo or a longer word must not lend the
    query a weight it does not have.
    """
    rarity = {word: idf(index, word) for word, _ in expansions}
    if text in rarity:
        weight = rarity[text]
    else:
        weight = max((similarity * rarity[word] for word, similarity in expansions), default=idf(index, text))
    if weight <= 0:
        return weight, expansions
    return weight, [(word, similarity * min(1.0, rarity[word] / weight)) for word, similarity in expansions]


def rank(index: TermIndex, query: str, limit: int) -> list[Ranked]:
    """Positions of the facts that answer ``query``, best first, with scores and matched terms."""
    return rank_with_unmatched(index, query, limit)[0]


def rank_with_unmatched(index: TermIndex, query: str, limit: int) -> tuple[list[Ranked], list[str]]:
    """``rank``'s result, and the query terms that no fact holds, in query order.

    A fact's coverage is the sum, over the query terms some fact holds, of the
    term's weight times its best gain in the fact, over the sum of those
    weights; its score adds resemblance.  A word that nothing holds is left out
    of the sum: one word the base lacks ("date", a misspelt name) must not
    empty the results that the others match well.  A number nothing holds
    stays in it: a figure or year the base lacks is a question it cannot
    answer.  When fewer than MIN_HELD_SHARE of the terms are held, nothing
    answers the query.  The result is exactly the best ``limit`` facts by score (ties
    by position) among those with coverage >= MIN_SCORE, but found without
    scoring every fact that holds a frequent term: facts holding every query
    term are scored first, which sets the score a fact must beat; any other
    fact lacks some term, so it can only matter if what the terms it may lack
    can add (their bounds) leaves it able to beat that score.  The terms it
    cannot lack narrow the facts scored next (often to none).
    """
    every_term = _time_words_as_dates(index, [_Term(index, text) for text in query_terms(query)])
    unmatched = [term.text for term in every_term if not term.count]
    held = [term for term in every_term if term.count]
    if not held or len(held) < MIN_HELD_SHARE * len(every_term):
        return [], unmatched
    terms = held + _measures_named(index, held)
    total = sum(term.weight for term in terms) + sum(term.weight for term in every_term
                                                     if not term.count and is_number(term.text))
    present = sorted(terms, key=lambda term: term.count)
    if total <= 0:
        return [], unmatched
    visit = _Visit(index, query, terms, total, limit)
    core = _holding_all(index, present)
    visit.add(core)
    bound_sum = sum(term.bound for term in present)
    needed = total * max(MIN_SCORE, (visit.threshold() - RESEMBLANCE_SHARE) / COVERAGE_SHARE) * (1 - _SLACK)
    required = [term for term in present if bound_sum - term.bound < needed]
    if len(required) < len(present):
        candidates = _holding_all(index, required) if required else _holding_any(index, present)
        visit.add(candidates - core)
    return visit.result(), unmatched


def _measures_named(index: TermIndex, terms: Sequence[_Term]) -> list[_Term]:
    """One term for the measures some fact holds whose words are all among the query's; none if there are none.

    The measures are its expansions: a fact gains by the best of them it holds, as by a word's best match,
    so a query naming a measure with its scope ("no share Quebec") does not count the measure thrice.
    """
    words = [term.text for term in terms if not is_number(term.text)][:MEASURE_WORDS]
    named = [(text, 1.0) for size in range(2, MEASURE_MAX_WORDS + 1) for chosen in combinations(words, size)
             if (text := measure_term(chosen)) and index.frequency(text)]
    return [_Term(index, MEASURE_MARK, MEASURE_SHARE, named)] if named else []


def _is_measure(text: str) -> bool:
    return text.startswith(MEASURE_MARK)


def _time_words_as_dates(index: TermIndex, terms: list[_Term]) -> list[_Term]:
    """The terms with a time word that no fact holds ("what year") standing for DATE_WORD, once."""
    found: list[_Term] = []
    for term in terms:
        if term.text in TIME_WORDS and not term.count:
            term = _Term(index, DATE_WORD)
        if all(term.text != other.text for other in found):
            found.append(term)
    return found


def _positions(index: TermIndex, term: _Term) -> set[int]:
    found: set[int] = set()
    for word, _ in term.expansions:
        found.update(index.positions(word))
    return found


def _holding_all(index: TermIndex, terms: Sequence[_Term]) -> set[int]:
    """The facts holding every one of ``terms`` (sorted rarest first).

    A term much more frequent than the facts left is checked fact by fact
    rather than read whole.
    """
    found = _positions(index, terms[0])
    for term in terms[1:]:
        if not found:
            break
        if term.count > 16 * len(found):
            found = {position for position in found if term.gain(index, position)}
        else:
            found &= _positions(index, term)
    return found


def _holding_any(index: TermIndex, terms: Sequence[_Term]) -> set[int]:
    found: set[int] = set()
    for term in terms:
        found |= _positions(index, term)
    return found


class _Visit:
    """Scores facts and keeps the best ``limit`` by coverage plus resemblance.

    Resemblance (how much the claim reads like the query) costs a string
    comparison per fact and adds at most RESEMBLANCE_SHARE, so facts are
    visited by falling coverage and a visit stops once no later fact can
    still reach the list.
    """

    def __init__(self, index: TermIndex, query: str, terms: list[_Term], total: float, limit: int) -> None:
        self.index, self.terms, self.total, self.limit = index, terms, total, limit
        self.folded = normalize(query)
        self.kept: list[tuple[float, int]] = []  # min-heap of (score, -position): the worst kept result on top

    def threshold(self) -> float:
        """The score a fact must beat to enter the list (minus a slack); 0.0 while the list has room."""
        return self.kept[0][0] - _SLACK if len(self.kept) >= self.limit else 0.0

    def _raw(self, position: int) -> float:
        raw = 0.0
        for term in self.terms:  # summed in query order, as an exhaustive ranking would
            gain = term.gain(self.index, position)
            if gain > 0:
                raw += term.weight * gain
        return raw

    def _term_gains(self, term: _Term, positions: AbstractSet[int]) -> dict[int, float]:
        """``term.gain`` of every fact among ``positions`` that holds the term, from its postings read whole."""
        best: dict[int, float] = {}
        for word, similarity in term.expansions:
            where, field_weights = self.index.posting_lists(word)
            gains = [similarity * weight for weight in field_weights]
            if not best:
                best = dict(zip(where, gains, strict=True))
                continue
            for position, gain in zip(where, gains, strict=True):
                if gain > best.get(position, 0.0):
                    best[position] = gain
        if best.keys() <= positions:
            return best
        return {position: gain for position, gain in best.items() if position in positions}

    def _raw_by_term(self, positions: AbstractSet[int]) -> dict[int, float]:
        """``_raw`` of the facts among ``positions`` that hold a query term: the same sums, term by term."""
        raw: dict[int, float] = {}
        for term in self.terms:  # in query order, so each fact's sum adds the same numbers in the same order
            gains = self._term_gains(term, positions)
            if not raw:
                raw = {position: term.weight * gain for position, gain in gains.items()}
                continue
            for position, gain in gains.items():
                raw[position] = raw.get(position, 0.0) + term.weight * gain
        return raw

    def _read_postings_whole(self, positions: AbstractSet[int]) -> bool:
        """Whether reading the terms' postings costs less than looking each fact up (a bisection per expansion)."""
        postings = sum(self.index.frequency(word) for term in self.terms for word, _ in term.expansions)
        lookups = len(positions) * sum(len(term.expansions) for term in self.terms)
        return postings < 8 * lookups

    def _coverages(self, positions: AbstractSet[int]) -> dict[int, float]:
        """The coverage of the facts among ``positions`` that reach MIN_SCORE."""
        if self._read_postings_whole(positions):
            raw = self._raw_by_term(positions)
        else:
            raw = {position: self._raw(position) for position in positions}
        total = self.total
        return {position: coverage for position, value in raw.items() if (coverage := value / total) >= MIN_SCORE}

    def add(self, positions: AbstractSet[int]) -> None:
        from rapidfuzz import fuzz

        coverages = self._coverages(positions)
        order = sorted(coverages)  # by position, then (the sort is stable) by falling coverage
        order.sort(key=coverages.__getitem__, reverse=True)
        kept, limit = self.kept, self.limit
        for position in order:
            coverage = coverages[position]
            if len(kept) >= limit:
                best_possible = COVERAGE_SHARE * coverage + RESEMBLANCE_SHARE
                if best_possible < kept[0][0]:
                    break
                if best_possible == kept[0][0] and position > -kept[0][1]:
                    # It could at best tie with the worst kept fact, and ties go to the earlier fact:
                    # a one-word query that every claim contains resembles them all alike.
                    continue
            resemblance = fuzz.token_set_ratio(self.folded, self.index.normalized_claim(position)) / 100.0
            entry = (COVERAGE_SHARE * coverage + RESEMBLANCE_SHARE * resemblance, -position)
            if len(kept) < limit:
                heapq.heappush(kept, entry)
            elif entry > kept[0]:
                heapq.heapreplace(kept, entry)

    def matched(self, position: int) -> tuple[str, ...]:
        """The query terms the fact holds, in query order."""
        return tuple(term.text for term in self.terms
                     if not _is_measure(term.text) and term.gain(self.index, position) > 0)

    def result(self) -> list[Ranked]:
        ranked = sorted(((score, -negative) for score, negative in self.kept), key=lambda item: (-item[0], item[1]))
        if not ranked:
            return []
        floor = ranked[0][0] * RELATIVE_FLOOR
        return [(position, round(score, 4), self.matched(position)) for score, position in ranked
                if score >= floor]


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
    words = tokens(normalize(query))
    asked = {after for before, after in pairwise(words) if before in WHICH and after in TIME_WORDS}
    if WHEN in words or asked:
        seen.append(DATE_WORD)  # "when did ... vote", "what year did ... vote" ask for the date of the vote
    for term in search_terms(query):
        if term not in seen and term not in asked:
            seen.append(term)
    if not seen:
        # A query made only of stopwords ("the", "of") still deserves a literal try.
        seen = [t for t in tokens(normalize(query)) if t in STOPWORDS][:3]
    return seen
