"""CSL-JSON items (CSL 1.0.2 data schema) built from sources.

CSL 1.0 has no field for a translated title, so the English translation of a
non-English title is carried inside ``title`` in square brackets after the
original ("Başlık [Title]"), which is how APA, Chicago and MLA print a
translated title and what the CSL style maintainers advise.  The original
title is kept word for word, in its own language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..dates import PartialDate
from ..model import Source
from .names import csl_names

CslItem = dict[str, Any]

# Where the source sits: a periodical's article, or a page of a site.
NEWSPAPER_KINDS = frozenset({"news-article", "analysis", "news-page"})


def csl_type(source: Source) -> str:
    return "article-newspaper" if source.kind in NEWSPAPER_KINDS else "webpage"


def date_parts(date: PartialDate) -> dict[str, list[list[int]]]:
    parts = [date.year] + ([date.month] if date.month else []) + ([date.day] if date.day else [])
    return {"date-parts": [parts]}


def display_title(source: Source) -> str:
    """The title as published, with its English translation bracketed after it when it has one."""
    if source.title_en and source.title_en != source.title:
        return f"{source.title} [{source.title_en}]"
    return source.title


def csl_item(source: Source) -> CslItem:
    """One CSL-JSON item; keys appear only where the source has a value (no invented dates)."""
    item: CslItem = {
        "id": source.key,
        "type": csl_type(source),
        "title": display_title(source),
        "container-title": source.outlet,
        "language": source.language,
    }
    if source.names:
        item["author"] = csl_names(source)
    if source.published:
        item["issued"] = date_parts(source.published)
    if source.url:
        item["URL"] = source.url
    if source.accessed:
        item["accessed"] = date_parts(source.accessed)
    return item


def csl_items(sources: Iterable[Source]) -> list[CslItem]:
    return [csl_item(source) for source in sources]
