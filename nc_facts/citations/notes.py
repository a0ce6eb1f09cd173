"""Numbered notes for the facts a writer used, in order of use.

A note cites the sources of one fact.  The first note of a source is the
style's full note; a later one is the style's shortened note.  A note that
cites the one source the note just before it cited is at the "ibid"
position: the style decides what that prints.  Styles that print the ibid
term ("Ibid.") give it; Chicago 18, APA 7 and MLA 9 do not, and repeat the
shortened note or the in-text citation, as citeproc-js and pandoc do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..lookup import get_fact
from ..model import Base, Fact, Source
from . import citeproc_fixes
from .remembered import remembered
from .style import DEFAULT_STYLE, LOCALE, Rendered, StyleRenderer, processor_input

Position = Literal["first", "subsequent", "ibid", "unsourced"]
IBID = "Ibid."
UNSOURCED = "Unsourced: the fact base gives no source for this claim."


@dataclass(frozen=True)
class Note:
    number: int
    fact_id: str
    sources: tuple[str, ...]
    position: Position
    text: str


@dataclass(frozen=True)
class CitedWork:
    """The notes for a list of facts and the bibliography of what they cite."""

    style: str
    numbered: bool
    notes: tuple[Note, ...]
    bibliography: tuple[Rendered, ...]
    sources: tuple[Source, ...]


def fact_source_keys(fact: Fact) -> tuple[str, ...]:
    """The fact's sources, each once, in the order the fact cites them."""
    return tuple(dict.fromkeys(citation.source for citation in fact.citations))


def note_position(keys: tuple[str, ...], previous: tuple[str, ...] | None, cited: set[str]) -> Position:
    if not keys:
        return "unsourced"
    if len(keys) == 1 and previous == keys:
        return "ibid"
    return "subsequent" if all(key in cited for key in keys) else "first"


def plan_positions(key_lists: Sequence[tuple[str, ...]]) -> list[Position]:
    """The position of each note given the sources of every note in order."""
    positions: list[Position] = []
    cited: set[str] = set()
    previous: tuple[str, ...] | None = None
    for keys in key_lists:
        positions.append(note_position(keys, previous, cited))
        cited.update(keys)
        previous = keys
    return positions


def cite_facts(base: Base, fact_ids: Sequence[str], style: str = DEFAULT_STYLE,
               text_format: str = "text", *, numbered: bool = True) -> CitedWork:
    """Notes for the facts in order; unnumbered, every citation is given in full ("first")."""
    facts = [get_fact(base, fact_id) for fact_id in fact_ids]
    key_lists = [fact_source_keys(fact) for fact in facts]
    positions = plan_positions(key_lists) if numbered else [
        "first" if keys else "unsourced" for keys in key_lists]
    sources = _used_sources(base, key_lists)

    def formatted() -> dict[str, Any]:
        renderer = StyleRenderer(sources, style, text_format)
        return {"style": renderer.style_name, "notes": _note_texts(renderer, key_lists, positions),
                "bibliography": [[entry.key, entry.text] for entry in renderer.bibliography()]}

    work = remembered("cite", [text_format, LOCALE, [list(keys) for keys in key_lists], positions,
                               processor_input(sources)], style, formatted)
    notes = [Note(number, fact.id, keys, position, text) for number, (fact, keys, position, text)
             in enumerate(zip(facts, key_lists, positions, work["notes"], strict=True), start=1)]
    return CitedWork(work["style"], numbered, tuple(notes),
                     tuple(Rendered(key, text) for key, text in work["bibliography"]), tuple(sources))


def note_texts(base: Base, key_lists: Sequence[tuple[str, ...]], style: str = DEFAULT_STYLE,
               text_format: str = "text") -> list[str]:
    """The text of numbered notes citing these source keys in order (first, subsequent, ibid as they fall)."""
    renderer = StyleRenderer(_used_sources(base, key_lists), style, text_format)
    return _note_texts(renderer, key_lists, plan_positions(key_lists))


def _used_sources(base: Base, key_lists: Sequence[tuple[str, ...]]) -> list[Source]:
    return [base.sources[key] for key in dict.fromkeys(key for keys in key_lists for key in keys)]


def _note_texts(renderer: StyleRenderer, key_lists: Sequence[tuple[str, ...]],
                positions: Sequence[Position]) -> list[str]:
    """Each note's text, a repeated note rendered once.

    citeproc-py takes longer for every citation it has been given (10,000 notes took minutes), and a note
    citing the same sources in the same position reads the same, as long as no new source has been cited
    since (a new one can change how the others are told apart): such a note is rendered once.
    """
    rendered: dict[tuple[tuple[str, ...], Position, int], str] = {}
    cited: set[str] = set()
    texts = []
    for keys, position in zip(key_lists, positions, strict=True):
        memo = (keys, position, len(cited))
        if memo not in rendered:
            rendered[memo] = _note_text(renderer, keys, position)
        texts.append(rendered[memo])
        cited.update(keys)
    return texts


def _note_text(renderer: StyleRenderer, keys: tuple[str, ...], position: Position) -> str:
    if position == "unsourced":
        return UNSOURCED
    if position == "ibid" and not renderer.prints_ibid:
        position = "subsequent"
    with citeproc_fixes.position(position):
        text = renderer.cite(keys)
    # citeproc-py does not print the ibid term itself; a style that asks for it gets it here.
    return IBID if position == "ibid" else text
