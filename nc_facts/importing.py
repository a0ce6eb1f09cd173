"""Sources from BibTeX/BibLaTeX, CSL-JSON and RIS files: what Zotero, pandoc and reference managers export.

pybtex reads BibTeX and BibLaTeX (TeX markup and names included), rispy
reads RIS, and CSL-JSON is JSON.  Each entry becomes a ``Source`` with the
fields the base has; a source whose URL (or DOI) the base already holds is
reported as a duplicate and not added twice.  An entry keeps its key from
the file when that is a valid, free key, as ``add-source --key`` would;
otherwise a key is made from outlet and title, as ``add-source`` makes one.
An entry the base rules refuse (a title in another language without its
English translation, say) is skipped and reported; the others are added in
one atomic write under the base's lock, like every edit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from . import editing, loader
from .dates import PartialDate, parse_partial_date
from .errors import BaseInvalidError, ImportFileError, UsageError
from .model import Author, Base, Source

FORMATS = ("bibtex", "csl-json", "ris")
_EXTENSIONS = {".bib": "bibtex", ".bibtex": "bibtex", ".biblatex": "bibtex", ".json": "csl-json",
               ".csljson": "csl-json", ".ris": "ris"}
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
_TRANSLATED_TITLE = re.compile(r"^(?P<title>.+?) \[(?P<english>[^\[\]]+)\]$")
_ACCESSED_NOTE = re.compile(r"^Accessed (\d{4}-\d{2}-\d{2})$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
EMPTY_FACTS = f"schema_version = {loader.SCHEMA_VERSION}\n"


@dataclass(frozen=True)
class Entry:
    """One entry of the file, read: the key it had there, the source it makes and its DOI."""

    file_key: str
    source: Source | None  # None when the entry could not be read: ``problem`` says why
    doi: str = ""
    problem: str = ""


@dataclass
class ImportResult:
    added: list[Source] = field(default_factory=list)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (entry, existing key, by what)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (entry, why)
    written: bool = False


# --- the import ------------------------------------------------------------------------------------------------

def import_sources(directory: Path, path: Path, file_format: str | None = None, *, dry_run: bool = False,
                   today: dt.date | None = None) -> ImportResult:
    """Add the sources of ``path`` to the base; with ``dry_run``, only say what would be added."""
    if dry_run:
        base = loader.load_base(directory, today=today)
        return _plan(directory, read_entries(path, file_format), base, today)[0]
    with editing.locked(directory):
        facts, sources, base = editing.current_state(directory, today)
        result, new_sources = _plan(directory, read_entries(path, file_format), base, today, sources)
        if result.added:
            editing.validated_result(directory, facts, new_sources, today)
            editing.write_atomically(directory / loader.SOURCES_FILE, new_sources)
            result.written = True
    return result


def _plan(directory: Path, entries: Sequence[Entry], base: Base, today: dt.date | None,
          sources: bytes = b"") -> tuple[ImportResult, bytes]:
    result = ImportResult()
    taken = set(base.sources)
    known = {_identity(source): source.key for source in base.sources.values()}
    for entry in entries:
        label = entry.file_key or (entry.source.title if entry.source else "")
        if entry.source is None:
            result.skipped.append((label, entry.problem))
            continue
        identity = _identity(entry.source)
        if identity in known:
            by = "DOI" if entry.doi else "URL" if entry.source.url else "outlet and title"
            result.duplicates.append((label, known[identity], by))
            continue
        source = entry.source._replace(key=_key_for(entry, taken))
        problem = _problem_alone(directory, source, today)
        if problem:
            result.skipped.append((label, problem))
            continue
        taken.add(source.key)
        known[identity] = source.key
        result.added.append(source)
        sources = editing.appended(sources, editing.render_entry("source", editing.source_table(source)))
    return result, sources


def _key_for(entry: Entry, taken: set[str]) -> str:
    assert entry.source is not None
    if _ID.fullmatch(entry.file_key) and entry.file_key not in taken:
        return entry.file_key
    return editing.suggest_source_key(entry.source.outlet, entry.source.title, taken)


def _problem_alone(directory: Path, source: Source, today: dt.date | None) -> str:
    """What the base rules say against this source on its own ('' when nothing)."""
    text = EMPTY_FACTS + editing.render_entry("source", editing.source_table(source))
    try:
        loader.base_from_texts(directory, EMPTY_FACTS, text, today=today)
    except BaseInvalidError as exc:
        return "; ".join(f"{problem.field}: {problem.message}" if problem.field else problem.message
                         for problem in exc.problems)
    return ""


def _identity(source: Source) -> str:
    """What makes two sources the same: their address, or outlet and title for a source without one."""
    from .text import fold

    if source.url:
        return _address(source.url)
    return "\0".join(" ".join(fold(text).split()) for text in (source.outlet, source.title))


def _address(url: str) -> str:
    """A URL as compared for duplicates: no scheme, no 'www.', no trailing slash, the host in lower case."""
    match = re.match(r"^(?:https?://)?(?:www\.)?([^/?#]+)(.*)$", url.strip())
    if not match:
        return ""
    return match.group(1).lower() + match.group(2).rstrip("/")


# --- reading files ---------------------------------------------------------------------------------------------

def detect_format(path: Path, text: str) -> str:
    by_name = _EXTENSIONS.get(path.suffix.lower())
    if by_name:
        return by_name
    start = text.lstrip()[:10]
    if start.startswith("@"):
        return "bibtex"
    if start.startswith(("[", "{")):
        return "csl-json"
    if start.startswith("TY  -"):
        return "ris"
    raise UsageError(f"{path}: cannot tell its format; give --format ({', '.join(FORMATS)})")


def read_entries(path: Path, file_format: str | None = None) -> list[Entry]:
    """The entries of a BibTeX/BibLaTeX, CSL-JSON or RIS file, in file order."""
    if file_format is not None and file_format not in FORMATS:
        raise UsageError(f"--format {file_format!r}: one of {', '.join(FORMATS)}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ImportFileError(f"{path}: not UTF-8; export it as UTF-8") from None
    readers: dict[str, Callable[[Path, str], list[Entry]]] = {
        "bibtex": _bibtex_entries, "csl-json": _csl_entries, "ris": _ris_entries}
    chosen = file_format or detect_format(path, text)
    entries = readers[chosen](path, text)
    if not entries:
        raise ImportFileError(f"{path}: no {chosen} entries found; is it a {chosen} file?")
    return entries


def _bibtex_entries(path: Path, text: str) -> list[Entry]:
    from pybtex.database import parse_string
    from pybtex.exceptions import PybtexError

    try:
        data = parse_string(text, "bibtex")
    except PybtexError as exc:
        raise ImportFileError(f"{path}: cannot read as BibTeX: {exc}") from None
    return [_read_one(key, partial(_bibtex_entry, key, entry)) for key, entry in data.entries.items()]


def _latex(text: str) -> str:
    from pybtex.richtext import Text

    # pybtex does not know the command our BibTeX export writes for a typographic apostrophe.
    text = re.sub(r"\{?\\textquoteright(?:\{\})?\}?", "’", text)
    return " ".join(Text.from_latex(text).render_as("text").split())


def _title_and_translation(fields: Mapping[str, str]) -> tuple[str, str]:
    """The title, and its translation: in titleaddon, or bracketed after it as our exports write it."""
    title, addon = fields.get("title", ""), fields.get("titleaddon", "").strip("[]")
    bracketed = _BRACKETED_TRANSLATION.fullmatch(title)
    if not addon and bracketed:
        return bracketed.group(1), bracketed.group(2)
    return title, addon


_BRACKETED_TRANSLATION = re.compile(r"(.+?) \[([^\[\]]+)\]")


def _bibtex_entry(key: str, entry: Any) -> Entry:
    fields = {name.lower(): _latex(value) for name, value in entry.fields.items()}
    entry_type = entry.type.lower()
    note = fields.get("annotation") or fields.get("annote") or ""
    accessed = fields.get("urldate", "")
    accessed_note = _ACCESSED_NOTE.match(fields.get("note", ""))
    if accessed_note and not accessed:
        accessed = accessed_note.group(1)
    elif fields.get("note") and not note:
        note = fields["note"]
    doi = fields.get("doi", "")
    subtype = fields.get("entrysubtype", "newspaper" if entry_type == "article" else "")
    # nc-facts writes an undated newspaper article as @online with entrysubtype newspaper (no date to give).
    kind = {"article": "news-article" if subtype == "newspaper" else "analysis", "inreference": "encyclopedia",
            "online": "news-article" if subtype == "newspaper" else "organisation-page"}.get(
        entry_type, "organisation-page")
    title, title_en = _title_and_translation(fields)
    source = _source(
        url=fields.get("url", ""), doi=doi, kind=kind, title=title, title_en=title_en,
        outlet=_first(fields, "journaltitle", "journal", "organization", "howpublished", "publisher",
                      "institution"),
        language=fields.get("langid") or fields.get("language") or "",
        published=_bibtex_date(fields), accessed=_date(accessed[:10]), note=note,
        authors=tuple(_bibtex_person(person) for person in entry.persons.get("author", ())),
    )
    return Entry(key, source, doi)


def _bibtex_person(person: Any) -> Author:
    from .specs import person_author

    last = person.last_names
    if len(last) == 1 and not person.first_names and not person.middle_names and last[0].startswith("{"):
        return Author(organisation=_latex(last[0]))
    author = person_author(person, _latex)
    return author if author.family else Author(organisation=author.given)


def _bibtex_date(fields: Mapping[str, str]) -> PartialDate | None:
    if fields.get("date"):
        return _date(fields["date"][:10])
    year, month = fields.get("year", ""), fields.get("month", "").lower()[:3]
    if not year:
        return None
    number = _MONTHS.index(month) + 1 if month in _MONTHS else int(month) if month.isdigit() else 0
    return _date(f"{year}-{number:02d}" if number else year)


def _csl_entries(path: Path, text: str) -> list[Entry]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"{path}:{exc.lineno}:{exc.colno}: cannot read as CSL-JSON: {exc.msg}") from None
    if isinstance(items, dict):
        items = items.get("items", [items])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ImportFileError(f"{path}: CSL-JSON is an array of items (objects)")
    return [_read_one(_text(item.get("id")), partial(_csl_entry, item)) for item in items]


def _csl_entry(item: Mapping[str, Any]) -> Entry:
    kind = {"article-newspaper": "news-article", "article-magazine": "analysis", "article-journal": "analysis",
            "entry-encyclopedia": "encyclopedia"}.get(_text(item.get("type")), "organisation-page")
    doi = _text(item.get("DOI"))
    source = _source(
        url=_text(item.get("URL")), doi=doi, kind=kind, title=_text(item.get("title")),
        outlet=_text(item.get("container-title")) or _text(item.get("publisher")),
        language=_text(item.get("language")), note=_text(item.get("note")),
        published=_csl_date(item.get("issued")), accessed=_csl_date(item.get("accessed")),
        authors=tuple(_csl_person(name) for name in item.get("author", []) if isinstance(name, dict)),
    )
    return Entry(_text(item.get("id")), source, doi)


def _csl_person(name: Mapping[str, Any]) -> Author:
    if name.get("family"):
        given = _text(name.get("given"))
        particle = _text(name.get("non-dropping-particle"))
        return Author(family=" ".join(part for part in (particle, _text(name["family"])) if part), given=given)
    return Author(organisation=_text(name.get("literal")) or _text(name.get("given")))


def _csl_date(value: Any) -> PartialDate | None:
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = [int(part) for part in parts[0][:3] if str(part).isdigit()]
        return _date("-".join(f"{number:02d}" if index else f"{number:04d}" for index, number in enumerate(numbers)))
    return _date(_text(value.get("raw"))[:10])


def _ris_entries(path: Path, text: str) -> list[Entry]:
    import rispy

    try:
        records = rispy.loads(text)
    except (OSError, ValueError, KeyError) as exc:  # rispy's errors for a file that is not RIS
        raise ImportFileError(f"{path}: cannot read as RIS: {exc}") from None
    return [_read_one(_text(record.get("id")), partial(_ris_entry, record)) for record in records]


def _read_one(file_key: str, read: Callable[[], Entry]) -> Entry:
    """One entry, or a placeholder saying why it cannot be read (the others are still imported)."""
    try:
        return read()
    except ValueError as exc:
        return Entry(file_key, None, problem=str(exc))


def _ris_entry(record: Mapping[str, Any]) -> Entry:
    kind = {"NEWS": "news-article", "MGZN": "analysis", "JOUR": "analysis", "ENCYC": "encyclopedia"}.get(
        _text(record.get("type_of_reference")), "organisation-page")
    names = [*(record.get("authors") or []), *(record.get("first_authors") or [])]
    doi, urls = _text(record.get("doi")), record.get("urls") or [""]
    source = _source(
        url=urls[0], doi=doi, kind=kind, title=_text(record.get("title") or record.get("primary_title")),
        title_en=_text(record.get("translated_title")), language=_text(record.get("language")),
        outlet=_first(record, "secondary_title", "journal_name", "alternate_title3", "publisher"),
        published=_ris_date(_first(record, "date", "year", "publication_year")),
        accessed=_ris_date(_text(record.get("access_date"))),
        authors=tuple(_ris_person(name) for name in names),
        note=" ".join(_text(note) for note in record.get("notes") or []),
    )
    return Entry(_text(record.get("id")), source, doi)


def _ris_person(name: str) -> Author:
    family, comma, given = name.partition(",")
    return Author(family=family.strip(), given=given.strip()) if comma else Author(organisation=name.strip())


def _ris_date(text: str) -> PartialDate | None:
    parts = [part for part in text.split("/") if part.strip()]
    return _date("-".join(parts[:3])) if parts else None


# --- field helpers ---------------------------------------------------------------------------------------------

def _source(*, url: str, doi: str, outlet: str, title: str, language: str, title_en: str = "",
            **fields: Any) -> Source:
    """A source read from an export: a DOI stands in for a missing URL, the URL's host for a missing outlet."""
    url = url or (f"https://doi.org/{doi}" if doi else "")
    title, title_en = _titles(title, title_en)
    return Source(key="", from_article=False, url=url, outlet=outlet or _host(url), title=title, title_en=title_en,
                  language=_language(language), **fields)


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _first(fields: Mapping[str, Any], *names: str) -> str:
    return next((_text(fields[name]) for name in names if fields.get(name)), "")


def _titles(title: str, title_en: str) -> tuple[str, str]:
    """Title and English title; 'Ada yeniden oy verdi [The island voted again]' is both, as exports write them."""
    match = _TRANSLATED_TITLE.match(title)
    if match and not title_en:
        return match.group("title"), match.group("english")
    return title, title_en


def _language(text: str) -> str:
    """A language code ('en', 'pt-br'), or a language's name as exports write it ('english', 'French (France)')."""
    from .citations.langid import language_code

    lowered = text.strip().lower()
    if not lowered:
        return "en"
    if _LANGUAGE_CODE.match(lowered):
        return lowered
    return language_code(lowered) or text.strip()


def _date(text: str) -> PartialDate | None:
    """The date, or None for none; ValueError for one that cannot be read (the entry is then skipped)."""
    try:
        return parse_partial_date(text) if text else None
    except ValueError:
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None


def _host(url: str) -> str:
    match = re.match(r"^https?://(?:www\.)?([^/?#]+)", url)
    return match.group(1) if match else ""
