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
- the payload's length and CRC-32 (as the index checks its blocks), checked
  before the payload is read;
- the payload: the parts as plain values in ``marshal`` format, which reads
  them several times faster than JSON (and keeps sets as sets).

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

from .evidence import BaseView, ViewParts
from .model import collection_paused
from .store import file_stamps, index_path, read_cache_file, write_cache_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .reader import IndexedBase

MAGIC = b"NCCHECK\x04"
_SIZES = struct.Struct("<QQI")  # the key's length, the payload's length, the payload's CRC-32
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
    key_length, payload_length, crc = _SIZES.unpack_from(data, len(MAGIC))
    start = len(MAGIC) + _SIZES.size
    if data[start:start + key_length] != key:
        return None
    payload = memoryview(data)[start + key_length:]
    if len(payload) != payload_length or zlib.crc32(payload) != crc:
        return None
    try:
        return ViewParts(*marshal.loads(payload))
    except (ValueError, EOFError, TypeError):  # a payload of another shape: never read, only replaced
        return None


def _write(path: str, key: bytes, parts: ViewParts) -> None:
    payload = marshal.dumps(tuple(getattr(parts, field.name) for field in dataclasses.fields(ViewParts)))
    write_cache_file(path, [MAGIC + _SIZES.pack(len(key), len(payload), zlib.crc32(payload)) + key, payload])
