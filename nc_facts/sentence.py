"""What kind of sentence a claim is, and who it says said what.

A fact-checker only judges assertions.  Questions, headings, imperatives and
views (modal or opinion sentences) are read here and set aside before any
comparison; so is the attribution of an assertion to a speaker ("Baku says
...", "according to the minister, ..."), which the checker compares with the
claimant and the kind of the facts (an allegation, a denial).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .language import (
    ADMIT,
    ASSERT,
    DENY,
    IMPERATIVE_OPENERS,
    JUDGEMENT_NOUNS,
    JUDGEMENT_WORDS,
    MODAL_WORDS,
    OPINION_OPENERS,
    SPEECH_VERBS,
    STANCE_AGAINST,
    STANCE_FOR,
)
from .names import NameTable
from .text import fold

CLAIM, QUESTION, HEADING, OPINION, IMPERATIVE = "claim", "question", "heading", "opinion", "imperative"
KIND_REASONS = {
    QUESTION: "a question, not a claim",
    HEADING: "a heading, not a claim (end it with a full stop to check it as one)",
    OPINION: "a view or a prediction (a modal or opinion word), not a statement of fact",
    IMPERATIVE: "an instruction, not a claim",
}
_TERMINAL = re.compile(r"[.!…]['\"”’)\]]*\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_HEADING_MARK = re.compile(r"^\s*(?:#{1,6}\s|=+\s*$|-{3,}\s*$)")
_DIGIT = re.compile(r"\d")


def sentence_kind(text: str) -> str:
    """CLAIM, or why the sentence is not one: QUESTION, HEADING, OPINION or IMPERATIVE."""
    stripped = text.strip()
    if stripped.endswith("?") or stripped.endswith("?”") or stripped.endswith('?"'):
        return QUESTION
    if _HEADING_MARK.match(stripped) or _reads_as_heading(stripped):
        return HEADING
    words = [fold(w) for w in _WORD.findall(stripped)]
    if not words:
        return HEADING
    lowered = " ".join(words)
    if any(lowered.startswith(opener) for opener in OPINION_OPENERS) or _view_in_main_clause(words):
        return OPINION
    if words[0] in IMPERATIVE_OPENERS and stripped[:1].isupper() and len(words) > 1 and words[1] not in ("was", "is"):
        return IMPERATIVE
    return CLAIM


def _reads_as_heading(text: str) -> bool:
    """No closing full stop, and the shape of a title: a colon or dash, Title Case, or a few words without a figure."""
    if _TERMINAL.search(text):
        return False
    words = _WORD.findall(text)
    if ":" in text or " – " in text or " — " in text:
        return True
    long_words = [w for w in words if len(w) > 3]
    if long_words and all(w[:1].isupper() for w in long_words) and len(words) >= 3:
        return True
    return len(words) <= 6 and not _DIGIT.search(text)


def _view_in_main_clause(words: list[str]) -> bool:
    """A modal ("France must confront ...") or a judgement of an act ("Paris was wrong to refuse ...") before
    any speech verb or "that": "Azerbaijan said it will inform ..." and "63.5 % agreed that it should have tax
    powers" report a view."""
    for at, word in enumerate(words):
        if word in SPEECH_VERBS or word in _SUBORDINATORS:
            return False
        if word in MODAL_WORDS or (word in _BE and _judges_an_act(words[at + 1:at + 4])):
            return True
    return False


_BE = frozenset("is are was were be been".split())


def _judges_an_act(after: list[str]) -> bool:
    """The words after a form of "be" judge what follows: "wrong to", "a mistake to"."""
    if after[:1] and after[0] in JUDGEMENT_WORDS:
        return after[1:2] == ["to"]
    return len(after) == 3 and after[0] in ("a", "an") and after[1] in JUDGEMENT_NOUNS and after[2] == "to"


# Words that open a clause inside the sentence: a modal after them is not the main clause's.
_SUBORDINATORS = frozenset("that whether".split())


class Attribution(NamedTuple):
    """"Baku says it backs ...": the speaker's names, the speech act, and the words of what was said."""

    act: str  # ASSERT, DENY or ADMIT
    verb: str
    speakers: frozenset[str]  # entity keys of the speaker
    speaker_words: tuple[str, ...]  # the words naming the speaker ("defence minister")
    content: str  # what the speaker is said to have said
    accused: frozenset[str] = frozenset()  # "accuses France of ...": France
    negated: bool = False  # "did not deny"


_ACCORDING = re.compile(r"\b(?:according to|selon)\s+(?P<who>[^,]+),?\s*(?P<rest>.*)$", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)


def read_attribution(text: str, names: NameTable) -> Attribution | None:
    """The attribution of a sentence, where it reports what someone said, denied or admitted."""
    according = _ACCORDING.search(text)
    if according:
        who = according.group("who")
        return Attribution(ASSERT, "according to", frozenset(_speaker_keys(who, names)), _plain_words(who),
                           according.group("rest") or text[: according.start()])
    tokens = list(_TOKEN.finditer(text))
    for index, token in enumerate(tokens):
        verb = fold(token.group())
        act = SPEECH_VERBS.get(verb)
        if act is None or index == 0:
            continue
        following = {fold(t.group()) for t in tokens[index + 1:index + 6]}
        if verb in ("said", "say", "says") and index + 1 < len(tokens) and fold(tokens[index + 1].group()) in (
                "yes", "no") and fold(tokens[index + 2].group() if index + 2 < len(tokens) else "to") == "to":
            continue  # "Scots said no to independence" is a vote
        if verb.startswith(_OBJECT_VERBS) and not following & _SPEECH_OBJECTS:
            continue  # "rejected independence" is a vote; "rejected the claims" a denial
        before = text[: token.start()]
        content = text[token.end():].strip()
        passive = _PASSIVE_BY.match(content) if _PASSIVE_BEFORE.search(before) else None
        if passive:
            # "Azerbaijan was accused by France of ...": France speaks, Azerbaijan is accused.
            speaker_text, content = passive.group("who"), passive.group("rest")
            accused = frozenset(names.whole(m.key) for m in names.mentions(before))
        else:
            speaker_text = _speaker_phrase(before)
            accused = frozenset()
        speakers = _speaker_keys(speaker_text, names)
        if not speakers and not _plain_words(speaker_text):
            continue
        if not passive and verb.startswith(("accus", "blam", "charg")):
            object_text = re.split(r"\b(?:of|for|over)\b", content, maxsplit=1)[0]
            accused = frozenset(names.whole(m.key) for m in names.mentions(object_text))
        negated = bool(_NEGATED_VERB.search(before))
        return Attribution(act, verb, frozenset(speakers), _plain_words(speaker_text), content, accused, negated)
    return _attribution_by_noun(text, names)


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|has been|have been)\s+(?:\w+ly\s+)?$")
_PASSIVE_BY = re.compile(r"^by\s+(?P<who>.+?)(?:\s+(?P<rest>(?:of|that|for|over)\b.*))?$")
_NEGATED_VERB = re.compile(r"\b(?:not|never|n't)\s+(?:\w+ly\s+)?$")

# Verbs that are speech acts only with a statement as their object.
_OBJECT_VERBS = ("reject", "dismiss", "disput", "refut", "rebuff", "confirm", "back", "announc", "declar")
_SPEECH_OBJECTS = frozenset(
    "that claim claims allegation allegations accusation accusations suggestion suggestions charge charges report "
    "reports idea notion as any it this".split()
)
_SPEECH_NOUNS = {"accusation": ASSERT, "accusations": ASSERT, "allegation": ASSERT, "allegations": ASSERT,
                 "claim": ASSERT, "claims": ASSERT, "denial": DENY, "denials": DENY, "admission": ADMIT}
_NOUN_ACT = re.compile(r"\b(?:made|make|makes|issued|repeated|levelled|leveled)\s+(?:his|her|their|its|the|an?)\s+"
                       r"(?P<noun>accusations?|allegations?|claims?|denials?|admission)\b", re.IGNORECASE)


def _attribution_by_noun(text: str, names: NameTable) -> Attribution | None:
    """"The minister made his accusation against Azerbaijan": a speech act said as a noun."""
    match = _NOUN_ACT.search(text)
    if match is None:
        return None
    speaker_text = _speaker_phrase(text[: match.start()])
    act = _SPEECH_NOUNS[fold(match.group("noun"))]
    return Attribution(act, fold(match.group("noun")), frozenset(_speaker_keys(speaker_text, names)),
                       _plain_words(speaker_text), text[match.end():].strip())


def _speaker_phrase(before: str) -> str:
    # The speaker is the last noun phrase before the verb: after the last comma or clause word.
    parts = re.split(r",|;|\bthat\b|\bwhich\b|\bwho\b", before)
    phrase = parts[-1] if parts[-1].strip() else (parts[-2] if len(parts) > 1 else "")
    return re.sub(r"\b(?:has|have|had|was|were|is|are|also|again|strongly|publicly|repeatedly|later|then|"
                  r"formally|firmly|flatly|swiftly|quickly|not|never|always)\b", " ", phrase)


def _speaker_keys(speaker_text: str, names: NameTable) -> set[str]:
    keys = set()
    for mention in names.mentions(speaker_text):
        keys.add(mention.key)
        keys.add(names.whole(mention.key))
    return keys


def _plain_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (fold(t) for t in _WORD.findall(text)) if w not in ("the", "a", "an", "s"))


_VOTING = r"\b(?:said|say|says|voted|vote|votes|voting)\s+"
_VOTE_STANCE = re.compile(_VOTING + r"(?P<side>yes|no)\b")
# For what a stance is taken on, a vote for or against something is one too ("the Senate voted for it").
_VOTE_STANCE_ANY_CASE = re.compile(_VOTING + r"(?P<side>yes|no|for|against|in favou?r of)\b", re.IGNORECASE)


def stance_words(text: str) -> list[str]:
    """The words of a text, a vote's "said no to" read as "rejected" and "voted yes" as "backed"."""
    text = _VOTE_STANCE.sub(lambda m: "rejected" if m.group("side") == "no" else "backed", fold(text))
    return _WORD.findall(text)


def stance_of(words: list[str]) -> str | None:
    """For or against, where a sentence takes a stance on something ("welcomed", "opposed").

    Only verbs take a stance: "support for independence rose" names support, it does not give it.
    """
    found = {"for" if words[index] in STANCE_FOR else "against" for index in _stance_verbs(words)}
    return found.pop() if len(found) == 1 else None


def _stance_verbs(words: list[str]) -> Iterator[int]:
    """Where the words take a stance: a stance word used as a verb (inflected, or after "to", "not", "they"...)."""
    for index, word in enumerate(words):
        if word not in STANCE_FOR and word not in STANCE_AGAINST:
            continue
        before = words[index - 1] if index else ""
        inflected = word.endswith(("ed", "es", "ing")) or (word.endswith("s") and not word.endswith("ss"))
        if inflected or before in _BEFORE_A_VERB:
            yield index


_BEFORE_A_VERB = frozenset("to not n't never will would could should must did does do they we i you also".split())
_PREPOSITIONS = frozenset("at in on by with from during after before since until for into over under of amid "
                          "without against despite".split())
_TARGET_BEFORE = 4  # words of what a stance is taken on, where they come before its verb
_DETERMINERS = frozenset("the a an its their his her our my your this that".split())
_PASSIVE_AUXILIARIES = frozenset("was were is are been be being".split())
# Where what a stance is taken on ends: a clause's punctuation, or a word that opens another clause; it is
# sought before the verb across a comma, not across a sentence's stop.
_STANCE_SENTENCE = re.compile(r"[;:.!?()]")
_STANCE_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|,")
_CLAUSE_WORDS = frozenset("and but while whereas because after before when which who".split())


class Stance(NamedTuple):
    """A stance a text takes: its side, its verb, the words of what it is taken on, and who takes it."""

    side: str  # "for" or "against"
    verb: str
    target: tuple[str, ...]  # its words, as written
    agent: str  # the words, as written, that name who takes it ("" where the text does not say)


@lru_cache(maxsize=4096)
def stance_targets(text: str) -> tuple[Stance, ...]:
    """Each stance a text takes, with what it is taken on and who takes it.

    "The Senate rejected the resolution": against, "rejected", ["the", "resolution"], by "The Senate". In the
    passive ("the plan was rejected by the FLNKS") and where no object follows ("the agreement, signed on 12
    July") it is taken on what the words before the verb name, across a comma, and by who follows "by".
    """
    found = []
    voted = _VOTE_STANCE_ANY_CASE.sub(
        lambda m: "rejected" if m.group("side").lower() in ("no", "against") else "backed", text)
    for sentence in _STANCE_SENTENCE.split(voted):
        tokens = _STANCE_TOKEN.findall(sentence)
        written = [t for t in tokens if t != ","]
        words = [fold(t) for t in written]
        ends, starts = _clause_bounds([fold(t) for t in tokens])
        verbs = list(_stance_verbs(words))
        for index in verbs:
            verb = words[index]
            before = words[index - 1] if index else ""
            if before in _DETERMINERS or (before in _PREPOSITIONS and not verb.endswith("ing")):
                continue  # "without the backing of", "during protests": a noun ("of supporting" is a verb's)
            passive = index > 0 and words[index - 1] in _PASSIVE_AUXILIARIES
            after = words[index + 1: ends[index]]
            # What the verb takes ends at a preposition ("rejected it in August", "the groups in New Caledonia")
            # or at a stance of its own ("rejected a resolution condemning Azerbaijan").
            object_end = index + 1 + next((i for i, w in enumerate(after) if i and (
                w in _PREPOSITIONS or index + 1 + i in verbs)), len(after))
            target, agent = written[index + 1: object_end], written[_agent_start(words, starts, index): index]
            if passive or not after or after[0] in _PREPOSITIONS:
                target = written[max(0, index - passive - _TARGET_BEFORE): index - passive]
                agent = written[index + 2 + after.index("by"): ends[index]] if "by" in after else []
            found.append(Stance("for" if verb in STANCE_FOR else "against", written[index], tuple(target),
                                " ".join(agent)))
    return tuple(found)


def _clause_bounds(tokens: list[str]) -> tuple[list[int], list[int]]:
    """For each word of the tokens, the indexes (among the words) where its clause ends and where it starts."""
    bounds: list[int] = []
    count = 0
    for token in tokens:
        if token == "," or token in _CLAUSE_WORDS:
            bounds.append(count)
        count += token != ","
    ends = [*bounds, count]
    starts = [0, *bounds]
    return ([ends[bisect_right(ends, index)] for index in range(count)],
            [starts[bisect_right(starts, index) - 1] for index in range(count)])


def _agent_start(words: list[str], starts: list[int], index: int) -> int:
    """Where the words naming who takes the stance at ``index`` begin: its clause's start, or the clause's before
    where it opens with a relative pronoun ("the FLNKS, which welcomed the talks")."""
    start = starts[index]
    if words[start] in ("which", "who") and start > 0:
        return starts[start - 1]
    return start


def opposite_acts(claimed: str, held: str) -> bool:
    """The base holds the opposite act: the claim has a speaker deny what they asserted, or admit what they denied.

    (A claim that a speaker asserted what the base has them deny more often puts another's words in their
    mouth than it reverses them: that is not enough info, not a refutation.)
    """
    return (claimed, held) in ((DENY, ASSERT), (ADMIT, DENY), (DENY, ADMIT))

