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
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from . import ranking
from .dates import PartialDate
from .entity_names import with_entity_names
from .errors import UsageError
from .filters import FactFilter, select
from .model import Base, Entity, Fact, Measure, Source, Value
from .ranking import query_terms as query_terms  # re-exported: callers tokenise queries the same way
from .text import (
    COUNT_WORD,
    DATE_WORD,
    MEASURE_MAX_WORDS,
    initials,
    is_number,
    measure_term,
    normalize,
    number_terms,
    rounded_terms,
    search_terms,
    tokens,
)

# Field weights: what a fact says outweighs where it was said.
W_CLAIM = 1.0
W_NAMES = 1.0  # entities, aliases
W_LABELS = 0.9  # tags, kind, claimant, measures
W_QUOTE = 0.8
W_NUMBER = 1.0
# A query states a number at its own precision: "51.9" and "52" both mean 51.89, less surely than "51.89" does.
W_NUMBER_ROUNDED = 0.8  # "51.9" meeting 51.89
W_NUMBER_WHOLE = 0.6  # "96" meeting 96.49
MILLION = 1_000_000  # counts from here on are also written in millions: "17.4 million" meets 17,410,742
W_NOTES = 0.5  # caveats, better values' notes
W_SOURCE = 0.4  # outlet and title of the cited sources
# How common a term is (its document frequency, which weighs it) counts only the facts holding it in a field
# weighing more than a source title: when every fact cites a source titled "2014 ... referendum", its words
# say nothing about which fact a query wants, but they must not make the same words in claims weigh nothing.
COUNTED_WEIGHT = W_SOURCE

# The ranking's constants live in ``ranking``; re-exported for callers that read them here.
MIN_SCORE = ranking.MIN_SCORE
RELATIVE_FLOOR = ranking.RELATIVE_FLOOR

MONTHS = {
    1: ("january", "janvier"), 2: ("february", "fevrier"), 3: ("march", "mars"), 4: ("april", "avril"),
    5: ("may", "mai"), 6: ("june", "juin"), 7: ("july", "juillet"), 8: ("august", "aout"),
    9: ("september", "septembre"), 10: ("october", "octobre"), 11: ("november", "novembre"),
    12: ("december", "decembre"),
}


_MONTH_FIELDS = {month: " ".join(words) for month, words in MONTHS.items()}
# "When" and "date" ask for the fact that dates an event.  DATE_WORD is the term a date known to the day or
# month gives a fact, weighing by how well the fact answers: a claim that states its event's date, an event
# whose claim states its own date, a claim that states a date, or a fact dated only in its fields (whose
# word does not count toward how common it is).
W_DATES_EVENT = W_CLAIM
W_EVENT_STATES_DATE = W_LABELS
W_STATES_DATE = W_QUOTE
W_DATED = W_SOURCE
# "How many" asks for a count: a fact with a figure counted in units (votes, people, ballots) holds COUNT_WORD.
_NOT_COUNTS = frozenset({"percent", "year", "years"})
# Units that say how a figure is written, not what it counts: a unit that is a word ("votes", "ballots",
# "people") is searched as part of the measure.
_FORMAT_UNITS = frozenset({"percent", "count", "year", "years"})


class SearchHit(NamedTuple):
    """One ranked result: the fact, its score in [0, 1], and the query terms it matched."""

    fact: Fact
    score: float
    matched: tuple[str, ...]


EventDates = Mapping[str, frozenset[PartialDate]]  # event id -> the date(s) the event took place


def fact_fields(fact: Fact, sources: Mapping[str, Source], event_dates: EventDates | None = None
                ) -> list[tuple[str, float]]:
    """The text of a fact to index, each piece with its weight."""
    return [(fact.claim, W_CLAIM), (fact.quote, W_QUOTE), *_shared_fields(fact, sources, event_dates)]


def event_dates(facts: Iterable[Fact], entities: Iterable[Entity] = ()) -> dict[str, frozenset[PartialDate]]:
    """When each event took place: its declared dates, else the day its facts are most often dated to.

    Most facts about a vote are dated to polling day; the fact whose claim states that day dates the event.
    """
    declared = {entity.id: frozenset(entity.dates) for entity in entities if entity.kind == "event" and entity.dates}
    days: dict[str, Counter[PartialDate]] = {}
    for fact in facts:
        if fact.event and fact.event not in declared:
            days.setdefault(fact.event, Counter()).update(date for date in fact.dates if date.day)
    found = {event: frozenset([counts.most_common(1)[0][0]]) for event, counts in days.items() if counts}
    return {**found, **declared}


def _date_fields(fact: Fact, event_dates: EventDates | None) -> list[tuple[str, float]]:
    """The month names of a fact's dates, and DATE_WORD weighed by how well the fact dates its event."""
    fields = [(_MONTH_FIELDS[date.month], W_LABELS) for date in fact.dates if date.month]
    if fields:
        stated = [date for date in fact.dates if date.month and _states_date(fact.claim, date)]
        if any(date in (event_dates or {}).get(fact.event, ()) for date in stated):
            fields.append((DATE_WORD, W_DATES_EVENT))
        elif stated and fact.kind == "event":
            fields.append((DATE_WORD, W_EVENT_STATES_DATE))
        elif stated:
            fields.append((DATE_WORD, W_STATES_DATE))
        elif any(date.day for date in fact.dates):
            fields.append((DATE_WORD, W_DATED))
    return fields


def _states_date(claim: str, date: PartialDate) -> bool:
    """Whether the claim writes the date out: its month by name, with its day when known, and its year."""
    words = set(tokens(normalize(claim)))
    month_named = any(name in words for name in MONTHS[date.month])
    return month_named and str(date.year) in words and (not date.day or str(date.day) in words)


def _measure_terms(fact: Fact) -> list[str]:
    """The terms of the fact's measures of several words (``text.measure_term``), and of the words any two or
    three of them make: "2,362,648 votes cast for No" (unit "votes", measure "cast for No") is a figure of
    "no votes" and of "votes cast".  A unit that is a word counts among them (see _FORMAT_UNITS)."""
    found: dict[str, None] = {}
    for value in fact.values:
        unit = () if value.unit.lower() in _FORMAT_UNITS else _field_terms(value.unit)
        words = list(dict.fromkeys((*unit, *_field_terms(value.measure))))[:MEASURE_MAX_WORDS + 1]
        for size in range(2, min(len(words), MEASURE_MAX_WORDS) + 1):
            for chosen in combinations(words, size):
                found.setdefault(measure_term(chosen), None)
    return [term for term in found if term]


def _is_count(value: Value) -> bool:
    """A figure of things counted (votes, people), not a share, a year or a sum of money (GBP, USD)."""
    unit = value.unit
    return (value.value == int(value.value) and unit.lower() not in _NOT_COUNTS
            and not (len(unit) == 3 and unit.isupper()))


def _shared_fields(fact: Fact, sources: Mapping[str, Source], event_dates: EventDates | None = None
                   ) -> list[tuple[str, float]]:
    """The fields after the claim and quote: names, labels, notes and sources, which recur across facts."""
    named = (*fact.entities, *fact.aliases)
    fields = [(name, W_NAMES) for name in named]
    for name in named:
        fields += [(acronym, W_NAMES) for acronym in _initials(name)]
    fields += [(label, W_LABELS) for label in (*fact.tags, fact.kind, fact.claimant, fact.event.replace("-", " "))]
    if fact.kind == "denial":
        fields.append(("denial denies denied", W_LABELS))
    fields += [(value.measure, W_LABELS) for value in fact.values]
    fields += [(value.unit, W_LABELS) for value in fact.values if value.unit.lower() not in _FORMAT_UNITS]
    if any(value.value >= MILLION for value in fact.values):
        fields.append(("million", W_LABELS))
    if any(_is_count(value) for value in fact.values if not math.isnan(value.value)):
        fields.append((COUNT_WORD, W_LABELS))
    fields += [(caveat.text, W_NOTES) for caveat in fact.caveats]
    fields += [(better.note + " " + better.measure, W_NOTES) for better in fact.better_values]
    fields += _date_fields(fact, event_dates)
    for citation in fact.citations:
        source = sources.get(citation.source)
        if source:
            fields.append((f"{source.outlet} {source.title} {source.title_en}", W_SOURCE))
    return fields


def fact_numbers(fact: Fact) -> list[tuple[str, float]]:
    """The terms of a fact looked up only exactly: its values, better values, years and measures of several
    words (``text.measure_term``)."""
    numbers: list[tuple[str, float]] = [(term, W_LABELS) for term in _measure_terms(fact)]
    for number in [v.value for v in fact.values] + [b.value for b in fact.better_values]:
        if not math.isnan(number):
            numbers += _number_forms(number)
    for date in fact.dates:
        numbers.append((str(date.year), W_NUMBER))
    return numbers


@lru_cache(maxsize=65536)  # percentages recur across facts
def _number_forms(number: float) -> tuple[tuple[str, float], ...]:
    """The terms of one value: as written, rounded to each coarser precision and, for a count, in millions."""
    forms: list[tuple[str, float]] = []
    for term in number_terms(number):
        forms += [(term, W_NUMBER), *rounded_numbers(term)]
    if number >= MILLION:
        forms += in_millions(number)
    return tuple(forms)


def rounded_numbers(term: str) -> list[tuple[str, float]]:
    """The terms a number written ``term`` meets at a coarser precision (half up: 52.5 is "53", not "52")."""
    return [(rounded, W_NUMBER_ROUNDED if decimals else W_NUMBER_WHOLE) for rounded, decimals in rounded_terms(term)]


def in_millions(number: float) -> list[tuple[str, float]]:
    """A count as news writes it, in millions to two decimals at most: 17,410,742 is "17.41", "17.4" and "17"."""
    written = f"{number / MILLION:.6f}".rstrip("0").rstrip(".")
    forms = [(written, len(written.partition(".")[2])), *rounded_terms(written)]
    return [(text, W_NUMBER_ROUNDED if decimals else W_NUMBER_WHOLE) for text, decimals in forms if decimals <= 2]


def fact_terms(fact: Fact, sources: Mapping[str, Source], event_dates: EventDates | None = None) -> dict[str, float]:
    """Each term of a fact with the highest weight of a field it occurs in."""
    # The same terms, weights and order as taking every field of ``fact_fields`` through ``search_terms`` in
    # turn (tests hold it to that); written out field by field, without building the list of fields, since a
    # rebuild runs this for every fact.  Only the fields that recur across facts go through the cache.
    terms = dict.fromkeys(search_terms(fact.claim), W_CLAIM)
    stated = set(terms)
    known = terms.get
    for term in search_terms(fact.quote) if fact.quote else ():
        if known(term, 0.0) < W_QUOTE:
            terms[term] = W_QUOTE
    for text, weight in _shared_fields(fact, sources, event_dates):
        for term in _field_terms(text):
            if known(term, 0.0) < weight:
                terms[term] = weight
    for term, weight in fact_numbers(fact):
        if known(term, 0.0) < weight:
            terms[term] = weight
    return _spread_years(terms, stated)


class _FieldTerms(dict[str, tuple[str, ...]]):
    """Field text -> its content terms, for the fields that recur across facts (tags, names, source titles)."""

    LIMIT = 200_000  # a bound on memory for a base whose fields do not recur after all

    def __missing__(self, text: str) -> tuple[str, ...]:
        if len(self) >= self.LIMIT:
            self.clear()
        terms = self[text] = tuple(search_terms(text))
        return terms


_field_terms = _FieldTerms().__getitem__
_initials = lru_cache(maxsize=65536)(initials)  # names recur across facts


def _spread_years(terms: dict[str, float], stated: set[str]) -> dict[str, float]:
    """A fact about one year answers a query for that year better than a summary of several years does.

    Years the claim itself states keep their weight: the claim says what the fact is about.
    """
    years = [term for term in terms if len(term) == 4 and term.isdigit() and 1000 <= int(term) <= 2199]
    if len(years) > 1:
        share = 1 / math.sqrt(len(years))
        for year in years:
            if year not in stated:
                terms[year] *= share
    return terms


def counted_postings(weights: Iterable[float]) -> int:
    """How many of a term's postings count toward its document frequency (see COUNTED_WEIGHT)."""
    return sum(1 for weight in weights if weight > COUNTED_WEIGHT)


class SearchIndex:
    """An inverted index over facts in memory: term -> {fact position: weight}.

    The ranking itself lives in ``ranking``, shared with the on-disk index
    (``store``), so both return the same results for the same base.
    """

    def __init__(self, facts: Sequence[Fact], sources: Mapping[str, Source], entities: Sequence[Entity] = (),
                 dates_of_events: EventDates | None = None, measures: Sequence[Measure] = ()) -> None:
        """``dates_of_events`` defaults to those of ``facts``; a filtered search passes those of the whole base."""
        self.facts = facts
        self.postings_by_term: dict[str, dict[int, float]] = {}
        indexed = with_entity_names(entities, measures)
        dates = event_dates(facts, entities) if dates_of_events is None else dates_of_events
        for position, fact in enumerate(facts):
            for term, weight in fact_terms(indexed(fact), sources, dates).items():
                self.postings_by_term.setdefault(term, {})[position] = weight
        self._vocabulary: ranking.Vocabulary | None = None
        self._claims: dict[int, str] = {}
        self._counted: dict[str, int] = {}

    @classmethod
    def for_base(cls, base: Base) -> SearchIndex:
        return cls(base.facts, base.sources, base.entities, measures=base.measures)

    @property
    def size(self) -> int:
        return max(len(self.facts), 1)

    def vocabulary(self) -> ranking.Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = ranking.Vocabulary.build(term for term in self.postings_by_term if not is_number(term))
        return self._vocabulary

    def words(self) -> Sequence[str]:
        return self.vocabulary().words

    def frequency(self, term: str) -> int:
        return len(self.postings_by_term.get(term, ()))

    def document_frequency(self, term: str) -> int:
        count = self._counted.get(term)
        if count is None:
            count = self._counted[term] = counted_postings(self.postings_by_term.get(term, {}).values())
        return count

    def top_weight(self, term: str) -> float:
        return max(self.postings_by_term.get(term, {}).values(), default=0.0)

    def positions(self, term: str) -> Iterable[int]:
        return self.postings_by_term.get(term, {}).keys()

    def weight_at(self, term: str, position: int) -> float:
        return self.postings_by_term.get(term, {}).get(position, 0.0)

    def postings(self, term: str) -> Iterable[tuple[int, float]]:
        return self.postings_by_term.get(term, {}).items()

    def posting_lists(self, term: str) -> tuple[list[int], list[float]]:
        postings = self.postings_by_term.get(term, {})
        return list(postings), list(postings.values())

    def normalized_claim(self, position: int) -> str:
        claim = self._claims.get(position)
        if claim is None:
            claim = self._claims[position] = normalize(self.facts[position].claim)
        return claim

    def idf(self, term: str) -> float:
        return ranking.idf(self, term)

    def expand(self, term: str) -> list[tuple[str, float]]:
        """Index terms a query term may stand for, each with a similarity in (0, 1]."""
        return ranking.expand(self, term)

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        return self.find(query, limit).hits

    def find(self, query: str, limit: int = 10) -> Found:
        ranked, unmatched = ranking.rank_with_unmatched(self, query, limit)
        hits = [SearchHit(self.facts[position], score, matched) for position, score, matched in ranked]
        return Found(hits, tuple(unmatched))


class Found(NamedTuple):
    """The ranked results of a query, and the query terms that no fact holds."""

    hits: list[SearchHit]
    unmatched: tuple[str, ...]


def search(base: Base, query: str, limit: int = 10, where: FactFilter | None = None) -> list[SearchHit]:
    """Rank the facts of ``base`` for ``query``, best first; [] when nothing answers it.

    With ``where``, only the facts passing that filter are ranked.
    """
    return find(base, query, limit, where).hits


def find(base: Base, query: str, limit: int = 10, where: FactFilter | None = None) -> Found:
    """``search``'s results and the query terms that no fact (of those passing ``where``) holds."""
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    standing = select(base.facts, None)  # retired left out
    if where is not None and where.active:
        dates = event_dates(standing, base.entities)
        return SearchIndex(select(base.facts, where), base.sources, base.entities, dates,
                           base.measures).find(query, limit)
    return SearchIndex(standing, base.sources, base.entities, measures=base.measures).find(query, limit)

