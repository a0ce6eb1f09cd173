"""Property-based tests: random valid bases load and find every fact by its claim; random bytes and
random TOML never raise anything but the project's own errors."""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nc_facts import loader, serialize
from nc_facts.check import Checker
from nc_facts.errors import NcFactsError
from nc_facts.model import FACT_KINDS
from nc_facts.search import search
from nc_facts.text import content_terms

from conftest import MINI_BASE, bundled_base

SOURCES = (MINI_BASE / "sources.toml").read_text(encoding="utf-8")
SOURCE_KEYS = ["daily-news", "gazete-ada", "encyclopedia-island"]
# No deadline: the machine is shared and timings are noisy; the point is what is raised, not how fast.
PROPERTIES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped, the rest as is."""
    escaped = "".join(f"\\u{ord(ch):04x}" if ch in '"\\' or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F else ch
                      for ch in text)
    return f'"{escaped}"'


def toml_value(value: Any) -> str:
    """A TOML literal for a value of the kinds TOML has (inline tables and arrays included)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def write_base(directory: Path, facts_text: str | bytes, sources_text: str | bytes = SOURCES) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in (("facts.toml", facts_text), ("sources.toml", sources_text)):
        data = content.encode("utf-8") if isinstance(content, str) else content
        (directory / name).write_bytes(data)
    return directory


def loads_or_fails_cleanly(facts_text: str | bytes, sources_text: str | bytes = SOURCES) -> None:
    """Load the base; only NcFactsError may come out, and a loaded base must search and serialise."""
    with tempfile.TemporaryDirectory() as tmp:
        base_dir = write_base(Path(tmp) / "base", facts_text, sources_text)
        try:
            base = loader.load_base(base_dir)
        except NcFactsError as exc:
            assert str(exc)
            return
        for fact in base.facts:
            json.dumps(serialize.fact_document(fact, base), allow_nan=False)
        if base.facts:
            claim = base.facts[0].claim or "x"
            search(base, claim, 3)
            Checker(base).check(claim)


# Text a person might write: letters of several scripts, digits, punctuation, emoji, controls.
BMP_TEXT = st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=40)
WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzéçğışüöâ"), min_size=1, max_size=9) | \
    st.sampled_from(["Nouméa", "Kanak", "référendum", "نعم", "לא", "1853", "56.7", "85,64", "🗳"])
CLAIM = st.lists(WORD, min_size=1, max_size=12).map(" ".join)

SCALARS = st.one_of(
    st.booleans(), st.integers(), st.floats(), BMP_TEXT,
    st.dates(), st.datetimes(),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(["value", "unit", "measure", "source", "footnote",
                                                         "severity", "text", "x"]), inner, max_size=4),
                      max_leaves=8)
FACT_KEYS = [*sorted(loader._FACT_FIELDS), "unknown", "Claim", "schema_version"]


@st.composite
def valid_facts(draw: st.DrawFn) -> list[dict[str, Any]]:
    claims = draw(st.lists(CLAIM, min_size=1, max_size=8, unique_by=lambda c: tuple(content_terms(c))))
    facts = []
    for n, claim in enumerate(claims):
        fact: dict[str, Any] = {"id": f"fact-{n}", "claim": claim, "kind": draw(st.sampled_from(FACT_KINDS))}
        if draw(st.booleans()):
            fact["citations"] = [{"source": draw(st.sampled_from(SOURCE_KEYS))}]
        if draw(st.booleans()):
            fact["tags"] = draw(st.lists(WORD, max_size=3))
        if draw(st.booleans()):
            fact["dates"] = [draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(2100, 12, 31))).isoformat()]
        facts.append(fact)
    return facts


def facts_toml(facts: list[dict[str, Any]]) -> str:
    lines = ["schema_version = 1"]
    for fact in facts:
        lines.append("[[fact]]")
        lines += [f"{key} = {toml_value(value)}" for key, value in fact.items()]
    return "\n".join(lines) + "\n"


@PROPERTIES
@given(valid_facts())
def test_random_valid_bases_load_and_every_claim_finds_its_fact(facts: list[dict[str, Any]]) -> None:
    assume(all(content_terms(fact["claim"]) for fact in facts))  # a claim of stopwords alone names nothing
    with tempfile.TemporaryDirectory() as tmp:
        base = loader.load_base(write_base(Path(tmp) / "base", facts_toml(facts)))
    assert [fact.id for fact in base.facts] == [fact["id"] for fact in facts]
    for fact in base.facts:
        hits = search(base, fact.claim, limit=len(base.facts))
        ids = [hit.fact.id for hit in hits]
        assert fact.id in ids, (fact.claim, ids)
        own = hits[ids.index(fact.id)]
        assert own.score == hits[0].score, f"{fact.claim!r} ranks behind {hits[0].fact.claim!r}"


@PROPERTIES
@given(st.binary(max_size=2000))
def test_random_bytes_as_facts_never_crash(data: bytes) -> None:
    loads_or_fails_cleanly(data)


@PROPERTIES
@given(st.binary(max_size=2000))
def test_random_bytes_as_sources_never_crash(data: bytes) -> None:
    loads_or_fails_cleanly(facts_toml([{"id": "a", "claim": "a claim", "kind": "event"}]), data)


@PROPERTIES
@given(st.text(max_size=500))
def test_random_text_never_crashes(text: str) -> None:
    loads_or_fails_cleanly(text.encode("utf-8", "surrogatepass"))


@PROPERTIES
@given(st.lists(st.dictionaries(st.sampled_from(FACT_KEYS), VALUES, max_size=8), max_size=4))
def test_random_toml_facts_never_crash(tables: list[dict[str, Any]]) -> None:
    loads_or_fails_cleanly(facts_toml(tables))


@PROPERTIES
@given(st.dictionaries(st.text(max_size=8), VALUES, max_size=6))
def test_random_toml_documents_never_crash(document: dict[str, Any]) -> None:
    text = "\n".join(f"{toml_string(key)} = {toml_value(value)}" for key, value in document.items())
    loads_or_fails_cleanly(text)
    loads_or_fails_cleanly(facts_toml([{"id": "a", "claim": "a claim", "kind": "event"}]), text)


@PROPERTIES
@given(st.dictionaries(st.sampled_from([*sorted(loader._SOURCE_FIELDS), "x"]), VALUES, max_size=8))
def test_random_toml_sources_never_crash(source: dict[str, Any]) -> None:
    sources = "[[source]]\n" + "\n".join(f"{key} = {toml_value(value)}" for key, value in source.items())
    loads_or_fails_cleanly(facts_toml([{"id": "a", "claim": "a claim", "kind": "event",
                                        "citations": [{"source": "k"}]}]), sources)


@functools.cache
def checkers() -> tuple[Checker, Checker]:
    """Checkers of the tiny and the bundled base, made on first use (never at collection)."""
    return Checker(loader.load_base(MINI_BASE)), Checker(bundled_base())


@PROPERTIES
@given(st.one_of(st.text(max_size=300), CLAIM, st.lists(st.sampled_from(
    ["turnout", "85.64", "%", "2020", "not", "no", "yes", "in", "April", "2024", "minister", "1853", "96,49",
     "referendum", "-", "'", "never", "half", "first", "second", "third"]), max_size=14).map(" ".join)))
def test_check_never_raises_anything_but_project_errors(claim: str) -> None:
    for checker in checkers():
        try:
            result = checker.check(claim)
        except NcFactsError:
            assert not claim.strip()
            continue
        assert result is not None
