"""Records filled in while a table is made: slots, compared and shown by their fields.

The checker's path keeps clear of ``dataclasses``: importing it (with
``inspect``) and building its classes cost ~20 ms of each ``check``.
Immutable records there are ``NamedTuple``s; these few change after they
are made, so they are plain classes on this base.
"""

from __future__ import annotations


class Slotted:
    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # its fields change, so it is no key

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"
