"""The JSON shapes of facts, sources and results (schema in schema/nc-facts.schema.json).

Every command's JSON is an envelope ``{"schema_version": N, ...}``.  Bump
SCHEMA_VERSION on any change that could break a consumer (a key removed or
renamed, a type changed); adding a key is not such a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import documents
from .dates import PartialDate
from .documents import SCHEMA_VERSION as SCHEMA_VERSION
from .documents import envelope as envelope
from .model import Author, Base, Citation, Fact, Source
from .provenance import base_is_article

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .problems import Problem
    from .search import Found, SearchHit

JSON = dict[str, Any]


def _date(date: PartialDate | None) -> str | None:
    return date.iso() if date else None


def source_to_dict(source: Source) -> JSON:
    return {
        "key": source.key,
        "footnotes": list(source.footnotes),
        "outlet": source.outlet,
        "title": source.title,
        "title_en": source.title_en or None,
        "language": source.language,
        "kind": source.kind,
        "url": source.url or None,
        "published": _date(source.published),
        "accessed": _date(source.accessed),
        "from_article": source.from_article,
        "author": "; ".join(author.display() for author in source.names) or None,
        "note": source.note or None,
        "authors": [author_to_dict(author) for author in source.names],
    }


def author_to_dict(author: Author) -> JSON:
    if author.is_person:
        return {"family": author.family, "given": author.given or None}
    return {"organisation": author.organisation}


def citation_to_dict(citation: Citation, sources: Mapping[str, Source]) -> JSON:
    source = sources[citation.source]
    return {
        "source": source.key,
        "footnote": citation.footnote,
        "outlet": source.outlet,
        "title": source.title,
        "title_en": source.title_en or None,
        "language": source.language,
        "url": source.url or None,
        "published": _date(source.published),
        "accessed": _date(source.accessed),
        "quote": citation.quote or None,
        "locator": citation.locator or None,
    }


def fact_to_dict(fact: Fact, sources: Mapping[str, Source]) -> JSON:
    document = _fact_head(fact, sources)
    document["citations"] = [citation_to_dict(c, sources) for c in fact.citations]
    document["retired"] = _retired(fact)
    return document


def _fact_head(fact: Fact, sources: Mapping[str, Source]) -> JSON:
    """A fact's document up to its citations (which ``fact_to_dict`` and ``FactJson`` add, then its retirement)."""
    return {
        "id": fact.id,
        "claim": fact.claim,
        "quote": fact.quote or None,
        "paragraph": fact.paragraph,
        "kind": fact.kind,
        "claimant": fact.claimant or None,
        "event": fact.event or None,
        "sourced": fact.sourced,
        "derived": fact.derived,
        "derived_from": list(fact.derived_from),
        "derivation": fact.derivation or None,
        "values": [
            {"value": v.value, "unit": v.unit, "measure": v.measure, "approximate": v.approximate,
             "scope": v.scope or None}
            for v in fact.values
        ],
        "better_values": [
            {"value": b.value, "unit": b.unit, "measure": b.measure, "note": b.note or None,
             "scope": b.scope or None, "source": citation_to_dict(Citation(b.source), sources),
             "corrected": _date(b.corrected)}
            for b in fact.better_values
        ],
        "dates": [{"date": d.iso(), "precision": d.precision} for d in fact.dates],
        "entities": list(fact.entities),
        "tags": list(fact.tags),
        "aliases": list(fact.aliases),
        "caveats": [
            {"severity": c.severity, "text": c.text,
             "source": citation_to_dict(Citation(c.source), sources) if c.source else None,
             "corrected": _date(c.corrected)}
            for c in fact.caveats
        ],
    }


def _retired(fact: Fact) -> JSON | None:
    return {"reason": fact.retired, "date": _date(fact.retired_on)} if fact.retired else None


class FactJson:
    """Each fact's JSON, as UTF-8: the document ``fact_to_dict(fact, sources)``, compact, for the index.

    For the many facts of one base (the index holds every fact's JSON): their citations recur, so each is
    encoded once and spliced in.  orjson encodes (about five times as fast as json at 100,000 facts); the
    index's reader decodes with json, to the same document.
    """

    LIMIT = 100_000  # a bound on memory for a base whose citations do not recur after all

    def __init__(self, sources: Mapping[str, Source]) -> None:
        import orjson  # here, not at the top: the checker imports this module, and orjson costs 10-20 ms

        self._sources = sources
        self._citations: dict[Citation, bytes] = {}
        self._dumps = orjson.dumps

    def __call__(self, fact: Fact) -> bytes:
        head = self._compact(_fact_head(fact, self._sources))
        citations = b",".join(map(self._citation, fact.citations))
        retired = self._compact(_retired(fact)) if fact.retired else b"null"
        return b"%s,\"citations\":[%s],\"retired\":%s}" % (head[:-1], citations, retired)

    def _citation(self, citation: Citation) -> bytes:
        text = self._citations.get(citation)
        if text is None:
            if len(self._citations) >= self.LIMIT:
                self._citations.clear()
            text = self._citations[citation] = self._compact(citation_to_dict(citation, self._sources))
        return text

    def _compact(self, document: JSON | None) -> bytes:
        try:
            return self._dumps(document)
        except TypeError:  # past orjson's limits (an integer of more than 64 bits): json writes it
            import json

            return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def hit_to_dict(hit: SearchHit, sources: Mapping[str, Source]) -> JSON:
    return documents.result(fact_to_dict(hit.fact, sources), hit.score, hit.matched)


def problem_to_dict(problem: Problem) -> JSON:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "id": problem.fact_id,
        "field": problem.field,
        "message": problem.message,
        "text": str(problem),
    }


def search_document(query: str, found: Found, base: Base) -> JSON:
    return documents.search_document(query, str(base.directory), base_is_article(base), found.unmatched,
                                     [hit_to_dict(h, base.sources) for h in found.hits])


def fact_document(fact: Fact, base: Base) -> JSON:
    return documents.fact_document(fact_to_dict(fact, base.sources), base_is_article(base))


def sources_document(base: Base) -> JSON:
    return envelope(article=base_is_article(base),
                    sources=[source_to_dict(s) for s in sorted(base.sources.values(), key=source_order)])


def source_order(source: Source) -> tuple[int, int, str]:
    """Article sources by footnote, then the reference pages by key."""
    return (0 if source.footnotes else 1, min(source.footnotes, default=0), source.key)


def validation_document(base_dir: str, problems: list[Problem]) -> JSON:
    return envelope(base=base_dir, valid=not problems, problems=[problem_to_dict(p) for p in problems])
