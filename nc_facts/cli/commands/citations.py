"""export, cite: bibliographies and notes for writers."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..app import BaseOption, JsonOption, NoColorOption, app, base_text, exit_with

FactsOption = Annotated[
    Optional[list[str]],  # noqa: UP045 - Typer needs Optional here
    typer.Option("--facts", "-f", metavar="ID", help="Only the sources of this fact (repeatable)."),
]
StyleOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--style", "-s", help="apa, chicago, mla, any published CSL style name, or a .csl file."),
]


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts export --format bibtex > refs.bib\n\n"
    "  nc-facts export --format csl-json --facts referendum-2020-turnout > refs.json\n\n"
    "  nc-facts export --format ris --query darmanin\n\n"
    "  nc-facts export --style apa --format markdown",
)
def export(
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--format", "-F", help="bibtex, biblatex, csl-json, ris, markdown or json; with --style: "
                     "text, markdown or html.", show_default=False),
    ] = None,
    facts: FactsOption = None,
    query: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--query", "-q", help="Only the sources of the facts this search finds."),
    ] = None,
    style: StyleOption = None,
    base: BaseOption = None,
) -> None:
    """Write the bibliography of the base, of chosen facts or of a search, to stdout.

    Citation keys are the source keys.  What a format cannot hold is named on
    stderr.  Default format: biblatex; with --style: text.
    """
    from ..reading import run_export

    exit_with(run_export(fmt, facts or [], query, style, base_text(base)))


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts cite referendum-2020-turnout darmanin-allegation-2024 big-founded-2023 --notes\n\n"
    "  nc-facts cite referendum-2020-turnout referendum-2020-turnout --notes --format markdown\n\n"
    "  nc-facts cite big-founded-2023 --style apa --json",
)
def cite(
    fact_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Fact ids in the order the piece uses them.")],
    style: StyleOption = None,
    notes: Annotated[bool, typer.Option("--notes", help="Numbered notes in order of use: shortened notes "
                                        "for repeats, Ibid. where the style has it.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-F", help="text, markdown (footnotes [^1]) or html.")] = "text",
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Cite the sources of each fact, then the bibliography of what was cited.

    Default style: Chicago notes and bibliography.
    """
    from ..reading import run_cite

    exit_with(run_cite(fact_ids, style, notes, fmt, base_text(base), json_output, no_color))
