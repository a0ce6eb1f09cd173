"""The options naming an entry's fields, defined once for the commands that add and the ones that edit.

``grouped_options(OPTIONS, "given")`` adds every option of ``OPTIONS`` to a
command and hands it their values as one dict ``given`` (field name ->
value typed, None when not given); ``filtering.filter_options`` is built on
it too.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from ..model import FACT_KINDS, SOURCE_KINDS

Options = dict[str, tuple[Any, Any]]  # parameter name -> (annotation, default)
Decorator = Callable[[Callable[..., None]], Callable[..., None]]

_Text = Optional[str]  # noqa: UP045 - Typer needs Optional, as in app.py
_Texts = Optional[list[str]]  # noqa: UP045
_Int = Optional[int]  # noqa: UP045
_Ints = Optional[list[int]]  # noqa: UP045


def grouped_options(options: Options, argument: str, build: Callable[[dict[str, Any]], Any] = dict) -> Decorator:
    """Give a command the options of ``options``; it receives ``build(values)`` as its parameter ``argument``."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        kept = [parameter for name, parameter in signature.parameters.items() if name != argument]
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
                 for name, (annotation, default) in options.items()]

        @functools.wraps(command)
        def with_options(*args: Any, **kwargs: Any) -> None:
            values = {name: kwargs.pop(name) for name in options}
            command(*args, **{argument: build(values)}, **kwargs)

        new_signature = signature.replace(parameters=[*kept, *added])
        with_options.__signature__ = new_signature  # type: ignore[attr-defined]
        # Typer reads the options from the signature and their types from the annotations.
        with_options.__annotations__ = {p.name: p.annotation for p in new_signature.parameters.values()}
        with_options.__annotations__["return"] = None
        return with_options

    return decorate


def _text(name: str, help: str, metavar: str | None = None) -> tuple[Any, Any]:
    return Annotated[_Text, typer.Option(name, help=help, metavar=metavar)], None


def _texts(name: str, metavar: str, help: str) -> tuple[Any, Any]:
    return Annotated[_Texts, typer.Option(name, metavar=metavar, help=help)], None


CaveatsOption = Annotated[_Texts, typer.Option(
    "--caveat", metavar="SEVERITY[@KEY]: TEXT",
    help="wrong | misleading | imprecise | note, the key of the source that shows it, then the text.")]
BetterValuesOption = Annotated[_Texts, typer.Option(
    "--better", metavar="KEY: SPEC[; NOTE]",
    help="A better figure and the source that gives it: 'encyclopedia-island: 85.69 percent turnout; final result'.")]

FACT_OPTIONS: Options = {
    "claim": _text("--claim", "The claim, as one plain sentence."),
    "kind": _text("--kind", f"One of: {', '.join(FACT_KINDS)}."),
    "quote": _text("--quote", "The verbatim span of the article."),
    "paragraph": (Annotated[_Int, typer.Option("--paragraph", min=1, help="Article paragraph of the quote.")], None),
    "claimant": _text("--claimant", "Who asserts it, if someone does."),
    "event": _text("--event", "Groups facts about one event."),
    "dates": _texts("--date", "DATE", "YYYY, YYYY-MM or YYYY-MM-DD."),
    "entities": _texts("--entity", "NAME", "A place, person or body."),
    "tags": _texts("--tag", "TAG", "A topic label."),
    "aliases": _texts("--alias", "NAME", "Another name to search by."),
    "values": _texts("--value", "SPEC", "NUMBER UNIT MEASURE as written: '56.7 percent no share', '51.9% leave "
                                        "share', '2,001,926 count votes cast', '£350 million weekly claim'; "
                                        "'~80 ...' when approximate. A unit the base declares may be written by "
                                        "its name, symbol or an alias."),
    "citations": _texts("--cite", "KEY[:FOOTNOTE]", "A source key, with the article's footnote number."),
    "caveats": (CaveatsOption, None),
    "better_values": (BetterValuesOption, None),
    "derived_from": _texts("--derived-from", "ID", "A fact this one is computed from."),
    "derivation": _text("--derivation", "The arithmetic that derives it, e.g. '100 - 53.26'."),
}

SOURCE_OPTIONS: Options = {
    "outlet": _text("--outlet", "Publisher, e.g. BBC."),
    "title": _text("--title", "Title as published, in its own language."),
    "kind": _text("--kind", f"One of: {', '.join(SOURCE_KINDS)}."),
    "language": _text("--language", "Language code, e.g. en, fr, tr (default: en)."),
    "title_en": _text("--title-en", "English title; required unless --language en."),
    "url": _text("--url", "Web address."),
    "published": _text("--published", "Publication date.", metavar="DATE"),
    "accessed": _text("--accessed", "Date read, or 'today'.", metavar="DATE"),
    "footnotes": (Annotated[_Ints, typer.Option("--footnote", metavar="N", min=1,
                                                help="The article's footnote number for it (repeat for several).")],
                  None),
    "author": _texts("--author", "NAME", "A person who wrote it, 'Family, Given' or 'Given Family' "
                                         "(repeat for several)."),
    "author_organisations": _texts("--author-org", "NAME", "An organisation as the author (repeat for several)."),
    "note": _text("--note", "Free note."),
}

ClearOption = Annotated[_Texts, typer.Option("--clear", metavar="FIELD",
                                             help="Empty this field (e.g. quote, tags, caveats); repeat for several.")]
