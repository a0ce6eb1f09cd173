"""Find the line of a table or key in a TOML file, for error messages.

tomllib reports no positions for valid documents, so this scans the text for
table headers and keys.  It understands the layout the base files use
(arrays of tables, one key per line); anything else just yields no line.
"""

from __future__ import annotations

import bisect
import re

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\-]+)\s*\]\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


class LineIndex:
    """Maps (item index, sub-table, sub-index, key) of one array of tables to line numbers."""

    def __init__(self, text: str, array: str) -> None:
        # Scanning a large file line by line costs about as much as parsing it, and
        # lines are only needed to report problems: scan on the first question.
        self._text: str | None = text
        self._top_level: dict[str, int] = {}
        self._array = array
        self._lines: dict[tuple[int, str, int, str], int] = {}

    def _scan(self) -> None:
        text, array = self._text or "", self._array
        self._text = None
        item = -1
        sub = ""
        sub_index = -1
        sub_counts: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            header = _ARRAY_HEADER.match(line)
            if header:
                name = header.group(1)
                if name == array:
                    item += 1
                    sub, sub_index, sub_counts = "", -1, {}
                    self._lines[(item, "", -1, "")] = number
                elif name.startswith(array + ".") and item >= 0:
                    sub = name[len(array) + 1 :]
                    sub_index = sub_counts.get(sub, -1) + 1
                    sub_counts[sub] = sub_index
                    self._lines[(item, sub, sub_index, "")] = number
                else:
                    self._top_level.setdefault(name, number)  # another array of tables: where it starts
                    sub, sub_index = "\0", -1  # another table: keys below are not ours
                continue
            key = _KEY.match(line)
            if key and item < 0 and sub == "":
                self._top_level.setdefault(key.group(1), number)
            if key and item >= 0 and sub != "\0":
                self._lines.setdefault((item, sub, sub_index, key.group(1)), number)

    def line(self, item: int, field: str = "") -> int | None:
        """Line of ``field`` ("claim", "values[1].unit", "citations[0]") in item ``item``."""
        if self._text is not None:
            self._scan()
        match = re.match(r"^([A-Za-z0-9_\-]+)(?:\[(\d+)\](?:\.([A-Za-z0-9_\-]+))?)?$", field)
        if not field or not match:
            return self._lines.get((item, "", -1, ""))
        name, index, key = match.group(1), match.group(2), match.group(3)
        if index is not None:
            found = self._lines.get((item, name, int(index), key or "")) or self._lines.get(
                (item, name, int(index), "")
            )
            if found:
                return found
        return (
            self._lines.get((item, "", -1, name))
            or self._lines.get((item, name, 0, ""))  # "values" written as [[fact.values]] tables
            or self._lines.get((item, "", -1, ""))
        )

    def top_level(self, key: str) -> int | None:
        """Line of a key above the first table header (``schema_version = 1``)."""
        if self._text is not None:
            self._scan()
        return self._top_level.get(key)


_ANY_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")


def _is_filler(line: str) -> bool:
    """A blank or comment line: between two entries it belongs to neither (a comment usually heads the next)."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _toggles_multiline_string(line: str) -> bool:
    return (line.count('"""') + line.count("'''")) % 2 == 1


def one_blank_line_before_headers(text: str) -> str:
    """``text`` with exactly one blank line before each table header after the first (none inside strings)."""
    out: list[str] = []
    in_string = False
    for line in text.splitlines(keepends=True):
        header = not in_string and _ANY_HEADER.match(line) is not None
        if in_string or _toggles_multiline_string(line):
            in_string = in_string != _toggles_multiline_string(line)
        if header and out:
            _space_before_last_block(out)
        out.append(line)
    return "".join(out)


def _space_before_last_block(lines: list[str]) -> None:
    """One blank line before the trailing comment lines of ``lines`` (a header's own comments stay on it)."""
    while lines and not lines[-1].strip():
        lines.pop()
    start = len(lines)
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    while start > 0 and not lines[start - 1].strip():
        del lines[start - 1]
        start -= 1
    if start > 0:
        lines.insert(start, "\n")


def entry_spans(lines: list[str], array: str) -> list[tuple[int, int]]:
    """For each ``[[array]]`` table, the lines it spans: (first, end), end excluded.

    A table runs from its header to the next header that is not one of its
    own sub-tables, less the blank and comment lines before that header.
    Headers inside multi-line strings are passed over.  Like ``LineIndex``
    this understands the layout base files use; an edit checks what it
    produced, so a layout it misreads is refused, never written.
    """
    starts: list[int] = []
    boundaries: list[int] = []  # every line that ends a table: a header not below ours
    in_string = False
    for number, line in enumerate(lines):
        if in_string or _toggles_multiline_string(line):
            in_string = in_string != _toggles_multiline_string(line)
            continue
        header = _ANY_HEADER.match(line)
        if not header:
            continue
        name = header.group(1)
        if name.startswith(array + "."):
            continue
        boundaries.append(number)
        if name == array and line.lstrip().startswith("[["):
            starts.append(number)
    spans = []
    for start in starts:
        following = bisect.bisect_right(boundaries, start)
        end = boundaries[following] if following < len(boundaries) else len(lines)
        while end > start + 1 and _is_filler(lines[end - 1]):
            end -= 1
        spans.append((start, end))
    return spans
