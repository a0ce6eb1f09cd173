"""The sections of the index that serve every command but search: ids, filters, dates, declarations.

Facts are stored at positions: the standing facts first, in base order (the
positions search ranks), then the retired ones.  Beside the search sections
(``store``), a build writes:

- ``id_blob``, ``id_start``, ``id_pos``: the ids sorted by their UTF-8 bytes,
  and each one's position, for a look-up by bisection;
- ``rank``: each position's place in the base, the order ``list`` prints;
- ``labels`` and ``label_pos``: for each tag (case folded, with the spelling
  the suggestions show), kind, cited source key and claimant (normalised),
  and for the facts without citations and those with caveats, where their
  positions start in ``label_pos`` and how many there are;
- ``date_*``: one entry per date of a fact, in timeline order (by date, the
  less precise first, then base order, then the fact's own order): the date
  (``year * 10000 + month * 100 + day``), the fact, and the first and last day
  it may mean; ``date_by_first`` orders the entries by first day, so that a
  date range reads a slice instead of every entry;
- ``declarations``: sources, entities, measures and units, field by field.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Sequence
from typing import Any

from .dates import date_key
from .model import Base, Fact
from .records import entity_record, measure_record, source_record, unit_record
from .text import normalize

Section = tuple[bytes | memoryview, str]
LABEL_FAMILIES = ("tags", "kinds", "sources", "claimants", "flags")


def _array_section(values: array[int]) -> Section:
    return memoryview(values).cast("B"), values.typecode


def record_sections(ordered: Sequence[Fact], base: Base) -> dict[str, Section]:
    """The sections above for the facts at their positions (``ordered``) of ``base``."""
    rank_of = {id(fact): rank for rank, fact in enumerate(base.facts)}
    ranks = array("I", (rank_of[id(fact)] for fact in ordered))
    return {**_id_sections(ordered), "rank": _array_section(ranks), **_label_sections(ordered, base),
            **_date_sections(ordered, ranks), "declarations": (_declarations(base), "s")}


def _id_sections(ordered: Sequence[Fact]) -> dict[str, Section]:
    keyed = sorted((fact.id.encode("utf-8"), position) for position, fact in enumerate(ordered))
    blob, starts, positions = bytearray(), array("Q", [0]), array("I")
    for key, position in keyed:
        blob += key
        starts.append(len(blob))
        positions.append(position)
    return {"id_blob": (bytes(blob), "s"), "id_start": _array_section(starts), "id_pos": _array_section(positions)}


def _fact_labels(fact: Fact) -> dict[str, set[str]]:
    flags = {name for name, holds in (("unsourced", not fact.citations), ("caveats", bool(fact.caveats))) if holds}
    claimant = normalize(fact.claimant)
    return {"tags": {tag.casefold() for tag in fact.tags}, "kinds": {fact.kind},
            "sources": {citation.source for citation in fact.citations},
            "claimants": {claimant} if claimant else set(), "flags": flags}


def _label_sections(ordered: Sequence[Fact], base: Base) -> dict[str, Section]:
    postings: dict[str, dict[str, array[int]]] = {family: {} for family in LABEL_FAMILIES}
    for position, fact in enumerate(ordered):
        for family, labels in _fact_labels(fact).items():
            for label in labels:
                postings[family].setdefault(label, array("I")).append(position)
    # The spelling a suggestion shows for a tag is its last one in base order, as filters.check_against has it.
    spelling = {tag.casefold(): tag for fact in base.facts for tag in fact.tags}
    table: dict[str, dict[str, list[Any]]] = {}
    label_pos = array("I")
    for family in LABEL_FAMILIES:
        table[family] = {}
        for label, positions in postings[family].items():
            table[family][label] = [len(label_pos), len(positions)]
            label_pos.extend(positions)
    return {"labels": (json.dumps({"postings": table, "tag_spelling": spelling}, ensure_ascii=False).encode(), "s"),
            "label_pos": _array_section(label_pos)}


def _date_sections(ordered: Sequence[Fact], ranks: array[int]) -> dict[str, Section]:
    entries = sorted((date_key(date), ranks[position], order, position, date)
                     for position, fact in enumerate(ordered) for order, date in enumerate(fact.dates))
    keys, facts = array("I", (entry[0] for entry in entries)), array("I", (entry[3] for entry in entries))
    first = array("I", (entry[4].as_date().toordinal() for entry in entries))
    last = array("I", (entry[4].last_day().toordinal() for entry in entries))
    by_first = array("I", sorted(range(len(entries)), key=first.__getitem__))
    return {"date_key": _array_section(keys), "date_fact": _array_section(facts),
            "date_first": _array_section(first), "date_last": _array_section(last),
            "date_by_first": _array_section(by_first)}


def _declarations(base: Base) -> bytes:
    document = {"sources": [source_record(source) for source in base.sources.values()],
                "entities": [entity_record(entity) for entity in base.entities],
                "measures": [measure_record(measure) for measure in base.measures],
                "units": [unit_record(unit) for unit in base.units]}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
