"""ingest: propose a draft base from a footnoted article, and write it on request."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ...errors import UsageError
from ..app import BaseOption, JsonOption, NoColorOption, app
from ..output import OutputOptions, emit, emit_edit_report


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts ingest article.txt --base my-base            (print the draft)\n\n"
    "  nc-facts ingest article.md --base my-base --write     (write it: a new base, or appended)\n\n"
    "  nc-facts ingest - --base my-base --json --all < article.txt",
)
def ingest(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="The article's file, or - for stdin.")],
    base: BaseOption = None,
    write: Annotated[bool, typer.Option("--write", help="Write the new sources and facts into the base.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Also list the sentences left out, and why.")] = False,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Propose sources and candidate facts from a footnoted article (plain text or Markdown).

    Sources come from the footnote list ([n] or [^n] markers; Ibid. and
    op. cit. resolved), facts from the sentences that state a checkable
    claim, each with its verbatim quote, paragraph and footnote.  The draft
    is printed; --write appends what the base lacks (making the base when the
    directory holds none), validated and under the base's lock.  Running it
    twice adds nothing twice.
    """
    from ... import ingest_base, loader
    from ...ingest import read_article
    from ...names import NameTable

    if base is None:
        raise UsageError("ingest needs --base DIR: the base to compare with and write into")
    existing = loader.load_base(base) if ingest_base.has_base(base) else None  # a broken base is reported first
    text = _article_text(article)
    draft = read_article(text, NameTable.for_base(existing) if existing is not None else None)
    if write:
        made, _ = ingest_base.write_draft(base, draft)
    else:
        made = ingest_base.plan(draft, existing)
    document = ingest_base.ingest_document(article, str(base), made, written=write, show_all=show_all)
    report = emit_edit_report if write else emit
    report("ingest", document, OutputOptions(json=json_output, no_color=no_color))


def _article_text(article: str) -> str:
    if article == "-":
        return sys.stdin.read()
    path = Path(article)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{article}: no such file") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{article}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UsageError(f"{article}: cannot read it: {exc.strerror or exc}") from None
