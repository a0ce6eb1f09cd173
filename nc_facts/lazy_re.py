"""Regular expressions compiled when first used, not when their module is imported.

The checker's modules hold about a hundred patterns, and compiling them all
is a fifth of what importing the checker costs, while a sentence uses fewer
than half of them (one without a date never needs the date forms).  A
pattern made here compiles on its first use and then hands out the compiled
pattern's own methods, so a call costs what it costs on ``re.compile``'s
pattern (Django's ``_lazy_re_compile`` does the same).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# What a compiled pattern offers, copied onto the stand-in once compiled so that later uses find them directly.
_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "flags",
               "groups", "groupindex")


class _LazyPattern:
    """A stand-in for ``re.compile(pattern, flags)``; ``pattern`` is known before it compiles (patterns join)."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only reached for what the instance does not hold yet: the first use of the pattern.
        compiled = re.compile(self.pattern, self._flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy {re.compile(self.pattern, self._flags)!r}"


def compile_lazily(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use; an invalid pattern raises there, not here."""
    stand_in: Any = _LazyPattern(pattern, flags)
    return stand_in  # type: ignore[no-any-return]
