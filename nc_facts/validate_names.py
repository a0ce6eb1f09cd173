"""Rules on the entities a base declares, and on the facts that name them.

Every rule here holds only where the base declares entities (events, for a
fact's ``event``): a base that declares none keeps its free-text names.
"""

from __future__ import annotations

from collections.abc import Iterator

from .entity_names import EntityNames, name_key
from .identifiers import UniqueIds
from .model import ENTITY_KINDS, Entity, Fact
from .problems import Problem
from .toml_lines import LineIndex
from .validate_measures import stated_figures

EVENT = "event"


def entity_problems(entities: list[Entity], lines: LineIndex, file: str) -> list[Problem]:
    problems: list[Problem] = []
    ids = UniqueIds(lines, "id")
    name_owner: dict[str, str] = {}
    parents = {entity.id: entity.part_of for entity in entities}
    for index, entity in enumerate(entities):
        found = [("id", message) for message in ids.problems(index, entity.id)]
        found += _entity_field_problems(entity, parents)
        found += _shared_names(entity, name_owner)
        problems += [Problem(file, message, line=lines.line(index, field), fact_id=entity.id or None, field=field,
                             id_label="entity id") for field, message in found]
    for index, entity, message in _ordinal_clashes(entities):
        problems.append(Problem(file, message, line=lines.line(index, "ordinal"), fact_id=entity.id or None,
                                field="ordinal", id_label="entity id"))
    return problems


def _entity_field_problems(entity: Entity, parents: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Kind, part_of and ordinal of one entity; ``parents`` maps each declared id to its part_of."""
    if entity.kind and entity.kind not in ENTITY_KINDS:
        yield "kind", f"unknown kind {entity.kind!r} (one of: {', '.join(ENTITY_KINDS)})"
    if entity.part_of and entity.part_of not in parents:
        yield "part_of", f"{entity.part_of!r} is not the id of a declared entity"
    elif entity.part_of and _part_of_itself(entity, parents):
        yield "part_of", f"{entity.id!r} is part of itself through part_of"
    if entity.kind != EVENT and (entity.ordinal is not None or entity.series):
        yield "ordinal" if entity.ordinal is not None else "series", "only events have an ordinal and a series"


def _shared_names(entity: Entity, name_owner: dict[str, str]) -> Iterator[tuple[str, str]]:
    """A name of ``entity`` another entity already has; records the names of ``entity``."""
    for position, name in enumerate(entity.names):
        field = "name" if position == 0 else "aliases"
        key = name_key(name)
        if not key:
            if name.strip() or position > 0:  # a missing or blank name is reported by the loader
                yield field, f"{name!r} is not a name: it has no letters or digits"
            continue
        owner = name_owner.setdefault(key, entity.id)
        if owner != entity.id:
            yield field, f"the name {name!r} already names entity {owner!r}"


def _part_of_itself(entity: Entity, parents: dict[str, str]) -> bool:
    seen = {entity.id}
    current = entity.part_of
    while current:
        if current in seen:
            return current == entity.id
        seen.add(current)
        current = parents.get(current, "")
    return False


def _ordinal_clashes(entities: list[Entity]) -> Iterator[tuple[int, Entity, str]]:
    first: dict[tuple[str, int], str] = {}
    for index, entity in enumerate(entities):
        if entity.ordinal is None:
            continue
        owner = first.setdefault((name_key(entity.series), entity.ordinal), entity.id)
        if owner != entity.id:
            series = f" of {entity.series!r}" if entity.series else ""
            yield index, entity, f"event {owner!r} is already number {entity.ordinal}{series}"


def fact_name_problems(fact: Fact, names: EntityNames, has_events: bool) -> Iterator[tuple[str, str]]:
    """Field and message of each name of ``fact`` the declared entities do not hold."""
    if has_events and fact.event:
        event = names.by_id(fact.event)
        if event is None:
            yield "event", f"{fact.event!r} is not the id of a declared event"
        elif event.kind != EVENT:
            yield "event", f"{fact.event!r} is a declared {event.kind}, not an event"
    if not names:
        return
    for field, figure in stated_figures(fact):
        if figure.scope and names.named(figure.scope) is None:
            yield f"{field}.scope", f"{figure.scope!r} names no declared entity"
