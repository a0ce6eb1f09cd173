"""The sources of a footnoted article, read from its footnote list.

A footnote line is ``[n] ...``, ``[^n]: ...`` or ``n. ...`` at the end of the
article.  Its parts are told apart by their shape: the URL, the access date
(``Access Date: 19.07.2025``, ``accessed 19 July 2025``, ``retrieved
2025-07-19``), the title (quoted, or in Markdown italics), then the outlet
(the first part after the title) and the author (a part before it).
``Ibid.`` stands for the footnote before it; ``X, op. cit.`` for the last
earlier footnote whose author or outlet is X.  Footnotes with one URL make
one source with both numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import PartialDate
from .language import month_numbers
from .text import fold

FOOTNOTE_LINE = re.compile(r"^\s*\[\^?(?P<number>\d+)\]:?\s*(?P<text>\S.*)$")

_URL = re.compile(r"<?(?P<url>https?://[^\s<>\"”)]+[^\s<>\"”),.;])>?")
_ACCESS = re.compile(
    r"\(?\s*(?:access(?:ed)?(?:\s+(?:date|on))?|retrieved(?:\s+on)?|consulted(?:\s+on)?|last\s+visited)\s*:?\s*"
    r"(?P<date>[^()]*?)\s*\)?\s*[.,;]?\s*$",
    re.IGNORECASE,
)
_TITLE = re.compile(r"“(?P<a>[^”]+)”|\"(?P<b>[^\"]+)\"|‘(?P<c>[^’]+)’(?!\w)|«\s*(?P<d>[^»]+?)\s*»|\*(?P<e>[^*]+)\*"
                    r"|_(?P<f>[^_]+)_")
_IBID = re.compile(r"^\s*(?:ibid|ibidem|ib)\.?(?P<rest>.*)$", re.IGNORECASE)
_OP_CIT = re.compile(r"^(?P<who>.*?)[,\s]*\bop\.?\s*cit\.?(?P<rest>.*)$", re.IGNORECASE)
_DOTTED = re.compile(r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})$")
_ISO_DAY = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")
_DAY_MONTH = re.compile(r"^(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[^\W\d_]+)\.?,?\s+(?P<y>\d{4})$")
_MONTH_DAY = re.compile(r"^(?P<month>[^\W\d_]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})$")


@dataclass
class DraftSource:
    """A source as the footnotes give it, before it is matched with a base."""

    footnotes: list[int]
    outlet: str
    title: str
    url: str
    accessed: PartialDate | None
    author: str
    language: str
    key: str = ""
    reused: bool = False  # the base already holds it under ``key``
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FootnoteRef:
    """One footnote of the list: its number, its text, and the footnote it repeats (Ibid., op. cit.)."""

    number: int
    text: str
    line: int
    repeats: int | None = None
    locator: str = ""


def footnote_lines(lines: list[str]) -> int:
    """The index of the first line of the footnote list at the end of ``lines`` (len(lines) when none).

    Blank lines, a "Notes" heading and indented lines that continue a footnote belong to the list.
    """
    start = len(lines)
    pending = False  # indented lines met since the last footnote line, to be claimed by the one above them
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if FOOTNOTE_LINE.match(line):
            start, pending = index, False
        elif not line.strip() or _is_footnote_heading(line):
            if pending:
                break
        elif line.startswith((" ", "\t")):
            pending = True
        else:
            break
    return start


def _is_footnote_heading(line: str) -> bool:
    return fold(line.strip(" #*:_")) in ("notes", "footnotes", "references", "sources", "endnotes", "kaynakca")


def read_footnotes(lines: list[str], first_line: int) -> list[FootnoteRef]:
    """The footnote list (``lines`` from ``first_line`` on), wrapped lines joined, repeats resolved."""
    refs: list[FootnoteRef] = []
    for offset, line in enumerate(lines[first_line:]):
        match = FOOTNOTE_LINE.match(line)
        if match:
            refs.append(FootnoteRef(int(match["number"]), match["text"].strip(), first_line + offset + 1))
        elif refs and line.strip() and not _is_footnote_heading(line):
            last = refs[-1]
            refs[-1] = FootnoteRef(last.number, f"{last.text} {line.strip()}", last.line)
    return _resolve_repeats(refs)


def _resolve_repeats(refs: list[FootnoteRef]) -> list[FootnoteRef]:
    resolved: list[FootnoteRef] = []
    for ref in refs:
        ibid = _IBID.match(ref.text)
        op_cit = _OP_CIT.match(ref.text)
        if ibid and resolved and not _URL.search(ref.text):
            target = _original(resolved[-1])
            resolved.append(FootnoteRef(ref.number, ref.text, ref.line, target, _locator(ibid["rest"])))
        elif op_cit and resolved and not _URL.search(ref.text):
            target = _named_earlier(op_cit["who"], resolved)
            resolved.append(FootnoteRef(ref.number, ref.text, ref.line, target, _locator(op_cit["rest"])))
        else:
            resolved.append(ref)
    return resolved


def _original(ref: FootnoteRef) -> int:
    return ref.repeats if ref.repeats is not None else ref.number


def _named_earlier(who: str, earlier: list[FootnoteRef]) -> int:
    """The last earlier footnote whose text starts with or holds ``who`` (the one before, when none does)."""
    wanted = fold(who.strip(" ,.;:"))
    if wanted:
        for ref in reversed(earlier):
            if ref.repeats is None and wanted in fold(ref.text):
                return ref.number
    return _original(earlier[-1])


def _locator(rest: str) -> str:
    return rest.strip(" ,.;:")


def parse_source(ref: FootnoteRef) -> DraftSource:
    """A source from the text of one footnote that is not a repeat."""
    text = ref.text
    url_match = _URL.search(text)
    url = url_match["url"] if url_match else ""
    if url_match:
        text = text[: url_match.start()] + " " + text[url_match.end():]
    accessed = None
    access = _ACCESS.search(text)
    if access:
        accessed = parse_article_date(access["date"].strip(" .,;"))
        text = text[: access.start()]
    title_match = _TITLE.search(text)
    if title_match:
        title = next(group for group in title_match.groups() if group is not None).strip(" ,.")
        before, after = text[: title_match.start()], text[title_match.end():]
    else:
        parts = _parts(text)
        title, before, after = (parts[0] if parts else ""), "", ", ".join(parts[1:])
    after_parts = [part for part in _parts(after) if parse_article_date(part) is None]
    outlet = after_parts[0] if after_parts else ""
    author = ", ".join(_parts(before))
    return DraftSource([ref.number], outlet, title, url, accessed, author, guess_language(title))


def _parts(text: str) -> list[str]:
    return [part.strip(" .()[]") for part in re.split(r"[,;]\s*|\s+[-–—|]\s+", text) if part.strip(" .()[]")]


def parse_article_date(text: str) -> PartialDate | None:
    """A day in the forms footnotes write it: 19.07.2025, 19/07/2025, 2025-07-19, 19 July 2025, July 19, 2025."""
    text = text.strip()
    for pattern in (_DOTTED, _ISO_DAY, _DAY_MONTH, _MONTH_DAY):
        match = pattern.match(text)
        if not match:
            continue
        month = _month(match)
        if month is None:
            return None
        return _valid_day(int(match["y"]), month, int(match["d"]))
    return None


def _month(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if "m" in groups:
        return int(groups["m"])
    return month_numbers().get(fold(groups["month"]))


def _valid_day(year: int, month: int, day: int) -> PartialDate | None:
    import datetime as dt

    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


# --- the language of a title --------------------------------------------------------------------------------------
#
# A stated rule, not a statistical detector (a title is too short for one): the letters only one language of the
# table writes, then its commonest short words; a title with neither is taken as English.

_LETTERS = {"tr": "ğışİ", "is": "ðþ", "de": "ß", "es": "ñ¿¡", "pt": "ãõ", "fr": "œ"}
_WORDS = {
    "en": "the of and in to for is are a an on with how why what who will be as by from at but not",
    "tr": "ve bir bu ile için mi mı mu mü da de ne neden nasıl olarak gibi daha en çok yeni ya ki",
    "fr": "le la les des du de et est un une en pour dans sur au aux que qui ne pas se",
    "de": "der die das und ist ein eine nicht mit für auf den dem des im zu von sich",
    "es": "el la los las y es un una del en por para con que se no como",
    "it": "il lo la gli le e è un una del della di per con che non nel",
    "pt": "o a os as e é um uma do da dos das em para com que não no na",
}
_WORD_SETS = {language: frozenset(words.split()) for language, words in _WORDS.items()}
_TITLE_WORD = re.compile(r"[^\W\d_]+")


def guess_language(title: str) -> str:
    """The language code of a title by the stated rule above."""
    for language, letters in _LETTERS.items():
        if any(letter in title for letter in letters):
            return language
    words = [word.lower() for word in _TITLE_WORD.findall(title)]
    scores = {language: sum(word in vocabulary for word in words) for language, vocabulary in _WORD_SETS.items()}
    best = max(scores, key=lambda language: (scores[language], language == "en"))
    return best if scores[best] else "en"


def sources_of(refs: list[FootnoteRef]) -> tuple[list[DraftSource], dict[int, int]]:
    """One source per distinct footnote (repeats and one URL merged), and each footnote's index among them."""
    sources: list[DraftSource] = []
    by_url: dict[str, int] = {}
    index_of: dict[int, int] = {}
    for ref in refs:
        if ref.repeats is not None and ref.repeats in index_of:
            index = index_of[ref.repeats]
            sources[index].footnotes.append(ref.number)
            index_of[ref.number] = index
            continue
        source = parse_source(ref)
        known = by_url.get(url_key(source.url)) if source.url else None
        if known is not None:
            sources[known].footnotes.append(ref.number)
            index_of[ref.number] = known
            continue
        index_of[ref.number] = len(sources)
        if source.url:
            by_url[url_key(source.url)] = len(sources)
        sources.append(source)
    return sources, index_of


def url_key(url: str) -> str:
    """A URL as compared for duplicates: no scheme, no "www.", no trailing slash or fragment."""
    bare = re.sub(r"^https?://(?:www\.)?", "", url.strip()).split("#", 1)[0]
    return bare.rstrip("/").lower()


