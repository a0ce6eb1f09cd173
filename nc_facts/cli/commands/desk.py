"""list, timeline, init, add-source, add-fact: the reporter's desk."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Optional

import typer

from ...dates import PartialDate
from ...errors import ExitCode, UsageError
from ...filters import FactFilter
from ...model import FACT_KINDS, SOURCE_KINDS, Base
from ..app import BaseOption, JsonOption, NoColorOption, app
from ..filtering import NO_FILTER, PagerOption, filter_options
from ..output import OutputOptions, emit, message

_Text = Optional[str]  # noqa: UP045 - Typer needs Optional, as in app.py
_Texts = Optional[list[str]]  # noqa: UP045
_Int = Optional[int]  # noqa: UP045
_Ints = Optional[list[int]]  # noqa: UP045


def _options(json_output: bool, no_color: bool, pager: bool = False) -> OutputOptions:
    return OutputOptions(json=json_output, no_color=no_color, pager=pager)


def _load_for(base: Path | None, where: FactFilter) -> Base:
    """The base, once the filters are known to name only kinds and sources it has."""
    from ... import loader
    from ...filters import check_against

    loaded = loader.load_base(base)
    check_against(loaded, where)
    return loaded


def _exit_when_empty(found: Sequence[object], note: str) -> None:
    if not found:
        message(note)
        raise typer.Exit(ExitCode.NOT_FOUND)


@app.command(
    "list",
    epilog="Examples:\n\n"
    "  nc-facts list --tag referendum\n\n"
    "  nc-facts list --kind allegation --claimant darmanin\n\n"
    "  nc-facts list --unsourced --from 2024 --json | jq -r '.facts[].id'",
)
@filter_options
def list_facts(
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
    pager: PagerOption = False,
    where: FactFilter = NO_FILTER,
) -> None:
    """List the facts of a base in base order, narrowed by the filters below.

    Exit code 0 when some fact passes the filters, 1 when none does.
    """
    from ...filters import select
    from ...serialize_desk import list_document

    loaded = _load_for(base, where)
    facts = select(loaded.facts, where)
    emit("list", list_document(facts, loaded, where), _options(json_output, no_color, pager))
    _exit_when_empty(facts, "no fact passes the filters")


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts timeline\n\n"
    "  nc-facts timeline --from 2024-04 --to 2024-06\n\n"
    "  nc-facts timeline --tag referendum --json | jq -r '.entries[] | \"\\(.date) \\(.fact.id)\"'",
)
@filter_options
def timeline(
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
    pager: PagerOption = False,
    where: FactFilter = NO_FILTER,
) -> None:
    """Every dated fact in date order, each with its citation.

    A fact about several dates appears at each of them.  Within a year, a
    date known only to the year comes first, then months, then days; dates
    are shown as precisely as they are known.  Exit code 1 when no dated
    fact passes the filters.
    """
    from ...serialize_desk import timeline_document
    from ...timeline import build_timeline

    loaded = _load_for(base, where)
    entries = build_timeline(loaded, where)
    emit("timeline", timeline_document(entries, loaded, where), _options(json_output, no_color, pager))
    _exit_when_empty(entries, "no dated fact passes the filters")


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts init my-base\n\n"
    "  nc-facts init my-base && nc-facts validate --base my-base",
)
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Directory for the new base (created if needed).")],
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Start an empty, valid base in DIR: sources.toml and facts.toml with commented examples.

    Refuses to touch a directory that already holds either file.
    """
    from ...editing import init_base
    from ...serialize_desk import init_document

    created = init_base(directory)
    emit("init", init_document(directory, created), _options(json_output, no_color))


def _can_prompt() -> bool:
    """Ask for missing fields only when a person is at the keyboard, never in a script or pipe."""
    return sys.stdin.isatty()


def _need(value: str | None, option: str, label: str, interactive: bool, default: str | None = None) -> str:
    """The option's value, else an answer to a prompt, else a usage error naming the option."""
    if value is not None:
        return value
    if interactive:
        return str(typer.prompt(label, default=default))
    if default is not None:
        return default
    raise UsageError(f"{option} is required (or run in a terminal to be asked for each field)")


def _ask(value: str | None, label: str, interactive: bool) -> str:
    """An optional field: its option, or an answer that may be empty."""
    if value is not None or not interactive:
        return value or ""
    return str(typer.prompt(f"{label} (empty: none)", default="", show_default=False))


def _ask_list(values: list[str] | None, label: str, interactive: bool, separator: str = ",") -> list[str]:
    if values or not interactive:
        return values or []
    answer = str(typer.prompt(f"{label} ('{separator}' between several; empty: none)", default="",
                              show_default=False))
    return [part.strip() for part in answer.split(separator) if part.strip()]


@app.command(
    "add-fact",
    epilog="Examples:\n\n"
    "  nc-facts add-fact --base my-base   (in a terminal: asks for each field)\n\n"
    "  nc-facts add-fact --base my-base --claim \"Turnout in 2020 was 85.64 %.\" --kind statistic"
    " --date 2020 --tag turnout --value \"85.64 percent turnout\" --cite daily-news:1\n\n"
    "  nc-facts add-fact -b my-base --id minister-claim --claim \"...\" --kind allegation"
    " --claimant \"The Minister\" --caveat \"note: denied the next day\" --json",
)
def add_fact(
    claim: Annotated[_Text, typer.Option("--claim", help="The claim, as one plain sentence.")] = None,
    kind: Annotated[_Text, typer.Option("--kind", help=f"One of: {', '.join(FACT_KINDS)}.")] = None,
    fact_id: Annotated[_Text, typer.Option("--id", help="Stable id [default: made from the claim].")] = None,
    quote: Annotated[_Text, typer.Option("--quote", help="The verbatim span of the article.")] = None,
    paragraph: Annotated[_Int, typer.Option("--paragraph", min=1, help="Article paragraph of the quote.")] = None,
    claimant: Annotated[_Text, typer.Option("--claimant", help="Who asserts it, if someone does.")] = None,
    event: Annotated[_Text, typer.Option("--event", help="Groups facts about one event.")] = None,
    dates: Annotated[_Texts, typer.Option("--date", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    entities: Annotated[_Texts, typer.Option("--entity", metavar="NAME", help="A place, person or body.")] = None,
    tags: Annotated[_Texts, typer.Option("--tag", metavar="TAG", help="A topic label.")] = None,
    aliases: Annotated[_Texts, typer.Option("--alias", metavar="NAME", help="Another name to search by.")] = None,
    values: Annotated[_Texts, typer.Option("--value", metavar="SPEC",
                                           help="NUMBER UNIT MEASURE, e.g. '56.7 percent no share'; "
                                                "'~80 ...' when approximate.")] = None,
    cites: Annotated[_Texts, typer.Option("--cite", metavar="KEY[:FOOTNOTE]",
                                          help="A source key, with the article's footnote number.")] = None,
    caveats: Annotated[_Texts, typer.Option("--caveat", metavar="SEVERITY: TEXT",
                                            help="wrong | misleading | imprecise | note, then the text.")] = None,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Append a fact to facts.toml, keeping everything already in the file as it is.

    Missing fields are asked for when run in a terminal.  The whole base is
    validated before anything is written; a rejected fact leaves the file
    unchanged.  Repeat --date, --entity, --tag, --alias, --value, --cite and
    --caveat for several.
    """
    from ... import editing, loader
    from ...model import Fact
    from ...serialize_desk import added_fact_document

    directory = loader.resolve_base_dir(base)
    interactive = _can_prompt() and (claim is None or kind is None)
    claim = _need(claim, "--claim", "Claim", interactive)
    if fact_id is None and interactive:
        taken = {fact.id for fact in loader.load_base(directory).facts}
        fact_id = _need(None, "--id", "Id", interactive, default=editing.suggest_fact_id(claim, taken))
    fact = Fact(
        id=fact_id or "",
        claim=claim,
        kind=_need(kind, "--kind", f"Kind ({', '.join(FACT_KINDS)})", interactive),
        quote=_ask(quote, "Quote", interactive),
        paragraph=paragraph if paragraph is not None else _int_answer(_ask(None, "Paragraph", interactive)),
        claimant=_ask(claimant, "Claimant", interactive),
        event=event or "",
        dates=editing.parse_dates(_ask_list(dates, "Dates", interactive)),
        entities=tuple(_ask_list(entities, "Entities", interactive)),
        tags=tuple(_ask_list(tags, "Tags", interactive)),
        aliases=tuple(aliases or ()),
        values=tuple(editing.parse_value(v) for v in _ask_list(values, "Values, NUMBER UNIT MEASURE", interactive,
                                                                separator=";")),
        citations=tuple(editing.parse_citation(c) for c in _ask_list(cites, "Sources, KEY:FOOTNOTE", interactive)),
        caveats=tuple(editing.parse_caveat(c) for c in _ask_list(caveats, "Caveats, SEVERITY: TEXT", interactive,
                                                                 separator=";")),
    )
    stored, after = editing.add_fact(directory, fact)
    emit("added", added_fact_document(stored, after, directory / loader.FACTS_FILE),
         _options(json_output, no_color))


def _int_answer(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"paragraph {text!r}: expected a positive whole number")
    return int(text)


@app.command(
    "add-source",
    epilog="Examples:\n\n"
    "  nc-facts add-source --base my-base   (in a terminal: asks for each field)\n\n"
    "  nc-facts add-source --base my-base --outlet BBC --title \"New Caledonia profile\""
    " --kind profile --url https://www.bbc.com/news/world-asia-pacific-16740838 --accessed today\n\n"
    "  nc-facts add-source -b my-base --key gazete-ada --outlet Gazete --title \"Ada yeniden oy verdi\""
    " --title-en \"The island voted again\" --language tr --kind analysis --from-article --footnote 2 --json",
)
def add_source(
    outlet: Annotated[_Text, typer.Option("--outlet", help="Publisher, e.g. BBC.")] = None,
    title: Annotated[_Text, typer.Option("--title", help="Title as published, in its own language.")] = None,
    kind: Annotated[_Text, typer.Option("--kind", help=f"One of: {', '.join(SOURCE_KINDS)}.")] = None,
    key: Annotated[_Text, typer.Option("--key", help="Citation key [default: made from outlet and title].")] = None,
    language: Annotated[_Text, typer.Option("--language", help="Language code, e.g. en, fr, tr [default: en].")]
    = None,
    title_en: Annotated[_Text, typer.Option("--title-en", help="English title; required unless --language en.")]
    = None,
    url: Annotated[_Text, typer.Option("--url", help="Web address.")] = None,
    published: Annotated[_Text, typer.Option("--published", metavar="DATE", help="Publication date.")] = None,
    accessed: Annotated[_Text, typer.Option("--accessed", metavar="DATE", help="Date read, or 'today'.")] = None,
    from_article: Annotated[bool, typer.Option("--from-article", help="The article cites it.")] = False,
    footnotes: Annotated[_Ints, typer.Option("--footnote", metavar="N", min=1,
                                             help="The article's footnote number for it (repeat for several).")]
    = None,
    author: Annotated[_Text, typer.Option("--author", help="Author, if known.")] = None,
    note: Annotated[_Text, typer.Option("--note", help="Free note.")] = None,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Append a source to sources.toml, keeping everything already in the file as it is.

    Missing fields are asked for when run in a terminal.  The whole base is
    validated before anything is written; a rejected source leaves the file
    unchanged.
    """
    from ... import editing, loader
    from ...model import Source
    from ...serialize_desk import added_source_document

    directory = loader.resolve_base_dir(base)
    interactive = _can_prompt() and (outlet is None or title is None or kind is None)
    outlet = _need(outlet, "--outlet", "Outlet", interactive)
    title = _need(title, "--title", "Title", interactive)
    language = _need(language, "--language", "Language", interactive, default="en")
    url = _ask(url, "URL", interactive)
    source = Source(
        key=key or "",
        outlet=outlet,
        title=title,
        language=language,
        kind=_need(kind, "--kind", f"Kind ({', '.join(SOURCE_KINDS)})", interactive),
        from_article=from_article,
        footnotes=tuple(footnotes or ()),
        title_en=_ask(title_en, "English title", interactive and language != "en"),
        url=url,
        published=_optional_date(published, "--published"),
        accessed=_optional_date(_ask(accessed, "Accessed (YYYY-MM-DD or 'today')", interactive and bool(url)),
                                "--accessed"),
        author=author or "",
        note=note or "",
    )
    stored, after = editing.add_source(directory, source)
    emit("added", added_source_document(stored, after, directory / loader.SOURCES_FILE),
         _options(json_output, no_color))


def _optional_date(text: str | None, option: str) -> PartialDate | None:
    """'today' is today's date; anything else must be an ISO date."""
    from ...editing import parse_dates

    if not text:
        return None
    return parse_dates([dt.date.today().isoformat() if text == "today" else text], option)[0]
