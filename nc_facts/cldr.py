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
    import json

    stamp, path = _cldr_stamp_and_path()
    tables: dict[str, Any] = {}
    if path is not None:
        tables = _kept_tables(path, stamp)
        if isinstance(tables.get(name), dict):
            return dict(tables[name])
    table = _CLDR_TABLES[name]()
    if path is not None:
        from .store import write_cache_file

        kept = {**tables, name: table}
        document = json.dumps({"stamp": stamp, "tables": kept, "crc": _crc(kept)}, ensure_ascii=False)
        with contextlib.suppress(OSError):  # not kept: read from Babel again next time
            write_cache_file(path, [document.encode("utf-8")])
    return table


def _kept_tables(path: str, stamp: list[Any]) -> dict[str, Any]:
    """The tables kept at ``path`` under ``stamp``; none when the file is missing, stale or damaged."""
    import json

    from .store import read_cache_file

    data = read_cache_file(path)
    try:
        kept = json.loads(data) if data is not None else None
    except ValueError:
        return {}
    if not isinstance(kept, dict) or kept.get("stamp") != stamp or not isinstance(kept.get("tables"), dict):
        return {}
    return kept["tables"] if kept.get("crc") == _crc(kept["tables"]) else {}


def _crc(tables: dict[str, Any]) -> int:
    """A CRC-32 of the tables, as the index checks its blocks: a damaged file is read from Babel again."""
    import json
    import zlib

    return zlib.crc32(json.dumps(tables, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _cldr_stamp_and_path() -> tuple[list[Any], str | None]:
    """What the kept tables depend on (Babel's code, where and which), and the file that keeps them."""
    import os

    from .store import index_dir, package_stamp

    stamp = package_stamp("babel")
    if stamp is None:
        return [], None
    return stamp[1:], os.path.join(index_dir(), "cldr-tables.json")
