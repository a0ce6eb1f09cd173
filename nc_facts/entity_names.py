"""The entities a base declares, found by any of their names.

A fact names an entity in its ``entities`` by a name ("New Caledonia"), its
``event`` by id, and a value's ``scope`` by either; all three resolve here.
Names meet whatever their case, accents and punctuation
("Nouvelle-Calédonie" is "nouvelle caledonie").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from .model import Entity, Fact, Measure
from .text import normalize, tokens


def name_key(name: str) -> str:
    """The form two names are compared in: folded, words only."""
    return " ".join(tokens(normalize(name)))


class EntityNames:
    """Declared entities by id and by every name, the first declared winning a shared name."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._by_id: dict[str, Entity] = {}
        self._by_name: dict[str, Entity] = {}
        for entity in entities:
            self._by_id.setdefault(entity.id, entity)
            for name in entity.names:
                self._by_name.setdefault(name_key(name), entity)

    def __bool__(self) -> bool:
        return bool(self._by_id)

    def by_id(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def named(self, name: str) -> Entity | None:
        """The entity ``name`` names, by one of its names or else by its id."""
        return self._by_name.get(name_key(name)) or self._by_id.get(name)

    def scope_key(self, scope: str) -> str:
        """One spelling of a scope: the id of the entity it names, else its folded words."""
        entity = self.named(scope)
        return entity.id if entity is not None else name_key(scope)

    def other_names(self, fact: Fact) -> tuple[str, ...]:
        """Every name of the entities ``fact`` names (its entities, its event, its scopes) it does not hold."""
        named = [self.named(name) for name in fact.entities]
        named += [self.by_id(fact.event)] if fact.event else []
        named += [self.named(value.scope) for value in fact.values if value.scope]
        held = {name_key(name) for name in (*fact.entities, *fact.aliases)}
        out: dict[str, None] = {}
        for entity in named:
            for name in entity.names if entity is not None else ():
                if name_key(name) not in held:
                    out.setdefault(name, None)
        return tuple(out)


def with_entity_names(entities: Iterable[Entity], measures: Iterable[Measure] = ()) -> Callable[[Fact], Fact]:
    """What search indexes of a fact: the fact with the other names of its declared entities and of its
    values' declared measures as aliases.

    A base declares each name once; search finds a fact by any name of what it names or measures
    ("taux de participation" for a turnout).  The identity where the base declares neither.
    """
    names = EntityNames(entities)
    measure_aliases = {measure.name: measure.aliases for measure in measures if measure.aliases}
    if not names and not measure_aliases:
        return _same
    return lambda fact: _with_aliases(fact, _unheld(fact, (*names.other_names(fact),
                                                            *_measure_names(fact, measure_aliases))))


def _measure_names(fact: Fact, measure_aliases: Mapping[str, tuple[str, ...]]) -> Iterator[str]:
    for value in fact.values:
        yield from measure_aliases.get(value.measure, ())


def _unheld(fact: Fact, names: Iterable[str]) -> tuple[str, ...]:
    """``names`` without repeats and without those the fact already holds as an entity or alias."""
    held = {name_key(name) for name in (*fact.entities, *fact.aliases)}
    out: dict[str, None] = {}
    for name in names:
        key = name_key(name)
        if key not in held:
            held.add(key)
            out.setdefault(name, None)
    return tuple(out)


def _same(fact: Fact) -> Fact:
    return fact


def _with_aliases(fact: Fact, extra: tuple[str, ...]) -> Fact:
    return fact._replace(aliases=fact.aliases + extra) if extra else fact
