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


# Every option and argument that names an entry, given a real id or key with a newline after it.
NAMED_WITH_A_NEWLINE = [
    ("show", "island-no-2020\n"), ("cite", "island-no-2020\n"), ("export", "--facts", "island-no-2020\n"),
    ("list", "--source", "daily-news\n"), ("timeline", "--source", "daily-news\n"),
    ("search", "turnout", "--source", "daily-news\n"),
    ("edit-fact", "island-no-2020\n", "--claim", "A claim."), ("edit-source", "daily-news\n", "--note", "n"),
    ("correct", "island-no-2020\n", "--caveat", "note: checked"), ("retire", "island-no-2020\n", "--reason", "r"),
    ("remove", "island-future\n"), ("remove", "--source", "daily-news\n", "--force"),
    ("add-source", "--key", "new-key\n", "--outlet", "O", "--title", "T", "--kind", "news-article"),
    ("add-fact", "--claim", "A new claim.", "--kind", "event", "--cite", "daily-news\n:1"),
    ("add-fact", "--claim", "A new claim.", "--kind", "event", "--derived-from", "island-no-2020\n",
     "--derivation", "100 - 53.26"),
    ("add-fact", "--claim", "A new claim.", "--kind", "event", "--caveat", "note@daily-news\n: text"),
    ("add-fact", "--claim", "A new claim.", "--kind", "statistic", "--value", "5 percent share",
     "--better", "daily-news\n: 6 percent share"),
]


@pytest.mark.parametrize("args", NAMED_WITH_A_NEWLINE, ids=lambda a: "-".join(a[:2]).replace("\n", "\\n"))
def test_an_id_or_key_with_a_newline_after_it_names_nothing(args: tuple[str, ...], run_cli: RunCli,
                                                            mini_base: Path) -> None:
    before = {name: (mini_base / name).read_bytes() for name in ("facts.toml", "sources.toml")}
    result = run_cli(*args, "--base", str(mini_base))
    assert result.code == 2, result.stdout
    assert result.stderr.count("\n") == 1
    assert {name: (mini_base / name).read_bytes() for name in before} == before
