"""Figures: which measure of which event (and which part of it) a sentence's number speaks of, and whether it agrees.

A figure is compared only with figures of the same measure, of the event the
sentence names (by year, ordinal or name) and of the same part of it (a
province, a council) or of the whole: never a part's figure with the whole's.
The measure is read from the words of the base's own measure names and
aliases near the figure ("52 % voted to leave" -> "leave share"), or from the
side of a vote the sentence takes (yes, no, turnout); the second figure of
"55 % to 45 %" is the first one's complement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from .check_words import is_function_word, term_met
from .claims import Figure, agreement_bounds, agrees, extract_dates, nearest_cue
from .evidence import BaseView, MeasureInfo, Record, clause_numbers, clauses, measure_words, terms_of
from .language import lemma
from .model import Fact
from .names import Mention, roots_meet
from .text import normalize

GENERIC_SIDES = {"yes share": ("yes", "for", "favour"), "no share": ("no", "against"), "turnout": ("turnout",)}


class FigureFinding(NamedTuple):
    match: str  # agrees | disagrees | unknown
    explanation: str
    facts: tuple[Fact, ...]


class FigureContext(NamedTuple):
    """What a sentence says around its figures: its words, its events, the part it speaks of."""

    lemmas: frozenset[str]
    events: set[str] | None  # None: the sentence names no event
    events_said: str
    parts: frozenset[str]  # entity keys of parts (places in a place role that no event is named by)
    must: frozenset[str]  # names and capitalised words the supporting facts must hold
    every_event: bool = False  # "in all three referendums", "in every vote"
    words: tuple[str, ...] = ()  # the sentence's content words, to choose between measures
    names: frozenset[str] = frozenset()  # entity keys the sentence names
    years: frozenset[int] = frozenset()  # the years the sentence gives


class Measures(list[str]):
    """The measures a figure may be, most likely first.

    The first ``nearest`` are named by the words nearest the figure, the first ``named`` by the sentence's words
    at all; the rest only by the side of the vote the sentence takes.
    """

    named: int = 0
    nearest: int = 0


def measures_for(view: BaseView, figure: Figure, cue: str | None, lemmas: frozenset[str],
                 first_of_pair: Sequence[str] | None = None, normalized: str = "") -> Measures:
    """The base's measures a figure may be, most likely first: named by their words, then by the vote's side."""
    if figure.pair == 2 and first_of_pair:
        complements = Measures(dict.fromkeys(view.measures[m].complement for m in first_of_pair
                                             if view.measures[m].complement))
        complements.named = complements.nearest = len(complements)
        return complements
    kinds = [info for info in view.measures.values() if info.percent == figure.percent]
    named = _named_nearest_first(view, figure, kinds, lemmas, normalized)
    chosen = [name for name, _ in named]
    if cue == "no share" and figure.percent:
        # "rejected independence" with an "independence share": the other side of it.
        chosen = [view.measures[m].complement if view.measures[m].complement and not _measure_says_no(m) else m
                  for m in chosen]
    result = Measures(dict.fromkeys(chosen))
    result.named = len(result)
    result.nearest = len(dict.fromkeys(chosen[: sum(1 for _, near in named if near)]))
    if cue is not None:
        sides = GENERIC_SIDES[cue]
        by_side = [info.name for info in kinds if info.name not in result
                   and any(side in info.words or info.name == side for side in sides)]
        # "74.3 % backed a parliament" is the plain yes share, not the "tax powers yes share": a measure whose
        # name qualifies the side is the sentence's only where its other words are the sentence's too.
        plain = [name for name in by_side if all(w in SIDE_WORDS or term_met(w, lemmas) for w in measure_words(name))]
        result += plain or by_side
    return result


def _named_nearest_first(view: BaseView, figure: Figure, kinds: Sequence[MeasureInfo], lemmas: frozenset[str],
                         normalized: str) -> list[tuple[str, bool]]:
    """The measures the sentence's words name, each with whether it is the one named nearest the figure.

    "voted No by 55.3 % on a turnout of 84.6 %": each figure is the measure named nearest it, the one named by
    more words first on a tie; the others stay behind it, for a figure the nearest has none of in the event.
    """
    ranked = []
    for info in kinds:
        forms = _met_forms(view, info.name, lemmas)
        if forms:
            words = frozenset().union(*forms)
            distance = _word_distance(normalized, figure, words) if normalized else 0
            ranked.append((distance, -max(len(form) for form in forms), info.name))
    ranked.sort()
    return [(name, (distance, size) == ranked[0][:2]) for distance, size, name in ranked]


SIDE_WORDS = frozenset(side for sides in GENERIC_SIDES.values() for side in sides)


def _met_forms(view: BaseView, measure: str, lemmas: frozenset[str]) -> list[frozenset[str]]:
    """The ways of naming the measure (its name, a declared alias) all of whose words the sentence has."""
    return [form for form in _naming_forms(view).get(measure, ()) if all(term_met(w, lemmas) for w in form)]


@lru_cache(maxsize=8)
def _naming_forms(view: BaseView) -> dict[str, tuple[frozenset[str], ...]]:
    """Each measure's ways of being named: the words of its name, and those of each alias declared for it."""
    aliases = {declared.name: declared.aliases for declared in view.base.measures}
    forms = {}
    for name in view.measures:
        found = [measure_words(name), *(frozenset(terms_of(alias)) for alias in aliases.get(name, ()))]
        forms[name] = tuple(form for form in found if form)
    return forms


def _word_distance(normalized: str, figure: Figure, words: frozenset[str]) -> int:
    """How far from the figure the nearest word of a measure's name stands, in characters."""
    distances = [figure.start - match.end() if match.start() < figure.start else match.start() - figure.end
                 for match in re.finditer(r"[a-z]+", normalized) if term_met(lemma(match.group()), words)
                 or match.group() in words]
    return min(distances, default=len(normalized))


def _measure_says_no(measure: str) -> bool:
    return "no" in measure.split() or "against" in measure.split()


def check_figure(view: BaseView, figure: Figure, measures: Sequence[str], context: FigureContext,
                 cue: str | None = None) -> FigureFinding:
    """One figure against the base's records of its measure, event and part: the first measure that has any."""
    said = figure_text(figure)
    if figure.change:
        # A margin or a rise is a level only of a measure of differences ("vote margin"), never of a side's count.
        records = best_records(view, _change_measures(view), context)
        if not records:
            return FigureFinding("unknown", f"the claim gives a change ({said}); the base records no change or margin "
                                 f"for {context.events_said or 'what the claim speaks of'}", ())
    else:
        records = best_records(view, measures, context)
    if not records:
        unknown = ", ".join(unnamed(context.parts)).title()
        kind = " or ".join(measures) + " figure" if measures else "figure"
        return _figure_in_texts(view, figure, context, cue, measures) or FigureFinding(
            "unknown", f"the base gives no {kind} for "
            f"{unknown or context.events_said or 'what the claim speaks of'}", ())
    if context.every_event:
        return _every_event(view, figure, records)
    agreeing = [r for r in records if agrees(figure, r.value, source_approximate=r.approximate)]
    agreeing = [r for r in agreeing if not _bettered(figure, r, records)]
    trusted = [r for r in agreeing if r.better is not None or not _known_wrong(r.fact)]
    if trusted:
        return FigureFinding("agrees", f"the claim says {said}; " + records_phrase(view, trusted, records),
                             tuple(dict.fromkeys(r.fact for r in trusted)))
    explanation = f"the claim says {said}; " + records_phrase(view, records, records)
    if agreeing:
        wrong = [c for r in agreeing for c in r.fact.caveats if c.severity == "wrong"]
        explanation += f"; but {view.outlet(wrong[0].source) if wrong[0].source else 'a reference page'} shows " \
                       f"it wrong: {wrong[0].text}"
    other = other_measure(view, figure, measures, context)
    if other:
        explanation += f" ({said} was {other})"
    return FigureFinding("disagrees", explanation, tuple(dict.fromkeys(r.fact for r in records)))


def _bettered(figure: Figure, record: Record, records: Sequence[Record]) -> bool:
    """An approximate figure ("approximately 52 %") that meets the claim only by its looseness, where the same
    fact's better value, an exact one of the same scope, does not ("53 %" against 51.89 %)."""
    if not record.approximate or (figure.comparator == "eq" and agrees(figure, record.value)):
        return False
    exact = [r for r in records if r.fact is record.fact and r.better is not None and not r.approximate
             and r.scope == record.scope]
    return bool(exact) and not any(agrees(figure, r.value) for r in exact)


# Words that make a measure one of differences between levels.
_CHANGE_WORDS = frozenset(lemma(word) for word in (
    "margin", "difference", "gap", "lead", "majority", "increase", "decrease", "rise", "fall", "drop", "change",
    "swing", "growth", "decline", "gain", "loss"))


def _change_measures(view: BaseView) -> list[str]:
    return [name for name in view.measures if measure_words(name) & _CHANGE_WORDS]


def compare_records(view: BaseView, first: Sequence[Record], second: Sequence[Record], more: bool,
                    said: str) -> FigureFinding:
    """Whether every figure of ``first`` is above (``more``) or below every one of ``second``."""
    both = [*first, *second]
    facts = tuple(dict.fromkeys(r.fact for r in both))
    phrase = f"the claim says the {first[0].measure} was {said}; " + records_phrase(view, both, both)
    above = all(a.value > b.value for a in first for b in second)
    below = all(a.value < b.value for a in first for b in second)
    if not (above or below or all(a.value == b.value for a in first for b in second)):
        return FigureFinding("unknown", phrase + " (the base's figures disagree on which is higher)", facts)
    return FigureFinding("agrees" if (above if more else below) else "disagrees", phrase, facts)


def best_records(view: BaseView, measures: Sequence[str], context: FigureContext) -> list[Record]:
    """The records of the measure whose facts speak most of what the sentence speaks of; the first on a tie.

    "The parliament declared independence by 70 votes to 10" is about the declaration's votes for, not the
    referendum's yes votes, though both are votes for independence in Catalonia.
    """
    best: list[Record] = []
    best_score = (-1, -1)
    for measure in measures:
        records = [r for r in view.measure_records(measure, context.events) if _in_context(view, r, context)]
        if not records:
            continue
        # A measure named nearest the figure comes before another the sentence names, and that before one it only
        # takes the side of.
        tier = 2 if measure in measures[: getattr(measures, "nearest", len(measures))] else int(
            measure in measures[: getattr(measures, "named", len(measures))])
        score = (tier, max(sum(1 for t in context.words if term_met(t, view.words[r.fact.id].own)) for r in records))
        if score > best_score:
            best, best_score = records, score
    return best or _from_complements(view, measures, context)


def _from_complements(view: BaseView, measures: Sequence[str], context: FigureContext) -> list[Record]:
    """A share the base gives only as its complement's ("48.2 % backed it": 51.8 % did not)."""
    for measure in measures:
        other = view.measures[measure].complement if measure in view.measures else ""
        if not other or not view.measures[measure].percent:
            continue
        records = [r for r in view.measure_records(other, context.events) if _in_context(view, r, context)]
        if records:
            return [r._replace(value=round(100 - r.value, 6), measure=f"{measure} (100 - the {other})")
                    for r in records]
    return []


def _in_context(view: BaseView, record: Record, context: FigureContext) -> bool:
    if context.events is not None and record.fact.event not in context.events:
        return False
    return _same_part(view, record, context) and _holds_names(view, record.fact, context.must)


def _known_wrong(fact: Fact) -> bool:
    return any(c.severity == "wrong" for c in fact.caveats)


def _every_event(view: BaseView, figure: Figure, records: Sequence[Record]) -> FigureFinding:
    """"Turnout in all three referendums stayed above 80 %": every event's figure must agree."""
    by_event: dict[str, list[Record]] = {}
    for record in records:
        by_event.setdefault(record.fact.event, []).append(record)
    failing = [rs for rs in by_event.values()
               if not any(agrees(figure, r.value, source_approximate=r.approximate) for r in rs)]
    shown = [r for rs in failing for r in rs] or list(records)
    phrase = records_phrase(view, shown, records)
    facts = tuple(dict.fromkeys(r.fact for r in shown))
    if failing:
        return FigureFinding("disagrees", f"the claim says {figure_text(figure)} for every one; {phrase}", facts)
    return FigureFinding("agrees", f"the claim says {figure_text(figure)} for every one; {phrase}", facts)


def _figure_in_texts(view: BaseView, figure: Figure, context: FigureContext, side: str | None,
                     measures: Sequence[str] = ()) -> FigureFinding | None:
    """A figure the base gives only in words: a part's ("Loyalty Islands 82.18 % Yes"), or a count of one side.

    A number counts only where its own words say which side it is ("73.7 % No" is no yes share, but says the
    yes share was 26.3 %).
    """
    parts = parts_for(view, context)
    if not parts and (figure.percent or side is None):
        return None
    said = figure_text(figure)
    disagreeing: tuple[Fact, str] | None = None
    # Only a fact whose texts name a part, or give a count near the claimed one, can give the figure.
    places = (view.places_with_texts_naming(parts) if parts
              else view.places_with_counts_near(*agreement_bounds(figure)))
    for place in places:
        if not _may_give(view, place, figure, any_value=bool(parts)):
            continue
        fact = view.fact_at(place)
        if context.events is not None and fact.event and fact.event not in context.events:
            continue
        for statement in view.statements(fact):
            years: set[int] = set()
            for clause in clauses(statement.text):
                # A clause's figures are of the last year the statement named ("It held in 2018 (... 76.98 % Yes").
                years = {d.date.year for d in extract_dates(normalize(clause))} or years
                if context.years and years and not years & context.years:
                    continue
                if parts and not parts & view.names.keys_within(clause):
                    continue
                for value in _side_values(view, clause, figure, side, measures):
                    if agrees(figure, value):
                        return FigureFinding("agrees", f"the claim says {said}; {view.source_phrase(fact)}: "
                                             f"{statement.text}", (fact,))
                    disagreeing = disagreeing or (fact, statement.text)
    if disagreeing is not None and parts:
        fact, text = disagreeing
        return FigureFinding("disagrees", f"the claim says {said}; {view.source_phrase(fact)}: {text}", (fact,))
    return None


def _may_give(view: BaseView, place: int, figure: Figure, *, any_value: bool) -> bool:
    """Whether a clause of the fact's texts can give a value ``_figure_in_texts`` uses.

    Only a figure written in digits, of the claimed figure's kind, can; where only agreement counts, a count must
    agree itself (a share may stand for its complement to 100).  The fact's figures are worked out once, with the
    view (``text_figures``), so that a sentence does not read every clause of a large base.
    """
    values = [value for value, percent in view.text_figures.at(place) if percent == figure.percent]
    if any_value or figure.percent:
        return bool(values)
    return any(agrees(figure, value) for value in values)


def _side_of_pair(number: Figure) -> str | None:
    """"By 295 votes to 1": the first are the votes for, the second against."""
    return {1: "yes share", 2: "no share"}.get(number.pair) if not number.percent else None


def _side_values(view: BaseView, clause: str, figure: Figure, side: str | None, measures: Sequence[str]) -> list[float]:
    """The clause's numbers of the figure's side or measure; a share of the other side as 100 minus it.

    A number's side is what its own words say: the nearest measure word ("95.9 % to remain") or vote word.
    """
    normalized, numbers = clause_numbers(clause)
    kinds = [info for info in view.measures.values() if info.percent == figure.percent and info.words]
    values = []
    for number in numbers:
        if number.percent != figure.percent or number.in_words:
            continue
        said = min(kinds, key=lambda info: _word_distance(normalized, number, info.words), default=None)
        if said is not None and _word_distance(normalized, number, said.words) >= len(normalized):
            said = None
        if said is not None and measures and said.name in measures:
            values.append(number.value)
        elif said is not None and measures and said.complement in measures and figure.percent:
            values.append(round(100 - number.value, 6))
        elif not measures or said is None:
            own = nearest_cue(normalized, number) or _side_of_pair(number)
            if side is not None and own == side:
                values.append(number.value)
            elif side is not None and figure.percent and {own, side} == {"yes share", "no share"}:
                values.append(round(100 - number.value, 6))
    return values


def _same_part(view: BaseView, record: Record, context: FigureContext) -> bool:
    """A part's figure only for a sentence about that part; the whole's only for one about the whole."""
    parts = record_parts(view, record)
    # A figure of a body ("the Senate's votes") is for a sentence that names that body.
    bodies = {p for p in parts if p in view.names.entities and view.names.entities[p].kind not in ("place", "other")}
    if bodies and not bodies & context.names:
        return False
    parts -= bodies
    event = view.events.get(record.fact.event)
    said = context.parts - (event.names if event is not None else set())
    if said:
        return bool(parts & said)
    return not parts


def record_parts(view: BaseView, record: Record) -> set[str]:
    if record.scope:
        key = view.names.key_of(record.scope)
        return {key or record.scope}
    event = view.events.get(record.fact.event)
    event_names = event.names if event is not None else set()
    # A part is named before the figure ("In the North Cape district, 48.2 % ..."), not after it in a comparison.
    claim = record.fact.claim
    stated = [record.value, *(v.value for v in record.fact.values)]  # a better value stands where the fact's does
    written = [claim.find(text) for value in stated for text in number_texts(value) if claim.find(text) >= 0]
    before = claim[: min(written)] if written else claim
    places = [m for m in view.names.mentions(before) if m.role == "place" or _votes(before, m)]
    return {m.key for m in places if m.key not in event_names and m.key not in view.events}


_VOTING = re.compile(r"^\W*(?:[a-z]+\s+)?(?:'s\s+voters\s+)?(?:voted|votes|backed|rejected|chose|gave|returned|"
                     r"came out|said (?:yes|no)|recorded|registered|posted|delivered|produced|had|saw|split)\b")


def _votes(text: str, mention: Mention) -> bool:
    """"Glasgow voted Yes": a place as the voter is a part of the whole that voted."""
    at = text.replace("’", "'").find(mention.text.replace("’", "'"))
    return at >= 0 and bool(_VOTING.match(text.replace("’", "'")[at + len(mention.text):]))


def number_texts(value: float) -> list[str]:
    """How a value may be written in a claim: 97.7, 176,928, 176 928."""
    whole = f"{int(value):,}" if value == int(value) else f"{value:g}"
    return [whole, whole.replace(",", " "), whole.replace(",", ""), f"{value:g}"]


def _holds_names(view: BaseView, fact: Fact, must: frozenset[str]) -> bool:
    """The names of the sentence are the fact's own, or its event's (the EU vote is not the Scottish one)."""
    if not must:
        return True
    words = set(view.words[fact.id].all)
    names = set(view.fact_names[fact.id])
    event = view.events.get(fact.event)
    if event is not None:
        for other in view.event_places(fact.event):
            words |= view.words.at(other).own
            names |= view.fact_names.at(other)
    frozen = frozenset(words)
    return all(name in names or term_met(name, frozen) for name in must)


def parts_named(view: BaseView, mentions: Sequence[Mention], text: str = "") -> frozenset[str]:
    """Places the sentence speaks of as where a vote was, or who voted ("in the Loyalty Islands", "Glasgow voted").

    Which of them are parts depends on the event a figure is of: Scotland is the whole of its own referendum,
    a part of the United Kingdom's.
    """
    named = frozenset(m.key for m in mentions if m.key not in view.events
                      and view.names.entities[m.key].kind in ("place", "other")
                      and (m.role == "place" or view.names.whole(m.key) != m.key or _votes(text, m)))
    return named | unnamed_voters(view, text, mentions)


_CAPITALISED_RUN = re.compile(r"(?<![\w'’-])[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)*")


def unnamed_voters(view: BaseView, text: str, mentions: Sequence[Mention]) -> frozenset[str]:
    """"Wales voted for devolution": a capitalised name that votes, which the base knows nothing by, is a part of
    its own, so that no figure of the whole is taken for it."""
    inside = {w for m in mentions for w in normalize(m.text).split()}
    found = set()
    for match in _CAPITALISED_RUN.finditer(text):
        words = [normalize(w) for w in re.split(r"[ -]", match.group())]
        if not _VOTING.match(text[match.end():]) or any(w in inside for w in words):
            continue
        opens = not text[: match.start()].strip()
        if _opens_a_name(view, words) or not any(_unknown_name(view, w, opens=opens) for w in words):
            continue
        found.add(UNNAMED + " ".join(words))
    return frozenset(found)


def _unknown_name(view: BaseView, word: str, *, opens: bool) -> bool:
    """A capitalised word the base knows nothing by: a word only of a longer name ("Wales" of "Diana, Princess of
    Wales"), or, inside a sentence, one the base never uses (a sentence's first word may be any word)."""
    if is_function_word(word):
        return False
    return word in _name_tokens(view) or (not opens and not view.knows(lemma(word)))


def _opens_a_name(view: BaseView, words: Sequence[str]) -> bool:
    """The words begin a name the base knows, the last one perhaps inflected: "Loyalty Islanders" of "Loyalty
    Islands"."""
    *first, last = words
    size = len(words)
    return any(len(form) >= size and list(form[: size - 1]) == first and roots_meet(last, form[size - 1])
               for form in _name_forms(view))


@lru_cache(maxsize=8)
def _name_forms(view: BaseView) -> tuple[tuple[str, ...], ...]:
    """The names as written: without the possessive forms read into them ("Wales Diana Princess" of "Diana,
    Princess of Wales")."""
    forms = set(view.names.forms())
    turned = {form[form.index("of") + 1:] + form[:form.index("of")] for form in forms if "of" in form[1:-1]}
    return tuple(sorted(forms - turned))


@lru_cache(maxsize=8)
def _name_tokens(view: BaseView) -> frozenset[str]:
    return frozenset(t for form in _name_forms(view) for t in form)


UNNAMED = "unnamed:"


def unnamed(parts: frozenset[str]) -> list[str]:
    """The parts a sentence names that the base knows nothing by, as written."""
    return [p.removeprefix(UNNAMED) for p in sorted(parts) if p.startswith(UNNAMED)]


def parts_for(view: BaseView, context: FigureContext) -> frozenset[str]:
    """The sentence's parts for the events it speaks of (all events when it names none)."""
    events = [view.events[e] for e in (context.events if context.events is not None else view.events)
              if e in view.events]
    return context.parts - set().union(*(e.names for e in events)) if events else context.parts


def records_phrase(view: BaseView, shown: Sequence[Record], scope: Sequence[Record]) -> str:
    """'the article, citing X (footnote 2), gives 85.64 % for the 2020 turnout; Wikipedia gives 85.69 %'."""
    phrases = []
    for fact in dict.fromkeys(r.fact for r in shown):
        own = [r for r in scope if r.fact is fact and r.better is None]
        better = [r for r in scope if r.fact is fact and r.better is not None]
        first = (own or better)[0]
        label = _record_label(view, fact, first.measure)
        text = ""
        if own:
            approx = "approximately " if own[0].approximate else ""
            text = f"{view.source_phrase(fact)}, gives {approx}{_value_text(own[0])} for {label}"
        for record in better:
            assert record.better is not None
            note = f" ({record.better.note})" if record.better.note else ""
            joiner = "; " if text else ""
            text += f"{joiner}{view.outlet(record.better.source)} gives {_value_text(record)}{note}"
        phrases.append(text)
    return "; ".join(phrases)


def _record_label(view: BaseView, fact: Fact, measure: str) -> str:
    event = view.events.get(fact.event)
    year = min(event.years) if event is not None and event.years else None
    return f"the {year} {measure}" if year else f"the {measure}"


def other_measure(view: BaseView, figure: Figure, measures: Sequence[str], context: FigureContext) -> str:
    """What the claimed figure really was, when it is another measure's ("43.3 % was the 2018 yes share")."""
    if figure.in_words or figure.comparator != "eq":
        return ""
    low, high = agreement_bounds(figure, approximate=True)
    for record in view.records_near(low, high):
        if record.measure in measures or record.unit != ("percent" if figure.percent else record.unit):
            continue
        if context.events is not None and record.fact.event not in context.events:
            continue
        if agrees(figure, record.value, source_approximate=record.approximate):
            return _record_label(view, record.fact, record.measure)
    return ""


def _value_text(record: Record) -> str:
    number = f"{record.value:g}" if record.value != int(record.value) else str(int(record.value))
    return f"{number} %" if record.unit == "percent" else f"{number}"


def figure_text(figure: Figure) -> str:
    if figure.in_words:
        return figure.text
    hedge = {"approx": "about ", "gt": "more than ", "ge": "at least ", "lt": "less than ", "le": "at most "}
    number = f"{figure.value:.{figure.decimals}f}" if figure.decimals >= 0 else f"{figure.value:,.0f}"
    return hedge.get(figure.comparator, "") + number + (" %" if figure.percent else "")
