"""check: a verdict on a sentence, or on every checkable sentence of a draft."""

from __future__ import annotations

import datetime
import enum
import sys
from typing import Annotated, Optional

import typer

from ...errors import UsageError
from ..app import BaseOption, JsonOption, NoColorOption, app
from ..output import OutputOptions, emit, message


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
    from ... import check_report
    from ...check import VERDICT_EXIT, Checker, check_text, worst_verdict
    from ...reader import open_base

    if (claim is None) == (file is None):
        raise UsageError("give either a CLAIM or --file PATH, not both and not neither")
    if jsonl and output_format is CheckFormat.claimreview:
        raise UsageError("--format claimreview prints one JSON-LD document for all the claims; drop --jsonl")
    loaded = open_base(base, message).whole_base()
    if file is not None:
        results = check_text(loaded, read_draft(file))
    else:
        assert claim is not None
        results = [Checker(loaded).check(claim)]
    options = OutputOptions(json=json_output or output_format is CheckFormat.json, jsonl=jsonl, no_color=no_color)
    if output_format is CheckFormat.claimreview:
        if url is None:
            message("ClaimReview: search engines require the url of the page the review is on; give --url URL")
        today = datetime.date.today().isoformat()
        emit("claimreview", check_report.claim_review_document(results, loaded, today, url), OutputOptions(json=True))
    elif jsonl:
        for result in results:
            emit("check", check_report.check_document(result, loaded), options)
    elif file is not None:
        emit("check_file", check_report.file_document(file, results, loaded), options)
    else:
        emit("check", check_report.check_document(results[0], loaded), options)
    worst = worst_verdict(results)
    if worst is not None:
        raise typer.Exit(VERDICT_EXIT[worst])


def read_draft(path: str) -> str:
    """The draft's text with its line endings as written (annotate gives every byte back)."""
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            return sys.stdin.read() if stream is None else stream.read().decode("utf-8")
        with open(path, encoding="utf-8", newline="") as draft:
            return draft.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the draft: {exc}") from None
