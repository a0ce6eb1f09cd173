"""nc-facts: look up claims in a curated fact base, with their sources.

The package is a typed library first; the command line (``nc_facts.cli``)
is a thin layer over it::

    import nc_facts
    base = nc_facts.load_base()            # the bundled base, or $NC_FACTS_BASE
    for hit in nc_facts.search(base, "2020 turnout"):
        print(hit.score, hit.fact.claim, [c.source for c in hit.fact.citations])

Nothing here imports typer or rich.
"""

from __future__ import annotations

from .dates import PartialDate, parse_partial_date
from .errors import (
    BaseInvalidError,
    BaseNotFoundError,
    ExitCode,
    NcFactsError,
    Problem,
    UnknownFactError,
    UsageError,
)
from .loader import bundled_base_dir, load_base, resolve_base_dir
from .model import Base, BetterValue, Caveat, Citation, Fact, Source, Value
from .search import SearchHit, SearchIndex, search

__version__ = "0.1.0"

__all__ = [
    "Base",
    "BaseInvalidError",
    "BaseNotFoundError",
    "BetterValue",
    "Caveat",
    "Citation",
    "ExitCode",
    "Fact",
    "NcFactsError",
    "PartialDate",
    "Problem",
    "SearchHit",
    "SearchIndex",
    "Source",
    "UnknownFactError",
    "UsageError",
    "Value",
    "__version__",
    "bundled_base_dir",
    "load_base",
    "parse_partial_date",
    "resolve_base_dir",
    "search",
]
