"""JSON shapes of the desk commands: list, timeline, init, add-fact, add-source, and the edits.

Schemas in schema/nc-facts.schema.json ($defs list, timeline, init, added,
revised); every document is a ``serialize.envelope``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import documents
from .filters import FactFilter
from .model import Base, Fact, Source
from .serialize import JSON, envelope, fact_to_dict, source_to_dict
from .timeline import TimelineEntry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .importing import ImportResult
    from .revising import Revision


def list_document(facts: Sequence[Fact], base: Base, where: FactFilter) -> JSON:
    return documents.list_document(str(base.directory), where.to_dict(),
                                   [fact_to_dict(fact, base.sources) for fact in facts])


def timeline_document(entries: Sequence[TimelineEntry], base: Base, where: FactFilter) -> JSON:
    return documents.timeline_document(
        str(base.directory), where.to_dict(),
        [(entry.date.iso(), entry.date.precision, fact_to_dict(entry.fact, base.sources)) for entry in entries])


def init_document(directory: Path, files: Sequence[Path]) -> JSON:
    return envelope(base=str(directory), created=[str(path) for path in files])


def added_fact_document(fact: Fact, base: Base, path: Path) -> JSON:
    return envelope(base=str(base.directory), file=str(path), added="fact", entry=fact_to_dict(fact, base.sources))


def added_source_document(source: Source, base: Base, path: Path) -> JSON:
    return envelope(base=str(base.directory), file=str(path), added="source", entry=source_to_dict(source))


def revised_document(revision: Revision) -> JSON:
    """An edit, correction, retirement or removal: the entry as it now stands (a removed one as it was)."""
    entry = revision.entry
    is_fact = isinstance(entry, Fact)
    return envelope(
        base=str(revision.base.directory),
        action=revision.action,
        kind="fact" if is_fact else "source",
        files=[str(path) for path in revision.files],
        entry=fact_to_dict(entry, revision.base.sources) if isinstance(entry, Fact) else source_to_dict(entry),
        also_changed=list(revision.also_changed),
    )


def imported_document(result: ImportResult, directory: Path, path: Path, dry_run: bool) -> JSON:
    return envelope(
        base=str(directory),
        file=str(path),
        dry_run=dry_run,
        written=result.written,
        added=[source_to_dict(source) for source in result.added],
        duplicates=[{"entry": entry, "existing": existing, "by": by} for entry, existing, by in result.duplicates],
        skipped=[{"entry": entry, "reason": reason} for entry, reason in result.skipped],
    )
