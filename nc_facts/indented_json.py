"""Indented JSON text exactly as ``json.dumps(document, ensure_ascii=False, indent=2)`` writes it.

The standard library writes indented JSON in pure Python (its C encoder has no
indent), about 30 ms a megabyte: for a month of a million-fact base (9,000
facts, 12 MB) most of the command's time.  orjson writes the same text about
twenty times as fast, with two differences: a float below 1e-4 or from 1e16 up
is written in another form of the same number (``0.00001`` for ``1e-05``,
``1e16`` for ``1e+16``), and what it cannot write (an integer past 64 bits, a
key that is not a string, a subclass of str or int) it refuses.  Where the
text it wrote may hold such a float, or where it refuses, the standard library
writes the document, so the bytes never depend on which one did.  Importing
orjson takes about 10 to 20 ms (it brings dataclasses and uuid), more than the
standard library needs for a few hundred facts, so it is used only for a
document holding more items than that.

No document holds a non-finite number (the loader refuses them): orjson would
write ``null`` where the standard library writes ``NaN``.  Nor does one hold
an Enum or a UUID, which json refuses and orjson writes (only a programming
error could put one there).
"""

from __future__ import annotations

import json
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Items in a document's top-level lists from which orjson's import pays for itself (about 400 KB of facts).
MANY_ITEMS = 300

# Where orjson may have written a float otherwise than json: in exponent form (orjson writes a lower-case
# e after a digit) or below 1e-4 (0.0000...). Two scans of the bytes, each about a millisecond a
# megabyte; text that only looks so sends the document to the standard library, slower but the same.
_EXPONENT = re.compile(rb"e[-0-9](?<=[0-9]e[-0-9])")
_TINY = b"0.0000"


def indented(document: Any, *, one_of_many: bool = False) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)``, by orjson for a document of many items.

    ``one_of_many``: the document is an item of a long streamed list (past its first MANY_ITEMS), for which
    orjson's import has paid too.
    """
    if one_of_many or _items(document) >= MANY_ITEMS:
        text = _by_orjson(document)
        if text is not None:
            return text
    return json.dumps(document, ensure_ascii=False, indent=2)


def _items(document: Any) -> int:
    if not isinstance(document, dict):
        return len(document) if isinstance(document, list) else 0
    return sum(len(value) for value in document.values() if isinstance(value, list))


def _by_orjson(document: Any) -> str | None:
    """orjson's text where it is json's; None where it refuses the document or may have written a float otherwise."""
    import orjson

    options = (orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
               | orjson.OPT_PASSTHROUGH_SUBCLASS)
    try:
        data = orjson.dumps(document, option=options)
    except TypeError:  # past its limits (see the module's text); json writes it, or raises its own error
        return None
    if _TINY in data or _EXPONENT.search(data):
        return None
    return data.decode("utf-8")
