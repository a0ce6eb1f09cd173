"""cache path, cache clear: the search indexes, and what is kept beside them, in the user's cache directory."""

from __future__ import annotations

import typer

from ..app import JsonOption, NoColorOption, app
from ..output import OutputOptions, emit

cache_app = typer.Typer(help="Show or remove the search indexes (and checker views, formatted citations) "
                        "kept in the user's cache directory.",
                        no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("path", epilog="Examples:\n\n  nc-facts cache path\n\n  nc-facts cache path --json")
def cache_path(json_output: JsonOption = False, no_color: NoColorOption = False) -> None:
    """Print the cache directory and its files: search indexes, checker views, formatted citations."""
    from ... import store

    document = {"schema_version": 1, "cache": store.index_dir(), "files": list(store.cache_files()),
                "removed": []}
    emit("cache", document, OutputOptions(json=json_output, no_color=no_color))


@cache_app.command("clear", epilog="Examples:\n\n  nc-facts cache clear\n\n  nc-facts cache clear --json")
def cache_clear(json_output: JsonOption = False, no_color: NoColorOption = False) -> None:
    """Remove every cached file; the next command rebuilds what it needs."""
    from ... import store

    removed = store.clear_cache()
    document = {"schema_version": 1, "cache": store.index_dir(), "files": [], "removed": removed}
    emit("cache", document, OutputOptions(json=json_output, no_color=no_color))
