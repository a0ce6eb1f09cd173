"""Claim checking: a FEVER-style verdict on one sentence, from structured comparison.

Search (``SearchIndex``) only proposes candidate facts.  The verdict comes
from comparing what the sentence states with what the facts carry:

* percentages about a vote (turnout, yes share, no share) against the values
  of the referendum the sentence names by year or ordinal, rounded to the
  claim's precision (``claims.agrees``);
* dates against the dates of the event the sentence describes, refined by
  the day-precise dates the fact's caveats give;
* the rest of the sentence against the fact's words: every content word
  must be met (``COVERAGE_*``) and no name may be foreign to the fact, so
  loose word overlap gives "not enough info", never "supported".

Each part of a sentence gives a finding; any disagreement refutes, any part
the base cannot judge makes the whole "not enough info".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .claims import Figure, ParsedClaim, agrees, extract_dates, extract_figures, parse_claim, split_sentences
from .dates import PartialDate
from .errors import ExitCode, UsageError
from .model import Base, BetterValue, Fact, Value
from .search import SearchIndex
from .text import STOPWORDS, normalize, stem, tokens

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

COVERAGE_WITH_STRUCTURE = 0.7  # share of content words a fact must meet when a figure or date is compared
COVERAGE_TEXT_ONLY = 0.8  # ... when only words are compared
COVERAGE_NEAR_BEST = 0.1  # facts this close to the best coverage are equally good readings
CANDIDATES = 15
NOTES_WEIGHT = 0.5
MAX_CLAIM_CHARS = 1000

# Words that say nothing the comparison does not already handle.
_IGNORED = frozenset(
    """percent per cent pct pour about around approximately approx roughly nearly almost some just more less
    least most than over under above below exceeding only also all both just close circa environ majority
    minority half third thirds quarter quarters fifth tenth drew saw got recorded registered amounted stood came
    reached total figure people s t d mr mrs ms dr new not never no n't nor neither
    le la les l de des du d au aux et en un une est etait etaient ete par sur dans qui que ont il elle""".split()
)
_VOTE_WORDS = frozenset(
    stem(w) for w in """yes no oui non against for rejected reject rejecting opposed backed backing supported support
    favour favor approved endorsed turnout participation voted vote votes voters voter ballot ballots polls
    refused said say independence pro turned out went cast""".split()
)
# Words that mean the same to a reader; each group is matched as one.
_SYNONYM_GROUPS = (
    "found founded establish established create created set launch launched form formed",
    "annex annexed annexation possession colonised colonized seized",
    "discover discovered sight sighted sighting reach reached arrive arrived visit visited",
    "agreement accord deal pact treaty",
    "condemn condemned condemning condemnation censure denounce denounced",
    "referendum referendums vote voted votes voter voters ballot poll polls plebiscite",
    "accuse accused accusing allege alleged allegation allegations claim claimed claims charge charged blame blamed",
    "say said says state stated states statement declare declared assert asserted announce announced",
    "deny denied denies denial",
    "protest protests riot riots unrest uprising uprisings demonstration demonstrations violence violent",
    "france french paris",
    "azerbaijan azerbaijani baku",
    "armenia armenian yerevan",
    "caledonia caledonian caledonians kanaky",
    "turnout participation",
    "independence sovereignty",
    "support supported supporting supports back backed backing",
    "withdraw withdrawal",
    "drop dropped fall fell fallen decline declined plunge plunged decrease decreased",
    "held hold organise organised organize organized stage staged occur occurred happen happened",
    "explorer navigator",
    "senate senators",
)


def _stem_all(words: str) -> frozenset[str]:
    return frozenset(stem(word) for word in words.split())


SYNONYMS: dict[str, frozenset[str]] = {}
for _group in _SYNONYM_GROUPS:
    _stems = _stem_all(_group)
    for _word in _stems:
        SYNONYMS[_word] = SYNONYMS.get(_word, frozenset()) | _stems


@dataclass(frozen=True)
class Finding:
    """What one part of the sentence (a figure, a date, its words) meets in the base."""

    match: Match
    role: Literal["figure", "date", "text", "attribution", "caveat"]
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

    @property
    def exit_code(self) -> ExitCode:
        return VERDICT_EXIT[self.verdict]


@dataclass(frozen=True)
class Record:
    """One figure of the base: an article value or a better value from another source."""

    fact: Fact
    value: float
    measure: str
    approximate: bool
    better: BetterValue | None = None


@dataclass(frozen=True)
class FactWords:
    own: frozenset[str]  # claim, quote, names, labels, measures
    notes: frozenset[str]  # caveats and better values' notes
    wrong_notes: frozenset[str]  # caveats saying the article is wrong

    @property
    def all(self) -> frozenset[str]:
        return self.own | self.notes


@dataclass
class Coverage:
    fact: Fact
    share: float
    matched: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    foreign_names: list[str] = field(default_factory=list)


_TOOK_PLACE = re.compile(r"\b(?:took|take|takes|taken|taking) place\b")


def terms_of(text: str) -> list[str]:
    text = _TOOK_PLACE.sub("held", normalize(text))
    return [stem(t) for t in tokens(text) if t not in STOPWORDS and not t[0].isdigit() and len(t) > 1]


def term_met(term: str, words: frozenset[str]) -> bool:
    """A claim word meets a fact's words exactly, through a synonym, or by a shared stem ("voted"/"voters")."""
    if term in words or any(s in words for s in SYNONYMS.get(term, ())):
        return True
    if len(term) < 4:
        return False
    for word in words:
        shared = _common_prefix(term, word)
        if shared >= max(4, 0.75 * min(len(term), len(word))) and min(len(term), len(word)) >= 4:
            return True
    return False


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class Checker:
    """Checks sentences against one base; build once, check many (a draft's sentences)."""

    def __init__(self, base: Base) -> None:
        self.base = base
        self.index = SearchIndex.for_base(base)
        self.words = {fact.id: self._fact_words(fact) for fact in base.facts}
        self.records = [record for fact in base.facts for record in _records(fact)]
        self.event_years = _event_years(base.facts)
        self.event_ordinals = _event_ordinals(base.facts)
        self.vocabulary = frozenset(t for words in self.words.values() for t in words.all)
        self.names = frozenset(
            term for fact in base.facts for name in (*fact.entities, *fact.aliases) for term in terms_of(name)
            if len(term) >= 4
        )

    # -- reading the base -------------------------------------------------------------------------------

    def _fact_words(self, fact: Fact) -> FactWords:
        own_texts = [fact.claim, fact.quote, *fact.entities, *fact.aliases, *fact.tags, fact.claimant,
                     fact.event.replace("-", " "), *(v.measure for v in fact.values if _is_figure(v))]
        notes = [c.text for c in fact.caveats] + [b.note for b in fact.better_values]
        wrong = [c.text for c in fact.caveats if c.severity == "wrong"]
        return FactWords(
            frozenset(t for text in own_texts for t in terms_of(text)),
            frozenset(t for text in notes for t in terms_of(text)),
            frozenset(t for text in wrong for t in terms_of(text)),
        )

    def known_dates(self, fact: Fact) -> list[PartialDate]:
        """The fact's dates, plus day-precise dates its caveats give inside them (15 November 2022)."""
        dates = list(fact.dates)
        for caveat in fact.caveats:
            for found in extract_dates(normalize(caveat.text)):
                # An undated fact takes its dates from its caveats; a dated one only their refinements.
                inside = any(d.covers(found.date) and found.date.precision != "year" for d in fact.dates)
                if inside or not fact.dates:
                    dates.append(found.date)
        return dates

    def source_phrase(self, fact: Fact) -> str:
        if fact.derived:
            return f"derived from the article's figures ({fact.derivation})"
        if not fact.citations:
            return "the article (unsourced)"
        citation = fact.citations[0]
        outlet = self.base.sources[citation.source].outlet
        where = f" (footnote {citation.footnote})" if citation.footnote else ""
        return f"the article, citing {outlet}{where}"

    # -- words -----------------------------------------------------------------------------------------

    def claim_terms(self, parsed: ParsedClaim, *, vote_claim: bool) -> tuple[list[str], set[str]]:
        """Content words the facts must meet, and which of them are names."""
        months = re.compile(r"^(?:" + "|".join(_MONTH_WORDS) + r")$")
        terms: list[str] = []
        for term in terms_of(parsed.text):
            if term in _IGNORED or months.match(term) or (vote_claim and term in _VOTE_WORDS):
                continue
            if vote_claim and term in ("first", "second", "third", "1st", "2nd", "3rd"):
                continue
            if term not in terms:
                terms.append(term)
        capitalised = {stem(normalize(w)) for w in re.findall(r"(?<=[\s(“\"‘'])([A-Z][\w’'-]+)", parsed.text)}
        capitalised = {w.split("'")[0].split("’")[0] for w in capitalised}
        first = re.match(r"\W*([A-Z][\w-]+)", parsed.text)
        if first and stem(normalize(first.group(1))) not in self.vocabulary:
            capitalised.add(stem(normalize(first.group(1))))  # "Tahiti held...": a word the base never uses
        names = {t for t in terms if t in self.names or t in capitalised}
        return terms, names

    def coverage(self, fact: Fact, terms: Sequence[str], names: set[str], extra: Iterable[Fact] = ()) -> Coverage:
        words = self.words[fact.id].all
        for other in extra:
            words = words | self.words[other.id].all
        result = Coverage(fact, 1.0)
        for term in terms:
            (result.matched if term_met(term, words) else result.unmatched).append(term)
        result.foreign_names = [t for t in result.unmatched if t in names]
        # A word met only in the notes (caveats, better figures) counts half: they are context, not the claim.
        own = self.words[fact.id].own.union(*(self.words[other.id].own for other in extra))
        weight = sum(1.0 if term_met(t, own) else NOTES_WEIGHT for t in result.matched)
        result.share = weight / len(terms) if terms else 1.0
        return result

    def candidates(self, parsed: ParsedClaim, terms: list[str]) -> list[Fact]:
        """Facts search proposes for the sentence, and for its words alone (figures and dates drown short ones)."""
        found: dict[str, Fact] = {}
        for query in (parsed.text, " ".join(terms)):
            if query.strip():
                for hit in self.index.search(query[:MAX_CLAIM_CHARS], CANDIDATES):
                    found.setdefault(hit.fact.id, hit.fact)
        return list(found.values())

    # -- the verdict -----------------------------------------------------------------------------------

    def check(self, claim: str) -> CheckResult:
        if not claim.strip():
            raise UsageError("the claim is empty")
        parsed = parse_claim(claim[:MAX_CLAIM_CHARS])
        vote_figures = [(f, m) for f, m in zip(parsed.figures, parsed.measures, strict=True) if f.percent and m]
        if vote_figures:
            findings = [self.check_vote_figure(parsed, figure, measure) for figure, measure in vote_figures]
        else:
            findings = self.check_statement(parsed)
        return self._conclude(parsed, findings)

    def _conclude(self, parsed: ParsedClaim, findings: list[Finding]) -> CheckResult:
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

    # -- figures about votes ---------------------------------------------------------------------------

    def events_named(self, parsed: ParsedClaim) -> tuple[set[str] | None, str]:
        """Events the sentence names by year and ordinal (None: it names none), and how it named them."""
        chosen: set[str] | None = None
        said = []
        if parsed.years:
            chosen = {key for key, year in self.event_years.items() if year in parsed.years}
            said.append(" or ".join(str(y) for y in parsed.years))
        if parsed.ordinals:
            by_ordinal = {key for key, ordinal in self.event_ordinals.items() if ordinal in parsed.ordinals}
            chosen = by_ordinal if chosen is None else chosen & by_ordinal
            said.append("/".join(_ORDINAL_WORDS.get(o, str(o)) for o in parsed.ordinals))
        return chosen, " ".join(said)

    def check_vote_figure(self, parsed: ParsedClaim, figure: Figure, measure: str) -> Finding:
        records = [r for r in self.records if r.measure == measure]
        events, named = self.events_named(parsed)
        if events is not None:
            records = [r for r in records if r.fact.event in events]
        terms, names = self.claim_terms(parsed, vote_claim=True)
        facts = list(dict.fromkeys(r.fact for r in records))
        guard = self._vote_guard(facts, terms, names)
        if guard is not None:
            return guard
        if not records:
            known = ", ".join(str(y) for y in sorted({self.event_years[r.fact.event] for r in self.records
                                                      if r.measure == measure and r.fact.event}))
            return Finding("disagrees", "figure",
                           f"the base records the {measure} of the referendums of {known}; none matches {named}",
                           tuple(self._facts_with_measure(measure)))
        agreeing = [r for r in records if agrees(figure, r.value, source_approximate=r.approximate)]
        claim_says = f"the claim says {_figure_text(figure)}"
        if agreeing:
            return Finding("agrees", "figure", f"{claim_says}; " + self._records_phrase(agreeing, records),
                           tuple(dict.fromkeys(r.fact for r in agreeing)))
        explanation = f"{claim_says}; " + self._records_phrase(records, records)
        other = "" if figure.in_words or figure.comparator != "eq" else self._other_measure(figure, measure, events)
        if other:
            explanation += f" ({_figure_text(figure)} was {other})"
        return Finding("disagrees", "figure", explanation, tuple(facts))

    def _vote_guard(self, facts: list[Fact], terms: list[str], names: set[str]) -> Finding | None:
        if not facts:
            return None
        first, *rest = facts
        cover = self.coverage(first, terms, names, extra=rest + [f for f in self.base.facts
                                                                 if f.event and f.event == first.event])
        if cover.foreign_names:
            return Finding("unknown", "text", f"the base says nothing about {', '.join(cover.foreign_names)} "
                                              "in its referendum figures")
        if cover.share < COVERAGE_WITH_STRUCTURE:
            return Finding("unknown", "text", "the base's referendum figures do not speak of "
                                              + ", ".join(cover.unmatched))
        return None

    def _facts_with_measure(self, measure: str) -> list[Fact]:
        return list(dict.fromkeys(r.fact for r in self.records if r.measure == measure and not r.better))

    def _records_phrase(self, shown: list[Record], scope: list[Record]) -> str:
        """'the article, citing X (footnote 2), gives 85.64 % for the 2020 turnout; final ... 85.69 %'."""
        phrases = []
        for fact in dict.fromkeys(r.fact for r in shown):
            own = [r for r in scope if r.fact is fact and r.better is None]
            better = [r for r in scope if r.fact is fact and r.better is not None]
            label = self._record_label(fact, (own or better)[0].measure)
            text = ""
            if own:
                approx = "approximately " if own[0].approximate else ""
                text = f"{self.source_phrase(fact)}, gives {approx}{_number(own[0].value)} % for {label}"
            for record in better:
                assert record.better is not None
                outlet = self.base.sources[record.better.source].outlet
                note = f" ({record.better.note})" if record.better.note else ""
                joiner = "; " if text else ""
                text += f"{joiner}{outlet} gives {_number(record.value)} %{note}"
            phrases.append(text)
        return "; ".join(phrases)

    def _record_label(self, fact: Fact, measure: str) -> str:
        year = self.event_years.get(fact.event)
        return f"the {year} {measure}" if year else f"the {measure}"

    def _other_measure(self, figure: Figure, measure: str, events: set[str] | None) -> str:
        for record in self.records:
            if record.measure == measure or record.measure not in ("turnout", "yes share", "no share"):
                continue
            if events is not None and record.fact.event not in events:
                continue
            if agrees(figure, record.value, source_approximate=record.approximate):
                return self._record_label(record.fact, record.measure)
        return ""

    # -- dates, other numbers and words ---------------------------------------------------------------

    def check_statement(self, parsed: ParsedClaim) -> list[Finding]:
        terms, names = self.claim_terms(parsed, vote_claim=False)
        structured = bool(parsed.dates or parsed.figures)
        floor = COVERAGE_WITH_STRUCTURE if structured else COVERAGE_TEXT_ONLY
        covers = [self.coverage(fact, terms, names) for fact in self.candidates(parsed, terms)]
        good = [c for c in covers if c.share >= floor and not c.foreign_names and len(c.matched) >= 2]
        if not good:
            return [self._no_cover(covers)]
        best = max(c.share for c in good)
        top = [c for c in good if c.share >= best - COVERAGE_NEAR_BEST]
        findings = self.check_ordinals(parsed, top)
        findings += [self.check_date(parsed, date.date, date.text, top) for date in parsed.dates]
        findings += [self.check_number(figure, top) for figure in parsed.figures]
        lead = self._lead(top, parsed)
        findings.append(self.check_words(parsed, lead, terms))
        return findings

    def _lead(self, top: list[Coverage], parsed: ParsedClaim) -> Coverage:
        # The reading whose dates agree is the one the sentence means; otherwise the best covered.
        for cover in top:
            known = self.known_dates(cover.fact)
            if parsed.dates and known and all(_date_agrees(d.date, known) for d in parsed.dates):
                return cover
        return max(top, key=lambda c: (c.share, bool(c.fact.dates)))

    def _no_cover(self, covers: list[Coverage]) -> Finding:
        if not covers:
            return Finding("unknown", "text", "no fact in the base speaks of this")
        closest = max(covers, key=lambda c: c.share)
        missing = closest.foreign_names or closest.unmatched
        return Finding("unknown", "text",
                       f"no fact in the base covers this; the closest ({closest.fact.id}) says nothing of "
                       + ", ".join(missing[:5]), (closest.fact,))

    def _negation_differs(self, parsed: ParsedClaim, fact: Fact, terms: list[str]) -> bool:
        """One side negates what both speak of, the other does not."""
        words = self.words[fact.id].own
        claim_negates = any(term_met(t, words) for t in negated_terms(parsed.text))
        fact_negates = any(term_met(t, frozenset(terms)) for t in negated_terms(fact.claim))
        return claim_negates != fact_negates

    def check_ordinals(self, parsed: ParsedClaim, top: list[Coverage]) -> list[Finding]:
        """'The first referendum was held in 2020': the ordinal names an event whose year the base knows."""
        if not (parsed.ordinals and parsed.years) or not any(c.fact.event in self.event_ordinals for c in top):
            return []
        findings = []
        for ordinal in parsed.ordinals:
            for event, number in self.event_ordinals.items():
                if number != ordinal or event not in self.event_years:
                    continue
                year = self.event_years[event]
                facts = tuple(f for f in self.base.facts if f.event == event and f.kind == "event")[:1]
                source = self.source_phrase(facts[0]) if facts else "the base"
                match: Match = "agrees" if year in parsed.years else "disagrees"
                findings.append(Finding(match, "date", f"the claim says {'/'.join(map(str, parsed.years))}; "
                                        f"{source}, says the {_ORDINAL_WORDS.get(ordinal, ordinal)} was in {year}",
                                        facts))
        return findings

    def check_date(self, parsed: ParsedClaim, date: PartialDate, said: str, top: list[Coverage]) -> Finding:
        dated = [c for c in top if self.known_dates(c.fact)]
        if not dated:
            return Finding("unknown", "date", f"the base gives no date for this, so it cannot confirm {said}",
                           tuple(c.fact for c in top[:1]))
        agreeing = [c for c in dated if _date_agrees(date, self.known_dates(c.fact))]
        if agreeing:
            lead = max(agreeing, key=lambda c: _precision_in_year(date, self.known_dates(c.fact)))
            level = _precision_in_year(date, self.known_dates(lead.fact))
            # A fact that knows the same year more precisely, and disagrees, outweighs a coarser agreement.
            finer = [c for c in dated if c not in agreeing
                     and _precision_in_year(date, self.known_dates(c.fact)) > level
                     and _RANK[date.precision] > level]
            if not finer:
                known = self.known_dates(lead.fact)
                return Finding("agrees", "date",
                               f"the claim says {date.iso()}; {self.source_phrase(lead.fact)}, dates it "
                               f"{_dates_text(known)}: {lead.fact.claim}", (lead.fact,))
            dated = finer
        lead = dated[0]
        known = self.known_dates(lead.fact)
        return Finding("disagrees", "date",
                       f"the claim says {date.iso()}; {self.source_phrase(lead.fact)}, dates it "
                       f"{_dates_text(known)}: {lead.fact.claim}", (lead.fact,))

    def check_number(self, figure: Figure, top: list[Coverage]) -> Finding:
        """A figure that is no vote share: sought among the numbers the facts and their notes state."""
        for cover in top:
            for text, number in self._numbers_in(cover.fact):
                if agrees(figure, number):
                    return Finding("agrees", "figure", f"the claim says {_figure_text(figure)}; the base has "
                                                       f"“{text}”", (cover.fact,))
        for cover in top:
            for text, number in self._numbers_in(cover.fact):
                if figure.unit_word and stem(figure.unit_word) in text and not agrees(figure, number):
                    return Finding("disagrees", "figure", f"the claim says {_figure_text(figure)}; the base has "
                                                          f"“{text}”", (cover.fact,))
        return Finding("unknown", "figure", f"the base states no figure {_figure_text(figure)} for this",
                       tuple(c.fact for c in top[:1]))

    def _numbers_in(self, fact: Fact) -> list[tuple[str, float]]:
        found = []
        for text in (fact.claim, *(c.text for c in fact.caveats), *(b.note for b in fact.better_values)):
            normalized = normalize(text)
            for figure in extract_figures(normalized):
                if not figure.in_words:
                    context = normalized[max(0, figure.start - 30): figure.end + 20].strip()
                    found.append((context, figure.value))
        return found

    def check_words(self, parsed: ParsedClaim, lead: Coverage, terms: list[str]) -> Finding:
        fact = lead.fact
        words = self.words[fact.id]
        wrong = [c for c in fact.caveats if c.severity == "wrong"]
        if wrong:
            outside = [t for t in terms if not term_met(t, words.own)]
            caveat = wrong[0]
            source = self.base.sources[caveat.source].outlet if caveat.source else "a reference page"
            if outside and all(term_met(t, words.wrong_notes) for t in outside):
                return Finding("agrees", "caveat", f"{source} says: {caveat.text}", (fact,))
            return Finding("disagrees", "caveat", f"the article says so, but {source} shows it wrong: {caveat.text}",
                           (fact,))
        denial_reported = fact.kind == "denial" and parsed.attributed
        if not denial_reported and self._negation_differs(parsed, fact, terms):
            return Finding("disagrees", "text", f"the base says the opposite: {fact.claim}", (fact,))
        if fact.kind in ("allegation", "denial", "statement") and fact.claimant:
            verb = {"allegation": "alleged", "denial": "denied", "statement": "stated"}[fact.kind]
            reported = f"{fact.claimant} {verb} this ({self.source_phrase(fact)}): {fact.claim}"
            if parsed.attributed or fact.kind == "statement":
                return Finding("agrees", "attribution", reported, (fact,))
            return Finding("unknown", "attribution",
                           f"the base holds this only as an assertion: {reported}; it is not established as fact",
                           (fact,))
        kind = " (the article's analysis)" if fact.kind == "analysis" else ""
        return Finding("agrees", "text", f"{self.source_phrase(fact)}{kind}, says: {fact.claim}", (fact,))


_NEGATED_SPAN = re.compile(r"\b(?:not|never|no longer|n't|nor)\b((?:\W+\w+){1,3})")


def negated_terms(text: str) -> set[str]:
    """The words a negation governs: "is not a French territory" -> {french, territory}."""
    normalized = normalize(text).replace("n't", " not")
    return {term for match in _NEGATED_SPAN.finditer(normalized) for term in terms_of(match.group(1))}


_MONTH_WORDS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "janvier", "fevrier", "mar", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
)
_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def _records(fact: Fact) -> list[Record]:
    records = [Record(fact, v.value, v.measure, v.approximate) for v in fact.values if _is_figure(v)]
    records += [Record(fact, b.value, b.measure, False, b) for b in fact.better_values if b.unit != "year"]
    return records


def _is_figure(value: Value) -> bool:
    return value.unit != "year"


def _event_years(facts: Iterable[Fact]) -> dict[str, int]:
    years: dict[str, int] = {}
    for fact in facts:
        if fact.event and fact.dates and fact.event not in years:
            years[fact.event] = fact.dates[0].year
    return years


def _event_ordinals(facts: Iterable[Fact]) -> dict[str, int]:
    """'year of the second independence referendum' on a fact of event E: E is the second."""
    from .claims import ORDINALS

    ordinals: dict[str, int] = {}
    for fact in facts:
        for value in fact.values:
            match = re.match(r"year of the (\w+) ", value.measure)
            if fact.event and match and match.group(1) in ORDINALS:
                ordinals[fact.event] = ORDINALS[match.group(1)]
    return ordinals


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


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def _figure_text(figure: Figure) -> str:
    if figure.in_words:
        return figure.text
    hedge = {"approx": "about ", "gt": "more than ", "ge": "at least ", "lt": "less than ", "le": "at most "}
    number = f"{figure.value:.{figure.decimals}f}"
    return hedge.get(figure.comparator, "") + number + (" %" if figure.percent else "")


def check_claim(base: Base, claim: str) -> CheckResult:
    """The verdict on one sentence; UsageError for an empty one."""
    return Checker(base).check(claim)


def check_text(base: Base, text: str) -> list[CheckResult]:
    """Verdicts on the checkable sentences of a draft, in order."""
    checker = Checker(base)
    results = []
    for sentence in split_sentences(text):
        parsed = parse_claim(sentence)
        if parsed.figures or parsed.dates or _names_something(checker, sentence):
            results.append(checker.check(sentence))
    return results


def _names_something(checker: Checker, sentence: str) -> bool:
    """A sentence without figures or dates is checkable when it names something the base knows."""
    return len(tokens(normalize(sentence))) >= 4 and any(t in checker.names for t in terms_of(sentence))


def worst_verdict(results: Sequence[CheckResult]) -> Verdict | None:
    if not results:
        return None
    return max((r.verdict for r in results), key=lambda v: VERDICT_SEVERITY[v])
