"""Files of named sections under block checksums, mapped and checked only where they are read.

The search index (``store``) and the checker's saved view (``check_cache``)
are both kept in this form, so that a command reads the few parts of a large
file it needs and trusts each byte it reads:

- a prefix: the kind's magic number, the header's length and the CRC-32 of
  the header (JSON, padded to 8 bytes);
- the header: the file's whole length, its format, the block size, where
  each section lies (offset, length, item code) and the CRC-32 of the block
  sums, beside what the kind records of its own;
- the sections, in the kind's order, each aligned to 8 bytes: a blob of
  bytes ("s") or an array of numbers ("B", "I", "Q", "d");
- the block sums, a section of their own: the CRC-32 of each ``block_size``
  bytes of the sections above, checked whole against the header on opening;
- the kind's trailer.

A reader checks each block against its sum the first time it reads from it,
and every offset against its section's bounds; any mismatch is
``Untrusted``, which the kind's reader turns into a rebuild.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import stat
import zlib
from array import array
from collections.abc import Mapping, Sequence
from itertools import pairwise

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PREFIX_LENGTH = 24  # magic, header length, header checksum
SUMS_SECTION = "block_sums"
# Bytes per item of each section's array code ("s": a blob of bytes).
ITEM_SIZE = {"s": 1, "B": 1, "I": 4, "Q": 8, "d": 8}


class Untrusted(Exception):
    """A file's bytes do not match their checksums or their own structure: never answered from."""


class Kind:
    """A kind of sectioned file: how it opens and ends, its format number and its sections, in order."""

    __slots__ = ("format", "magic", "names", "trailer")

    def __init__(self, magic: bytes, trailer: bytes, format: int, names: tuple[str, ...]) -> None:
        self.magic, self.trailer, self.format, self.names = magic, trailer, format, names


class SectionedFile:
    """One sectioned file, over a mapping (or the bytes of one just built).

    ``sums`` are the block sums of a file read from the cache, already checked
    against its header; each block is checked against its sum the first time
    it is read.  ``None`` for bytes this process has just built.
    """

    def __init__(self, data: Any, header: dict[str, Any], data_start: int, descriptor: int | None = None,
                 sums: Sequence[int] | None = None) -> None:
        self._data = data
        self._descriptor = descriptor  # of the file mapped, for reading scattered pieces
        self._view = memoryview(data)
        self.header = header
        self._start = data_start
        self._sections: dict[str, memoryview] = {}
        self._layout: dict[str, list[Any]] = header["sections"]
        self._sums = sums
        self._unchecked = bytearray(b"\x01") * len(sums) if sums is not None else None
        self._shift = int(header["block_size"]).bit_length() - 1

    def __del__(self) -> None:
        if self._descriptor is not None:
            with contextlib.suppress(OSError):
                os.close(self._descriptor)

    def _section(self, name: str) -> memoryview:
        view = self._sections.get(name)
        if view is None:
            offset, length, code = self._layout[name]
            view = self._view[self._start + offset: self._start + offset + length]
            if code != "s":
                view = view.cast(code)
            self._sections[name] = view
        return view

    def section(self, name: str) -> memoryview:
        """A whole section, checked against its sums: bytes for a blob, else its numbers."""
        self._check_section(name)
        return self._section(name)

    def count(self, name: str) -> int:
        """How many items a section holds (none of them read)."""
        _, length, code = self._layout[name]
        return int(length) // ITEM_SIZE[code]

    def items(self, name: str, first: int, end: int) -> memoryview:
        """Items ``first:end`` of a section, checked against their sums (and against the section's bounds)."""
        self._check_items(name, first, end)
        return self._section(name)[first:end]

    def _check_items(self, name: str, first: int, end: int) -> None:
        """Items ``first:end`` of section ``name`` are about to be read: they must lie inside it, and
        the blocks holding them must match their sums."""
        self._in_bounds(name, first, end)
        if self._unchecked is not None and end > first:
            offset, _, code = self._layout[name]
            self._check_bytes(offset + first * ITEM_SIZE[code], offset + end * ITEM_SIZE[code])

    def _in_bounds(self, name: str, first: int, end: int) -> None:
        _, length, code = self._layout[name]
        if not 0 <= first <= end <= length // ITEM_SIZE[code]:
            raise Untrusted(f"{name}[{first}:{end}] lies outside the section")

    def _check_section(self, name: str) -> None:
        _, length, code = self._layout[name]
        self._check_items(name, 0, length // ITEM_SIZE[code])

    def _check_bytes(self, first: int, end: int) -> None:
        unchecked = self._unchecked
        assert unchecked is not None
        first_block, last_block = first >> self._shift, (end - 1) >> self._shift
        if last_block >= len(unchecked):
            raise Untrusted("a read beyond the blocks the sums cover")
        block = unchecked.find(1, first_block, last_block + 1)
        while block >= 0:  # usually not at all: every block already checked
            run_end = unchecked.find(0, block, last_block + 1)
            run_end = last_block + 1 if run_end < 0 else run_end
            self._check_blocks(block, run_end)
            block = unchecked.find(1, run_end, last_block + 1)

    def _check_blocks(self, first_block: int, end_block: int) -> memoryview:
        """Check a run of blocks against their sums, read in one go (a word list spans dozens); their bytes."""
        assert self._sums is not None and self._unchecked is not None
        first = self._start + (first_block << self._shift)
        end = min(self._start + (end_block << self._shift), self._start + self._layout[SUMS_SECTION][0])
        if self._descriptor is not None:
            # pread, not the mapping, for the reason given in piece: a block read for its check need not stay mapped.
            data = memoryview(os.pread(self._descriptor, end - first, first))
        else:
            data = self._view[first:end]
        if len(data) != end - first:
            raise Untrusted("the file is shorter than its blocks")
        size = 1 << self._shift
        for block in range(first_block, end_block):
            at = (block - first_block) << self._shift
            if zlib.crc32(data[at: at + size]) != self._sums[block]:
                raise Untrusted(f"block {block} does not match its checksum")
            self._unchecked[block] = 0
        return data

    def piece(self, blob: str, starts: str, number: int) -> bytes:
        """The ``number``-th piece of a blob section cut by an offsets section (``starts``), checked."""
        if self._descriptor is None:
            self._check_items(starts, number, number + 2)
            offsets = self._section(starts)
            first, end = offsets[number], offsets[number + 1]
            self._check_items(blob, first, end)
            return bytes(self._section(blob)[first:end])
        # Read with pread, not through the mapping: the kernel maps a fault's neighbouring pages too, so
        # touching a few hundred scattered pieces through it would add tens of MiB to the resident size.
        self._in_bounds(starts, number, number + 2)
        first, end = array("Q", self._checked_read(self._layout[starts][0] + 8 * number, 16))
        self._in_bounds(blob, first, end)
        return self._checked_read(self._layout[blob][0] + first, end - first)

    def _checked_read(self, offset: int, length: int) -> bytes:
        """``length`` bytes of the data at ``offset`` by pread, checked against their blocks' sums.

        Where none of their blocks has been checked yet (a fact of a timeline, far from the last one
        read), they are cut from the blocks read for the check instead of read a second time.
        """
        assert self._descriptor is not None
        unchecked = self._unchecked
        if unchecked is not None and length:
            first_block, last_block = offset >> self._shift, (offset + length - 1) >> self._shift
            if last_block < len(unchecked) and unchecked.find(0, first_block, last_block + 1) < 0:
                data = self._check_blocks(first_block, last_block + 1)
                at = offset - (first_block << self._shift)
                return bytes(data[at:at + length])
            self._check_bytes(offset, offset + length)
        return os.pread(self._descriptor, length, self._start + offset)


# --- reading ---------------------------------------------------------------------------------------------

def open_cache_file(path: str) -> int | None:
    """A descriptor of the cache file at ``path`` when it is a regular file; None for anything else.

    No symbolic link is followed and the open does not wait (a FIFO would block it forever); anything but a
    regular file is refused before a byte is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:  # missing, unreadable, or a symbolic link
        return None
    try:
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
    except OSError:
        regular = False
    if not regular:
        os.close(descriptor)
        return None
    return descriptor


def parse(data: Any, kind: Kind) -> tuple[dict[str, Any], int] | None:
    """Header and data start of a file's bytes; None when it is not a complete, intact file of this kind."""
    trailer = kind.trailer
    if len(data) < PREFIX_LENGTH + len(trailer) or data[:8] != kind.magic or data[-len(trailer):] != trailer:
        return None
    header_length = int.from_bytes(data[8:16], "little")
    data_start = aligned(PREFIX_LENGTH + header_length)
    if data_start + len(trailer) > len(data):
        return None
    if zlib.crc32(data[PREFIX_LENGTH:data_start]) != int.from_bytes(data[16:PREFIX_LENGTH], "little"):
        return None
    try:
        header = json.loads(bytes(data[PREFIX_LENGTH:PREFIX_LENGTH + header_length]).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("length") != len(data) or header.get("format") != kind.format:
        return None
    if not _layout_fits(header, len(data) - len(trailer) - data_start, kind.names):
        return None
    return header, data_start


def _layout_fits(header: dict[str, Any], data_length: int, names: Sequence[str]) -> bool:
    """The sections lie in order inside the data, the block sums last, one sum per block of the rest."""
    sections, block_size = header.get("sections"), header.get("block_size")
    if not isinstance(sections, dict) or not isinstance(block_size, int) or block_size < 64 \
            or block_size & (block_size - 1):
        return False
    end = 0
    for name in (*names, SUMS_SECTION):
        place = sections.get(name)
        if not (isinstance(place, list) and len(place) == 3 and all(isinstance(item, int) for item in place[:2])
                and place[2] in ITEM_SIZE and end <= place[0] and place[1] % ITEM_SIZE[place[2]] == 0):
            return False
        end = place[0] + place[1]
    sums_offset, sums_length, _ = sections[SUMS_SECTION]
    return end <= data_length and sums_length == 4 * block_count(sums_offset, block_size)


def block_count(length: int, block_size: int) -> int:
    return (length + block_size - 1) // block_size


def checked_sums(data: Any, header: dict[str, Any], data_start: int,
                 descriptor: int | None = None) -> array[int] | None:
    """The block sums of a parsed file, or None when they do not match the header's checksum of them."""
    offset, length, _ = header["sections"][SUMS_SECTION]
    if descriptor is not None and hasattr(os, "pread"):
        raw = os.pread(descriptor, length, data_start + offset)  # one call, where the mapping faults page by page
    else:
        raw = data[data_start + offset: data_start + offset + length]
    if zlib.crc32(raw) != header.get("sums_crc"):
        return None
    sums = array("I")
    sums.frombytes(raw)
    return sums


def aligned(offset: int) -> int:
    return (offset + 7) // 8 * 8


def is_ascending(starts: Sequence[int], end: int) -> bool:
    return all(0 <= a <= b <= end for a, b in pairwise(starts))


def open_mapped(path: str, kind: Kind) -> tuple[Any, dict[str, Any], int, int | None, array[int]] | None:
    """What a ``SectionedFile`` of the file at ``path`` is made of, when it is a regular file holding an
    intact file of this kind; None otherwise.

    No symbolic link is followed and the open does not wait (a FIFO would block it forever); anything but a
    regular file is refused before a byte is read.
    """
    descriptor = open_cache_file(path)
    if descriptor is None:
        return None
    try:
        data = mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # mmap refuses length 0
        os.close(descriptor)
        return None
    parsed = parse(data, kind)
    sums = checked_sums(data, *parsed, descriptor) if parsed is not None else None
    if parsed is None or sums is None:
        os.close(descriptor)
        data.close()
        return None
    if not hasattr(os, "pread"):
        os.close(descriptor)  # the mapping stays valid without it
        return data, *parsed, None, sums
    return data, *parsed, descriptor, sums  # the same file as the mapping, even if renamed over since


# --- writing ---------------------------------------------------------------------------------------------

def lay_out(sections: Mapping[str, tuple[bytes | memoryview, str]], kind: Kind,
            block_size: int) -> tuple[dict[str, Any], list[bytes | memoryview]]:
    """The chunks of a file's data (the sections in the kind's order, aligned, then their block sums) and the
    header entries that locate them."""
    layout: dict[str, list[Any]] = {}
    chunks: list[bytes | memoryview] = []
    offset = 0
    for name in kind.names:
        chunk, item_format = sections[name]
        layout[name] = [offset, len(chunk), item_format]
        padding = aligned(len(chunk)) - len(chunk)
        chunks += [chunk, b"\0" * padding]
        offset += len(chunk) + padding
    sums = block_sums(chunks, block_size)
    layout[SUMS_SECTION] = [offset, len(sums), "I"]
    chunks.append(sums)
    return {"format": kind.format, "sections": layout, "block_size": block_size, "sums_crc": zlib.crc32(sums)}, chunks


def block_sums(chunks: Sequence[bytes | memoryview], block_size: int) -> bytes:
    """The CRC-32 of each ``block_size`` bytes of the chunks laid end to end (the last block may be shorter)."""
    sums, crc, filled = array("I"), 0, 0
    for chunk in chunks:
        view = memoryview(chunk).cast("B")
        while len(view):
            piece = view[: block_size - filled]
            crc, filled, view = zlib.crc32(piece, crc), filled + len(piece), view[len(piece):]
            if filled == block_size:
                sums.append(crc)
                crc, filled = 0, 0
    if filled:
        sums.append(crc)
    return sums.tobytes()


def header_bytes(header: dict[str, Any], data_length: int, kind: Kind) -> bytes:
    """Magic, header length, the header's checksum and header JSON, padded to 8 bytes.

    The header records the whole file's length; the checksum covers the JSON and its padding.
    """
    header = {**header, "length": 0}
    for _ in range(3):  # the length's digits change the header's own length: settle it
        encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
        total = aligned(PREFIX_LENGTH + len(encoded)) + data_length + len(kind.trailer)
        if header["length"] == total:
            break
        header["length"] = total
    padded = encoded + b" " * (aligned(PREFIX_LENGTH + len(encoded)) - PREFIX_LENGTH - len(encoded))
    return kind.magic + len(encoded).to_bytes(8, "little") + zlib.crc32(padded).to_bytes(8, "little") + padded


def file_pieces(header: dict[str, Any], chunks: Sequence[bytes | memoryview], kind: Kind) -> list[bytes | memoryview]:
    """The whole file: header, data and trailer."""
    return [header_bytes(header, sum(len(chunk) for chunk in chunks), kind), *chunks, kind.trailer]
