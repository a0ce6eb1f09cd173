"""The plain search, run without loading Typer.

Importing Typer (and Click under it) costs several times Python's own start
on a small machine, more than everything a search does on the bundled base.
``nc-facts search QUERY [--limit N] [--base DIR] [--json] [--no-color]`` is
what scripts and people run most, so ``main`` first tries ``parse_search``:
an exact parser for that one shape, which returns None for anything else
(help, other commands and options, anything Click would reject or read
differently), and the full Typer application then handles the arguments as
always.  Both paths run ``run_search``, so their output and exit codes are
the same; tests compare them byte for byte over many argument lists.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from ..base_dir import base_dir_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_LIMIT = re.compile(r"[0-9]+\Z")


class SearchArgs:
    """The options of one plain search."""

    __slots__ = ("base", "json_output", "limit", "no_color", "query")

    def __init__(self, query: str, limit: int, base: str | None, json_output: bool, no_color: bool) -> None:
        self.query, self.limit, self.base, self.json_output, self.no_color = query, limit, base, json_output, no_color


def parse_search(args: Sequence[str]) -> SearchArgs | None:
    """The options of ``search ...`` when Click would read ``args`` the same way; None otherwise."""
    if not args or args[0] != "search":
        return None
    query: str | None = None
    limit, base, json_output, no_color = 5, None, False, False
    rest = list(args[1:])
    while rest:
        token = rest.pop(0)
        name, value = _split_option(token, rest)
        if name is None:
            if query is not None or token.startswith("-"):
                return None  # a second argument, "--", "-", or an option we do not know
            query = token
        elif name == "--json":
            json_output = True
        elif name == "--no-color":
            no_color = True
        elif value is None or value.startswith("-") or not value:
            return None  # a missing value, or one Click may read differently
        elif name == "--limit":
            if not _LIMIT.match(value) or int(value) < 1:
                return None  # Click reports the error
            limit = int(value)
        else:  # --base
            base = value
    if query is None:
        return None
    if base is None and "NC_FACTS_BASE" in os.environ and not os.environ["NC_FACTS_BASE"]:
        return None  # an empty variable: leave its reading to Click
    if "_NC_FACTS_COMPLETE" in os.environ:
        return None  # shell completion is Click's
    return SearchArgs(query, limit, base, json_output, no_color)


_VALUE_OPTIONS = {"--limit": "--limit", "-n": "--limit", "--base": "--base", "-b": "--base"}
_FLAGS = ("--json", "--no-color")


def _split_option(token: str, rest: list[str]) -> tuple[str | None, str | None]:
    """(option name, value) of ``token`` (taking its value from ``rest``), or (None, None) for an argument."""
    if token in _FLAGS:
        return token, None
    if token in _VALUE_OPTIONS:
        return _VALUE_OPTIONS[token], (rest.pop(0) if rest else None)
    if token.startswith("--") and "=" in token:
        name, _, value = token.partition("=")
        if name in ("--limit", "--base"):
            return name, value
    elif token[:2] in ("-n", "-b") and len(token) > 2:
        return _VALUE_OPTIONS[token[:2]], token[2:]
    return None, None


def run_search(query: str, limit: int, base: str | None, json_output: bool, no_color: bool) -> int:
    """Search the base and print the results; returns the exit code (both CLI paths end here)."""
    from .. import store

    document = store.search_document(base_dir_text(base), query, limit, notice=_announce)
    return print_results(query, document, json_output, no_color)


def _announce(text: str) -> None:
    """Tell the reader why a rebuild of a large base keeps them waiting."""
    from .output import message

    message(text)


def print_results(query: str, document: dict[str, Any], json_output: bool, no_color: bool) -> int:
    """Print a search document; exit code 1 with a note on stderr when it holds no result."""
    from .output import OutputOptions, emit, message, quoted

    emit("search", document, OutputOptions(json=json_output, no_color=no_color))
    if not document["results"]:
        from ..errors import ExitCode

        message(f"no fact matches {quoted(query)}")
        return int(ExitCode.NOT_FOUND)
    return 0  # ExitCode.OK, without loading the errors module on the common path
