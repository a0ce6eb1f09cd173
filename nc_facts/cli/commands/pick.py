"""pick: the interactive picker."""

from __future__ import annotations

from typing import Annotated

import typer

from ...errors import ExitCode
from ...filters import FactFilter
from ..app import BaseOption, NoColorOption, app
from ..filtering import NO_FILTER, filter_options
from .citations import StyleOption


@app.command(
    epilog="Keys: Enter takes the id, Ctrl-T the claim with its citation, Ctrl-R the citation, "
    "Ctrl-O opens the source's URL, Ctrl-K checks the text typed as a claim, Esc leaves.\n\n"
    "Examples:\n\n"
    "  nc-facts pick turnout\n\n"
    "  nc-facts pick --kind allegation | pbcopy\n\n"
    "  echo \"$(nc-facts pick darmanin --style apa)\"",
)
@filter_options
def pick(
    query: Annotated[str, typer.Argument(help="Words to start with; edit them in the picker.")] = "",
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="List at most this many results.")] = 20,
    style: StyleOption = None,
    base: BaseOption = None,
    no_color: NoColorOption = False,
    where: FactFilter = NO_FILTER,
) -> None:
    """Search as you type, see each fact whole, and print the one you take.

    The picker draws on the terminal; only what you take goes to stdout.
    Exit code 0 when something was taken, 1 when you left without.
    """
    import os

    from ... import loader
    from ...citations.style import DEFAULT_STYLE, style_path
    from ...picking import Finder
    from ..output import message
    from ..picker import run_picker

    chosen_style = style or DEFAULT_STYLE
    style_path(chosen_style)  # an unknown style fails now, not after the pick
    if no_color:
        os.environ["NO_COLOR"] = "1"  # Textual's own switch; this process ends with the pick
    finder = Finder(str(loader.resolve_base_dir(base)), where, limit, notice=message)
    choice = run_picker(finder, query)
    if choice is None:
        raise typer.Exit(ExitCode.NOT_FOUND)
    typer.echo(finder.taken_text(choice, chosen_style))
