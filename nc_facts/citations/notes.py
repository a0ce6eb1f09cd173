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
from typing import Literal

from ..lookup import get_fact
from ..model import Base, Fact, Source
from . import citeproc_fixes
from .style import DEFAULT_STYLE, Rendered, StyleRenderer

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
    renderer = StyleRenderer(_used_sources(base, key_lists), style, text_format)
    notes = []
    for number, (fact, keys, position) in enumerate(zip(facts, key_lists, positions, strict=True), start=1):
        notes.append(Note(number, fact.id, keys, position, _note_text(renderer, keys, position)))
    return CitedWork(renderer.style_name, numbered, tuple(notes), tuple(renderer.bibliography()),
                     tuple(_used_sources(base, key_lists)))


def note_texts(base: Base, key_lists: Sequence[tuple[str, ...]], style: str = DEFAULT_STYLE,
               text_format: str = "text") -> list[str]:
    """The text of numbered notes citing these source keys in order (first, subsequent, ibid as they fall)."""
    renderer = StyleRenderer(_used_sources(base, key_lists), style, text_format)
    return [_note_text(renderer, keys, position) for keys, position in zip(key_lists, plan_positions(key_lists),
                                                                            strict=True)]


def _used_sources(base: Base, key_lists: Sequence[tuple[str, ...]]) -> list[Source]:
    return [base.sources[key] for key in dict.fromkeys(key for keys in key_lists for key in keys)]


def _note_text(renderer: StyleRenderer, keys: tuple[str, ...], position: Position) -> str:
    if position == "unsourced":
        return UNSOURCED
    if position == "ibid" and not renderer.prints_ibid:
        position = "subsequent"
    with citeproc_fixes.position(position):
        text = renderer.cite(keys)
    # citeproc-py does not print the ibid term itself; a style that asks for it gets it here.
    return IBID if position == "ibid" else text
