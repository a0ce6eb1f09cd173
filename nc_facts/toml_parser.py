"""TOML read into exactly what tomllib makes of it, by toml_rs where it can: about ten times as fast.

tomllib parses in pure Python: 5 of the 9 seconds of rebuilding the index of a
100,000-fact base.  toml_rs (Rust) parses the same text in about half a second
and, held to TOML 1.0 (tomllib's grammar), makes the same values: the same
types, time zones as ``datetime.timezone``, CRLF line ends in multi-line
strings read as LF.  It is used only where it reads the text, and tomllib
reads it where it does not, so what a document is (and the error a broken one
gets, with its line and column) is tomllib's:

- toml_rs refuses the text (a syntax error, or anything else): tomllib reads
  it, and raises its own error with its own message;
- the text starts with a byte-order mark (toml_rs skips it, tomllib refuses it);
- it has a run of digits as long as Python's limit on an integer's digits
  (``sys.get_int_max_str_digits``): toml_rs reads the integer, tomllib cannot;
- values are nested more deeply than ``MAX_NESTING``: toml_rs recurses on the
  C stack and would crash the interpreter on a file of ten thousand ``[``;
  tomllib raises RecursionError, which the loader reports;
- toml_rs is not installed (Python 3.10 has neither it nor tomllib; tomli there).
"""

from __future__ import annotations

import re
import sys
from array import array
from itertools import accumulate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TOMLDecodeError = tomllib.TOMLDecodeError

# Far deeper than any base (three levels at most), far shallower than the depth that overflows toml_rs's stack.
MAX_NESTING = 64

# Strings and comments, as TOML 1.0 reads them from the left: a bracket inside one is no bracket.  Exact on
# text that parses; past the first error it need not be, since toml_rs stops there.  Each body is an
# unrolled loop (a run of plain characters, then one escape or lone quote): about 0.25 s for 27 MB.
_STRING_OR_COMMENT = re.compile(
    r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"{3,5}'
    r"|'''[^']*(?:'(?!'')[^']*)*'{3,5}"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*")
_BRACKETS = b"[{]}"
_NOT_BRACKETS = bytes(set(range(256)) - set(_BRACKETS))
_AS_STEPS = bytes.maketrans(_BRACKETS, b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes
_DIGITS_AS_ZERO = bytes(0x30 if byte in b"0123456789_" else 0x20 for byte in range(256))


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``: the same document, or the same error."""
    document = _by_toml_rs(text)
    return document if document is not None else tomllib.loads(text)


def _by_toml_rs(text: str) -> dict[str, Any] | None:
    """toml_rs's document of ``text``, where it is tomllib's; None where tomllib must read it (see above)."""
    try:
        import toml_rs
    except ImportError:
        return None
    if text.startswith("\ufeff"):
        return None
    code = _code(text)
    if _deepest(code) > MAX_NESTING or _has_overlong_digits(code):
        return None
    try:
        document: dict[str, Any] = toml_rs.loads(text, toml_version="1.0.0")
    except (ValueError, TypeError, OverflowError):  # its syntax errors are ValueErrors; tomllib says why
        return None
    return document


def nesting_depth(text: str) -> int:
    """How deeply arrays, inline tables and table headers nest at most in ``text``, strings and comments aside."""
    return _deepest(_code(text))


def _code(text: str) -> bytes:
    """The text without its strings and comments, as UTF-8."""
    return _STRING_OR_COMMENT.sub("", text).encode("utf-8", "surrogatepass")


def _deepest(code: bytes) -> int:
    return max(accumulate(array("b", code.translate(_AS_STEPS, _NOT_BRACKETS))), default=0)


def _has_overlong_digits(code: bytes) -> bool:
    """Whether a run of digits (underscores counted in) is as long as Python's limit on an integer's."""
    limit = sys.get_int_max_str_digits()
    return bool(limit) and b"0" * limit in code.translate(_DIGITS_AS_ZERO)
