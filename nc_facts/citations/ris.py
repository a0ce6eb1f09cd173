"""RIS records: NEWS for newspaper articles, ELEC for web pages; the source key in ID.

Tags: TY, ID, TI (title as published), TT (English translation), T2 (outlet),
DA (publication date), UR, Y2 (access date), LA, N1 (note), ER.  A tag whose
value the base does not have is left out rather than filled in.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..dates import PartialDate
from ..model import Source
from .csl import NEWSPAPER_KINDS
from .losses import Losses
from .names import ris_names


def ris_date(date: PartialDate) -> str:
    """RIS dates are YYYY/MM/DD/ with empty parts where unknown."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def _one_line(text: str) -> str:
    # A RIS value ends at the line's end.
    return " ".join(text.split())


def ris_record(source: Source) -> str:
    tags: list[tuple[str, str]] = [
        ("TY", "NEWS" if source.kind in NEWSPAPER_KINDS else "ELEC"),
        ("ID", source.key),
        *(("AU", name) for name in ris_names(source)),
        ("TI", source.title),
        ("TT", source.title_en if source.title_en != source.title else ""),
        ("T2", source.outlet),
        ("DA", ris_date(source.published) if source.published else ""),
        ("PY", str(source.published.year) if source.published else ""),
        ("UR", source.url),
        ("Y2", ris_date(source.accessed) if source.accessed else ""),
        ("LA", source.language),
        ("N1", source.note),
    ]
    lines = [f"{tag}  - {_one_line(value)}" for tag, value in tags if value]
    return "\n".join([*lines, "ER  - "]) + "\n"


def ris(sources: Iterable[Source], losses: Losses) -> str:
    return "\n".join(ris_record(source) for source in sources)
