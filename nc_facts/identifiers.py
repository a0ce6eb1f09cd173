"""The rule every id and key of a base keeps: readable, and used once in its array."""

from __future__ import annotations

import re

from .toml_lines import LineIndex

ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")


class UniqueIds:
    """Checks the ids of one array of tables in order, remembering where each was first used."""

    def __init__(self, lines: LineIndex, field: str) -> None:
        self._lines = lines
        self._field = field
        self._first: dict[str, int] = {}

    def problems(self, index: int, identifier: str) -> list[str]:
        """What is wrong with ``identifier``, the id of table ``index``."""
        found = []
        if identifier and not ID.match(identifier):
            found.append(f"{self._field}s are lowercase letters, digits and hyphens")
        if identifier in self._first:
            first_line = self._lines.line(self._first[identifier], self._field)
            found.append(f"duplicate {self._field} (first used on line {first_line})")
        self._first.setdefault(identifier, index)
        return found
