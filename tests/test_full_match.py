"""Ids, keys and language tags are matched in full: a trailing newline is not a valid id."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RunCli


@pytest.mark.parametrize("fact_id", ["x\n", "island-turnout\n", "ok-id\nmore"])
def test_an_id_with_a_newline_is_refused_and_nothing_written(run_cli: RunCli, mini_base: Path, fact_id: str) -> None:
    before = (mini_base / "facts.toml").read_bytes()
    result = run_cli("add-fact", "--base", str(mini_base), "--json", "--id", fact_id,
                     "--claim", "A claim with a strange id.", "--kind", "statement")
    assert result.code == 2
    assert result.json()["error"]["field"] == "id"
    assert (mini_base / "facts.toml").read_bytes() == before


def test_a_key_with_a_trailing_newline_is_a_problem_of_validate(run_cli: RunCli, mini_base: Path) -> None:
    sources = mini_base / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8").replace('key = "daily-news"', 'key = "daily-news\\n"', 1),
                       encoding="utf-8")
    problems = run_cli("validate", "--base", str(mini_base), "--json").json()["problems"]
    assert [p["field"] for p in problems if p["id"] == "daily-news\n"] == ["key"]
