"""One read API for a base: opened once, answered from the on-disk index, each fact decoded when used.

``open_base`` opens the index of a base (building it, and so loading and
validating the TOML, only when the base changed since it was built) and
returns an ``IndexedBase``: look-ups by id, the filters of ``filters``, the
timeline, search (plain and filtered), the declarations the checker and
citations need, and the JSON documents of the read commands.  A fact is
read from the file and decoded only when it is asked for; everything it
answers equals what the same question asked of the loaded base answers
(``loader``, ``filters``, ``timeline``, ``search``), which the tests compare.

Facts are named by their position in the index (see ``index_sections``):
the standing facts first, in base order, then the retired ones.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar

from . import documents
from .base_dir import base_dir_text
from .dates import PartialDate, date_of_key
from .errors import UsageError
from .ranking import Ranked, rank_with_unmatched
from .store import DiskIndex, IndexUntrusted, open_index, rebuild_index
from .text import normalize

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Only a fact decoded or a declaration read needs the model: show, list and timeline print stored JSON.
    from .filters import FactFilter
    from .model import Base, Entity, Fact, Measure, Source, Unit
    from .ranking import TermIndex

JSON = dict[str, Any]
_NO_BOUND = 2**32 - 1
_Asked = ParamSpec("_Asked")
_Answer = TypeVar("_Answer")


def _checked(method: Callable[Concatenate[IndexedBase, _Asked], _Answer]
             ) -> Callable[Concatenate[IndexedBase, _Asked], _Answer]:
    """Answer again from an index rebuilt from the base when the file proves damaged where it was read.

    The file's reads are checked against its block sums (``store``); what was
    read before the damage was met checked out, and a rebuild of an unchanged
    base puts every fact at the same position, so what is kept stays true.
    """
    @functools.wraps(method)
    def answer(self: IndexedBase, /, *args: _Asked.args, **kwargs: _Asked.kwargs) -> _Answer:
        try:
            return method(self, *args, **kwargs)
        except IndexUntrusted:
            self.index = rebuild_index(self.directory, self._notice)
            return method(self, *args, **kwargs)
    return answer


def open_base(base: str | os.PathLike[str] | None = None,
              notice: Callable[[str], None] | None = None) -> IndexedBase:
    """The base in ``base`` (else $NC_FACTS_BASE, else the bundled base), served from its index.

    Raises the loader's errors for a base that is missing or fails validation.
    ``notice`` is told of a base file large enough for a rebuild to take a while.
    """
    directory = base_dir_text(None if base is None else os.fspath(base))
    return IndexedBase(open_index(directory, notice), directory, notice)


class IndexedBase:
    """A base read from its index (see the module docstring)."""

    def __init__(self, index: DiskIndex, directory: str, notice: Callable[[str], None] | None = None) -> None:
        self.index = index
        self.directory = directory  # as the loader spells it: the documents' "base"
        self._notice = notice
        self.article: bool = bool(index.header["article"])
        self.standing = int(index.header["facts"])
        self._count = int(index.header["all_facts"])
        self._facts: dict[int, Fact] = {}
        self._labels: JSON | None = None
        self._declarations: tuple[Mapping[str, Source], tuple[Entity, ...], tuple[Measure, ...],
                                  tuple[Unit, ...]] | None = None

    def __len__(self) -> int:
        return self._count

    # --- facts by id ---------------------------------------------------------------------------------------

    @_checked
    def position(self, fact_id: str) -> int | None:
        """The position of the fact with this id, or None."""
        blob, starts, positions = (self.index.section(name) for name in ("id_blob", "id_start", "id_pos"))
        wanted = fact_id.encode("utf-8", "surrogatepass")
        at = bisect_left(range(len(positions)), wanted, key=lambda i: bytes(blob[starts[i]:starts[i + 1]]))
        if at < len(positions) and bytes(blob[starts[at]:starts[at + 1]]) == wanted:
            return int(positions[at])
        return None

    def lookup(self, fact_id: str) -> int:
        """The position of the fact with this id; UnknownFactError names the closest ids when there is none."""
        position = self.position(fact_id)
        if position is None:
            from .lookup import unknown_fact

            raise unknown_fact(fact_id, self.ids())
        return position

    @_checked
    def ids(self) -> list[str]:
        blob, starts = bytes(self.index.section("id_blob")), self.index.section("id_start")
        return [blob[starts[i]:starts[i + 1]].decode("utf-8") for i in range(len(starts) - 1)]

    @_checked
    def fact_json(self, position: int) -> JSON:
        """The fact as ``serialize.fact_to_dict`` gives it, citations included."""
        return self.index.fact_json(position)

    @_checked
    def facts_json(self, positions: Sequence[int]) -> list[JSON]:
        """``fact_json`` of each position, in order."""
        return self.index.facts_json(positions)

    def fact(self, position: int) -> Fact:
        """The fact at ``position``, decoded once."""
        fact = self._facts.get(position)
        if fact is None:
            from .records import fact_from_dict

            fact = self._facts[position] = fact_from_dict(self.fact_json(position))
        return fact

    def get(self, fact_id: str) -> Fact:
        """The fact with this id; UnknownFactError when there is none."""
        return self.fact(self.lookup(fact_id))

    # --- declarations --------------------------------------------------------------------------------------

    @_checked
    def _declared(self) -> tuple[Mapping[str, Source], tuple[Entity, ...], tuple[Measure, ...], tuple[Unit, ...]]:
        if self._declarations is None:
            from .records import StoredSources, entity_from_record, measure_from_record, unit_from_record

            document = json.loads(bytes(self.index.section("declarations")))
            self._declarations = (StoredSources(document["sources"]),
                                  tuple(map(entity_from_record, document["entities"])),
                                  tuple(map(measure_from_record, document["measures"])),
                                  tuple(map(unit_from_record, document["units"])))
        return self._declarations

    @property
    def sources(self) -> Mapping[str, Source]:
        return self._declared()[0]

    @property
    def entities(self) -> tuple[Entity, ...]:
        return self._declared()[1]

    @property
    def measures(self) -> tuple[Measure, ...]:
        return self._declared()[2]

    @property
    def units(self) -> tuple[Unit, ...]:
        return self._declared()[3]

    def base_of(self, positions: Iterable[int]) -> Base:
        """A ``Base`` holding the facts at ``positions`` (in that order) and every declaration."""
        return self._base(tuple(dict.fromkeys(map(self.fact, positions))))

    def declared_base(self) -> Base:
        """A ``Base`` of the declarations alone (sources, entities, measures, units): no fact decoded."""
        return self._base(())

    @_checked
    def whole_base(self) -> Base:
        """Every fact, retired ones included, in base order: the ``Base`` the loader gives, decoded from the file."""
        from .model import collection_paused
        from .records import fact_from_dict

        with collection_paused():
            for position, document in enumerate(self.index.every_fact_json()):
                if position not in self._facts:
                    self._facts[position] = fact_from_dict(document)
        # Each position once: the dict base_of keeps them in would hash every fact.
        return self._base(tuple(self._facts[position] for position in self._in_base_order(range(self._count))))

    def standing_facts(self) -> Iterator[Fact]:
        """Every standing fact, in base order, decoded as it is read and not kept (``whole_base`` keeps them)."""
        from .records import fact_from_dict

        self._check_facts()  # before the first is read: a damaged index is rebuilt here, not midway
        for position, document in enumerate(self.index.every_fact_json()):
            if position >= self.standing:
                return
            yield fact_from_dict(document)

    @_checked
    def _check_facts(self) -> None:
        self.index.fact_sections()

    def _base(self, facts: tuple[Fact, ...]) -> Base:
        from pathlib import Path

        from .model import Base

        return Base(directory=Path(self.directory), facts=facts, sources=self.sources, entities=self.entities,
                    measures=self.measures, units=self.units)

    # --- filters and the timeline --------------------------------------------------------------------------

    @_checked
    def _label_table(self) -> JSON:
        if self._labels is None:
            self._labels = json.loads(bytes(self.index.section("labels")))
        return self._labels

    def _labelled(self, family: str, labels: Iterable[str]) -> set[int]:
        """The positions of the facts holding any of ``labels`` of ``family`` (tags, kinds, ...)."""
        table, positions = self._label_table()["postings"][family], self.index.section("label_pos")
        found: set[int] = set()
        for label in labels:
            start, count = table.get(label, (0, 0))
            found.update(positions[start:start + count])
        return found

    def check_filter(self, where: FactFilter) -> None:
        """UsageError for a source key or tag the base lacks, as ``filters.check_against`` says it."""
        from .filters import check_names

        check_names(where, self.sources, lambda: self._label_table()["tag_spelling"])

    def _criteria(self, where: FactFilter) -> list[set[int]]:
        """For each criterion of ``where`` but retirement, the positions of the facts meeting it."""
        criteria = []
        for family, labels in (("tags", [tag.casefold() for tag in where.tags]), ("kinds", where.kinds),
                               ("sources", where.sources)):
            if labels:
                criteria.append(self._labelled(family, labels))
        if where.claimants:
            names = [normalize(name) for name in where.claimants]
            held = self._label_table()["postings"]["claimants"]
            criteria.append(self._labelled("claimants", [label for label in held
                                                         if any(name in label for name in names)]))
        for flag in ("unsourced", "caveats"):
            if getattr(where, flag):
                criteria.append(self._labelled("flags", [flag]))
        if where.has_date_criteria:
            facts = self.index.section("date_fact")
            criteria.append({facts[entry] for entry in self._date_entries(where)})
        return criteria

    @_checked
    def select(self, where: FactFilter | None = None) -> list[int]:
        """The positions of the facts passing ``where``, in base order (``filters.select``)."""
        if where is None or not where.active:
            return list(range(self.standing))
        criteria = self._criteria(where)
        end = self._count if where.include_retired else self.standing
        if not criteria:
            return self._in_base_order(range(end))
        chosen = set.intersection(*criteria)
        return self._in_base_order(position for position in chosen if position < end)

    def _in_base_order(self, positions: Iterable[int]) -> list[int]:
        rank = self.index.section("rank")
        return sorted(positions, key=rank.__getitem__)

    def _date_entries(self, where: FactFilter) -> list[int]:
        """The date entries meeting every date criterion of ``where``, in timeline order."""
        keys, first, last = (self.index.section(name) for name in ("date_key", "date_first", "date_last"))
        if not where.has_date_criteria:
            return list(range(len(keys)))
        start = where.date_from.as_date().toordinal() if where.date_from else 0
        end = where.date_to.last_day().toordinal() if where.date_to else _NO_BOUND
        # A date may mean at most a year of days: one that can reach ``start`` begins at most 366 days before it.
        spans = [(start - 366, end)]
        if where.years:
            spans = [(max(start - 366, dt.date(year, 1, 1).toordinal()), min(end, dt.date(year, 12, 31).toordinal()))
                     for year in set(where.years) if dt.MINYEAR <= year <= dt.MAXYEAR]
        by_first = self.index.section("date_by_first")
        years = set(where.years)
        found: set[int] = set()
        for low, high in spans:
            for entry in by_first[bisect_left(by_first, low, key=first.__getitem__):
                                  bisect_right(by_first, high, key=first.__getitem__)]:
                if last[entry] >= start and first[entry] <= end and (not years or keys[entry] // 10000 in years):
                    found.add(entry)
        return sorted(found)

    @_checked
    def timeline(self, where: FactFilter | None = None) -> list[tuple[PartialDate, int]]:
        """Each date of the facts passing ``where`` that meets its date criteria, with the fact, in date order."""
        chosen = set(self.select(where))
        keys, facts = self.index.section("date_key"), self.index.section("date_fact")
        entries = self._date_entries(where) if where is not None else list(range(len(keys)))
        return [(date_of_key(keys[entry]), facts[entry]) for entry in entries if facts[entry] in chosen]

    # --- search --------------------------------------------------------------------------------------------

    @_checked
    def find(self, query: str, limit: int = 10, where: FactFilter | None = None) -> tuple[list[Ranked], list[str]]:
        """The positions that answer ``query`` among the facts passing ``where``, and the terms none holds.

        The same as ``search.find`` over the loaded base: a filtered search
        ranks as if the facts passing the filter were the whole base.
        """
        if limit < 1:
            raise UsageError("--limit must be at least 1")
        if where is None or not where.active:
            return rank_with_unmatched(self.index, query, limit)
        chosen = self.select(where)
        ranked, unmatched = rank_with_unmatched(self._subset(chosen), query, limit)
        return [(chosen[local], score, matched) for local, score, matched in ranked], unmatched

    def _subset(self, chosen: Sequence[int]) -> TermIndex:
        """The index of the chosen facts alone: read from the file, or built for them where retired ones are in."""
        if all(position < self.standing for position in chosen):
            from .subset_index import SubsetIndex

            return SubsetIndex(self.index, chosen)
        from .search import SearchIndex  # the retired facts' words are not in the file's postings

        return SearchIndex([self.fact(position) for position in chosen], self.sources, self.entities,
                           measures=self.measures)

    # --- documents -----------------------------------------------------------------------------------------

    def search_document(self, query: str, limit: int, where: FactFilter | None = None) -> JSON:
        ranked, unmatched = self.find(query, limit, where)
        results = [documents.result(self.fact_json(position), score, matched) for position, score, matched in ranked]
        return documents.search_document(query, self.directory, self.article, unmatched, results)

    def fact_document(self, fact_id: str) -> JSON:
        return documents.fact_document(self.fact_json(self.lookup(fact_id)), self.article)

    def list_document(self, where: FactFilter) -> JSON:
        return documents.list_document(self.directory, where.to_dict(), self.facts_json(self.select(where)))

    def timeline_document(self, where: FactFilter) -> JSON:
        dated = self.timeline(where)
        facts = self.facts_json([position for _, position in dated])
        entries = [(date.iso(), date.precision, fact) for (date, _), fact in zip(dated, facts, strict=True)]
        return documents.timeline_document(self.directory, where.to_dict(), entries)
