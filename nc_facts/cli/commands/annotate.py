"""annotate: a Markdown draft back with its supported sentences cited and the rest marked."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Optional

import typer

from ...errors import UsageError
from ...visible import inert_text
from ..app import BaseOption, JsonOption, app
from ..checking import read_draft
from ..output import OutputOptions, emit, emit_formatted, message
from .citations import StyleOption


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts annotate draft.md --bibliography refs.json > cited.md\n\n"
    "  pandoc --citeproc --bibliography refs.json cited.md -o cited.html\n\n"
    "  cat draft.md | nc-facts annotate - --notes --style apa\n\n"
    "  nc-facts annotate draft.md --json",
)
def annotate(
    draft: Annotated[str, typer.Argument(metavar="DRAFT", help="The Markdown draft ('-': stdin).")],
    notes: Annotated[bool, typer.Option("--notes", help="Numbered footnotes in the style, instead of pandoc "
                                        "[@key] citations.")] = False,
    style: StyleOption = None,
    bibliography: Annotated[
        Optional[Path],  # noqa: UP045 - Typer on Python 3.9 needs Optional
        typer.Option("--bibliography", metavar="FILE", help="Write the cited sources here as CSL-JSON.",
                     dir_okay=False),
    ] = None,
    base: BaseOption = None,
    json_output: JsonOption = False,
) -> None:
    """Cite every sentence of DRAFT the base supports; mark refuted and unsupported ones for the writer.

    Supported sentences get a pandoc citation ([@key]) or, with --notes, a
    numbered footnote in the style (default Chicago).  Refuted and not-enough-info
    sentences get an HTML comment saying why, with the evidence.  Headings and
    code are left alone and every other byte is kept.

    Exit code 0 all supported, 1 a sentence refuted, 3 a sentence not covered, 2 usage or data error.
    """
    from ... import annotate as annotating
    from ...check import VERDICT_EXIT, worst_verdict
    from ...check_cache import cached_view
    from ...citations import notes as noting
    from ...citations.csl import csl_items
    from ...citations.style import DEFAULT_STYLE
    from ...reader import open_base

    if style is not None and not notes:
        raise UsageError("--style sets the footnotes' style; add --notes (pandoc --citeproc styles [@key] itself)")
    indexed = open_base(base, message)
    loaded = indexed.whole_base()  # decoded from the index: no TOML parsed
    view = cached_view(indexed)
    chosen = style or DEFAULT_STYLE

    def render_notes(key_lists: Sequence[tuple[str, ...]]) -> list[str]:
        return noting.note_texts(loaded, key_lists, chosen, "markdown")

    annotated = annotating.annotate(loaded, read_draft(draft), render_notes if notes else None, view)
    if bibliography is not None:
        _write_bibliography(bibliography, csl_items(loaded.sources[key] for key in annotated.keys))
    if json_output:
        document = annotating.annotation_document(draft, annotated, loaded, chosen if notes else None)
        emit("annotate", document, OutputOptions(json=True))
    else:
        emit_formatted(annotated.text)
    worst = worst_verdict(annotated.results)
    if worst is not None:
        raise typer.Exit(VERDICT_EXIT[worst])


def _write_bibliography(path: Path, items: list[dict[str, object]]) -> None:
    try:
        # Escaped as JSON on stdout is, so a later cat of the file is as inert.
        path.write_text(inert_text(json.dumps(items, ensure_ascii=False, indent=2)) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the bibliography: {exc.strerror or exc}") from None
