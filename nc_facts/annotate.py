"""The writer's loop: a Markdown draft comes back with its supported sentences cited.

The draft is never re-written: annotation only inserts text at offsets of the
original, so every byte the writer typed survives.  Headings, code (fenced,
indented, inline), front matter, HTML comments, footnote definitions and
existing citations are masked first (each character replaced by a space,
newlines kept), so the masked text has the same offsets as the draft and no
sentence is found inside them.

A supported sentence gets a pandoc citation (``text [@key].``) or a footnote
mark; a refuted or not-enough-info sentence gets an HTML comment after it
saying why, with the evidence, which a rendered page does not show.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .check import VERDICT_LABELS, CheckResult, Evidence, Verdict, check_text, worst_verdict
from .check_report import check_to_dict
from .citations.csl import csl_items
from .claims import split_sentences
from .evidence import BaseView
from .model import Base
from .serialize import envelope

MARK_PREFIX = "nc-facts"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PANDOC_CITATION = re.compile(r"\[[^\[\]]*@[\w:.#$%&+?<>~/-]+[^\[\]]*\]|\[\^[^\]\s]+\]")
_CODE_SPAN_OPEN = re.compile(r"`+")
_FOOTNOTE_LABEL = re.compile(r"\[\^([^\]\s]+)\]")
_TERMINAL = ".!?…"
_CLOSERS = "\"”’)*_"


@dataclass(frozen=True)
class Span:
    """A sentence of the draft: ``text`` as the checker read it, at ``start:end`` of the draft."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Annotation:
    """What was inserted after (or inside the end of) one sentence, and why."""

    span: Span
    result: CheckResult
    keys: tuple[str, ...]
    offset: int
    inserted: str
    note: str | None = None


@dataclass(frozen=True)
class AnnotatedDraft:
    text: str
    annotations: tuple[Annotation, ...]
    keys: tuple[str, ...]

    @property
    def results(self) -> list[CheckResult]:
        return [annotation.result for annotation in self.annotations]


# A note renderer is given, in order, the source keys of each footnote and returns each note's text.
NoteRenderer = Callable[[Sequence[tuple[str, ...]]], list[str]]


def masked(text: str) -> str:
    """``text`` with everything that is not prose blanked out, offset for offset."""
    chars = list(text)
    for start, end in _protected_ranges(text):
        for index in range(start, end):
            if chars[index] not in "\r\n":
                chars[index] = " "
    return "".join(chars)


def _protected_ranges(text: str) -> Iterator[tuple[int, int]]:
    front = _FRONT_MATTER.match(text)
    if front:
        yield front.start(), front.end()
    yield from _protected_lines(text, front.end() if front else 0)
    for pattern in (_HTML_COMMENT, _PANDOC_CITATION):
        for match in pattern.finditer(text):
            yield match.start(), match.end()
    yield from _code_spans(text)


def _lines(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, line without its line break) for every line from ``start``."""
    lines = []
    offset = start
    for line in text[start:].splitlines(keepends=True):
        lines.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return lines


def _protected_lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Fenced and indented code, headings (ATX and setext), rules and footnote definitions."""
    lines = _lines(text, start)
    fence: str | None = None
    previous_blank = True
    previous_code = False
    for index, (offset, line) in enumerate(lines):
        whole = (offset, offset + len(line))
        opened = _FENCE_OPEN.match(line)
        if fence is not None:
            yield whole
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                fence = None
            continue
        blank = not line.strip()
        code = not blank and _INDENTED.match(line) is not None and (previous_blank or previous_code)
        if opened:
            fence = opened.group(1)
            yield whole
        elif code or _is_block_line(line) or _underlined(lines, index):
            yield whole
        previous_code = code or (previous_code and blank)
        previous_blank = blank


def _is_block_line(line: str) -> bool:
    return bool(_ATX_HEADING.match(line) or _THEMATIC_BREAK.match(line) or _SETEXT_UNDERLINE.match(line)
                or _FOOTNOTE_DEFINITION.match(line))


def _underlined(lines: list[tuple[int, str]], index: int) -> bool:
    """A setext heading: a text line whose next line is all ``=`` or ``-``."""
    if index + 1 >= len(lines) or not lines[index][1].strip():
        return False
    return _SETEXT_UNDERLINE.match(lines[index + 1][1]) is not None


def _code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Inline code: a run of backticks up to the next run of the same length (CommonMark)."""
    position = 0
    while True:
        opening = _CODE_SPAN_OPEN.search(text, position)
        if opening is None:
            return
        fence = opening.group(0)
        closing = re.compile(rf"(?<!`){fence}(?!`)").search(text, opening.end())
        if closing is None:
            position = opening.end()
            continue
        yield opening.start(), closing.end()
        position = closing.end()


def sentence_spans(text: str) -> list[Span]:
    """The draft's prose sentences, each with its place in the draft."""
    prose = masked(text)
    return [span for span in located(prose, split_sentences(prose)) if span is not None]


def located(prose: str, sentences: Sequence[str]) -> list[Span | None]:
    """Each sentence, in order, at its place in ``prose``; None where the splitter rewrote it past finding."""
    spans: list[Span | None] = []
    cursor = 0
    for sentence in sentences:
        words = sentence.split()
        found = re.compile(r"\s+".join(re.escape(word) for word in words)).search(prose, cursor) if words else None
        if found is None:
            spans.append(None)
            continue
        end = _past_closers(prose, found.end())
        spans.append(Span(sentence, found.start(), end))
        cursor = end
    return spans


def _past_closers(text: str, end: int) -> int:
    """The splitter leaves a closing quote or emphasis mark after the stop out of the sentence: take it back."""
    if end and text[end - 1] in _TERMINAL:
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
    return end


def cited_keys(result: CheckResult) -> tuple[str, ...]:
    """The sources of the facts that agree with the sentence, each once, in the order of the evidence."""
    keys = (citation.source for item in result.evidence if item.match == "agrees" for citation in item.fact.citations)
    return tuple(dict.fromkeys(keys))


def citation_offset(text: str, span: Span) -> int:
    """Where an in-text citation goes: before the sentence's final stop, or at its end when it has none.

    After a closing quotation mark or emphasis it goes at the very end, so the quotation stays whole.
    """
    end = span.end
    if end > span.start and text[end - 1] in _TERMINAL:
        while end - 1 > span.start and text[end - 2] in _TERMINAL:
            end -= 1
        return end - 1
    return span.end


def pandoc_citation(keys: Sequence[str]) -> str:
    return " [" + "; ".join(f"@{key}" for key in keys) + "]"


def writer_comment(result: CheckResult) -> str:
    """An HTML comment for the writer: the verdict, why, and each fact it rests on with its sources."""
    parts = [f"{MARK_PREFIX}: {_VERDICT_WORDS[result.verdict]}: {result.explanation}"]
    parts.extend(_evidence_line(item) for item in result.evidence)
    return " <!-- " + _comment_safe(" | ".join(parts)) + " -->"


_VERDICT_WORDS: dict[Verdict, str] = {
    "supported": "supported", "refuted": "refuted", "not_enough_info": "not enough info",
}


def _evidence_line(item: Evidence) -> str:
    sources = ", ".join(dict.fromkeys(f"@{citation.source}" for citation in item.fact.citations))
    cited = f" [{sources}]" if sources else ""
    return f"{item.fact.id} ({item.match}): {item.fact.claim}{cited}"


def _comment_safe(text: str) -> str:
    """One line that cannot end the comment early: "--" is not allowed inside an HTML comment."""
    text = " ".join(text.split())
    while "--" in text:
        text = text.replace("--", "-\u2011")
    return text.rstrip("-")


def annotate(base: Base, text: str, notes: NoteRenderer | None = None,
             view: BaseView | None = None) -> AnnotatedDraft:
    """Check the prose sentences of ``text`` as ``check --file`` does and insert each one's citation or mark.

    With ``notes``, supported sentences get numbered footnotes (``[^n]``) whose
    definitions are added at the end of the draft; otherwise pandoc citations.
    ``view`` is the checker's view of ``base`` where the caller has one (``check_cache``).
    """
    # The sentences check --file checks (claims, and what names something the base knows), so the exit codes agree.
    checked = [(span, result) for span, result in zip(*_checked_sentences(base, text, view), strict=True)
               if span is not None]
    spans = [span for span, _ in checked]
    results = [result for _, result in checked]
    keys = [cited_keys(result) if result.verdict == "supported" else () for result in results]
    labels = _free_labels(text, sum(1 for k in keys if k)) if notes else []
    note_texts = iter(notes([k for k in keys if k]) if notes else [])
    label_iter = iter(labels)
    annotations: list[Annotation] = []
    for span, result, own in zip(spans, results, keys, strict=True):
        annotations.append(_annotation(text, span, result, own, label_iter, note_texts, numbered=notes is not None))
    cited = tuple(dict.fromkeys(key for k in keys for key in k))
    return AnnotatedDraft(_apply(text, annotations), tuple(annotations), cited)


def _checked_sentences(base: Base, text: str, view: BaseView | None) -> tuple[list[Span | None], list[CheckResult]]:
    prose = masked(text)
    results = check_text(base, prose, view)
    return located(prose, [result.claim for result in results]), results


def _annotation(text: str, span: Span, result: CheckResult, keys: tuple[str, ...], labels: Iterator[str],
                note_texts: Iterator[str], *, numbered: bool) -> Annotation:
    if not keys:
        return Annotation(span, result, keys, span.end, writer_comment(result))
    if numbered:
        return Annotation(span, result, keys, span.end, f"[^{next(labels)}]", next(note_texts))
    return Annotation(span, result, keys, citation_offset(text, span), pandoc_citation(keys))


def _free_labels(text: str, count: int) -> list[str]:
    """Footnote labels 1, 2, ... skipping any the draft already uses."""
    taken = set(_FOOTNOTE_LABEL.findall(text))
    labels: list[str] = []
    number = 0
    while len(labels) < count:
        number += 1
        if str(number) not in taken:
            labels.append(str(number))
    return labels


def _apply(text: str, annotations: Sequence[Annotation]) -> str:
    """The draft with every insertion made, and the footnote definitions at its end."""
    pieces: list[str] = []
    cursor = 0
    for annotation in sorted(annotations, key=lambda a: a.offset):
        pieces.append(text[cursor:annotation.offset])
        pieces.append(annotation.inserted)
        cursor = annotation.offset
    pieces.append(text[cursor:])
    definitions = [f"{a.inserted}: {a.note}" for a in annotations if a.note is not None]
    if definitions:
        newline = "\r\n" if "\r\n" in text else "\n"
        ending = "" if not text or text.endswith("\n") else newline
        pieces.append(ending + newline + newline.join(definitions) + newline)
    return "".join(pieces)


def annotation_document(path: str, draft: AnnotatedDraft, base: Base, style: str | None) -> dict[str, Any]:
    """The annotated draft as data (schema: $defs annotate): the text, each sentence's verdict and mark."""
    results = draft.results
    counts = {verdict: sum(1 for r in results if r.verdict == verdict) for verdict in VERDICT_LABELS}
    return envelope(
        file=path,
        verdict=worst_verdict(results),
        counts=counts,
        style=style,
        text=draft.text,
        sentences=[_annotation_to_dict(annotation, base) for annotation in draft.annotations],
        bibliography=csl_items(base.sources[key] for key in draft.keys),
    )


def _annotation_to_dict(annotation: Annotation, base: Base) -> dict[str, Any]:
    return {
        "start": annotation.span.start,
        "end": annotation.span.end,
        "keys": list(annotation.keys),
        "offset": annotation.offset,
        "inserted": annotation.inserted,
        "note": annotation.note,
        "check": check_to_dict(annotation.result, base),
    }
