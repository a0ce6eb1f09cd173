"""search, show, sources, validate: reading a base."""

from __future__ import annotations

from typing import Annotated

import typer

from ...errors import BaseInvalidError, ExitCode
from ...filters import FactFilter
from ..app import BaseOption, JsonOption, NoColorOption, app, base_text, exit_with
from ..filtering import NO_FILTER, filter_options
from ..output import OutputOptions, emit


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts search \"2020 turnout\"\n\n"
    "  nc-facts search darmanin --limit 3\n\n"
    "  nc-facts search \"Nouvelle-Calédonie annexion\" --json | jq '.results[0].citations'\n\n"
    "  nc-facts search protests --kind allegation --from 2024",
)
@filter_options
def search(
    query: Annotated[str, typer.Argument(help="Words, names, figures or years to look for; typos are forgiven.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many results.")] = 5,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
    where: FactFilter = NO_FILTER,
) -> None:
    """Find the claims that answer QUERY, best first, each with its citation.

    Exit code 0 when something matched, 1 when nothing did.
    """
    from ..reading import run_search

    exit_with(run_search(query, limit, base_text(base), json_output, no_color, where))


@app.command(
    epilog="Examples:\n\n  nc-facts show referendum-2020-turnout\n\n  nc-facts show kanak-origin --json",
)
def show(
    fact_id: Annotated[str, typer.Argument(metavar="ID", help="The fact's id, as search shows it.")],
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Print one fact whole: claim, quote, values, dates, caveats and citations."""
    from ..reading import run_show

    exit_with(run_show(fact_id, base_text(base), json_output, no_color))


@app.command(epilog="Examples:\n\n  nc-facts sources\n\n  nc-facts sources --json | jq -r '.sources[].url'")
def sources(
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Print the bibliography: every source with its footnote numbers."""
    from ... import loader, serialize

    loaded = loader.load_base(base)
    emit("sources", serialize.sources_document(loaded), OutputOptions(json=json_output, no_color=no_color))


@app.command(epilog="Examples:\n\n  nc-facts validate\n\n  nc-facts validate --base ./my-base --json")
def validate(
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Check a base and report every problem, one line each, with file, line and field.

    Exit code 0 when the base is valid, 2 when it has any problem.
    """
    from ... import loader, serialize

    directory = loader.resolve_base_dir(base)
    try:
        loader.load_base(directory)
        problems = []
    except BaseInvalidError as exc:
        problems = exc.problems
    emit("validation", serialize.validation_document(str(directory), problems),
         OutputOptions(json=json_output, no_color=no_color))
    if problems:
        raise typer.Exit(ExitCode.USAGE_OR_DATA)
