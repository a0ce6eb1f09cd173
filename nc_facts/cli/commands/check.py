"""check: a verdict on a sentence, or on every checkable sentence of a draft (its work: ``checking``)."""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import typer

from ..app import BaseOption, JsonOption, NoColorOption, app, base_text, exit_with


class CheckFormat(str, enum.Enum):
    text = "text"
    json = "json"
    claimreview = "claimreview"


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts check \"Turnout in the 2020 referendum was 80%\"\n\n"
    "  nc-facts check --file draft.md\n\n"
    "  cat draft.md | nc-facts check --file - --jsonl\n\n"
    "  nc-facts check \"In 2018, 56.7% voted no\" --format claimreview --url https://example.org/check",
)
def check(
    claim: Annotated[
        Optional[str],  # noqa: UP045 - Typer on Python 3.9 needs Optional
        typer.Argument(help="The sentence to check.", show_default=False),
    ] = None,
    file: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--file", "-f", metavar="PATH", help="Check every checkable sentence of this file ('-': stdin)."),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="text, json, or claimreview (schema.org JSON-LD).")
    ] = CheckFormat.text,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON document per line, one per sentence.")] = False,
    url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--url", metavar="URL", help="With --format claimreview: the page the review is published on."),
    ] = None,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Give a verdict on CLAIM: supported, refuted or not enough info, with the facts and citations it rests on.

    Exit code 0 supported, 1 refuted, 3 not enough info, 2 usage or data error;
    with --file, the worst verdict found (refuted, then not enough info).
    """
    from ..checking import run_check

    exit_with(run_check(claim, file, output_format.value, jsonl, url, base_text(base), json_output, no_color))
