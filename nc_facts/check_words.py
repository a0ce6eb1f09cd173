"""How well a fact's words cover a sentence: the gate before any part of it is compared.

A sentence is about a fact only when the fact (its claim, quote, names and
labels, or those with one of its caveats) meets nearly every content word of
the sentence and every name in it.  Words are compared as Snowball lemmas,
through groups of general English words that say the same thing in news
prose, and by a long shared beginning ("discovered"/"discovery"); short words
never meet by their beginning ("again" is not "against").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from .evidence import BaseView, terms_of
from .language import (
    SPEECH_VERBS,
    STANCE_AGAINST,
    STANCE_FOR,
    digits_for_number_words,
    lemma,
    month_numbers,
    negations_as_not,
    weekday_names,
)
from .model import Caveat, Fact
from .names import Mention
from .text import STOPWORDS, fold, normalize

COVERAGE_WITH_STRUCTURE = 0.7  # share of content words a fact must meet when a figure or date is compared
COVERAGE_TEXT_ONLY = 0.8  # ... when only words are compared
COVERAGE_NEAR_BEST = 0.1  # facts this close to the best coverage are equally good readings
PREFIX_MIN = 6  # a shared beginning this long, and most of the shorter word, meets

# Words that carry nothing the comparison of figures, dates and names does not already handle, and the light
# words of English that paraphrase leaves behind ("took its name", "made the case", "still needed").
_IGNORED_WORDS = """percent per cent pct pour about around approximately approx roughly nearly almost some just more
    less least most than over under above below exceeding only also all both close circa environ majority minority
    half third thirds quarter quarters fifth tenth drew saw got recorded registered amounted stood came reached total
    figure people mr mrs ms dr new not never no nor neither fully fewer mere merely still even later earlier ago
    again already yet so very much many several various own old such same other another any every each case
    take took taken takes make made makes up put get got gets come go went gone give gave given keep kept seen seem
    stay stayed stays remain remained remains try tried tries attempt attempted
    overwhelmingly overwhelming narrowly narrow strongly heavily massively decisively resoundingly clearly
    two three four five quarters thirds fifths tenths although though whereas while despite
    le la les de des du au aux et en un une est etait etaient ete par sur dans qui que ont il elle""".split()
IGNORED = frozenset(lemma(w) for w in _IGNORED_WORDS) | frozenset(_IGNORED_WORDS)

# Groups of general English words that say the same thing in news prose (no names of any base).
_SYNONYM_GROUPS = (
    "found founded establish established create created set launch launched form formed",
    "annex annexed annexation possession colonise colonised colonize colonized seize seized claim",
    "discover discovered discovery sight sighted sighting reach reached arrive arrived visit visited eyes",
    "agreement accord deal pact treaty memorandum text",
    "condemn condemned condemnation censure denounce denounced",
    "referendum vote ballot poll plebiscite",
    "say said says state stated statement declare declared assert asserted announce announced",
    "accuse accused allege alleged allegation claim charge blame suggestion",
    "deny denied denial reject rejected dismiss dismissed",
    "protest riot unrest uprising demonstration violence crisis incident",
    "turnout participation",
    "independence sovereignty",
    "support back backing endorse favour favor",
    "withdraw withdrawal pull",
    "drop fall fell decline plunge decrease",
    "rise rose increase grow grew climb",
    "hold held organise organised organize organized stage staged occur occurred happen happened",
    "explorer navigator",
    "senate senator",
    "inflame escalate fuel fuelled fueled stoke stir tension",
    "erupt broke break begin began begun start started",
    "postpone postponement delay defer",
    "pledge promise vow commit",
    "sign signed ink inked conclude",
    "bill law legislation reform amendment",
    "resident inhabitant",
    "say tell told",
    "work try seek sought strive",
    "shape influence sway",
    "inform tell",
    "win won secure",
    "draft provisional",
    "rights right",
    "parliament assembly legislature congress",
    "government executive administration",
    "election elections vote",
    "people population public",
    "constitution constitutional",
    "involve involved involvement hand role",
    "pass passed approve approved adopt adopted enact enacted",
    "ask asked request requested call called demand demanded",
    "party parties ally allies group groups movement",
    "meddle meddling interfere interference sway influence",
    "island islands archipelago",
    "eligible registered electorate",
    "struck strike reach reached",
    "bind binding",
    "impose imposed apply applied invoke invoked enforce enforced trigger triggered",
    "threshold require required requirement minimum",
)


def _group_lemmas(group: str) -> frozenset[str]:
    return frozenset(lemma(w) for w in group.split())


SYNONYMS: dict[str, frozenset[str]] = {}
for _group in _SYNONYM_GROUPS:
    _lemmas = _group_lemmas(_group)
    for _word in _lemmas:
        SYNONYMS[_word] = SYNONYMS.get(_word, frozenset()) | _lemmas

# Pairs of groups of general English words that say the opposite of each other in news prose: a sentence's
# word that a fact does not meet, where the fact has its opposite, is contradicted rather than paraphrased.
_OPPOSITE_GROUPS = (
    ("increase increased increases rise rose risen rises grow grew grown grows climb climbed gain gained jump "
     "jumped", "decrease decreased decreases fall fell fallen falls drop dropped drops decline declined shrink "
     "shrank slip slipped plunge plunged"),
    ("win won wins victory victorious", "lose lost loses defeat defeated"),
    ("join joined joins joining enter entered", "leave left leaves leaving exit exited quit"),
    ("start started starts begin began begun begins launch launched", "end ended ends finish finished stop "
     "stopped close closed"),
    ("open opened opens", "close closed closes shut"),
    ("uphold upheld upholds confirm confirmed", "overturn overturned annul annulled void voided strike struck "
     "quash quashed invalidate invalidated"),
    ("lift lifted lifts", "impose imposed imposes"),
    ("expand expanded expands extend extended widen widened strengthen strengthened", "reduce reduced reduces "
     "curtail curtailed narrow narrowed weaken weakened restrict restricted"),
    ("accept accepted accepts approve approved approves ratify ratified adopt adopted pass passed", "reject "
     "rejected rejects refuse refused block blocked veto vetoed"),
    ("allow allowed allows permit permitted lets let enable enabled", "ban banned bans bar barred bars forbid "
     "forbade prohibit prohibited prevent prevented"),
    ("credit credited credits", "blame blamed blames"),
    ("success successful succeed succeeded", "failure failed fail fails unsuccessful"),
    ("legal lawful legally", "illegal unlawful illegally"),
    ("include included includes", "exclude excluded excludes"),
    ("acquit acquitted", "convict convicted"),
    ("highest largest biggest greatest most maximum", "lowest smallest least fewest minimum"),
    ("first earliest", "last latest final"),
    ("best", "worst"),
)


def _opposites() -> dict[str, frozenset[str]]:
    found: dict[str, frozenset[str]] = {}
    for one, other in _OPPOSITE_GROUPS:
        ones, others = _group_lemmas(one), _group_lemmas(other)
        for word in ones:
            found[word] = found.get(word, frozenset()) | others
        for word in others:
            found[word] = found.get(word, frozenset()) | ones
    return found


OPPOSITES = _opposites()


def opposite_in(term: str, words: frozenset[str]) -> str | None:
    """The word of ``words`` that says the opposite of ``term`` ("fell" of "rose"), if any."""
    return next((w for w in sorted(OPPOSITES.get(term, ())) if w in words), None)


_SPEECH = frozenset(lemma(w) for w in SPEECH_VERBS)
_STANCE = frozenset(lemma(w) for w in STANCE_FOR | STANCE_AGAINST)


def term_met(term: str, words: frozenset[str]) -> bool:
    """A sentence word meets a fact's words: the same lemma, a word of its group, or a long shared beginning."""
    if term in words:
        return True
    synonyms = SYNONYMS.get(term)
    if synonyms is not None and not words.isdisjoint(synonyms):
        return True
    if len(term) < PREFIX_MIN:
        return False
    for word in _by_beginning(words).get(term[:PREFIX_MIN], ()):
        shared = _common_prefix(term, word)
        if shared >= 0.75 * min(len(term), len(word)):
            return True
    return False


@lru_cache(maxsize=4096)
def _by_beginning(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The long words of a set by their first letters: a sentence word is compared with a few, not all."""
    found: dict[str, list[str]] = {}
    for word in words:
        if len(word) >= PREFIX_MIN:
            found.setdefault(word[:PREFIX_MIN], []).append(word)
    return {beginning: tuple(group) for beginning, group in found.items()}


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class Coverage(NamedTuple):
    """How one reading of a fact (alone, or with one of its caveats) covers a sentence."""

    fact: Fact
    share: float
    matched: list[str]
    unmatched: list[str]
    foreign_names: list[str]
    caveat: Caveat | None = None


def sentence_terms(text: str, *, skip: Iterable[str] = ()) -> list[str]:
    """The content words a fact must meet: no hedges, light words, month or weekday names."""
    calendar_words = frozenset(month_numbers()) | weekday_names()
    skipped = frozenset(skip)
    terms: list[str] = []
    for term in terms_of(digits_for_number_words(normalize(text)), calendar_words):
        if term in IGNORED or term in skipped or term in terms:
            continue
        terms.append(term)
    return terms


_PAST = re.compile(r"\b[a-z]{3,}ed\b")
_AUXILIARY_PAST = frozenset({"need", "used", "based", "aged", "called", "named", "listed", "seed", "speed", "feed",
                             "reed", "bred", "shed", "united", "limited"})


def predicate_terms(text: str) -> set[str]:
    """The lemmas of a sentence's verbs in the past ("was rigged", "resigned"): what it says happened.

    A fact that covers a sentence must meet them; a paraphrase may leave other words unmet, not the event.
    """
    return {lemma(w) for w in _PAST.findall(text) if w not in _AUXILIARY_PAST} - IGNORED


def is_function_word(word: str) -> bool:
    """A folded word of the closed classes that names nothing even when capitalised ("Some", "Most", "Nearly")."""
    return word in STOPWORDS or word in IGNORED or lemma(word) in IGNORED or word in _FUNCTION_OPENERS


def ordinary_opener(view: BaseView, word: str) -> bool:
    """A capitalised folded word opening a sentence that names nothing: a word of English or of the base's prose."""
    term = lemma(word)
    # A word of the base's prose, unless the base writes it only as a name (evidence.name_words_of).
    return is_function_word(word) or (view.knows(term) and term not in view.parts.name_words)


def capitalised_words(text: str, view: BaseView, mentions: Sequence[Mention]) -> set[str]:
    """Lemmas of capitalised words that are no name the base knows: each must be met, like a name."""
    inside = {fold(w) for m in mentions for w in re.findall(r"[^\W\d_]+", m.text)}
    calendar = frozenset(month_numbers()) | weekday_names()
    found: set[str] = set()
    for match in re.finditer(r"(?<![\w'’])([A-Z][^\W\d_]+)", text):
        word = fold(match.group(1))
        if word in inside or word in STOPWORDS or word in IGNORED or lemma(word) in IGNORED or word in calendar:
            continue
        term = lemma(word)
        if digits_for_number_words(word) != word:
            continue  # "Sixty-one per cent": a number, not a name
        # A capitalised word after a full stop or at the start is a name only when the base never writes it as an
        # ordinary word ("Wales" in "Princess of Wales" is still a name).
        opens = not text[: match.start()].strip() or text[: match.start()].rstrip()[-1:] in ".:;!?\"“‘("
        if opens and ordinary_opener(view, word):
            continue
        found.add(term)
    return found


# Words that open sentences in capitals without naming anything.
_FUNCTION_OPENERS = frozenset(
    "in on at after before during since when while although though if as but and or yet so because however "
    "some many most few all both each every no none nearly almost about around close more fewer less over under "
    "only just fully final official officially".split()
)


class SentenceWords(NamedTuple):
    """What each candidate fact must meet of one sentence, worked out once for all of them."""

    terms: tuple[str, ...]  # the content words
    must: tuple[str, ...]  # capitalised words no name the base knows stands for, in order
    names: frozenset[str]  # the entities the sentence names
    named: Mapping[str, frozenset[str]]  # each word of a name the sentence uses, with the entities it names
    content: int  # how many of the terms are no word of a name the sentence uses

    @classmethod
    def of(cls, terms: Sequence[str], must: Iterable[str], names: Iterable[str],
           named: Mapping[str, frozenset[str]] | None = None) -> SentenceWords:
        named = named or {}
        return cls(tuple(terms), tuple(sorted(must)), frozenset(names), named,
                   sum(1 for t in terms if t not in named))


def coverage(view: BaseView, fact: Fact, sentence: SentenceWords) -> Coverage:
    """The best reading of a fact for a sentence: its own words, or its own words with one caveat's.

    A word of a name the sentence uses (``named``) is met when the fact names that entity, by any of its names.
    """
    place = view.place(fact.id)
    held, own = view.fact_names.at(place), view.words.at(place).own
    named_held = frozenset(t for t, keys in sentence.named.items() if keys & held)
    # A word meets a union of words when it meets one of them, so each word is compared with the fact's own
    # words once, and a caveat's reading compares only the words its own did not meet with the caveat's.
    met = {t: term_met(t, own) or (bool(named_held) and term_met(t, named_held))
           for t in (*sentence.terms, *sentence.must)}
    kinds = _Kinds(not own.isdisjoint(_SPEECH) or not named_held.isdisjoint(_SPEECH) or bool(fact.claimant),
                   not own.isdisjoint(_STANCE) or not named_held.isdisjoint(_STANCE))
    foreign_keys = sorted(k for k in sentence.names if not holds(view, held, k))
    best = _cover(fact, met, kinds, sentence, foreign_keys, None)
    for caveat in fact.caveats:
        words = lemmas_of(caveat.text)
        newly = [t for t, was in met.items() if not was and term_met(t, words)]
        kinds_too = _Kinds(kinds.speech or not words.isdisjoint(_SPEECH), kinds.stance or not words.isdisjoint(_STANCE))
        if not newly and kinds_too == kinds:
            continue  # the caveat meets nothing more of the sentence: its reading is the fact's own
        reading = _cover(fact, {**met, **dict.fromkeys(newly, True)}, kinds_too, sentence, foreign_keys, caveat)
        if (reading.share, -len(reading.foreign_names)) > (best.share, -len(best.foreign_names)):
            best = reading
    return best


@lru_cache(maxsize=4096)
def lemmas_of(text: str) -> frozenset[str]:
    """The set of a text's content words (``terms_of``)."""
    # Remembered: a sentence is read so by several rules, and the same caveats for sentence after sentence.
    return frozenset(terms_of(text))


class _Kinds(NamedTuple):
    """Whether a reading's words hold a speech act and a stance."""

    speech: bool
    stance: bool


def _cover(fact: Fact, met: Mapping[str, bool], kinds: _Kinds, sentence: SentenceWords, foreign_keys: list[str],
           caveat: Caveat | None) -> Coverage:
    matched: list[str] = []
    unmatched: list[str] = []
    content_met = 0
    for term in sentence.terms:
        # A speech act or a stance is compared as such later: any word of its kind meets here.
        if met[term] or (kinds.speech and term in _SPEECH) or (kinds.stance and term in _STANCE):
            matched.append(term)
            content_met += term not in sentence.named
        else:
            unmatched.append(term)
    foreign_names = [t for t in sentence.must if not met[t]] + foreign_keys
    share = len(matched) / len(sentence.terms) if sentence.terms else 1.0
    # Names are checked as names: a reading must also meet at least half of the other words, so that a sentence
    # of names and one unmet verb ("the Baku Initiative Group is funded by the Azerbaijani government") is not
    # covered by its names.
    if sentence.content and 2 * content_met < sentence.content:
        share = min(share, 0.5)
    return Coverage(fact, share, matched, unmatched, foreign_names, caveat)


def holds(view: BaseView, held: frozenset[str], key: str) -> bool:
    """A fact holds a name the sentence uses: the same entity, or the whole a part stands for ("Paris agreed")."""
    return key in held or view.names.whole(key) in held


def good_readings(covers: Sequence[Coverage], floor: float, required: Iterable[str] = ()) -> list[Coverage]:
    """The readings that cover the sentence: nearly every word and every name.

    Where some of them also meet every word in ``required`` (the sentence's verbs), only those: "the count was
    rigged" is about the fact that speaks of rigging, not the one that dates the count.
    """
    needed = frozenset(required)
    good = [c for c in covers if c.share >= floor and not c.foreign_names and len(c.matched) >= 2]
    meeting = [c for c in good if not needed & set(c.unmatched)]
    good = meeting or good
    if not good:
        return []
    best = max(c.share for c in good)
    return [c for c in good if c.share >= best - COVERAGE_NEAR_BEST]


# "No" negates the noun after it ("no referendum had taken place"), not a vote ("said no to", "voted no").
_NO_NOUN = (r"(?<!said )(?<!say )(?<!says )(?<!voted )(?<!vote )(?<!votes )\bno\b"
            r"(?!\s+(?:to|longer|later|more|less|fewer|share|votes?|side|camp)\b)")
_NEGATED_SPAN = re.compile(rf"(?:\b(?:not|never|no longer|n't|nor|non)\b|{_NO_NOUN})((?:[\s-]+[\w']+){{1,6}})")
_NEGATION = re.compile(rf"\b(?:not|never|no longer|neither|nor|non)\b|n't\b|{_NO_NOUN}")


def _negations_spelt_out(text: str) -> str:
    """Folded text with every negation a separate "not": "didn't", "fell short of"."""
    return negations_as_not(fold(text).replace("n't", " not"))


def negated_terms(text: str) -> set[str]:
    """The words a negation governs: "is not a French territory" -> {french, territory}."""
    normalized = _negations_spelt_out(text)
    return {term for match in _NEGATED_SPAN.finditer(normalized) for term in terms_of(match.group(1))
            if term not in IGNORED}


# Words a negation passes through to what it denies: "does not mean that New Caledonia is separating".
# So do the words of ability or degree: "have not been sufficient to achieve independence" denies achieving it.
_NOT_HEADS = frozenset(lemma(w) for w in "mean imply necessarily itself say suggest sufficient enough able yet "
                       "managed succeeded".split())


def negated_heads(text: str) -> set[str]:
    """The first content word each negation governs: what it denies ("not of Polynesian origin": polynesian)."""
    normalized = _negations_spelt_out(text)
    heads = set()
    for match in _NEGATED_SPAN.finditer(normalized):
        terms = [t for t in terms_of(match.group(1)) if t not in IGNORED and t not in _NOT_HEADS]
        if terms:
            heads.add(terms[0])
    return heads


def is_negated(text: str) -> bool:
    return bool(_NEGATION.search(negations_as_not(fold(text))))
