"""check: a verdict on a sentence, or on every checkable sentence of a draft."""

from __future__ import annotations

import contextlib
import datetime
import enum
import io
import itertools
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from ...errors import DraftError, UsageError
from ..app import BaseOption, JsonOption, NoColorOption, app
from ..output import OutputOptions, emit, message

if TYPE_CHECKING:
    from ...check import CheckResult, Verdict
    from ...model import Base


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
    from ...check import VERDICT_EXIT
    from ...reader import open_base

    if (claim is None) == (file is None):
        raise UsageError("give either a CLAIM or --file PATH, not both and not neither")
    if jsonl and output_format is CheckFormat.claimreview:
        raise UsageError("--format claimreview prints one JSON-LD document for all the claims; drop --jsonl")
    loaded = open_base(base, message).whole_base()  # decoded from the index: no TOML parsed
    options = OutputOptions(json=json_output or output_format is CheckFormat.json, jsonl=jsonl, no_color=no_color)
    if file is not None:
        with open_draft(file) as stream:
            worst = _check_draft(loaded, file, stream, output_format, options, url)
    else:
        worst = _check_claim(loaded, claim or "", output_format, options, url)
    if worst is not None:
        raise typer.Exit(VERDICT_EXIT[worst])


# ClaimReview is one document of every claim, held until the end: a draft of more sentences is refused.
CLAIMREVIEW_MAX_CLAIMS = 10_000


def _check_claim(loaded: Base, claim: str, output_format: CheckFormat, options: OutputOptions,
                 url: str | None) -> Verdict:
    from ... import check_report
    from ...check import Checker

    result = Checker(loaded).check(claim)
    if output_format is CheckFormat.claimreview:
        _emit_claim_review([result], loaded, url)
    else:
        emit("check", check_report.check_document(result, loaded), options)
    return result.verdict


def _check_draft(loaded: Base, path: str, stream: TextIO, output_format: CheckFormat, options: OutputOptions,
                 url: str | None) -> Verdict | None:
    """Check the draft sentence by sentence as it is read; the worst verdict found."""
    from ... import check_report
    from ...check import check_sentences, worst_verdict
    from ...drafts import draft_sentences

    tally = check_report.Tally()
    results = tally.passing(check_sentences(loaded, draft_sentences(stream, path, message)))
    if output_format is CheckFormat.claimreview:
        held = list(itertools.islice(results, CLAIMREVIEW_MAX_CLAIMS + 1))
        if len(held) > CLAIMREVIEW_MAX_CLAIMS:
            raise UsageError(f"--format claimreview holds every claim in one document: {path} has more than "
                             f"{CLAIMREVIEW_MAX_CLAIMS:,} checkable sentences; use --jsonl, which streams")
        _emit_claim_review(held, loaded, url)
        return worst_verdict(held)
    if options.jsonl:
        for result in results:
            emit("check", check_report.check_document(result, loaded), options)
    else:
        emit("check_file", check_report.file_document(path, results, loaded, tally), options)
    return tally.worst


def _emit_claim_review(results: list[CheckResult], loaded: Base, url: str | None) -> None:
    from ... import check_report

    if url is None:
        message("ClaimReview: search engines require the url of the page the review is on; give --url URL")
    today = datetime.date.today().isoformat()
    emit("claimreview", check_report.claim_review_document(results, loaded, today, url), OutputOptions(json=True))


@contextlib.contextmanager
def open_draft(path: str) -> Iterator[TextIO]:
    """The draft as a text stream, read as it is checked; line endings as written ('-': stdin)."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            yield sys.stdin
            return
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        try:
            yield text
        finally:
            text.detach()  # stdin stays open for whoever reads it next
        return
    try:
        draft = open(path, encoding="utf-8", newline="")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise DraftError(f"{path}: cannot read the draft: {exc.strerror or exc}") from None
    with draft:
        yield draft


def read_draft(path: str) -> str:
    """The whole draft, for a command that gives every byte back (annotate); refused over ``MAX_DRAFT_CHARS``."""
    from ...drafts import whole_draft

    with open_draft(path) as stream:
        return whole_draft(stream, path)
