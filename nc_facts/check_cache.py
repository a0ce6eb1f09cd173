"""The checker's view of a base, kept beside the base's index so that a check need not work it out again.

Building a ``BaseView`` reads the names and words of every fact: on a large
base, nearly all of a check's time (seconds at 100,000 facts, against
milliseconds for the check itself).  What it works out (``ViewParts``)
depends only on the base and on the code that reads it, so the first check
after a change saves it, in the index directory (``store.index_dir``, which
``nc-facts cache path`` lists and ``cache clear`` empties), in one file:

- a magic number;
- the key, what the parts were built from: the base's directory and the
  BLAKE2 hashes of its two files' content (as its index records them), the
  code of the modules that decide the parts, the stemmer's version and
  Python's (whose ``marshal`` format the payload is in); its length first;
- the lengths of the head and of the record table, and the CRC-32 of all
  that follows the key (as the index checks its blocks), checked before
  anything is read;
- the head: the parts every check reads (postings, the names, the events and
  measures, which facts hold each), as plain values in ``marshal`` format,
  which reads them several times faster than JSON (and keeps sets as sets);
- the records: each standing fact's words, names and texts' figures, each
  in ``marshal`` format of its own, after a table of where each begins; a
  record is unmarshalled only when a check reads its fact (a check reads a
  few hundred of them, a base may hold a million).

A file whose key or CRC-32 differs (a changed base, an upgrade, damage) is
not read; the parts are worked out again and the file replaced, written to
a temporary file and renamed, as the index is.  The path is opened without
following a symbolic link and without blocking, and read only if it is a
regular file.  Where the cache cannot be written, the view is built in
memory, without error.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import os
import struct
import sys
import zlib
from array import array
from collections.abc import Iterator, Mapping

from .evidence import BaseView, ViewParts, places_of
from .model import collection_paused
from .store import file_stamps, index_path, read_cache_file, write_cache_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .reader import IndexedBase

MAGIC = b"NCCHECK\x05"
# The key's length, the head's length, the record table's length, and the CRC-32 of all after the key.
_SIZES = struct.Struct("<QQQI")
# The parts kept for each fact, read only for the facts a check reads; what stands for a fact without one.
_PER_FACT = ("words", "fact_names", "text_figures")
_ABSENT: tuple[Any, ...] = (None, None, ())
# Modules whose code decides the parts: a change to one makes saved views stale.
_CODE_MODULES = ("evidence", "names", "language", "text", "claims", "dates", "model", "check_cache")


def view_path(directory: str) -> str:
    """Where the view of the base in ``directory`` is kept: beside its index, under the same name."""
    return os.path.splitext(index_path(directory))[0] + ".check"


def cached_view(indexed: IndexedBase) -> BaseView:
    """The checker's view of the base ``indexed`` serves: read from the cache when it is current.

    A view read from the cache decodes only the facts a check asks for; one worked out decodes them all.
    """
    key = _key(indexed)
    if key is None:
        return BaseView(indexed.whole_base())
    path = view_path(os.path.abspath(indexed.directory))
    with collection_paused():  # hundreds of thousands of sets and tuples, none of them in a cycle
        parts = _read(path, key)
        if parts is not None:
            return BaseView(indexed.declared_base(), parts, indexed.get)
    view = BaseView(indexed.whole_base())
    with contextlib.suppress(OSError):  # a read-only cache: the next check works the view out again
        _write(path, key, view.parts)
    return view


def _key(indexed: IndexedBase) -> bytes | None:
    header = indexed.index.header
    if not header.get("hashes"):
        return None  # an index built in memory, from files that could not be hashed: nothing to key on
    import snowballstemmer

    package = os.path.dirname(os.path.abspath(__file__))
    code = file_stamps(package, [name + ".py" for name in _CODE_MODULES])
    what = (header.get("base"), tuple(header["hashes"]), repr(header.get("code")), code,
            getattr(snowballstemmer, "__version__", ""), sys.version, marshal.version)
    return repr(what).encode("utf-8", "surrogatepass")


def _read(path: str, key: bytes) -> ViewParts | None:
    """The parts saved at ``path`` under ``key``, or None (no file, another key, damage, not a regular file)."""
    data = read_cache_file(path)
    if data is None or len(data) < len(MAGIC) + _SIZES.size or not data.startswith(MAGIC):
        return None
    key_length, head_length, starts_length, crc = _SIZES.unpack_from(data, len(MAGIC))
    start = len(MAGIC) + _SIZES.size
    if data[start:start + key_length] != key:
        return None
    payload = memoryview(data)[start + key_length:]
    if len(payload) < head_length + starts_length or starts_length % 8 or zlib.crc32(payload) != crc:
        return None
    try:
        head = marshal.loads(payload[:head_length])
        table = _Records(head["ids"], payload[head_length:head_length + starts_length].cast("Q"),
                         payload[head_length + starts_length:])
        words, fact_names, text_figures = (_Field(table, at) for at in range(len(_PER_FACT)))
        return ViewParts(**head, words=words, fact_names=fact_names, text_figures=text_figures)
    except (ValueError, EOFError, TypeError, KeyError):  # a payload of another shape: never read, only replaced
        return None


def _write(path: str, key: bytes, parts: ViewParts) -> None:
    head = marshal.dumps({field.name: getattr(parts, field.name) for field in dataclasses.fields(ViewParts)
                          if field.name not in _PER_FACT})
    records = [marshal.dumps(_record(parts, fact_id)) for fact_id in parts.ids]
    starts = array("Q", [0])
    for record in records:
        starts.append(starts[-1] + len(record))
    payload = [head, starts.tobytes(), *records]
    crc = 0
    for piece in payload:
        crc = zlib.crc32(piece, crc)
    sizes = _SIZES.pack(len(key), len(head), len(payload[1]), crc)
    write_cache_file(path, [MAGIC + sizes + key, *payload])


def _record(parts: ViewParts, fact_id: str) -> tuple[Any, ...]:
    return tuple(getattr(parts, name).get(fact_id, absent) for name, absent in zip(_PER_FACT, _ABSENT, strict=True))


class _Records:
    """The per-fact records of a saved view: each unmarshalled when a check first asks for its fact."""

    def __init__(self, ids: tuple[str, ...], starts: memoryview, blob: memoryview) -> None:
        if len(starts) != len(ids) + 1 or starts[-1] != len(blob):
            raise ValueError("the records do not fit their table")
        self.ids, self._starts, self._blob = ids, starts, blob
        self._read: dict[int, tuple[Any, ...]] = {}

    def of(self, fact_id: str) -> tuple[Any, ...] | None:
        place = places_of(self.ids).get(fact_id)
        if place is None:
            return None
        record = self._read.get(place)
        if record is None:
            record = self._read[place] = marshal.loads(self._blob[self._starts[place]:self._starts[place + 1]])
        return record


class _Field(Mapping[str, "Any"]):
    """One field of every fact's record (its words, its names, its texts' figures), by fact id, as a dict."""

    def __init__(self, records: _Records, at: int) -> None:
        self._records, self._at = records, at

    def __getitem__(self, fact_id: str) -> Any:
        record = self._records.of(fact_id)
        if record is None or record[self._at] == _ABSENT[self._at]:
            raise KeyError(fact_id)
        return record[self._at]

    def __iter__(self) -> Iterator[str]:
        return (fact_id for fact_id in self._records.ids if fact_id in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)
