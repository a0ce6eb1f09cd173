"""Finding facts by id, with suggestions for a mistyped one."""

from __future__ import annotations

import difflib

from .errors import UnknownFactError
from .model import Base, Fact


def get_fact(base: Base, fact_id: str) -> Fact:
    """The fact with this id; UnknownFactError names the closest ids when there is none."""
    fact = base.get(fact_id)
    if fact is None:
        ids = [f.id for f in base.facts]
        raise UnknownFactError(fact_id, difflib.get_close_matches(fact_id, ids, n=3, cutoff=0.6))
    return fact
