"""nc-facts: look up claims in a curated fact base, with their sources.

The package is a typed library first; the command line (``nc_facts.cli``)
is a thin layer over it::

    import nc_facts
    base = nc_facts.load_base()            # the bundled base, or $NC_FACTS_BASE
    for hit in nc_facts.search(base, "2020 turnout"):
        print(hit.score, hit.fact.claim, [c.source for c in hit.fact.citations])

Nothing here imports typer or rich.  The names below are loaded on first use
(PEP 562), so that importing one submodule (as the command line's fast path
does) does not load them all.
"""

from __future__ import annotations

import sys
import types

# Not ``typing.TYPE_CHECKING``: importing typing costs the plain search a few milliseconds.
TYPE_CHECKING = False

__version__ = "0.1.0"

_EXPORTS = {
    "PartialDate": "dates", "parse_partial_date": "dates",
    "BaseInvalidError": "errors", "BaseNotFoundError": "errors", "ExitCode": "errors", "NcFactsError": "errors",
    "Problem": "problems", "UnknownFactError": "errors", "UsageError": "errors",
    "bundled_base_dir": "loader", "load_base": "loader", "resolve_base_dir": "loader",
    "Base": "model", "BetterValue": "model", "Caveat": "model", "Citation": "model", "Entity": "model",
    "Fact": "model", "Measure": "model", "Source": "model", "Unit": "model", "Value": "model",
    "Quote": "provenance", "base_is_article": "provenance", "fact_quotes": "provenance",
    "SearchHit": "search", "SearchIndex": "search", "search": "search",
    "IndexedBase": "reader", "open_base": "reader",
}

if TYPE_CHECKING:
    from typing import Any

    from .dates import PartialDate, parse_partial_date
    from .errors import (
        BaseInvalidError,
        BaseNotFoundError,
        ExitCode,
        NcFactsError,
        UnknownFactError,
        UsageError,
    )
    from .loader import bundled_base_dir, load_base, resolve_base_dir
    from .model import Base, BetterValue, Caveat, Citation, Entity, Fact, Measure, Source, Unit, Value
    from .problems import Problem
    from .provenance import Quote, base_is_article, fact_quotes
    from .reader import IndexedBase, open_base
    from .search import SearchHit, SearchIndex, search


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nc_facts' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        # ``nc_facts.search`` is the search function, as it always was; importing the
        # submodule of the same name (which sets it on the package) must not replace it.
        if name == "search" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "Base",
    "BaseInvalidError",
    "BaseNotFoundError",
    "BetterValue",
    "Caveat",
    "Citation",
    "Entity",
    "ExitCode",
    "Fact",
    "IndexedBase",
    "Measure",
    "NcFactsError",
    "PartialDate",
    "Problem",
    "Quote",
    "SearchHit",
    "SearchIndex",
    "Source",
    "Unit",
    "UnknownFactError",
    "UsageError",
    "Value",
    "__version__",
    "base_is_article",
    "bundled_base_dir",
    "fact_quotes",
    "load_base",
    "open_base",
    "parse_partial_date",
    "resolve_base_dir",
    "search",
]
