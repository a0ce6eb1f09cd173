"""A persistent search index of a base, kept in the user's cache directory.

Parsing and validating a large base takes seconds; a query should not.  The
first query over a base loads and validates it with the loader, computes the
same terms and weights as ``search.SearchIndex``, and writes them with each
fact's JSON into one file.  Later
queries map that file and read only what they need: the word list, the
postings of the query's terms, the claims of the candidates, and the JSON of
the results.  The ranking is ``ranking.rank``
over either index, so results are the same with or without the file.

Where the file lives: ``$NC_FACTS_CACHE_DIR`` if set, else the platform's user
cache directory (``$XDG_CACHE_HOME/nc-facts``, ``~/.cache/nc-facts``,
``~/Library/Caches/nc-facts`` on macOS, ``%LOCALAPPDATA%\\nc-facts\\Cache`` on
Windows), under ``index/``, one file per base directory (named after it and a
checksum of its absolute path).

When it is trusted: the file records the size, modification and change times
and inode of both TOML files, a BLAKE2 hash of their content, and the
version of the code that built it.  A file whose times or size differ, or
which was written so soon after a TOML edit that the file system's clock
could not tell the two apart, is checked against the content hash; a
changed base is loaded (and so validated) again.  An index is only ever
written for a base that validated, so a query never answers from a base
that fails validation.

Writes are atomic: a temporary file in the same directory, flushed, then
renamed over the old one, so two processes building at once each leave a
complete file, and a crash leaves at most a temporary file nobody reads.
A file is also checked for its magic, length and trailer before use.  Where
nothing can be written, the query answers from the index built in memory.

When its bytes are trusted: the header carries a CRC-32 of itself, and the
data a CRC-32 of each fixed-size block (the block sums, a section of their
own, checked whole against the header when the file is opened).  A query
reads only parts of the file, so each block is checked the first time a
query reads from it, and every offset read is checked against its section's
bounds.  Any mismatch raises ``IndexUntrusted``, caught here and in ``reader``: the query
is answered again from an index rebuilt from the base (written in place of
the damaged file where possible), never from the damaged one.  The path is
opened without following a symbolic link and without blocking, and only a
regular file is read, so a FIFO, a device or a directory there is rebuilt
over (or, where it cannot be replaced, answered from memory).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import stat
import sys
import time
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import pairwise

from . import __version__, sections
from .ranking import Vocabulary, length_starts, rank_with_unmatched
from .sections import SectionedFile, open_cache_file
from .text import is_number, normalize

# The sections of index_sections, which serve the commands other than search (see there).
INDEX_SECTIONS = ("id_blob", "id_start", "id_pos", "rank", "labels", "label_pos", "date_key", "date_fact",
                  "date_first", "date_last", "date_by_first", "declarations")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .model import Base, Fact, Source

MAGIC = b"NCFACTS\x01"
TRAILER = b"NCFACTS\x00END\x00\x00\x00\x00\x00"
FORMAT = 6
# Bytes of data under one checksum.  Small enough that checking the blocks a query touches (a few dozen
# scattered claims among them) costs little, large enough that the sums of a 900 MB index stay small.
BLOCK_SIZE = 8192
# A TOML file modified this close to the moment the index read it may have
# changed again within the same timestamp tick: such entries are verified by
# content hash until they are older.
RACY_NS = 2_000_000_000
# Modules whose code decides what an index holds: any change to one of them
# (an upgrade, a local edit) makes existing index files stale.
_CODE_MODULES = ("loader", "validate", "model", "dates", "search", "ranking", "text", "serialize", "store",
                 "toml_lines", "errors", "problems", "entity_names", "validate_names", "validate_measures",
                 "validate_units", "units", "provenance", "index_sections", "records", "sections")
FACTS_FILE = "facts.toml"
SOURCES_FILE = "sources.toml"
_SECTIONS = ("words", "word_length_start", "numbers", "number_start", "post_start", "post_pos", "post_weight",
             "post_top", "post_counted",
             "claims", "claim_start", "facts", "fact_start", *INDEX_SECTIONS)
# The index as a sectioned file (``sections``); IndexUntrusted never leaves this module and ``reader``: the
# query that met it is answered from a rebuilt index.
INDEX = sections.Kind(MAGIC, TRAILER, FORMAT, _SECTIONS)
IndexUntrusted = sections.Untrusted


def cache_root() -> str:
    """The directory holding nc-facts' caches (see the module docstring)."""
    explicit = os.environ.get("NC_FACTS_CACHE_DIR", "")
    if explicit:
        return explicit
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return os.path.join(local, "nc-facts", "Cache")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/nc-facts")
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    root = xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache")
    return os.path.join(root, "nc-facts")


def index_dir() -> str:
    return os.path.join(cache_root(), "index")


def index_path(base_dir: str) -> str:
    """The index file of the base in ``base_dir``."""
    import zlib

    absolute = os.path.abspath(base_dir)
    name = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in os.path.basename(absolute))[:40] or "base"
    return os.path.join(index_dir(), f"{name}-{zlib.crc32(os.fsencode(absolute)):08x}.idx")


def _file_stat(path: str) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _code_key() -> list[Any]:
    package = os.path.dirname(os.path.abspath(__file__))
    return [FORMAT, __version__, sys.byteorder, *file_stamps(package, [name + ".py" for name in _CODE_MODULES])]


def file_stamps(directory: str, names: Iterable[str]) -> list[list[Any]]:
    """Each file of ``directory`` by name, size and modification time (the name alone where it cannot be read).

    The code a cache was made by: a change to one of these files (an upgrade, a local edit) makes it stale.
    """
    stamps: list[list[Any]] = []
    for name in names:
        try:
            st = os.stat(os.path.join(directory, name))
            stamps.append([name, st.st_size, st.st_mtime_ns])
        except OSError:
            stamps.append([name])
    return stamps


def package_stamp(package: str) -> list[Any] | None:
    """An installed package by where its code is and that file's size and time; None where it cannot be found."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    origin = spec.origin if spec is not None else None
    if origin is None:
        return None
    try:
        st = os.stat(origin)
    except OSError:
        return None
    return [package, origin, st.st_size, st.st_mtime_ns]


def _content_hash(path: str) -> str:
    import hashlib

    if not stat.S_ISREG(os.stat(path).st_mode):
        # A FIFO or device would block or never end; the loader refuses it with a clear error.
        raise OSError(f"{path} is not a regular file")
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        # In pieces: a facts.toml of a million facts is half a gigabyte, which read whole would be held whole.
        for piece in iter(lambda: handle.read(1 << 20), b""):
            digest.update(piece)
    return digest.hexdigest()


def _content_hashes(base_dir: str) -> list[str] | None:
    try:
        return [_content_hash(file) for file in _files(base_dir)]
    except OSError:
        return None  # unreadable: the loader will say why


class DiskIndex(SectionedFile):
    """The index of one base, over a mapped file (or the bytes of one just built): see ``SectionedFile``."""

    def __init__(self, data: Any, header: dict[str, Any], data_start: int, descriptor: int | None = None,
                 sums: Sequence[int] | None = None) -> None:
        super().__init__(data, header, data_start, descriptor, sums)
        self._vocabulary: Vocabulary | None = None
        self._ranges: dict[str, tuple[int, int, int]] = {}  # term -> first posting, end, term number
        self._weights: list[float] = header["weights"]
        self._checked_postings: set[int] = set()

    @property
    def size(self) -> int:
        return max(int(self.header["facts"]), 1)

    def _check_postings(self, first: int, end: int, term_id: int) -> None:
        if term_id not in self._checked_postings:
            self._check_items("post_pos", first, end)
            self._check_items("post_weight", first, end)
            self._checked_postings.add(term_id)

    # --- what the ranking reads ----------------------------------------------------------------------

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._check_section("words")
            self._check_section("word_length_start")
            blob = bytes(self._section("words"))
            words = blob.decode("utf-8").split("\n") if blob else []
            starts = self._section("word_length_start").tolist()
            if len(words) != self.header["word_count"] or not sections.is_ascending(starts, len(words)):
                raise IndexUntrusted("the word list does not match its length starts")
            self._vocabulary = Vocabulary(words, starts)
        return self._vocabulary

    def words(self) -> Sequence[str]:
        return self.vocabulary().words

    def _term_id(self, term: str) -> int | None:
        if is_number(term):
            return self._number_id(term)
        return self.vocabulary().index(term)

    def _number_id(self, term: str) -> int | None:
        """Number terms are many and only ever looked up exactly: a binary search over the sorted list."""
        count = len(self._section("number_start")) - 1
        wanted = term.encode("ascii", "replace")
        low, high = 0, count
        while low < high:
            middle = (low + high) // 2
            if self._number(middle) < wanted:
                low = middle + 1
            else:
                high = middle
        if low < count and self._number(low) == wanted:
            return int(self.header["word_count"]) + low
        return None

    def _number(self, rank: int) -> bytes:
        self._check_items("number_start", rank, rank + 2)
        starts = self._section("number_start")
        first, end = starts[rank], starts[rank + 1]
        self._check_items("numbers", first, end)
        return bytes(self._section("numbers")[first:end])

    def _range(self, term: str) -> tuple[int, int, int]:
        found = self._ranges.get(term)
        if found is None:
            term_id = self._term_id(term)
            if term_id is None:
                found = (0, 0, -1)
            else:
                self._check_items("post_start", term_id, term_id + 2)
                self._check_items("post_counted", term_id, term_id + 1)
                self._check_items("post_top", term_id, term_id + 1)
                starts = self._section("post_start")
                found = (starts[term_id], starts[term_id + 1], term_id)
            self._ranges[term] = found
        return found

    def frequency(self, term: str) -> int:
        first, end, _ = self._range(term)
        return end - first

    def document_frequency(self, term: str) -> int:
        _, _, term_id = self._range(term)
        return int(self._section("post_counted")[term_id]) if term_id >= 0 else 0

    def top_weight(self, term: str) -> float:
        _, _, term_id = self._range(term)
        return self._weight(self._section("post_top")[term_id]) if term_id >= 0 else 0.0

    def _weight(self, code: int) -> float:
        if code >= len(self._weights):
            raise IndexUntrusted(f"weight code {code} is not in the header")
        return self._weights[code]

    def positions(self, term: str) -> Sequence[int]:
        first, end, term_id = self._range(term)
        self._check_postings(first, end, term_id)
        return self._section("post_pos")[first:end]

    def weight_at(self, term: str, position: int) -> float:
        first, end, term_id = self._ranges.get(term) or self._range(term)
        if term_id not in self._checked_postings:
            self._check_postings(first, end, term_id)
        positions = self._sections.get("post_pos") or self._section("post_pos")
        at = bisect_left(positions, position, first, end)  # a term's positions are in ascending order
        if at < end and positions[at] == position:
            return self._weight(self._section("post_weight")[at])
        return 0.0

    def posting_lists(self, term: str) -> tuple[list[int], list[float]]:
        first, end, term_id = self._range(term)
        self._check_postings(first, end, term_id)
        codes = self._section("post_weight")[first:end].tolist()
        return self._section("post_pos")[first:end].tolist(), list(map(self._weight, codes))

    def _text(self, blob: str, starts: str, position: int) -> str:
        return self.piece(blob, starts, position).decode("utf-8")

    def normalized_claim(self, position: int) -> str:
        return self._text("claims", "claim_start", position)

    def fact_json(self, position: int) -> dict[str, Any]:
        """The fact as ``serialize.fact_to_dict`` gives it, citations included."""
        document: dict[str, Any] = json.loads(self._text("facts", "fact_start", position))
        return document

    def facts_json(self, positions: Sequence[int]) -> list[dict[str, Any]]:
        """``fact_json`` of each position, decoded in one call (a month of a million-fact base is 9,000 facts)."""
        return _json_array([self.piece("facts", "fact_start", position) for position in positions])


    def data_pieces(self, size: int = 1 << 22) -> Iterator[bytes | memoryview]:
        """The file's data, between header and trailer, in pieces of ``size`` bytes.

        Read with pread where the file is open: copied through the mapping, every page of a gigabyte index
        would count in the process's resident size.
        """
        first, end = self._start, len(self._view) - len(TRAILER)
        if self._descriptor is None:
            yield self._view[first:end]
            return
        for offset in range(first, end, size):
            piece = os.pread(self._descriptor, min(size, end - offset), offset)
            if len(piece) != min(size, end - offset):
                raise OSError(f"the index ended at byte {offset + len(piece)} while it was copied")
            yield piece

    def fact_sections(self) -> tuple[memoryview, memoryview]:
        """The facts' JSON and where each begins, checked whole (blocks, and offsets in order)."""
        blob, starts = self.section("facts"), self.section("fact_start")
        if len(starts) != int(self.header["all_facts"]) + 1 or not sections.is_ascending(starts, len(blob)):
            raise IndexUntrusted("the facts' offsets are not in order inside their section")
        return blob, starts

    def every_fact_json(self, chunk: int = 4096) -> Iterator[dict[str, Any]]:
        """Every stored fact's JSON, by position: the whole section checked, then decoded ``chunk`` at a time.

        One decode of a chunk's documents joined instead of one read and decode per fact, which at 100,000
        facts took about half as long again; chunks keep the JSON of only a few thousand facts in memory.
        """
        blob, starts = self.fact_sections()
        for first in range(0, len(starts) - 1, chunk):
            ends = starts[first:first + chunk + 1]
            yield from _json_array([blob[start:end] for start, end in pairwise(ends)])


# --- reading ---------------------------------------------------------------------------------------------

def _json_array(documents: Sequence[bytes | memoryview]) -> list[dict[str, Any]]:
    """Facts' JSON documents decoded in one call, as one array (a call for each costs about half as much again)."""
    decoded: list[dict[str, Any]] = json.loads(b"[" + b",".join(documents) + b"]")
    return decoded


def _parse_file(data: Any) -> tuple[dict[str, Any], int] | None:
    """Header and data start of an index file's bytes; None when it is not a complete, intact index file."""
    return sections.parse(data, INDEX)


def read_cache_file(path: str) -> bytes | None:
    """The bytes of the cache file at ``path`` (see ``open_cache_file``), or None."""
    descriptor = open_cache_file(path)
    if descriptor is None:
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def read_kept_json(path: str, key: Any) -> tuple[Any] | None:
    """The JSON value kept at ``path`` under ``key`` (``write_kept_json``), as a 1-tuple; None when there is no
    file, it is not JSON, it was kept under another key or its CRC-32 does not hold."""
    data = read_cache_file(path)
    if data is None:
        return None
    try:
        document = json.loads(data)
    except ValueError:
        return None
    if not isinstance(document, dict) or document.get("key") != key or "value" not in document:
        return None
    value = document["value"]
    return (value,) if document.get("crc") == _json_crc(value) else None


def write_kept_json(path: str, key: Any, value: Any) -> None:
    """Keep a JSON value at ``path`` under ``key``, with a CRC-32 of it, written whole or not at all."""
    document = json.dumps({"key": key, "value": value, "crc": _json_crc(value)}, ensure_ascii=False)
    write_cache_file(path, [document.encode("utf-8", "surrogatepass")])


def _json_crc(value: Any) -> int:
    return zlib.crc32(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def _open_mapped(path: str) -> DiskIndex | None:
    """The index file at ``path`` when it is a regular file holding an intact index; None otherwise
    (``sections.open_mapped``)."""
    opened = sections.open_mapped(path, INDEX)
    return DiskIndex(*opened) if opened is not None else None


def _files(base_dir: str) -> list[str]:
    return [os.path.join(base_dir, FACTS_FILE), os.path.join(base_dir, SOURCES_FILE)]


def _current_stats(base_dir: str) -> list[list[int]] | None:
    try:
        return [_file_stat(path) for path in _files(base_dir)]
    except OSError:
        return None  # the loader will say what is missing


def _racy(stats: list[list[int]], moment_ns: int) -> bool:
    """True when a file was modified so close to ``moment_ns`` that a later edit could keep its times."""
    return any(stat[1] >= moment_ns - RACY_NS or stat[2] >= moment_ns - RACY_NS for stat in stats)


def _trusted_by_stat(header: dict[str, Any], stats: list[list[int]]) -> bool:
    return header.get("stats") == stats and not _racy(stats, int(header.get("built_ns", 0)))


def open_index(base_dir: str | os.PathLike[str], notice: Callable[[str], None] | None = None) -> DiskIndex:
    """The index of the base in ``base_dir``: the cached file when it is current, else built now.

    Building loads the base with the loader, so it raises the loader's errors
    for a missing or invalid base; failing to write the cache is not an error.
    """
    absolute = os.path.abspath(base_dir)
    path = index_path(absolute)
    stats = _current_stats(absolute)
    cached = _open_mapped(path) if stats is not None else None
    if cached is not None:
        header = cached.header
        if header.get("base") == absolute and header.get("code") == _code_key():
            if _trusted_by_stat(header, stats or []):
                return cached
            if header.get("hashes") == _content_hashes(absolute):
                if not _racy(stats or [], time.time_ns()):
                    _refresh_stats(path, cached, stats or [])
                return cached
    return build_index(base_dir, path, notice)


def _refresh_stats(path: str, index: DiskIndex, stats: list[list[int]]) -> None:
    """The base was touched but not changed: record its times so later queries skip the hash."""
    header = dict(index.header, stats=stats, built_ns=time.time_ns())
    data_length = len(index._view) - len(TRAILER) - index._start
    with contextlib.suppress(OSError):  # still correct, only slower: the next query hashes again
        write_cache_file(path, itertools.chain([sections.header_bytes(header, data_length, INDEX)],
                                               index.data_pieces(), [TRAILER]))


# --- building --------------------------------------------------------------------------------------------

def build_index(base_dir: str | os.PathLike[str], path: str | None = None,
                notice: Callable[[str], None] | None = None) -> DiskIndex:
    """Load and validate the base, index it, and save the index at ``path`` where possible.

    ``notice``, when given, is told of a base file large enough to take a while.
    """
    from . import loader
    from .model import collection_paused

    if notice is not None:
        loader.set_large_file_notice(notice)

    absolute = os.path.abspath(base_dir)
    built_ns = time.time_ns()
    stats_before = _current_stats(absolute)
    hashes = _content_hashes(absolute) if stats_before else None
    with collection_paused():
        whole = loader.load_base(base_dir)
        retired = tuple(fact for fact in whole.facts if fact.retired)
        header, chunks = _index_chunks(_standing(whole), retired=retired, whole=whole)
    header.update(base=absolute, code=_code_key(), stats=stats_before, hashes=hashes, built_ns=built_ns)
    if path is not None and hashes is not None and _current_stats(absolute) == stats_before:
        with contextlib.suppress(OSError):  # read-only cache: answer from memory, just slower next time
            _write_atomically(path, header, chunks)
    blob = _assemble(header, chunks)
    parsed = _parse_file(blob)
    assert parsed is not None
    return DiskIndex(blob, *parsed)


def _standing(base: Base) -> Base:
    """The base without its retired facts: search never finds a fact that no longer stands."""
    if not any(fact.retired for fact in base.facts):
        return base
    from .model import Base  # only here: the plain search imports as little as it can

    return Base(directory=base.directory, facts=tuple(fact for fact in base.facts if not fact.retired),
                sources=base.sources, entities=base.entities, measures=base.measures)


class _PerFact:
    """The per-fact work of the index: postings, normalised claims and fact JSON."""

    def __init__(self) -> None:
        self.postings: dict[str, tuple[array[int], array[int]]] = {}
        self.weights: dict[float, int] = {}  # weight -> code, numbered in order of first use
        self.claims, self.claim_ends = bytearray(), array("Q")
        self.facts, self.fact_ends = bytearray(), array("Q")

    def add(self, base: Base) -> None:
        from .entity_names import with_entity_names
        from .search import event_dates, fact_terms
        from .serialize import FactJson

        postings, weights, sources = self.postings, self.weights, base.sources
        fact_json = FactJson(sources)
        indexed = with_entity_names(base.entities, base.measures)
        dates = event_dates(base.facts, base.entities)
        for position, fact in enumerate(base.facts):
            for term, weight in fact_terms(indexed(fact), sources, dates).items():
                entry = postings.get(term)
                if entry is None:
                    entry = postings[term] = (array("I"), array("B"))
                entry[0].append(position)
                code = weights.get(weight)
                if code is None:
                    code = weights[weight] = len(weights)
                entry[1].append(code)
            self._add_record(fact, fact_json)

    def _add_record(self, fact: Fact, fact_json: Callable[[Fact], bytes]) -> None:
        self.claims += normalize(fact.claim).encode("utf-8")
        self.claim_ends.append(len(self.claims))
        self.facts += fact_json(fact)
        self.fact_ends.append(len(self.facts))

    def add_records(self, facts: Sequence[Fact], sources: Mapping[str, Source]) -> None:
        """The normalised claims and JSON of facts that are stored but not searched (the retired ones)."""
        from .serialize import FactJson

        fact_json = FactJson(sources)
        for fact in facts:
            self._add_record(fact, fact_json)


def _index_chunks(base: Base, retired: Sequence[Fact] = (),
                  whole: Base | None = None) -> tuple[dict[str, Any], list[bytes | memoryview]]:
    """The sections of the index of ``base`` (its standing facts) and the header that locates them.

    The ``retired`` facts of the ``whole`` base follow the standing ones: stored, never searched.
    """
    from .index_sections import record_sections
    from .provenance import base_is_article
    from .serialize import SCHEMA_VERSION

    part = _PerFact()
    part.add(base)
    part.add_records(retired, base.sources)
    postings, weights = part.postings, part.weights
    claims, claim_start = part.claims, array("Q", [0]) + part.claim_ends
    facts, fact_start = part.facts, array("Q", [0]) + part.fact_ends
    if len(weights) > 255:
        raise ValueError("more than 255 distinct field weights")  # a programming error, not bad input
    vocabulary = Vocabulary.build(term for term in postings if not is_number(term))
    words = vocabulary.words
    numbers = sorted((term for term in postings if is_number(term)), key=lambda t: t.encode("ascii", "replace"))
    number_blob, number_start = bytearray(), array("Q", [0])
    for term in numbers:
        number_blob += term.encode("ascii", "replace")
        number_start.append(len(number_blob))
    post_start, post_pos, post_weight, post_top = array("Q", [0]), array("I"), array("B"), array("B")
    weight_of_code = list(weights)  # codes number the weights in insertion order
    for term in (*words, *numbers):
        positions, codes = postings[term]
        post_pos.extend(positions)
        post_weight.extend(codes)
        post_start.append(len(post_pos))
        post_top.append(max(set(codes), key=weight_of_code.__getitem__))
    sections_: dict[str, tuple[bytes | memoryview, str]] = {
        "words": ("\n".join(words).encode("utf-8"), "s"),
        "word_length_start": (memoryview(array("Q", length_starts(words))).cast("B"), "Q"),
        "numbers": (bytes(number_blob), "s"),
        "number_start": (memoryview(number_start).cast("B"), "Q"),
        "post_start": (memoryview(post_start).cast("B"), "Q"),
        "post_pos": (memoryview(post_pos).cast("B"), "I"),
        "post_weight": (memoryview(post_weight).cast("B"), "B"),
        "post_top": (memoryview(post_top).cast("B"), "B"),
        "post_counted": (memoryview(_counted_section(postings, (*words, *numbers), weight_of_code)).cast("B"), "I"),
        "claims": (bytes(claims), "s"),
        "claim_start": (memoryview(claim_start).cast("B"), "Q"),
        "facts": (bytes(facts), "s"),
        "fact_start": (memoryview(fact_start).cast("B"), "Q"),
        **record_sections((*base.facts, *retired), whole or base),
    }
    layout, chunks = sections.lay_out(sections_, INDEX, BLOCK_SIZE)
    header: dict[str, Any] = {**layout, "facts": len(base.facts), "all_facts": len(base.facts) + len(retired),
                              "word_count": len(words), "weights": list(weights), "schema_version": SCHEMA_VERSION,
                              "article": base_is_article(base)}
    return header, chunks


def _counted_section(postings: dict[str, tuple[array[int], array[int]]], terms: Sequence[str],
                     weight_of_code: Sequence[float]) -> array[int]:
    """Each term's document frequency: its postings in a field that counts (``search.COUNTED_WEIGHT``)."""
    from .search import COUNTED_WEIGHT

    counts = bytes(weight > COUNTED_WEIGHT for weight in weight_of_code).ljust(256, b"\0")
    counted = array("I")
    for term in terms:
        counted.append(postings[term][1].tobytes().translate(counts).count(1))
    return counted


def _assemble(header: dict[str, Any], chunks: Sequence[bytes | memoryview]) -> bytes:
    return b"".join(sections.file_pieces(header, chunks, INDEX))


def _write_atomically(path: str, header: dict[str, Any], chunks: Sequence[bytes | memoryview]) -> None:
    write_cache_file(path, sections.file_pieces(header, chunks, INDEX))


def write_cache_file(path: str, chunks: Iterable[bytes | memoryview]) -> None:
    """Write a cache file whole or not at all: a temporary file in its directory, flushed, then renamed."""
    # Unlike editing.write_atomically (a base's own files), no fsync of the directory and no care for
    # the old file's mode: the cache is private, and a rename lost in a crash costs a rebuild.
    import tempfile

    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".building-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        _remove_quietly(temporary)
        raise


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


# --- queries and maintenance -----------------------------------------------------------------------------

def search_document(base_dir: str, query: str, limit: int,
                    notice: Callable[[str], None] | None = None) -> dict[str, Any]:
    """The ``search`` command's JSON document for ``query``, answered from the index.

    ``base_dir`` is the base directory as ``loader.resolve_base_dir`` spells
    it; the document equals ``serialize.search_document(query,
    search.find(base, query, limit), base)``.
    """
    if limit < 1:
        from .errors import UsageError

        raise UsageError("--limit must be at least 1")
    try:
        return _answer(open_index(base_dir, notice), base_dir, query, limit)
    except IndexUntrusted:
        # The cached file is damaged where this query read it: answer from the base itself, rebuilt now
        # (and saved over the damaged file where the cache can be written).
        return _answer(rebuild_index(base_dir, notice), base_dir, query, limit)


def rebuild_index(base_dir: str, notice: Callable[[str], None] | None = None) -> DiskIndex:
    """The index built again from the base, saved over the cached file where the cache can be written."""
    return build_index(base_dir, index_path(os.path.abspath(base_dir)), notice)


def _answer(index: DiskIndex, base_dir: str, query: str, limit: int) -> dict[str, Any]:
    from . import documents

    ranked, unmatched = rank_with_unmatched(index, query, limit)
    results = [documents.result(index.fact_json(position), score, matched) for position, score, matched in ranked]
    return documents.search_document(query, base_dir, index.header["article"], unmatched, results)


def cache_files() -> Iterator[str]:
    """Every entry of the index directory (indexes and leftovers of interrupted builds).

    Raises ``CacheError`` when the directory exists but cannot be listed.
    """
    directory = index_dir()
    try:
        names = sorted(os.listdir(directory))
    except FileNotFoundError:
        return
    except OSError as error:
        from .errors import CacheError

        raise CacheError(f"cannot read the cache directory {directory}: {error.strerror}") from None
    for name in names:
        yield os.path.join(directory, name)


def clear_cache() -> list[str]:
    """Remove every entry of the index directory; returns the paths removed.

    Raises ``CacheError`` naming the first entry that could not be removed, after removing all it could.
    """
    removed, refused = [], []
    for path in cache_files():
        try:
            _remove_entry(path)
        except OSError as error:
            refused.append(f"{path}: {error.strerror}")
        else:
            removed.append(path)
    if refused:
        from .errors import CacheError

        more = f" (and {len(refused) - 1} more)" if len(refused) > 1 else ""
        raise CacheError(f"removed {len(removed)} of {len(removed) + len(refused)} cache entries; "
                         f"cannot remove {refused[0]}{more}")
    return removed


def _remove_entry(path: str) -> None:
    """Remove a file, FIFO, socket or link (never what a link points to); a directory only when it is empty."""
    if stat.S_ISDIR(os.lstat(path).st_mode):
        os.rmdir(path)
    else:
        os.remove(path)
