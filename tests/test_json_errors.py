"""A failing command run with --json or --jsonl prints one JSON error document on stdout beside its stderr line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, RunCli

BROKEN = DATA.parent / "broken" / "unknown-source-key"
NOWHERE = "/nonexistent/nc-facts-base"

# One failing run of every command that takes --json (export has --format json instead).
FAILING = [
    ("search", "turnout", "--base", NOWHERE, "--json"),
    ("search", "turnout", "--kind", "nope", "--base", NOWHERE, "--json"),
    ("show", "no-such-fact", "--json"),
    ("sources", "--base", NOWHERE, "--json"),
    ("validate", "--base", NOWHERE, "--json"),
    ("check", "Turnout was 80%", "--base", NOWHERE, "--json"),
    ("check", "--file", NOWHERE, "--jsonl"),
    ("list", "--kind", "nope", "--json"),
    ("timeline", "--from", "not-a-date", "--json"),
    ("add-source", "--base", NOWHERE, "--key", "k", "--outlet", "o", "--title", "t", "--json"),
    ("cite", "no-such-fact", "--json"),
    ("search", "--limit", "x", "turnout", "--json"),
]


@pytest.mark.parametrize("args", FAILING, ids=lambda a: "-".join(a[:2]))
def test_failure_is_one_json_document(args: tuple[str, ...], run_cli: RunCli,
                                      validate_json: Callable[[Any, str], None]) -> None:
    result = run_cli(*args)
    assert result.code == 2
    document = result.json()
    validate_json(document, "error")
    assert result.stderr.splitlines()[-1] == f"nc-facts: error: {document['error']['message']}"
    assert document["error"]["exit_code"] == 2


def test_base_error_names_file_line_and_field(run_cli: RunCli) -> None:
    result = run_cli("search", "turnout", "--base", str(BROKEN), "--json")
    assert result.code == 2
    error = result.json()["error"]
    assert (error["file"], error["line"], error["field"]) == (f"{BROKEN}/facts.toml", 22, "citations[0].source")
    assert error["message"].endswith("unknown source key 'daily-nwes' (did you mean 'daily-news'?)")


def test_unknown_place_is_null(run_cli: RunCli) -> None:
    error = run_cli("show", "no-such-fact", "--json").json()["error"]
    assert error == {"message": "no fact with id 'no-such-fact'", "file": None, "line": None, "field": None,
                     "exit_code": 2, "problems": []}


def test_human_failure_prints_nothing_on_stdout(run_cli: RunCli) -> None:
    result = run_cli("show", "no-such-fact")
    assert (result.code, result.stdout) == (2, "")


def test_json_after_double_dash_is_a_query_not_a_flag(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("search", "--base", str(tmp_path / "none"), "--", "--json")
    assert (result.code, result.stdout) == (2, "")


def test_a_refused_entry_lists_every_problem_as_validate_would(run_cli: RunCli, mini_base: Path,
                                                               validate_json: Callable[[Any, str], None]) -> None:
    result = run_cli("add-fact", "--base", str(mini_base), "--claim", "A new claim.", "--kind", "statistic",
                     "--cite", "nowhere", "--caveat", "doubtful: it may not hold", "--json")
    assert result.code == 2
    validate_json(result.json(), "error")
    error = result.json()["error"]
    # Lines of the file as it would be: the entry follows the old last line and one blank line.
    lines = len((mini_base / "facts.toml").read_text(encoding="utf-8").splitlines())
    assert [(p["line"], p["field"], p["message"]) for p in error["problems"]] == [
        (lines + 8, "citations[0].source", "unknown source key 'nowhere'"),
        (lines + 11, "caveats[0].severity",
         "unknown severity 'doubtful' (one of: wrong, misleading, imprecise, note)")]
    assert (error["line"], error["field"]) == (lines + 8, "citations[0].source")
