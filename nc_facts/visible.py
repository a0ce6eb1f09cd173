"""Make untrusted text inert for a terminal.

Text from a base or a command line may hold escape sequences (colour codes,
OSC 8 links, title changes), other control characters and bidirectional
overrides that reorder what a reader sees.  ``visible`` shows each of them as
a backslash escape, so they are seen and never acted on.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that are not in the control or format categories but
# still hide or reorder text: zero-widths, separators, the byte-order mark.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u2060\ufeff")
# Cc: C0/C1 controls (ESC, BEL, CSI...); Cf: format (bidi overrides U+202A-E, isolates U+2066-9);
# Cs: lone surrogates; Zl/Zp: line and paragraph separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def escape_char(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str | None, newline: str = "\\n") -> str:
    """``text`` with every control, format, bidi and invisible character as a \\uXXXX escape.

    Newlines become ``newline`` (a visible ``\\n`` by default; views that flow
    text pass a space).
    """
    if not text:
        return ""
    if text.isprintable() and not any(ch in _INVISIBLE for ch in text):
        return text  # the common case, without a per-character walk
    out = []
    for ch in text:
        if ch == "\n":
            out.append(newline)
        elif ch in _INVISIBLE or unicodedata.category(ch) in _UNSAFE_CATEGORIES:
            out.append(escape_char(ch))
        else:
            out.append(ch)
    return "".join(out)


# Characters written raw: line breaks, tabs and printable ASCII.  Anything else is looked at one by one
# (json.dumps has already escaped C0 controls, quotes and backslashes in JSON).  A carriage return stays
# only as half of a CRLF line ending: alone it moves the cursor back over what was printed.  (One class,
# the carriage return's case told in the escape: an alternation scans about twice as slowly.)
_INERT_CANDIDATE = re.compile(r"[^\n\t\x20-\x7e]")
# Text of these bytes alone has nothing to escape: told about ten times as fast as the pattern scans it.
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n\t"


def _inert_escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\r":
        return ch if match.string.startswith("\n", match.end()) else "\\u000d"
    if visible(ch) == ch:
        return ch
    code = ord(ch)
    if code > 0xFFFF:  # JSON escapes only 16-bit units: write the surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def inert_text(text: str) -> str:
    """Text written as it is (JSON, BibTeX, RIS, Markdown, HTML, an annotated draft), made safe for a terminal.

    Every character ``visible`` escapes is written as a \\uXXXX escape; line breaks (LF and CRLF), tabs
    and every printable character stay.  JSON text from ``json.dumps(..., ensure_ascii=False)`` parses
    to exactly the same data, since JSON reads the same escapes; in other formats they are seen, not
    acted on.
    """
    if text.isascii() and not text.encode("ascii").translate(None, _PLAIN_ASCII):
        return text
    return _INERT_CANDIDATE.sub(_inert_escape, text)
