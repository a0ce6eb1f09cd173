"""The read commands' work, after their options are parsed: search, show, list, timeline, cite, export.

Both parsers end here (the Typer application and ``fast``, the exact parser
that runs these commands without Typer), so the two print the same bytes.
Each function returns the exit code.  Nothing here imports Typer or Rich;
the one renderer (``output``) imports Rich for human output only.
"""

from __future__ import annotations

from .output import OutputOptions, emit, emit_formatted, message, quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from ..filters import FactFilter
    from ..reader import IndexedBase

def _opened(base: str | None, where: FactFilter | None = None) -> IndexedBase:
    """The base served from its index, once the filters are known to name only tags and sources it has."""
    from ..reader import open_base

    indexed = open_base(base, message)
    if where is not None:
        indexed.check_filter(where)
    return indexed


def run_search(query: str, limit: int, base: str | None, json_output: bool, no_color: bool,
               where: FactFilter | None = None) -> int:
    """Search the base and print the results; the plain search reads no more of the index than it ranks."""
    if where is None or not where.active:
        from .. import store
        from ..base_dir import base_dir_text

        document = store.search_document(base_dir_text(base), query, limit, notice=message)
    else:
        document = _opened(base, where).search_document(query, limit, where)
    return print_results(query, document, json_output, no_color)


def print_results(query: str, document: dict[str, Any], json_output: bool, no_color: bool) -> int:
    """Print a search document; exit code 1 with a note on stderr when it holds no result."""
    emit("search", document, OutputOptions(json=json_output, no_color=no_color))
    if not document["results"]:
        message(f"no fact matches {quoted(query)}")
        return _not_found()
    return 0  # ExitCode.OK, without loading the errors module on the common path


def _not_found() -> int:
    from ..errors import ExitCode

    return int(ExitCode.NOT_FOUND)


def run_show(fact_id: str, base: str | None, json_output: bool, no_color: bool) -> int:
    emit("fact", _opened(base).fact_document(fact_id), OutputOptions(json=json_output, no_color=no_color))
    return 0


def _emit_facts(view: str, document: dict[str, Any], options: OutputOptions, note: str) -> int:
    emit(view, document, options)
    if not document["count"]:
        message(note)
        return _not_found()
    return 0


def run_list(base: str | None, json_output: bool, no_color: bool, pager: bool, where: FactFilter) -> int:
    return _emit_facts("list", _opened(base, where).list_document(where),
                       OutputOptions(json=json_output, no_color=no_color, pager=pager), "no fact passes the filters")


def run_timeline(base: str | None, json_output: bool, no_color: bool, pager: bool, where: FactFilter) -> int:
    return _emit_facts("timeline", _opened(base, where).timeline_document(where),
                       OutputOptions(json=json_output, no_color=no_color, pager=pager),
                       "no dated fact passes the filters")


def run_cite(fact_ids: Sequence[str], style: str | None, notes: bool, fmt: str, base: str | None,
             json_output: bool, no_color: bool) -> int:
    from ..citations import notes as noting
    from ..citations.serialize import cite_document, cite_html, cite_markdown
    from ..citations.style import DEFAULT_STYLE

    indexed = _opened(base)
    cited = indexed.base_of([indexed.lookup(fact_id) for fact_id in fact_ids])
    work = noting.cite_facts(cited, fact_ids, style or DEFAULT_STYLE, "text" if json_output else fmt,
                             numbered=notes)
    for note in work.notes:
        if note.position == "unsourced":
            message(f"{note.fact_id}: the base gives no source for this fact")
    if fmt in ("markdown", "html") and not json_output:
        emit_formatted(cite_markdown(work) if fmt == "markdown" else cite_html(work))
    else:
        emit("cite", cite_document(work), OutputOptions(json=json_output, no_color=no_color))
    return 0


def run_export(fmt: str | None, facts: Sequence[str], query: str | None, style: str | None, base: str | None) -> int:
    from ..citations import export as exporting

    sources = exporting.select_indexed_sources(_opened(base), facts, query)
    if not sources:
        message("the chosen facts cite no source; nothing to export")
    result = exporting.styled(sources, style, fmt or "text") if style else exporting.export(sources, fmt or "biblatex")
    emit_formatted(result.text, is_json=not style and fmt in ("json", "csl-json"))
    for loss in result.losses:
        message(loss)
    return 0

