"""Text normalisation shared by search and claim checking.

Searches must forgive case, accents, punctuation and decimal commas, so
both the base and the query pass through the same ``normalize``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Words that carry no meaning for ranking.  Kept short on purpose: "no",
# "yes", "not", "against" and ordinals matter to votes and are not here.
STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or as is was were be been being are this that these
    those it its it's into than then there their they he she his her which who whom what when where how
    has have had do does did about over under per after before during also such""".split()
)

# Words search gives facts for questions a query asks in English rather than in the base's words:
# DATE_WORD for "when" and "date" (a fact dated to the day or month), COUNT_WORD for "how many" (a fact
# with a figure counted in units).
DATE_WORD = "date"
COUNT_WORD = "many"

# A figure's measure of several words ("no votes", "yes share") is also one term, the set of its words:
# a query naming the measure, in any order ("voted no"), asks for that figure.  The term starts with a
# digit so that both indexes keep it with the numbers, which are looked up only exactly, never by prefix
# or typo; it is written in ASCII, as numbers are stored.
MEASURE_MARK = "0m:"
MEASURE_MAX_WORDS = 3


def measure_term(terms: Iterable[str]) -> str:
    """The term of a measure made of ``terms`` (two or more distinct search terms), whatever their order;
    "" when it has none (one word, too many, or words outside ASCII)."""
    words = sorted(set(terms))
    if not 2 <= len(words) <= MEASURE_MAX_WORDS or not all(word.isascii() for word in words):
        return ""
    return MEASURE_MARK + "+".join(words)


_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d))")
_THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}(?!\d))")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+", re.UNICODE)
# The same tokens for ASCII text, where plain ranges are twice as fast as Unicode classes.
_ASCII_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|[A-Za-z]+")
# Both separator rules need a digit, a separator and a digit; most text has none, and one search is cheaper
# than the two substitutions.
_SEPARATED_DIGITS = re.compile(r"\d[,\u202f\u00a0 ]\d")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s")
_SPECIAL_FOLDS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lowercase and strip accents: 'Gérald Darmanın' -> 'gerald darmanin'."""
    if text.isascii():
        return text.lower()  # the same result, without the per-character pass (most text of a base)
    text = text.casefold().translate(_SPECIAL_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Fold, turn decimal commas into points and drop thousands separators."""
    text = fold(text)
    if _SEPARATED_DIGITS.search(text) is None:
        return text
    text = _THOUSANDS.sub("", text)
    return _DECIMAL_COMMA.sub(".", text)


def tokens(text: str) -> list[str]:
    """Word and number tokens of already normalised text."""
    return _ASCII_TOKEN.findall(text) if text.isascii() else _TOKEN.findall(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix stripper: enough to meet 'rejected' with 'rejection'."""
    if word.isdigit() or len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class _TermOfToken(dict[str, str]):
    """Token -> its stem, or "" for a stopword; filled as tokens are met (a base repeats its words)."""

    LIMIT = 500_000  # numbers make the tokens of a large base many: start afresh rather than grow without end

    def __missing__(self, token: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        term = self[token] = "" if token in STOPWORDS else stem(token)
        return term


_term_of_token = _TermOfToken()


def content_terms(text: str) -> list[str]:
    """Normalised, stemmed tokens without stopwords: the units search matches on."""
    return [term for term in map(_term_of_token.__getitem__, tokens(normalize(text))) if term]


def is_number(token: str) -> bool:
    return bool(token) and token[0].isdigit()


def number_terms(value: float) -> list[str]:
    """Ways a number is written in text: 56.7 -> '56.7'; 85.64 -> '85.64'; 2018.0 -> '2018'."""
    if value == int(value):
        return [str(int(value))]
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return [text]


# --- search terms ------------------------------------------------------------------------------------------
# Search reduces words with the Snowball English stemmer ("voted", "votes", "voting" -> "vote";
# "independence", "independent" -> "independ"), which knows far more of English than ``stem``'s suffixes.
# The claim checker keeps ``stem``: its verdicts were tuned on it.


class _SearchTermOfToken(dict[str, str]):
    """Token -> its Snowball stem, or "" for a stopword; filled as tokens are met."""

    LIMIT = 500_000

    def __init__(self) -> None:
        super().__init__()
        import Stemmer

        self._stem = Stemmer.Stemmer("english").stemWord

    def __missing__(self, token: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        if token in STOPWORDS:
            term = ""
        elif token[0].isdigit() or len(token) <= 2:
            term = token  # numbers, and short words the stemmer would only mangle ("us", "eu")
        else:
            term = self._stem(token)
        self[token] = term
        return term


_search_term_of_token: _SearchTermOfToken | None = None


def search_terms(text: str) -> list[str]:
    """Normalised tokens without stopwords, reduced by the Snowball stemmer: the units search matches on."""
    global _search_term_of_token
    if _search_term_of_token is None:
        _search_term_of_token = _SearchTermOfToken()
    return [term for term in map(_search_term_of_token.__getitem__, tokens(normalize(text))) if term]


def initials(name: str) -> list[str]:
    """Acronyms a name may be written as: 'European Union' -> ['eu']; 'Autonomous Region of Bougainville' ->
    ['arob', 'arb'] (with and without its small words).  A name of one word has none."""
    words = [token for token in tokens(normalize(name)) if not token[0].isdigit()]
    found: list[str] = []
    for chosen in (words, [word for word in words if word not in STOPWORDS]):
        acronym = "".join(word[0] for word in chosen)
        if len(chosen) >= 2 and acronym not in found and len(acronym) <= 6:
            found.append(acronym)
    return found


def rounded_terms(text: str) -> list[tuple[str, int]]:
    """A decimal number's text rounded half up to each coarser precision, with the decimals kept:
    '51.89' -> [('51.9', 1), ('52', 0)]; '52.5' -> [('53', 0)]; '96' -> []."""
    whole, _, fraction = text.partition(".")
    found: list[tuple[str, int]] = []
    for decimals in range(len(fraction) - 1, -1, -1):
        digits = int(whole + fraction[:decimals]) + (fraction[decimals] >= "5")
        rounded = str(digits).rjust(decimals + 1, "0")
        found.append((f"{rounded[:-decimals]}.{rounded[-decimals:]}" if decimals else rounded, decimals))
    return found
