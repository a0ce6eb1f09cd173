"""The Typer application: global options and the shared option types."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import __version__

app = typer.Typer(
    name="nc-facts",
    help="Look up claims in a curated fact base, with their sources; check a sentence; export citations.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

BaseOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer on Python 3.9 needs Optional, not X | None
    typer.Option(
        "--base",
        "-b",
        envvar="NC_FACTS_BASE",
        help="Directory holding facts.toml and sources.toml (default: the bundled base).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colour (also: the NO_COLOR variable).")]


def base_text(base: Path | None) -> str | None:
    """The --base option as the read commands take it (``reading``)."""
    return None if base is None else str(base)


def exit_with(code: int) -> None:
    """End a command with the exit code its work returned."""
    if code:
        raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nc-facts {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    # Declared for help and parsing; main reads it from the arguments, since the errors it
    # governs are handled outside Click.
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    """Look up claims in a curated fact base, with their sources.

    Every fact carries its citation; --json on any command prints a
    versioned JSON document for scripts.
    """
