"""edit-fact, edit-source, correct, retire, remove: changing what a base already holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..app import BaseOption, JsonOption, NoColorOption, app
from ..entry_options import (
    FACT_OPTIONS,
    SOURCE_OPTIONS,
    BetterValuesOption,
    CaveatsOption,
    ClearOption,
    grouped_options,
)
from ..output import OutputOptions, emit_edit_report

_Bool = Optional[bool]  # noqa: UP045 - Typer needs Optional, as in app.py
NO_FIELDS: dict[str, Any] = {}  # stands for the dict grouped_options passes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ...revising import Revision

FactId = Annotated[str, typer.Argument(metavar="ID", help="The fact's id.")]
SourceKey = Annotated[str, typer.Argument(metavar="KEY", help="The source's key.")]


def _show(revision: Revision, json_output: bool, no_color: bool) -> None:
    from ...serialize_desk import revised_document

    emit_edit_report("revised", revised_document(revision), OutputOptions(json=json_output, no_color=no_color))


def _directory(base: Path | None) -> Path:
    from ... import loader

    return loader.resolve_base_dir(base)


@app.command(
    "edit-fact",
    epilog="Examples:\n\n"
    "  nc-facts edit-fact island-turnout-2020 --claim \"Turnout in 2020 was 85.69 %.\"\n\n"
    "  nc-facts edit-fact island-turnout-2020 --tag referendum --tag turnout --clear quote --json",
)
@grouped_options(FACT_OPTIONS, "given")
def edit_fact(
    fact_id: FactId,
    clear: ClearOption = None,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
    given: dict[str, Any] = NO_FIELDS,
) -> None:
    """Change fields of a fact in place, keeping every other byte of facts.toml as it is.

    A list option (--tag, --value, --cite...) replaces the whole list; --clear
    empties a field.  The fact's id cannot change.  The whole base is
    validated before anything is written.
    """
    from ... import revising
    from ...specs import fact_fields_in

    _show(revising.edit_fact(_directory(base), fact_id, fact_fields_in(given, clear or ())), json_output, no_color)


@app.command(
    "edit-source",
    epilog="Examples:\n\n"
    "  nc-facts edit-source daily-news --url https://example.org/news/1 --accessed today\n\n"
    "  nc-facts edit-source daily-news --author \"Roy Greenslade\" --clear note --json",
)
@grouped_options(SOURCE_OPTIONS, "given")
def edit_source(
    key: SourceKey,
    from_article: Annotated[_Bool, typer.Option("--from-article/--not-from-article",
                                                help="Whether the article cites it.", show_default=False)] = None,
    clear: ClearOption = None,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
    given: dict[str, Any] = NO_FIELDS,
) -> None:
    """Change fields of a source in place, keeping every other byte of sources.toml as it is.

    The key cannot change (facts cite the source by it).  The whole base is
    validated before anything is written.
    """
    from ... import revising
    from ...specs import source_fields

    changes = source_fields({**given, "from_article": from_article}, clear or ())
    _show(revising.edit_source(_directory(base), key, changes), json_output, no_color)


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts correct island-no-2020 --caveat \"imprecise@encyclopedia-island: the final figure was 53.3 %\"\n\n"
    "  nc-facts correct island-no-2020 --better \"encyclopedia-island: 53.3 percent no share; final result\"",
)
def correct(
    fact_id: FactId,
    caveats: CaveatsOption = None,
    better_values: BetterValuesOption = None,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Add a caveat or a better figure to a fact, dated today; what it had stays as it was."""
    from ... import revising
    from ...specs import fact_fields, fact_fields_in

    found = fact_fields({"caveats": caveats})
    read_better = fact_fields_in({"better_values": better_values})  # figures read with the base's units
    revision = revising.correct_fact(_directory(base), fact_id, found.get("caveats", ()),
                                     lambda loaded: read_better(loaded).get("better_values", ()))
    _show(revision, json_output, no_color)


@app.command(
    epilog="Examples:\n\n"
    "  nc-facts retire island-yes-2020 --reason \"the count was revised; see island-yes-2020-final\"",
)
def retire(
    fact_id: FactId,
    reason: Annotated[str, typer.Option("--reason", help="Why the fact no longer stands.")],
    force: Annotated[bool, typer.Option("--force", help="Retire it even though standing facts derive from it.")]
    = False,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Retire a fact: it stays in the base with the reason and today's date, left out of search and lists.

    list and timeline show it with --include-retired; show says why it was retired.  Refused while facts
    that still stand are derived from it, unless --force.
    """
    from ... import revising

    _show(revising.retire_fact(_directory(base), fact_id, reason, force=force), json_output, no_color)


@app.command(
    epilog="Examples:\n\n  nc-facts remove island-future\n\n  nc-facts remove island-no-2020 --force\n\n"
    "  nc-facts remove --source old-page",
)
def remove(
    name: Annotated[str, typer.Argument(metavar="ID", help="The fact's id (with --source, the source's key).")],
    source: Annotated[bool, typer.Option("--source", help="Remove the source with key ID from sources.toml.")]
    = False,
    force: Annotated[bool, typer.Option("--force", help="Also remove the references other entries make to it.")]
    = False,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Delete a fact (or, with --source, a source); refused while other entries cite it, unless --force.

    To keep a fact that no longer stands, with the reason, use retire instead.
    """
    from ... import revising

    take_away = revising.remove_source if source else revising.remove_fact
    _show(take_away(_directory(base), name, force=force), json_output, no_color)


@app.command(
    "import",
    epilog="Examples:\n\n"
    "  nc-facts import zotero-export.bib --dry-run\n\n"
    "  nc-facts import library.json --base my-base --json\n\n"
    "  nc-facts import sources.ris --format ris",
)
def import_file(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A BibTeX/BibLaTeX, CSL-JSON or RIS file.")],
    file_format: Annotated[Optional[str], typer.Option(  # noqa: UP045 - Typer needs Optional
        "--format", "-F", help="bibtex (also BibLaTeX), csl-json or ris (default: from the file's name).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show what would be added.")] = False,
    base: BaseOption = None,
    json_output: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Add the sources of a reference manager's export to sources.toml.

    A source whose URL or DOI the base already has is reported, not added
    twice; an entry keeps its key when that is free, or gets one made from
    outlet and title.  Entries the base rules refuse are skipped and named
    (with why); the others are added in one write, validated first.
    """
    from ...importing import import_sources
    from ...serialize_desk import imported_document
    from ..output import message

    directory = _directory(base)
    result = import_sources(directory, path, file_format, dry_run=dry_run)
    emit_edit_report("imported", imported_document(result, directory, path, dry_run),
         OutputOptions(json=json_output, no_color=no_color))
    if result.skipped:
        message(f"{len(result.skipped)} entr{'y' if len(result.skipped) == 1 else 'ies'} skipped; "
                f"add {'it' if len(result.skipped) == 1 else 'them'} with add-source")
