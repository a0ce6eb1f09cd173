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
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, NamedTuple

from . import bitcount
from . import check_figures as figures_
from . import check_slots as slots
from .check_slots import (
    ORDINAL_WORDS,
    Finding,
    Match,
    Reading,
    date_agrees,
    numbers_in,
    person_modifiers,
    place_word_parts,
    place_words,
    relative_times,
)
from .check_words import (
    COVERAGE_TEXT_ONLY,
    COVERAGE_WITH_STRUCTURE,
    SYNONYMS,
    Coverage,
    SentenceWords,
    capitalised_words,
    coverage,
    good_readings,
    holds,
    is_negated,
    lemmas_of,
    predicate_terms,
    sentence_terms,
    term_met,
)
from .claims import (
    Figure,
    ParsedClaim,
    agrees,
    extract_dates,
    nearest_cue,
    parse_claim,
    polarity,
    split_sentences,
)
from .errors import ExitCode, UsageError
from .evidence import PREFIX_KEY, BaseView, terms_of
from .language import (
    BALLOT_WORDS,
    lemma,
)
from .model import Base, Caveat, Fact
from .names import Mention, claimant_keys
from .sentence import (
    CLAIM,
    KIND_REASONS,
    read_attribution,
    sentence_kind,
)
from .text import fold, normalize

Verdict = Literal["supported", "refuted", "not_enough_info"]
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
    pro turned out went cast chose choose took part electorate first second third fourth fifth side sides camp won
    win wins lost lose loses defeated down""".split()
)


_EVERY = re.compile(r"\b(?:all|every|each)\b(?:\s+(?:\d+|of the))?\s+\w+(?:\s+\w+)?\s+(?:referendums|votes|elections|"
                    r"polls|ballots|of them)\b", re.IGNORECASE)

_OUTCOME = re.compile(r"\b(?:voted|vote|votes|backed|backs|rejected|rejects|chose|choose|said (?:yes|no) to|"
                      r"came out (?:for|against)|supported|opposed|turned down|approved)\b")

# A quantifier over who voted: "every council area", "all voters", "only Glasgow", "none of the parts".
_RESTRICTOR = re.compile(r"\b(?:every|all|each|only|none|no one|nobody|whole|entire)\b")
# Who votes in a chamber, not at the ballot box.
_BODY_WORDS = re.compile(r"\b(?:parliament|senate|assembly|congress|court|government|cabinet|party|committee|"
                         r"commission|minister|president|premier|mps?|senators?|deputies|deputy|councillors?|"
                         r"lawmakers|legislators?|legislature|chamber)\b")
# A side that won or lost a vote: "the No side won", "Leave won the referendum", "the Yes camp lost".
_WON_OR_LOST = re.compile(r"\b(?:(?:won|wins|carried|prevailed)|(?P<lost>lost|loses|(?:was|were) defeated))\b"
                          r"(?!\s+(?:\d|by\b|over\b|more\b|a\b|an\b|its\b|their\b|support\b|seats?\b|votes?\b|"
                          r"backing\b|control\b|power\b|office\b|majority\b))")

_OTHER_SIDE: dict[str | None, Literal["yes share", "no share"]] = {"yes share": "no share", "no share": "yes share"}

_VOTE_FILLERS = frozenset("for against to in of favour favor the a an by overwhelmingly narrowly heavily strongly "
                          "massively decisively clearly".split())

# "higher in 1995 than in 1980": a comparison of one measure across two events.
_COMPARATIVE = re.compile(r"\b(?P<word>(?P<more>higher|greater|larger|bigger|more)|lower|smaller|fewer|less)\b"
                          r"(?:(?!\bthan\b).)*(?P<than>\bthan\b)")


def _comparison(parsed: ParsedClaim) -> re.Match[str] | None:
    """The sentence's comparison of two things ("higher in 1995 than in 1980"), not a bound ("more than 50 %")."""
    text = parsed.normalized
    for match in _COMPARATIVE.finditer(text):
        following = len(text) - len(text[match.end("than"):].lstrip())  # where the word after "than" starts
        if not any(f.start <= match.start("than") < f.end or f.start == following for f in parsed.figures):
            return match
    return None


def _tally_partner(figures: Sequence[Figure], figure: Figure) -> Figure | None:
    """The first figure of the tally whose second ``figure`` is ("295" of "295 votes to 1")."""
    if figure.pair != 2:
        return None
    before = [f for f in figures if f.end <= figure.start and f.pair == 1]
    return before[-1] if before else None


# Words that give a cause.
_CAUSE = re.compile(r"\b(?:because|due to|owing to|thanks to|as a result of|caused by|driven by|fu?elled by)\b",
                    re.IGNORECASE)

# How much higher: words of degree, no claim of their own.
_COMPARING_WORDS = frozenset(lemma(word) for word in (
    "far much slightly significantly considerably substantially markedly somewhat even lot bit little sharply "
    "dramatically noticeably".split()))

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
                    r"|\byear-olds?\b|\baged\s+\d+|\bunder-\d+s?\b|\bover-\d+s?\b"
                    # "40 per cent of young men": a share of part of the electorate.
                    r"|\bof\s+(?:young|younger|older|elderly|male|female|first-time)\s+[\w-]+|\bof\s+(?:men|women)\b",
                    re.IGNORECASE)

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
    return parsed._replace(figures=tuple(f for f, _ in kept), measures=tuple(m for _, m in kept))

def _without_years_of_names(parsed: ParsedClaim, text: str, mentions: Sequence[Mention]) -> ParsedClaim:
    """"The Scotland Act 1978", "the Clarity Act 2000": a year that is part of a name the base knows dates nothing."""
    in_names = [m.text for m in mentions if re.search(r"\d", m.text)]
    if not in_names:
        return parsed
    kept = tuple(d for d in parsed.dates
                 if text.count(d.text) > sum(name.count(d.text) for name in in_names) or not d.text.isdigit())
    return parsed._replace(dates=kept)


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


class Evidence(NamedTuple):
    """A fact a verdict rests on, and how it met the claim."""

    fact: Fact
    role: str
    match: Match
    detail: str


class CheckResult(NamedTuple):
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


class Checker:
    """Checks sentences against one base; build once, check many (a draft's sentences)."""

    def __init__(self, base: Base, view: BaseView | None = None) -> None:
        self.base = base
        self.view = view if view is not None else BaseView(base)  # a view of this base (check_cache keeps one)

    # -- reading ---------------------------------------------------------------------------------------

    def read(self, text: str) -> Reading:
        mentions = tuple(self.view.names.mentions(text))
        parsed = _without_years_of_names(_without_numbered_names(parse_claim(text), text), text, mentions)
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
            return conclude(parsed, [finding])._replace(kind=kind)
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
        outcome = self.check_comparison(reading) or self.check_outcome(reading)
        if outcome is not None:
            return conclude(reading.parsed, outcome)
        if _comparison(reading.parsed) is not None and not reading.parsed.figures:
            # A relation between two things is in no one fact: its words may all be met while what it says of
            # them is not ("higher in 1995 than in any British referendum"), and its year is of one side only.
            return conclude(reading.parsed, [Finding(
                "unknown", "figure", "the claim compares two things; the base has no figures of one measure for both")])
        return conclude(reading.parsed, self.check_statement(reading))

    def check_outcome(self, reading: Reading) -> list[Finding] | None:
        """"Scotland did not vote for independence in 2014": a vote's outcome, read as a majority of one side.

        Only for a sentence that names an event the base has figures of that side for; "narrowly" reads as
        about half, "overwhelmingly" as more than 60 %.
        """
        parsed = reading.parsed
        normalized = parsed.normalized
        if _comparison(parsed) is not None:
            return None  # "more voted yes in 1995 than in 1980" says nothing of who won either vote
        match = _OUTCOME.search(normalized)
        lost = False
        if match is not None and self._votes_on_a_question(normalized[match.end():]):
            side = polarity(normalized)
        else:
            # "The Yes side won the 1995 referendum", "Leave won": the side before the verb won (or lost) it.
            match = _WON_OR_LOST.search(normalized)
            if match is None:
                return None
            side, lost = polarity(normalized[: match.start()]), match.group("lost") is not None
        if parsed.figures or not self._voted_as_electorate(reading, normalized[: match.start()]):
            return None
        cue = f"{side} share" if side is not None else None
        value, comparator = (50.0, "approx") if _NARROW.search(normalized) else (
            (60.0, "gt") if _LANDSLIDE.search(normalized) else (50.0, "gt"))
        if lost and comparator == "gt":
            value, comparator = 100.0 - value, "lt"
        figure = Figure(value, 0, True, comparator, match.group(), match.start(), match.end(), in_words=True)  # type: ignore[arg-type]
        measures = figures_.measures_for(self.view, figure, cue, lemmas_of(reading.text),
                                         normalized=parsed.normalized)
        parts = figures_.parts_named(self.view, reading.mentions, reading.text)
        if not measures or (cue is None and not measures.named) or (
                self.events_named(reading)[0] is None and not parts):
            return None
        readings = [reading._replace(mentions=tuple(m for m in reading.mentions if m.key == part or m.key not in parts))
                    for part in sorted(parts)] if len(parts) > 1 else [reading]
        findings = [f for each in readings for f in self.check_vote_figures(each, [(figure, measures, cue)])]
        if all(f.match == "unknown" for f in findings if f.role == "figure") and not figures_.unnamed(parts):
            return None  # no figure of that side: the sentence may speak of something else than the vote
        return findings

    def _voted_as_electorate(self, reading: Reading, before_verb: str) -> bool:
        """Who the sentence says voted is the electorate or a part of it, all of it not claimed.

        A person or a body ("David Cameron voted to leave", "the National Parliament voted for independence")
        did not decide the ballot, and a quantifier ("every council area", "only Glasgow", "all francophone
        voters") claims more than a majority: the sentence is checked by its words instead.
        """
        if _RESTRICTOR.search(before_verb) or _BODY_WORDS.search(before_verb):
            return False
        people = {m.key for m in self.view.names.mentions(before_verb)
                  if (entity := self.view.names.entities.get(m.key)) is not None and entity.kind == "person"}
        return not people

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
        lemmas = lemmas_of(reading.text)
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

    def _figure_context(self, reading: Reading, measures: Iterable[str],
                        skip: frozenset[str] = frozenset()) -> tuple[figures_.FigureContext, list[str]]:
        """What the sentence says around its figures, and its words the figures' facts must hold (the guard's)."""
        events, said = self.events_named(reading)
        measure_words = {t for m in measures for t in terms_of(m)}
        terms = sentence_terms(reading.text, skip=_VOTE_WORDS | measure_words | _event_words(self.view)
                               | _mention_words(reading) | skip)  # the names are checked as names by the guard
        context = figures_.FigureContext(
            lemmas_of(reading.text), events, said,
            figures_.parts_named(self.view, reading.mentions, reading.text),
            frozenset(reading.capitalised) | frozenset(t for t in terms if t in self.view.name_terms),
            every_event=bool(_EVERY.search(reading.text)),
            words=tuple(sentence_terms(reading.text)),
            names=reading.names,
            years=frozenset(reading.parsed.years),
        )
        return context, terms

    def check_vote_figures(self, reading: Reading, vote: list[tuple[Figure, list[str], str | None]]) -> list[Finding]:
        context, terms = self._figure_context(reading, (m for _, measures, _ in vote for m in measures))
        findings: list[Finding] = []
        checked: dict[int, Finding] = {}  # by the id of the figure
        for figure, measures, cue in vote:
            clause = _clause_of(reading.text, figure)
            parts = figures_.parts_named(self.view, list(self.view.names.mentions(clause)), clause)
            group = _GROUP.search(clause)
            if group is not None:
                # "Turnout among 18- to 24-year-olds": a group's figure, never the whole's.
                parts = parts | {"group:" + fold(group.group())}
            found = figures_.check_figure(self.view, figure, measures, context._replace(parts=parts), cue)
            finding = Finding(found.match, "figure", found.explanation, found.facts)  # type: ignore[arg-type]
            partner = _tally_partner([f for f, _, _ in vote], figure)
            if found.match == "unknown" and partner is not None and id(partner) in checked:
                # The other side of a tally, sought in the tally of the facts that gave its first side.
                finding = slots.check_tally(partner, figure, checked[id(partner)].facts) or finding
            checked[id(figure)] = finding
            findings.append(finding)
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

    def check_comparison(self, reading: Reading) -> list[Finding] | None:
        """"Turnout was higher in 1995 than in 1980": one measure's figures of two years' events, compared.

        Only for a sentence that states no figure of its own and gives two years, one of them after "than", and
        only where the base has the measure for both; figures that disagree on the order (a better value) decide
        nothing.
        """
        parsed = reading.parsed
        match = _comparison(parsed)
        # The years of event names count here: "the 1997 devolution referendum" is the year compared.
        dates = extract_dates(parsed.normalized)
        years = list(dict.fromkeys(d.date.year for d in dates))
        if match is None or parsed.figures or len(years) != 2:
            return None
        after_than = [d.date.year for d in dates if d.start > match.end("than")]
        if len(set(after_than)) != 1:
            return None
        later = after_than[0]
        earlier = next(year for year in years if year != later)
        lemmas = lemmas_of(reading.text)
        more = match.group("more") is not None
        said = f"{'higher' if more else 'lower'} in {earlier} than in {later}"
        found: list[tuple[figures_.FigureFinding, list[str]]] = []
        for percent in (True, False):  # a share and a count may both be compared: "more voted yes"
            figure = Figure(0.0, 0, percent, "eq", match.group("word"), match.start(), match.end("word"))
            measures = figures_.measures_for(self.view, figure, nearest_cue(parsed.normalized, figure), lemmas,
                                             normalized=parsed.normalized)
            named = list(measures[: measures.named])  # a measure the sentence names, not one it only takes a side of
            context, terms = self._figure_context(reading, named, _COMPARING_WORDS | {lemma(match.group("word"))})
            first, second = (figures_.best_records(self.view, named, self._in_year(context, year))
                             for year in (earlier, later))
            if named and first and second:
                found.append((figures_.compare_records(self.view, first, second, more, said), terms))
        if not found:
            return None
        comparison, terms = found[0]
        if any(other.match != comparison.match for other, _ in found[1:]):
            explanation = "; ".join(other.explanation for other, _ in found)
            return [Finding("unknown", "figure", explanation + " (the share and the count disagree)",
                            tuple(f for other, _ in found for f in other.facts))]
        guard = self._figure_words_guard(reading, comparison.facts, terms)
        return [Finding(comparison.match, "figure", comparison.explanation, comparison.facts)] + (  # type: ignore[arg-type]
            [guard] if guard is not None else [])

    def _in_year(self, context: figures_.FigureContext, year: int) -> figures_.FigureContext:
        events = {key for key, info in self.view.events.items() if year in info.years}
        return context._replace(events=events, events_said=str(year), years=frozenset({year}))

    def _figure_words_guard(self, reading: Reading, facts: Sequence[Fact], terms: list[str]) -> Finding | None:
        """The words around a figure must be the figure's facts' (or their event's): no unknown names."""
        if not facts:
            return None
        words = frozenset().union(*(self.view.words[f.id].all for f in facts))
        cause = _CAUSE.search(reading.text)
        if cause is not None:
            # "... was 54.1 % because of the storm": a cause is a claim of its own, which the figure's own facts
            # must state; another fact of the event that names the storm may well dispute it.
            unstated = [t for t in sentence_terms(reading.text[cause.end():]) if not term_met(t, words)]
            if unstated:
                return Finding("unknown", "text", "the base's figures do not say it was because of "
                               + ", ".join(unstated))
        events = sorted({f.event for f in facts if f.event})
        of_events = [place for event in events for place in self.view.event_places(event)]
        for place in of_events:
            words |= self.view.words.at(place).own
        names = frozenset().union(*(self.view.fact_names[f.id] for f in facts))
        foreign = [k for k in reading.names if not holds(self.view, names, k) and not any(
            holds(self.view, self.view.fact_names.at(place), k) for place in of_events)]
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
        declared_ordinals = any(info.ordinal for info in events.values())
        if parsed.ordinals and declared_ordinals:
            by_ordinal = {key for key, info in events.items() if info.ordinal in parsed.ordinals}
            chosen = by_ordinal if chosen is None else chosen & by_ordinal
            said.append("/".join(ORDINAL_WORDS.get(o, str(o)) for o in parsed.ordinals))
        named_events = {m.key for m in reading.mentions if m.key in events}
        if named_events:
            chosen = named_events if chosen is None else chosen & named_events
            said.append(" and ".join(sorted(slots.entity_name(self.view, k) for k in named_events)))
        named = reading.names | {self.view.names.whole(k) for k in reading.names}
        by_name = {key for key, info in events.items() if info.names & named}
        if by_name and len(by_name) < len(events):
            chosen = by_name if chosen is None else chosen & by_name
            said.append(" and ".join(sorted({self.view.names.entities[k].name for e in by_name
                                              for k in events[e].names if k in self.view.names.entities})))
        if parsed.ordinals and not declared_ordinals:
            # "The second Quebec referendum" in a base that numbers none: the second, by date, of those named.
            by_ordinal = self._nth_events(by_name if by_name and len(by_name) < len(events) else set(),
                                          parsed.ordinals)
            chosen = by_ordinal if chosen is None else chosen & by_ordinal
            said.append("/".join(ORDINAL_WORDS.get(o, str(o)) for o in parsed.ordinals))
        return chosen, " ".join(said)

    def _nth_events(self, named: set[str], ordinals: Sequence[int]) -> set[str]:
        """The events that are the nth, in date order, of those a sentence names (none when it names none)."""
        dated = sorted((min(self.view.events[key].years), key) for key in named if self.view.events[key].years)
        return {dated[n - 1][1] for n in ordinals if 0 < n <= len(dated)}

    # -- statements: dates, other numbers, words, speakers ---------------------------------------------

    def candidates(self, reading: Reading, terms: list[str]) -> list[Fact]:
        """The facts that hold most of the sentence's words (or a word of their group, or its beginning).

        Most hits first, ties in the base's order, so that a verdict never depends on the order of a set;
        counted for every fact at once (``bitcount``): a common word stands in thousands of facts.
        """
        held = [self._facts_holding(term) for term in terms]
        # The facts that name everything the sentence names, whatever their words, count once for each name.
        if reading.names:
            held += [self.view.set_of(self.view.facts_naming_all(reading.names))] * len(reading.names)
        return self.view.facts_at(bitcount.most(bitcount.counted(held), 2 * CANDIDATES))

    def _facts_holding(self, term: str) -> int:
        """The facts holding the term, a word of its group or (a long word) a word of its first letters."""
        # A long word's first letters hold every fact of the word itself.
        held = self.view.fact_set("^" + term[:PREFIX_KEY] if len(term) >= PREFIX_KEY else term)
        for synonym in SYNONYMS.get(term, ()):
            held |= self.view.fact_set(synonym)
        return held

    def check_statement(self, reading: Reading) -> list[Finding]:
        skip = set(_event_words(self.view) if reading.parsed.ordinals else ()) | place_word_parts(reading.text)
        skip |= {lemma(unit) for _, unit, _ in relative_times(reading.text)} | (
            {"month", "week", "day", "year"} if relative_times(reading.text) else set())
        skip |= {lemma(word) for _, word in reading.modifiers} | slots.manner_words(reading.text)
        terms = sentence_terms(reading.text, skip=skip)
        parsed = reading.parsed
        structured = bool(parsed.dates or parsed.figures)
        floor = COVERAGE_WITH_STRUCTURE if structured else COVERAGE_TEXT_ONLY
        must = set(reading.capitalised)
        names = set(reading.names) - (set(reading.places) - slots.event_places(self.view))
        named = _named_terms(reading, self.view)
        sentence = SentenceWords.of(terms, must, names, named)
        covers = [coverage(self.view, fact, sentence) for fact in self.candidates(reading, terms)]
        top = self._speakers_readings(reading, covers) or good_readings(covers, floor, predicate_terms(reading.text))
        if not top:
            return [self._no_cover(covers)]
        ordinal_findings = slots.check_ordinals(self.view, reading, top)
        findings = list(ordinal_findings)
        span = _YEAR_RANGE.search(reading.text)
        if span is not None:
            findings.append(slots.check_year_range(self.view, int(span.group(1)), int(span.group(2)), top))
        findings += [slots.check_date(self.view, date.date, date.text, top, reading.text) for date in parsed.dates
                     if span is None or str(date.date.year) not in span.group()]
        # A number is sought in the facts the sentence's dates fit, where it gives dates.
        dated = [c for c in top if self._dates_agree(reading, c.fact)] or top
        findings += [slots.check_number(self.view, figure, dated, reading.text, reading.names,
                                        partner=_tally_partner(parsed.figures, figure))
                     for figure in parsed.figures]
        lead, stance_target = self._lead(top, reading)
        placed = next((c for c in [lead, *top] if slots.places_held(self.view, c.fact)), lead)
        findings += slots.check_places(self.view, reading, placed) + slots.check_modifiers(self.view, reading, lead)
        findings += slots.check_objects(self.view, reading, lead) + slots.check_relative_time(self.view, reading, lead)
        findings += slots.check_roles(self.view, reading, lead)
        findings += slots.check_manner(self.view, reading, lead) + slots.check_unstated(
            self.view, reading, lead, ordinals_checked=bool(ordinal_findings))
        findings.append(slots.check_words(self.view, reading, lead, terms, stance_target))
        findings += slots.check_decision(reading, lead)
        return findings

    def _speakers_readings(self, reading: Reading, covers: list[Coverage]) -> list[Coverage]:
        """A sentence that names its speaker is about what that speaker said: their facts, if one covers it."""
        said = reading.attribution
        if said is None or not said.speakers:
            return []
        spoken = [c for c in covers if said.speakers & claimant_keys(self.view.names, c.fact.claimant)]
        return good_readings(spoken, COVERAGE_WITH_STRUCTURE)

    def _lead(self, top: list[Coverage], reading: Reading) -> tuple[Coverage, Finding | None]:
        """The reading the sentence means, and what its stances' targets find in it (``stance_target_finding``)."""
        # A sentence that names a speaker is about what that speaker said.
        said = reading.attribution
        if said is not None and said.speakers:
            spoken = [c for c in top if said.speakers & claimant_keys(self.view.names, c.fact.claimant)]
            top = spoken or top
        targets = [slots.stance_target_finding(self.view, reading, c) for c in top]
        # The reading whose figures and dates agree, and whose stances are taken on what the sentence's are, is
        # the one the sentence means; otherwise the best covered.
        at = max(range(len(top)), key=lambda i: (self._figures_agree(reading, top[i].fact),
                                                  self._dates_agree(reading, top[i].fact), targets[i] is None,
                                                  top[i].share, bool(top[i].fact.dates), top[i].caveat is None))
        return top[at], targets[at]

    def _dates_agree(self, reading: Reading, fact: Fact) -> bool:
        known = self.view.known_dates(fact)
        return bool(reading.parsed.dates and known) and all(date_agrees(d.date, known) for d in reading.parsed.dates)

    def _figures_agree(self, reading: Reading, fact: Fact) -> bool:
        figures = [f for f in reading.parsed.figures if not f.change]
        numbers = [n for _, n in numbers_in(fact)]
        return bool(figures) and all(any(n.percent == f.percent and agrees(f, n.value) for n in numbers)
                                     for f in figures)

    def _no_cover(self, covers: list[Coverage]) -> Finding:
        if not covers:
            return Finding("unknown", "text", "no fact in the base speaks of this")
        closest = max(covers, key=lambda c: (c.share, -len(c.foreign_names)))
        missing = [slots.entity_name(self.view, k) for k in closest.foreign_names] or closest.unmatched
        return Finding("unknown", "text",
                       f"no fact in the base covers this; the closest ({closest.fact.id}) says nothing of "
                       + ", ".join(missing[:5]), (closest.fact,))


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


def check_claim(base: Base, claim: str) -> CheckResult:
    """The verdict on one sentence; UsageError for an empty one."""
    return Checker(base).check(claim)


def check_text(base: Base, text: str, view: BaseView | None = None) -> list[CheckResult]:
    """Verdicts on the sentences of a draft, in order; headings are skipped, other non-claims reported as such."""
    return list(check_sentences(base, split_sentences(text), view))


def check_sentences(base: Base, sentences: Iterable[str], view: BaseView | None = None) -> Iterator[CheckResult]:
    """Verdicts on the checkable sentences, each as soon as it is read (a streamed draft's, one by one)."""
    checker = Checker(base, view)
    for sentence in sentences:
        kind = sentence_kind(sentence)
        if kind == "heading":
            continue
        parsed = parse_claim(sentence)
        if kind != CLAIM or parsed.figures or parsed.dates or _names_something(checker, sentence):
            yield checker.check(sentence)


def _names_something(checker: Checker, sentence: str) -> bool:
    """A sentence without figures or dates is checkable when it names something the base knows."""
    return len(sentence.split()) >= 4 and bool(checker.view.names.keys_in(sentence) or any(
        checker.view.knows(t) for t in terms_of(sentence) if len(t) > 5))


def worst_verdict(results: Sequence[CheckResult]) -> Verdict | None:
    if not results:
        return None
    return max((r.verdict for r in results), key=lambda v: VERDICT_SEVERITY[v])


__all__ = [
    "VERDICTS", "VERDICT_EXIT", "VERDICT_LABELS", "Caveat", "CheckResult", "Checker", "Evidence", "Finding",
    "Reading", "check_claim", "check_sentences", "check_text", "conclude", "split_clauses", "worst_verdict",
]
