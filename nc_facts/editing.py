"""Safe edits of a base: start one, append a source or a fact.

An edit never rewrites what is already in a file.  tomlkit renders the new
entry (quoting, escapes, nested ``[[fact.values]]`` tables) and its bytes are
appended to the file's bytes, so every comment, blank line, byte-order mark
and line ending before it stays as it was; re-serialising the whole file
would also be slow on a large base.

Each edit runs under a lock file beside the base, re-reads the files inside
the lock (so concurrent writers each see the others' entries), validates the
whole resulting base with the loader, writes a temporary file in the same
directory and renames it over the old one: a crash at any point leaves either
the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from . import loader
from .dates import PartialDate, parse_partial_date
from .errors import BaseInvalidError, BaseLockedError, BaseWriteError, EntryRejectedError, UsageError
from .model import Author, Base, BetterValue, Caveat, Citation, Fact, Source, Unit, Value
from .text import STOPWORDS, fold

LOCK_FILE = ".nc-facts.lock"
LOCK_TIMEOUT_SECONDS = 30.0
MAX_SLUG_WORDS = 6
MAX_SLUG_CHARS = 60

T = TypeVar("T")
# What an edit writes: the entry itself, or a function making it from the base as it stands under the lock
# (so that figures typed on a command line are read with the units the base declares).
Draft: TypeAlias = T | Callable[[Base], T]

_WORD = re.compile(r"[a-z0-9]+")
# English stopwords, the "s" of "island's", and the articles of French titles.
SLUG_STOPWORDS = STOPWORDS | frozenset("s la le les l d de du des un une et".split())


# --- ids -------------------------------------------------------------------------------------------------------

def slug(text: str, max_words: int = MAX_SLUG_WORDS, drop: frozenset[str] = SLUG_STOPWORDS) -> str:
    """A readable id from text: "The island's turnout was 85.64 %" -> 'island-turnout-85-64'."""
    words = [word for word in _WORD.findall(fold(text)) if word not in drop][:max_words]
    return "-".join(words)[:MAX_SLUG_CHARS].strip("-")


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... whichever is free."""
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def suggest_fact_id(claim: str, taken: set[str]) -> str:
    return unique_id(slug(claim) or "fact", taken)


def suggest_source_key(outlet: str, title: str, taken: set[str]) -> str:
    # The outlet's own words stay whole: "Le Monde" is le-monde, not monde.
    outlet_part = slug(outlet, 2, drop=frozenset())
    return unique_id("-".join(part for part in (outlet_part, slug(title, 3)) if part) or "source", taken)


# --- rendering -------------------------------------------------------------------------------------------------

def _is_default(value: object) -> bool:
    if value is None or value is False:
        return True
    return isinstance(value, str | tuple | list) and len(value) == 0


def _put(table: Any, key: str, value: object) -> None:
    """Set only what differs from the format's default, so entries stay as short as hand-written ones."""
    if isinstance(value, PartialDate):
        value = value.iso()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        value = int(value)  # 2001926, as a person writes a count, not 2001926.0
    if not _is_default(value):
        table[key] = list(value) if isinstance(value, tuple) else value


def _sub_tables(rows: list[dict[str, object]]) -> Any:
    import tomlkit

    array = tomlkit.aot()
    for row in rows:
        table = tomlkit.table()
        for key, value in row.items():
            _put(table, key, value)
        array.append(table)
    return array


def fact_table(fact: Fact) -> Any:
    """The fact as a tomlkit table, keys in the order docs/base-format.md shows them."""
    import tomlkit

    table = tomlkit.table()
    _put(table, "id", fact.id)
    _put(table, "claim", fact.claim)
    _put(table, "quote", fact.quote)
    _put(table, "paragraph", fact.paragraph)
    _put(table, "kind", fact.kind)
    for key in ("claimant", "event"):
        _put(table, key, getattr(fact, key))
    _put(table, "dates", [date.iso() for date in fact.dates])
    for key in ("entities", "tags", "aliases", "derived_from", "derivation", "retired", "retired_on"):
        _put(table, key, getattr(fact, key))
    subs: dict[str, list[dict[str, object]]] = {
        "values": [{"value": v.value, "unit": v.unit, "measure": v.measure, "approximate": v.approximate,
                    "scope": v.scope} for v in fact.values],
        "citations": [{"source": c.source, "footnote": c.footnote, "quote": c.quote, "locator": c.locator}
                      for c in fact.citations],
        "caveats": [{"severity": c.severity, "text": c.text, "source": c.source, "corrected": c.corrected}
                    for c in fact.caveats],
        "better_values": [{"value": b.value, "unit": b.unit, "measure": b.measure, "source": b.source,
                           "note": b.note, "scope": b.scope, "corrected": b.corrected} for b in fact.better_values],
    }
    for key, rows in subs.items():
        if rows:
            table[key] = _sub_tables(rows)
    return table


def source_table(source: Source) -> Any:
    import tomlkit

    table = tomlkit.table()
    _put(table, "key", source.key)
    table["footnotes"] = list(source.footnotes)  # always written: the format's own example shows []
    for key in ("outlet", "title", "title_en", "language", "url", "kind"):
        _put(table, key, getattr(source, key))
    for key in ("published", "accessed"):
        date = getattr(source, key)
        _put(table, key, date.iso() if date else "")
    table["from_article"] = source.from_article
    _put(table, "author", author_array(source.authors) if source.authors else source.author)
    _put(table, "note", source.note)
    return table


def author_array(authors: Iterable[Author]) -> Any:
    """``[{family = "Greenslade", given = "Roy"}, {organisation = "BBC"}]``: one line, as a person writes it."""
    import tomlkit

    array = tomlkit.array()
    for author in authors:
        row = tomlkit.inline_table()
        for key in ("family", "given", "organisation"):
            _put(row, key, getattr(author, key))
        array.append(row)
    return array


def render_entry(array: str, table: Any) -> str:
    """``[[array]]`` with the table's keys and sub-tables, as TOML text."""
    import tomlkit

    document = tomlkit.document()
    entries = tomlkit.aot()
    entries.append(table)
    document[array] = entries
    return tomlkit.dumps(document)


def appended(old: bytes, entry: str) -> bytes:
    """``old`` unchanged, then a blank line and ``entry`` in the file's own line endings."""
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    separator = b""
    if old and not old.endswith(b"\n"):
        separator += newline
    if old.strip() and not old.endswith(newline * 2):
        separator += newline
    return old + separator + entry.replace("\n", newline.decode()).encode("utf-8")


# --- locking and writing ---------------------------------------------------------------------------------------

@contextlib.contextmanager
def locked(directory: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the base's lock file.

    filelock rather than fcntl: it also locks on Windows, where reporters
    edit bases too, and its lock is released by the OS if the process dies.
    """
    from filelock import FileLock, Timeout

    # filelock would make missing directories for its file
    loader.check_base_dir(directory, missing_hint=f" (start one with 'nc-facts init {directory}')")
    lock = FileLock(str(directory / LOCK_FILE), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise BaseLockedError(f"{directory}: another edit has held {LOCK_FILE} for {timeout:g} s; "
                              f"try again, or remove the file if no edit is running") from None
    except OSError as exc:
        raise BaseWriteError(f"{directory / LOCK_FILE}: cannot create the lock file: {_reason(exc)}") from exc
    try:
        yield
    finally:
        lock.release()


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one, never a mix."""
    try:
        _replace_file(path, data)
    except OSError as exc:
        raise BaseWriteError(f"{path}: cannot write: {_reason(exc)}") from exc


def _replace_file(path: Path, data: bytes) -> None:
    mode = path.stat().st_mode & 0o7777 if path.exists() else _default_file_mode()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)  # mkstemp makes it private; keep the file's own permissions
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(path.parent)


def _default_file_mode() -> int:
    """What open() would give a new file: 0o666 less the umask (which can only be read by setting it)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_directory(directory: Path) -> None:
    # Makes the rename itself durable; directories cannot be opened this way on Windows.
    if sys.platform == "win32":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- reading the current state ---------------------------------------------------------------------------------

def _read_bytes(path: Path) -> bytes:
    loader.read_toml_text(path)  # the loader's own errors for a missing, unreadable or non-UTF-8 file
    return path.read_bytes()


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig")


def _validated(directory: Path, facts: bytes, sources: bytes, today: dt.date | None) -> Base:
    try:
        return loader.base_from_texts(directory, _decode(facts), _decode(sources), today=today)
    except BaseInvalidError as exc:
        raise EntryRejectedError(exc.problems) from None


def _current(directory: Path, today: dt.date | None) -> tuple[bytes, bytes, Base]:
    """Both files' bytes and the base they make; refuses to edit a base that is already invalid."""
    facts = _read_bytes(directory / loader.FACTS_FILE)
    sources = _read_bytes(directory / loader.SOURCES_FILE)
    return facts, sources, loader.base_from_texts(directory, _decode(facts), _decode(sources), today=today)


def current_state(directory: Path, today: dt.date | None = None) -> tuple[bytes, bytes, Base]:
    """For an edit under the lock: both files' bytes and the valid base they make."""
    return _current(directory, today)


def validated_result(directory: Path, facts: bytes, sources: bytes, today: dt.date | None = None) -> Base:
    """The base an edit's new bytes make; EntryRejectedError (nothing written) when it is not valid."""
    return _validated(directory, facts, sources, today)


# --- the edits -------------------------------------------------------------------------------------------------

def drafted(draft: Draft[T], base: Base) -> T:
    """The entry a draft makes from ``base``; an entry given as it is stays as it is."""
    return draft(base) if callable(draft) else draft


def add_fact(directory: Path, fact: Draft[Fact], *, today: dt.date | None = None,
             allow_same_claim: bool = False) -> tuple[Fact, Base]:
    """Append ``fact`` to facts.toml; an empty id is replaced by one made from the claim.

    Returns the fact as stored and the base after the edit.  UsageError for a
    taken id, or for a claim the base already holds (unless
    ``allow_same_claim``); EntryRejectedError (file unchanged) when the
    result would not validate.
    """
    with locked(directory):
        facts, sources, base = _current(directory, today)
        fact = drafted(fact, base)
        if not allow_same_claim:
            refuse_same_claim(base, fact.claim)
        taken = {existing.id for existing in base.facts}
        if not fact.id:
            fact = _with_id(fact, suggest_fact_id(fact.claim, taken))
        elif fact.id in taken:
            raise UsageError(f"fact id {fact.id!r} is already used; try {unique_id(fact.id, taken)!r}")
        new_facts = appended(facts, render_entry("fact", fact_table(fact)))
        after = _validated(directory, new_facts, sources, today)
        write_atomically(directory / loader.FACTS_FILE, new_facts)
    stored = after.get(fact.id)
    assert stored is not None  # validated above
    return stored, after


def add_source(directory: Path, source: Source, *, today: dt.date | None = None) -> tuple[Source, Base]:
    """Append ``source`` to sources.toml; an empty key is replaced by one made from outlet and title."""
    with locked(directory):
        facts, sources, base = _current(directory, today)
        taken = set(base.sources)
        if not source.key:
            source = _with_key(source, suggest_source_key(source.outlet, source.title, taken))
        elif source.key in taken:
            raise UsageError(f"source key {source.key!r} is already used; try {unique_id(source.key, taken)!r}")
        new_sources = appended(sources, render_entry("source", source_table(source)))
        after = _validated(directory, facts, new_sources, today)
        write_atomically(directory / loader.SOURCES_FILE, new_sources)
    return after.sources[source.key], after


def refuse_same_claim(base: Base, claim: str) -> None:
    """UsageError naming the fact that already makes ``claim`` (case, accents, spacing and punctuation aside)."""
    from .text import normalize

    def key(text: str) -> str:  # words and numbers only: "56.7 %," and "56.7%" are the same claim
        return " ".join(re.findall(r"\d+(?:\.\d+)?|[^\W\d_]+", normalize(text)))

    wanted = key(claim)
    for existing in base.facts:
        if key(existing.claim) == wanted:
            raise UsageError(f"the base already holds this claim as fact {existing.id!r} (nc-facts show "
                             f"{existing.id}); nothing was added (--force adds a second copy)")


def _with_id(fact: Fact, fact_id: str) -> Fact:
    from dataclasses import replace

    return replace(fact, id=fact_id)


def _with_key(source: Source, key: str) -> Source:
    from dataclasses import replace

    return replace(source, key=key)


# --- a new base ------------------------------------------------------------------------------------------------

SOURCES_TEMPLATE = """\
# The bibliography of this base: one [[source]] table per source.
# Format: docs/base-format.md. Add one with: nc-facts add-source --base DIR
schema_version = 1

# [[source]]
# key = "bbc-new-caledonia-profile"   # stable citation key: [a-z0-9][a-z0-9-]*
# footnotes = [1]                     # footnote numbers in the article; [] when not from it
# outlet = "BBC"
# title = "New Caledonia profile"     # as published, in its own language
# title_en = ""                       # English translation; required when language is not "en"
# language = "en"
# url = "https://www.bbc.com/news/world-asia-pacific-16740838"
# kind = "profile"                    # news-article | analysis | profile | organisation-page | encyclopedia | ...
# accessed = "2025-07-19"             # only with a url; never in the future
# from_article = true
"""

FACTS_TEMPLATE = """\
# The claims of this base: one [[fact]] table per claim.
# Format: docs/base-format.md. Add one with: nc-facts add-fact --base DIR
schema_version = 1

# [[fact]]
# id = "referendum-2018-no-share"     # stable, readable: [a-z0-9][a-z0-9-]*
# claim = "In the 2018 referendum, 56.7 % of voters said no to independence."
# quote = "Of the voters, 56.7% said ‘no’ to independence from France."
# paragraph = 3
# kind = "statistic"                  # statistic | event | allegation | denial | statement | background | analysis
# dates = ["2018"]                    # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
# entities = ["New Caledonia", "France"]
# tags = ["referendum", "vote-share"]
#
# [[fact.values]]
# value = 56.7
# unit = "percent"
# measure = "no share"
#
# [[fact.citations]]                  # none: the claim is unsourced
# source = "bbc-new-caledonia-profile"
# footnote = 1
"""


def init_base(directory: Path) -> list[Path]:
    """Create ``directory`` with an empty, valid base whose comments show an example of each entry."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BaseWriteError(f"{directory}: cannot create the directory: {_reason(exc)}") from exc
    paths = [directory / loader.SOURCES_FILE, directory / loader.FACTS_FILE]
    with locked(directory):
        existing = [path.name for path in paths if path.exists()]
        if existing:
            raise UsageError(f"{directory}: already holds {' and '.join(existing)}; nothing was changed")
        for path, template in zip(paths, (SOURCES_TEMPLATE, FACTS_TEMPLATE), strict=True):
            write_atomically(path, template.encode("utf-8"))
        ignore = ignore_lock_file(directory)
    _remove_lock_file(directory)
    return [*paths, *ignore]


def ignore_lock_file(directory: Path) -> list[Path]:
    """Have git ignore the lock file: a new .gitignore, or the line added to one that lacks it ([] if none needed)."""
    path = directory / ".gitignore"
    try:
        old = path.read_bytes() if path.exists() else b""
    except OSError as exc:
        raise BaseWriteError(f"{path}: cannot read: {_reason(exc)}") from exc
    if LOCK_FILE.encode() in old.splitlines():
        return []
    line = f"# the lock nc-facts holds while it edits this base\n{LOCK_FILE}\n"
    write_atomically(path, appended(old, line) if old.strip() else line.encode("utf-8"))
    return [path]


def _remove_lock_file(directory: Path) -> None:
    # Only init removes the lock: it made the base, so no other writer can be waiting on it yet.
    with contextlib.suppress(OSError):
        (directory / LOCK_FILE).unlink()


# --- compact entry specs, as typed on a command line -------------------------------------------------------------

def parse_value(text: str, units: Iterable[Unit] = ()) -> Value:
    """'56.7 percent no share', '51.9% leave share', '~80 percent turnout' (approximate) -> Value.

    ``units``: the base's declared units, whose names, symbols and aliases the figure may write.
    """
    from .figures import parse_figure

    figure = parse_figure(text, units=units)
    return Value(value=figure.value, unit=figure.unit, measure=figure.measure, approximate=figure.approximate)


def parse_citation(text: str) -> Citation:
    """'aa-new-caledonia:2' (source key and footnote number) or just the key -> Citation."""
    key, _, footnote = text.strip().partition(":")
    if not footnote:
        return Citation(source=key)
    if not footnote.isdigit() or int(footnote) < 1:
        raise UsageError(f"--cite {text!r}: the footnote after ':' must be a positive number")
    return Citation(source=key, footnote=int(footnote))


def parse_caveat(text: str) -> Caveat:
    """'imprecise: The final result was 56.67 %.' -> Caveat; 'imprecise@KEY: ...' names its source."""
    head, colon, body = text.partition(":")
    if not colon or not body.strip():
        raise UsageError(f"--caveat {text!r}: write SEVERITY[@SOURCE]: TEXT, "
                         f"e.g. 'imprecise: the final figure was 56.67 %'")
    severity, _, source = head.partition("@")
    return Caveat(severity=severity.strip(), text=body.strip(), source=source.strip())


def parse_better_value(text: str, units: Iterable[Unit] = ()) -> BetterValue:
    """'encyclopedia-island: 85.69 percent turnout; final result' -> BetterValue (source key, figure, note)."""
    from .figures import parse_figure

    source, colon, rest = text.partition(":")
    figure_text, _, note = rest.partition(";")
    if not colon or not source.strip():
        raise UsageError(f"--better {text!r}: write SOURCE: NUMBER UNIT MEASURE[; NOTE], "
                         f"e.g. 'encyclopedia-island: 85.69 percent turnout; final result'")
    figure = parse_figure(figure_text, "--better", units)
    return BetterValue(value=figure.value, unit=figure.unit, measure=figure.measure, source=source.strip(),
                       note=note.strip())


def parse_dates(texts: Iterable[str], option: str = "--date") -> tuple[PartialDate, ...]:
    dates = []
    for text in texts:
        try:
            dates.append(parse_partial_date(text))
        except ValueError as exc:
            raise UsageError(f"{option}: {exc}") from None
    return tuple(dates)
