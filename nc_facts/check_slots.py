"""The parts of a sentence the base may meet or contradict, each checked on its own.

Each function takes what the checker read of the sentence (``Reading``) and the facts that cover it, and
returns a ``Finding``: dates, year spans and relative times, other numbers and the figure of a measure the
sentence names, places in their role, a person's nationality, the entity a verb acts on, the speaker and the
speech act, stance by its holder, negation by what it governs, and the caveats that correct a fact.
``nc_facts.check`` decides which facts those are and concludes.
"""


from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Literal, NamedTuple

from . import check_figures as figures_
from .check_words import (
    IGNORED,
    Coverage,
    holds,
    is_negated,
    lemmas_of,
    negated_heads,
    negated_terms,
    opposite_in,
    predicate_terms,
    term_met,
)
from .claims import (
    Figure,
    ParsedClaim,
    agrees,
    extract_dates,
)
from .dates import PartialDate
from .evidence import BaseView, clause_numbers, records_of, terms_of
from .language import (
    ADMIT,
    ASSERT,
    DENY,
    STANCE_AGAINST,
    STANCE_FOR,
    digits_for_number_words,
    lemma,
    month_numbers,
    negations_as_not,
    weekday_names,
)
from .model import Caveat, Fact
from .names import Mention, NameTable, claimant_keys
from .sentence import (
    Attribution,
    Stance,
    opposite_acts,
    stance_of,
    stance_targets,
    stance_words,
)
from .text import fold, normalize

Match = Literal["agrees", "disagrees", "unknown"]

ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_PLACE_WORD = re.compile(r"\b(?:at|in)\s+(?:the\s+)?([A-Z][^\W\d_]+(?:[-’'\s][A-Z][^\W\d_]+)*)")


def place_word_parts(text: str) -> set[str]:
    """Every word of the places a sentence gives ("Vila Nova": vila, nova)."""
    return {lemma(fold(part)) for w in _PLACE_WORD.findall(text) for part in re.split(r"[\s'’-]", w) if part}


def place_words(text: str) -> set[str]:
    """Capitalised words after "at" or "in" that are no month or weekday: places a sentence gives."""
    calendar = frozenset(month_numbers()) | weekday_names()
    return {lemma(fold(w.split()[0])) for w in _PLACE_WORD.findall(text) if fold(w.split()[0]) not in calendar}


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


class Finding(NamedTuple):
    """What one part of the sentence (a figure, a date, its words, its speaker) meets in the base."""

    match: Match
    role: Literal["figure", "date", "text", "attribution", "caveat", "kind", "name"]
    explanation: str
    facts: tuple[Fact, ...] = ()


class Reading(NamedTuple):
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


def entity_name(view: BaseView, key: str) -> str:
    entity = view.names.entities.get(key)
    return entity.name if entity is not None else key

def check_ordinals(view: BaseView, reading: Reading, top: list[Coverage]) -> list[Finding]:
    """'The first referendum was held in 2020': the ordinal names an event whose year the base knows."""
    parsed = reading.parsed
    events = view.events
    if not (parsed.ordinals and parsed.years) or not any(events.get(c.fact.event, None) for c in top):
        return []
    named = set(reading.names) | {view.names.whole(k) for k in reading.names}
    findings = []
    for ordinal in parsed.ordinals:
        nth = [key for key, info in events.items() if info.ordinal == ordinal and info.years]
        # "The second Quebec referendum": the second of the series the sentence names, not of every series.
        nth = [key for key in nth if events[key].names & named] or nth
        for key in nth:
            info = events[key]
            facts = tuple(f for f in view.event_facts(key) if f.kind == "event")[:1]
            source = view.source_phrase(facts[0]) if facts else "the base"
            match: Match = "agrees" if info.years & set(parsed.years) else "disagrees"
            years = "/".join(str(y) for y in sorted(info.years))
            findings.append(Finding(match, "date", f"the claim says {'/'.join(map(str, parsed.years))}; "
                                    f"{source}, says the {ORDINAL_WORDS.get(ordinal, ordinal)} was in {years}",
                                    facts))
    return findings

def check_year_range(view: BaseView, first: int, last: int, top: list[Coverage]) -> Finding:
    """"Between 2018 and 2020": the fact is dated within the span (a change over it is dated at its end)."""
    for cover in top:
        if any(first <= d.year <= last for d in view.known_dates(cover.fact)):
            source = view.source_phrase(cover.fact)
            return Finding("agrees", "date", f"the claim spans {first} to {last}; {source}, dates it "
                           f"{_dates_text(view.known_dates(cover.fact))}: {cover.fact.claim}", (cover.fact,))
    return Finding("unknown", "date", f"the base dates nothing of this between {first} and {last}",
                   tuple(c.fact for c in top[:1]))

def _only_foreseen(view: BaseView, text: str, fact: Fact) -> bool:
    """The sentence's verbs meet the fact only where it foresees them ("how the parliament may ratify it")."""
    verbs = {lemma(fold(w)) for w in re.findall(r"\b[a-z]+ed\b", text)}
    if not verbs:
        return False
    statements = [fact.claim, *(c.text for c in fact.caveats)]
    foreseen = {t for s in statements for m in _FORESEEN.finditer(fold(s)) for t in terms_of(m.group(1))}
    said = {t for s in statements for t in terms_of(_FORESEEN.sub(" ", fold(s)))}
    met_foreseen = {v for v in verbs if term_met(v, frozenset(foreseen))}
    return bool(met_foreseen) and not any(term_met(v, frozenset(said)) for v in met_foreseen)

def check_date(view: BaseView, date: PartialDate, said: str, top: list[Coverage], reading_text: str = "") -> Finding:
    known_of = {c.fact.id: view.known_dates(c.fact) for c in top}
    dated = [c for c in top if known_of[c.fact.id]]
    if not dated:
        return Finding("unknown", "date", f"the base gives no date for this, so it cannot confirm {said}",
                       tuple(c.fact for c in top[:1]))
    agreeing = [c for c in dated if date_agrees(date, known_of[c.fact.id])]
    if agreeing:
        lead = max(agreeing, key=lambda c: _precision_in_year(date, known_of[c.fact.id]))
        level = _precision_in_year(date, known_of[lead.fact.id])
        # A fact that knows the same year more precisely, and disagrees, outweighs a coarser agreement.
        finer = [c for c in dated if c not in agreeing
                 and _precision_in_year(date, known_of[c.fact.id]) > level and _RANK[date.precision] > level]
        if not finer:
            precise = [c for c in agreeing if _dates_as_precisely(date, known_of[c.fact.id])]
            if not precise:
                # "On 20 June 2024" where the base says "June 2024": it confirms the month, not the day.
                return Finding("unknown", "date", f"the claim says {date.iso()}; {view.source_phrase(lead.fact)}, "
                               f"dates it only {_dates_text(known_of[lead.fact.id])}: {lead.fact.claim}",
                               (lead.fact,))
            if lead not in precise:
                lead = precise[0]
            return Finding("agrees", "date", f"the claim says {date.iso()}; {view.source_phrase(lead.fact)}, "
                           f"dates it {_dates_text(known_of[lead.fact.id])}: {lead.fact.claim}", (lead.fact,))
        dated = finer
    lead = dated[0]
    if lead.fact.kind in ("background", "analysis") or _only_foreseen(view, reading_text, lead.fact):
        # A background fact's dates place it in time; they do not date what the sentence says happened.
        return Finding("unknown", "date", f"the base does not date {said}", (lead.fact,))
    later = _dated_in_caveat(view, date, lead.fact, reading_text)
    if later is not None:
        return later
    return Finding("disagrees", "date", f"the claim says {date.iso()}; {view.source_phrase(lead.fact)}, "
                   f"dates it {_dates_text(known_of[lead.fact.id])}: {lead.fact.claim}", (lead.fact,))

def _dated_in_caveat(view: BaseView, date: PartialDate, fact: Fact, reading_text: str) -> Finding | None:
    """A caveat's clause that gives the date dates what it tells ("the FLNKS rejected it in August 2025"), not
    the fact's own event: it agrees where it says what the sentence says happened, and is no refutation
    otherwise, unless a clause that says so gives another date ("signed on 12 July 2025")."""
    done = predicate_terms(reading_text)
    for caveat in fact.caveats:
        telling, dating = [], []
        for clause in _CAVEAT_CLAUSES.split(caveat.text):
            dates = [found.date for found in extract_dates(normalize(clause))]
            agreeing = any(date_agrees(date, [d]) for d in dates)
            if done and dates and all(term_met(t, frozenset(terms_of(clause))) for t in done):
                telling.append(agreeing)
            elif agreeing:
                dating.append(clause)
        source = view.outlet(caveat.source) if caveat.source else view.source_phrase(fact)
        if any(telling):
            return Finding("agrees", "date", f"the claim says {date.iso()}; {source} says: {caveat.text}", (fact,))
        if dating and not telling:
            return Finding("unknown", "date", f"the base gives {date.iso()} only for another event: "
                           f"{caveat.text}", (fact,))
    return None


_CAVEAT_CLAUSES = re.compile(r"[;:,]|\b(?:and|but|while|whereas|so)\b")

def check_number(view: BaseView, figure: Figure, top: list[Coverage], sentence: str = "",
                 names: frozenset[str] = frozenset(), partner: Figure | None = None) -> Finding:
    """A figure that is no measure of the base: sought among the numbers the facts and their caveats state.

    ``partner`` is the first figure of the tally whose second ``figure`` is ("295 votes to 1").
    """
    said = figures_.figure_text(figure)
    if figure.change:
        return Finding("unknown", "figure", f"the claim gives a change ({figure.text}); the base records levels",
                       tuple(c.fact for c in top[:1]))
    if partner is not None:
        tally = check_tally(partner, figure, [c.fact for c in top])
        if tally is not None:
            return tally
    for cover in top:
        for text, number in numbers_in(cover.fact):
            if number.percent == figure.percent and agrees(figure, number.value):
                return Finding("agrees", "figure", f"the claim says {said}; the base has “{text}”",
                               (cover.fact,))
    for cover in top:
        for text, number in numbers_in(cover.fact):
            same_unit = figure.unit_word and number.unit_word and lemma(figure.unit_word) == lemma(number.unit_word)
            if same_unit and number.percent == figure.percent and not agrees(figure, number.value):
                return Finding("disagrees", "figure", f"the claim says {said}; the base has “{text}”",
                               (cover.fact,))
    measured = _measured_number(view, figure, top, sentence, names)
    if measured is not None:
        return measured
    return Finding("unknown", "figure", f"the base states no figure {said} for this",
                   tuple(c.fact for c in top[:1]))

# Words a paraphrase does not drop: a quantifier, a rank or a record, said of what the fact says without it.
_UNSTATED = re.compile(
    r"\b(?:all|every|each|entire|whole|none|always|nobody|ever|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|last|latest|final|"
    r"highest|lowest|largest|smallest|biggest|greatest|fewest|best|worst|record|sole|(?<!not )only(?!\s+(?:\d|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|a|an|about|just)\b))\b")
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())
# The endings of adverbs of manner ("secretly", "illegally"): what they add to a sentence is a claim of its own.
_MANNER_ADVERB = re.compile(r"(?:ally|ously|ively|ately|ently|antly|fully|lessly|edly|ingly|ibly|ably|ctly|etly|"
                            r"icly|idly|ghtly)$")


def check_unstated(view: BaseView, reading: Reading, lead: Coverage, ordinals_checked: bool = False) -> list[Finding]:
    """What the sentence adds to the fact that covers it: a word whose opposite the fact says ("fell" for
    "rose", "lowest" for "highest") refutes; a quantifier, rank or record ("all", "the first", "the highest"),
    or an adverb of manner ("secretly") that no text of the fact says is not enough info.

    Coverage lets a paraphrase leave a few words unmet; these are the ones that change what it claims.
    """
    fact = lead.fact
    texts = [s.text for s in view.statements(fact)]
    words = _fact_words(view, fact)
    written = {fold(w) for text in texts for w in re.findall(r"[^\W\d_]+", text)}
    findings: list[Finding] = []
    said_of = f"{view.source_phrase(fact)}, says: {fact.claim}"
    handled_ordinals = {ORDINAL_WORDS.get(n, "") for n in reading.parsed.ordinals} if ordinals_checked else set()
    ordinals_written = written & _ORDINALS
    # (a stance or speech verb counts as met by any of its kind: "rejected" by "adopted ... condemning")
    unmet = [t for t in (*lead.unmatched, *lead.matched) if not term_met(t, words)]
    surface = {lemma(fold(w)): fold(w) for w in re.findall(r"[^\W\d_]+", reading.text)}
    for term in unmet:
        opposite = opposite_in(term, words)
        word = surface.get(term, term)
        if opposite is not None and not reading.negated:
            findings.append(_opposite_finding(fact, word, opposite))
        elif _MANNER_ADVERB.search(word):
            findings.append(Finding("unknown", "text", f"the base does not say {word}; {said_of}", (fact,)))
    for match in _UNSTATED.finditer(fold(reading.text)):
        word = match.group()
        if word in written or word in handled_ordinals:
            continue
        opposite = opposite_in(lemma(word), words)
        if word in _ORDINALS and len(ordinals_written) == 1 and not reading.negated:
            # "the fourth referendum" where the fact's one ordinal is "third"
            opposite = next(iter(ordinals_written))
        if opposite is not None and not reading.negated:
            findings.append(_opposite_finding(fact, word, opposite))
        else:
            findings.append(Finding("unknown", "text", f"the base does not say “{word}”; {said_of}", (fact,)))
    return findings


def _fact_words(view: BaseView, fact: Fact) -> frozenset[str]:
    """Every word a fact's texts give (claim, quote, caveats), as lemmas."""
    own: frozenset[str] = view.words[fact.id].own
    return own | frozenset(t for s in view.statements(fact) for t in terms_of(s.text))


def _opposite_finding(fact: Fact, word: str, opposite: str) -> Finding:
    return Finding("disagrees", "text", f"the claim says {word}; the base says the opposite ({opposite}): "
                   f"{fact.claim}", (fact,))


def check_roles(view: BaseView, reading: Reading, lead: Coverage) -> list[Finding]:
    """"Alex Salmond succeeded Nicola Sturgeon" against "Nicola Sturgeon succeeded Alex Salmond": the fact's verb
    with the sentence's names on the other sides of it (in the passive, "was succeeded by", the sides turn).

    Coverage meets the words whatever their order; a swap of who did it and to whom is not what the fact says.
    """
    fact = lead.fact
    for verb in _VERB.findall(reading.text):
        doer, done = _sides(view, reading.text, verb)
        if not doer or not done:
            continue
        for statement in view.statements(fact):
            held = next((w for w in _VERB.findall(statement.text) if lemma(fold(w)) == lemma(fold(verb))), None)
            if held is None:
                continue
            held_doer, held_done = _sides(view, statement.text, held)
            if doer & held_done and done & held_doer and not doer & held_doer:
                return [Finding("unknown", "text", f"the base has it the other way round: {statement.text}",
                                (fact,))]
    return []


def _sides(view: BaseView, text: str, verb: str) -> tuple[set[str], set[str]]:
    """The entities named before and after a verb in a text's clause, who acted first (the passive turned)."""
    at = re.search(rf"\b{re.escape(verb)}\b", text)
    if at is None:
        return set(), set()
    before, after = text[: at.start()], _CLAUSE_END.split(text[at.end():], maxsplit=1)[0]
    if re.search(r"\b(?:was|were|been|is|are|be)\s+(?:\w+ly\s+)?$", before) is None:
        return _keys_and_wholes(view, before), _keys_and_wholes(view, after)
    # "Free Marovia was fined 12,000 crowns by the board": done to what comes before, by who follows "by"
    done_to, by, agent = after.partition(" by ")
    return _keys_and_wholes(view, agent) if by else set(), _keys_and_wholes(view, before + " " + done_to)


def _keys_and_wholes(view: BaseView, text: str) -> set[str]:
    keys = {m.key for m in view.names.mentions(text)}
    return keys | {view.names.whole(key) for key in keys}


# A verb in the past that acts on someone ("succeeded", "referred", "wrote"), and where its clause ends.
_VERB = re.compile(r"\b(?:[a-z]{3,}ed|wrote|beat|took|gave|sent|led|told|chose|made|won|lost|sold|bought|met|"
                   r"left|hit|struck|overtook|defeated)\b")
_CLAUSE_END = re.compile(r"[;:.!?]|,\s+(?:and|but|while|which|who)\b")


# What a sentence says of a vote's tally in words: no one against, close, or far apart.
_UNANIMOUS = re.compile(r"\b(?:unanimous(?:ly)?|without (?:a single )?(?:opposition|dissent|a vote against))\b",
                        re.IGNORECASE)
_CLOSE = re.compile(r"\b(?:narrow(?:ly)?|by a (?:slim|thin|slender|razor-thin|narrow) margin)\b", re.IGNORECASE)
_LOPSIDED = re.compile(r"\b(?:overwhelming(?:ly)?|by a (?:wide|large|huge|vast) margin|landslide)\b", re.IGNORECASE)
_MANNERS = ((_UNANIMOUS, "unanimously"), (_CLOSE, "narrowly"), (_LOPSIDED, "overwhelmingly"))


def manner_words(text: str) -> set[str]:
    """The lemmas of the words in which a sentence says how a vote went ("unanimously"): a slot of their own."""
    return {t for pattern, _ in _MANNERS for match in pattern.finditer(text) for t in terms_of(match.group())}


def check_manner(view: BaseView, reading: Reading, lead: Coverage) -> list[Finding]:
    """"Passed unanimously", "narrowly adopted": what the sentence says of a vote, against the tally of its fact.

    Unanimous is no vote against; narrow, the losing side at least 40 % of the votes; overwhelming, the winning
    side at least two thirds.  A fact without a tally meets the word only by saying it.
    """
    findings: list[Finding] = []
    said_of_it = [said for pattern, said in _MANNERS if pattern.search(reading.text) is not None]
    if not said_of_it:
        return findings
    tally = _tally_of(lead.fact)
    for said in said_of_it:
        if tally is None:
            if said == "unanimously" and not any(term_met(t, _fact_words(view, lead.fact)) for t in terms_of(said)):
                findings.append(Finding("unknown", "text", f"the base does not say the vote was unanimous; "
                                        f"{view.source_phrase(lead.fact)}, says: {lead.fact.claim}", (lead.fact,)))
            continue
        text, won, lost = tally
        share = lost / (won + lost) if won + lost else 0.0
        met = {"unanimously": lost == 0, "narrowly": share >= 0.4, "overwhelmingly": share <= 1 / 3}[said]
        unmet = {"unanimously": lost > 0, "narrowly": share <= 0.25, "overwhelmingly": share >= 0.45}[said]
        match: Match = "agrees" if met else "disagrees" if unmet else "unknown"
        findings.append(Finding(match, "figure", f"the claim says {said}; the base has “{text}”", (lead.fact,)))
    return findings


def _tally_of(fact: Fact) -> tuple[str, float, float] | None:
    """The first count tally a fact's texts give ("by 295 votes to 1"): its text, the larger and smaller sides."""
    for text, one, other in _tallies(fact):
        if not one.percent and not other.percent:
            return text, max(one.value, other.value), min(one.value, other.value)
    return None


def _tallies(fact: Fact) -> Iterator[tuple[str, Figure, Figure]]:
    """The tallies a fact's texts give, each with its text and its first and second sides ("295 votes to 1")."""
    for (text, one), (_, other) in pairwise(numbers_in(fact)):
        if (one.pair, other.pair) == (1, 2):
            yield text, one, other


def check_tally(first: Figure, second: Figure, facts: Sequence[Fact]) -> Finding | None:
    """"295 votes to 0" against a tally the facts state with the same first side: its other side must agree."""
    said = f"{figures_.figure_text(first)} to {figures_.figure_text(second)}"
    for fact in facts:
        for text, one, other in _tallies(fact):
            if one.percent == first.percent and agrees(first, one.value):
                match: Match = "agrees" if agrees(second, other.value) else "disagrees"
                return Finding(match, "figure", f"the claim says {said}; the base has “{text}”", (fact,))
    return None


def _measured_number(view: BaseView, figure: Figure, top: list[Coverage], sentence: str,
                     names: frozenset[str]) -> Finding | None:
    """The lead fact's own figure of the measure the sentence's words name ("was fined £61,000": the fine)."""
    lemmas = lemmas_of(sentence)
    for cover in top[:1]:
        for record in (r for r in records_of(cover.fact) if r.unit != "percent"):
            info = view.measures.get(record.measure)
            if info is None or not info.words or not all(term_met(w, lemmas) for w in info.words):
                continue
            said = figures_.figure_text(figure)
            phrase = f"the claim says {said}; {view.source_phrase(record.fact)}, gives {record.value:g} " \
                     f"for the {record.measure}"
            if agrees(figure, record.value):
                return Finding("agrees", "figure", phrase, (record.fact,))
            # Another figure refutes only where the fact gives it for what the sentence names: "fined Vote
            # Leave £61,000" says nothing of a fine for BeLeave's founder.
            claim = record.fact.claim
            at = min((claim.find(t) for t in figures_.number_texts(record.value) if claim.find(t) >= 0),
                     default=len(claim))
            around = view.names.keys_within(claim[:at])
            if all(holds(view, frozenset(around), key) for key in names):
                return Finding("disagrees", "figure", phrase, (record.fact,))
            return None
    return None

def check_places(view: BaseView, reading: Reading, lead: Coverage) -> list[Finding]:
    """Each location the sentence gives against those the fact (or its caveat) gives: 'at Nouméa' vs 'at Balade'.

    A place the fact gives too, or names at all, is met; one it does not is another place where the fact gives
    another one ("at the Olympic Stadium" against "at the Paul Sauvé Arena"), and unknown where it gives none.
    """
    main = event_places(view)
    said = (set(reading.places) - main - set(view.events)) | set(reading.place_words)
    if not said:
        return []
    held = places_held(view, lead.fact)
    unmet = sorted(p for p in said if not _place_met(view, p, held, lead.fact))
    if not unmet:
        return []
    others = [h for h in held if not any(view.names.related(h, p) for p in said)]
    texts = [reading.text]
    if not others:
        return [Finding("unknown", "text", f"the base does not say where: {_place_names(view, unmet, texts)}",
                        (lead.fact,))]
    fact_texts = [lead.fact.claim, lead.fact.quote, *(c.text for c in lead.fact.caveats)]
    return [Finding("disagrees", "text", f"the claim places it at {_place_names(view, sorted(said), texts)}; "
                    f"{view.source_phrase(lead.fact)}: {_place_names(view, sorted(held), fact_texts)}",
                    (lead.fact,))]


def _place_met(view: BaseView, place: str, held: set[str], fact: Fact) -> bool:
    """A place the fact gives as a location (or a place within it), names, or writes as a word of its own.

    "In Quebec" is met by a fact in Montreal; "in Montreal" is not met by a fact about Quebec.
    """
    if any(_within(view, h, place) for h in held):
        return True
    if place in view.names.entities:
        return any(_within(view, k, place) for k in view.fact_names[fact.id])
    return place in view.words[fact.id].all


def _within(view: BaseView, part: str, whole: str) -> bool:
    """The part is the whole, or lies within it (by the entities' ``part_of``)."""
    seen: set[str] = set()
    while part not in seen:
        if part == whole:
            return True
        seen.add(part)
        entity = view.names.entities.get(part)
        if entity is None or not entity.part_of:
            return False
        part = entity.part_of
    return False


def _place_names(view: BaseView, keys: Sequence[str], texts: Sequence[str]) -> str:
    """The places as written: an entity by its name, a place word as the text has it ("Olympic", not "olymp")."""
    written = {lemma(fold(w)): w for text in texts for w in re.findall(r"[A-Z][^\W\d_]+", text)}
    names = [entity_name(view, k) if k in view.names.entities else written.get(k, k.title()) for k in keys]
    return ", ".join(dict.fromkeys(name for name in names if name))

def check_relative_time(view: BaseView, reading: Reading, lead: Coverage) -> list[Finding]:
    """'A week after the referendum' against the fact's 'the day after the referendum'."""
    said = relative_times(reading.text)
    if not said:
        return []
    texts = [lead.fact.claim, lead.fact.quote, *(c.text for c in lead.fact.caveats)]
    held = {time for text in texts for time in relative_times(text)}
    if said <= held:
        return []
    source = view.source_phrase(lead.fact)
    if held:
        return [Finding("disagrees", "date", f"the claim says {', '.join(sorted(' '.join(t) for t in said))}; "
                        f"{source}: {lead.fact.claim}", (lead.fact,))]
    return [Finding("unknown", "date", f"the base does not say {', '.join(sorted(' '.join(t) for t in said))}",
                    (lead.fact,))]

def check_objects(view: BaseView, reading: Reading, lead: Coverage) -> list[Finding]:
    """'The Senate condemned Armenia' against 'the Senate's resolution condemning Azerbaijan'."""
    said = verb_objects(reading.text, reading.mentions)
    if not said:
        return []
    texts = [lead.fact.claim, lead.fact.quote, *(c.text for c in lead.fact.caveats)]
    held = [pair for text in texts for pair in verb_objects(text, list(view.names.mentions(text)))]
    for verb, key in said:
        objects = {k for v, k in held if v == verb or term_met(v, frozenset({verb}))}
        whole = view.names.whole(key)
        if objects and not any(view.names.related(k, key) or k == whole for k in objects):
            named = ", ".join(sorted(entity_name(view, k) for k in objects))
            return [Finding("disagrees", "text", f"the claim says {verb} {entity_name(view, key)}; "
                            f"{view.source_phrase(lead.fact)}: {named} ({lead.fact.claim})", (lead.fact,))]
    return []

def event_places(view: BaseView) -> set[str]:
    return set().union(*(e.names for e in view.events.values())) if view.events else set()

def places_held(view: BaseView, fact: Fact) -> set[str]:
    if fact.id not in view.places_cache:
        view.places_cache[fact.id] = _find_places_held(view, fact)
    return view.places_cache[fact.id]

def _find_places_held(view: BaseView, fact: Fact) -> set[str]:
    """The places a fact (or its caveats) gives as where something happened, the event's own place aside."""
    main = set().union(*(e.names for e in view.events.values())) if view.events else set()
    texts = [fact.claim, fact.quote, *(c.text for c in fact.caveats)]
    held = {m.key for text in texts for m in view.names.mentions(text) if m.role == "place"} - main
    held -= set(view.events)
    held |= {w for text in texts for w in place_words(text)} - {
        lemma(w) for key in main for form in view.names.entities[key].forms for w in form}
    return held

def check_modifiers(view: BaseView, reading: Reading, lead: Coverage) -> list[Finding]:
    """'The French navigator James Cook' against 'British explorer James Cook'."""
    findings = []
    texts = [lead.fact.claim, lead.fact.quote, *(c.text for c in lead.fact.caveats)]
    for person, word in reading.modifiers:
        held = {w for text in texts for key, w in person_modifiers(text, list(view.names.mentions(text)),
                                                                    view.names) if key == person}
        if held and word not in held:
            findings.append(Finding("disagrees", "text", f"the claim calls {entity_name(view, person)} {word.title()}; "
                                    f"{view.source_phrase(lead.fact)}: {lead.fact.claim}", (lead.fact,)))
        elif not held:
            findings.append(Finding("unknown", "text", f"the base does not call {entity_name(view, person)} "
                                    f"{word.title()}", (lead.fact,)))
    return findings

def check_words(view: BaseView, reading: Reading, lead: Coverage, terms: list[str],
                stance_target: Finding | None) -> Finding:
    """What the lead fact's words say of the sentence; ``stance_target`` is ``stance_target_finding`` of it."""
    fact = lead.fact
    corrected = _correction(view, reading, lead, terms)
    if corrected is not None:
        return corrected
    attribution = _attribution_finding(view, reading, fact)
    if attribution is not None:
        return attribution
    stance = _stance_finding(view, reading, lead) or stance_target
    if stance is not None:
        return stance
    if _negation_differs(view, reading, lead):
        return Finding("disagrees", "text", f"the base says the opposite: {_statement_text(lead)}", (fact,))
    if fact.kind in ("allegation", "denial", "statement") and fact.claimant:
        reported = f"{fact.claimant} {_KIND_VERBS[fact.kind]} this ({view.source_phrase(fact)}): " \
                   f"{fact.claim}"
        if reading.attribution is not None or fact.kind == "statement":
            return Finding("agrees", "attribution", reported, (fact,))
        return Finding("unknown", "attribution",
                       f"the base holds this only as an assertion: {reported}; it is not established as fact",
                       (fact,))
    kind = " (the article's analysis)" if fact.kind == "analysis" else ""
    if lead.caveat is not None:
        source = view.outlet(lead.caveat.source) if lead.caveat.source else view.source_phrase(fact)
        return Finding("agrees", "caveat", f"{source} says: {lead.caveat.text}", (fact,))
    return Finding("agrees", "text", f"{view.source_phrase(fact)}{kind}, says: {fact.claim}", (fact,))

_DECIDED = re.compile(r"\b(?:voted|votes|vote|decided|decides|chose|chooses|opted|opts|agreed|agrees)\s+to\s+"
                      r"([a-z]+)", re.IGNORECASE)


def check_decision(reading: Reading, lead: Coverage) -> list[Finding]:
    """What a vote or a choice decided ("voted to adopt"): a fact that meets the rest but not that is silent on it."""
    decided = [lemma(fold(m.group(1))) for m in _DECIDED.finditer(reading.text)]
    unmet = [d for d in decided if d in lead.unmatched]
    if not unmet:
        return []
    return [Finding("unknown", "text", f"the base does not say what was decided ({', '.join(unmet)}); "
                    f"the closest ({lead.fact.id}) says: {_statement_text(lead)}", (lead.fact,))]


def _correction(view: BaseView, reading: Reading, lead: Coverage, terms: list[str]) -> Finding | None:
    """A caveat marked wrong or misleading refutes a sentence that repeats what it corrects."""
    fact = lead.fact
    for caveat in fact.caveats:
        if caveat.severity == "imprecise" and caveat is not lead.caveat and _caveat_denies_at_date(view,
                reading, caveat):
            source = view.outlet(caveat.source) if caveat.source else "a reference page"
            return Finding("disagrees", "caveat", f"{source} ({caveat.severity}): {caveat.text}", (fact,))
        if caveat.severity not in ("wrong", "misleading") or caveat is lead.caveat:
            continue
        source = view.outlet(caveat.source) if caveat.source else "a reference page"
        caveat_words = frozenset(terms_of(caveat.text))
        if caveat.severity == "wrong":
            own = view.words[fact.id].own
            outside = [t for t in terms if not term_met(t, own)]
            if outside and all(term_met(t, caveat_words) for t in outside):
                continue  # the sentence says what the caveat says
            return Finding("disagrees", "caveat", f"{view.source_phrase(fact)}, says so, but {source} "
                           f"shows it wrong: {caveat.text}", (fact,))
        if _caveat_denies_at_date(view, reading, caveat):
            return Finding("disagrees", "caveat", f"{source} ({caveat.severity}): {caveat.text}", (fact,))
        denied = negated_terms(caveat.text) | _rather_than_terms(caveat.text) | _negated_clause_terms(caveat.text)
        repeated = [t for t in terms if t in denied and not _is_negated_in(t, reading.text)]
        if repeated:
            return Finding("disagrees", "caveat", f"{source} marks this misleading: {caveat.text}", (fact,))
    return None

def _caveat_denies_at_date(view: BaseView, reading: Reading, caveat: Caveat) -> bool:
    """"The pattern did not hold in 2021": a correction that negates what the fact says, at the claim's date."""
    years = set(reading.parsed.years)
    if not years or not is_negated(caveat.text):
        return False
    for clause in re.split(r"[;,]", caveat.text):
        clause_years = {d.date.year for d in extract_dates(normalize(clause))}
        if clause_years & years and is_negated(clause):
            return True
    return False

def _attribution_finding(view: BaseView, reading: Reading, fact: Fact) -> Finding | None:
    """Who said it, and what they did (said, denied, admitted), against the fact's claimant and kind."""
    said = reading.attribution
    if said is None:
        return None
    held = _fact_act(fact)
    claimant = claimant_keys(view.names, fact.claimant) if fact.claimant else set()
    source = view.source_phrase(fact)
    if said.speakers and claimant and not (said.speakers & claimant) and not _post_met(view, said, fact):
        named = ", ".join(sorted(entity_name(view, k) for k in said.speakers))
        return Finding("unknown", "attribution", f"the base has this from {fact.claimant}, not {named} "
                       f"({source}): {fact.claim}", (fact,))
    if not said.speakers and claimant and not _post_met(view, said, fact):
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

def _post_met(view: BaseView, said: Attribution, fact: Fact) -> bool:
    """'Spain's defence minister said': the fact describes its claimant by that post."""
    words = [lemma(w) for w in said.speaker_words if len(w) > 2 and lemma(w) not in view.name_terms]
    own = frozenset(terms_of(" ".join((fact.claim, fact.quote, *(c.text for c in fact.caveats)))))
    if bool(words) and all(term_met(w, own) for w in words):
        return True
    # "The head of the UK Statistics Authority": the fact names the claimant with that body ("chair of").
    heads = {lemma(w) for w in said.speaker_words} & _HEADS
    return bool(heads) and bool(said.speakers) and said.speakers <= view.fact_names[fact.id] and bool(
        _HEADS & own)

def _stance_finding(view: BaseView, reading: Reading, lead: Coverage) -> Finding | None:
    """Welcomed against opposed, agreed against refused: the same matter, the opposite stance."""
    said = stance_of(stance_words(reading.text))
    if said is None or reading.negated:
        return None
    claim_terms = frozenset(terms_of(reading.text))
    actor = _stance_actor(view, reading.text)
    same: list[int] = []
    opposite: list[tuple[int, str]] = []
    for statement in view.statements(lead.fact):
        for part in re.split(r";|, (?:and|but|so) |:", statement.text):
            held = stance_of(stance_words(part))
            shared = [t for t in terms_of(part) if t in claim_terms and t not in _STANCE_LEMMAS]
            if held is None or not shared or is_negated(part):
                continue
            # Who takes the stance decides which clause the sentence is about ("the FLNKS rejected it").
            by_actor = bool(actor & _stance_actor(view, part))
            weight = len(shared) + (10 if by_actor else 0)
            if held == said:
                same.append(weight)
            else:
                opposite.append((weight, statement.text))
    if opposite and max(w for w, _ in opposite) > max(same, default=-1):
        return Finding("disagrees", "text", f"the base says the opposite: {max(opposite)[1]}", (lead.fact,))
    return None

def stance_target_finding(view: BaseView, reading: Reading, lead: Coverage) -> Finding | None:
    """"The Senate rejected the resolution" against "the Senate adopted a resolution condemning Azerbaijan".

    Coverage meets a sentence's stance verb by any stance the fact takes (it compares stances as such): one of
    the fact's stances of the same side must be taken on something the sentence's is taken on, and by whoever
    the sentence says takes it, where both say ("Azerbaijan opposed the Senate's resolution" is not the Senate
    opposing Azerbaijan).
    """
    if reading.negated:
        return None
    fact = lead.fact
    held = [_HeldStance.of(view, statement.text, stance)
            for statement in view.statements(fact) for stance in stance_targets(statement.text)]
    for stance in stance_targets(reading.text):
        wanted = terms_of(" ".join(stance.target))
        if not wanted:
            continue
        agents = _agent_terms(view, stance.agent)
        if any(other.side == stance.side and other.fits(wanted, agents) for other in held):
            continue
        said = re.sub(r"^(?:The|A|An)\b", lambda m: m.group().lower(), " ".join([stance.agent, stance.verb,
                                                                                  *stance.target]).strip())
        return Finding("unknown", "text", f"the base does not say that {said}; {view.source_phrase(fact)}, says: "
                       f"{fact.claim}", (fact,))
    return None


class _HeldStance(NamedTuple):
    """A stance a fact's text takes, as the sentence's is compared with it."""

    side: str
    target: frozenset[str]  # the words of what it is taken on (none for a pronoun: "rejected it")
    antecedents: frozenset[str]  # what a pronoun may stand for: the text's words outside its taker's
    agent: frozenset[str]

    @classmethod
    def of(cls, view: BaseView, text: str, stance: Stance) -> _HeldStance:
        return cls(stance.side, frozenset(terms_of(" ".join(stance.target))),
                   frozenset(terms_of(text)) - frozenset(terms_of(stance.agent)), _agent_terms(view, stance.agent))

    def fits(self, wanted: list[str], agents: frozenset[str]) -> bool:
        """Taken on what the sentence's stance is, by the same taker where both say; a stance taken on a pronoun
        only where both give its taker, the same one, and the text names the sentence's outside the taker's
        words."""
        if not self.target:
            return bool(agents) and bool(self.agent) and _same_agent(agents, self.agent) and any(
                term_met(t, self.antecedents) for t in wanted)
        return any(term_met(t, self.target) for t in wanted) and (
            not agents or not self.agent or _same_agent(agents, self.agent))


def _agent_terms(view: BaseView, text: str) -> frozenset[str]:
    """The words of who takes a stance, with the entities they name and the wholes of those ("Baku": Azerbaijan).

    Words as well as entities: "the Catalan parliament" is the Parliament of Catalonia by its other words.
    """
    return frozenset(terms_of(text)) | _keys_and_wholes(view, text)

def _same_agent(said: frozenset[str], held: frozenset[str]) -> bool:
    """The sentence's and the fact's takers of a stance share a word or an entity."""
    return any(term_met(t, held) for t in said) or any(term_met(t, said) for t in held)

def _stance_actor(view: BaseView, text: str) -> set[str]:
    """Who takes a stance: the names before its verb, or after "by" in the passive ("rejected by the FLNKS")."""
    words = stance_words(text)
    at = next((i for i, w in enumerate(words) if w in STANCE_FOR or w in STANCE_AGAINST), None)
    if at is None:
        return set()
    passive = re.search(r"\b(?:was|were|been|is|are)\s+\w+\s+by\s+(.+)$", text, re.IGNORECASE)
    if passive is not None:
        return _names_and_capitals(view, passive.group(1))
    verb = words[at]
    possessor = re.search(rf"([\w.-]+)['’]s\s+{re.escape(verb)}\b", text, re.IGNORECASE)
    if possessor is not None:
        return _names_and_capitals(view, possessor.group(1))  # "the FLNKS's backing": the FLNKS backs
    cut = re.search(rf"\b{re.escape(verb)}\b", text, re.IGNORECASE)
    return _names_and_capitals(view, text[: cut.start()] if cut else text)

def _negation_differs(view: BaseView, reading: Reading, lead: Coverage) -> bool:
    """One side negates what both speak of, the other does not."""
    statement = _statement_text(lead)
    words = frozenset(terms_of(statement)) | view.words[lead.fact.id].own
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
    return {t for match in _RATHER_THAN.finditer(negations_as_not(fold(text))) for t in terms_of(match.group(1))}


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
        folded = negations_as_not(fold(clause))
        match = _NEGATION_WORD.search(folded)
        if match is None:
            continue
        terms |= {t for t in terms_of(folded[: match.start()]) if t not in IGNORED}
        terms |= negated_heads(clause)
    return terms


_NEGATION_WORD = re.compile(r"\b(?:not|never|no longer|neither|nor)\b|n't\b")


def _is_negated_in(term: str, text: str) -> bool:
    return term in negated_terms(text)


_RELATIVE = re.compile(r"\b(a|an|one|the|\d+)\s+(day|morning|evening|night|week|fortnight|month|year)s?\s+"
                       r"(after|before|later|earlier)\b")


def relative_times(text: str) -> set[tuple[str, str, str]]:
    """("1", "week", "after") for "a week after"; "the day after" is one day after."""
    found = set()
    for count, unit, direction in _RELATIVE.findall(digits_for_number_words(fold(text))):
        count = "1" if count in ("a", "an", "one", "the") else count
        unit = "day" if unit in ("morning", "evening", "night") else unit
        direction = {"later": "after", "earlier": "before"}.get(direction, direction)
        found.add((count, unit, direction))
    return found


def numbers_in(fact: Fact) -> list[tuple[str, Figure]]:
    """The numbers a fact writes in digits, in its claim, caveats and better values' notes, each with its context."""
    found: list[tuple[str, Figure]] = []
    for text in (fact.claim, *(c.text for c in fact.caveats), *(b.note for b in fact.better_values)):
        normalized, figures = clause_numbers(text)  # remembered: candidates recur from sentence to sentence
        found += [(normalized[max(0, figure.start - 30): figure.end + 20].strip(), figure)
                  for figure in figures if not figure.in_words]
    return found


def date_agrees(claimed: PartialDate, known: list[PartialDate]) -> bool:
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


def _dates_as_precisely(claimed: PartialDate, known: list[PartialDate]) -> bool:
    """The base knows a date that holds the claimed one, at least as precisely (a day for a day)."""
    return any(d.covers(claimed) and _RANK[d.precision] >= _RANK[claimed.precision] for d in known)


def _precision_in_year(claimed: PartialDate, known: list[PartialDate]) -> int:
    """How precisely the base knows dates in the claimed year (-1: not at all)."""
    return max((_RANK[d.precision] for d in known if d.year == claimed.year), default=-1)


def _dates_text(dates: list[PartialDate]) -> str:
    return ", ".join(sorted({d.iso() for d in dates}))


