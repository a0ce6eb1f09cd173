"""The fact base as typed, immutable Python objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

from .dates import PartialDate

FactKind = Literal["statistic", "event", "allegation", "denial", "statement", "background", "analysis"]
FACT_KINDS: tuple[str, ...] = ("statistic", "event", "allegation", "denial", "statement", "background", "analysis")

SourceKind = Literal[
    "news-article", "analysis", "profile", "organisation-page", "encyclopedia", "news-page", "press-release"
]
SOURCE_KINDS: tuple[str, ...] = (
    "news-article",
    "analysis",
    "profile",
    "organisation-page",
    "encyclopedia",
    "news-page",
    "press-release",
)

Severity = Literal["wrong", "misleading", "imprecise", "note"]
SEVERITIES: tuple[str, ...] = ("wrong", "misleading", "imprecise", "note")

ENTITY_KINDS: tuple[str, ...] = ("person", "place", "organisation", "event", "group", "other")


class Entity(NamedTuple):
    """Something facts name, declared once with every name readers use for it."""

    id: str
    name: str
    kind: str
    # Every other name: demonyms, abbreviations, other languages, posts.
    aliases: tuple[str, ...] = ()
    # The id of the entity it is part of (a province of a territory, a council of a country).
    part_of: str = ""
    # Events: when they took place, which one of their series they are, and what the series counts.
    dates: tuple[PartialDate, ...] = ()
    ordinal: int | None = None
    series: str = ""
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Measure(NamedTuple):
    """What a value measures, as facts' values name it ("yes share")."""

    name: str
    unit: str = ""
    meaning: str = ""
    # Words a sentence uses for it: "in favour", "voted yes".
    aliases: tuple[str, ...] = ()
    # The measure it sums to 100 with in one event and scope ("no share").
    complement: str = ""


class Unit(NamedTuple):
    """A unit values are in ("pounds"), declared once with the ways people write it ("£", "GBP")."""

    name: str
    # The sign written with a number: "£" in "£70,000".
    symbol: str = ""
    # Other ways to write it: "pounds sterling", "GBP", "pound".
    aliases: tuple[str, ...] = ()
    meaning: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The name, the symbol and every alias: each way a figure may write the unit."""
        return (self.name, *((self.symbol,) if self.symbol else ()), *self.aliases)


class Author(NamedTuple):
    """A person (family and given names) or an organisation; an old string author is an organisation's name."""

    family: str = ""
    given: str = ""
    organisation: str = ""

    @property
    def is_person(self) -> bool:
        return bool(self.family)

    def display(self) -> str:
        """'Roy Greenslade', or the organisation's name."""
        return " ".join(part for part in (self.given, self.family) if part) if self.family else self.organisation


class Source(NamedTuple):
    key: str
    outlet: str
    title: str
    language: str
    kind: str
    from_article: bool
    footnotes: tuple[int, ...] = ()
    title_en: str = ""
    url: str = ""
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    author: str = ""  # written as one string: a name kept literally, as an organisation's
    note: str = ""
    authors: tuple[Author, ...] = ()  # written as an array of persons and organisations

    @property
    def names(self) -> tuple[Author, ...]:
        """Who wrote it, in order, whichever way the base writes it."""
        if self.authors:
            return self.authors
        return (Author(organisation=self.author),) if self.author else ()


class Value(NamedTuple):
    """A number stated by a claim, with what it measures."""

    value: float
    unit: str
    measure: str
    approximate: bool = False
    # A part of the whole the figure is about (a province, a council): an entity id or a name.
    scope: str = ""


class BetterValue(NamedTuple):
    """A figure from another source that is better than the article's."""

    value: float
    unit: str
    measure: str
    source: str
    note: str = ""
    scope: str = ""
    corrected: PartialDate | None = None  # when a correction added it


class Citation(NamedTuple):
    source: str
    footnote: int | None = None
    # A quote from that source, and where it stands in it ("paragraph 4", "p. 12", "#History").
    quote: str = ""
    locator: str = ""


class Caveat(NamedTuple):
    severity: str
    text: str
    source: str = ""
    corrected: PartialDate | None = None  # when a correction added it


class Fact(NamedTuple):
    id: str
    claim: str
    kind: str
    quote: str = ""
    paragraph: int | None = None
    claimant: str = ""
    event: str = ""
    dates: tuple[PartialDate, ...] = ()
    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    values: tuple[Value, ...] = ()
    citations: tuple[Citation, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    better_values: tuple[BetterValue, ...] = ()
    derived_from: tuple[str, ...] = ()
    derivation: str = ""
    retired: str = ""  # why the fact no longer stands; it stays in the base, out of search and lists
    retired_on: PartialDate | None = None

    @property
    def sourced(self) -> bool:
        return bool(self.citations)

    @property
    def derived(self) -> bool:
        return bool(self.derived_from)


class Base:
    """A loaded, validated fact base (its lookups by id and by name made once, when it is built)."""

    __slots__ = (
        "_by_id",
        "_entity_by_id",
        "_measure_by_name",
        "directory",
        "entities",
        "facts",
        "measures",
        "sources",
        "units",
    )

    def __init__(self, directory: Path, facts: tuple[Fact, ...], sources: Mapping[str, Source],
                 entities: tuple[Entity, ...] = (), measures: tuple[Measure, ...] = (),
                 units: tuple[Unit, ...] = ()) -> None:
        self.directory = directory
        self.facts = facts
        self.sources = sources
        self.entities = entities
        self.measures = measures
        self.units = units
        self._by_id = {fact.id: fact for fact in facts}
        self._entity_by_id = {entity.id: entity for entity in entities}
        self._measure_by_name = {measure.name: measure for measure in measures}

    def _compared(self) -> tuple[object, ...]:
        return (self.directory, self.facts, self.sources, self.entities, self.measures, self.units)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Base) and self._compared() == other._compared()

    __hash__ = None  # type: ignore[assignment]  # its sources are a mapping

    def __repr__(self) -> str:
        return f"Base(directory={self.directory!r}, facts=<{len(self.facts)}>, sources=<{len(self.sources)}>)"

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    def get(self, fact_id: str) -> Fact | None:
        return self._by_id.get(fact_id)

    def source_of(self, citation: Citation) -> Source:
        return self.sources[citation.source]

    def entity(self, entity_id: str) -> Entity | None:
        return self._entity_by_id.get(entity_id)

    def measure(self, name: str) -> Measure | None:
        return self._measure_by_name.get(name)

    def unit(self, name: str) -> Unit | None:
        return next((unit for unit in self.units if unit.name == name), None)


_Record = TypeVar("_Record")


def with_every_field(cls: type[_Record], values: dict[str, Any]) -> _Record:
    """``cls(**values)`` for the record class ``cls``, refusing a call that leaves any field to its default.

    The loader's fast paths build each record from a mapping of every field; a field left out would be a
    silent default, so the count is checked.
    """
    names: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    if len(values) != len(names):
        raise TypeError(f"{cls.__name__} has {len(names)} fields, {len(values)} given")
    return cls(**values)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while building a base's millions of objects (loading, decoding).

    Loading makes no reference cycles, but each collection of the oldest generation walks every object
    made so far: with a large base that is a quarter of the time of parsing it.  Nested uses are fine.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
