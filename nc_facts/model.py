"""The fact base as typed, immutable Python objects."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

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


@dataclass(frozen=True)
class BetterValue:
    """A figure from another source that is better than the article's."""

    value: float
    unit: str
    measure: str
    source: str
    note: str = ""
    corrected: PartialDate | None = None  # when a correction added it


@dataclass(frozen=True)
class Citation:
    source: str
    footnote: int | None = None


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
    _by_id: Mapping[str, Fact] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._by_id:
            object.__setattr__(self, "_by_id", {fact.id: fact for fact in self.facts})

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    def get(self, fact_id: str) -> Fact | None:
        return self._by_id.get(fact_id)

    def source_of(self, citation: Citation) -> Source:
        return self.sources[citation.source]
