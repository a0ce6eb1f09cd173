"""The loader's fast path builds exactly what the checking path builds, and only for tables without problems."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from nc_facts import loader
from nc_facts.errors import BaseInvalidError
from nc_facts.problems import Problem
from nc_facts.toml_lines import LineIndex

from conftest import MINI_BASE, ROOT, write_synthetic_base

BROKEN = Path(__file__).resolve().parent / "broken"


def checked(table: dict[str, Any]) -> tuple[object, list[Problem]]:
    """The fact the checking path reads from ``table`` and the problems it records."""
    problems: list[Problem] = []
    reader = loader._Reader("facts.toml", LineIndex("", "fact"), 0, problems, None)
    return loader._read_fact(reader, table), problems


def assert_agrees(table: dict[str, Any]) -> bool:
    """The fast path either declines ``table`` or builds what the checking path builds without a problem."""
    fast = loader._fast_fact(table)
    slow, problems = checked(table)
    if fast is not None:
        assert problems == []
        assert fast == slow
    return fast is not None


def fact_tables(base: Path) -> list[Any]:
    text = (base / "facts.toml").read_text(encoding="utf-8")
    tables: list[Any] = loader.parse_toml(base / "facts.toml", text).get("fact", [])
    return tables


def synthetic_base(directory: Path) -> Path:
    write_synthetic_base(directory, 300, seed=11)
    return directory


def test_every_fact_of_the_real_bases_takes_the_fast_path_and_agrees(tmp_path: Path) -> None:
    for base in (ROOT, MINI_BASE, synthetic_base(tmp_path / "synthetic")):
        tables = fact_tables(base)
        assert tables
        assert all(assert_agrees(table) for table in tables), base


def test_broken_bases_agree() -> None:
    for case in sorted(BROKEN.iterdir()):
        try:
            tables = fact_tables(case)
        except (BaseInvalidError, OSError, UnicodeDecodeError):  # no TOML to read: nothing to compare
            continue
        for table in tables if isinstance(tables, list) else []:
            if isinstance(table, dict):
                assert_agrees(table)


FULL = {
    "id": "a-fact", "claim": "A claim.", "kind": "statistic", "quote": "q", "paragraph": 3, "claimant": "c",
    "event": "e", "dates": ["2020", dt.date(2021, 2, 3)], "entities": ["E"], "tags": ["t"], "aliases": ["a"],
    "values": [{"value": 50, "unit": "percent", "measure": "yes share", "approximate": True, "scope": "north"}],
    "citations": [{"source": "s", "footnote": 2}, {"source": "t", "quote": "q", "locator": "p. 4"}],
    "caveats": [{"severity": "note", "text": "x", "source": "s"}],
    "better_values": [{"value": 1.5, "unit": "u", "measure": "m", "source": "s", "note": "n", "scope": "north"}],
    "derived_from": ["b"], "derivation": "100 - 50",
}
WRONG = ["", "  ", 0, 1, True, 1.5, float("nan"), float("inf"), 10**400, [], ["x"], [1], {}, {"k": 1},
         dt.date(2020, 1, 1), dt.time(1, 2), "2020-13", "x"]


def places(table: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and list position in ``table``, as paths from the top."""
    found = []
    items = table.items() if isinstance(table, dict) else enumerate(table) if isinstance(table, list) else []
    for key, value in items:
        found.append((*path, key))
        found += places(value, (*path, key))
    return found


def replaced(table: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(table)
    target: Any = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def removed(table: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    out = copy.deepcopy(table)
    target: Any = out
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return out


def test_a_full_table_takes_the_fast_path() -> None:
    assert assert_agrees(FULL)


@pytest.mark.parametrize("path", places(FULL), ids=str)
def test_every_wrong_value_anywhere_is_declined_or_agrees(path: tuple[Any, ...]) -> None:
    for value in WRONG:
        assert_agrees(replaced(FULL, path, value))
    assert_agrees(removed(FULL, path))
    if isinstance(path[-1], str):
        assert_agrees(replaced(FULL, (*path[:-1], path[-1] + "x"), 1))  # an unknown field beside it


def test_problem_is_still_importable_from_errors() -> None:
    from nc_facts import errors

    assert errors.Problem is Problem
    with pytest.raises(AttributeError):
        errors.NoSuchName  # noqa: B018
