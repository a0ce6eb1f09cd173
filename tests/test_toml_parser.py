"""TOML read by toml_rs where it can: always what tomllib makes of the text, or tomllib's own error."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nc_facts import toml_parser
from nc_facts.errors import BaseInvalidError
from nc_facts.loader import load_base
from nc_facts.toml_parser import tomllib  # tomli on Python 3.10

from conftest import MINI_BASE

ROOT = Path(__file__).resolve().parent.parent
EVERY_TOML = sorted(path for path in [*ROOT.glob("*.toml"), *(ROOT / "tests").rglob("*.toml")] if path.is_file())


def same(left: Any, right: Any) -> bool:
    """Equal, and of the same types all the way down (a date is not a datetime, 1 is not 1.0)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    if isinstance(left, (dt.datetime, dt.time)) and left.tzinfo is not None:
        return left == right and type(left.tzinfo) is type(right.tzinfo) and left.utcoffset() == right.utcoffset()
    return bool(left == right)


def outcome(read: Any, text: str) -> tuple[str, Any]:
    try:
        return "document", read(text)
    except ValueError as exc:  # tomllib's TOMLDecodeError, or Python's limit on an integer's digits
        return "error", f"{type(exc).__name__}: {exc}"
    except RecursionError:
        return "too deep", None


@pytest.mark.parametrize("path", EVERY_TOML, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_toml_file_of_the_project_reads_as_tomllib_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig", errors="surrogateescape")
    kind, document = outcome(toml_parser.loads, text)
    expected_kind, expected = outcome(tomllib.loads, text)
    assert kind == expected_kind
    assert same(document, expected) if kind == "document" else document == expected


def test_the_bundled_base_is_read_by_toml_rs() -> None:
    pytest.importorskip("toml_rs", reason="toml_rs is installed on Python 3.11 and later only")
    text = (ROOT / "facts.toml").read_text(encoding="utf-8")
    assert toml_parser._by_toml_rs(text) is not None


EDGES = [
    'a = """x\r\ny"""\r\n', "a = '''x\r\ny'''\r\n", "a = 1979-05-27T07:32:00-08:00\nb = 1979-05-27T07:32:00Z\n",
    "a = 1979-05-27 07:32:00.123456789z\n", "a = 07:32\n", "a = {x = 1,\n y = 2}\n", "a = {x = 1, }\n",
    'a = "\\e"\n', 'a = "\\x41"\n', "\ufeffa = 1\n", "a = 99999999999999999999\n", "a = nan\nb = -inf\n",
    "a = 01\n", "[a]\nx = 1\n[a]\n", "a.b = 1\n[a]\nc = 2\n", 'a = "x\x7f"\n', "# x\x7f\na = 1\n",
    'a = """""x"""""\n', "a = [\n  1, # ]]]\n  [2, '[[['],\n]\n", "a = 1\rb = 2\n", "",
]


@pytest.mark.parametrize("text", EDGES)
def test_where_toml_1_1_or_the_parsers_differ_the_text_reads_as_tomllib_reads_it(text: str) -> None:
    kind, document = outcome(toml_parser.loads, text)
    expected_kind, expected = outcome(tomllib.loads, text)
    assert kind == expected_kind
    assert same(document, expected) if kind == "document" else document == expected


@pytest.mark.parametrize(("text", "depth"), [
    ("a = 1\n", 0), ("[[fact]]\na = [1, [2, {b = [3]}]]\n", 4), ('a = "[[[[" # {{{{\n', 0),
    ("a = '''\n[[[['''\nb = \"\"\"\n{{\\\"\"\"\"\"\n", 0), ('a = ["]", ["]", ["]"]]]\n', 3),
])
def test_nesting_is_counted_outside_strings_and_comments(text: str, depth: int) -> None:
    assert toml_parser.nesting_depth(text) == depth


@pytest.mark.parametrize("opener", ["[", "{b = "])
def test_values_nested_past_the_limit_go_to_tomllib_and_fail_cleanly(opener: str, run_cli: Any,
                                                                        tmp_path: Path) -> None:
    closer = "]" if opener == "[" else "}"
    text = "a = " + opener * 20_000 + "1" + closer * 20_000 + "\n"
    assert toml_parser._by_toml_rs(text) is None  # toml_rs would overflow its stack on this
    (tmp_path / "facts.toml").write_text(text, encoding="utf-8")
    (tmp_path / "sources.toml").write_text((MINI_BASE / "sources.toml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    with pytest.raises(BaseInvalidError, match="nested too deeply"):
        load_base(tmp_path)
    result = run_cli("validate", "--base", str(tmp_path))
    assert result.code != 0 and "nested too deeply" in result.stdout and "Traceback" not in result.stderr


BUNDLED = (ROOT / "facts.toml").read_text(encoding="utf-8") + (ROOT / "sources.toml").read_text(encoding="utf-8")
PIECES = st.sampled_from(['"', "'", '"""', "'''", "[", "]", "{", "}", "=", ",", ".", "\n", "\r", "#", "\\",
                          "-", ":", "T", "Z", "e", "0", "9", " ", "\t", "é", "\x7f", "\x00", "inf", "true"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(BUNDLED) - 1), st.integers(10, 600),
       st.lists(st.tuples(st.integers(0, 600), st.booleans(), PIECES), max_size=4))
def test_damaged_pieces_of_the_bundled_base_read_as_tomllib_reads_them(
        start: int, length: int, edits: list[tuple[int, bool, str]]) -> None:
    text = BUNDLED[start:start + length]
    for at, insert, piece in edits:
        at = min(at, len(text))
        text = text[:at] + piece + text[at + (0 if insert else 1):]
    kind, document = outcome(toml_parser.loads, text)
    expected_kind, expected = outcome(tomllib.loads, text)
    assert kind == expected_kind
    assert same(document, expected) if kind == "document" else document == expected
