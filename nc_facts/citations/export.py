"""Choosing the sources to export and writing them in a bibliography format."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..dates import PartialDate
from ..errors import UsageError
from ..lookup import get_fact
from ..model import Base, Fact, Source
from ..search import search
from ..serialize import envelope, source_order, source_to_dict
from .bibtex import biblatex, bibtex
from .csl import csl_items
from .losses import Losses
from .ris import ris
from .style import DEFAULT_STYLE, Rendered, render_bibliography

EXPORT_FORMATS: tuple[str, ...] = ("bibtex", "biblatex", "csl-json", "ris", "markdown", "json")
QUERY_LIMIT = 20

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..reader import IndexedBase


@dataclass(frozen=True)
class Export:
    text: str
    losses: tuple[str, ...]


def select_sources(base: Base, fact_ids: Sequence[str] = (), query: str | None = None) -> list[Source]:
    """The whole bibliography, or the sources cited by the chosen facts or a search's results."""
    if not fact_ids and not query:
        return sorted(base.sources.values(), key=source_order)
    facts = [get_fact(base, fact_id) for fact_id in fact_ids]
    if query:
        facts += [hit.fact for hit in search(base, query, QUERY_LIMIT)]
    return cited_sources(facts, base.sources)


def select_indexed_sources(indexed: IndexedBase, fact_ids: Sequence[str] = (),
                           query: str | None = None) -> list[Source]:
    """``select_sources`` of a base read from its index: only the chosen facts and results are decoded."""
    if not fact_ids and not query:
        return sorted(indexed.sources.values(), key=source_order)
    positions = [indexed.lookup(fact_id) for fact_id in fact_ids]
    if query:
        positions += [position for position, _, _ in indexed.find(query, QUERY_LIMIT)[0]]
    return cited_sources(map(indexed.fact, positions), indexed.sources)


def cited_sources(facts: Iterable[Fact], sources: Mapping[str, Source]) -> list[Source]:
    """The sources the facts cite, each once, in order of first citation."""
    keys = dict.fromkeys(citation.source for fact in facts for citation in fact.citations)
    return [sources[key] for key in keys]


def csl_json(sources: Sequence[Source], losses: Losses) -> str:
    for source in sources:
        if source.note:
            losses.add("csl-json", "cannot hold the curator's note (CSL 'note' is printed by some styles)", source.key)
    return json.dumps(csl_items(sources), ensure_ascii=False, indent=2) + "\n"


def markdown_list(sources: Sequence[Source], losses: Losses) -> str:
    entries = render_bibliography(sources, DEFAULT_STYLE, "markdown")
    style_losses("markdown", sources, entries, losses, DEFAULT_STYLE)
    return "".join(f"- {entry.text}\n" for entry in entries)


def json_document(sources: Sequence[Source], losses: Losses) -> str:
    document = envelope(sources=[source_to_dict(s) for s in sources], csl=csl_items(sources))
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Callable[[Sequence[Source], Losses], str]] = {
    "bibtex": bibtex,
    "biblatex": biblatex,
    "csl-json": csl_json,
    "ris": ris,
    "markdown": markdown_list,
    "json": json_document,
}


def export(sources: Sequence[Source], fmt: str) -> Export:
    if fmt not in WRITERS:
        raise UsageError(f"unknown export format {fmt!r}; use {', '.join(EXPORT_FORMATS)}")
    losses = Losses()
    text = WRITERS[fmt](sources, losses)
    return Export(text, tuple(losses.messages()))


def _date_spellings(date: PartialDate) -> list[str]:
    """How the en-US styles may print a day-precise date."""
    day = date.as_date()
    month, short = day.strftime("%B"), day.strftime("%b")
    return [date.iso(), f"{month} {day.day}, {day.year}", f"{day.day} {month} {day.year}",
            f"{day.day} {short}. {day.year}", f"{day.day} {short} {day.year}"]


def _unescaped(text: str) -> str:
    """An entry's text as the data was: HTML entries escape it with entities, Markdown ones with backslashes."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text))


# Any day will do: it only shows whether the style would print an access date.
_PROBE_DAY = PartialDate(2000, 1, 1)


def style_losses(style: str, sources: Sequence[Source], entries: Sequence[Rendered], losses: Losses,
                 style_name: str | None = None) -> None:
    """What the style leaves out of an entry although the base has it, or wants and the base lacks (say so)."""
    texts = {entry.key: _unescaped(entry.text) for entry in entries}
    for source in sources:
        text = texts.get(source.key, "")
        if source.url and source.url not in text:
            losses.add(style, "leaves out the URL (the style does not print it)", source.key)
        if source.accessed and source.accessed.day and not any(d in text for d in _date_spellings(source.accessed)):
            losses.add(style, "leaves out the access date (the style prints none for a dated item)", source.key)
    for key in wanted_access_dates(style_name or style, sources):
        losses.add(style, "wants an access date the base does not record (the entry is printed without it)", key)


def wanted_access_dates(style: str, sources: Sequence[Source]) -> list[str]:
    """The online sources without an access date whose entry in the style would change if they had one."""
    unvisited = [source for source in sources if source.url and source.accessed is None]
    if not unvisited:
        return []
    probes = render_bibliography([source._replace(accessed=_PROBE_DAY) for source in unvisited], style)
    as_they_are = {entry.key: entry.text for entry in render_bibliography(unvisited, style)}
    return [probe.key for probe in probes if probe.text != as_they_are[probe.key]]


def styled(sources: Sequence[Source], style: str, text_format: str) -> Export:
    """The bibliography in a CSL style, one entry per paragraph (text), list item (markdown) or div (html)."""
    entries = render_bibliography(sources, style, text_format)
    losses = Losses()
    style_losses(style, sources, entries, losses)
    if text_format == "markdown":
        text = "".join(f"- {entry.text}\n" for entry in entries)
    elif text_format == "html":
        body = "".join(f'  <div class="csl-entry" id="ref-{entry.key}">{entry.text}</div>\n' for entry in entries)
        text = f'<div class="csl-bib-body">\n{body}</div>\n'
    else:
        text = "\n".join(f"{entry.text}\n" for entry in entries)
    return Export(text, tuple(losses.messages()))
