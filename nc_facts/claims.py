"""Reading a sentence for what can be checked: figures, dates, vote polarity, measure, ordinals.

Everything works on ``text.normalize``-d text (folded case and accents,
decimal commas as points, no thousands separators), so "56,7 %" and
"56.7 per cent" read the same.  Positions are token-free character offsets in
that normalised text; they only serve to pair each figure with its nearest
measure word.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Literal, NamedTuple

from .dates import PartialDate
from .language import FRACTION_WORDS, digits_for_number_words, month_numbers, negations_as_not
from .text import normalize

Comparator = Literal["eq", "approx", "gt", "ge", "lt", "le"]
Measure = Literal["turnout", "yes share", "no share"]
Polarity = Literal["yes", "no"]

MONTH_NAMES: dict[str, int] = month_numbers()

_MONTH = "(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DATE_FORMS = (
    (re.compile(rf"\b(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})\s*,?\s*(?P<year>{_YEAR})\b"), "day"),
    (re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})\s*,\s*(?P<year>{_YEAR})\b"), "day"),
    (re.compile(rf"\b(?P<month>{_MONTH})\s*,?\s+(?:of\s+)?(?P<year>{_YEAR})\b"), "month"),
)
_LONE_YEAR = re.compile(rf"(?<![\d.])(?P<year>{_YEAR})(?!\d|\.\d|\s*(?:%|percent|per\s*cent|pour\s*cent))")

# How far each hedge lets a figure stray; "about 80" is approximate, "more than 50" is a bound.
_HEDGES: dict[str, Comparator] = {
    "about": "approx", "around": "approx", "approximately": "approx", "approx": "approx", "roughly": "approx",
    "nearly": "approx", "almost": "approx", "some": "approx", "close to": "approx", "circa": "approx",
    "environ": "approx", "pres de": "approx", "just over": "approx", "just under": "approx",
    "over": "gt", "more than": "gt", "above": "gt", "exceeding": "gt", "plus de": "gt", "upwards of": "gt",
    "at least": "ge", "under": "lt", "less than": "lt", "below": "lt", "fewer than": "lt", "moins de": "lt",
    "at most": "le", "no more than": "le",
}
_HEDGE = "|".join(sorted((re.escape(h) for h in _HEDGES), key=len, reverse=True))
_PERCENT = r"\s*(?:%|percent\b|per\s*cent\b|pct\b|pour\s*cent\b|pourcent\b)"
# "2.3 million" (which the number-word reader makes "2.3 1000000"): one figure, precise to 0.1 million.
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "1000": 1_000, "1000000": 1_000_000, "1000000000": 1_000_000_000}
_SCALE = "|".join(_SCALES)
_NUMBER_FIGURE = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s+)?(?<![\w.])(?P<number>\d+(?:\.\d+)?)(?![\d.]\d)"
    rf"(?:\s+(?P<scale>{_SCALE})\b(?![\d.]\d))?(?P<percent>{_PERCENT})?"
)
# Only a number below a thousand takes a scale ("in 1980 1000 people" is a year and a number).
_SCALED_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d+)?$")

# Fractions said in words stand for percentages; they are loose by nature.
FRACTIONS: dict[str, float] = FRACTION_WORDS
_FRACTION = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s+)?\b(?P<fraction>"
    + "|".join(sorted((re.escape(f) for f in FRACTIONS), key=len, reverse=True))
    + r")\b"
)
# A fraction is a share only where a share reads: "a third of", "half voted", "half." ("a third referendum" is none).
_SHARE_FOLLOWS = re.compile(
    r"\s+(?:of|voted|backed|said|supported|rejected|opposed|turned|went|cast|chose|favou?red|were|was|did)\b"
    r"|\s*[,.;:!?)]|\s*$"
)
# "a majority voted no": more than half.
_MAJORITY = re.compile(r"\b(?:a|the)\s+(?P<kind>majority|minority)\b")

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "premier": 1, "second": 2, "2nd": 2, "deuxieme": 2,
    "third": 3, "3rd": 3, "troisieme": 3, "fourth": 4, "4th": 4,
}
_ORDINAL = re.compile(r"\b(" + "|".join(ORDINALS) + r")\b")

# Measure words, each with the measure it points to.  Word boundaries keep "no" out of "nomination".
_CUES: tuple[tuple[re.Pattern[str], Measure], ...] = (
    (re.compile(r"\b(?:turnout|turn-out|turned out|participation|went to the polls|took part|take part|taking part)\b"),
     "turnout"),
    (re.compile(r"\b(?:yes|oui|in favou?r|back|backs|backed|backing|supported|approved|endorsed|pro-independence)\b"),
     "yes share"),
    (re.compile(r"\b(?:voted|vote|cast|ballots?|votes?)\s+(?:were\s+|was\s+)?(?:cast\s+)?for\b"
                r"|\b(?:won|secured|took|got)\b(?=.*\bof the (?:vote|ballots?)\b)"),
     "yes share"),
    (re.compile(r"\b(?:no|non|against|reject\w*|oppos\w*|voted down|turn(?:ed|s|ing)? down|refused)\b"),
     "no share"),
)
_NEGATION_BEFORE = re.compile(r"\b(?:not|n't|never|did not|didn't)\s+(?:\w+\s+)?$")
_NEGATION = re.compile(r"\b(?:not|never|no longer|n't|neither|nor)\b|n't\b")
# "Voted to keep the flag" says which way, so it is no plain vote.
_PLAIN_VOTING = re.compile(r"\b(?:voted(?!\s+to\s+[a-z])|cast (?:a |their )?ballots?|went to vote)\b")

# Words that attribute a statement to someone: the claim reports a claim.
_ATTRIBUTION = re.compile(
    r"\b(?:alleg\w*|claim(?:s|ed|ing)?|accus\w*|said|says|say|stat(?:ed|es)|assert\w*|according to|"
    r"den(?:y|ies|ied)|denial|charg(?:ed|es)|blam(?:ed|es)|insist\w*|declar\w*|suggest\w*|selon)\b"
)


class Figure(NamedTuple):
    """A number the claim states, with how exactly it states it."""

    value: float
    decimals: int  # digits after the point as written: "53" -> 0, "53.3" -> 1
    percent: bool
    comparator: Comparator
    text: str
    start: int
    end: int
    in_words: bool = False  # "a third", "half", "a majority", "four in five"
    unit_word: str = ""  # the word after a plain number ("295 votes" -> "votes")
    pair: int = 0  # 1 and 2 for the two figures of "55% to 45%" or "295 to 1"; 0 otherwise
    change: bool = False  # a change or a difference ("rose by 3 points", "a margin of 10"), not a level


class ClaimDate(NamedTuple):
    date: PartialDate
    text: str
    start: int
    end: int


class ParsedClaim(NamedTuple):
    """What the checker reads in one sentence."""

    text: str
    normalized: str
    figures: tuple[Figure, ...]
    dates: tuple[ClaimDate, ...]
    measures: tuple[Measure | None, ...]  # one per figure
    ordinals: tuple[int, ...]
    negated: bool
    attributed: bool

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(d.date.year for d in self.dates))

    @property
    def checkable(self) -> bool:
        """Whether the sentence states something a base could confirm or deny at all."""
        return bool(self.figures or self.dates or len(self.normalized.split()) >= 3)


def extract_dates(normalized: str) -> list[ClaimDate]:
    """Dates in normalised text, the most precise reading of each span first wins."""
    found: list[ClaimDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, precision in _DATE_FORMS:
        for match in pattern.finditer(normalized):
            if _overlaps(match.start(), match.end(), taken):
                continue
            month = MONTH_NAMES[match.group("month").rstrip(".")]
            day = int(re.sub(r"\D", "", match.group("day"))) if precision == "day" else 0
            date = PartialDate(int(match.group("year")), month, day)
            found.append(ClaimDate(date, match.group(), match.start(), match.end()))
            taken.append((match.start(), match.end()))
    for match in _LONE_YEAR.finditer(normalized):
        if not _overlaps(match.start(), match.end(), taken):
            found.append(ClaimDate(PartialDate(int(match.group("year"))), match.group(), match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def extract_figures(normalized: str, dates: list[ClaimDate] | None = None) -> list[Figure]:
    """Numbers that are not dates, and fractions said in words, in normalised text."""
    taken = [(d.start, d.end) for d in (extract_dates(normalized) if dates is None else dates)]
    figures: list[Figure] = []
    for match in _number_matches(normalized):
        number_start = match.start("number")
        if _overlaps(number_start, match.end("number"), taken) or _is_day_or_ordinal(normalized, match):
            continue
        number = match.group("number")
        comparator = _HEDGES.get(match.group("hedge") or "", "eq")
        after = normalized[match.end():].split(maxsplit=1)
        unit_word = "" if match.group("percent") or not after else re.sub(r"\W", "", after[0])
        value, decimals = _scaled(number, match.group("scale"))
        figures.append(Figure(value, decimals, bool(match.group("percent")),
                              comparator, match.group().strip(), match.start(), match.end(), unit_word=unit_word))
    for match in _FRACTION.finditer(normalized):
        if not _SHARE_FOLLOWS.match(normalized, match.end()):
            continue
        comparator = _HEDGES.get(match.group("hedge") or "", "approx")
        figures.append(Figure(FRACTIONS[match.group("fraction")], 0, True, comparator, match.group(),
                              match.start(), match.end(), in_words=True))
    for match in _MAJORITY.finditer(normalized):
        comparator = "gt" if match.group("kind") == "majority" else "lt"
        figures.append(Figure(50.0, 0, True, comparator, match.group(), match.start(), match.end(), in_words=True))
    for match in _NO_ONE_SIDE.finditer(normalized):
        figures.append(Figure(0.0, 0, False, "eq", match.group("none"), match.start("none"), match.end("none")))
    figures = _ratios_as_shares(normalized, figures)
    return _mark_changes(normalized, _mark_pairs(normalized, sorted(figures, key=lambda f: f.start)))


# "four in five", "8 in 10", "one in four": a share said as a ratio, loose like a fraction.
_RATIO = re.compile(
    r"(?:\b(?P<hedge>" + _HEDGE + r")\s+)?\b(?P<part>\d+|one)\s+(?:in|out of)\s+(?P<whole>\d+)\b(?!\s*%)"
)
# "55% to 45%", "295 to 1", "by 70 votes to 10": two figures that split one whole.
_PAIR_JOIN = re.compile(r"\s*(?:%|percent|per\s*cent|votes?|seats?)?\s*(?:to|against|vs\.?|versus|-)\s*$")
# "295 votes to none": the other side of a tally, said as a word for nought.
_NO_ONE_SIDE = re.compile(r"(?<=\d)\s*(?:votes?|seats?)?\s+(?:to|against)\s+(?P<none>none|nil|zero|nobody|no one)\b")
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|risen|rise|rises|rising|fell|fallen|falls|fall|falling|dropped|drop|drops|grew|grown|increased|"
    r"decreased|declined|jumped|climbed|slipped|(?<!made )(?<!make )(?<!makes )up|down|gained|lost|margin|lead|gap|"
    r"difference|increase|decrease|"
    r"swing)\s+(?:of\s+|by\s+)?(?:about\s+|nearly\s+|almost\s+|some\s+|around\s+)?$"
)
# "won by fewer than 55,000 votes": a count after a result's "by" is the margin between the sides, not a side's
# count (unless it is one of a pair: "passed by 295 votes to 1"; or a share: "won by 52 %" says too little).
_MARGIN_BEFORE = re.compile(r"\b(?:won|win|wins|winning|lost|lose|loses|losing|carried|defeated|beaten|beat|"
                            r"prevailed|narrowly)\s+(?:\w+\s+)?by\s+$")
_CHANGE_AFTER = re.compile(r"^\s*(?:%|percent|per\s*cent)?\s*(?:percentage\s+)?points?\b")


def _ratios_as_shares(normalized: str, figures: list[Figure]) -> list[Figure]:
    kept = list(figures)
    for match in _RATIO.finditer(normalized):
        part = 1 if match.group("part") == "one" else int(match.group("part"))
        whole = int(match.group("whole"))
        if not 0 < part < whole <= 100:
            continue
        kept = [f for f in kept if not _overlaps(f.start, f.end, [(match.start(), match.end())])]
        comparator = _HEDGES.get(match.group("hedge") or "", "approx")
        kept.append(Figure(100.0 * part / whole, 0, True, comparator, match.group(), match.start(), match.end(),
                           in_words=True))
    return sorted(kept, key=lambda f: f.start)


def _mark_pairs(normalized: str, figures: list[Figure]) -> list[Figure]:
    marked = list(figures)
    for i in range(len(marked) - 1):
        first, second = marked[i], marked[i + 1]
        between = normalized[first.end:second.start]
        if first.pair == 0 and first.percent == second.percent and _PAIR_JOIN.match(between) and len(between) < 14:
            marked[i] = _with(first, pair=1)
            marked[i + 1] = _with(second, pair=2, percent=first.percent or second.percent)
    return marked


def _mark_changes(normalized: str, figures: list[Figure]) -> list[Figure]:
    return [_with(f, change=True) if _CHANGE_BEFORE.search(normalized[:f.start]) or _is_margin(normalized, f) or
            (not f.in_words and _CHANGE_AFTER.match(normalized[f.end:])) else f for f in figures]


def _is_margin(normalized: str, figure: Figure) -> bool:
    return not (figure.percent or figure.pair or figure.in_words) and bool(
        _MARGIN_BEFORE.search(normalized[:figure.start]))


def _with(figure: Figure, **changes: object) -> Figure:
    return figure._replace(**changes)  # type: ignore[arg-type]


def _number_matches(normalized: str) -> Iterator[re.Match[str]]:
    """Each number with its hedge, scale and percent sign; a scale after a number of a thousand or more is a
    number of its own."""
    at = 0
    while (match := _NUMBER_FIGURE.search(normalized, at)) is not None:
        if match.group("scale") and not _SCALED_NUMBER.match(match.group("number")):
            match = _NUMBER_FIGURE.match(normalized, match.start(), match.end("number")) or match
        yield match
        at = match.end()


def _scaled(number: str, scale: str | None) -> tuple[float, int]:
    """A number's value and the decimals it is precise to; "2.3" million is 2,300,000 to -5 decimals (0.1 million)."""
    decimals = len(number.partition(".")[2])
    if scale is None:
        return float(number), decimals
    factor = _SCALES[scale]
    precision = decimals - (len(str(factor)) - 1)
    return round(float(number) * factor, max(precision, 0)), precision


def _is_day_or_ordinal(normalized: str, match: re.Match[str]) -> bool:
    # "1st", "3rd": ordinals, not quantities.
    return bool(re.match(r"(?:st|nd|rd|th|er)\b", normalized[match.end("number"):]))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def measure_cues(normalized: str) -> list[tuple[int, Measure]]:
    """Positions of words that say what a figure measures, a negated yes/no flipped."""
    cues: list[tuple[int, Measure]] = []
    for pattern, measure in _CUES:
        for match in pattern.finditer(normalized):
            if measure != "turnout" and _NEGATION_BEFORE.search(normalized[: match.start()]):
                measure = "no share" if measure == "yes share" else "yes share"
            cues.append((match.start(), measure))
    return cues


def nearest_cue(normalized: str, figure: Figure) -> Measure | None:
    """The measure word nearest a figure, for any figure (a count as much as a share)."""
    nearest = min(measure_cues(normalized), key=lambda cue: _distance(cue[0], figure), default=None)
    return nearest[1] if nearest is not None else None


def polarity(normalized: str) -> Polarity | None:
    """The side of the vote the sentence speaks of, when it names only one."""
    sides = {measure for _, measure in measure_cues(normalized) if measure != "turnout"}
    if len(sides) == 1:
        return "yes" if sides == {"yes share"} else "no"
    return None


def assign_measures(normalized: str, figures: list[Figure]) -> list[Measure | None]:
    """Each percentage's measure: the nearest measure word; plain "voted" without a side means turnout."""
    cues = measure_cues(normalized)
    measures: list[Measure | None] = []
    for figure in figures:
        if not figure.percent:
            measures.append(None)
            continue
        nearest = min(cues, key=lambda cue: _distance(cue[0], figure), default=None)
        if nearest is not None:
            measures.append(nearest[1])
        elif _PLAIN_VOTING.search(normalized) and not figure.pair:
            measures.append("turnout")  # "57 % to 43 %" splits the vote: a share, never a turnout
        else:
            measures.append(None)
    return measures


def _distance(position: int, figure: Figure) -> int:
    return figure.start - position if position < figure.start else position - figure.end


def extract_ordinals(normalized: str, figures: list[Figure] | None = None) -> list[int]:
    """Ordinal numbers ("the second referendum"), not the ones inside a fraction ("a third of")."""
    spans = [(f.start, f.end) for f in figures or []]
    return [ORDINALS[match.group(1)] for match in _ORDINAL.finditer(normalized)
            if not _overlaps(match.start(), match.end(), spans) and normalized[match.end():match.end() + 1] != "-"]


def is_negated(normalized: str) -> bool:
    return bool(_NEGATION.search(negations_as_not(normalized)))


@lru_cache(maxsize=1024)
def parse_claim(text: str) -> ParsedClaim:
    """Read one sentence: figures, dates, measures, ordinals, negation, attribution.

    Remembered: a draft's sentence is read to choose whether it is checked, then to check it.
    """
    normalized = digits_for_number_words(normalize(text))
    dates = extract_dates(normalized)
    figures = extract_figures(normalized, dates)
    return ParsedClaim(
        text=text,
        normalized=normalized,
        figures=tuple(figures),
        dates=tuple(dates),
        measures=tuple(assign_measures(normalized, figures)),
        ordinals=tuple(extract_ordinals(normalized, figures)),
        negated=is_negated(normalized),
        attributed=bool(_ATTRIBUTION.search(normalized)),
    )


def agrees(claimed: Figure, source: float, *, source_approximate: bool = False) -> bool:
    """Whether a claimed figure agrees with a source figure.

    An exact claim agrees when the source, rounded to the claim's decimals,
    equals it ("53 %" and "53.3 %" agree with 53.26; "54 %" does not).  A
    hedged claim ("about 53 %") or a source that is itself approximate widens
    that to APPROX_TOLERANCE points; a fraction in words to FRACTION_TOLERANCE.
    Bounds ("more than 50 %") compare directly.
    """
    value = claimed.value
    if claimed.comparator == "gt":
        return source > value
    if claimed.comparator == "ge":
        return source >= value
    if claimed.comparator == "lt":
        return source < value
    if claimed.comparator == "le":
        return source <= value
    if claimed.in_words:
        return abs(source - value) <= FRACTION_TOLERANCE
    if rounds_to(source, claimed):
        return True
    loose = claimed.comparator == "approx" or source_approximate
    return loose and abs(source - value) <= tolerance(value, claimed.percent)


def agreement_bounds(claimed: Figure, *, approximate: bool = False) -> tuple[float, float]:
    """Bounds on every source figure that ``agrees`` with the claimed one (an approximate source's too, if asked):
    a wide net, so that only the figures inside need the exact test."""
    value = claimed.value
    if claimed.comparator in ("gt", "ge"):
        return value, math.inf
    if claimed.comparator in ("lt", "le"):
        return -math.inf, value
    if claimed.in_words:
        reach = FRACTION_TOLERANCE
    else:
        # Rounding (``rounds_to``) truncates toward zero: a claim of 0 meets sources from -1.5 units to 0.5.
        reach = 1.5 * 10.0 ** -claimed.decimals
        if claimed.comparator == "approx" or approximate:
            reach = max(reach, tolerance(value, claimed.percent))
    reach += 1e-6 * max(1.0, abs(value))
    return value - reach, value + reach


# Tolerances, in percentage points for percentages and as a share of the value otherwise.
APPROX_TOLERANCE = 2.0  # "approximately 80 %" covers 78..82; "about 53 %" covers 51..55
APPROX_RELATIVE = 0.025  # for plain numbers: 2.5 % of the value
FRACTION_TOLERANCE = 4.0  # "a third" covers 29.3..37.3 %, "half" 46..54 %


def tolerance(value: float, percent: bool = True) -> float:
    return APPROX_TOLERANCE if percent else abs(value) * APPROX_RELATIVE


def rounds_to(source: float, claimed: Figure) -> bool:
    """The source figure rounded half-up to the claim's precision equals the claim."""
    if claimed.decimals < 0:  # "2.3 million": to the nearest 100,000, in whole numbers to stay exact
        unit = 10 ** -claimed.decimals
        return bool(int(source / unit + 0.5 + 1e-9) * unit == claimed.value)
    scale = 10.0**claimed.decimals
    rounded = int(source * scale + 0.5 + 1e-9) / scale
    return abs(rounded - claimed.value) < 1e-9


# A line that stands alone, like a paragraph: a list item, a quotation or a heading (its text is group 1).
STANDALONE_LINE = re.compile(r"^\s*(?:[-*+>]|\d+[.)]|#+)\s+(.*)$", re.MULTILINE)


def split_sentences(text: str) -> list[str]:
    """Sentences of a draft: ends at . ! ? before a capital; blank lines and list marks split too."""
    sentences: list[str] = []
    text = STANDALONE_LINE.sub("\n\n\\1\n\n", text)
    for block in re.split(r"\n\s*\n", text):
        sentences.extend(paragraph_sentences(block))
    return sentences


def paragraph_sentences(block: str) -> list[str]:
    """The sentences of one paragraph, in order; the last may be unfinished when more text follows."""
    sentences: list[str] = []
    pending = ""
    for piece in _SENTENCE_END.split(" ".join(block.split())):
        pending = f"{pending} {piece}".strip() if pending else piece.strip()
        # "J. Cook", "Mr. Darmanin": a full stop after an initial or a title does not end a sentence.
        if pending and not _ABBREVIATION_END.search(pending):
            sentences.append(pending)
            pending = ""
    if pending:
        sentences.append(pending)
    return sentences


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9À-Þ])")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|vs|Prof|Gen|Sen|Rep))\.$")
