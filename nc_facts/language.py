"""General English (and some French) language the claim checker reads with, from well-kept libraries.

Nothing here belongs to one fact base: names of people, places and events
come from the base (``nc_facts.names``).  Stems come from the Snowball
English stemmer, spelled-out numbers from text2num, month and weekday names
from the standard calendar (English) and Babel's CLDR data (French).  The
word classes below (speech acts, modal words) are closed classes of English
grammar, not vocabulary of a subject.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

import snowballstemmer
from text_to_num import alpha2digit

from .cldr import cldr_table

_ENGLISH = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The Snowball stem of a folded word: 'voted', 'votes', 'voting' -> 'vote'; numbers unchanged."""
    if not word or word[0].isdigit():
        return word
    return str(_ENGLISH.stemWord(word))


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Month names and abbreviations, English and French, folded: 'nov' -> 11, 'aout' -> 8."""
    from .text import fold

    names: dict[str, int] = {}
    for number in range(1, 13):
        for name in (calendar.month_name[number], calendar.month_abbr[number]):
            names[fold(name)] = number
    for name, number in cldr_table("french_months").items():
        names[fold(name).rstrip(".")] = int(number)
    names["sept"] = 9  # "Sept." is as common in English news as "Sep"
    return names


@lru_cache(maxsize=1)
def weekday_names() -> frozenset[str]:
    from .text import fold

    days = {fold(name) for name in calendar.day_name} | {fold(name) for name in calendar.day_abbr}
    days |= {fold(name) for name in cldr_table("french_days")}
    return frozenset(days)


# Fractions said in words; text2num reads "third" as an ordinal, so these are read before it.
FRACTION_WORDS: dict[str, float] = {
    "three quarters": 75.0, "three-quarters": 75.0, "two thirds": 200 / 3, "two-thirds": 200 / 3,
    "half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3, "a quarter": 25.0,
    "one quarter": 25.0, "a fifth": 20.0, "one fifth": 20.0, "a tenth": 10.0, "one tenth": 10.0,
}
_FRACTION_SPAN = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(f) for f in FRACTION_WORDS), key=len, reverse=True)) + r")\b"
)
_ORDINAL_WORDS = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b")


def digits_for_number_words(normalized: str) -> str:
    """Spelled-out numbers as digits ('fifty-seven per cent' -> '57 per cent'); fractions and ordinals kept."""
    if not re.search(r"[a-z]", normalized):
        return normalized
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group())
        return f"\x00{len(kept) - 1}\x00"

    masked = _ORDINAL_WORDS.sub(keep, _FRACTION_SPAN.sub(keep, normalized))
    # text2num takes only what UTF-8 can hold; a lone surrogate (argument bytes that were not UTF-8) becomes "?".
    converted = alpha2digit(masked.encode("utf-8", "replace").decode("utf-8"), "en")
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], converted)


# Speech acts: what an attributed sentence says its speaker did.
ASSERT, DENY, ADMIT = "assert", "deny", "admit"
_SPEECH_VERBS: dict[str, str] = {}
for _act, _verbs in (
    (ASSERT, "say said says claim claims claimed claiming allege alleges alleged alleging accuse accuses accused "
             "accusing charge charged charges blame blamed blames argue argued argues insist insisted insists assert "
             "asserted asserts state stated states declare declared declares maintain maintained maintains warn "
             "warned warns tell told tells announce announced announces contend contended suggest suggested "
             "suggests pledge pledged pledges promise promised promises vow vowed vows"),
    (DENY, "deny denied denies denying reject rejected rejects rejecting dismiss dismissed dismisses dismissing "
           "refute refuted refutes rebut rebutted rebuff rebuffed disputed disputes dispute"),
    (ADMIT, "admit admitted admits admitting acknowledge acknowledged acknowledges concede conceded concedes "
            "confirm confirmed confirms"),
):
    for _verb in _verbs.split():
        _SPEECH_VERBS[_verb] = _act
SPEECH_VERBS: dict[str, str] = _SPEECH_VERBS

# A stance taken on something: welcoming it or opposing it.
STANCE_FOR = frozenset(
    "welcome welcomed welcomes welcoming back backed backs backing support supported supports supporting endorse "
    "endorsed endorses praise praised praises hail hailed hails applaud applauded applauds approve approved "
    "approves favour favoured favor favored agree agreed agrees accept accepted accepts acknowledge acknowledged "
    "acknowledges recognise recognised recognises recognize recognized recognizes sign signed signs ratify "
    "ratified ratifies".split()
)
STANCE_AGAINST = frozenset(
    "oppose opposed opposes opposing condemn condemned condemns condemning denounce denounced denounces criticise "
    "criticised criticises criticize criticized criticizes protest protested protests object objected objects "
    "reject rejected rejects rejecting refuse refused refuses decline declined declines".split()
)

# Verbs that deny what follows them as "not" does: "stopped short of calling for a force" did not call for one.
_NEGATING_VERBS = re.compile(r"\b(?:(?:stop(?:s|ped|ping)?|f(?:all|alls|ell|allen|alling)) short of|"
                             r"fail(?:s|ed|ing)? to|refrain(?:s|ed|ing)? from)\b")


def negations_as_not(folded: str) -> str:
    """Folded text with each verb that denies what follows it written "not" ("fell short of winning": "not winning")."""
    return _NEGATING_VERBS.sub("not", folded)


# Words that make a sentence a view, a wish or a guess rather than a statement of fact.
# ("would", "could" and "may" describe as often as they opine: "the bill would have opened ..." is checkable.)
# ("will" states a plan or a provision as often as a guess: "under the agreement, X will become ..." is checked.)
MODAL_WORDS = frozenset("must should ought cannot can't shouldn't mustn't".split())
OPINION_OPENERS = (
    "i think", "i believe", "i feel", "in my view", "in my opinion", "we think", "we believe", "we must",
    "let us", "let's", "it is time", "it's time", "surely", "perhaps", "maybe", "arguably", "hopefully",
)
# Words that judge an act, not report it: "Paris was wrong to refuse" is a view of the refusal.
JUDGEMENT_WORDS = frozenset(
    "wrong right mistaken foolish unwise wise justified unjustified irresponsible reckless naive brave courageous "
    "cowardly shameful disgraceful stupid clever smart".split()
)
JUDGEMENT_NOUNS = frozenset("mistake error blunder disgrace shame".split())
QUESTION_OPENERS = frozenset(
    "who what when where why how which whose whom is are was were do does did can could will would should has "
    "have had".split()
)
# Verbs that open an imperative ("Consider ...", "Remember that ..."): the base form at the start of a sentence.
IMPERATIVE_OPENERS = frozenset(
    "consider remember note imagine look see think ask check read compare read take let stop start "
    "make".split()
)

# What a referendum asks: the sides a vote is for or against, in general political English.
BALLOT_WORDS = frozenset(
    "yes no independence independent secession sovereignty membership leave remain union autonomy statehood "
    "separation republic monarchy accession withdrawal".split()
)
