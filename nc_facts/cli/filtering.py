"""The filter options, defined once and shared by search, list and timeline.

``@filter_options`` adds --tag, --kind, --source, --claimant, --year,
--from, --to, --unsourced, --caveats and --include-retired to a command and hands the command
one ``FactFilter`` as its ``where`` argument, so the commands neither repeat
eight parameters nor the code turning them into a filter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from ..filters import FactFilter, make_filter
from ..model import FACT_KINDS
from .entry_options import grouped_options

PANEL = "Filters (combine with AND; a repeated option matches any of its values)"

NO_FILTER = FactFilter()

PagerOption = Annotated[bool, typer.Option("--pager", help="Page long output through $PAGER (less).")]


def _complete_kind(incomplete: str) -> list[str]:
    return [kind for kind in FACT_KINDS if kind.startswith(incomplete)]


def _option(*names: str, help: str, metavar: str | None = None, **extra: Any) -> Any:
    return typer.Option(*names, help=help, metavar=metavar, rich_help_panel=PANEL, show_default=False, **extra)


_Strings = Optional[list[str]]  # noqa: UP045 - Typer needs Optional here, as in app.py
_Ints = Optional[list[int]]  # noqa: UP045
_Date = Optional[str]  # noqa: UP045

# name -> (annotation, default); the names are make_filter's keywords.
_FILTERS: dict[str, tuple[Any, Any]] = {
    "tags": (Annotated[_Strings, _option("--tag", metavar="TAG", help="Only facts with this tag.")], None),
    "kinds": (Annotated[_Strings, _option("--kind", metavar="KIND", autocompletion=_complete_kind,
                                          help=f"Only facts of this kind: {', '.join(FACT_KINDS)}.")], None),
    "sources": (Annotated[_Strings, _option("--source", metavar="KEY",
                                            help="Only facts citing the source with this key.")], None),
    "claimants": (Annotated[_Strings, _option("--claimant", metavar="NAME",
                                              help="Only claims by someone whose name contains NAME.")], None),
    "years": (Annotated[_Ints, _option("--year", metavar="YEAR", help="Only facts about this year.")], None),
    "date_from": (Annotated[_Date, _option("--from", metavar="DATE",
                                           help="Only facts about DATE or later (YYYY, YYYY-MM or YYYY-MM-DD).")],
                  None),
    "date_to": (Annotated[_Date, _option("--to", metavar="DATE", help="Only facts about DATE or earlier.")], None),
    "unsourced": (Annotated[bool, _option("--unsourced", help="Only facts the article gives no source for.")],
                  False),
    "caveats": (Annotated[bool, _option("--caveats", help="Only facts with a caveat (wrong, misleading...).")],
                False),
    "include_retired": (Annotated[bool, _option("--include-retired",
                                                help="Also the facts retired with 'nc-facts retire'.")],
                        False),
}


def _filter_of(options: dict[str, Any]) -> FactFilter:
    return make_filter(**{name: value for name, value in options.items() if value is not None})


def filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give ``command`` the filter options; it receives them as one ``where: FactFilter``."""
    return grouped_options(_FILTERS, "where", _filter_of)(command)
