"""Rules a fact base must keep beyond types: references resolve, dates are
plausible, and figures agree with each other.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from .model import FACT_KINDS, SEVERITIES, SOURCE_KINDS, Fact, Source
from .problems import Problem
from .toml_lines import LineIndex

_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Shares printed to two decimals may each be off by 0.005; two of them by 0.01.
SHARE_TOLERANCE = 0.011
# An approximate figure ("approximately 80 %") is only good to the unit.
APPROXIMATE_TOLERANCE = 1.0
# A derivation is a short sum like "100 - 53.26"; longer text is not one (and could exhaust the parser).
MAX_DERIVATION_CHARS = 200
YES_SHARE, NO_SHARE = "yes share", "no share"


def check_base_rules(facts: list[Fact], fact_lines: LineIndex, sources: list[Source], source_lines: LineIndex,
                     facts_file: str, sources_file: str, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []
    problems += _check_sources(sources, source_lines, sources_file, today)
    keys = {source.key for source in sources}
    footnotes = {source.key: set(source.footnotes) for source in sources}

    def at(index: int, fact: Fact, field: str, message: str) -> None:
        problems.append(Problem(facts_file, message, line=fact_lines.line(index, field), fact_id=fact.id or None,
                                field=field))

    seen: dict[str, int] = {}
    for index, fact in enumerate(facts):
        if fact.id and not _ID.fullmatch(fact.id):
            at(index, fact, "id", "ids are lowercase letters, digits and hyphens")
        if fact.id in seen:
            at(index, fact, "id", f"duplicate id (first used on line {fact_lines.line(seen[fact.id], 'id')})")
        seen.setdefault(fact.id, index)
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
                at(index, fact, f"caveats[{n}].source", f"unknown source key {caveat.source!r}")
        for n, better in enumerate(fact.better_values):
            if better.source and better.source not in keys:
                at(index, fact, f"better_values[{n}].source", f"unknown source key {better.source!r}")
        for n, value in enumerate(fact.values):
            if value.unit == "percent" and not math.isnan(value.value) and not 0 <= value.value <= 100:
                at(index, fact, f"values[{n}].value", f"a percentage must be between 0 and 100, got {value.value}")
    by_id: dict[str, Fact] = {}
    for fact in facts:
        by_id.setdefault(fact.id, fact)
    for index, fact in enumerate(facts):
        for message, field in _derivation_problems(fact, by_id):
            at(index, fact, field, message)
    for index, fact, message in _share_problems(facts):
        at(index, fact, "values", message)
    return problems


def _check_sources(sources: list[Source], lines: LineIndex, file: str, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []

    def at(index: int, source: Source, field: str, message: str) -> None:
        problems.append(Problem(file, message, line=lines.line(index, field), fact_id=source.key or None,
                                field=field, id_label="key"))

    seen: dict[str, int] = {}
    footnote_owner: dict[int, str] = {}
    for index, source in enumerate(sources):
        if source.key and not _ID.fullmatch(source.key):
            at(index, source, "key", "keys are lowercase letters, digits and hyphens")
        if source.key in seen:
            at(index, source, "key", f"duplicate key (first used on line {lines.line(seen[source.key], 'key')})")
        seen.setdefault(source.key, index)
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
        stated = ", ".join(f"{value.value:g}" for value in fact.values)
        problems.append((f"derivation gives {result:g}, but the fact's values are {stated}", "derivation"))
    sources = {v.value for ref in fact.derived_from if ref in by_id for v in by_id[ref].values}
    for number in operands:
        if number not in sources and number not in (100.0, 1.0):
            problems.append((f"{number:g} in the derivation is not a value of {', '.join(fact.derived_from)}",
                             "derivation"))
    return problems


def _share_problems(facts: list[Fact]) -> list[tuple[int, Fact, str]]:
    """Yes and No shares of one event must add up to 100 within rounding."""
    shares: dict[str, dict[str, tuple[int, Fact, float, bool]]] = defaultdict(dict)
    for index, fact in enumerate(facts):
        if not fact.event:
            continue
        for value in fact.values:
            if value.unit == "percent" and value.measure in (YES_SHARE, NO_SHARE):
                shares[fact.event].setdefault(value.measure, (index, fact, value.value, value.approximate))
    problems = []
    for event, found in shares.items():
        if len(found) < 2:
            continue
        (index, fact, yes, yes_approx), (_, _, no, no_approx) = found[YES_SHARE], found[NO_SHARE]
        tolerance = APPROXIMATE_TOLERANCE if yes_approx or no_approx else SHARE_TOLERANCE
        if abs(yes + no - 100) > tolerance:
            problems.append((index, fact, f"yes ({yes:g}) and no ({no:g}) shares of {event} add up to "
                                          f"{yes + no:g}, not 100"))
    return problems
