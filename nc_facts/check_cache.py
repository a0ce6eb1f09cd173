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
- the head's length and the CRC-32 of all that follows the key (as the
  index checks its blocks), checked before anything is read;
- the head: the parts every check reads (the names, the events and
  measures, which facts hold each, the sets of the common words), as plain
  values in ``marshal`` format, which reads them several times faster than
  JSON (and keeps sets as sets), with where each table below lies;
- the tables by key: the words' postings, the facts of each name, the
  facts whose texts name each, and each standing fact's record (its words,
  names and texts' figures): each a list of where every value begins, then
  the values, each in ``marshal`` format of its own, unmarshalled only when
  a check asks for its key (a check reads a few hundred, a base may hold a
  million).  A value that will not unmarshal under a good CRC-32 is
  ``CacheError``: the file is removed, and the next check works it out.

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
from functools import cached_property

from .errors import CacheError
from .evidence import BaseView, ViewParts, places_of
from .model import collection_paused
from .store import file_stamps, index_path, read_cache_file, write_cache_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .reader import IndexedBase

MAGIC = b"NCCHECK\x06"
_SIZES = struct.Struct("<QQI")  # the key's length, the head's length, and the CRC-32 of all after the key
# The parts kept for each fact, read only for the facts a check reads; what stands for a fact without one.
_PER_FACT = ("words", "fact_names", "text_figures")
_ABSENT: tuple[Any, ...] = (None, None, ())
_RECORDS = "records"  # the table of each fact's record (_PER_FACT), by id
# The parts kept as tables by key, each value read only when a check asks for its key.
_TABLES = ("postings", "naming", "text_naming")
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
    key_length, head_length, crc = _SIZES.unpack_from(data, len(MAGIC))
    start = len(MAGIC) + _SIZES.size
    if data[start:start + key_length] != key:
        return None
    payload = memoryview(data)[start + key_length:]
    if len(payload) < head_length or zlib.crc32(payload) != crc:
        return None
    try:
        head = marshal.loads(payload[:head_length])
        if not isinstance(head, dict) or not isinstance(head.get(""), dict):
            return None
        tables = {name: _Table(path, keys, payload[head_length:], *where)
                  for name, (keys, *where) in head.pop("").items()}
        records = tables[_RECORDS]
        words, fact_names, text_figures = (_Field(records, at) for at in range(len(_PER_FACT)))
        return ViewParts(**head, postings=tables["postings"], naming=tables["naming"],
                         text_naming=tables["text_naming"], words=words, fact_names=fact_names,
                         text_figures=text_figures)
    except (ValueError, EOFError, TypeError, KeyError):  # a payload of another shape: never read, only replaced
        return None


def _write(path: str, key: bytes, parts: ViewParts) -> None:
    tables = {name: (tuple(getattr(parts, name)), [marshal.dumps(value) for value in getattr(parts, name).values()])
              for name in _TABLES}
    tables[_RECORDS] = (parts.ids, [marshal.dumps(_record(parts, fact_id)) for fact_id in parts.ids])
    tail: list[bytes] = []
    where: dict[str, tuple[Any, ...]] = {}
    offset = 0
    for name, (keys, values) in tables.items():
        starts = array("Q", [0])
        for value in values:
            starts.append(starts[-1] + len(value))
        where[name] = (keys, offset, offset + len(starts) * 8, starts[-1])
        tail += [starts.tobytes(), *values]
        offset += len(starts) * 8 + starts[-1]
    kept = {field.name: getattr(parts, field.name) for field in dataclasses.fields(ViewParts)
            if field.name not in (*_PER_FACT, *_TABLES)}
    head = marshal.dumps({**kept, "": where})
    crc = zlib.crc32(head)
    for piece in tail:
        crc = zlib.crc32(piece, crc)
    write_cache_file(path, [MAGIC + _SIZES.pack(len(key), len(head), crc) + key, head, *tail])


def _record(parts: ViewParts, fact_id: str) -> tuple[Any, ...]:
    return tuple(getattr(parts, name).get(fact_id, absent) for name, absent in zip(_PER_FACT, _ABSENT, strict=True))


def damaged(path: str) -> CacheError:
    """The error of a saved view found damaged while a check reads it (its CRC-32 held): removed, so that the
    next check works the view out again."""
    with contextlib.suppress(OSError):
        os.remove(path)
    return CacheError(f"{path}: the checker's saved view is damaged; it is removed, and the next check works it "
                      "out again")


class _Table(Mapping[str, "Any"]):
    """A table of the saved view by key (a word, a name, a fact's id): each value unmarshalled when first asked
    for, from the table's bytes (a table of where each value begins, then the values)."""

    def __init__(self, path: str, keys: tuple[str, ...], tail: memoryview, starts_at: int, values_at: int,
                 length: int) -> None:
        starts = tail[starts_at:values_at].cast("Q")
        if len(starts) != len(keys) + 1 or starts[0] != 0 or starts[-1] != length or values_at + length > len(tail):
            raise ValueError("the table does not fit its bytes")
        self.path, self.keys_, self._starts, self._values = path, keys, starts, tail[values_at:values_at + length]
        self._read: dict[int, Any] = {}

    @cached_property
    def _places(self) -> Mapping[str, int]:
        # The records' keys are the view's ids, whose places the view makes too: made once for both.
        return places_of(self.keys_)

    def place(self, key: str) -> int | None:
        return self._places.get(key)

    def __getitem__(self, key: str) -> Any:
        place = self.place(key)
        if place is None:
            raise KeyError(key)
        value = self._read.get(place)
        if value is None:
            start, end = self._starts[place], self._starts[place + 1]
            try:
                if not start <= end <= len(self._values):
                    raise ValueError("a value outside its table")
                value = self._read[place] = marshal.loads(self._values[start:end])
            except (ValueError, EOFError, TypeError):
                raise damaged(self.path) from None
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)


class _Field(Mapping[str, "Any"]):
    """One field of every fact's record (its words, its names, its texts' figures), by fact id, as a dict."""

    def __init__(self, records: _Table, at: int) -> None:
        self._records, self._at = records, at

    def __getitem__(self, fact_id: str) -> Any:
        record = self._records[fact_id]
        if not isinstance(record, tuple) or len(record) != len(_PER_FACT):
            raise damaged(self._records.path)
        value = record[self._at]
        if value == _ABSENT[self._at]:
            raise KeyError(fact_id)
        return value

    def __iter__(self) -> Iterator[str]:
        return (fact_id for fact_id in self._records if fact_id in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)
