"""Search as you type: a base opened once, each query ranked as ``search`` ranks it, and what a pick prints.

Without filters every query is answered from the on-disk index, by the
same function as the plain ``search`` (``store.search_document``).  With
filters the base is loaded once and indexed over the facts that pass them,
as ``search`` with filters does, so the ranking is the same as there.
The base itself is loaded only when a citation or a check needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .filters import FactFilter
from .model import Base

Take = Literal["id", "claim", "citation"]
TAKES: tuple[Take, ...] = ("id", "claim", "citation")


@dataclass(frozen=True)
class Choice:
    """What the reader took on leaving the picker: which fact, and in what form."""

    fact_id: str
    take: Take


class Finder:
    """The facts of one base ranked for each query typed, best first."""

    def __init__(self, base_dir: str, where: FactFilter, limit: int,
                 notice: Callable[[str], None] | None = None) -> None:
        from . import store

        self.base_dir, self.where, self.limit = base_dir, where, limit
        self._base: Base | None = None
        self._search: Callable[[str], list[dict[str, Any]]]
        if where.active:
            self._search = self._filtered_search()
        else:
            store.open_index(base_dir, notice)  # built now, not on the first keystroke
            self._search = lambda query: store.search_document(base_dir, query, limit)["results"]

    def _filtered_search(self) -> Callable[[str], list[dict[str, Any]]]:
        from . import serialize
        from .filters import check_against, select
        from .search import SearchIndex

        base = self.base()
        check_against(base, self.where)
        index = SearchIndex(select(base.facts, self.where), base.sources)
        return lambda query: serialize.search_document(query, index.find(query, self.limit), base)["results"]

    def base(self) -> Base:
        """The base, loaded (and validated) on first use."""
        if self._base is None:
            from . import loader

            self._base = loader.load_base(self.base_dir)
        return self._base

    def results(self, query: str) -> list[dict[str, Any]]:
        """The search results for ``query`` as ``search --json`` gives them; [] for a query with no words yet."""
        if not query.strip():
            return []
        return self._search(query)

    def check(self, text: str) -> tuple[str, str]:
        """The verdict on ``text`` read as a claim, and why."""
        from .check import Checker

        result = Checker(self.base()).check(text)
        return result.verdict, result.explanation

    def taken_text(self, choice: Choice, style: str) -> str:
        """What a pick prints: the fact's id, its claim with its citation, or the citation alone."""
        if choice.take == "id":
            return choice.fact_id
        from .citations.notes import cite_facts
        from .lookup import get_fact

        base = self.base()
        note = cite_facts(base, [choice.fact_id], style, numbered=False).notes[0].text
        if choice.take == "citation":
            return note
        return f"{get_fact(base, choice.fact_id).claim}\n{note}"


def source_url(fact: dict[str, Any]) -> str | None:
    """The URL of the first cited source that has one."""
    return next((citation["url"] for citation in fact.get("citations", []) if citation.get("url")), None)
