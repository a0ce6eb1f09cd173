"""From a footnoted article to a draft base: its sources and its candidate facts.

The article is plain text or Markdown: paragraphs (one a line, or blocks
between blank lines), footnote markers ``[n]`` or ``[^n]`` in the text, and
the footnote list at the end.  Sentences are read with the claim checker's
own reader (``claims.split_sentences``, ``parse_claim``,
``sentence.sentence_kind``, ``read_attribution``): a sentence that is a
claim and states something checkable becomes one candidate fact per clause
of a compound sentence, with its verbatim quote, paragraph and footnote (the
next marker in its paragraph; the last one for sentences after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .claims import Figure, ParsedClaim, parse_claim, split_sentences
from .dates import PartialDate
from .ingest_sources import DraftSource, footnote_lines, read_footnotes, sources_of
from .language import month_numbers
from .model import Value
from .names import Entity, NameTable, name_tokens
from .sentence import CLAIM, HEADING, KIND_REASONS, OPINION, read_attribution, sentence_kind
from .text import fold

MARKER = re.compile(r"\[\^?(?P<number>\d+)\](?!:)")
MIN_CLAUSE_WORDS = 5
MAX_UNNAMED_SPEAKER_WORDS = 3  # "the group declared": a speaker named by a short phrase
NOT_CHECKABLE = "nothing checkable: no figure, no date, too few words"

# Where a compound sentence splits into claims: a semicolon, or a comma before a conjunction or a participle of
# speech that starts a claim of its own.
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?=(?:but|while|whereas|yet|although|and that|and it|and they|accusing|asserting|claiming|saying|"
    r"adding|insisting|denying)\b)"
)
# Predictions and hedged views the sentence reader lets through as claims ("may gain strength").
_HEDGE = re.compile(r"\b(?:may|might|could|would|should|must|is|are) (?:be )?(?:expected|likely|set|bound) to\b|"
                    r"\b(?:may|might|could|would|should|must)\b", re.IGNORECASE)
_PRONOUNS = frozenset("it they he she which who this that these those its their".split())
_CAPITALISED = re.compile(r"[A-ZÀ-ÞİŞĞ][\w’'.-]*(?:\s+(?:of|the|de|du|des|la|le)?\s*[A-ZÀ-ÞİŞĞ][\w’'-]*)*")
_ATTRIBUTION_KINDS = {"deny": "denial", "admit": "statement"}
_ALLEGING = ("claim", "alleg", "accus", "charg", "blam", "insist", "suggest")


@dataclass(frozen=True)
class Paragraph:
    number: int
    start: int  # offset of its first character in the article
    text: str  # as written, markers included


@dataclass(frozen=True)
class Span:
    """A stretch of the article: where it starts and ends, and its text as written."""

    start: int
    end: int
    text: str


@dataclass
class Candidate:
    """A proposed fact, or a sentence left out and why."""

    quote: str
    paragraph: int
    footnote: int | None
    claim: str
    kind: str = ""
    claimant: str = ""
    act: str = ""
    dates: tuple[PartialDate, ...] = ()
    values: tuple[Value, ...] = ()
    entities: tuple[str, ...] = ()
    left_out: str = ""  # why it is not proposed; empty for a proposal


@dataclass
class Draft:
    """What an article proposes, before it is compared with a base."""

    sources: list[DraftSource]
    footnote_source: dict[int, int]  # footnote number -> index in sources
    repeats: dict[int, int]  # footnote number -> the earlier footnote it repeats (Ibid., op. cit.)
    candidates: list[Candidate] = field(default_factory=list)
    missing_footnotes: list[int] = field(default_factory=list)  # markers in the text with no footnote


def read_article(text: str, names: NameTable | None = None) -> Draft:
    """Sources and candidate facts of an article; ``names`` adds a base's entities to those the article names."""
    lines = text.splitlines(keepends=True)
    plain_lines = [line.rstrip("\r\n") for line in lines]
    first_note = footnote_lines(plain_lines)
    refs = read_footnotes(plain_lines, first_note)
    sources, footnote_source = sources_of(refs)
    body = "".join(lines[:first_note])
    table = _names_of(body, names)
    draft = Draft(sources, footnote_source, {r.number: r.repeats for r in refs if r.repeats is not None})
    for paragraph in paragraphs(body):
        draft.candidates.extend(paragraph_candidates(paragraph, table))
    used = {c.footnote for c in draft.candidates if c.footnote is not None}
    draft.missing_footnotes = sorted(n for n in used if n not in footnote_source)
    return draft


# --- paragraphs and sentences ---------------------------------------------------------------------------------------

def paragraphs(body: str) -> list[Paragraph]:
    """Blocks between blank lines when the article has them, else its lines; headings are not counted."""
    separator = re.compile(r"\n[ \t]*\n" if re.search(r"\S[ \t]*\r?\n[ \t]*\r?\n\s*\S", body) else r"\n")
    found: list[Paragraph] = []
    position = 0
    for match in [*separator.finditer(body), None]:
        end = match.start() if match else len(body)
        block = body[position:end]
        stripped = block.strip()
        if stripped and not _is_heading(stripped):
            found.append(Paragraph(len(found) + 1, position + (len(block) - len(block.lstrip())), stripped))
        position = match.end() if match else len(body)
    return found


def _is_heading(block: str) -> bool:
    return "\n" not in block and (block.startswith("#") or sentence_kind(MARKER.sub("", block)) == HEADING)


def sentence_spans(paragraph: Paragraph) -> list[Span]:
    """The paragraph's sentences as the checker splits them, each located in the article as written."""
    clean, origin = _without_markers(paragraph.text)
    spans: list[Span] = []
    position = 0
    for sentence in split_sentences(clean):
        pattern = r"\s+".join(re.escape(word) for word in sentence.split())
        match = re.compile(pattern).search(clean, position)
        if match is None:
            continue
        position = match.end()
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        spans.append(Span(paragraph.start + start, paragraph.start + end, paragraph.text[start:end]))
    return spans


def _without_markers(text: str) -> tuple[str, list[int]]:
    """``text`` without footnote markers, and for each of its characters the offset it had in ``text``."""
    kept: list[str] = []
    origin: list[int] = []
    position = 0
    for match in [*MARKER.finditer(text), None]:
        end = match.start() if match else len(text)
        kept.append(text[position:end])
        origin.extend(range(position, end))
        position = match.end() if match else len(text)
    return "".join(kept), origin


def footnote_for(paragraph: Paragraph, span: Span) -> int | None:
    """The next marker in the paragraph at or after the span's start; after the last marker, that one."""
    markers = [(paragraph.start + m.start(), int(m["number"])) for m in MARKER.finditer(paragraph.text)]
    following = [number for offset, number in markers if offset >= span.start]
    if following:
        return following[0]
    return markers[-1][1] if markers else None


def clauses(span: Span) -> list[Span]:
    """A compound sentence's claims: split at a semicolon or before "but", "while", "accusing"... when each part
    is long enough to be a claim of its own."""
    parts: list[Span] = []
    position = 0
    for match in [*_CLAUSE_BREAK.finditer(span.text), None]:
        end = match.start() if match else len(span.text)
        piece = span.text[position:end]
        if parts and len(MARKER.sub("", piece).split()) < MIN_CLAUSE_WORDS:
            last = parts.pop()
            piece = span.text[last.start - span.start:end]
            position = last.start - span.start
        elif len(MARKER.sub("", piece).split()) < MIN_CLAUSE_WORDS and match is not None:
            continue  # too short to stand alone: it stays with the next part
        parts.append(Span(span.start + position, span.start + end, piece))
        position = match.end() if match else len(span.text)
    return parts or [span]


# --- candidates ----------------------------------------------------------------------------------------------------

def paragraph_candidates(paragraph: Paragraph, names: NameTable) -> list[Candidate]:
    candidates: list[Candidate] = []
    for span in sentence_spans(paragraph):
        footnote = footnote_for(paragraph, span)
        quote = _trimmed(span.text)
        kind = sentence_kind(_as_claim(quote))
        if kind != CLAIM:
            candidates.append(Candidate(quote, paragraph.number, footnote, _as_claim(quote),
                                        left_out=KIND_REASONS[kind]))
            continue
        for clause in clauses(span):
            candidates.append(clause_candidate(_trimmed(clause.text), paragraph.number, footnote, names))
    return candidates


def _trimmed(text: str) -> str:
    """A quote without the markers, spaces and commas at its end (markers inside stay: the quote is verbatim)."""
    text = text.strip()
    while (match := _TRAILING_MARKER.search(text)) is not None:
        text = text[: match.start()].rstrip()
    return text.rstrip(" ,;")


# Markers at the end, before the closing punctuation too ("movements[1]."): the quote stops before them.
_TRAILING_MARKER = re.compile(r"\s*(?:\[\^?\d+\])+[.!?…,;:]?[\"”’)]*$")


def _as_claim(quote: str) -> str:
    """The claim a quote states, as a sentence: markers out, one space, a capital and a full stop."""
    text = " ".join(MARKER.sub("", quote).split()).strip(" ,;")
    text = re.sub(r"^(?:and|but|while|whereas|yet)\s+", "", text, flags=re.IGNORECASE)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text if re.search(r"[.!?…][\"”’)]*$", text) else text + "."


def clause_candidate(quote: str, paragraph: int, footnote: int | None, names: NameTable) -> Candidate:
    claim = _as_claim(quote)
    parsed = parse_claim(claim)
    if not parsed.checkable:
        return Candidate(quote, paragraph, footnote, claim, left_out=NOT_CHECKABLE)
    claimant, act, attributed_kind = _attribution(claim, names)
    if sentence_kind(claim) == OPINION or (not act and _HEDGE.search(claim)):
        return Candidate(quote, paragraph, footnote, claim, left_out=KIND_REASONS[OPINION])
    return Candidate(
        quote=quote,
        paragraph=paragraph,
        footnote=footnote,
        claim=claim,
        kind=attributed_kind or _kind(parsed),
        claimant=claimant,
        act=act,
        dates=tuple(dict.fromkeys(d.date for d in parsed.dates)),
        values=_values(parsed),
        entities=_entities(claim, names),
    )


def _kind(parsed: ParsedClaim) -> str:
    if parsed.figures:
        return "statistic"
    return "event" if parsed.dates else "background"


def _attribution(claim: str, names: NameTable) -> tuple[str, str, str]:
    """Claimant, act and fact kind of an attributed claim; empty strings when it reports no speech."""
    attribution = read_attribution(claim, names)
    if attribution is None or attribution.negated or len(attribution.content.split()) < 2:
        return "", "", ""
    speakers = sorted(names.entities[key].name for key in attribution.speakers if key in names.entities)
    words = [w for w in attribution.speaker_words if fold(w) not in _PRONOUNS and not fold(w).endswith("ly")]
    if not speakers and len(words) > MAX_UNNAMED_SPEAKER_WORDS:
        return "", "", ""  # "which offers moral support to independence claims": no speaker, a noun
    claimant = _speaker_as_written(claim, words) or ", ".join(speakers) or " ".join(words)
    if attribution.act in _ATTRIBUTION_KINDS:
        return claimant, attribution.act, _ATTRIBUTION_KINDS[attribution.act]
    alleging = attribution.verb.startswith(_ALLEGING)
    return claimant, attribution.act, "allegation" if alleging else "statement"


def _speaker_as_written(claim: str, words: list[str]) -> str:
    """The speaker's words as the claim writes them ("French government"), found again in the claim."""
    if not words:
        return ""
    pattern = r"\W+".join(re.escape(word) for word in words)
    match = re.search(pattern, claim, re.IGNORECASE)
    return match.group() if match else ""


def _in_a_name(normalized: str, figure: Figure) -> bool:
    """"COVID-19", "G-20": a number that is part of a name, not a figure."""
    return figure.start >= 2 and normalized[figure.start - 1] == "-" and normalized[figure.start - 2].isalpha()


def _values(parsed: ParsedClaim) -> tuple[Value, ...]:
    """The figures of a claim as values; "5.25 billion dollars" is one value of 5.25e9 dollars."""
    return tuple(_value(parsed.text, figure, measure)
                 for figure, measure in zip(parsed.figures, parsed.measures, strict=True)
                 if not _in_a_name(parsed.normalized, figure))


def _value(claim: str, figure: Figure, measure: str | None) -> Value:
    unit_word = figure.unit_word
    if figure.decimals < 0:  # a scaled figure ("5.25 billion"): its unit as the claim writes it, after the scale
        number = figure.text.rsplit(maxsplit=1)[0]
        after = re.search(re.escape(number) + r"\s+[^\W\d_]+\s+([^\W\d_]+)", claim)
        unit_word = after.group(1) if after else ""
    unit = "percent" if figure.percent else (unit_word or "number")
    return Value(figure.value, unit, measure or unit_word or "figure", figure.comparator == "approx")


def _entities(claim: str, names: NameTable) -> tuple[str, ...]:
    found = [names.entities[m.key].name for m in names.mentions(claim) if m.key in names.entities]
    return tuple(dict.fromkeys(found))


# --- the names an article uses --------------------------------------------------------------------------------------

def _names_of(body: str, base_names: NameTable | None) -> NameTable:
    """A base's entities, and the capitalised names of the article: those of several words, and single words
    written with a capital somewhere other than at the start of a sentence."""
    entities = list(base_names.entities.values()) if base_names is not None else []
    text = MARKER.sub("", body)
    seen: set[tuple[str, ...]] = set()
    for match in _CAPITALISED.finditer(text):
        name = _name_without_opener(_POSSESSIVE.sub("", match.group()).strip(" .’'"), text, match.start())
        form = name_tokens(name)
        if not form or form in seen:
            continue
        seen.add(form)
        entities.append(Entity(f"name:{' '.join(form)}", name, "other", {form}))
    return NameTable(entities)


_POSSESSIVE = re.compile(r"[’']s\b")
_OPENERS = frozenset(
    "the a an in on at of for by with as since after before during while although however moreover additionally "
    "this that these those its their his her it they there then thus also and but or due from to under".split()
)


def _name_without_opener(name: str, text: str, start: int) -> str:
    """'In November' -> 'November'; 'The Baku Initiative Group' -> 'Baku Initiative Group'; a lone word at the
    start of a sentence is no name."""
    words = name.split()
    while words and fold(words[0]) in _OPENERS:
        words = words[1:]
    if len(words) == 1 and fold(words[0]) in month_numbers():
        return ""
    if len(words) == 1 and words[0] == name and _starts_sentence(text, start):
        return ""
    return " ".join(words)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"“‘(")
    return not before or before[-1] in ".!?…\n:"
