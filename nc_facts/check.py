"""Claim checking: a FEVER-style verdict on one sentence, part by part.

A sentence is read first (``sentence``: is it a claim at all, who is said to
have said it; ``claims``: its figures, dates and ordinals; ``names``: the
people, places, organisations and events it names).  Evidence is then
sought for each part separately: figures against the base's records of the
same measure, event and part (``check_figures``); the sentence's words,
names, dates, other numbers, speech act, stance and negation against the
facts that cover it (``check_words`` gates which facts those are).  The
verdict follows from the parts (``conclude``): "supported" only when every
part the sentence asserts is met, "refuted" when a part the base fixes is
contradicted, and "not enough info" otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from . import check_figures as figures_
from .check_words import (
    COVERAGE_TEXT_ONLY,
    COVERAGE_WITH_STRUCTURE,
    IGNORED,
    SYNONYMS,
    Coverage,
    capitalised_words,
    coverage,
    good_readings,
    holds,
    is_negated,
    negated_heads,
    negated_terms,
    predicate_terms,
    sentence_terms,
    term_met,
)
from .claims import (
    Figure,
    ParsedClaim,
    agrees,
    extract_dates,
    extract_figures,
    nearest_cue,
    parse_claim,
    polarity,
    split_sentences,
)
from .dates import PartialDate
from .errors import ExitCode, UsageError
from .evidence import PREFIX_KEY, BaseView, terms_of
from .language import (
    ADMIT,
    ASSERT,
    BALLOT_WORDS,
    DENY,
    STANCE_AGAINST,
    STANCE_FOR,
    digits_for_number_words,
    lemma,
    month_numbers,
    weekday_names,
)
from .model import Base, Caveat, Fact
from .names import Mention, NameTable, claimant_keys
from .sentence import (
    CLAIM,
    KIND_REASONS,
    Attribution,
    opposite_acts,
    read_attribution,
    sentence_kind,
    stance_of,
    stance_words,
)
from .text import fold, normalize

Verdict = Literal["supported", "refuted", "not_enough_info"]
Match = Literal["agrees", "disagrees", "unknown"]
VERDICTS: tuple[Verdict, ...] = ("supported", "refuted", "not_enough_info")
VERDICT_LABELS: dict[Verdict, str] = {
    "supported": "Supported", "refuted": "Refuted", "not_enough_info": "Not enough info",
}
VERDICT_EXIT: dict[Verdict, ExitCode] = {
    "supported": ExitCode.OK, "refuted": ExitCode.NOT_FOUND, "not_enough_info": ExitCode.NOT_ENOUGH_INFO,
}
# For a whole draft: the worst verdict decides the exit code.
VERDICT_SEVERITY: dict[Verdict, int] = {"supported": 0, "not_enough_info": 1, "refuted": 2}

CANDIDATES = 15
MAX_CLAIM_CHARS = 1000
_VOTE_WORDS = frozenset(
    lemma(w) for w in """yes no oui non against for rejected reject opposed backed backing supported support favour
    favor approved endorsed turnout participation voted vote votes voters voter ballot ballots polls refused said say
    pro turned out went cast chose choose took part electorate first second third fourth fifth""".split()
)
_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_PLACE_WORD = re.compile(r"\b(?:at|in)\s+(?:the\s+)?([A-Z][^\W\d_]+(?:[-’'\s][A-Z][^\W\d_]+)*)")


def place_words(text: str) -> set[str]:
    """Capitalised words after "at" or "in" that are no month or weekday: places a sentence gives."""
    calendar = frozenset(month_numbers()) | weekday_names()
    return {lemma(fold(w.split()[0])) for w in _PLACE_WORD.findall(text) if fold(w.split()[0]) not in calendar}


def place_word_parts(text: str) -> set[str]:
    """Every word of the places a sentence gives ("Vila Nova": vila, nova)."""
    return {lemma(fold(part)) for w in _PLACE_WORD.findall(text) for part in re.split(r"[\s'’-]", w) if part}
# One or two lowercase words naming a role ("navigator", "foreign minister"): no verb, no preposition.
_ROLE_GAP = re.compile(r"^(?:(?!(?:of|in|at|from|to|and|or|the|a|an)\s)[a-z]+(?<!ed)(?<!s)\s+){1,2}$")
# The usual endings of English adjectives of nationality: British, French, Azerbaijani, Chinese, American.
_DEMONYM_LIKE = re.compile(r"(?:ish|ian|an|ese|ch|i)$")


def person_modifiers(text: str, mentions: Sequence[Mention], names: NameTable) -> list[tuple[str, str]]:
    """"The French navigator James Cook": the capitalised word that qualifies a person named in full."""
    found = []
    for mention in mentions:
        entity = names.entities.get(mention.key)
        if len(mention.text.split()) < 2 or mention.role == "place" or entity is None or entity.kind not in (
                "person", "other"):
            continue
        start = text.find(mention.text)
        before = text[:start]
        match = re.search(r"([A-Z][^\W\d_]+)\s+((?:[a-z]+\s+){0,2})$", before)
        if match is None or not _DEMONYM_LIKE.search(match.group(1)) or not _ROLE_GAP.match(match.group(2)):
            continue
        found.append((mention.key, fold(match.group(1))))
    return found


# What a text foresees rather than states: "may ratify it", "must be ratified", "is to be tabled".
_FORESEEN = re.compile(r"\b(?:may|must|might|could|would|should|will|shall|is to|are to|was to|were to)\s+"
                       r"((?:be\s+)?(?:[a-z]+\s*){1,2})")
_VERB_BEFORE = re.compile(r"\b([a-z]+(?:ed|ing|es|s))\s+(?:the\s+|a\s+|an\s+)?$")


def verb_objects(text: str, mentions: Sequence[Mention]) -> list[tuple[str, str]]:
    """(verb, entity) where a name stands right after a verb: "condemned Armenia" -> ("condemn", armenia)."""
    pairs = []
    lowered = text.replace("’", "'")
    for mention in mentions:
        if mention.role == "place":
            continue
        start = lowered.find(mention.text.replace("’", "'"))
        after = lowered[start + len(mention.text):]
        if after.startswith("'s") or _APPOSITION.match(after):
            continue  # "Darmanin's accusation", "BeLeave founder Darren Grimes": another is the object
        passive = _PASSIVE_AFTER.match(after)
        if passive is not None:
            pairs.append((lemma(passive.group(1)), mention.key))  # "Leave.EU was fined": Leave.EU is fined
            continue
        match = _VERB_BEFORE.search(lowered[:start]) if start > 0 else None
        if match is not None and match.group(1) not in _NOT_VERBS:
            pairs.append((lemma(match.group(1)), mention.key))
    return pairs


_APPOSITION = re.compile(r"^\s+[a-z]+(?:\s+[a-z]+)?\s+[A-Z]")
_PASSIVE_AFTER = re.compile(r"^\s+(?:was|were|has been|had been|is|are)\s+([a-z]+ed)\b")


# Words that end like verbs and are none, or whose object is no role ("was", "has").
_NOT_VERBS = frozenset("was has is does its this thus as was us yes news less unless during including".split())


_EVERY = re.compile(r"\b(?:all|every|each)\b(?:\s+(?:\d+|of the))?\s+\w+(?:\s+\w+)?\s+(?:referendums|votes|elections|"
                    r"polls|ballots|of them)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """What one part of the sentence (a figure, a date, its words, its speaker) meets in the base."""

    match: Match
    role: Literal["figure", "date", "text", "attribution", "caveat", "kind", "name"]
    explanation: str
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A fact a verdict rests on, and how it met the claim."""

    fact: Fact
    role: str
    match: Match
    detail: str


@dataclass(frozen=True)
class CheckResult:
    claim: str
    verdict: Verdict
    explanation: str
    evidence: tuple[Evidence, ...]
    parsed: ParsedClaim
    attribution: str | None = None  # "Gérald Darmanin alleged ..." when the base holds it only as an assertion
    kind: str = CLAIM  # claim, question, heading, opinion or imperative

    @property
    def exit_code(self) -> ExitCode:
        return VERDICT_EXIT[self.verdict]


@dataclass(frozen=True)
class Reading:
    """One sentence as the checker reads it."""

    text: str
    parsed: ParsedClaim
    mentions: tuple[Mention, ...]
    names: frozenset[str]  # entity keys of the names it uses (a part may stand for its whole: ``holds``)
    places: frozenset[str]  # entity keys named as a location ("at Balade")
    capitalised: frozenset[str]  # capitalised words that are no known name
    attribution: Attribution | None
    negated: bool
    place_words: frozenset[str] = frozenset()  # capitalised words named as a location that are no known name
    modifiers: tuple[tuple[str, str], ...] = ()  # (person, the word that qualifies them): ("james cook", "french")


class Checker:
    """Checks sentences against one base; build once, check many (a draft's sentences)."""

    def __init__(self, base: Base) -> None:
        self.base = base
        self.view = BaseView(base)
        self._places_cache: dict[str, set[str]] = {}

    # -- reading ---------------------------------------------------------------------------------------

    def read(self, text: str) -> Reading:
        parsed = _without_numbered_names(parse_claim(text), text)
        mentions = tuple(self.view.names.mentions(text))
        modifiers = person_modifiers(text, mentions, self.view.names)
        modifier_words = {word for _, word in modifiers}
        kept = tuple(m for m in mentions if fold(m.text) not in modifier_words)
        names = frozenset(m.key for m in kept)
        places = frozenset(m.key for m in kept if m.role == "place")
        places_said = frozenset(place_words(text)) - {lemma(w) for m in mentions for w in fold(m.text).split()}
        capitalised = frozenset(capitalised_words(text, self.view, mentions)) - place_word_parts(text) - {
            lemma(w) for w in modifier_words}
        return Reading(text, parsed, kept, names, places, capitalised,
                       read_attribution(text, self.view.names), is_negated(text), places_said, tuple(modifiers))

    # -- the verdict -----------------------------------------------------------------------------------

    def check(self, claim: str) -> CheckResult:
        if not claim.strip():
            raise UsageError("the claim is empty")
        text = " ".join(claim[:MAX_CLAIM_CHARS].split())
        kind = sentence_kind(text)
        if kind != CLAIM:
            parsed = parse_claim(text)
            finding = Finding("unknown", "kind", KIND_REASONS[kind])
            return replace(conclude(parsed, [finding]), kind=kind)
        if _CONTRAST.search(text):
            # "..., although Glasgow voted Yes": each clause is asserted, so each is checked.
            contrasted = self._check_clauses(text, strict=True)
            if contrasted is not None:
                return contrasted
        result = self._check_claim(text)
        if result.verdict == "not_enough_info":
            compound = self._check_clauses(text)
            if compound is not None:
                return compound
        return result

    def _check_claim(self, text: str) -> CheckResult:
        reading = self.read(text)
        vote = self.vote_figures(reading)
        if vote:
            return conclude(reading.parsed, self.check_vote_figures(reading, vote))
        outcome = self.check_outcome(reading)
        if outcome is not None:
            return conclude(reading.parsed, outcome)
        return conclude(reading.parsed, self.check_statement(reading))

    def check_outcome(self, reading: Reading) -> list[Finding] | None:
        """"Scotland did not vote for independence in 2014": a vote's outcome, read as a majority of one side.

        Only for a sentence that names an event the base has figures of that side for; "narrowly" reads as
        about half, "overwhelmingly" as more than 60 %.
        """
        parsed = reading.parsed
        match = _OUTCOME.search(parsed.normalized)
        if parsed.figures or match is None or not self._votes_on_a_question(parsed.normalized[match.end():]):
            return None
        side = polarity(parsed.normalized)
        cue = f"{side} share" if side is not None else None
        value, comparator = (50.0, "approx") if _NARROW.search(parsed.normalized) else (
            (60.0, "gt") if _LANDSLIDE.search(parsed.normalized) else (50.0, "gt"))
        figure = Figure(value, 0, True, comparator, match.group(), match.start(), match.end(), in_words=True)  # type: ignore[arg-type]
        measures = figures_.measures_for(self.view, figure, cue, figures_.lemmas_of(reading.text),
                                         normalized=parsed.normalized)
        parts = figures_.parts_named(self.view, reading.mentions, reading.text)
        if not measures or (cue is None and not measures.named) or (
                self.events_named(reading)[0] is None and not parts):
            return None
        readings = [replace(reading, mentions=tuple(m for m in reading.mentions if m.key == part or m.key not in parts))
                    for part in sorted(parts)] if len(parts) > 1 else [reading]
        findings = [f for each in readings for f in self.check_vote_figures(each, [(figure, measures, cue)])]
        if all(f.match == "unknown" for f in findings if f.role == "figure"):
            return None
        return findings

    def _votes_on_a_question(self, after_verb: str) -> bool:
        """What was voted on is a side of a ballot ("yes", "independence", "to leave"), not "the separatist groups"."""
        words = [w for w in re.findall(r"[a-z]+", after_verb) if w not in _VOTE_FILLERS][:1]
        if not words:
            return False
        ballot_words = {w for info in self.view.measures.values() for w in info.words}
        ballot_words |= {t for key in self.view.events for t in terms_of(key.replace("-", " "))}
        return words[0] in BALLOT_WORDS or lemma(words[0]) in ballot_words

    def _check_clauses(self, text: str, *, strict: bool = False) -> CheckResult | None:
        """A compound sentence ("... was signed in July and won ... a month later"): each clause on its own.

        ``strict``: the clauses are the verdict even when neither decides (not enough info).
        """
        clauses = split_clauses(text)
        if len(clauses) < 2:
            return None
        results = [self._check_claim(clause) for clause in clauses]
        if any(r.verdict == "refuted" for r in results):
            deciding = [r for r in results if r.verdict == "refuted"]
        elif all(r.verdict == "supported" for r in results):
            deciding = results
        elif strict:
            deciding = [r for r in results if r.verdict == "not_enough_info"]
        else:
            return None
        verdict = deciding[0].verdict
        explanation = "; ".join(r.explanation for r in deciding)
        evidence = tuple(e for r in results for e in r.evidence)
        return CheckResult(text, verdict, explanation, evidence, parse_claim(text),
                           next((r.attribution for r in results if r.attribution), None))

    # -- figures about a measure ----------------------------------------------------------------------

    def vote_figures(self, reading: Reading) -> list[tuple[Figure, list[str], str | None]]:
        """The figures of the sentence that name one of the base's measures, with those measures and the side."""
        lemmas = figures_.lemmas_of(reading.text)
        found: list[tuple[Figure, list[str], str | None]] = []
        previous: list[str] = []
        for figure, cue in zip(reading.parsed.figures, reading.parsed.measures, strict=True):
            near = nearest_cue(reading.parsed.normalized, figure)
            if not (figure.percent or figure.pair or (near in ("yes share", "no share") and figure.unit_word)):
                continue
            cue = cue or near
            if cue is None and figure.pair == 1 and not figure.percent:
                cue = "yes share"  # "by 70 votes to 10": the first are the votes for
            if figure.pair == 2 and found and found[-1][0].pair == 1 and found[-1][2] in _OTHER_SIDE:
                cue = _OTHER_SIDE[found[-1][2]]
            measures = figures_.measures_for(self.view, figure, cue, lemmas, previous if figure.pair == 2 else None,
                                             reading.parsed.normalized)
            if measures or (not figure.percent and cue and reading.parsed.years):
                found.append((figure, measures, cue))
            previous = measures
        return found

    def check_vote_figures(self, reading: Reading, vote: list[tuple[Figure, list[str], str | None]]) -> list[Finding]:
        events, said = self.events_named(reading)
        measure_words = {t for _, measures, _ in vote for m in measures for t in terms_of(m)}
        terms = sentence_terms(reading.text, skip=_VOTE_WORDS | measure_words | _event_words(self.view)
                               | _mention_words(reading))  # the names are checked as names by the guard
        context = figures_.FigureContext(
            figures_.lemmas_of(reading.text), events, said,
            figures_.parts_named(self.view, reading.mentions, reading.text),
            frozenset(reading.capitalised) | frozenset(t for t in terms if t in self._name_terms()),
            every_event=bool(_EVERY.search(reading.text)),
            words=tuple(sentence_terms(reading.text)),
            names=reading.names,
            years=frozenset(reading.parsed.years),
        )
        findings = []
        for figure, measures, cue in vote:
            clause = _clause_of(reading.text, figure)
            parts = figures_.parts_named(self.view, list(self.view.names.mentions(clause)), clause)
            group = _GROUP.search(clause)
            if group is not None:
                # "Turnout among 18- to 24-year-olds": a group's figure, never the whole's.
                parts = parts | {"group:" + fold(group.group())}
            found = figures_.check_figure(self.view, figure, measures, replace(context, parts=parts), cue)
            findings.append(Finding(found.match, "figure", found.explanation, found.facts))  # type: ignore[arg-type]
        facts = [fact for finding in findings for fact in finding.facts]
        guard = self._figure_words_guard(reading, facts, terms)
        if guard is not None:
            findings.append(guard)
        figures_in_vote = {id(f) for f, _, _ in vote}
        for figure in reading.parsed.figures:
            if id(figure) not in figures_in_vote and not figure.percent and figure.unit_word and not _EVERY.search(
                    reading.parsed.normalized[max(0, figure.start - 4):]):
                findings.append(Finding("unknown", "figure", f"the base's figures do not give {figure.text}"))
        return findings

    def _name_terms(self) -> frozenset[str]:
        return frozenset(t for e in self.view.names.entities.values() for form in e.forms for t in form)

    def _figure_words_guard(self, reading: Reading, facts: Sequence[Fact], terms: list[str]) -> Finding | None:
        """The words around a figure must be the figure's facts' (or their event's): no unknown names."""
        if not facts:
            return None
        words = frozenset().union(*(self.view.words[f.id].all for f in facts))
        events = {f.event for f in facts if f.event}
        for fact in self.view.facts:
            if fact.event in events:
                words |= self.view.words[fact.id].own
        names = frozenset().union(*(self.view.fact_names[f.id] for f in facts))
        foreign = [k for k in reading.names if not holds(self.view, names, k) and not any(
            holds(self.view, self.view.fact_names[f.id], k) for f in self.view.facts if f.event in events)]
        unmatched = [t for t in terms if not term_met(t, words)]
        foreign_words = [t for t in reading.capitalised if not term_met(t, words)]
        if foreign or foreign_words:
            named = ", ".join([self.view.names.entities[k].name for k in foreign if k in self.view.names.entities]
                              + foreign_words)
            return Finding("unknown", "text", f"the base's figures say nothing about {named}")
        if terms and len(unmatched) > (1 - COVERAGE_WITH_STRUCTURE) * len(terms):
            return Finding("unknown", "text", "the base's figures do not speak of " + ", ".join(unmatched))
        return None

    def events_named(self, reading: Reading) -> tuple[set[str] | None, str]:
        """Events the sentence names by year, ordinal and name (None: it names none), and how it named them."""
        chosen: set[str] | None = None
        said: list[str] = []
        parsed = reading.parsed
        events = self.view.events
        # A year no event has ("the highest turnout since 1910") names none, when another year or a name does.
        event_years = set().union(*(info.years for info in events.values())) if events else set()
        years = [y for y in parsed.years if y in event_years] or list(parsed.years)
        named_otherwise = any(m.key in events for m in reading.mentions) or bool(parsed.ordinals)
        if years and (set(years) & event_years or not named_otherwise):
            chosen = {key for key, info in events.items() if info.years & set(years)}
            said.append(" or ".join(str(y) for y in years))
        if parsed.ordinals and any(info.ordinal for info in events.values()):
            by_ordinal = {key for key, info in events.items() if info.ordinal in parsed.ordinals}
            chosen = by_ordinal if chosen is None else chosen & by_ordinal
            said.append("/".join(_ORDINAL_WORDS.get(o, str(o)) for o in parsed.ordinals))
        named_events = {m.key for m in reading.mentions if m.key in events}
        if named_events:
            chosen = named_events if chosen is None else chosen & named_events
            said.append(" and ".join(sorted(self._name(k) for k in named_events)))
        named = reading.names | {self.view.names.whole(k) for k in reading.names}
        by_name = {key for key, info in events.items() if info.names & named}
        if by_name and len(by_name) < len(events):
            chosen = by_name if chosen is None else chosen & by_name
            said.append(" and ".join(sorted({self.view.names.entities[k].name for e in by_name
                                              for k in events[e].names if k in self.view.names.entities})))
        return chosen, " ".join(said)

    # -- statements: dates, other numbers, words, speakers ---------------------------------------------

    def candidates(self, reading: Reading, terms: list[str]) -> list[Fact]:
        """The facts that hold most of the sentence's words (or a word of their group, or its beginning)."""
        postings = self.view.postings
        hits: dict[str, int] = {}
        for term in terms:
            facts: set[str] = set(postings.get(term, ()))
            for synonym in SYNONYMS.get(term, ()):
                facts |= postings.get(synonym, set())
            if len(term) >= PREFIX_KEY:
                facts |= postings.get("^" + term[:PREFIX_KEY], set())
            for fact_id in facts:
                hits[fact_id] = hits.get(fact_id, 0) + 1
        # The facts that name everything the sentence names, whatever their words.
        if reading.names:
            for fact in self.view.facts:
                if all(holds(self.view, self.view.fact_names[fact.id], k) for k in reading.names):
                    hits[fact.id] = hits.get(fact.id, 0) + len(reading.names)
        # Ties in the base's order, so that a verdict never depends on the order of a set.
        return sorted((f for f in self.view.facts if f.id in hits), key=lambda f: -hits[f.id])[: 2 * CANDIDATES]

    def check_statement(self, reading: Reading) -> list[Finding]:
        skip = set(_event_words(self.view) if reading.parsed.ordinals else ()) | place_word_parts(reading.text)
        skip |= {lemma(unit) for _, unit, _ in _relative_times(reading.text)} | (
            {"month", "week", "day", "year"} if _relative_times(reading.text) else set())
        skip |= {lemma(word) for _, word in reading.modifiers}
        terms = sentence_terms(reading.text, skip=skip)
        parsed = reading.parsed
        structured = bool(parsed.dates or parsed.figures)
        floor = COVERAGE_WITH_STRUCTURE if structured else COVERAGE_TEXT_ONLY
        must = set(reading.capitalised)
        names = set(reading.names) - (set(reading.places) - self._event_places())
        named = _named_terms(reading, self.view)
        covers = [coverage(self.view, fact, terms, must, names, named) for fact in self.candidates(reading, terms)]
        top = self._speakers_readings(reading, covers) or good_readings(covers, floor, predicate_terms(reading.text))
        if not top:
            return [self._no_cover(covers)]
        findings = self.check_ordinals(reading, top)
        span = _YEAR_RANGE.search(reading.text)
        if span is not None:
            findings.append(self.check_year_range(int(span.group(1)), int(span.group(2)), top))
        findings += [self.check_date(date.date, date.text, top, reading.text) for date in parsed.dates
                     if span is None or str(date.date.year) not in span.group()]
        # A number is sought in the facts the sentence's dates fit, where it gives dates.
        dated = [c for c in top if self._dates_agree(reading, c.fact)] or top
        findings += [self.check_number(figure, dated, reading.text) for figure in parsed.figures]
        lead = self._lead(top, reading)
        placed = next((c for c in [lead, *top] if self._places_held(c.fact)), lead)
        findings += self.check_places(reading, placed) + self.check_modifiers(reading, lead)
        findings += self.check_objects(reading, lead) + self.check_relative_time(reading, lead)
        findings.append(self.check_words(reading, lead, terms))
        return findings

    def _speakers_readings(self, reading: Reading, covers: list[Coverage]) -> list[Coverage]:
        """A sentence that names its speaker is about what that speaker said: their facts, if one covers it."""
        said = reading.attribution
        if said is None or not said.speakers:
            return []
        spoken = [c for c in covers if said.speakers & claimant_keys(self.view.names, c.fact.claimant)]
        return good_readings(spoken, COVERAGE_WITH_STRUCTURE)

    def _lead(self, top: list[Coverage], reading: Reading) -> Coverage:
        # A sentence that names a speaker is about what that speaker said.
        said = reading.attribution
        if said is not None and said.speakers:
            spoken = [c for c in top if said.speakers & claimant_keys(self.view.names, c.fact.claimant)]
            top = spoken or top
        # The reading whose figures and dates agree is the one the sentence means; otherwise the best covered.
        return max(top, key=lambda c: (self._figures_agree(reading, c.fact), self._dates_agree(reading, c.fact),
                                       c.share, bool(c.fact.dates), c.caveat is None))

    def _dates_agree(self, reading: Reading, fact: Fact) -> bool:
        known = self.view.known_dates(fact)
        return bool(reading.parsed.dates and known) and all(_date_agrees(d.date, known) for d in reading.parsed.dates)

    def _figures_agree(self, reading: Reading, fact: Fact) -> bool:
        figures = [f for f in reading.parsed.figures if not f.change]
        numbers = [n for _, n in _numbers_in(fact)]
        return bool(figures) and all(any(n.percent == f.percent and agrees(f, n.value) for n in numbers)
                                     for f in figures)

    def _no_cover(self, covers: list[Coverage]) -> Finding:
        if not covers:
            return Finding("unknown", "text", "no fact in the base speaks of this")
        closest = max(covers, key=lambda c: (c.share, -len(c.foreign_names)))
        missing = [self._name(k) for k in closest.foreign_names] or closest.unmatched
        return Finding("unknown", "text",
                       f"no fact in the base covers this; the closest ({closest.fact.id}) says nothing of "
                       + ", ".join(missing[:5]), (closest.fact,))

    def _name(self, key: str) -> str:
        entity = self.view.names.entities.get(key)
        return entity.name if entity is not None else key

    def check_ordinals(self, reading: Reading, top: list[Coverage]) -> list[Finding]:
        """'The first referendum was held in 2020': the ordinal names an event whose year the base knows."""
        parsed = reading.parsed
        events = self.view.events
        if not (parsed.ordinals and parsed.years) or not any(events.get(c.fact.event, None) for c in top):
            return []
        findings = []
        for ordinal in parsed.ordinals:
            for key, info in events.items():
                if info.ordinal != ordinal or not info.years:
                    continue
                facts = tuple(f for f in self.view.facts if f.event == key and f.kind == "event")[:1]
                source = self.view.source_phrase(facts[0]) if facts else "the base"
                match: Match = "agrees" if info.years & set(parsed.years) else "disagrees"
                years = "/".join(str(y) for y in sorted(info.years))
                findings.append(Finding(match, "date", f"the claim says {'/'.join(map(str, parsed.years))}; "
                                        f"{source}, says the {_ORDINAL_WORDS.get(ordinal, ordinal)} was in {years}",
                                        facts))
        return findings

    def check_year_range(self, first: int, last: int, top: list[Coverage]) -> Finding:
        """"Between 2018 and 2020": the fact is dated within the span (a change over it is dated at its end)."""
        for cover in top:
            if any(first <= d.year <= last for d in self.view.known_dates(cover.fact)):
                source = self.view.source_phrase(cover.fact)
                return Finding("agrees", "date", f"the claim spans {first} to {last}; {source}, dates it "
                               f"{_dates_text(self.view.known_dates(cover.fact))}: {cover.fact.claim}", (cover.fact,))
        return Finding("unknown", "date", f"the base dates nothing of this between {first} and {last}",
                       tuple(c.fact for c in top[:1]))

    def _only_foreseen(self, text: str, fact: Fact) -> bool:
        """The sentence's verbs meet the fact only where it foresees them ("how the parliament may ratify it")."""
        verbs = {lemma(fold(w)) for w in re.findall(r"\b[a-z]+ed\b", text)}
        if not verbs:
            return False
        statements = [fact.claim, *(c.text for c in fact.caveats)]
        foreseen = {t for s in statements for m in _FORESEEN.finditer(fold(s)) for t in terms_of(m.group(1))}
        said = {t for s in statements for t in terms_of(_FORESEEN.sub(" ", fold(s)))}
        met_foreseen = {v for v in verbs if term_met(v, frozenset(foreseen))}
        return bool(met_foreseen) and not any(term_met(v, frozenset(said)) for v in met_foreseen)

    def check_date(self, date: PartialDate, said: str, top: list[Coverage], reading_text: str = "") -> Finding:
        known_of = {c.fact.id: self.view.known_dates(c.fact) for c in top}
        dated = [c for c in top if known_of[c.fact.id]]
        if not dated:
            return Finding("unknown", "date", f"the base gives no date for this, so it cannot confirm {said}",
                           tuple(c.fact for c in top[:1]))
        agreeing = [c for c in dated if _date_agrees(date, known_of[c.fact.id])]
        if agreeing:
            lead = max(agreeing, key=lambda c: _precision_in_year(date, known_of[c.fact.id]))
            level = _precision_in_year(date, known_of[lead.fact.id])
            # A fact that knows the same year more precisely, and disagrees, outweighs a coarser agreement.
            finer = [c for c in dated if c not in agreeing
                     and _precision_in_year(date, known_of[c.fact.id]) > level and _RANK[date.precision] > level]
            if not finer:
                return Finding("agrees", "date", f"the claim says {date.iso()}; {self.view.source_phrase(lead.fact)}, "
                               f"dates it {_dates_text(known_of[lead.fact.id])}: {lead.fact.claim}", (lead.fact,))
            dated = finer
        lead = dated[0]
        if lead.fact.kind in ("background", "analysis") or self._only_foreseen(reading_text, lead.fact):
            # A background fact's dates place it in time; they do not date what the sentence says happened.
            return Finding("unknown", "date", f"the base does not date {said}", (lead.fact,))
        return Finding("disagrees", "date", f"the claim says {date.iso()}; {self.view.source_phrase(lead.fact)}, "
                       f"dates it {_dates_text(known_of[lead.fact.id])}: {lead.fact.claim}", (lead.fact,))

    def check_number(self, figure: Figure, top: list[Coverage], sentence: str = "") -> Finding:
        """A figure that is no measure of the base: sought among the numbers the facts and their caveats state."""
        said = figures_.figure_text(figure)
        if figure.change:
            return Finding("unknown", "figure", f"the claim gives a change ({figure.text}); the base records levels",
                           tuple(c.fact for c in top[:1]))
        for cover in top:
            for text, number in _numbers_in(cover.fact):
                if number.percent == figure.percent and agrees(figure, number.value):
                    return Finding("agrees", "figure", f"the claim says {said}; the base has “{text}”",
                                   (cover.fact,))
        for cover in top:
            for text, number in _numbers_in(cover.fact):
                same_unit = figure.unit_word and number.unit_word and lemma(figure.unit_word) == lemma(number.unit_word)
                if same_unit and number.percent == figure.percent and not agrees(figure, number.value):
                    return Finding("disagrees", "figure", f"the claim says {said}; the base has “{text}”",
                                   (cover.fact,))
        measured = self._measured_number(figure, top, sentence)
        if measured is not None:
            return measured
        return Finding("unknown", "figure", f"the base states no figure {said} for this",
                       tuple(c.fact for c in top[:1]))

    def _measured_number(self, figure: Figure, top: list[Coverage], sentence: str) -> Finding | None:
        """The lead fact's own figure of the measure the sentence's words name ("was fined £61,000": the fine)."""
        lemmas = figures_.lemmas_of(sentence)
        for cover in top[:1]:
            for record in (r for r in self.view.records if r.fact is cover.fact and r.unit != "percent"):
                info = self.view.measures.get(record.measure)
                if info is None or not info.words or not all(term_met(w, lemmas) for w in info.words):
                    continue
                said = figures_.figure_text(figure)
                phrase = f"the claim says {said}; {self.view.source_phrase(record.fact)}, gives {record.value:g} " \
                         f"for the {record.measure}"
                if agrees(figure, record.value):
                    return Finding("agrees", "figure", phrase, (record.fact,))
                # Another figure refutes only where the fact gives it for what the sentence names: "fined Vote
                # Leave £61,000" says nothing of a fine for BeLeave's founder.
                claim = record.fact.claim
                at = min((claim.find(t) for t in figures_.number_texts(record.value) if claim.find(t) >= 0),
                         default=len(claim))
                around = self.view.names.keys_within(claim[:at])
                if all(holds(self.view, frozenset(around), key) for key in self.read(sentence).names):
                    return Finding("disagrees", "figure", phrase, (record.fact,))
                return None
        return None

    def check_places(self, reading: Reading, lead: Coverage) -> list[Finding]:
        """A location the sentence gives against the one the fact (or its caveat) gives: 'at Nouméa' vs 'at Balade'."""
        main = set().union(*(e.names for e in self.view.events.values())) if self.view.events else set()
        said = (set(reading.places) - main - set(self.view.events)) | set(reading.place_words)
        if not said:
            return []
        held = self._places_held(lead.fact)
        if said & held:
            return []
        unconfirmed = [w for w in said if w not in reading.places]
        if not held:
            if unconfirmed:
                return [Finding("unknown", "text", f"the base does not say where: {', '.join(sorted(unconfirmed))}",
                                (lead.fact,))]
            return []
        if any(self.view.names.related(a, b) for a in said for b in held):
            return []
        where = ", ".join(sorted(self._name(k) if k in self.view.names.entities else k.title() for k in held))
        named = ", ".join(sorted(self._name(k) if k in self.view.names.entities else k.title() for k in said))
        return [Finding("disagrees", "text", f"the claim places it at {named}; {self.view.source_phrase(lead.fact)}: "
                        f"{where}", (lead.fact,))]

    def check_relative_time(self, reading: Reading, lead: Coverage) -> list[Finding]:
        """'A week after the referendum' against the fact's 'the day after the referendum'."""
        said = _relative_times(reading.text)
        if not said:
            return []
        texts = [lead.fact.claim, lead.fact.quote, *(c.text for c in lead.fact.caveats)]
        held = {time for text in texts for time in _relative_times(text)}
        if said <= held:
            return []
        source = self.view.source_phrase(lead.fact)
        if held:
            return [Finding("disagrees", "date", f"the claim says {', '.join(sorted(' '.join(t) for t in said))}; "
                            f"{source}: {lead.fact.claim}", (lead.fact,))]
        return [Finding("unknown", "date", f"the base does not say {', '.join(sorted(' '.join(t) for t in said))}",
                        (lead.fact,))]

    def check_objects(self, reading: Reading, lead: Coverage) -> list[Finding]:
        """'The Senate condemned Armenia' against 'the Senate's resolution condemning Azerbaijan'."""
        said = verb_objects(reading.text, reading.mentions)
        if not said:
            return []
        texts = [lead.fact.claim, lead.fact.quote, *(c.text for c in lead.fact.caveats)]
        held = [pair for text in texts for pair in verb_objects(text, list(self.view.names.mentions(text)))]
        for verb, key in said:
            objects = {k for v, k in held if v == verb or term_met(v, frozenset({verb}))}
            whole = self.view.names.whole(key)
            if objects and not any(self.view.names.related(k, key) or k == whole for k in objects):
                named = ", ".join(sorted(self._name(k) for k in objects))
                return [Finding("disagrees", "text", f"the claim says {verb} {self._name(key)}; "
                                f"{self.view.source_phrase(lead.fact)}: {named} ({lead.fact.claim})", (lead.fact,))]
        return []

    def _event_places(self) -> set[str]:
        return set().union(*(e.names for e in self.view.events.values())) if self.view.events else set()

    def _places_held(self, fact: Fact) -> set[str]:
        if fact.id not in self._places_cache:
            self._places_cache[fact.id] = self._find_places_held(fact)
        return self._places_cache[fact.id]

    def _find_places_held(self, fact: Fact) -> set[str]:
        """The places a fact (or its caveats) gives as where something happened, the event's own place aside."""
        main = set().union(*(e.names for e in self.view.events.values())) if self.view.events else set()
        texts = [fact.claim, fact.quote, *(c.text for c in fact.caveats)]
        held = {m.key for text in texts for m in self.view.names.mentions(text) if m.role == "place"} - main
        held -= set(self.view.events)
        held |= {w for text in texts for w in place_words(text)} - {
            lemma(w) for key in main for form in self.view.names.entities[key].forms for w in form}
        return held

    def check_modifiers(self, reading: Reading, lead: Coverage) -> list[Finding]:
        """'The French navigator James Cook' against 'British explorer James Cook'."""
        findings = []
        texts = [lead.fact.claim, lead.fact.quote, *(c.text for c in lead.fact.caveats)]
        for person, word in reading.modifiers:
            held = {w for text in texts for key, w in person_modifiers(text, list(self.view.names.mentions(text)),
                                                                        self.view.names) if key == person}
            if held and word not in held:
                findings.append(Finding("disagrees", "text", f"the claim calls {self._name(person)} {word.title()}; "
                                        f"{self.view.source_phrase(lead.fact)}: {lead.fact.claim}", (lead.fact,)))
            elif not held:
                findings.append(Finding("unknown", "text", f"the base does not call {self._name(person)} "
                                        f"{word.title()}", (lead.fact,)))
        return findings

    def check_words(self, reading: Reading, lead: Coverage, terms: list[str]) -> Finding:
        fact = lead.fact
        corrected = self._correction(reading, lead, terms)
        if corrected is not None:
            return corrected
        attribution = self._attribution_finding(reading, fact)
        if attribution is not None:
            return attribution
        stance = self._stance_finding(reading, lead)
        if stance is not None:
            return stance
        if self._negation_differs(reading, lead):
            return Finding("disagrees", "text", f"the base says the opposite: {_statement_text(lead)}", (fact,))
        if fact.kind in ("allegation", "denial", "statement") and fact.claimant:
            reported = f"{fact.claimant} {_KIND_VERBS[fact.kind]} this ({self.view.source_phrase(fact)}): " \
                       f"{fact.claim}"
            if reading.attribution is not None or fact.kind == "statement":
                return Finding("agrees", "attribution", reported, (fact,))
            return Finding("unknown", "attribution",
                           f"the base holds this only as an assertion: {reported}; it is not established as fact",
                           (fact,))
        kind = " (the article's analysis)" if fact.kind == "analysis" else ""
        if lead.caveat is not None:
            source = self.view.outlet(lead.caveat.source) if lead.caveat.source else self.view.source_phrase(fact)
            return Finding("agrees", "caveat", f"{source} says: {lead.caveat.text}", (fact,))
        return Finding("agrees", "text", f"{self.view.source_phrase(fact)}{kind}, says: {fact.claim}", (fact,))

    def _correction(self, reading: Reading, lead: Coverage, terms: list[str]) -> Finding | None:
        """A caveat marked wrong or misleading refutes a sentence that repeats what it corrects."""
        fact = lead.fact
        for caveat in fact.caveats:
            if caveat.severity == "imprecise" and caveat is not lead.caveat and self._caveat_denies_at_date(
                    reading, caveat):
                source = self.view.outlet(caveat.source) if caveat.source else "a reference page"
                return Finding("disagrees", "caveat", f"{source} ({caveat.severity}): {caveat.text}", (fact,))
            if caveat.severity not in ("wrong", "misleading") or caveat is lead.caveat:
                continue
            source = self.view.outlet(caveat.source) if caveat.source else "a reference page"
            caveat_words = frozenset(terms_of(caveat.text))
            if caveat.severity == "wrong":
                own = self.view.words[fact.id].own
                outside = [t for t in terms if not term_met(t, own)]
                if outside and all(term_met(t, caveat_words) for t in outside):
                    continue  # the sentence says what the caveat says
                return Finding("disagrees", "caveat", f"{self.view.source_phrase(fact)}, says so, but {source} "
                               f"shows it wrong: {caveat.text}", (fact,))
            if self._caveat_denies_at_date(reading, caveat):
                return Finding("disagrees", "caveat", f"{source} ({caveat.severity}): {caveat.text}", (fact,))
            denied = negated_terms(caveat.text) | _rather_than_terms(caveat.text) | _negated_clause_terms(caveat.text)
            repeated = [t for t in terms if t in denied and not _is_negated_in(t, reading.text)]
            if repeated:
                return Finding("disagrees", "caveat", f"{source} marks this misleading: {caveat.text}", (fact,))
        return None

    def _caveat_denies_at_date(self, reading: Reading, caveat: Caveat) -> bool:
        """"The pattern did not hold in 2021": a correction that negates what the fact says, at the claim's date."""
        years = set(reading.parsed.years)
        if not years or not is_negated(caveat.text):
            return False
        for clause in re.split(r"[;,]", caveat.text):
            clause_years = {d.date.year for d in extract_dates(normalize(clause))}
            if clause_years & years and is_negated(clause):
                return True
        return False

    def _attribution_finding(self, reading: Reading, fact: Fact) -> Finding | None:
        """Who said it, and what they did (said, denied, admitted), against the fact's claimant and kind."""
        said = reading.attribution
        if said is None:
            return None
        held = _fact_act(fact)
        claimant = claimant_keys(self.view.names, fact.claimant) if fact.claimant else set()
        source = self.view.source_phrase(fact)
        if said.speakers and claimant and not (said.speakers & claimant) and not self._post_met(said, fact):
            named = ", ".join(sorted(self._name(k) for k in said.speakers))
            return Finding("unknown", "attribution", f"the base has this from {fact.claimant}, not {named} "
                           f"({source}): {fact.claim}", (fact,))
        if not said.speakers and claimant and not self._post_met(said, fact):
            return Finding("unknown", "attribution", f"the base has this from {fact.claimant} ({source}): "
                           f"{fact.claim}", (fact,))
        if held is None:
            if said.act == DENY:
                return Finding("disagrees", "attribution", f"{source} says: {fact.claim}", (fact,))
            return None
        if said.accused and said.accused & said.speakers == set() and held == DENY:
            return Finding("unknown", "attribution", f"the base holds a denial by {fact.claimant}, not an "
                           f"accusation by them ({source}): {fact.claim}", (fact,))
        act = DENY if said.act == ASSERT and is_negated(said.content) and held == DENY else said.act
        if said.negated and act == held:
            return Finding("disagrees", "attribution", f"{fact.claimant} {_ACT_VERBS[held]} it, the claim says not "
                           f"({source}): {fact.claim}", (fact,))
        if opposite_acts(act, held):
            return Finding("disagrees", "attribution", f"{fact.claimant} {_ACT_VERBS[held]} it, the claim says "
                           f"{_ACT_VERBS[act]} ({source}): {fact.claim}", (fact,))
        if act != held:
            return Finding("unknown", "attribution", f"{fact.claimant} {_ACT_VERBS[held]} this ({source}): "
                           f"{fact.claim}", (fact,))
        return None

    def _post_met(self, said: Attribution, fact: Fact) -> bool:
        """'Spain's defence minister said': the fact describes its claimant by that post."""
        words = [lemma(w) for w in said.speaker_words if len(w) > 2 and lemma(w) not in self._name_terms()]
        own = frozenset(terms_of(" ".join((fact.claim, fact.quote, *(c.text for c in fact.caveats)))))
        if bool(words) and all(term_met(w, own) for w in words):
            return True
        # "The head of the UK Statistics Authority": the fact names the claimant with that body ("chair of").
        heads = {lemma(w) for w in said.speaker_words} & _HEADS
        return bool(heads) and bool(said.speakers) and said.speakers <= self.view.fact_names[fact.id] and bool(
            _HEADS & own)

    def _stance_finding(self, reading: Reading, lead: Coverage) -> Finding | None:
        """Welcomed against opposed, agreed against refused: the same matter, the opposite stance."""
        said = stance_of(stance_words(reading.text))
        if said is None or reading.negated:
            return None
        claim_terms = frozenset(terms_of(reading.text))
        actor = self._stance_actor(reading.text)
        same: list[int] = []
        opposite: list[tuple[int, str]] = []
        for statement in self.view.statements(lead.fact):
            for part in re.split(r";|, (?:and|but|so) |:", statement.text):
                held = stance_of(stance_words(part))
                shared = [t for t in terms_of(part) if t in claim_terms and t not in _STANCE_LEMMAS]
                if held is None or not shared or is_negated(part):
                    continue
                # Who takes the stance decides which clause the sentence is about ("the FLNKS rejected it").
                by_actor = bool(actor & self._stance_actor(part))
                weight = len(shared) + (10 if by_actor else 0)
                if held == said:
                    same.append(weight)
                else:
                    opposite.append((weight, statement.text))
        if opposite and max(w for w, _ in opposite) > max(same, default=-1):
            return Finding("disagrees", "text", f"the base says the opposite: {max(opposite)[1]}", (lead.fact,))
        return None

    def _stance_actor(self, text: str) -> set[str]:
        """Who takes a stance: the names before its verb, or after "by" in the passive ("rejected by the FLNKS")."""
        words = stance_words(text)
        at = next((i for i, w in enumerate(words) if w in STANCE_FOR or w in STANCE_AGAINST), None)
        if at is None:
            return set()
        passive = re.search(r"\b(?:was|were|been|is|are)\s+\w+\s+by\s+(.+)$", text, re.IGNORECASE)
        if passive is not None:
            return _names_and_capitals(self.view, passive.group(1))
        verb = words[at]
        possessor = re.search(rf"([\w.-]+)['’]s\s+{re.escape(verb)}\b", text, re.IGNORECASE)
        if possessor is not None:
            return _names_and_capitals(self.view, possessor.group(1))  # "the FLNKS's backing": the FLNKS backs
        cut = re.search(rf"\b{re.escape(verb)}\b", text, re.IGNORECASE)
        return _names_and_capitals(self.view, text[: cut.start()] if cut else text)

    def _negation_differs(self, reading: Reading, lead: Coverage) -> bool:
        """One side negates what both speak of, the other does not."""
        statement = _statement_text(lead)
        words = frozenset(terms_of(statement)) | self.view.words[lead.fact.id].own
        # One side negates what the other asserts: all of what is negated ("not of Polynesian origin" does not deny
        # "of Melanesian origin").
        claim_negates = any(term_met(t, words) for t in negated_heads(reading.text))
        statement_terms = frozenset(terms_of(reading.text))
        fact_negates = any(term_met(t, statement_terms) for t in negated_heads(statement))
        if lead.caveat is not None and lead.caveat.severity in ("wrong", "misleading", "imprecise"):
            # A correction denies a whole clause: "so the pandemic was not itself the cause".
            fact_negates = fact_negates or bool(_negated_clause_terms(statement) & statement_terms)
        denial_reported = lead.fact.kind == "denial" and reading.attribution is not None
        return claim_negates != fact_negates and not denial_reported


_ACT_VERBS = {ASSERT: "said", DENY: "denied", ADMIT: "admitted", None: "stated"}
# Words for who speaks for a body: any of them names its holder where the fact gives the post.
_HEADS = frozenset(lemma(w) for w in "head chair chairman chairwoman chief leader president director secretary "
                   "spokesman spokeswoman spokesperson minister governor".split())
_KIND_VERBS = {"allegation": "alleged", "denial": "denied", "statement": "stated"}
_STANCE_LEMMAS = frozenset(lemma(w) for w in STANCE_FOR | STANCE_AGAINST)


def _fact_act(fact: Fact) -> str | None:
    return {"allegation": ASSERT, "statement": ASSERT, "denial": DENY}.get(fact.kind)


def _statement_text(cover: Coverage) -> str:
    return cover.caveat.text if cover.caveat is not None else cover.fact.claim


_RATHER_THAN = re.compile(r"\b(?:rather than|instead of|not because of|not due to|not)\s+((?:\W*\w+){1,4})")


def _rather_than_terms(text: str) -> set[str]:
    return {t for match in _RATHER_THAN.finditer(fold(text)) for t in terms_of(match.group(1))}


def _names_and_capitals(view: BaseView, text: str) -> set[str]:
    """The entities a text names, and its other capitalised words ("the FLNKS"), folded."""
    found = {m.key for m in view.names.mentions(text)}
    found |= {fold(w) for w in re.findall(r"\b[A-Z][\w-]*", text)} - {"the", "a", "an", "in", "on", "it"}
    return found


def _negated_clause_terms(text: str) -> set[str]:
    """What a clause denies: its subject and the word after the negation ("so the pandemic was not itself the
    cause": pandemic; "not of Polynesian origin": polynesian)."""
    terms: set[str] = set()
    for clause in re.split(r"[;:,]|\bbut\b|\bso\b", text):
        match = _NEGATION_WORD.search(fold(clause))
        if match is None:
            continue
        terms |= {t for t in terms_of(fold(clause)[: match.start()]) if t not in IGNORED}
        terms |= negated_heads(clause)
    return terms


_NEGATION_WORD = re.compile(r"\b(?:not|never|no longer|neither|nor)\b|n't\b")


def _is_negated_in(term: str, text: str) -> bool:
    return term in negated_terms(text)


_OUTCOME = re.compile(r"\b(?:voted|vote|votes|backed|backs|rejected|rejects|chose|choose|said (?:yes|no) to|"
                      r"came out (?:for|against)|supported|opposed|turned down|approved)\b")
_OTHER_SIDE: dict[str | None, Literal["yes share", "no share"]] = {"yes share": "no share", "no share": "yes share"}
_VOTE_FILLERS = frozenset("for against to in of favour favor the a an by overwhelmingly narrowly heavily strongly "
                          "massively decisively clearly".split())
_NARROW = re.compile(r"\b(?:narrow|narrowly|slim|slender|razor)\b")
_LANDSLIDE = re.compile(r"\b(?:overwhelming|overwhelmingly|massively|landslide|resoundingly|emphatically)\b")
_CLAUSE_BREAK = re.compile(r",\s*(?:although|though|while|whereas|but|and)\b|;|\bbut\b|\bwhile\b|\bwhereas\b")


def _clause_of(text: str, figure: Figure) -> str:
    """The clause of a sentence a figure stands in ("..., although Glasgow voted Yes" is another clause)."""
    number = re.escape(figure.text.split()[-1].rstrip("%").split(".")[0])
    clauses = _CLAUSE_BREAK.split(text)
    found = [c for c in clauses if re.search(number, normalize(c))] if number else []
    return found[0] if len(clauses) > 1 and found else text


_GROUP = re.compile(r"\bamong\s+[\w\s-]+?(?=\s+(?:in|at|was|were|is|are|voted|who)\b|[,.]|$)"
                    r"|\byear-olds?\b|\baged\s+\d+|\bunder-\d+s?\b|\bover-\d+s?\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(a|an|one|the|\d+)\s+(day|morning|evening|night|week|fortnight|month|year)s?\s+"
                       r"(after|before|later|earlier)\b")


def _relative_times(text: str) -> set[tuple[str, str, str]]:
    """("1", "week", "after") for "a week after"; "the day after" is one day after."""
    found = set()
    for count, unit, direction in _RELATIVE.findall(digits_for_number_words(fold(text))):
        count = "1" if count in ("a", "an", "one", "the") else count
        unit = "day" if unit in ("morning", "evening", "night") else unit
        direction = {"later": "after", "earlier": "before"}.get(direction, direction)
        found.add((count, unit, direction))
    return found


_YEAR_RANGE = re.compile(r"\b(?:between|from)\s+(?:\w+\s+)?(1[5-9]\d\d|20\d\d)\s+(?:and|to)\s+(?:\w+\s+)?"
                         r"(1[5-9]\d\d|20\d\d)\b")
_NUMBERED_NAME = re.compile(r"\b[A-Z][a-z]+\s+(\d+)\b(?!\s*(?:%|per\s*cent|percent))")


def _without_numbered_names(parsed: ParsedClaim, text: str) -> ParsedClaim:
    """"Article 155", "Resolution 1244": a number that is part of a name is no figure."""
    numbered = {float(m.group(1)) for m in _NUMBERED_NAME.finditer(text) if m.start() > 0}
    if not numbered:
        return parsed
    kept = [(f, m) for f, m in zip(parsed.figures, parsed.measures, strict=True)
            if not (f.value in numbered and not f.percent and f.pair == 0)]
    return replace(parsed, figures=tuple(f for f, _ in kept), measures=tuple(m for _, m in kept))


def _named_terms(reading: Reading, view: BaseView) -> dict[str, frozenset[str]]:
    """Each word of a name the sentence uses, with the entities it names (as an actor, its whole too)."""
    named: dict[str, set[str]] = {}
    for mention in reading.mentions:
        for term in terms_of(mention.text):
            named.setdefault(term, set()).update({mention.key, view.names.whole(mention.key)})
    return {term: frozenset(keys) for term, keys in named.items()}


def _mention_words(reading: Reading) -> set[str]:
    """The words of the names a sentence uses: compared as names, not as words."""
    return {t for m in reading.mentions for t in terms_of(m.text)}


def _event_words(view: BaseView) -> frozenset[str]:
    """Words of the events' keys ("referendum"): an ordinal or a year already names the event."""
    return frozenset(t for key in view.events for t in terms_of(key.replace("-", " ")))


def _numbers_in(fact: Fact) -> list[tuple[str, Figure]]:
    found = []
    for text in (fact.claim, *(c.text for c in fact.caveats), *(b.note for b in fact.better_values)):
        normalized = digits_for_number_words(normalize(text))
        for figure in extract_figures(normalized):
            if not figure.in_words:
                context = normalized[max(0, figure.start - 30): figure.end + 20].strip()
                found.append((context, figure))
    return found


_CONTRAST = re.compile(r",\s*(?:although|though|while|whereas)\s|,\s*but\s")
_CLAUSE_SPLIT = re.compile(r";\s+|,\s*(?:although|though|while|whereas|but)\s+"
                           r"|,?\s+and\s+(?=(?:then\s+)?(?:[a-z]+ed|won|was|were|is|are|has|had|for|called|"
                           r"became|began|took|made|said)\b)")
_SUBJECT_END = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|did|does|do)\b|\b\w+ed\b")


def split_clauses(text: str) -> list[str]:
    """The clauses of a compound sentence, the first one's subject lent to those without one."""
    parts = [p.strip(" ,.") for p in _CLAUSE_SPLIT.split(text) if p.strip(" ,.")]
    if len(parts) < 2:
        return parts
    subject_end = _SUBJECT_END.search(parts[0])
    subject = parts[0][: subject_end.start()].strip() if subject_end else ""
    clauses = [parts[0] + "."]
    for part in parts[1:]:
        has_subject = part[:1].isupper() or re.match(r"(?:the|a|an|its|their|his|her)\s", part) is not None
        clauses.append(f"{part if has_subject or not subject else subject + ' ' + part}.")
    return clauses


def conclude(parsed: ParsedClaim, findings: list[Finding]) -> CheckResult:
    """The verdict from the parts: any disagreement refutes, every part met supports, the rest is not enough info."""
    if any(f.match == "disagrees" for f in findings):
        verdict: Verdict = "refuted"
        deciding = [f for f in findings if f.match == "disagrees"]
    elif findings and all(f.match == "agrees" for f in findings):
        verdict = "supported"
        deciding = findings
    else:
        verdict = "not_enough_info"
        deciding = [f for f in findings if f.match == "unknown"] or findings
    explanation = "; ".join(dict.fromkeys(f.explanation for f in deciding)) or "the base has nothing on this"
    # Each fact once, under the finding that decided most: a disagreement before an agreement.
    order = {"disagrees": 0, "agrees": 1, "unknown": 2}
    evidence: dict[str, Evidence] = {}
    for finding in sorted(findings, key=lambda f: order[f.match]):
        for fact in finding.facts:
            evidence.setdefault(fact.id, Evidence(fact, finding.role, finding.match, finding.explanation))
    attribution = next((f.explanation for f in findings if f.role == "attribution"), None)
    return CheckResult(parsed.text, verdict, explanation, tuple(evidence.values()), parsed, attribution)


def _date_agrees(claimed: PartialDate, known: list[PartialDate]) -> bool:
    """The claimed date fits the most precise thing the base knows about the event's date."""
    same_year = [d for d in known if d.year == claimed.year]
    if not same_year:
        return False
    if claimed.month:
        with_month = [d for d in same_year if d.month]
        if with_month and all(d.month != claimed.month for d in with_month):
            return False
        if claimed.day:
            with_day = [d for d in with_month if d.day and d.month == claimed.month]
            if with_day and all(d.day != claimed.day for d in with_day):
                return False
    return True


_RANK = {"year": 0, "month": 1, "day": 2}


def _precision_in_year(claimed: PartialDate, known: list[PartialDate]) -> int:
    """How precisely the base knows dates in the claimed year (-1: not at all)."""
    return max((_RANK[d.precision] for d in known if d.year == claimed.year), default=-1)


def _dates_text(dates: list[PartialDate]) -> str:
    return ", ".join(sorted({d.iso() for d in dates}))


def check_claim(base: Base, claim: str) -> CheckResult:
    """The verdict on one sentence; UsageError for an empty one."""
    return Checker(base).check(claim)


def check_text(base: Base, text: str) -> list[CheckResult]:
    """Verdicts on the sentences of a draft, in order; headings are skipped, other non-claims reported as such."""
    checker = Checker(base)
    results = []
    for sentence in split_sentences(text):
        kind = sentence_kind(sentence)
        if kind == "heading":
            continue
        parsed = parse_claim(sentence)
        if kind != CLAIM or parsed.figures or parsed.dates or _names_something(checker, sentence):
            results.append(checker.check(sentence))
    return results


def _names_something(checker: Checker, sentence: str) -> bool:
    """A sentence without figures or dates is checkable when it names something the base knows."""
    return len(sentence.split()) >= 4 and bool(checker.view.names.keys_in(sentence) or any(
        t in checker.view.vocabulary for t in terms_of(sentence) if len(t) > 5))


def worst_verdict(results: Sequence[CheckResult]) -> Verdict | None:
    if not results:
        return None
    return max((r.verdict for r in results), key=lambda v: VERDICT_SEVERITY[v])


__all__ = [
    "VERDICTS", "VERDICT_EXIT", "VERDICT_LABELS", "Caveat", "CheckResult", "Checker", "Evidence", "Finding",
    "Reading", "check_claim", "check_text", "conclude", "split_clauses", "worst_verdict",
]
