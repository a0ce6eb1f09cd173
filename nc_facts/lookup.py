"""Finding facts by id, with suggestions for a mistyped one."""

from __future__ import annotations

from collections.abc import Sequence

from .errors import UnknownFactError
from .model import Base, Fact


def get_fact(base: Base, fact_id: str) -> Fact:
    """The fact with this id; UnknownFactError names the closest ids when there is none."""
    fact = base.get(fact_id)
    if fact is None:
        raise unknown_fact(fact_id, [f.id for f in base.facts])
    return fact


def unknown_fact(fact_id: str, ids: Sequence[str]) -> UnknownFactError:
    """The error for an id the base lacks, naming the closest of its ``ids``."""
    import difflib

    return UnknownFactError(fact_id, difflib.get_close_matches(fact_id, ids, n=3, cutoff=0.6))
