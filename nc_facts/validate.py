"""Rules a fact base must keep beyond types: references resolve, dates are
plausible, and figures agree with each other.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from .entity_names import EntityNames
from .identifiers import UniqueIds
from .model import FACT_KINDS, SEVERITIES, SOURCE_KINDS, Entity, Fact, Measure, Source, Unit
from .problems import Problem
from .toml_lines import LineIndex
from .units import UnitNames
from .validate_measures import (
    NO_SHARE,
    YES_SHARE,
    complementary_pairs,
    figures_of,
    measure_problems,
    share_sum_problems,
    value_measure_problems,
)
from .validate_names import EVENT, entity_problems, fact_name_problems
from .validate_units import measure_unit_problems, unit_problems, value_unit_problems

_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# A derivation is a short sum like "100 - 53.26"; longer text is not one (and could exhaust the parser).
MAX_DERIVATION_CHARS = 200


class Declarations(NamedTuple):
    """The [[entity]], [[measure]] and [[unit]] tables of facts.toml, with the line index of each array."""

    entities: list[Entity]
    entity_lines: LineIndex
    measures: list[Measure]
    measure_lines: LineIndex
    units: list[Unit]
    unit_lines: LineIndex


def check_base_rules(facts: list[Fact], fact_lines: LineIndex, sources: list[Source], source_lines: LineIndex,
                     facts_file: str, sources_file: str, today: dt.date | None = None,
                     declared: Declarations | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []
    problems += _check_sources(sources, source_lines, sources_file, today)
    if declared is not None:
        problems += entity_problems(declared.entities, declared.entity_lines, facts_file)
        problems += measure_problems(declared.measures, declared.measure_lines, facts_file)
        problems += unit_problems(declared.units, declared.unit_lines, facts_file)
        if declared.units:
            problems += measure_unit_problems(declared.measures, UnitNames(declared.units), declared.measure_lines,
                                              facts_file)
    keys = {source.key for source in sources}
    footnotes = {source.key: set(source.footnotes) for source in sources}

    def at(index: int, fact: Fact, field: str, message: str) -> None:
        problems.append(Problem(facts_file, message, line=fact_lines.line(index, field), fact_id=fact.id or None,
                                field=field))

    ids = UniqueIds(fact_lines, "id")
    for index, fact in enumerate(facts):
        for message in ids.problems(index, fact.id):
            at(index, fact, "id", message)
        if fact.kind and fact.kind not in FACT_KINDS:
            at(index, fact, "kind", f"unknown kind {fact.kind!r} (one of: {', '.join(FACT_KINDS)})")
        if fact.paragraph is not None and fact.paragraph < 1:
            at(index, fact, "paragraph", "paragraph numbers start at 1")
        for n, citation in enumerate(fact.citations):
            field = f"citations[{n}].source"
            if citation.source not in keys:
                at(index, fact, field, f"unknown source key {citation.source!r}{_suggest(citation.source, keys)}")
            elif citation.footnote is not None and citation.footnote not in footnotes[citation.source]:
                at(index, fact, f"citations[{n}].footnote",
                   f"source {citation.source!r} is not footnote {citation.footnote}")
        for n, caveat in enumerate(fact.caveats):
            if caveat.severity and caveat.severity not in SEVERITIES:
                at(index, fact, f"caveats[{n}].severity",
                   f"unknown severity {caveat.severity!r} (one of: {', '.join(SEVERITIES)})")
            if caveat.source and caveat.source not in keys:
                at(index, fact, f"caveats[{n}].source",
                   f"unknown source key {caveat.source!r}{_suggest(caveat.source, keys)}")
        for n, better in enumerate(fact.better_values):
            if better.source and better.source not in keys:
                at(index, fact, f"better_values[{n}].source",
                   f"unknown source key {better.source!r}{_suggest(better.source, keys)}")
        for n, value in enumerate(fact.values):
            if value.unit == "percent" and not math.isnan(value.value) and not 0 <= value.value <= 100:
                at(index, fact, f"values[{n}].value", f"a percentage must be between 0 and 100, got {value.value}")
    by_id: dict[str, Fact] = {}
    for fact in facts:
        by_id.setdefault(fact.id, fact)
    for index, fact in enumerate(facts):
        for message, field in _derivation_problems(fact, by_id):
            at(index, fact, field, message)
    for index, fact, field, message in _declared_problems(facts, declared):
        at(index, fact, field, message)
    return problems


def _declared_problems(facts: list[Fact], declared: Declarations | None) -> Iterator[tuple[int, Fact, str, str]]:
    """Facts' names, figures and units against the declarations (the yes and no rule where there are none)."""
    entities, measures = (declared.entities, declared.measures) if declared is not None else ([], [])
    units = UnitNames(declared.units if declared is not None else ())
    names = EntityNames(entities)
    has_events = any(entity.kind == EVENT for entity in entities)
    by_name = {measure.name: measure for measure in measures}
    for index, fact in enumerate(facts) if entities or measures or units else ():
        for field, message in fact_name_problems(fact, names, has_events):
            yield index, fact, field, message
        for field, message in value_measure_problems(fact, by_name) if measures else ():
            yield index, fact, field, message
        for field, message in value_unit_problems(fact, units) if units else ():
            yield index, fact, field, message
    clashes: list[tuple[int, Fact, str, str]] | None = [] if measures else None
    pairs = complementary_pairs(measures) if measures else [(YES_SHARE, NO_SHARE)]
    figures = figures_of(facts, clashes, names.scope_key)
    yield from clashes or ()
    for index, fact, message in share_sum_problems(figures, pairs):
        yield index, fact, "values", message


def _check_sources(sources: list[Source], lines: LineIndex, file: str, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []

    def at(index: int, source: Source, field: str, message: str) -> None:
        problems.append(Problem(file, message, line=lines.line(index, field), fact_id=source.key or None,
                                field=field, id_label="key"))

    keys = UniqueIds(lines, "key")
    footnote_owner: dict[int, str] = {}
    for index, source in enumerate(sources):
        for message in keys.problems(index, source.key):
            at(index, source, "key", message)
        if source.kind and source.kind not in SOURCE_KINDS:
            at(index, source, "kind", f"unknown kind {source.kind!r} (one of: {', '.join(SOURCE_KINDS)})")
        if source.language and not _LANG.fullmatch(source.language):
            at(index, source, "language", f"{source.language!r} is not a language code like 'en' or 'tr'")
        if source.language and not source.language.startswith("en") and not source.title_en:
            at(index, source, "title_en", "a title not in English needs its English translation")
        if source.url and not re.match(r"^https?://[^\s/]+", source.url):
            at(index, source, "url", "only http and https URLs are accepted")
        if source.accessed and not source.url:
            at(index, source, "accessed", "an access date needs a url")
        for field, date in (("accessed", source.accessed), ("published", source.published)):
            if date and date.as_date() > today:
                at(index, source, field, f"{date} is in the future")
        if source.footnotes and not source.from_article:
            at(index, source, "footnotes", "only sources from the article have footnote numbers")
        for number in source.footnotes:
            owner = footnote_owner.setdefault(number, source.key)
            if owner != source.key:
                at(index, source, "footnotes", f"footnote {number} is already source {owner!r}")
    return problems


def _suggest(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_OPS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
}


def evaluate_arithmetic(expression: str) -> tuple[float, list[float]]:
    """Value of a plain arithmetic expression and the numbers it uses; ValueError for anything else."""
    if len(expression) > MAX_DERIVATION_CHARS:
        raise ValueError(f"a derivation is at most {MAX_DERIVATION_CHARS} characters")
    try:
        tree = ast.parse(expression, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        # ValueError: NUL bytes; RecursionError/MemoryError: absurd nesting.
        raise ValueError(f"{_short_repr(expression)} is not arithmetic") from None
    operands: list[float] = []

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                and not isinstance(node.value, bool):
            operands.append(float(node.value))
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise ValueError(f"{expression!r} may hold only numbers and + - * /")

    try:
        result = walk(tree)
    except ZeroDivisionError:
        raise ValueError(f"{expression!r} divides by zero") from None
    except (OverflowError, RecursionError):
        raise ValueError(f"{expression!r} holds a number too large to compute with") from None
    if not math.isfinite(result):
        raise ValueError(f"{expression!r} does not give a finite number")
    return result, operands


def _short_repr(text: str) -> str:
    shown = repr(text)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _derivation_problems(fact: Fact, by_id: dict[str, Fact]) -> list[tuple[str, str]]:
    if not fact.derived_from:
        return [("a derivation needs derived_from", "derivation")] if fact.derivation else []
    problems = [(f"derived from unknown fact {ref!r}", "derived_from") for ref in fact.derived_from
                if ref not in by_id]
    if not fact.derivation:
        return [*problems, ("a derived fact needs its derivation, e.g. '100 - 53.26'", "derivation")]
    try:
        result, operands = evaluate_arithmetic(fact.derivation)
    except ValueError as exc:
        return [*problems, (str(exc), "derivation")]
    if not fact.values:
        return [*problems, ("a derived fact needs the value it derives", "values")]
    if not any(abs(result - value.value) <= 0.005 + 1e-9 for value in fact.values):
        stated = ", ".join(f"{value.value:.12g}" for value in fact.values)
        problems.append((f"derivation gives {result:.12g}, but the fact's values are {stated}", "derivation"))
    sources = {v.value for ref in fact.derived_from if ref in by_id for v in by_id[ref].values}
    for number in operands:
        if number not in sources and number not in (100.0, 1.0):
            problems.append((f"{number:.12g} in the derivation is not a value of {', '.join(fact.derived_from)}",
                             "derivation"))
    return problems
