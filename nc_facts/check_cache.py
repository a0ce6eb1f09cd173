"""The checker's view of a base, kept beside the base's index so that a check need not work it out again.

Building a ``BaseView`` reads the names and words of every fact: on a large
base, nearly all of a check's time (seconds at 100,000 facts, against
milliseconds for the check itself).  What it works out (``ViewParts``)
depends only on the base and on the code that reads it, so the first check
after a change saves it, in the index directory (``store.index_dir``, which
``nc-facts cache path`` lists and ``cache clear`` empties), in one file of
sections under block checksums, as the index is (``sections``), mapped and
checked block by block where a check reads it:

- the header records the key, what the parts were built from: the base's
  directory and the BLAKE2 hashes of its two files' content (as its index
  records them), the code of the modules that decide the parts, the
  stemmer's version and Python's (whose ``marshal`` format the values are
  in);
- ``head``: the parts every check reads (the name table but its entities,
  the events and measures, the words written only as names), in
  ``marshal`` format;
- the name table's entities by key, each read when a check asks for it;
- ``ids`` and ``records``: each standing fact's id and record (its words,
  names and texts' figures, in ``marshal`` format), by place, each read
  only for the facts a check reads;
- the tables by key (the words' postings, each name's facts, the facts
  whose texts name it, each event's and measure's facts): the keys sorted
  (looked up by bisection) and each key's places, an array of numbers;
- the common words' sets of places, one fixed-length bit set each; the
  texts' counts and the figures' values, sorted, with their places.

Facts are named by their places, which are also their positions in the
index, so a check decodes a fact from the index without looking up its id;
a fact decoded there whose id is not the one the view has at that place is
refused.  A file whose key differs (a changed base, an upgrade) or whose
header or block sums do not hold is not read: the parts are worked out again
and the file replaced, written to a temporary file and renamed, as the index
is.  A block found damaged while a check reads it is ``CacheError`` (one
line): the file is removed, and the next check works the view out again.
Where the cache cannot be written, the view is built in memory, without
error.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import sys
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from . import sections
from .errors import CacheError
from .evidence import BaseView, ViewParts
from .model import collection_paused
from .sections import SectionedFile, Untrusted
from .store import file_stamps, index_path, write_cache_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .model import Fact
    from .reader import IndexedBase

# The tables by key, each a word's, name's, event's or measure's places.
_KEYED = ("postings", "naming", "text_naming", "event_facts", "measure_facts")
_SORTED = ("text_counts", "record_values")  # values sorted, with their places
_HEAD = ("names", "measures", "events", "name_words")
KIND = sections.Kind(
    b"NCCHECK\x07", b"NCCHECK\x00END\x00\x00\x00\x00\x00", 2,
    ("head", "ids", "id_start", "records", "record_start",
     "entities.keys", "entities.key_start", "entities.start", "entities.rows",
     *(f"{table}.{part}" for table in _KEYED for part in ("keys", "key_start", "start", "places")),
     "common.keys", "common.key_start", "common.sets",
     *(f"{table}.{part}" for table in _SORTED for part in ("values", "places"))))
BLOCK_SIZE = 8192  # as the index's (store.BLOCK_SIZE)
# Modules whose code decides the parts: a change to one makes saved views stale.
_CODE_MODULES = ("evidence", "names", "language", "text", "claims", "dates", "model", "check_cache", "sections")


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
        saved = _open(path, key)
        if saved is not None:
            try:
                parts = saved.parts()
            except CacheError:
                parts = None  # its head would not read: worked out again below, and replaced
            if parts is not None:
                return BaseView(indexed.declared_base(), parts, saved.checked(indexed.fact), indexed.position)
    # Worked out from the facts as the index gives them, a chunk at a time: never all in memory at once.
    view = BaseView(indexed.declared_base(), fact_at=indexed.fact, place_of=indexed.position,
                    facts=indexed.standing_facts)
    with contextlib.suppress(OSError):  # a read-only cache: the next check works the view out again
        _write(path, key, view.parts)
    return view


def _key(indexed: IndexedBase) -> str | None:
    header = indexed.index.header
    if not header.get("hashes"):
        return None  # an index built in memory, from files that could not be hashed: nothing to key on
    import snowballstemmer

    package = os.path.dirname(os.path.abspath(__file__))
    code = file_stamps(package, [name + ".py" for name in _CODE_MODULES])
    what = (header.get("base"), tuple(header["hashes"]), repr(header.get("code")), code,
            getattr(snowballstemmer, "__version__", ""), sys.version, marshal.version, sys.byteorder)
    return repr(what)


def _open(path: str, key: str) -> _SavedView | None:
    """The view saved at ``path`` under ``key``, or None (no file, another key, damage, not a regular file)."""
    opened = sections.open_mapped(path, KIND)
    if opened is None or opened[1].get("key") != key:
        return None
    return _SavedView(path, SectionedFile(*opened))


def plain(parts: ViewParts) -> dict[str, Any]:
    """The parts as plain values, whether worked out or read from the cache: two views' parts compare so."""
    found: dict[str, Any] = {name: getattr(parts, name) for name in (*_HEAD, "records", "ids", *_KEYED, *_SORTED)}
    found["records"], found["ids"] = list(parts.records), list(parts.ids)
    for name in _KEYED:
        found[name] = {key: list(places) for key, places in found[name].items()}
    for name in _SORTED:
        found[name] = tuple(map(list, found[name]))
    found["common"] = {word: bytes(bits) for word, bits in parts.common.items()}
    found["names"] = (dict(parts.names[0]), *parts.names[1:])
    return found


# --- writing ---------------------------------------------------------------------------------------------

def _write(path: str, key: str, parts: ViewParts) -> None:
    ids = [fact_id.encode("utf-8", "surrogatepass") for fact_id in parts.ids]
    # The name table's entities are a table by key of their own: a check reads a few of tens of thousands.
    rows, *table = parts.names
    head = {name: getattr(parts, name) for name in _HEAD} | {"names": (None, *table)}
    keys = sorted(rows, key=_encoded)
    pieces: dict[str, tuple[bytes | memoryview, str]] = {
        "head": (marshal.dumps(head), "s"),
        **_blob("entities.keys", "entities.key_start", [_encoded(key) for key in keys]),
        **_blob("entities.rows", "entities.start", [marshal.dumps(rows[key]) for key in keys]),
        **_blob("ids", "id_start", ids),
        **_blob("records", "record_start", [marshal.dumps(record) for record in parts.records]),
    }
    for name in _KEYED:
        pieces |= _keyed(name, getattr(parts, name))
    size = (len(parts.ids) + 7) // 8
    common = sorted((_encoded(word), bits) for word, bits in parts.common.items())
    pieces |= _blob("common.keys", "common.key_start", [word for word, _ in common])
    pieces["common.sets"] = (b"".join(bytes(bits).ljust(size, b"\0") for _, bits in common), "s")
    for name in _SORTED:
        values, places = getattr(parts, name)
        pieces[f"{name}.values"] = (_numbers("d", values), "d")
        pieces[f"{name}.places"] = (_numbers("I", places), "I")
    layout, chunks = sections.lay_out(pieces, KIND, BLOCK_SIZE)
    write_cache_file(path, sections.file_pieces({**layout, "key": key, "facts": len(parts.ids)}, chunks, KIND))


def _encoded(key: str) -> bytes:
    return key.encode("utf-8", "surrogatepass")


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _numbers(code: str, values: Iterable[float]) -> memoryview:
    return memoryview(array(code, values)).cast("B")


def _blob(blob: str, starts: str, pieces: list[bytes]) -> dict[str, tuple[bytes | memoryview, str]]:
    """A blob section of the pieces laid end to end, and the section of where each begins (and the last ends)."""
    offsets = array("Q", [0])
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece))
    return {blob: (b"".join(pieces), "s"), starts: (memoryview(offsets).cast("B"), "Q")}


def _keyed(name: str, table: Mapping[str, Sequence[int]]) -> dict[str, tuple[bytes | memoryview, str]]:
    """A table by key: its keys sorted by their bytes (for bisection), and each key's places."""
    keys = sorted(table, key=_encoded)
    starts, places = array("Q", [0]), array("I")
    for key in keys:
        places.extend(table[key])
        starts.append(len(places))
    return {**_blob(f"{name}.keys", f"{name}.key_start", [_encoded(key) for key in keys]),
            f"{name}.start": (memoryview(starts).cast("B"), "Q"), f"{name}.places": (memoryview(places).cast("B"), "I")}


# --- reading ---------------------------------------------------------------------------------------------

def damaged(path: str) -> CacheError:
    """The error of a saved view found damaged while a check reads it: removed, so that the next check works
    the view out again."""
    with contextlib.suppress(OSError):
        os.remove(path)
    return CacheError(f"{path}: the checker's saved view is damaged; it is removed, and the next check works it "
                      "out again")


class _SavedView:
    """A saved view's file: its parts, each read (and its blocks checked) when a check asks for it."""

    def __init__(self, path: str, file: SectionedFile) -> None:
        self.path, self.file = path, file
        self.size = int(file.header.get("facts", -1))
        self.ids = _Pieces(self, "ids", "id_start", _decoded)  # one for the parts and for ``checked``

    def section(self, name: str) -> memoryview:
        try:
            return self.file.section(name)
        except Untrusted:
            raise damaged(self.path) from None

    def items(self, name: str, first: int, end: int) -> memoryview:
        try:
            return self.file.items(name, first, end)
        except Untrusted:
            raise damaged(self.path) from None

    def piece(self, blob: str, starts: str, number: int) -> bytes:
        try:
            return self.file.piece(blob, starts, number)
        except Untrusted:
            raise damaged(self.path) from None

    def count(self, name: str) -> int:
        """How many items a section holds (none of them read)."""
        return self.file.count(name)

    def parts(self) -> ViewParts | None:
        """The saved parts, or None when they are not of the shape this code saves."""
        try:
            head = marshal.loads(self.section("head"))
        except (ValueError, EOFError, TypeError):
            raise damaged(self.path) from None
        ids = self.ids
        if not isinstance(head, dict) or set(head) != set(_HEAD) or len(ids) != self.size:
            return None
        if not isinstance(head["names"], tuple) or not head["names"] or head["names"][0] is not None:
            return None
        rows = _Pieces(self, "entities.rows", "entities.start", functools.partial(_marshalled_tuple, 5))
        head["names"] = (_Keyed(self, "entities", lambda _, number: rows[number]), *head["names"][1:])
        records = _Pieces(self, "records", "record_start", functools.partial(_marshalled_tuple, 4))
        keyed: dict[str, Any] = {name: _Keyed(self, name, self._places) for name in _KEYED}
        common = _Keyed(self, "common", self._bits)
        sorted_: dict[str, Any] = {name: (_Numbers(self, f"{name}.values"), _Numbers(self, f"{name}.places"))
                                   for name in _SORTED}
        if len(records) != self.size or any(len(values) != len(places) for values, places in sorted_.values()):
            return None
        return ViewParts(**head, records=records, ids=ids, **keyed, common=common, **sorted_)

    def _places(self, name: str, number: int) -> memoryview:
        starts = self.items(f"{name}.start", number, number + 2)
        return self.items(f"{name}.places", starts[0], starts[1])

    def _bits(self, _: str, number: int) -> memoryview:
        width = (self.size + 7) // 8
        return self.items("common.sets", number * width, (number + 1) * width)

    def checked(self, fact_at: Any) -> Any:
        """``fact_at`` (a fact by its index position), refusing a fact whose id is not the view's at that place
        (an index built since from another base)."""
        def fact(place: int) -> Fact:
            found: Fact = fact_at(place)
            if found.id != self.ids[place]:
                raise damaged(self.path)
            return found
        return fact


def _marshalled_tuple(size: int, data: bytes) -> tuple[Any, ...]:
    """A piece holding a tuple of ``size`` items in marshal form (a fact's record, an entity's row)."""
    value = marshal.loads(data)
    if not isinstance(value, tuple) or len(value) != size:
        raise ValueError("a piece of another shape")  # _Pieces reports the file damaged
    return value


class _Pieces(Sequence["Any"]):
    """The pieces of a blob section by number, each read and decoded when first asked for."""

    def __init__(self, saved: _SavedView, blob: str, starts: str, decode: Callable[[bytes], Any]) -> None:
        self._saved, self._blob, self._starts, self._decode = saved, blob, starts, decode
        self._length = max(saved.count(starts) - 1, 0)
        self._made: dict[int, Any] = {}

    def __getitem__(self, number: Any) -> Any:
        if not isinstance(number, int):
            raise TypeError("a saved view's pieces are read one at a time")
        if not 0 <= number < self._length:
            raise IndexError(number)
        made = self._made.get(number)
        if made is None:
            try:
                made = self._made[number] = self._decode(self._saved.piece(self._blob, self._starts, number))
            except (ValueError, EOFError, TypeError):  # UnicodeDecodeError is a ValueError
                raise damaged(self._saved.path) from None
        return made

    def __len__(self) -> int:
        return self._length


class _Keyed(Mapping[str, "Any"]):
    """A table of the saved view by key: the keys found by bisection among their sorted bytes, each key's
    value (``value_of``: its places, or its set of them) read when asked for, and kept (a draft's sentences
    ask for the same words again and again)."""

    def __init__(self, saved: _SavedView, name: str, value_of: Callable[[str, int], Any]) -> None:
        self._saved, self._name, self._value_of = saved, name, value_of
        self._length = max(saved.count(f"{name}.key_start") - 1, 0)
        self._keys: tuple[memoryview, memoryview] | None = None
        self._found: dict[str, Any] = {}  # key -> its value, or None where the table has no such key

    def _key_sections(self) -> tuple[memoryview, memoryview]:
        if self._keys is None:
            self._keys = self._saved.section(f"{self._name}.keys"), self._saved.section(f"{self._name}.key_start")
        return self._keys

    def _number(self, key: str) -> int | None:
        blob, starts = self._key_sections()
        wanted = _encoded(key)
        at = bisect_left(range(self._length), wanted, key=lambda i: blob[starts[i]:starts[i + 1]].tobytes())
        if at < self._length and blob[starts[at]:starts[at + 1]] == wanted:
            return at
        return None

    def __getitem__(self, key: str) -> Any:
        try:
            value = self._found[key]
        except KeyError:
            number = self._number(key)
            value = self._found[key] = None if number is None else self._value_of(self._name, number)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        blob, starts = self._key_sections()
        for number in range(self._length):
            yield _decoded(blob[starts[number]:starts[number + 1]].tobytes())

    def __len__(self) -> int:
        return self._length


class _Numbers(Sequence["Any"]):
    """An array section, checked whole when first read (a bisection reads it here and there)."""

    def __init__(self, saved: _SavedView, name: str) -> None:
        self._saved, self._name = saved, name
        self._length = saved.count(name)
        self._numbers: memoryview | None = None

    def __getitem__(self, at: Any) -> Any:
        if self._numbers is None:
            self._numbers = self._saved.section(self._name)
        return self._numbers[at]

    def __len__(self) -> int:
        return self._length
