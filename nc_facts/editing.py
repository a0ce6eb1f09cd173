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
import functools
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from . import loader
from .dates import PartialDate, parse_partial_date
from .errors import BaseInvalidError, BaseWriteError, EntryRejectedError, UsageError
from .model import Author, Base, BetterValue, Caveat, Citation, Fact, Source, Unit, Value
from .text import STOPWORDS, fold
from .visible import visible

LOCK_FILE = ".nc-facts.lock"
LOCK_NOTICE_AFTER_SECONDS = 2.0  # how long an edit waits for the lock before it says why it is waiting
LOCK_POLL_SECONDS = 0.05
TEMPORARY_SUFFIX = ".tmp"
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
    return old + separator + entry_bytes(entry.replace("\n", newline.decode()))


def entry_bytes(entry: str) -> bytes:
    """An entry's TOML text in UTF-8; UsageError naming the field when it holds bytes that were not UTF-8.

    A shell passes an argument's bytes as they are; Python keeps those that
    are not UTF-8 as lone surrogates, which no TOML file can hold.
    """
    try:
        return entry.encode("utf-8")
    except UnicodeEncodeError as exc:
        line_start = entry.rfind("\n", 0, exc.start) + 1
        key = entry[line_start:exc.start].partition("=")[0].strip()
        field = f"field {key!r}: " if key and "=" in entry[line_start:exc.start] else ""
        raise UsageError(f"{field}the text holds bytes that are not UTF-8 ({visible(entry[exc.start:exc.end])}); "
                         f"nothing was written") from None


# --- locking and writing ---------------------------------------------------------------------------------------

_lock_wait_notice: Callable[[str], None] | None = None


def set_lock_wait_notice(notice: Callable[[str], None] | None) -> None:
    """Have ``notice`` told, once, when an edit has to wait for another to finish (the CLI prints it)."""
    global _lock_wait_notice
    _lock_wait_notice = notice


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold the base's lock file while an edit reads, checks and writes the base.

    The lock is the operating system's (flock; on Windows, filelock's msvcrt
    lock), which ends with the process holding it however that process ends,
    SIGKILL included: a lock file left behind locks nothing.  So a writer
    waits for as long as another one holds the lock, which is exactly as long
    as that one lives; there is no timeout, and no stale lock for anyone to
    remove.  The holder writes its pid and host into the file so that a
    waiting writer can say whom it waits for.
    """
    # the lock's file would otherwise be the first thing made in a directory that does not exist
    loader.check_base_dir(directory, missing_hint=f" (start one with 'nc-facts init {directory}')")
    path = directory / LOCK_FILE
    release = _acquired(path)
    try:
        _record_holder(path)
        _remove_leftovers(directory)
        yield
    finally:
        release()


def _acquired(path: Path) -> Callable[[], None]:
    """Take the lock at ``path``, waiting as long as another writer holds it; returns what releases it."""
    if sys.platform == "win32":
        return _acquired_with_filelock(path)
    while True:
        descriptor = _open_lock_file(path)
        try:
            _wait_for_flock(descriptor, path)
        except BaseException:
            os.close(descriptor)
            raise
        if _is_the_file_at(path, descriptor):
            return functools.partial(_release_flock, descriptor)
        # init removed the file while we waited on it: the lock is the file at the path now
        os.close(descriptor)


def _open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise BaseWriteError(f"{path}: cannot create the lock file: {_reason(exc)}") from exc


def _wait_for_flock(descriptor: int, path: Path) -> None:
    """Lock the open file; after a short wait, say whom we wait for, then wait as long as the holder lives."""
    import fcntl
    import time

    deadline = time.monotonic() + LOCK_NOTICE_AFTER_SECONDS
    try:
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(LOCK_POLL_SECONDS)
        _tell_waiting(path)
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # no timeout: the holder is alive for as long as its lock lasts
    except OSError as exc:  # a file system that cannot lock (some network and FUSE mounts)
        raise BaseWriteError(f"{path}: cannot lock: {_reason(exc)}") from exc


def _is_the_file_at(path: Path, descriptor: int) -> bool:
    """Whether the locked file is still the one at ``path`` (init removes its lock file when it is done)."""
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path))
    except FileNotFoundError:
        return False


def _release_flock(descriptor: int) -> None:
    os.close(descriptor)  # closing the only descriptor of the file releases its flock


def _acquired_with_filelock(path: Path) -> Callable[[], None]:
    """Windows has no flock: filelock's lock, which is also released when its process ends."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(path))
    try:
        try:
            lock.acquire(timeout=LOCK_NOTICE_AFTER_SECONDS)
        except Timeout:
            _tell_waiting(path)
            lock.acquire()  # no timeout, as with flock
    except OSError as exc:
        raise BaseWriteError(f"{path}: cannot create the lock file: {_reason(exc)}") from exc
    release: Callable[[], None] = lock.release
    return release


def _record_holder(path: Path) -> None:
    """Write this process's pid and host into the lock file (only ever read for a waiting writer's message)."""
    import socket

    with contextlib.suppress(OSError):
        path.write_text(f"{os.getpid()} {socket.gethostname()}\n", encoding="utf-8")


def lock_holder(path: Path) -> str:
    """Who holds the lock at ``path``, as its file says: 'pid 123 on host-name', or '' when it does not say."""
    try:
        pid, host = path.read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError, ValueError):
        return ""
    return f"pid {pid} on {host}" if pid.isdecimal() else ""


def _tell_waiting(path: Path) -> None:
    if _lock_wait_notice is None:
        return
    holder = lock_holder(path)
    by = f" ({holder})" if holder else ""
    _lock_wait_notice(f"waiting for {path}: another edit{by} holds it; it is released when that edit ends "
                      f"(Ctrl-C stops waiting)")


def _remove_leftovers(directory: Path) -> None:
    """Remove the temporary files of writers killed before their rename.

    Only the lock's holder writes temporary files in the base's directory, so
    any there now belong to a writer that died.
    """
    for name in (loader.FACTS_FILE, loader.SOURCES_FILE, ".gitignore"):
        for leftover in directory.glob(f".{name}.*{TEMPORARY_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one, never a mix.

    A symbolic link stays a link: the file it points to is the one replaced.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        _replace_file(target, data)
    except OSError as exc:
        raise BaseWriteError(f"{path}: cannot write: {_reason(exc)}") from exc


def _replace_file(path: Path, data: bytes) -> None:
    mode = path.stat().st_mode & 0o7777 if path.exists() else _default_file_mode()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
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
    return fact._replace(id=fact_id)


def _with_key(source: Source, key: str) -> Source:
    return source._replace(key=key)


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
    """Create ``directory`` with an empty, valid base whose comments show an example of each entry.

    All or nothing: each file is written whole (atomically), and an init cut
    short between the two files is finished by running it again, since a file
    still exactly as init writes it is taken as init's own.  A directory
    holding both files, or either one changed since, is refused.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BaseWriteError(f"{directory}: cannot create the directory: {_reason(exc)}") from exc
    templates = {directory / loader.SOURCES_FILE: SOURCES_TEMPLATE, directory / loader.FACTS_FILE: FACTS_TEMPLATE}
    with locked(directory):
        missing = _refuse_a_started_base(directory, templates)
        for path in missing:
            write_atomically(path, templates[path].encode("utf-8"))
        ignore = ignore_lock_file(directory)
    _remove_lock_file(directory)
    return [*missing, *ignore]


def _refuse_a_started_base(directory: Path, templates: dict[Path, str]) -> list[Path]:
    """The base files init has still to write; UsageError when the directory already holds a base of its own."""
    present = [path for path in templates if path.exists()]
    untouched = [path for path in present if _holds_exactly(path, templates[path])]
    if len(present) == len(templates) or len(untouched) < len(present):
        names = " and ".join(path.name for path in present)
        raise UsageError(f"{directory}: already holds {names}; nothing was changed")
    return [path for path in templates if path not in present]


def _holds_exactly(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


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


def _unpadded(key: str) -> str:
    """A key as typed in a spec, without the spaces around it; a newline or other control stays, to be refused.

    Keys are matched in full: 'daily-news\\n' is not the key daily-news.
    """
    return key.strip(" ")


def parse_citation(text: str) -> Citation:
    """'aa-new-caledonia:2' (source key and footnote number) or just the key -> Citation."""
    key, _, footnote = _unpadded(text).partition(":")
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
    return Caveat(severity=severity.strip(), text=body.strip(), source=_unpadded(source))


def parse_better_value(text: str, units: Iterable[Unit] = ()) -> BetterValue:
    """'encyclopedia-island: 85.69 percent turnout; final result' -> BetterValue (source key, figure, note)."""
    from .figures import parse_figure

    source, colon, rest = text.partition(":")
    figure_text, _, note = rest.partition(";")
    if not colon or not source.strip():
        raise UsageError(f"--better {text!r}: write SOURCE: NUMBER UNIT MEASURE[; NOTE], "
                         f"e.g. 'encyclopedia-island: 85.69 percent turnout; final result'")
    figure = parse_figure(figure_text, "--better", units)
    return BetterValue(value=figure.value, unit=figure.unit, measure=figure.measure, source=_unpadded(source),
                       note=note.strip())


def parse_dates(texts: Iterable[str], option: str = "--date") -> tuple[PartialDate, ...]:
    dates = []
    for text in texts:
        try:
            dates.append(parse_partial_date(text))
        except ValueError as exc:
            raise UsageError(f"{option}: {exc}") from None
    return tuple(dates)
