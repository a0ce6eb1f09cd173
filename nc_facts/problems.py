"""A problem found in a base, located by file, line, column, id and field.

Kept apart from ``errors`` because it needs ``typing``, which the plain
search (``errors`` is imported by every command) does not otherwise load.
"""

from __future__ import annotations

from typing import NamedTuple


# A NamedTuple, not a dataclass: importing dataclasses (and inspect under it) costs more than a
# whole search over the index.
class Problem(NamedTuple):
    """One thing wrong with a base, located as precisely as it is known."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    fact_id: str | None = None
    field: str | None = None
    id_label: str = "id"  # what fact_id is called in its file: a fact's "id", a source's "key"

    def __str__(self) -> str:
        """``FILE[:LINE[:COLUMN]][, id 'ID'][, field 'FIELD']: MESSAGE``, the form of every base error."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.fact_id:
            parts.append(f"{self.id_label} {self.fact_id!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ": ".join([", ".join(parts), self.message])
