"""The entities a base declares, found by any of their names.

A fact names an entity in its ``entities`` by a name ("New Caledonia"), its
``event`` by id, and a value's ``scope`` by either; all three resolve here.
Names meet whatever their case, accents and punctuation
("Nouvelle-Calédonie" is "nouvelle caledonie").
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Entity
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

    def whole_names(self, names: Iterable[str]) -> list[str]:
        """Every name of the entities ``names`` name, each once, in order (for indexing a fact's names)."""
        out: dict[str, None] = {}
        for name in names:
            entity = self.named(name)
            for each in entity.names if entity is not None else ():
                out.setdefault(each, None)
        return list(out)
