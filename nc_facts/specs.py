"""Entry fields from the text typed on a command line, for add-fact, add-source and the edits.

Each function takes the fields a user gave (model field names, values as
typed: strings and lists of strings) and returns them as the model holds
them, so the commands that add an entry and the ones that change it read
an option the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .editing import parse_better_value, parse_caveat, parse_citation, parse_dates, parse_value
from .errors import UsageError
from .model import Author, Base, Fact, Source, Unit


def _each(parse: Callable[[str], Any]) -> Callable[[Iterable[str]], tuple[Any, ...]]:
    return lambda texts: tuple(parse(text) for text in texts)


def _date(option: str) -> Callable[[str], Any]:
    """An ISO date, or 'today'; an empty text is no date."""
    def parse(text: str) -> Any:
        if not text:
            return None
        return parse_dates([dt.date.today().isoformat() if text == "today" else text], option)[0]
    return parse


def _paragraph(number: int | None) -> int | None:
    if number is not None and number < 1:
        raise UsageError(f"--paragraph {number}: paragraphs are numbered from 1")
    return number


def _fact_parsers(units: Sequence[Unit]) -> dict[str, Callable[[Any], Any]]:
    """How each fact option's text becomes its field; figures read the base's declared ``units``."""
    return {
        "dates": lambda texts: parse_dates(texts),
        "values": _each(lambda text: parse_value(text, units)),
        "citations": _each(parse_citation),
        "caveats": _each(parse_caveat),
        "better_values": _each(lambda text: parse_better_value(text, units)),
        "entities": tuple, "tags": tuple, "aliases": tuple, "derived_from": tuple,
        "paragraph": _paragraph,
    }


_SOURCE_PARSERS: dict[str, Callable[[Any], Any]] = {
    "published": _date("--published"),
    "accessed": _date("--accessed"),
    "footnotes": tuple,
}
REQUIRED_FACT_FIELDS = ("claim", "kind")
REQUIRED_SOURCE_FIELDS = ("outlet", "title", "language", "kind", "from_article")


def fact_fields(given: Mapping[str, Any], clear: Sequence[str] = (), units: Sequence[Unit] = ()) -> dict[str, Any]:
    """The fact fields of ``given`` (None: not given) as the model holds them, and those of ``clear`` emptied.

    ``units``: the base's declared units, which figures (--value, --better) may write by symbol or alias.
    """
    return _fields(Fact, _fact_parsers(units), REQUIRED_FACT_FIELDS, given, clear)


def fact_fields_in(given: Mapping[str, Any], clear: Sequence[str] = ()) -> Callable[[Base], dict[str, Any]]:
    """``fact_fields`` read against a base: an edit calls it with the base as it stands under its lock."""
    return lambda base: fact_fields(given, clear, base.units)


def source_fields(given: Mapping[str, Any], clear: Sequence[str] = ()) -> dict[str, Any]:
    """As ``fact_fields``, for a source; --author and --author-org become its ``authors``."""
    given = dict(given)
    persons, organisations = given.pop("author", None), given.pop("author_organisations", None)
    if persons is not None or organisations is not None:
        given["authors"] = (*(parse_person(name) for name in persons or ()),
                            *(Author(organisation=name.strip()) for name in organisations or ()))
    cleared = [name for name in clear if name != "author"]
    out = _fields(Source, _SOURCE_PARSERS, REQUIRED_SOURCE_FIELDS, given, cleared)
    if len(cleared) < len(clear):
        out.update(author="", authors=())  # --clear author: whichever way it was written
    return out


def parse_person(text: str) -> Author:
    """'Greenslade, Roy' or 'Roy Greenslade' -> Author(family='Greenslade', given='Roy').

    Names are split as BibTeX splits them (pybtex): 'Anna van der Berg' has
    the family name 'van der Berg'; a family name of several capitalised
    words is written first, 'Le Pen, Jean-Marie'.
    """
    from pybtex.database import Person
    from pybtex.exceptions import PybtexError

    try:  # pybtex is strict by default: a name it cannot read raises, it is not a warning on stderr
        author = person_author(Person(text.strip()))
    except PybtexError:
        author = Author()
    if not author.family:
        raise UsageError(f"--author {text!r}: write a person's name, e.g. 'Greenslade, Roy'")
    return author


def person_author(person: Any, decode: Callable[[str], str] = str) -> Author:
    """A pybtex Person as an author: family name with its particles and lineage ('van der Berg'), given names."""
    family = " ".join([*person.prelast_names, *person.last_names, *person.lineage_names])
    given = " ".join([*person.first_names, *person.middle_names])
    return Author(family=decode(family), given=decode(given))


def _fields(model: type, parsers: Mapping[str, Callable[[Any], Any]], required: Sequence[str],
            given: Mapping[str, Any], clear: Sequence[str]) -> dict[str, Any]:
    defaults: dict[str, Any] = model._field_defaults  # type: ignore[attr-defined]
    out: dict[str, Any] = {}
    for name in clear:
        wanted = name.replace("-", "_")
        if wanted in required or wanted not in defaults:
            choices = ", ".join(sorted(key.replace("_", "-") for key in defaults if key not in required))
            raise UsageError(f"--clear {name}: not a field that can be emptied (one of: {choices})")
        out[wanted] = defaults[wanted]
    for name, value in given.items():
        if value is None:
            continue
        if name in out:
            raise UsageError(f"--clear {name.replace('_', '-')} and a new value for it: give one or the other")
        out[name] = parsers[name](value) if name in parsers else value
    return out
