"""A base's entries as the index stores them, and back: facts from their JSON, declarations as plain data.

A fact is stored once, as the JSON ``serialize.fact_to_dict`` gives it (what
the commands print); ``fact_from_dict`` reads it back into the same ``Fact``
the loader made, so the citation code and the checker work on decoded facts
without the TOML being parsed.  Sources, entities, measures and units, which the
JSON of a fact does not hold whole, are stored field by field.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .dates import PartialDate, parse_partial_date
from .model import Author, BetterValue, Caveat, Citation, Entity, Fact, Measure, Source, Unit, Value, with_every_field

JSON = dict[str, Any]


def _date(text: str | None) -> PartialDate | None:
    return parse_partial_date(text) if text else None


def _iso(date: PartialDate | None) -> str | None:
    return date.iso() if date else None


def _citation(document: JSON) -> Citation:
    return with_every_field(Citation, {"source": document["source"], "footnote": document["footnote"],
                                       "quote": document["quote"] or "", "locator": document["locator"] or ""})


def _value(document: JSON) -> Value:
    return with_every_field(Value, {"value": document["value"], "unit": document["unit"],
                                    "measure": document["measure"], "approximate": document["approximate"],
                                    "scope": document["scope"] or ""})


def _better(document: JSON) -> BetterValue:
    return BetterValue(document["value"], document["unit"], document["measure"], document["source"]["source"],
                       document["note"] or "", document["scope"] or "", _date(document["corrected"]))


def _caveat(document: JSON) -> Caveat:
    source = document["source"]
    return Caveat(document["severity"], document["text"], source["source"] if source else "",
                  _date(document["corrected"]))


def fact_from_dict(document: JSON) -> Fact:
    """The ``Fact`` whose ``serialize.fact_to_dict`` is ``document``."""
    retired = document["retired"]
    # Made as the loader's fast path makes facts (``model.with_every_field``): the generated __init__ sets each
    # field through object.__setattr__, most of the cost of decoding a large base.
    return with_every_field(Fact, {
        "id": document["id"], "claim": document["claim"], "kind": document["kind"], "quote": document["quote"] or "",
        "paragraph": document["paragraph"], "claimant": document["claimant"] or "", "event": document["event"] or "",
        "dates": tuple(parse_partial_date(date["date"]) for date in document["dates"]),
        "entities": tuple(document["entities"]), "tags": tuple(document["tags"]),
        "aliases": tuple(document["aliases"]), "values": tuple(map(_value, document["values"])),
        "citations": tuple(map(_citation, document["citations"])), "caveats": tuple(map(_caveat, document["caveats"])),
        "better_values": tuple(map(_better, document["better_values"])),
        "derived_from": tuple(document["derived_from"]), "derivation": document["derivation"] or "",
        "retired": retired["reason"] if retired else "", "retired_on": _date(retired["date"]) if retired else None,
    })


def _author(author: Author) -> list[str]:
    return [author.family, author.given, author.organisation]


def source_record(source: Source) -> JSON:
    return {"key": source.key, "outlet": source.outlet, "title": source.title, "language": source.language,
            "kind": source.kind, "from_article": source.from_article, "footnotes": list(source.footnotes),
            "title_en": source.title_en, "url": source.url, "published": _iso(source.published),
            "accessed": _iso(source.accessed), "author": source.author, "note": source.note,
            "authors": [_author(author) for author in source.authors]}


def source_from_record(record: JSON) -> Source:
    return Source(record["key"], record["outlet"], record["title"], record["language"], record["kind"],
                  record["from_article"], tuple(record["footnotes"]), record["title_en"], record["url"],
                  _date(record["published"]), _date(record["accessed"]), record["author"], record["note"],
                  tuple(Author(*author) for author in record["authors"]))


class StoredSources(Mapping[str, Source]):
    """A base's sources by key, as the index stores them: each decoded when first asked for.

    A check cites the sources of a few facts; decoding all 2,000 of a million-fact base took about a fifth
    of the check.  Whether any is from the article is known from the records (``base_is_article``).
    """

    def __init__(self, records: list[JSON]) -> None:
        self._records = {record["key"]: record for record in records}
        self._decoded: dict[str, Source] = {}
        self.from_article = any(record["from_article"] for record in records)

    def __getitem__(self, key: str) -> Source:
        source = self._decoded.get(key)
        if source is None:
            source = self._decoded[key] = source_from_record(self._records[key])
        return source

    def __contains__(self, key: object) -> bool:
        return key in self._records  # Mapping's own would decode the source to tell

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


def entity_record(entity: Entity) -> JSON:
    return {"id": entity.id, "name": entity.name, "kind": entity.kind, "aliases": list(entity.aliases),
            "part_of": entity.part_of, "dates": [date.iso() for date in entity.dates], "ordinal": entity.ordinal,
            "series": entity.series, "note": entity.note}


def entity_from_record(record: JSON) -> Entity:
    return Entity(record["id"], record["name"], record["kind"], tuple(record["aliases"]), record["part_of"],
                  tuple(map(parse_partial_date, record["dates"])), record["ordinal"], record["series"],
                  record["note"])


def measure_record(measure: Measure) -> JSON:
    return {"name": measure.name, "unit": measure.unit, "meaning": measure.meaning,
            "aliases": list(measure.aliases), "complement": measure.complement}


def measure_from_record(record: JSON) -> Measure:
    return Measure(record["name"], record["unit"], record["meaning"], tuple(record["aliases"]),
                   record["complement"])


def unit_record(unit: Unit) -> JSON:
    return {"name": unit.name, "symbol": unit.symbol, "aliases": list(unit.aliases), "meaning": unit.meaning}


def unit_from_record(record: JSON) -> Unit:
    return Unit(record["name"], record["symbol"], tuple(record["aliases"]), record["meaning"])
