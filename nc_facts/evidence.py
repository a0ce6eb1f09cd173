"""What the claim checker reads of a base, built once: words, figures, events, measures and names.

Everything here comes from the base itself.  Events are the facts' ``event``
keys, known by their years, their declared ordinals and the names of the
entities their facts speak of; measures are whatever the facts' values
measure, known by the words of their names and declared aliases, with the
complement each one sums to 100 with (declared, or seen in the figures).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from . import bitcount
from .claims import Figure, extract_dates, extract_figures
from .dates import PartialDate
from .language import digits_for_number_words, lemma
from .model import Base, BetterValue, Caveat, Fact
from .names import Mention, NameTable, base_entities, claimant_keys
from .provenance import base_is_article
from .slotted import Slotted
from .text import STOPWORDS, fold, normalize, tokens

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

COMMON_WORD_FACTS = 512  # a word held by at least this many facts, and by 1/64 of them, is kept as a set of bits
PREFIX_KEY = 6  # words sharing this many first letters may meet (check_words.PREFIX_MIN)
_TOOK_PLACE = re.compile(r"\b(?:took|take|takes|taken|taking) place\b")
# Words of a measure's name that say how it is counted, not what: "yes share", "no votes".
_MEASURE_GENERIC = frozenset(lemma(w) for w in "share shares vote votes percent percentage number count rate".split())


@lru_cache(maxsize=16384)
def _terms_cached(text: str, drop: frozenset[str]) -> tuple[str, ...]:
    normalized = _TOOK_PLACE.sub("held", normalize(text.replace("’", "'")))
    return tuple(lemma(t) for t in tokens(normalized)
                 if t not in STOPWORDS and not t[0].isdigit() and len(t) > 1 and t not in drop)


def terms_of(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    """Content words of a text as lemmas: no stopwords, numbers, single letters (nor the words in ``drop``)."""
    return list(_terms_cached(text, drop))


class Record(NamedTuple):
    """One figure of the base: a fact's value or a better value from another source."""

    fact: Fact
    value: float
    measure: str
    unit: str
    approximate: bool
    scope: str = ""
    better: BetterValue | None = None


class Statement(NamedTuple):
    """A text the base holds about a fact: its claim, its quote, or one of its caveats."""

    fact: Fact
    text: str
    caveat: Caveat | None = None

    @property
    def corrects(self) -> bool:
        return self.caveat is not None and self.caveat.severity in ("wrong", "misleading", "imprecise")


class MeasureInfo(Slotted):
    """A measure as the checker reads it; its words and complement are filled in while the table is made."""

    __slots__ = ("complement", "name", "percent", "words")

    def __init__(self, name: str, words: frozenset[str], percent: bool, complement: str = "") -> None:
        self.name = name
        self.words = words  # lemmas that name it in a sentence
        self.percent = percent
        self.complement = complement


class EventInfo(Slotted):
    """An event as the checker reads it; its years and names are gathered from its facts."""

    __slots__ = ("key", "names", "ordinal", "years")

    def __init__(self, key: str, years: set[int] | None = None, ordinal: int | None = None,
                 names: set[str] | None = None) -> None:
        self.key = key
        self.years: set[int] = years if years is not None else set()
        self.ordinal = ordinal
        self.names: set[str] = names if names is not None else set()  # entity keys its facts all speak of


# A fact's record in the view: its own words, its notes' words, the entity keys it speaks of, and the value and
# kind (percent or not) of each figure in digits in its claim, quote and caveats.
FactRecord = tuple[tuple[str, ...], tuple[str, ...], frozenset[str], tuple[tuple[float, bool], ...]]


class ViewParts(NamedTuple):
    """What a ``BaseView`` works out from its base, as plain values (tuples, sets, dicts of them).

    Facts are named by their places: their order among the standing facts, which is also their position in
    the base's index.  A view read from the cache has the tables as mappings and sequences that read each
    value when asked for it.
    """

    names: tuple[Any, ...]  # the name table (``NameTable.state``)
    records: Sequence[FactRecord]  # place -> the fact's record
    measures: dict[str, tuple[frozenset[str], bool, str]]  # name -> words, percent, complement
    events: dict[str, tuple[frozenset[int], int | None, frozenset[str]]]  # key -> years, ordinal, names
    postings: Mapping[str, Sequence[int]]  # word (and "^" + its first letters) -> places, but the common ones
    common: Mapping[str, bytes]  # a common word -> its facts, as a set of places (``bitcount``)
    # What a rule would otherwise find by reading every fact: each list of places is in ascending order.
    ids: Sequence[str]  # place -> the standing fact's id
    event_facts: Mapping[str, Sequence[int]]  # event key -> its facts
    measure_facts: Mapping[str, Sequence[int]]  # measure -> the facts with a figure of it (a value or a better one)
    naming: Mapping[str, Sequence[int]]  # entity key -> the facts that speak of it
    text_naming: Mapping[str, Sequence[int]]  # entity key -> the facts with text figures whose texts hold it
    text_counts: tuple[Sequence[float], Sequence[int]]  # the counts of the text figures, sorted; their facts
    record_values: tuple[Sequence[float], Sequence[int]]  # every figure's value, sorted; its fact
    name_words: frozenset[str]  # lemmas the base writes only as names (``_NameWords``)


class FactWords(NamedTuple):
    own: frozenset[str]  # claim, quote, names, labels, measures
    notes: frozenset[str]  # caveats and better values' notes

    @property
    def all(self) -> frozenset[str]:
        return self.own | self.notes


class BaseView:
    """A base as the checker compares sentences with it.

    What is costly to work out (the names each fact speaks of, its words, the
    events and measures, which facts hold each) is ``ViewParts``: plain
    values, which a cache can keep (``check_cache``) for the same base and
    code.  Built without them, the view works them out from every standing
    fact: the base's, or those ``facts`` gives (in their places' order, once
    for each of two passes, so that they need not all be in memory at once).
    Given them, ``fact_at`` (a standing fact by its place) and ``place_of``
    (a fact's place by its id), the view decodes only the facts a sentence
    leads to: ``base`` then needs its declarations only.
    """

    def __init__(self, base: Base, parts: ViewParts | None = None, fact_at: Callable[[int], Fact] | None = None,
                 place_of: Callable[[str], int | None] | None = None,
                 facts: Callable[[], Iterable[Fact]] | None = None) -> None:
        self.base = base
        self._made: dict[int, Fact] = {}
        self._places: dict[str, int] = {}  # the places of the facts decoded
        if parts is None:
            if facts is None:
                standing = self.__dict__["facts"] = tuple(f for f in base.facts if not f.retired)
                fact_at, facts = standing.__getitem__, lambda: standing
            parts = self._derive(facts)  # builds the name table on the way
            place_of = place_of or places_of(parts.ids).get
        else:
            self.names = NameTable.from_state(parts.names)
        assert fact_at is not None and place_of is not None
        self._fact_at, self._place_of = fact_at, place_of
        self.parts = parts
        self.words = _FactWords(self)
        self.fact_names = _RecordField(self, 2)  # the entity keys each fact speaks of
        self.text_figures = _RecordField(self, 3)  # each fact's figures in digits (value, percent)
        self.measures = {name: MeasureInfo(name, words, percent, complement)
                         for name, (words, percent, complement) in parts.measures.items()}
        self.events = {key: EventInfo(key, set(years), ordinal, set(names))
                       for key, (years, ordinal, names) in parts.events.items()}
        self.postings = parts.postings
        self.is_article = base_is_article(self.base)
        self.places_cache: dict[str, set[str]] = {}  # the places each fact gives, worked out once

    def fact_at(self, place: int) -> Fact:
        """The standing fact at this place, decoded once."""
        made = self._made.get(place)
        if made is None:
            made = self._made[place] = self._fact_at(place)
            self._places[made.id] = place
        return made

    def place(self, fact_id: str) -> int:
        """The place of the standing fact with this id (KeyError when none stands)."""
        place = self._places.get(fact_id)
        if place is None:
            place = self._place_of(fact_id)
            if place is None or not 0 <= place < len(self.parts.ids):
                raise KeyError(fact_id)
        return place

    def knows(self, word: str) -> bool:
        """Whether a fact of the base holds the word."""
        return not word.startswith("^") and (word in self.parts.postings or word in self.parts.common)

    @property
    def decoded(self) -> int:
        """How many facts the view has decoded so far: those a check read, unless it was worked out from all."""
        return len(self.__dict__["facts"]) if "facts" in self.__dict__ else len(self._made)

    @cached_property
    def facts(self) -> tuple[Fact, ...]:
        """Every standing fact, in the base's order: only for what must read them all (a rule should not)."""
        return tuple(self.facts_at(range(len(self.parts.ids))))

    @cached_property
    def name_terms(self) -> frozenset[str]:
        """Every word of every form of the base's names (worked out once: a million facts' names hold many)."""
        return frozenset(t for form in self.names.forms() for t in form)

    @cached_property
    def records(self) -> list[Record]:
        """Every figure of the standing facts, in the base's order."""
        return [record for fact in self.facts for record in records_of(fact)]

    def event_places(self, event: str) -> Sequence[int]:
        """The places of the standing facts of this event, in the base's order."""
        return self.parts.event_facts.get(event, ())

    def event_facts(self, event: str) -> list[Fact]:
        return self.facts_at(self.event_places(event))

    def measure_records(self, measure: str, events: Iterable[str] | None = None) -> list[Record]:
        """The figures of this measure (of these events only, when given), in the base's order."""
        places: Iterable[int] = self.parts.measure_facts.get(measure, ())
        if events is not None:
            of_events = {place for event in events for place in self.parts.event_facts.get(event, ())}
            places = [place for place in places if place in of_events]
        return [record for fact in self.facts_at(places) for record in records_of(fact) if record.measure == measure]

    def records_near(self, low: float, high: float) -> list[Record]:
        """The figures whose value lies between ``low`` and ``high``, among all of their facts', in the base's order."""
        values, places = self.parts.record_values
        return [record for fact in self._in_order(places[bisect_left(values, low):bisect_right(values, high)])
                for record in records_of(fact)]

    def places_with_counts_near(self, low: float, high: float) -> list[int]:
        """The places of the facts whose texts give a count in digits between ``low`` and ``high``, in order.

        Places, not facts: a large base has thousands near a round number, which a check sifts by their figures
        (``text_figures``) before it decodes one.
        """
        values, places = self.parts.text_counts
        return sorted(set(places[bisect_left(values, low):bisect_right(values, high)]))

    def places_with_texts_naming(self, keys: Iterable[str]) -> list[int]:
        """The places of the facts with figures in their texts whose texts name any of these entities, in order."""
        return sorted({place for key in keys for place in self.parts.text_naming.get(key, ())})

    def _in_order(self, places: Iterable[int]) -> list[Fact]:
        return self.facts_at(sorted(set(places)))

    def fact_set(self, word: str) -> int:
        """The facts holding the word (``postings``), as a set of places (``bitcount``)."""
        common = self.parts.common.get(word)
        if common is not None:
            return bitcount.of_bytes(common)
        return self.set_of(self.postings.get(word, ()))

    def set_of(self, places: Iterable[int]) -> int:
        """These facts as a set of places (``bitcount``)."""
        return bitcount.of_places(places, len(self.parts.ids))

    def facts_at(self, places: Iterable[int]) -> list[Fact]:
        return [self.fact_at(place) for place in places]

    def facts_naming_all(self, keys: Iterable[str]) -> set[int]:
        """The places of the facts that hold every one of these names, or the whole each stands for
        (``check_words.holds``)."""
        naming = self.parts.naming
        found: set[int] | None = None
        for key in keys:
            holding = set(naming.get(key, ())).union(naming.get(self.names.whole(key), ()))
            found = holding if found is None else found & holding
            if not found:
                return set()
        return found or set()

    def _derive(self, facts: Callable[[], Iterable[Fact]]) -> ViewParts:
        base = self.base
        # The first pass: the names and events every fact's names are read against.
        of_events: dict[str, list[Fact]] = defaultdict(list)
        name_words = _NameWords()

        def first_pass() -> Iterator[Fact]:
            for fact in facts():
                name_words.add(fact)
                if fact.event:
                    of_events[fact.event].append(fact)
                yield fact
        self.names = NameTable(base_entities(base, first_pass()))
        events = event_table(base, (fact for group in of_events.values() for fact in group), self.names)
        of_events.clear()
        # The second: each fact's record, and the tables that lead to it.
        ids: list[str] = []
        records: list[FactRecord] = []
        measures = _Measures()
        postings: dict[str, list[int]] = defaultdict(list)  # word (and its first letters) -> places
        text_naming: dict[str, list[int]] = defaultdict(list)
        event_facts: list[tuple[str, int]] = []
        measure_facts: list[tuple[str, int]] = []
        record_values: list[tuple[float, int]] = []
        for place, fact in enumerate(facts()):
            ids.append(fact.id)
            names, within = self._names_of(fact)
            # A fact of an event names it, and what the event is named by ("the EU referendum").
            event = events.get(fact.event)
            names = names | event.names | {fact.event} if event is not None else names
            found = text_figures(self.statements(fact))
            words = fact_words(fact)
            records.append((tuple(words.own), tuple(words.notes), names, found))
            for key in sorted(within) if found else ():
                text_naming[key].append(place)
            for word in sorted(words.all | {"^" + w[:PREFIX_KEY] for w in words.all if len(w) >= PREFIX_KEY}):
                postings[word].append(place)
            if fact.event:
                event_facts.append((fact.event, place))
            for record in records_of(fact):
                measures.add(record)
                measure_facts.append((record.measure, place))
                record_values.append((record.value, place))
        size = len(ids)
        return ViewParts(
            names=self.names.state(),
            records=records,
            measures={name: (info.words, info.percent, info.complement)
                      for name, info in measures.found(base).items()},
            events={key: (frozenset(info.years), info.ordinal, frozenset(info.names)) for key, info in events.items()},
            postings={word: tuple(places) for word, places in postings.items() if not _common(len(places), size)},
            common={word: bitcount.to_bytes(bitcount.of_places(places, size), size)
                    for word, places in postings.items() if _common(len(places), size)},
            ids=tuple(ids),
            event_facts=_grouped(event_facts),
            measure_facts=_grouped(measure_facts),
            naming=_grouped((key, place) for place, record in enumerate(records) for key in sorted(record[2])),
            text_naming={key: tuple(places) for key, places in text_naming.items()},
            text_counts=_sorted_values((value, place) for place, record in enumerate(records)
                                       for value, percent in record[3] if not percent),
            record_values=_sorted_values(record_values),
            name_words=name_words.found(),
        )

    def _names_of(self, fact: Fact) -> tuple[frozenset[str], set[str]]:
        """The entities the fact speaks of; and every name a clause of its statements holding a figure holds
        (``NameTable.keys_within``, which ``check_figures._figure_in_texts`` asks of such a clause)."""
        keys: set[str] = set()
        within: set[str] = set()
        statements = {fact.claim, fact.quote, *(c.text for c in fact.caveats)}
        for text in (fact.claim, fact.quote, *fact.entities, *fact.aliases, *(c.text for c in fact.caveats)):
            mentions = list(self.names.mentions(text))
            for mention in mentions:
                keys.add(mention.key)
                # "the Parliament of Catalonia" speaks of Catalonia too; "the Armenian diaspora" not of Armenia.
                if " of " in mention.text:
                    keys |= self.names.keys_in(mention.text.split(" of ", 1)[1])
            if text in statements:
                within |= self._names_within(text, mentions)
        keys |= claimant_keys(self.names, fact.claimant)
        return frozenset(keys | {self.names.whole(k) for k in keys}), within

    def _names_within(self, text: str, mentions: list[Mention]) -> set[str]:
        parts = clauses(text)
        if len(parts) == 1:  # the text is its one clause: its mentions are already found
            return {m.key for m in mentions} | self.names.forms_within(text)
        # Words taken by a longer name across a clause's end may name another entity within the clause alone.
        return {key for clause in parts if any(not f.in_words for f in clause_numbers(clause)[1])
                for key in self.names.keys_within(clause)}

    def statements(self, fact: Fact) -> list[Statement]:
        found = [Statement(fact, fact.claim)]
        if fact.quote:
            found.append(Statement(fact, fact.quote))
        found += [Statement(fact, caveat.text, caveat) for caveat in fact.caveats]
        return found

    def known_dates(self, fact: Fact) -> list[PartialDate]:
        """The fact's dates, plus day-precise dates its caveats give inside them (15 November 2022)."""
        dates = list(fact.dates)
        for caveat in fact.caveats:
            for found in extract_dates(normalize(caveat.text)):
                inside = any(d.covers(found.date) and found.date.precision != "year" for d in fact.dates)
                if inside or not fact.dates:
                    dates.append(found.date)
        return dates

    def source_phrase(self, fact: Fact) -> str:
        """Who says it: "the article, citing BBC (footnote 1)" for an article's base, "BBC reports" otherwise."""
        if fact.derived:
            origin = "the article's" if self.is_article else "the base's"
            return f"derived from {origin} figures ({fact.derivation})"
        if not fact.citations:
            return "the article (unsourced)" if self.is_article else "the base (no source given)"
        citation = fact.citations[0]
        source = self.base.sources[citation.source]
        if source.from_article:
            where = f" (footnote {citation.footnote})" if citation.footnote else ""
            return f"the article, citing {source.outlet}{where}"
        return f"{source.outlet} reports"

    def outlet(self, key: str) -> str:
        source = self.base.sources.get(key)
        return source.outlet if source is not None else "a reference page"


def _common(count: int, size: int) -> bool:
    """Whether a word held by ``count`` of ``size`` facts is kept as a set of bits: where that is the smaller
    (a bit a fact against a reference a holder) and making it at each check would cost more than reading it."""
    return count >= COMMON_WORD_FACTS and count * 64 >= size


def places_of(keys: Sequence[str]) -> dict[str, int]:
    """Each key's place in ``keys``."""
    return dict(zip(keys, range(len(keys)), strict=True))


def _grouped(pairs: Iterable[tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    """Each key's values, in the order they came, each once."""
    groups: dict[str, dict[int, None]] = defaultdict(dict)
    for key, value in pairs:
        groups[key][value] = None
    return {key: tuple(values) for key, values in groups.items()}


def _sorted_values(pairs: Iterable[tuple[float, int]]) -> tuple[tuple[float, ...], tuple[int, ...]]:
    ordered = sorted(set(pairs))
    return tuple(value for value, _ in ordered), tuple(place for _, place in ordered)


_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[\w,;)’'\"”] )([A-Z][^\W\d_]+)")
_LOWER_CASE_WORD = re.compile(r"(?<![\w'’-])[a-z][^\W\d_]*")


class _NameWords:
    """Lemmas of the words the facts write only as names: capitalised inside a sentence, never in lower case
    ("Wales" of "Diana, Princess of Wales"; not "Turnout", capitalised only where a sentence opens)."""

    def __init__(self) -> None:
        self._capitalised: set[str] = set()
        self._lower: set[str] = set()

    def add(self, fact: Fact) -> None:
        for text in (fact.claim, fact.quote, *fact.entities, *(c.text for c in fact.caveats)):
            self._capitalised.update(lemma(fold(w)) for w in _MID_SENTENCE_CAPITAL.findall(text))
            self._lower.update(lemma(w) for w in _LOWER_CASE_WORD.findall(text))

    def found(self) -> frozenset[str]:
        return frozenset(self._capitalised - self._lower)


class _RecordField(Mapping[str, "Any"]):
    """One field of each standing fact's record by its id (or by its place, ``at``)."""

    def __init__(self, view: BaseView, at: int) -> None:
        self._view, self._at = view, at

    def at(self, place: int) -> Any:
        return self._view.parts.records[place][self._at]

    def __getitem__(self, fact_id: str) -> Any:
        return self.at(self._view.place(fact_id))

    def __iter__(self) -> Iterator[str]:
        return iter(self._view.parts.ids)

    def __len__(self) -> int:
        return len(self._view.parts.ids)


class _FactWords(_RecordField):
    """Each standing fact's words (its own and its notes', the first two fields of its record), made into
    sets when first asked for."""

    def __init__(self, view: BaseView) -> None:
        super().__init__(view, 0)
        self._made: dict[int, FactWords] = {}

    def at(self, place: int) -> FactWords:
        made = self._made.get(place)
        if made is None:
            own, notes, *_ = self._view.parts.records[place]
            made = self._made[place] = FactWords(frozenset(own), frozenset(notes))
        return made


_CLAUSE = re.compile(r";|, (?=[A-Z])|\.\s")


def clauses(text: str) -> list[str]:
    """A statement's clauses, as its figures are read: each of the last year named before it."""
    return _CLAUSE.split(text)


@lru_cache(maxsize=4096)
def clause_numbers(clause: str) -> tuple[str, tuple[Figure, ...]]:
    """A clause normalised with its numbers in digits, and the figures in it."""
    normalized = digits_for_number_words(normalize(clause))
    return normalized, tuple(extract_figures(normalized))


def text_figures(statements: Iterable[Statement]) -> tuple[tuple[float, bool], ...]:
    """The value and kind (percent or not) of every figure written in digits in the statements' clauses."""
    found = {(number.value, number.percent) for statement in statements for clause in clauses(statement.text)
             for number in clause_numbers(clause)[1] if not number.in_words}
    return tuple(sorted(found))


def fact_words(fact: Fact) -> FactWords:
    own_texts = [fact.claim, fact.quote, *fact.entities, *fact.aliases, *fact.tags, fact.claimant,
                 fact.event.replace("-", " "), *(v.measure for v in fact.values if v.unit != "year")]
    notes = [c.text for c in fact.caveats] + [b.note for b in fact.better_values]
    return FactWords(frozenset(t for text in own_texts for t in terms_of(text)),
                     frozenset(t for text in notes for t in terms_of(text)))


def records_of(fact: Fact) -> list[Record]:
    records = [Record(fact, v.value, v.measure, v.unit, v.approximate, v.scope)
               for v in fact.values if v.unit != "year"]
    records += [Record(fact, b.value, b.measure, b.unit, False, b.scope, b)
                for b in fact.better_values if b.unit != "year"]
    return records


def measure_table(base: Base, records: Iterable[Record]) -> dict[str, MeasureInfo]:
    """Every measure the base's figures use, with the words that name it and its complement."""
    table = _Measures()
    for record in records:
        table.add(record)
    return table.found(base)


class _Measures:
    """``measure_table``, a figure at a time: only the percentages of events are kept (to find complements)."""

    def __init__(self) -> None:
        self._table: dict[str, MeasureInfo] = {}
        self._by_event: dict[tuple[str, str], list[Record]] = defaultdict(list)

    def add(self, record: Record) -> None:
        if record.measure not in self._table:
            words = measure_words(record.measure)
            self._table[record.measure] = MeasureInfo(record.measure, words, record.unit == "percent")
        if record.unit == "percent" and record.fact.event:
            self._by_event[(record.fact.event, record.scope)].append(record)

    def found(self, base: Base) -> dict[str, MeasureInfo]:
        table = self._table
        for declared in base.measures:
            info = table.setdefault(declared.name, MeasureInfo(declared.name, frozenset(), declared.unit == "percent"))
            info.words = info.words | frozenset(t for alias in declared.aliases for t in terms_of(alias))
            if declared.complement:
                info.complement = declared.complement
                if declared.complement in table:
                    table[declared.complement].complement = declared.name
        _infer_complements(table, self._by_event)
        _complements_by_name(table)
        return table


_SIDE_WORDS = {"for": "against", "against": "for", "yes": "no", "no": "yes"}


def measure_words(name: str) -> frozenset[str]:
    """The words that name a measure, side words kept: "votes for" -> {for}, "no share" -> {no}."""
    words = [t for t in tokens(normalize(name)) if lemma(t) not in _MEASURE_GENERIC]
    return frozenset(t if t in _SIDE_WORDS else lemma(t) for t in words if t in _SIDE_WORDS or t not in STOPWORDS)


def _complements_by_name(table: dict[str, MeasureInfo]) -> None:
    """"votes for" and "votes against", "yes votes" and "no votes": the same name with the other side."""
    for name, info in table.items():
        if info.complement:
            continue
        words = name.split()
        for i, word in enumerate(words):
            other = " ".join([*words[:i], _SIDE_WORDS[word], *words[i + 1:]]) if word in _SIDE_WORDS else ""
            if other in table and not table[other].complement:
                info.complement, table[other].complement = other, name


def _infer_complements(table: dict[str, MeasureInfo], by_event: dict[tuple[str, str], list[Record]]) -> None:
    """Two percentages of one event that add up to 100 (yes and no, leave and remain) complement each other."""
    for group in by_event.values():
        for a in group:
            for b in group:
                if a.measure < b.measure and abs(a.value + b.value - 100) <= 0.05:
                    first, second = table[a.measure], table[b.measure]
                    if not first.complement and not second.complement:
                        first.complement, second.complement = b.measure, a.measure


def event_table(base: Base, facts: Iterable[Fact], names: NameTable) -> dict[str, EventInfo]:
    events: dict[str, EventInfo] = {}
    facts_of: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.event:
            facts_of[fact.event].append(fact)
    for key, group in facts_of.items():
        info = events[key] = EventInfo(key)
        for fact in group:
            info.years |= {d.year for d in fact.dates}
        # The names most facts of the event speak of are the event's own ("Bougainville" for its referendum).
        counts: dict[str, int] = defaultdict(int)
        for fact in group:
            for name in names.keys_in(" ".join((fact.claim, *fact.entities))):
                counts[name] += 1
        info.names = {name for name, count in counts.items() if count >= 0.6 * len(group)}
        info.names |= {m.key for m in names.mentions(key.replace("-", " "), any_case=True)}
        info.names -= set(facts_of)
    for declared in base.entities:
        if declared.kind == "event" and declared.id in events:
            info = events[declared.id]
            info.ordinal = declared.ordinal
            info.years |= {d.year for d in declared.dates}
    _years_from_single_dates(events, facts_of)
    return events


def _years_from_single_dates(events: dict[str, EventInfo], facts_of: dict[str, list[Fact]]) -> None:
    # An event whose facts span several years (a postponement, an aftermath) is known by its most common year.
    for key, info in events.items():
        if len(info.years) > 1:
            counts: dict[int, int] = defaultdict(int)
            for fact in facts_of[key]:
                for year in {d.year for d in fact.dates}:
                    counts[year] += 1
            best = max(counts.values())
            info.years = {year for year, count in counts.items() if count == best}
