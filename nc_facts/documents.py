"""The envelopes of the read commands' JSON documents, built in one place for every way a base is read.

A document is built here from facts already in their JSON shape
(``serialize.fact_to_dict``), whether they come from a base loaded in memory
or from the index, so the two ways print the same bytes.  The module imports
nothing, so that the plain search pays for no more than it uses.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    JSON = dict[str, Any]

SCHEMA_VERSION = 1


def envelope(**payload: Any) -> JSON:
    return {"schema_version": SCHEMA_VERSION, **payload}


def search_document(query: str, base: str, article: bool, unmatched: Sequence[str],
                    results: Sequence[JSON]) -> JSON:
    """``search``: ``results`` are facts with their ``score`` and ``matched`` terms, best first."""
    return envelope(query=query, base=base, article=article, unmatched=list(unmatched), results=list(results))


def result(fact: JSON, score: float, matched: Sequence[str]) -> JSON:
    return {**fact, "score": score, "matched": list(matched)}


def fact_document(fact: JSON, article: bool) -> JSON:
    return envelope(fact=fact, article=article)


def list_document(base: str, filters: JSON, facts: Sequence[JSON]) -> JSON:
    return envelope(base=base, filters=filters, count=len(facts), facts=list(facts))


def timeline_document(base: str, filters: JSON, entries: Sequence[tuple[str, str, JSON]]) -> JSON:
    """``entries``: each fact at one of its dates, as (ISO date, precision, fact)."""
    return envelope(base=base, filters=filters, count=len(entries),
                    entries=[{"date": date, "precision": precision, "fact": fact}
                             for date, precision, fact in entries])
