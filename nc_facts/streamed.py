"""A document written as it is made: the one kind of output a draft of any size needs.

Kept apart from ``serialize`` so that the output layer can know it without loading the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

JSON = dict[str, Any]


class StreamedDocument:
    """A document too long to hold: one list member made item by item as it is read, and members known
    only once the list has been read (a draft's counts).

    It reads like the document's dict (``document["checks"]``, ``.get``), so a view renders either; the
    members after the list may be read only after it.  ``output`` writes it as one JSON document, piece
    by piece.
    """

    def __init__(self, head: JSON, key: str, items: Iterator[JSON], tail: Callable[[], JSON]) -> None:
        self.head, self.key, self.items, self.tail = head, key, items, tail

    def __getitem__(self, name: str) -> Any:
        if name == self.key:
            return self.items
        return self.head[name] if name in self.head else self.tail()[name]

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default
