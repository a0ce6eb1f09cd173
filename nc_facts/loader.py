"""Read and check a fact base: two TOML files in one directory.

``load_base`` returns a ``Base`` or raises ``BaseInvalidError`` carrying every
problem found, each with file, line and field where known.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

from .dates import PartialDate, parse_partial_date
from .errors import BaseInvalidError, BaseNotFoundError
from .model import (
    FACT_KINDS,
    SEVERITIES,
    SOURCE_KINDS,
    Author,
    Base,
    BetterValue,
    Caveat,
    Citation,
    Entity,
    Fact,
    Measure,
    Source,
    Unit,
    Value,
    collection_paused,
    with_every_field,
)
from .problems import Problem
from .toml_lines import LineIndex
from .validate import Declarations, check_base_rules

FACTS_FILE = "facts.toml"
SOURCES_FILE = "sources.toml"
BASE_ENV = "NC_FACTS_BASE"
SCHEMA_VERSION = 1
# Refuse files larger than this instead of spending minutes parsing them;
# a base of a million facts is about 200 MB, so the limit leaves room for that.
MAX_FILE_BYTES = 512 * 1024 * 1024
# Parsing takes about a second per MiB and 20 times the file's size in memory (measured: a 100 MiB
# facts.toml of 323,000 facts took 2 minutes and 2 GB), so past this size the reader is told to wait.
LARGE_FILE_BYTES = 32 * 1024 * 1024
_large_file_notice: Callable[[str], None] | None = None

T = TypeVar("T")


def bundled_base_dir() -> Path:
    """The base shipped with the package (in the wheel) or beside it (in a checkout)."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "data", package.parent):
        if (candidate / FACTS_FILE).is_file() and (candidate / SOURCES_FILE).is_file():
            return candidate
    return package / "data"


def resolve_base_dir(base: str | os.PathLike[str] | None = None) -> Path:
    """--base, else $NC_FACTS_BASE, else the bundled base."""
    if base is not None and str(base) != "":
        return Path(base)
    from_env = os.environ.get(BASE_ENV, "")
    return Path(from_env) if from_env else bundled_base_dir()


def read_toml_text(path: Path) -> str:
    """The file's text; BaseNotFoundError or BaseInvalidError say precisely why not."""
    try:
        data = _read_bounded(path)
    except PermissionError:
        raise BaseNotFoundError(f"{path}: permission denied") from None
    except OSError as exc:
        raise BaseNotFoundError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise BaseInvalidError([Problem(str(path), "file is empty")])
    return _decode(path, data)


def set_large_file_notice(notice: Callable[[str], None] | None) -> None:
    """Have ``notice`` told when a base file is large enough to take a while (the CLI prints it)."""
    global _large_file_notice
    _large_file_notice = notice


def _read_bounded(path: Path) -> bytes:
    if not path.exists():
        raise BaseNotFoundError(f"{path}: no such file (a base needs {FACTS_FILE} and {SOURCES_FILE})")
    if path.is_dir():
        raise BaseNotFoundError(f"{path}: is a directory, expected a TOML file")
    if not path.is_file():
        # A FIFO or a device (/dev/zero) could block or never end.
        raise BaseNotFoundError(f"{path}: is not a regular file, expected a TOML file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _too_large(path, size)
    if size > LARGE_FILE_BYTES and _large_file_notice is not None:
        _large_file_notice(f"{path} is {size / 2**20:.0f} MiB: loading it may take minutes "
                           f"(about a second per MiB)")
    with path.open("rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows while we read
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path, len(data))
    return data


def _too_large(path: Path, size: int) -> BaseInvalidError:
    return BaseInvalidError(
        [Problem(str(path), f"file is {size / 2**20:.0f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB")]
    )


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "; it looks like UTF-16: save it as UTF-8" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise BaseInvalidError(
            [Problem(str(path), f"not UTF-8 (byte 0x{data[exc.start]:02x}){hint}", line=line, column=column)]
        ) from None


_TOML_POSITION = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$")


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    try:
        document: dict[str, Any] = tomllib.loads(text)
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively.
        raise BaseInvalidError([Problem(str(path), "TOML syntax error: arrays or tables nested too deeply")]) from None
    except ValueError as exc:
        if isinstance(exc, tomllib.TOMLDecodeError):
            raise _syntax_error(path, exc) from None
        # Python refuses to read integers of more than sys.get_int_max_str_digits() digits.
        raise _overlong_integer(path, text, exc) from None
    return document


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError) -> BaseInvalidError:
    message = str(exc)
    match = _TOML_POSITION.match(message)
    if match:
        return BaseInvalidError([Problem(str(path), f"TOML syntax error: {match.group(1)}",
                                         line=int(match.group(2)), column=int(match.group(3)))])
    return BaseInvalidError([Problem(str(path), f"TOML syntax error: {message}")])


def _overlong_integer(path: Path, text: str, exc: ValueError) -> BaseInvalidError:
    longest = max(re.finditer(r"[0-9][0-9_]*", text), key=lambda found: len(found.group()), default=None)
    if longest is None:
        return BaseInvalidError([Problem(str(path), f"cannot read the file: {exc}")])
    digits = len(longest.group().replace("_", ""))
    line = text.count("\n", 0, longest.start()) + 1
    column = longest.start() - (text.rfind("\n", 0, longest.start()) + 1) + 1
    return BaseInvalidError([Problem(str(path), f"an integer of {digits} digits is too long to read",
                                     line=line, column=column)])


class _Reader:
    """Type-checks the fields of one table, recording problems instead of stopping at the first."""

    def __init__(self, file: str, lines: LineIndex, item: int, problems: list[Problem], item_id: str | None,
                 id_label: str = "id") -> None:
        self.file = file
        self.lines = lines
        self.item = item
        self.problems = problems
        self.item_id = item_id
        self.id_label = id_label

    def problem(self, field: str, message: str) -> None:
        self.problems.append(
            Problem(self.file, message, line=self.lines.line(self.item, field), fact_id=self.item_id,
                    field=field or None, id_label=self.id_label)
        )

    def take(self, table: dict[str, Any], key: str, kind: type[T], default: T, *, field: str = "",
             required: bool = False) -> T:
        name = field or key
        if key not in table:
            if required:
                self.problem(name, "required field is missing")
            return default
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = _finite(value)
            if value is None:
                self.problem(name, f"expected a finite number, got {_short(table[key])}")
                return default
            return value  # type: ignore[return-value]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            self.problem(name, f"expected {_type_name(kind)}, got {_type_name(type(value))} {_short(value)}")
            return default
        if kind is str and required and not str(value).strip():
            self.problem(name, "must not be empty")
        return value

    def strings(self, table: dict[str, Any], key: str) -> tuple[str, ...]:
        values = self.take(table, key, list, [])
        out = []
        for index, value in enumerate(values):
            if isinstance(value, str):
                out.append(value)
            else:
                self.problem(key, f"item {index} should be a string, got {_type_name(type(value))}")
        return tuple(out)

    def date(self, table: dict[str, Any], key: str, field: str = "") -> PartialDate | None:
        if key not in table:
            return None
        try:
            return parse_partial_date(table[key])
        except ValueError as exc:
            self.problem(field or key, str(exc))
            return None

    def tables(self, table: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
        values = self.take(table, key, list, [])
        out = []
        for index, value in enumerate(values):
            if isinstance(value, dict):
                out.append((index, value))
            else:
                self.problem(f"{key}[{index}]", f"expected a table, got {_type_name(type(value))}")
        return out

    def unknown(self, table: dict[str, Any], known: set[str], prefix: str = "") -> None:
        for key in table:
            if key not in known:
                self.problem(prefix + key, f"unknown field (known: {', '.join(sorted(known))})")


def _type_name(kind: type) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "true or false", list: "an array",
            dict: "a table", dt.date: "a date", dt.datetime: "a date-time"}.get(kind, kind.__name__)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_SOURCE_FIELDS = {"key", "footnotes", "outlet", "title", "title_en", "language", "url", "kind", "published",
                  "accessed", "from_article", "author", "note"}
_FACT_FIELDS = {"id", "claim", "quote", "paragraph", "kind", "claimant", "event", "dates", "entities", "tags",
                "aliases", "values", "citations", "caveats", "better_values", "derived_from", "derivation", "retired",
                "retired_on"}
_VALUE_FIELDS = {"value", "unit", "measure", "approximate", "scope"}
_BETTER_FIELDS = {"value", "unit", "measure", "source", "note", "scope", "corrected"}
_CITATION_FIELDS = {"source", "footnote", "quote", "locator"}
_ENTITY_FIELDS = {"id", "name", "kind", "aliases", "part_of", "dates", "ordinal", "series", "note"}
_MEASURE_FIELDS = {"name", "unit", "meaning", "aliases", "complement"}
_UNIT_FIELDS = {"name", "symbol", "aliases", "meaning"}
_CAVEAT_FIELDS = {"severity", "text", "source", "corrected"}
# Top-level arrays of facts.toml besides [[fact]]: what the facts name and measure, and in what units.
ENTITY_ARRAY, MEASURE_ARRAY, UNIT_ARRAY = "entity", "measure", "unit"
# Dates of corrections and retirements are rare: the fast path leaves tables holding them to the checking path.
_FAST_FACT_FIELDS = _FACT_FIELDS - {"retired_on"}
_FAST_BETTER_FIELDS = _BETTER_FIELDS - {"corrected"}
_FAST_CAVEAT_FIELDS = _CAVEAT_FIELDS - {"corrected"}


def _check_version(document: dict[str, Any], file: str, lines: LineIndex, problems: list[Problem]) -> None:
    version = document.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        problems.append(Problem(file, f"schema_version {_short(version)} is not supported (expected {SCHEMA_VERSION})",
                                line=lines.top_level("schema_version"), field="schema_version"))


def _items(document: dict[str, Any], array: str, file: str, lines: LineIndex, problems: list[Problem],
           others: tuple[str, ...] = ()) -> list[Any]:
    """The tables of ``array``; other top-level keys than ``others`` and the version are problems."""
    items = _array(document, array, file, lines, problems)
    for key in document:
        if key not in (array, "schema_version", *others):
            expected = " or ".join(f"[[{name}]]" for name in (array, *others))
            problems.append(Problem(file, f"unknown top-level key (expected {expected} tables)",
                                    line=lines.top_level(key), field=key))
    return items


def _array(document: dict[str, Any], array: str, file: str, lines: LineIndex, problems: list[Problem]) -> list[Any]:
    items = document.get(array, [])
    if not isinstance(items, list):
        problems.append(Problem(file, f"expected an array of [[{array}]] tables", line=lines.top_level(array),
                                field=array))
        return []
    return items


def _read_source(reader: _Reader, table: dict[str, Any]) -> Source:
    take = reader.take
    footnotes = take(table, "footnotes", list, [])
    for number in footnotes:
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            reader.problem("footnotes", f"footnote numbers are positive integers, got {_short(number)}")
    reader.unknown(table, _SOURCE_FIELDS)
    return Source(
        key=take(table, "key", str, "", required=True),
        outlet=take(table, "outlet", str, "", required=True),
        title=take(table, "title", str, "", required=True),
        language=take(table, "language", str, "", required=True),
        kind=take(table, "kind", str, "", required=True),
        from_article=take(table, "from_article", bool, False, required=True),
        footnotes=tuple(n for n in footnotes if isinstance(n, int) and not isinstance(n, bool)),
        title_en=take(table, "title_en", str, ""),
        url=take(table, "url", str, ""),
        published=reader.date(table, "published"),
        accessed=reader.date(table, "accessed"),
        author=take(table, "author", str, "") if not isinstance(table.get("author"), list) else "",
        note=take(table, "note", str, ""),
        authors=_read_authors(reader, table),
    )


_AUTHOR_FIELDS = {"family", "given", "organisation"}


def _read_authors(reader: _Reader, table: dict[str, Any]) -> tuple[Author, ...]:
    """``author = [{family = "...", given = "..."}, {organisation = "..."}]``; a string is read as it was."""
    if not isinstance(table.get("author"), list):
        return ()
    authors = []
    for index, row in reader.tables(table, "author"):
        field = f"author[{index}]"
        reader.unknown(row, _AUTHOR_FIELDS, field + ".")
        author = Author(family=reader.take(row, "family", str, "", field=field + ".family"),
                        given=reader.take(row, "given", str, "", field=field + ".given"),
                        organisation=reader.take(row, "organisation", str, "", field=field + ".organisation"))
        if bool(author.family.strip()) == bool(author.organisation.strip()):
            reader.problem(field, "an author has a family name (a person) or an organisation, one of the two")
        elif author.given and not author.family:
            reader.problem(field + ".given", "a given name needs a family name")
        authors.append(author)
    return tuple(authors)


def _read_fact(reader: _Reader, table: dict[str, Any]) -> Fact:
    take = reader.take
    reader.unknown(table, _FACT_FIELDS)
    paragraph = take(table, "paragraph", int, 0)
    if "retired_on" in table and not table.get("retired"):
        reader.problem("retired_on", "a retirement date needs the reason (retired)")
    return Fact(
        id=take(table, "id", str, "", required=True),
        claim=take(table, "claim", str, "", required=True),
        kind=take(table, "kind", str, "", required=True),
        quote=take(table, "quote", str, ""),
        paragraph=paragraph or None,
        claimant=take(table, "claimant", str, ""),
        event=take(table, "event", str, ""),
        dates=_dates(reader, table),
        entities=reader.strings(table, "entities"),
        tags=reader.strings(table, "tags"),
        aliases=reader.strings(table, "aliases"),
        values=tuple(_sub(reader, table, "values", _VALUE_FIELDS, _read_value)),
        citations=tuple(_sub(reader, table, "citations", _CITATION_FIELDS, _read_citation)),
        caveats=tuple(_sub(reader, table, "caveats", _CAVEAT_FIELDS, _read_caveat)),
        better_values=tuple(_sub(reader, table, "better_values", _BETTER_FIELDS, _read_better_value)),
        derived_from=reader.strings(table, "derived_from"),
        derivation=take(table, "derivation", str, ""),
        retired=take(table, "retired", str, ""),
        retired_on=reader.date(table, "retired_on"),
    )


def _dates(reader: _Reader, table: dict[str, Any]) -> tuple[PartialDate, ...]:
    dates = []
    for index, raw in enumerate(reader.take(table, "dates", list, [])):
        try:
            dates.append(parse_partial_date(raw))
        except ValueError as exc:
            reader.problem(f"dates[{index}]", str(exc))
    return tuple(dates)


def _sub(reader: _Reader, table: dict[str, Any], key: str, known: set[str],
         build: Callable[[_Reader, dict[str, Any], str], T]) -> list[T]:
    out = []
    for index, sub in reader.tables(table, key):
        prefix = f"{key}[{index}]."
        reader.unknown(sub, known, prefix)
        out.append(build(reader, sub, prefix))
    return out


def _number(reader: _Reader, table: dict[str, Any], prefix: str) -> float:
    value = table.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = " (write 56.7, not \"56.7%\")" if isinstance(value, str) else ""
        reader.problem(prefix + "value", f"expected a number, got {_short(value)}{hint}"
                       if "value" in table else "required field is missing")
        return float("nan")
    number = _finite(value)
    if number is None:
        # TOML allows inf, nan and integers of any size; no figure of an article is one.
        reader.problem(prefix + "value", f"expected a finite number, got {_short(value)}")
        return float("nan")
    return number


def _finite(value: int | float) -> float | None:
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _read_value(reader: _Reader, table: dict[str, Any], prefix: str) -> Value:
    return Value(
        value=_number(reader, table, prefix),
        unit=reader.take(table, "unit", str, "", field=prefix + "unit", required=True),
        measure=reader.take(table, "measure", str, "", field=prefix + "measure", required=True),
        approximate=reader.take(table, "approximate", bool, False, field=prefix + "approximate"),
        scope=reader.take(table, "scope", str, "", field=prefix + "scope"),
    )


def _read_better_value(reader: _Reader, table: dict[str, Any], prefix: str) -> BetterValue:
    return BetterValue(
        value=_number(reader, table, prefix),
        unit=reader.take(table, "unit", str, "", field=prefix + "unit", required=True),
        measure=reader.take(table, "measure", str, "", field=prefix + "measure", required=True),
        source=reader.take(table, "source", str, "", field=prefix + "source", required=True),
        note=reader.take(table, "note", str, "", field=prefix + "note"),
        scope=reader.take(table, "scope", str, "", field=prefix + "scope"),
        corrected=reader.date(table, "corrected", field=prefix + "corrected"),
    )


def _read_citation(reader: _Reader, table: dict[str, Any], prefix: str) -> Citation:
    footnote = reader.take(table, "footnote", int, 0, field=prefix + "footnote")
    return Citation(
        source=reader.take(table, "source", str, "", field=prefix + "source", required=True),
        footnote=footnote or None,
        quote=_optional_text(reader, table, "quote", prefix),
        locator=reader.take(table, "locator", str, "", field=prefix + "locator"),
    )


def _optional_text(reader: _Reader, table: dict[str, Any], key: str, prefix: str) -> str:
    """A string that may be left out but, where given, is not blank."""
    text = reader.take(table, key, str, "", field=prefix + key)
    if key in table and isinstance(table[key], str) and not text.strip():
        reader.problem(prefix + key, "must not be empty where given")
    return text


def _read_caveat(reader: _Reader, table: dict[str, Any], prefix: str) -> Caveat:
    return Caveat(
        severity=reader.take(table, "severity", str, "", field=prefix + "severity", required=True),
        text=reader.take(table, "text", str, "", field=prefix + "text", required=True),
        source=reader.take(table, "source", str, "", field=prefix + "source"),
        corrected=reader.date(table, "corrected", field=prefix + "corrected"),
    )


# --- the fast path ----------------------------------------------------------------------------------------
# Nearly every table of a large base is correct.  The functions below build such a table's objects with
# plain type tests and return None at the first thing they do not expect; the table then goes down the
# checking path above, which finds, locates and words every problem.  So they never report anything, and
# for a table they accept they build exactly what the checking path builds.


def _required_text(value: object) -> TypeGuard[str]:
    return type(value) is str and bool(value.strip())


def _fast_strings(value: object) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if type(value) is not list:
        return None
    for item in value:
        if type(item) is not str:
            return None
    return tuple(value)


def _fast_number(value: object) -> float | None:
    if type(value) is float:
        return value if math.isfinite(value) else None
    if type(value) is int:
        return _finite(value)
    return None


def _fast_value(table: dict[str, Any]) -> Value | None:
    get = table.get
    number, unit, measure, approximate, scope = _fast_number(get("value")), get("unit"), get("measure"), \
        get("approximate", False), get("scope", "")
    if number is None or not _required_text(unit) or not _required_text(measure) or type(approximate) is not bool \
            or type(scope) is not str or not table.keys() <= _VALUE_FIELDS:
        return None
    return with_every_field(Value, {"value": number, "unit": unit, "measure": measure, "approximate": approximate,
                                    "scope": scope})


def _fast_better_value(table: dict[str, Any]) -> BetterValue | None:
    get = table.get
    number, unit, measure, source, note, scope = _fast_number(get("value")), get("unit"), get("measure"), \
        get("source"), get("note", ""), get("scope", "")
    if number is None or not _required_text(unit) or not _required_text(measure) or not _required_text(source) \
            or type(note) is not str or type(scope) is not str or not table.keys() <= _FAST_BETTER_FIELDS:
        return None
    return with_every_field(BetterValue, {"value": number, "unit": unit, "measure": measure, "source": source,
                                          "note": note, "scope": scope, "corrected": None})


def _fast_citation(table: dict[str, Any]) -> Citation | None:
    source, footnote, locator = table.get("source"), table.get("footnote", 0), table.get("locator", "")
    quote = table.get("quote", "")
    if not _required_text(source) or type(footnote) is not int or type(locator) is not str \
            or ("quote" in table and not _required_text(quote)) or not table.keys() <= _CITATION_FIELDS:
        return None
    return with_every_field(Citation, {"source": source, "footnote": footnote or None, "quote": quote,
                                       "locator": locator})


def _fast_caveat(table: dict[str, Any]) -> Caveat | None:
    severity, text, source = table.get("severity"), table.get("text"), table.get("source", "")
    if not _required_text(severity) or not _required_text(text) or type(source) is not str \
            or not table.keys() <= _FAST_CAVEAT_FIELDS:
        return None
    return with_every_field(Caveat, {"severity": severity, "text": text, "source": source, "corrected": None})


def _fast_subs(value: object, build: Callable[[dict[str, Any]], T | None]) -> tuple[T, ...] | None:
    if value is None:
        return ()
    if type(value) is not list:
        return None
    out = []
    for item in value:
        if type(item) is not dict:
            return None
        built = build(item)
        if built is None:
            return None
        out.append(built)
    return tuple(out)


def _fast_dates(value: object) -> tuple[PartialDate, ...] | None:
    if value is None:
        return ()
    if type(value) is not list:
        return None
    try:
        return tuple(parse_partial_date(raw) for raw in value)
    except ValueError:
        return None


def _fast_fact(table: dict[str, Any]) -> Fact | None:
    """The fact of a table with nothing wrong in its own fields; None when anything is unexpected."""
    get = table.get
    fact_id, claim, kind = get("id"), get("claim"), get("kind")
    if not (_required_text(fact_id) and _required_text(claim) and _required_text(kind)) \
            or not table.keys() <= _FAST_FACT_FIELDS:
        return None
    quote, claimant, event, derivation = get("quote", ""), get("claimant", ""), get("event", ""), \
        get("derivation", "")
    paragraph, retired = get("paragraph", 0), get("retired", "")
    if type(quote) is not str or type(claimant) is not str or type(event) is not str \
            or type(derivation) is not str or type(paragraph) is not int or type(retired) is not str:
        return None
    dates = _fast_dates(get("dates"))
    entities, tags = _fast_strings(get("entities")), _fast_strings(get("tags"))
    aliases, derived_from = _fast_strings(get("aliases")), _fast_strings(get("derived_from"))
    values, citations = _fast_subs(get("values"), _fast_value), _fast_subs(get("citations"), _fast_citation)
    caveats, better_values = _fast_subs(get("caveats"), _fast_caveat), \
        _fast_subs(get("better_values"), _fast_better_value)
    if dates is None or entities is None or tags is None or aliases is None or derived_from is None \
            or values is None or citations is None or caveats is None or better_values is None:
        return None
    return with_every_field(Fact, {
        "id": fact_id, "claim": claim, "kind": kind, "quote": quote, "paragraph": paragraph or None,
        "claimant": claimant, "event": event, "dates": dates, "entities": entities, "tags": tags, "aliases": aliases,
        "values": values, "citations": citations, "caveats": caveats, "better_values": better_values,
        "derived_from": derived_from, "derivation": derivation, "retired": retired, "retired_on": None})


def _table_id(table: object, key: str) -> str | None:
    if isinstance(table, dict):
        value = table.get(key)
        return value if isinstance(value, str) else None
    return None


def read_sources(path: Path, text: str, problems: list[Problem]) -> tuple[list[Source], LineIndex]:
    document = parse_toml(path, text)
    lines = LineIndex(text, "source")
    _check_version(document, str(path), lines, problems)
    sources = []
    for index, table in enumerate(_items(document, "source", str(path), lines, problems)):
        reader = _Reader(str(path), lines, index, problems, _table_id(table, "key"), id_label="key")
        if not isinstance(table, dict):
            reader.problem("", "expected a [[source]] table")
            continue
        sources.append(_read_source(reader, table))
    return sources, lines


def read_facts(path: Path, text: str, problems: list[Problem]) -> tuple[list[Fact], LineIndex, Declarations]:
    """The facts of facts.toml, the line index of its facts, and the entities and measures it declares."""
    document = parse_toml(path, text)
    lines = LineIndex(text, "fact")
    _check_version(document, str(path), lines, problems)
    items = _items(document, "fact", str(path), lines, problems, others=(ENTITY_ARRAY, MEASURE_ARRAY, UNIT_ARRAY))
    declarations = _read_declarations(path, text, document, problems)
    facts = []
    for index, table in enumerate(items):
        fact = _fast_fact(table) if type(table) is dict else None
        if fact is not None:
            facts.append(fact)
            continue
        reader = _Reader(str(path), lines, index, problems, _table_id(table, "id"))
        if not isinstance(table, dict):
            reader.problem("", "expected a [[fact]] table")
            continue
        facts.append(_read_fact(reader, table))
    return facts, lines, declarations


def _read_declarations(path: Path, text: str, document: dict[str, Any], problems: list[Problem]) -> Declarations:
    entity_lines, measure_lines = LineIndex(text, ENTITY_ARRAY), LineIndex(text, MEASURE_ARRAY)
    entities = _read_tables(path, document, ENTITY_ARRAY, entity_lines, problems, "id", _read_entity)
    measures = _read_tables(path, document, MEASURE_ARRAY, measure_lines, problems, "name", _read_measure)
    unit_lines = LineIndex(text, UNIT_ARRAY)
    units = _read_tables(path, document, UNIT_ARRAY, unit_lines, problems, "name", _read_unit)
    return Declarations(entities, entity_lines, measures, measure_lines, units, unit_lines)


def _read_tables(path: Path, document: dict[str, Any], array: str, lines: LineIndex, problems: list[Problem],
                 id_key: str, build: Callable[[_Reader, dict[str, Any]], T]) -> list[T]:
    out = []
    for index, table in enumerate(_array(document, array, str(path), lines, problems)):
        reader = _Reader(str(path), lines, index, problems, _table_id(table, id_key), id_label=f"{array} {id_key}")
        if not isinstance(table, dict):
            reader.problem("", f"expected a [[{array}]] table")
            continue
        out.append(build(reader, table))
    return out


def _read_entity(reader: _Reader, table: dict[str, Any]) -> Entity:
    take = reader.take
    reader.unknown(table, _ENTITY_FIELDS)
    ordinal = take(table, "ordinal", int, 0)
    if type(table.get("ordinal")) is int and ordinal < 1:
        reader.problem("ordinal", "ordinals start at 1 (the first of its series)")
    return Entity(
        id=take(table, "id", str, "", required=True),
        name=take(table, "name", str, "", required=True),
        kind=take(table, "kind", str, "", required=True),
        aliases=reader.strings(table, "aliases"),
        part_of=take(table, "part_of", str, ""),
        dates=_dates(reader, table),
        ordinal=ordinal if ordinal > 0 else None,
        series=take(table, "series", str, ""),
        note=take(table, "note", str, ""),
    )


def _read_measure(reader: _Reader, table: dict[str, Any]) -> Measure:
    take = reader.take
    reader.unknown(table, _MEASURE_FIELDS)
    return Measure(
        name=take(table, "name", str, "", required=True),
        unit=take(table, "unit", str, ""),
        meaning=take(table, "meaning", str, ""),
        aliases=reader.strings(table, "aliases"),
        complement=take(table, "complement", str, ""),
    )


def _read_unit(reader: _Reader, table: dict[str, Any]) -> Unit:
    reader.unknown(table, _UNIT_FIELDS)
    return Unit(
        name=reader.take(table, "name", str, "", required=True),
        symbol=reader.take(table, "symbol", str, ""),
        aliases=reader.strings(table, "aliases"),
        meaning=reader.take(table, "meaning", str, ""),
    )


def check_base_dir(directory: Path, *, missing_hint: str = "") -> None:
    """BaseNotFoundError unless ``directory`` is a directory (``missing_hint`` follows "no such base directory")."""
    try:
        if not directory.exists():
            raise BaseNotFoundError(f"{directory}: no such base directory{missing_hint}")
        if not directory.is_dir():
            raise BaseNotFoundError(f"{directory}: is not a directory (a base is a directory with "
                                    f"{FACTS_FILE} and {SOURCES_FILE})")
    except PermissionError:
        raise BaseNotFoundError(f"{directory}: permission denied") from None
    except OSError as exc:  # e.g. a name too long for the file system
        raise BaseNotFoundError(f"{directory}: cannot open: {exc.strerror or exc}") from None


def load_base(base: str | os.PathLike[str] | None = None, *, today: dt.date | None = None) -> Base:
    """Load and validate the base at ``base`` (or $NC_FACTS_BASE, or the bundled one)."""
    directory = resolve_base_dir(base)
    check_base_dir(directory)
    facts_path, sources_path = directory / FACTS_FILE, directory / SOURCES_FILE
    sources_text = read_toml_text(sources_path)
    facts_text = read_toml_text(facts_path)
    return base_from_texts(directory, facts_text, sources_text, today=today)


def base_from_texts(directory: Path, facts_text: str, sources_text: str, *, today: dt.date | None = None) -> Base:
    """Load and validate a base from the texts of its two files (an edit checks its result before writing)."""
    with collection_paused():
        return _base_from_texts(directory, facts_text, sources_text, today)


def _base_from_texts(directory: Path, facts_text: str, sources_text: str, today: dt.date | None) -> Base:
    facts_path, sources_path = directory / FACTS_FILE, directory / SOURCES_FILE
    problems: list[Problem] = []
    sources, source_lines = read_sources(sources_path, sources_text, problems)
    facts, fact_lines, declared = read_facts(facts_path, facts_text, problems)
    problems.extend(check_base_rules(facts, fact_lines, sources, source_lines, str(facts_path), str(sources_path),
                                     today, declared))
    if problems:
        raise BaseInvalidError(problems)
    return Base(directory=directory, facts=tuple(facts), sources={s.key: s for s in sources},
                entities=tuple(declared.entities), measures=tuple(declared.measures), units=tuple(declared.units))


__all__ = [
    "BASE_ENV",
    "FACTS_FILE",
    "FACT_KINDS",
    "SEVERITIES",
    "SOURCES_FILE",
    "SOURCE_KINDS",
    "bundled_base_dir",
    "load_base",
    "resolve_base_dir",
]
