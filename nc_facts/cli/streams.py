"""The standard streams and the terminal's size, made safe before a command runs.

A shell can start the program with a stream closed (``nc-facts search x >&-``,
``2>&-``, ``<&-``), in a locale whose encoding cannot hold the base's text,
or with a terminal width no terminal has.  None of these may turn into a
traceback or change an exit code: a closed stream reads as empty or swallows
what is written to it, text the encoding lacks is written as escapes, and the
width is bounded.
"""

from __future__ import annotations

import io
import os
import sys

# The widest terminal believed: rich pads help to the width it is given (COLUMNS=10000000 built half a gigabyte).
MAX_COLUMNS = 1000
MAX_LINES = 1000
STANDARD_DESCRIPTORS = (0, 1, 2)


def prepare() -> None:
    """Everything this module guards against, in the order it must be done."""
    occupy_closed_descriptors()
    replace_missing_streams()
    escape_unencodable_output()
    bound_terminal_size()


def occupy_closed_descriptors() -> None:
    """Put the null device on each standard descriptor the program was started without.

    Otherwise the next file opened (the base's lock, a temporary file) would
    get number 1 or 2, and anything written to stdout or stderr would land in it.
    """
    for descriptor in STANDARD_DESCRIPTORS:
        try:
            os.fstat(descriptor)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)


def replace_missing_streams() -> None:
    """A stream Python could not open (its descriptor was closed) reads as empty and swallows writes."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def escape_unencodable_output() -> None:
    """Write what stdout's encoding lacks (ISO-8859-1 and "ğ", a lone surrogate from an argument) as an escape.

    Python's stdout would raise UnicodeEncodeError on such text; stderr already escapes it this way.
    """
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        sys.stdout.reconfigure(errors="backslashreplace")


def bound_terminal_size() -> None:
    """COLUMNS and LINES as rich and Click read them, within what a terminal can be; nonsense is dropped."""
    for name, most in (("COLUMNS", MAX_COLUMNS), ("LINES", MAX_LINES)):
        value = os.environ.get(name)
        if value is None:
            continue
        if not value.isdecimal() or int(value) < 1:
            del os.environ[name]
        elif int(value) > most:
            os.environ[name] = str(most)


def discard_stdout() -> None:
    """Send what is left for stdout to the null device: its reader went away, or it cannot be written.

    Python flushes stdout once more at exit; into a closed pipe or a full
    disk that would print a second error and change the exit code.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout has no file descriptor (tests capture it)
        pass
