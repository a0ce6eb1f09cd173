"""The read commands, run without loading Typer.

Importing Typer (and Click under it) costs several times Python's own start
on a small machine, more than everything a read command does on the bundled
base.  ``search``, ``show``, ``list``, ``timeline``, ``cite``, ``export`` and
``check`` are what scripts and people run most, so ``main`` first tries
``parse_command``: an exact parser for the options these commands declare
(each command's table below), which returns None for anything else (help,
other commands and options, anything Click would reject or read
differently: a value starting with "-", a number Click converts its own
way, an empty value), and the full Typer application then handles the
arguments as always.  Both paths run the same functions (``reading``,
``checking``), so
their output and exit codes are the same; tests compare them byte for byte
over many argument lists.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_NUMBER = re.compile(r"[0-9]+\Z")

# What an option takes: nothing, one text (the last given counts), texts (repeatable), or whole numbers.
FLAG, TEXT, TEXTS, NUMBER, NUMBERS = "flag", "text", "texts", "number", "numbers"
# What a command takes besides options: no argument, exactly one, one or more, or one at most.
NONE, ONE, SOME, OPTIONAL = 0, 1, 2, 3

_COMMON = {"--base": ("base", TEXT), "-b": ("base", TEXT), "--json": ("json_output", FLAG),
           "--no-color": ("no_color", FLAG)}
_FILTERS = {"--tag": ("tags", TEXTS), "--kind": ("kinds", TEXTS), "--source": ("sources", TEXTS),
            "--claimant": ("claimants", TEXTS), "--year": ("years", NUMBERS), "--from": ("date_from", TEXT),
            "--to": ("date_to", TEXT), "--unsourced": ("unsourced", FLAG), "--caveats": ("caveats", FLAG),
            "--include-retired": ("include_retired", FLAG)}
_STYLE = {"--style": ("style", TEXT), "-s": ("style", TEXT), "--format": ("fmt", TEXT), "-F": ("fmt", TEXT)}

# command -> (its arguments: how many and their name, its options, their defaults)
COMMANDS: dict[str, tuple[int, str, dict[str, tuple[str, str]], dict[str, Any]]] = {
    "search": (ONE, "query", {**_COMMON, **_FILTERS, "--limit": ("limit", NUMBER), "-n": ("limit", NUMBER)},
               {"limit": 5}),
    "show": (ONE, "fact_id", _COMMON, {}),
    "list": (NONE, "", {**_COMMON, **_FILTERS, "--pager": ("pager", FLAG)}, {}),
    "timeline": (NONE, "", {**_COMMON, **_FILTERS, "--pager": ("pager", FLAG)}, {}),
    "cite": (SOME, "fact_ids", {**_COMMON, **_STYLE, "--notes": ("notes", FLAG)}, {"fmt": "text"}),
    "check": (OPTIONAL, "claim", {**_COMMON, "--file": ("file", TEXT), "-f": ("file", TEXT),
                                  "--format": ("output_format", TEXT), "--jsonl": ("jsonl", FLAG),
                                  "--url": ("url", TEXT)}, {"output_format": "text", "claim": None}),
    "export": (NONE, "", {"--base": ("base", TEXT), "-b": ("base", TEXT), **_STYLE, "--facts": ("facts", TEXTS),
                          "-f": ("facts", TEXTS), "--query": ("query", TEXT), "-q": ("query", TEXT)}, {}),
}
_DEFAULTS = {FLAG: False, TEXT: None, TEXTS: (), NUMBER: None, NUMBERS: ()}
# Options whose values Click checks against a list (exactly, case and all); any other value is Click's to refuse.
_CHOICES = {"output_format": frozenset({"text", "json", "claimreview"})}
_STDIN = {"file"}  # options whose value may be "-" (standard input), as Click reads it too


class Parsed:
    """One read command and the values of its options, by the name its function takes."""

    __slots__ = ("command", "values")

    def __init__(self, command: str, values: dict[str, Any]) -> None:
        self.command, self.values = command, values

    def run(self) -> int:
        return _RUNNERS[self.command](self.values)


def parse_command(args: Sequence[str]) -> Parsed | None:
    """The command and options of ``args`` when Click would read them the same way; None otherwise."""
    if not args or args[0] not in COMMANDS or "_NC_FACTS_COMPLETE" in os.environ:
        return None  # shell completion is Click's
    arity, argument, options, defaults = COMMANDS[args[0]]
    values: dict[str, Any] = {name: _DEFAULTS[kind] for name, kind in options.values()}
    values.update(defaults)
    given: list[str] = []
    rest = list(args[1:])
    while rest:
        token = rest.pop(0)
        option = _split_option(token, rest, options)
        if option is None:
            if token.startswith("-"):
                return None  # "--", "-", or an option this command does not have
            given.append(token)
        elif not _take(values, options, *option):
            return None
    if len(given) != arity and not (arity == SOME and given) and not (arity == OPTIONAL and len(given) < 2):
        return None  # an argument too many or missing
    if given:
        values[argument] = given if arity == SOME else given[0]
    if values.get("base") is None and os.environ.get("NC_FACTS_BASE", None) == "":
        return None  # an empty variable: leave its reading to Click
    return Parsed(args[0], values)


def _split_option(token: str, rest: list[str],
                  options: dict[str, tuple[str, str]]) -> tuple[str, str | None] | None:
    """(option, value) of ``token``, taking a value from ``rest`` when the option has one; None for an argument."""
    if token in options:
        takes_value = options[token][1] != FLAG
        return token, (rest.pop(0) if rest else "") if takes_value else None
    name, equals, value = token.partition("=")
    if token.startswith("--") and equals and name in options and options[name][1] != FLAG:
        return name, value
    if not token.startswith("--") and token[:2] in options and options[token[:2]][1] != FLAG:
        return token[:2], token[2:]
    return None


def _take(values: dict[str, Any], options: dict[str, tuple[str, str]], option: str, value: str | None) -> bool:
    """Record one option's value; False where Click might read it otherwise (then Click does)."""
    name, kind = options[option]
    if kind == FLAG:
        values[name] = True
        return True
    if not value or (value.startswith("-") and not (value == "-" and name in _STDIN)):
        return False  # a missing value, or one Click may read differently
    if name in _CHOICES and value not in _CHOICES[name]:
        return False
    if kind in (NUMBER, NUMBERS):
        if not _NUMBER.match(value) or (name == "limit" and int(value) < 1):
            return False  # Click converts and reports it its own way
        number = int(value)
        values[name] = number if kind == NUMBER else (*values[name], number)
    else:
        values[name] = value if kind == TEXT else (*values[name], value)
    return True


def _where(values: dict[str, Any]) -> Any:
    """The filter of the options given, or None when none was (the plain search then loads no filter code)."""
    names = [name for name, _ in _FILTERS.values()]
    if not any(values[name] for name in names):
        return None
    from ..filters import make_filter

    return make_filter(**{name: values[name] for name in names})


def _search(values: dict[str, Any]) -> int:
    from .reading import run_search

    return run_search(values["query"], values["limit"], values["base"], values["json_output"], values["no_color"],
                      _where(values))


def _show(values: dict[str, Any]) -> int:
    from .reading import run_show

    return run_show(values["fact_id"], values["base"], values["json_output"], values["no_color"])


def _listing(values: dict[str, Any], run: Callable[..., int]) -> int:
    from ..filters import FactFilter

    return run(values["base"], values["json_output"], values["no_color"], values["pager"],
               _where(values) or FactFilter())


def _list(values: dict[str, Any]) -> int:
    from .reading import run_list

    return _listing(values, run_list)


def _timeline(values: dict[str, Any]) -> int:
    from .reading import run_timeline

    return _listing(values, run_timeline)


def _cite(values: dict[str, Any]) -> int:
    from .reading import run_cite

    return run_cite(values["fact_ids"], values["style"], values["notes"], values["fmt"], values["base"],
                    values["json_output"], values["no_color"])


def _export(values: dict[str, Any]) -> int:
    from .reading import run_export

    return run_export(values["fmt"], values["facts"], values["query"], values["style"], values["base"])


def _check(values: dict[str, Any]) -> int:
    from .checking import run_check

    return run_check(values["claim"], values["file"], values["output_format"], values["jsonl"], values["url"],
                     values["base"], values["json_output"], values["no_color"])


_RUNNERS: dict[str, Callable[[dict[str, Any]], int]] = {
    "search": _search, "show": _show, "list": _list, "timeline": _timeline, "cite": _cite, "export": _export,
    "check": _check}
