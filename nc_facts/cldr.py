"""Tables read from Babel's CLDR data, kept in the cache directory between runs.

Importing Babel and loading a locale's data takes about 20 ms, more than
checking a sentence, and the few tables read from it (French month and
weekday names, English currency signs and language names) change only with
Babel.  So they are kept in one small JSON file in the index directory
(``cldr-tables.json``), under the size and time of Babel's own code (an
upgrade makes them stale) and with a CRC-32 of their own.  Where the file
cannot be read or written, or is stale or damaged, a table is read from
Babel itself.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from functools import cache
from typing import Any


def _french_months() -> dict[str, int]:
    from babel import Locale

    months = Locale("fr").months["format"]
    return {name: int(number) for width in ("wide", "abbreviated") for number, name in months[width].items()}


def _french_days() -> dict[str, int]:
    from babel import Locale

    return {name: int(number) for number, name in Locale("fr").days["format"]["wide"].items()}


def _english_currency_symbols() -> dict[str, str]:
    from babel import Locale

    return dict(Locale("en").currency_symbols)


def _english_language_names() -> dict[str, str]:
    from babel import Locale

    return dict(Locale("en").languages)


# The tables read from Babel's CLDR data, by name.
_CLDR_TABLES: dict[str, Callable[[], dict[str, Any]]] = {
    "french_months": _french_months, "french_days": _french_days, "english_currency_symbols": _english_currency_symbols,
    "english_language_names": _english_language_names}


@cache
def cldr_table(name: str) -> dict[str, Any]:
    """One table of Babel's CLDR data (``_CLDR_TABLES``): from the kept file when it holds, else from Babel."""
    stamp, path = _cldr_stamp_and_path()
    tables: dict[str, Any] = {}
    if path is not None:
        from .store import read_kept_json

        kept = read_kept_json(path, stamp)
        tables = kept[0] if kept is not None and isinstance(kept[0], dict) else {}
        if isinstance(tables.get(name), dict):
            return dict(tables[name])
    table = _CLDR_TABLES[name]()
    if path is not None:
        from .store import write_kept_json

        with contextlib.suppress(OSError):  # not kept: read from Babel again next time
            write_kept_json(path, stamp, {**tables, name: table})
    return table


def _cldr_stamp_and_path() -> tuple[list[Any], str | None]:
    """What the kept tables depend on (Babel's code, where and which), and the file that keeps them."""
    from .store import index_dir, package_stamp

    stamp = package_stamp("babel")
    if stamp is None:
        return [], None
    return stamp[1:], os.path.join(index_dir(), "cldr-tables.json")
