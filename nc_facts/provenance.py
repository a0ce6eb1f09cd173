"""Where a base's words come from: one article and its footnotes, or a dossier of sources.

An article base holds the claims of one article: its facts quote the
article (``quote``, ``paragraph``) and cite the article's footnotes.  A
dossier holds claims gathered from several sources, none of them an
article's footnote: each quote belongs to the source it is cited from, and
says where it stands there (``locator``).  Renderers and the checker word
their output by this ("the article, citing ..." or "BBC says ...").
"""

from __future__ import annotations

from typing import NamedTuple

from .model import Base, Fact


class Quote(NamedTuple):
    """A quote a fact rests on: from the source ``source`` (a key), or the fact's own (None)."""

    source: str | None
    text: str
    locator: str = ""


def base_is_article(base: Base) -> bool:
    """True for a base built from one article (some source is from it); False for a dossier."""
    from .records import StoredSources

    if isinstance(base.sources, StoredSources):  # read from the index, which tells without decoding them
        return base.sources.from_article
    return any(source.from_article for source in base.sources.values())


def fact_quotes(fact: Fact) -> list[Quote]:
    """The fact's own quote first (the article's, located by its paragraph), then each citation's quote."""
    quotes = []
    if fact.quote:
        locator = f"paragraph {fact.paragraph}" if fact.paragraph else ""
        quotes.append(Quote(None, fact.quote, locator))
    quotes += [Quote(citation.source, citation.quote, citation.locator) for citation in fact.citations
               if citation.quote]
    return quotes
