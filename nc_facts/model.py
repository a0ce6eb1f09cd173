"""The fact base as typed, immutable Python objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, TypeVar

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


@dataclass(frozen=True)
class Entity:
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


@dataclass(frozen=True)
class Measure:
    """What a value measures, as facts' values name it ("yes share")."""

    name: str
    unit: str = ""
    meaning: str = ""
    # Words a sentence uses for it: "in favour", "voted yes".
    aliases: tuple[str, ...] = ()
    # The measure it sums to 100 with in one event and scope ("no share").
    complement: str = ""


@dataclass(frozen=True)
class Unit:
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


@dataclass(frozen=True)
class Author:
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


@dataclass(frozen=True)
class Source:
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


@dataclass(frozen=True)
class Value:
    """A number stated by a claim, with what it measures."""

    value: float
    unit: str
    measure: str
    approximate: bool = False
    # A part of the whole the figure is about (a province, a council): an entity id or a name.
    scope: str = ""


@dataclass(frozen=True)
class BetterValue:
    """A figure from another source that is better than the article's."""

    value: float
    unit: str
    measure: str
    source: str
    note: str = ""
    scope: str = ""
    corrected: PartialDate | None = None  # when a correction added it


@dataclass(frozen=True)
class Citation:
    source: str
    footnote: int | None = None
    # A quote from that source, and where it stands in it ("paragraph 4", "p. 12", "#History").
    quote: str = ""
    locator: str = ""


@dataclass(frozen=True)
class Caveat:
    severity: str
    text: str
    source: str = ""
    corrected: PartialDate | None = None  # when a correction added it


@dataclass(frozen=True)
class Fact:
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


@dataclass(frozen=True)
class Base:
    """A loaded, validated fact base."""

    directory: Path
    facts: tuple[Fact, ...]
    sources: Mapping[str, Source]
    entities: tuple[Entity, ...] = ()
    measures: tuple[Measure, ...] = ()
    units: tuple[Unit, ...] = ()
    _by_id: Mapping[str, Fact] = field(default_factory=dict, repr=False, compare=False)
    _entity_by_id: Mapping[str, Entity] = field(default_factory=dict, repr=False, compare=False)
    _measure_by_name: Mapping[str, Measure] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._by_id:
            object.__setattr__(self, "_by_id", {fact.id: fact for fact in self.facts})
        if self.entities and not self._entity_by_id:
            object.__setattr__(self, "_entity_by_id", {entity.id: entity for entity in self.entities})
        if self.measures and not self._measure_by_name:
            object.__setattr__(self, "_measure_by_name", {measure.name: measure for measure in self.measures})

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


_Frozen = TypeVar("_Frozen")
_FIELD_COUNTS: dict[type, int] = {}


def with_every_field(cls: type[_Frozen], values: dict[str, Any]) -> _Frozen:
    """An instance of the frozen dataclass ``cls`` holding ``values``, one for each of its fields.

    The same object as ``cls(**values)``, made without the generated
    ``__init__``, which sets each field through ``object.__setattr__``: for
    the loader's fast path that was most of the cost of building a large
    base's facts (tests hold the two equal).  Every field must be given.
    """
    count = _FIELD_COUNTS.get(cls)
    if count is None:
        count = _FIELD_COUNTS[cls] = len(fields(cls))  # type: ignore[arg-type]
    if len(values) != count:
        raise TypeError(f"{cls.__name__} has {count} fields, {len(values)} given")
    instance: _Frozen = object.__new__(cls)
    vars(instance).update(values)
    return instance


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
