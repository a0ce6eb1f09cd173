"""BibLaTeX and plain BibTeX entries; the citation key is the source key.

BibLaTeX (biber reads UTF-8): news as ``@article`` with
``entrysubtype = {newspaper}``, web pages as ``@online``.  Plain BibTeX
(8-bit, no date fields): accented letters as TeX accent commands, URL in
``url`` and the access date in ``urldate`` (read by urlbst, biblatex and
pandoc).

An undated newspaper piece is ``@online`` in BibLaTeX (see ``biblatex_article``).

In both, the English translation of a title follows it in square brackets,
as in the CSL-JSON: ``titleaddon`` would be printed after a full stop
("Başlık. [Title]").  Titles are protected from the case changes of styles
word by word (``{Caledonia}``), not as a whole: a capitalised word after the
first, an acronym anywhere and a subtitle's first word keep their case, so a sentence-case title
("New Caledonia profile") is sentence case in APA and title case in Chicago,
and a word lower-case as published may change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from ..model import Source
from .csl import NEWSPAPER_KINDS, display_title
from .langid import langid
from .losses import Losses
from .names import bibtex_names

_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_COMBINING_ACCENT = {"\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0304": "=",
                     "\u0307": ".", "\u0306": "u", "\u030c": "v", "\u030b": "H", "\u0327": "c", "\u0328": "k"}
_LETTER_COMMAND = {"ı": r"{\i}", "ß": r"{\ss}", "ø": r"{\o}", "Ø": r"{\O}", "æ": r"{\ae}", "Æ": r"{\AE}",
                   "œ": r"{\oe}", "Œ": r"{\OE}", "ł": r"{\l}", "Ł": r"{\L}", "å": r"{\aa}", "Å": r"{\AA}"}
# "’" as a command: a plain ' is read back as a straight apostrophe by reference managers.
_PUNCTUATION = {"‘": "`", "’": r"{\textquoteright}", "“": "``", "”": "''", "–": "--", "—": "---", "\u00a0": "~",
                "…": r"\ldots{}", "«": r"\guillemotleft{}", "»": r"\guillemotright{}"}


def escape_latex_specials(text: str) -> str:
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def _ascii_char(ch: str, unknown: set[str]) -> str:
    if ch.isascii():
        return _LATEX_SPECIAL.get(ch, ch)
    if ch in _LETTER_COMMAND:
        return _LETTER_COMMAND[ch]
    if ch in _PUNCTUATION:
        return _PUNCTUATION[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if base.isascii() and marks and all(mark in _COMBINING_ACCENT for mark in marks):
        out = base  # {\"i}, not {\"\i}: LaTeX's encodings place the accent on i correctly
        for mark in marks:
            out = f"\\{_COMBINING_ACCENT[mark]}{{{out}}}"
        return "{" + out + "}"
    unknown.add(ch)
    return ch


def to_bibtex_ascii(text: str, unknown: set[str]) -> str:
    """TeX for 8-bit BibTeX: accents as commands; what has no command is kept and reported."""
    return "".join(_ascii_char(ch, unknown) for ch in text)


_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")


def _keeps_its_case(word: str, first: bool, after_colon: bool) -> bool:
    letters = _LETTER.findall(word)
    if not letters:
        return False
    if after_colon:  # styles capitalise a subtitle's first word; "1853 : la prise" keeps its "la"
        return True
    if first:  # a style keeps the first letter of a title capital; "BBC", "PNG" need braces even first
        return any(letter.isupper() for letter in letters[1:])
    return any(letter.isupper() for letter in letters)  # "Caledonia", "l'Arménie"


def protected_title(title: str, escape: Callable[[str], str]) -> str:
    """``title`` escaped, each word whose case is the publisher's own in braces ({Caledonia})."""
    pieces: list[str] = []
    end = 0
    after_colon = False
    for index, match in enumerate(_WORD.finditer(title)):
        word = escape(match.group(0))
        pieces.append(title[end:match.start()])
        pieces.append("{" + word + "}" if _keeps_its_case(match.group(0), index == 0, after_colon) else word)
        after_colon = match.group(0).endswith(":")
        end = match.end()
    pieces.append(title[end:])
    return "".join(pieces)


def _field_block(entry_type: str, key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def biblatex_article(source: Source) -> bool:
    """A dated newspaper piece is an ``@article``; an undated one is ``@online``.

    biblatex's data model makes the date of an ``@article`` mandatory and its
    standard styles print the missing date as "()"; ``@online`` needs none and
    prints nothing in its place, as citeproc-js leaves an undated item's date out
    in MLA (Chicago and APA print "n.d.").
    """
    return source.kind in NEWSPAPER_KINDS and source.published is not None


def biblatex_entry(source: Source) -> str:
    article = biblatex_article(source)
    fields: list[tuple[str, str]] = []
    if source.names:
        fields.append(("author", bibtex_names(source, escape_latex_specials)))
    fields.append(("title", protected_title(display_title(source), escape_latex_specials)))
    if source.kind in NEWSPAPER_KINDS:  # on @online too, so that an undated article reads back as one
        fields.append(("entrysubtype", "newspaper"))
    fields.append(("journaltitle" if article else "organization", escape_latex_specials(source.outlet)))
    fields += [
        ("date", source.published.iso() if source.published else ""),
        ("url", source.url),
        ("urldate", source.accessed.iso() if source.accessed else ""),
        ("langid", langid(source.language)),
        ("annotation", escape_latex_specials(source.note)),
    ]
    return _field_block("article" if article else "online", source.key, fields)


def bibtex_entry(source: Source, losses: Losses) -> str:
    unknown: set[str] = set()

    def tex(text: str) -> str:
        return to_bibtex_ascii(text, unknown)

    newspaper = source.kind in NEWSPAPER_KINDS
    fields: list[tuple[str, str]] = []
    if source.names:
        fields.append(("author", bibtex_names(source, tex)))
    fields.append(("title", protected_title(display_title(source), tex)))
    fields.append(("journal" if newspaper else "howpublished", tex(source.outlet)))
    if source.published:
        fields.append(("year", str(source.published.year)))
        if source.published.month:
            fields.append(("month", ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                     "dec")[source.published.month - 1]))
    fields += [
        ("url", source.url),
        ("urldate", source.accessed.iso() if source.accessed else ""),
        ("language", langid(source.language)),
        ("annote", tex(source.note)),
    ]
    if source.published and source.published.day:
        losses.add("bibtex", "cannot hold the day of a publication date (BibTeX has year and month only)", source.key)
    if unknown:
        characters = "".join(sorted(unknown))
        losses.add("bibtex", f"cannot escape characters with no TeX command (kept as UTF-8): {characters}", source.key)
    return _field_block("article" if newspaper else "misc", source.key, fields)


def biblatex(sources: Iterable[Source], losses: Losses) -> str:
    return "\n".join(biblatex_entry(source) for source in sources)


def bibtex(sources: Iterable[Source], losses: Losses) -> str:
    return "\n".join(bibtex_entry(source, losses) for source in sources)
