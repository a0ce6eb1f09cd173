"""A draft of an article matched with a base, and written into it.

The base's own sources are reused (same URL, or same outlet and title) and
its facts are not proposed again (same quote, or same claim), so ingesting
an article twice adds nothing the second time.  New entries get keys and ids
as ``add-source`` and ``add-fact`` make them, and are appended the way they
append: under the base's lock, the files re-read inside it, the whole result
validated before either file is replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import editing, loader
from .ingest import Candidate, Draft
from .ingest_sources import DraftSource, url_key
from .model import Author, Base, Citation, Fact, Source
from .serialize import envelope, source_to_dict
from .text import fold
from .units import UnitNames

DEFAULT_SOURCE_KIND = "news-article"
MAX_PERSON_WORDS = 4  # "Jean-Marie Le Pen"; longer names are an organisation's
UNTRANSLATED = "[to translate] "  # title_en of a source whose title is not English, until someone translates it


@dataclass
class Proposal:
    fact: Fact
    new: bool
    footnote: int | None


@dataclass
class Plan:
    sources: list[tuple[Source, bool]]  # each source of the article, and whether the base lacks it
    proposals: list[Proposal]
    left_out: list[Candidate]
    repeats: dict[int, int]
    notes: list[str] = field(default_factory=list)


def plan(draft: Draft, base: Base | None) -> Plan:
    """What writing ``draft`` into ``base`` (None: a new base) would add, and what it would reuse."""
    existing = dict(base.sources) if base is not None else {}
    notes: list[str] = []
    owners = {number: s.key for s in existing.values() for number in s.footnotes}
    sources: list[tuple[Source, bool]] = []
    cited: dict[int, Citation] = {}
    for drafted in draft.sources:
        source, new = _source_for(drafted, existing, owners, notes)
        if new:
            existing[source.key] = source
            owners.update({number: source.key for number in source.footnotes})
        sources.append((source, new))
        for number in drafted.footnotes:
            cited[number] = Citation(source.key, number if number in source.footnotes else None)
    for number in draft.missing_footnotes:
        notes.append(f"footnote [{number}] is marked in the text but missing from the footnote list")
    proposals = _proposals(draft.candidates, cited, base)
    return Plan(sources, proposals, [c for c in draft.candidates if c.left_out], draft.repeats, notes)


def _source_for(drafted: DraftSource, existing: dict[str, Source], owners: dict[int, str],
                notes: list[str]) -> tuple[Source, bool]:
    known = _known_source(drafted, existing)
    if known is not None:
        return known, False
    free = tuple(n for n in drafted.footnotes if n not in owners)
    for number in drafted.footnotes:
        if number not in free:
            notes.append(f"footnote [{number}] is already source {owners[number]!r} in the base; "
                         f"its new source is cited without the number")
    outlet = drafted.outlet or _host(drafted.url) or "unknown"
    title_en = "" if drafted.language.startswith("en") else UNTRANSLATED + drafted.title
    key = editing.suggest_source_key(outlet, drafted.title, set(existing))
    if title_en:
        notes.append(f"source {key!r}: the title is not in English ({drafted.language}); translate its title_en")
    source = Source(key=key, outlet=outlet, title=drafted.title or drafted.url or outlet, language=drafted.language,
                    kind=DEFAULT_SOURCE_KIND, from_article=True, footnotes=free, title_en=title_en,
                    url=drafted.url, accessed=drafted.accessed if drafted.url else None,
                    authors=authors_of(drafted.author))
    return source, True


def authors_of(text: str) -> tuple[Author, ...]:
    """"David McCullough and Ann Lee": persons by given and family name; anything else an organisation."""
    authors: list[Author] = []
    for name in re.split(r"\s*(?:;|\band\b|&)\s*", text):
        words = name.strip(" ,.").split()
        if not words:
            continue
        if 2 <= len(words) <= MAX_PERSON_WORDS and all(word[:1].isupper() for word in words):
            authors.append(Author(family=words[-1], given=" ".join(words[:-1])))
        else:
            authors.append(Author(organisation=" ".join(words)))
    return tuple(authors)


def _known_source(drafted: DraftSource, existing: dict[str, Source]) -> Source | None:
    for source in existing.values():
        if drafted.url and source.url and url_key(source.url) == url_key(drafted.url):
            return source
        if fold(source.outlet) == fold(drafted.outlet) and fold(source.title) == fold(drafted.title):
            return source
    return None


def _host(url: str) -> str:
    match = re.match(r"https?://(?:www\.)?([^/]+)", url)
    return match.group(1) if match else ""


def _proposals(candidates: list[Candidate], cited: dict[int, Citation], base: Base | None) -> list[Proposal]:
    facts = base.facts if base is not None else ()
    by_quote = {" ".join(f.quote.split()): f for f in facts if f.quote}
    by_claim = {fold(f.claim): f for f in facts}
    taken = {f.id for f in facts}
    seen: set[str] = set()
    units = UnitNames(base.units if base is not None else ())
    proposals: list[Proposal] = []
    for candidate in candidates:
        quote = " ".join(candidate.quote.split())
        if candidate.left_out or quote in seen:
            continue
        seen.add(quote)
        known = by_quote.get(quote) or by_claim.get(fold(candidate.claim))
        if known is not None:
            proposals.append(Proposal(known, False, candidate.footnote))
            continue
        citation = cited.get(candidate.footnote) if candidate.footnote is not None else None
        fact = _fact(candidate, editing.suggest_fact_id(candidate.claim, taken), citation, units)
        taken.add(fact.id)
        proposals.append(Proposal(fact, True, candidate.footnote))
    return proposals


def _fact(candidate: Candidate, fact_id: str, citation: Citation | None, units: UnitNames) -> Fact:
    """The candidate as a fact; a figure in a unit the base declares under another name takes that name."""
    values = tuple(value._replace(unit=units.name_of(value.unit)) for value in candidate.values)
    return Fact(id=fact_id, claim=candidate.claim, kind=candidate.kind, quote=candidate.quote,
                paragraph=candidate.paragraph, claimant=candidate.claimant, dates=candidate.dates,
                entities=candidate.entities, values=values,
                citations=(citation,) if citation is not None else ())


# --- writing --------------------------------------------------------------------------------------------------------

def has_base(directory: Path) -> bool:
    return (directory / loader.FACTS_FILE).exists() or (directory / loader.SOURCES_FILE).exists()


def write_draft(directory: Path, draft: Draft, *, today: dt.date | None = None) -> tuple[Plan, Base]:
    """Append the new sources and facts of ``draft`` to the base in ``directory`` (made first when missing).

    The plan is made inside the lock, against the base as it is then; nothing
    is written unless the whole result validates (EntryRejectedError).
    """
    if not has_base(directory):
        editing.init_base(directory)
    with editing.locked(directory):
        facts_bytes, sources_bytes, before = editing.current_state(directory, today)
        made = plan(draft, before)
        for source, new in made.sources:
            if new:
                sources_bytes = editing.appended(sources_bytes, _entry("source", editing.source_table(source)))
        for proposal in made.proposals:
            if proposal.new:
                facts_bytes = editing.appended(facts_bytes, _entry("fact", editing.fact_table(proposal.fact)))
        after = editing.validated_result(directory, facts_bytes, sources_bytes, today)
        editing.write_atomically(directory / loader.SOURCES_FILE, sources_bytes)
        editing.write_atomically(directory / loader.FACTS_FILE, facts_bytes)
    return made, after


def _entry(array: str, table: Any) -> str:
    return editing.render_entry(array, table)


# --- the document ---------------------------------------------------------------------------------------------------

def ingest_document(article: str, base_dir: str | None, made: Plan, *, written: bool, show_all: bool) -> dict[str, Any]:
    """The ``ingest`` JSON document: the draft's sources and facts, what is new, and what was left out."""
    document = envelope(
        article=article,
        base=base_dir,
        written=written,
        sources=[_source_entry(source, new, made.repeats) for source, new in made.sources],
        facts=[_proposal_entry(p) for p in made.proposals],
        counts={
            "sources": len(made.sources),
            "new_sources": sum(new for _, new in made.sources),
            "facts": len(made.proposals),
            "new_facts": sum(p.new for p in made.proposals),
            "unsourced": sum(not p.fact.citations for p in made.proposals),
            "left_out": len(made.left_out),
        },
        notes=list(made.notes),
    )
    if show_all:
        document["left_out"] = [_left_out_entry(c) for c in made.left_out]
    return document


def _source_entry(source: Source, new: bool, repeats: dict[int, int]) -> dict[str, Any]:
    return {"source": source_to_dict(source), "new": new,
            "repeats": [{"footnote": n, "of": of} for n, of in sorted(repeats.items()) if n in source.footnotes]}


def _proposal_entry(proposal: Proposal) -> dict[str, Any]:
    fact = proposal.fact
    citation = fact.citations[0] if fact.citations else None
    return {
        "id": fact.id,
        "new": proposal.new,
        "claim": fact.claim,
        "quote": fact.quote,
        "paragraph": fact.paragraph,
        "footnote": proposal.footnote,
        "source": citation.source if citation is not None else None,
        "sourced": citation is not None,
        "kind": fact.kind,
        "claimant": fact.claimant or None,
        "dates": [{"date": d.iso(), "precision": d.precision} for d in fact.dates],
        "values": [{"value": v.value, "unit": v.unit, "measure": v.measure, "approximate": v.approximate,
                    "scope": v.scope or None} for v in fact.values],
        "entities": list(fact.entities),
    }


def _left_out_entry(candidate: Candidate) -> dict[str, Any]:
    return {"quote": candidate.quote, "paragraph": candidate.paragraph, "footnote": candidate.footnote,
            "reason": candidate.left_out}
