"""check's work, after its options are parsed: a verdict on a sentence, or on every sentence of a draft.

Both parsers end here (the Typer command and ``fast``), so the two print the
same bytes.  Nothing here imports Typer or Rich; the one renderer
(``output``) imports Rich for human output only.
"""

from __future__ import annotations

import contextlib
import gc
import io
import sys

from ..errors import DraftError, UsageError
from .output import OutputOptions, emit, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import TextIO

    from ..check import CheckResult, Verdict
    from ..evidence import BaseView
    from ..model import Base

# ClaimReview is one document of every claim, held until the end: a draft of more sentences is refused.
CLAIMREVIEW_MAX_CLAIMS = 10_000


def run_check(claim: str | None, file: str | None, output_format: str, jsonl: bool, url: str | None,
              base: str | None, json_output: bool, no_color: bool) -> int:
    """Check CLAIM or the draft at FILE; the exit code of the (worst) verdict."""
    from ..check import VERDICT_EXIT
    from ..check_cache import cached_view
    from ..model import collection_paused
    from ..reader import open_base

    if (claim is None) == (file is None):
        raise UsageError("give either a CLAIM or --file PATH, not both and not neither")
    if jsonl and output_format == "claimreview":
        raise UsageError("--format claimreview prints one JSON-LD document for all the claims; drop --jsonl")
    with collection_paused():
        view = cached_view(open_base(base, message))  # served from the index: no TOML parsed
        # The view's hundreds of thousands of tuples and sets live to the end and hold no cycle: frozen, the
        # cycle collector does not walk them all when it resumes (80 ms at 100,000 facts).
        gc.freeze()
    options = OutputOptions(json=json_output or output_format == "json", jsonl=jsonl, no_color=no_color)
    try:
        if file is not None:
            with open_draft(file) as stream:
                worst = _check_draft(view, file, stream, output_format, options, url)
        else:
            worst = _check_claim(view, claim or "", output_format, options, url)
    finally:
        gc.unfreeze()  # a caller in the same process (a test) gets its collector back whole
    return 0 if worst is None else int(VERDICT_EXIT[worst])


def _check_claim(view: BaseView, claim: str, output_format: str, options: OutputOptions,
                 url: str | None) -> Verdict:
    from .. import check_report
    from ..check import Checker

    loaded = view.base
    result = Checker(loaded, view).check(claim)
    if output_format == "claimreview":
        _emit_claim_review([result], loaded, url)
    else:
        emit("check", check_report.check_document(result, loaded), options)
    return result.verdict


def _check_draft(view: BaseView, path: str, stream: TextIO, output_format: str, options: OutputOptions,
                 url: str | None) -> Verdict | None:
    """Check the draft sentence by sentence as it is read; the worst verdict found."""
    import itertools

    from .. import check_report
    from ..check import check_sentences, worst_verdict
    from ..drafts import draft_sentences

    loaded = view.base
    tally = check_report.Tally()
    results = tally.passing(check_sentences(loaded, draft_sentences(stream, path, message), view))
    if output_format == "claimreview":
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
    import datetime

    from .. import check_report

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
    from ..drafts import whole_draft

    with open_draft(path) as stream:
        return whole_draft(stream, path)
