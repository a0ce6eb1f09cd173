"""list, timeline, init, add-source, add-fact: the reporter's desk (edits of entries: ``revise``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ...errors import UsageError
from ...filters import FactFilter
from ...model import FACT_KINDS, SOURCE_KINDS, Base
from ..app import BaseOption, JsonOption, NoColorOption, app, base_text, exit_with
from ..entry_options import FACT_OPTIONS, SOURCE_OPTIONS, grouped_options
from ..filtering import NO_FILTER, PagerOption, filter_options
from ..output import OutputOptions, emit_edit_report

_Text = Optional[str]  # noqa: UP045 - Typer needs Optional, as in app.py
NO_FIELDS: dict[str, Any] = {}  # stands for the dict grouped_options passes


def _options(json_output: bool, no_color: bool, pager: bool = False) -> OutputOptions:
    return OutputOptions(json=json_output, no_color=no_color, pager=pager)


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
    from ..reading import run_list

    exit_with(run_list(base_text(base), json_output, no_color, pager, where))


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
    from ..reading import run_timeline

    exit_with(run_timeline(base_text(base), json_output, no_color, pager, where))


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
    emit_edit_report("init", init_document(directory, created), _options(json_output, no_color))


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
@grouped_options(FACT_OPTIONS, "given")
def add_fact(
    fact_id: Annotated[_Text, typer.Option("--id", help="Stable id (default: made from the claim).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Add it even if the base holds the same claim.")] = False,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
    given: dict[str, Any] = NO_FIELDS,
) -> None:
    """Append a fact to facts.toml, keeping everything already in the file as it is.

    Missing fields are asked for when run in a terminal.  The whole base is
    validated before anything is written; a rejected fact leaves the file
    unchanged, and so does a claim the base already holds (unless --force).
    Repeat --date, --entity, --tag, --alias, --value, --cite, --caveat,
    --better and --derived-from for several.
    """
    from ... import editing, loader
    from ...model import Fact
    from ...serialize_desk import added_fact_document
    from ...specs import fact_fields

    directory = loader.resolve_base_dir(base)
    interactive = _can_prompt() and (given["claim"] is None or given["kind"] is None)
    given["claim"] = _need(given["claim"], "--claim", "Claim", interactive)
    if fact_id is None and interactive:
        taken = {fact.id for fact in loader.load_base(directory).facts}
        fact_id = _need(None, "--id", "Id", interactive, default=editing.suggest_fact_id(given["claim"], taken))
    _ask_fact_fields(given, interactive)
    def fact(base: Base) -> Fact:  # read under the base's lock, with the units it declares
        return Fact(id=fact_id or "", **fact_fields(given, units=base.units))

    stored, after = editing.add_fact(directory, fact, allow_same_claim=force)
    emit_edit_report("added", added_fact_document(stored, after, directory / loader.FACTS_FILE),
         _options(json_output, no_color))


def _ask_fact_fields(given: dict[str, Any], interactive: bool) -> None:
    """Fill in the fields a person is asked for when the command runs in a terminal."""
    given["kind"] = _need(given["kind"], "--kind", f"Kind ({', '.join(FACT_KINDS)})", interactive)
    given["quote"] = _ask(given["quote"], "Quote", interactive)
    if given["paragraph"] is None:
        given["paragraph"] = _int_answer(_ask(None, "Paragraph", interactive))
    given["claimant"] = _ask(given["claimant"], "Claimant", interactive)
    for name, label, separator in (("dates", "Dates", ","), ("entities", "Entities", ","), ("tags", "Tags", ","),
                                   ("values", "Values, NUMBER UNIT MEASURE", ";"),
                                   ("citations", "Sources, KEY:FOOTNOTE", ","),
                                   ("caveats", "Caveats, SEVERITY: TEXT", ";")):
        given[name] = _ask_list(given[name], label, interactive, separator)


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
@grouped_options(SOURCE_OPTIONS, "given")
def add_source(
    key: Annotated[_Text, typer.Option("--key", help="Citation key (default: made from outlet and title).")] = None,
    from_article: Annotated[bool, typer.Option("--from-article", help="The article cites it.")] = False,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
    given: dict[str, Any] = NO_FIELDS,
) -> None:
    """Append a source to sources.toml, keeping everything already in the file as it is.

    Missing fields are asked for when run in a terminal.  The whole base is
    validated before anything is written; a rejected source leaves the file
    unchanged.
    """
    from ... import editing, loader
    from ...model import Source
    from ...serialize_desk import added_source_document
    from ...specs import source_fields

    directory = loader.resolve_base_dir(base)
    interactive = _can_prompt() and (given["outlet"] is None or given["title"] is None or given["kind"] is None)
    given["outlet"] = _need(given["outlet"], "--outlet", "Outlet", interactive)
    given["title"] = _need(given["title"], "--title", "Title", interactive)
    given["language"] = _need(given["language"], "--language", "Language", interactive, default="en")
    given["url"] = _ask(given["url"], "URL", interactive)
    given["kind"] = _need(given["kind"], "--kind", f"Kind ({', '.join(SOURCE_KINDS)})", interactive)
    given["title_en"] = _ask(given["title_en"], "English title", interactive and given["language"] != "en")
    given["accessed"] = _ask(given["accessed"], "Accessed (YYYY-MM-DD or 'today')", interactive and bool(given["url"]))
    source = Source(key=key or "", from_article=from_article, **source_fields(given))
    stored, after = editing.add_source(directory, source)
    emit_edit_report("added", added_source_document(stored, after, directory / loader.SOURCES_FILE),
         _options(json_output, no_color))


