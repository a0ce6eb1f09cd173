"""Changing entries already in a base: edit, correct, retire and remove them.

An edit re-renders only the entries it changes, where they stand; every
other byte of the file (comments, blank lines, order, line endings, a
byte-order mark) stays as it was.  Inside a changed entry tomlkit keeps the
keys that did not change as they were written, comments included, and
appends new caveats and better values after the old ones.

Like ``editing.add_fact``, each edit runs under the base's lock, re-reads
both files inside it, validates the whole resulting base and writes each
changed file atomically.  Before writing, the base the new text makes is
compared with the base the edit meant to make: a layout the edit misreads
(an entry it could not delimit) is refused with ``EditNotPlacedError``
instead of written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import editing, loader
from .dates import PartialDate
from .editing import Draft, drafted
from .errors import EditNotPlacedError, UsageError
from .lookup import get_fact
from .model import Base, BetterValue, Caveat, Fact, Source
from .toml_lines import entry_spans, one_blank_line_before_headers

BOM = b"\xef\xbb\xbf"
FACT_FIELDS = frozenset(Fact._fields) - {"id"}
SOURCE_FIELDS = frozenset(Source._fields) - {"key"}


@dataclass
class Plan:
    """What an edit does: entries by their position in their file, each replaced or (None) removed."""

    facts: dict[int, Fact | None] = field(default_factory=dict)
    sources: dict[int, Source | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Revision:
    """The result of an edit: the entry as it now stands (or as it was, when removed) and what else changed."""

    action: str
    entry: Fact | Source
    base: Base
    files: tuple[Path, ...]
    also_changed: tuple[str, ...] = ()


# --- the edits -------------------------------------------------------------------------------------------------

def edit_fact(directory: Path, fact_id: str, changes: Draft[Mapping[str, Any]], *,
              today: dt.date | None = None) -> Revision:
    """Give the fact new values for the fields in ``changes`` (model names and types)."""

    def plan(base: Base) -> Plan:
        wanted = drafted(changes, base)
        _check_fields(wanted, FACT_FIELDS, "fact", "id")
        index, fact = _fact_at(base, fact_id)
        return Plan(facts={index: fact._replace(**wanted)})

    return _revise(directory, "edited", plan, today, fact_id=fact_id)


def edit_source(directory: Path, key: str, changes: Mapping[str, Any], *,
                today: dt.date | None = None) -> Revision:
    """Give the source new values for the fields in ``changes``."""
    _check_fields(changes, SOURCE_FIELDS, "source", "key")

    def plan(base: Base) -> Plan:
        index, source = _source_at(base, key)
        return Plan(sources={index: source._replace(**changes)})

    return _revise(directory, "edited", plan, today, source_key=key)


def correct_fact(directory: Path, fact_id: str, caveats: Sequence[Caveat] = (),
                 better_values: Draft[Sequence[BetterValue]] = (), *, today: dt.date | None = None) -> Revision:
    """Add caveats and better figures to a fact, each dated today."""
    stamp = _today(today)

    def plan(base: Base) -> Plan:
        betters = drafted(better_values, base)
        if not caveats and not betters:
            raise UsageError("a correction needs a caveat or a better value (--caveat, --better)")
        index, fact = _fact_at(base, fact_id)
        added_caveats = tuple(caveat._replace(corrected=stamp) for caveat in caveats)
        added_values = tuple(better._replace(corrected=stamp) for better in betters)
        return Plan(facts={index: fact._replace(caveats=fact.caveats + added_caveats,
                                          better_values=fact.better_values + added_values)})

    return _revise(directory, "corrected", plan, today, fact_id=fact_id)


def retire_fact(directory: Path, fact_id: str, reason: str, *, force: bool = False,
                today: dt.date | None = None) -> Revision:
    """Mark a fact as no longer standing: it stays in the base, with the reason and today's date.

    Refused while facts that still stand are derived from it (their figure would rest on one the base no
    longer holds to), unless ``force``, which retires it and leaves them as they are.
    """
    if not reason.strip():
        raise UsageError("--reason is required: say why the fact no longer stands")
    stamp = _today(today)

    def plan(base: Base) -> Plan:
        index, fact = _fact_at(base, fact_id)
        standing = [other for other in base.facts if fact_id in other.derived_from and not other.retired]
        if standing and not force:
            ids = ", ".join(other.id for other in standing)
            raise UsageError(f"fact {fact_id!r} is not retired: {len(standing)} fact(s) that still stand are "
                             f"derived from it ({ids}); retire or edit those first, or --force retires it anyway")
        return Plan(facts={index: fact._replace(retired=reason.strip(), retired_on=stamp)})

    return _revise(directory, "retired", plan, today, fact_id=fact_id)


def remove_fact(directory: Path, fact_id: str, *, force: bool = False, today: dt.date | None = None) -> Revision:
    """Delete a fact; refused while other facts are derived from it, unless ``force`` drops those references."""

    def plan(base: Base) -> Plan:
        index, _ = _fact_at(base, fact_id)
        citing = {position: fact for position, fact in enumerate(base.facts) if fact_id in fact.derived_from}
        _refuse_if_cited(f"fact {fact_id!r}", citing.values(), "derived from it", force)
        changed: dict[int, Fact | None] = {position: _without_derivation_from(fact, fact_id)
                                           for position, fact in citing.items()}
        changed[index] = None
        return Plan(facts=changed)

    return _revise(directory, "removed", plan, today, fact_id=fact_id)


def remove_source(directory: Path, key: str, *, force: bool = False, today: dt.date | None = None) -> Revision:
    """Delete a source; refused while facts cite it, unless ``force`` drops their references to it."""

    def plan(base: Base) -> Plan:
        index, _ = _source_at(base, key)
        citing = {position: fact for position, fact in enumerate(base.facts) if key in _sources_of(fact)}
        _refuse_if_cited(f"source {key!r}", citing.values(), "citing it", force)
        return Plan(facts={position: _without_source(fact, key) for position, fact in citing.items()},
                    sources={index: None})

    return _revise(directory, "removed", plan, today, source_key=key)


# --- what an edit touches --------------------------------------------------------------------------------------

def _check_fields(changes: Mapping[str, Any], known: frozenset[str], entry: str, identity: str) -> None:
    if identity in changes:
        raise UsageError(f"a {entry}'s {identity} cannot be changed (others cite it by it); add a new {entry} "
                         f"and remove the old one instead")
    unknown = sorted(set(changes) - known)
    if unknown:
        raise UsageError(f"a {entry} has no field {unknown[0]!r}")
    if not changes:
        raise UsageError(f"nothing to change: give the {entry} fields to edit as options")


def _today(today: dt.date | None) -> PartialDate:
    day = today or dt.date.today()
    return PartialDate(day.year, day.month, day.day)


def _fact_at(base: Base, fact_id: str) -> tuple[int, Fact]:
    fact = get_fact(base, fact_id)
    return base.facts.index(fact), fact


def _source_at(base: Base, key: str) -> tuple[int, Source]:
    import difflib

    keys = list(base.sources)
    if key not in base.sources:
        close = difflib.get_close_matches(key, keys, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"no source with key {key!r}{hint}")
    return keys.index(key), base.sources[key]


def _sources_of(fact: Fact) -> set[str]:
    return ({citation.source for citation in fact.citations} | {caveat.source for caveat in fact.caveats}
            | {better.source for better in fact.better_values})


def _refuse_if_cited(what: str, citing: Any, how: str, force: bool) -> None:
    ids = [fact.id for fact in citing]
    if ids and not force:
        raise UsageError(f"{what} is not removed: {len(ids)} fact(s) {how} ({', '.join(ids)}); "
                         f"--force removes it and those references")


def _without_derivation_from(fact: Fact, fact_id: str) -> Fact:
    kept = tuple(ref for ref in fact.derived_from if ref != fact_id)
    return fact._replace(derived_from=kept, derivation=fact.derivation if kept else "")


def _without_source(fact: Fact, key: str) -> Fact:
    return fact._replace(
        citations=tuple(citation for citation in fact.citations if citation.source != key),
        caveats=tuple(caveat._replace(source="") if caveat.source == key else caveat for caveat in fact.caveats),
        better_values=tuple(better for better in fact.better_values if better.source != key),
    )


# --- applying a plan -------------------------------------------------------------------------------------------

def _revise(directory: Path, action: str, make_plan: Callable[[Base], Plan], today: dt.date | None, *,
            fact_id: str = "", source_key: str = "") -> Revision:
    facts_path, sources_path = directory / loader.FACTS_FILE, directory / loader.SOURCES_FILE
    with editing.locked(directory):
        facts_data, sources_data, base = editing.current_state(directory, today)
        plan = make_plan(base)
        new_facts = rewritten(facts_data, "fact", {i: _table(f) for i, f in plan.facts.items()}, len(base.facts))
        new_sources = rewritten(sources_data, "source", {i: _table(s) for i, s in plan.sources.items()},
                                len(base.sources))
        after = editing.validated_result(directory, new_facts, new_sources, today)
        _check_placed(base, plan, after)
        written = []
        # Facts first: until sources.toml is written too, the facts no longer cite what it still holds.
        for path, old, new in ((facts_path, facts_data, new_facts), (sources_path, sources_data, new_sources)):
            if new != old:
                editing.write_atomically(path, new)
                written.append(path)
    entry = _entry_after(base, after, fact_id, source_key)
    also = tuple(fact.id for fact in (f for f in plan.facts.values() if f is not None) if fact.id != fact_id)
    return Revision(action, entry, after, tuple(written), also)


def _table(entry: Fact | Source | None) -> Any:
    if entry is None:
        return None
    return editing.fact_table(entry) if isinstance(entry, Fact) else editing.source_table(entry)


def _entry_after(before: Base, after: Base, fact_id: str, source_key: str) -> Fact | Source:
    """The entry as it now stands; a removed one as it was."""
    if fact_id:
        return after.get(fact_id) or get_fact(before, fact_id)
    return after.sources.get(source_key) or before.sources[source_key]


def _check_placed(before: Base, plan: Plan, after: Base) -> None:
    """The new files must hold exactly the planned entries, every other one unchanged."""
    facts = _planned(before.facts, plan.facts)
    sources = _planned(tuple(before.sources.values()), plan.sources)
    if list(after.facts) != facts or list(after.sources.values()) != sources:
        raise EditNotPlacedError("the edit was not written: the entry could not be delimited in the file "
                                 "(an unusual layout, such as a table header inside a string); edit it by hand")


def _planned(entries: Sequence[Any], changes: Mapping[int, Any]) -> list[Any]:
    out = []
    for index, entry in enumerate(entries):
        changed = changes.get(index, entry)
        if changed is not None:
            out.append(changed)
    return out


# --- re-rendering entries in place -----------------------------------------------------------------------------

def rewritten(data: bytes, array: str, changes: Mapping[int, Any], count: int) -> bytes:
    """``data`` with the ``[[array]]`` entry at each index of ``changes`` replaced by its table, or removed for None.

    ``count`` is the number of entries the file holds; a file whose headers
    say otherwise is not edited.
    """
    if not changes:
        return data
    bom = BOM if data.startswith(BOM) else b""
    raw_lines = data[len(bom):].splitlines(keepends=True)
    lines = [line.decode("utf-8") for line in raw_lines]
    spans = entry_spans(lines, array)
    if len(spans) != count:
        raise EditNotPlacedError(f"the edit was not written: {len(spans)} [[{array}]] headers found for "
                                 f"{count} entries; edit the file by hand")
    newline = "\r\n" if b"\r\n" in data else "\n"
    out: list[bytes] = list(raw_lines)
    for index in sorted(changes, reverse=True):  # from the end, so earlier spans keep their line numbers
        first, end = spans[index]
        table = changes[index]
        if table is None:
            first, end = _removal_span(lines, first, end)
            out[first:end] = []
        else:
            text = merged_entry("".join(lines[first:end]), array, table)
            out[first:end] = [editing.entry_bytes(text.replace("\n", newline))]
    return bom + b"".join(out)


def _removal_span(lines: Sequence[str], first: int, end: int) -> tuple[int, int]:
    """The entry's lines and the blank lines that separate it from the next entry (or, last, from the one before)."""
    following = end
    while following < len(lines) and not lines[following].strip():
        following += 1
    if following < len(lines):
        return first, following
    while first > 0 and not lines[first - 1].strip():
        first -= 1
    return first, len(lines)


def merged_entry(old: str, array: str, table: Any) -> str:
    """The entry's text with the fields of ``table``: unchanged keys keep their text and comments."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    ends_with_newline = old.endswith("\n")
    try:
        document = tomlkit.parse(old.replace("\r\n", "\n"))
    except TOMLKitError:
        raise EditNotPlacedError(f"the edit was not written: the [[{array}]] entry could not be read on its own; "
                                 f"edit it by hand") from None
    entries = document.get(array)
    if not isinstance(entries, tomlkit.items.AoT) or len(entries) != 1:
        raise EditNotPlacedError(f"the edit was not written: the [[{array}]] entry could not be delimited; "
                                 f"edit it by hand")
    _merge(entries[0], table)
    text = one_blank_line_before_headers(tomlkit.dumps(document))
    return text if ends_with_newline else text.rstrip("\n")


def _merge(existing: Any, wanted: Any) -> None:
    plain, old = wanted.unwrap(), existing.unwrap()
    for key in [key for key in old if key not in plain]:
        del existing[key]
    for key, value in plain.items():
        current = old.get(key)
        if current == value or (key not in existing and value in ([], False)):
            continue
        if isinstance(current, list) and isinstance(value, list) and value[:len(current)] == current \
                and _is_array_of_tables(existing[key]):
            for row in wanted[key][len(current):]:
                existing[key].append(_spaced(row))
        elif _is_array_of_tables(wanted[key]) and _is_inline_array(existing.get(key)):
            existing[key] = _inline_array(value)  # written as one line: it stays one line
        elif _is_array_of_tables(wanted[key]):
            existing[key] = _spaced_array(wanted[key])
        else:
            existing[key] = wanted[key]


def _is_array_of_tables(item: Any) -> bool:
    import tomlkit

    return isinstance(item, tomlkit.items.AoT)


def _is_inline_array(item: Any) -> bool:
    import tomlkit

    return isinstance(item, tomlkit.items.Array)


def _inline_array(rows: list[dict[str, Any]]) -> Any:
    import tomlkit

    array = tomlkit.array()
    for row in rows:
        table = tomlkit.inline_table()
        table.update(row)
        array.append(table)
    return array


def _spaced_array(rows: Any) -> Any:
    import tomlkit

    array = tomlkit.aot()
    for row in rows:
        array.append(_spaced(row))
    return array


def _spaced(table: Any) -> Any:
    """A sub-table with a blank line above its header, as entries are written."""
    table.trivia.indent = "\n"
    return table
