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


# A failing run of every command of the app, by its path; {base} is a writable copy of the mini base. Each is
# one a script could meet: a missing file, an unknown id, a bad option value, a refused edit.
FAILING_BY_COMMAND: dict[str, list[tuple[str, ...]]] = {
    "search": [("search", "turnout", "--base", NOWHERE, "--json")],
    "pick": [],  # interactive, without --json (search --json is its JSON)
    "show": [("show", "no-such-fact", "--base", "{base}", "--json"), ("show", "island-no-2020\n", "--base", "{base}",
                                                                       "--json")],
    "sources": [("sources", "--base", NOWHERE, "--json")],
    "validate": [("validate", "--base", NOWHERE, "--json")],
    "check": [("check", "Turnout was 80%", "--base", NOWHERE, "--json"), ("check", "--file", NOWHERE, "--jsonl"),
              ("check", "Turnout was 80%", "--format", "claimreview", "--base", NOWHERE)],
    "annotate": [("annotate", NOWHERE, "--json"), ("annotate", "-", "--base", NOWHERE, "--json")],
    "list": [("list", "--kind", "nope", "--json"), ("list", "--source", "daily-news\n", "--base", "{base}", "--json")],
    "timeline": [("timeline", "--from", "not-a-date", "--json")],
    "init": [("init", "{base}", "--json")],
    "add-source": [("add-source", "--base", NOWHERE, "--key", "k", "--outlet", "o", "--title", "t", "--json"),
                   ("add-source", "--base", "{base}", "--key", "daily-news", "--outlet", "o", "--title", "t",
                    "--kind", "news-article", "--json")],
    "add-fact": [("add-fact", "--base", "{base}", "--claim", "A claim.", "--kind", "nope", "--json"),
                 ("add-fact", "--base", "{base}", "--claim", "A claim.", "--kind", "event", "--cite", "daily-news\n",
                  "--json")],
    "edit-fact": [("edit-fact", "no-such-fact", "--base", "{base}", "--claim", "A claim.", "--json"),
                  ("edit-fact", "island-no-2020\n", "--base", "{base}", "--claim", "A claim.", "--json")],
    "edit-source": [("edit-source", "daily-news\n", "--base", "{base}", "--note", "n", "--json")],
    "correct": [("correct", "island-no-2020\n", "--base", "{base}", "--caveat", "note: checked", "--json")],
    "retire": [("retire", "island-no-2020\n", "--base", "{base}", "--reason", "r", "--json")],
    "remove": [("remove", "island-no-2020\n", "--base", "{base}", "--json"),
               ("remove", "daily-news\n", "--source", "--base", "{base}", "--json")],
    "import": [("import", NOWHERE + ".bib", "--base", "{base}", "--json")],
    "ingest": [("ingest", NOWHERE, "--base", "{base}", "--json")],
    "cite": [("cite", "no-such-fact", "--json"), ("cite", "island-no-2020\n", "--base", "{base}", "--json")],
    "export": [("export", "--format", "json", "--base", NOWHERE), ("export", "-F", "csl-json", "--facts", "nope"),
               ("export", "--format=json", "--facts", "island-no-2020\n", "--base", "{base}")],
    "cache path": [("cache", "path", "--json", "--no-such-option")],
    "cache clear": [("cache", "clear", "--json", "--no-such-option")],
}


def app_commands() -> dict[str, Any]:
    """Every command the app runs, by its path ("cache clear"), read from the Typer app itself."""
    import click
    import typer

    from nc_facts.cli import _register_commands
    from nc_facts.cli.app import app

    _register_commands()
    found: dict[str, Any] = {}

    def walk(group: click.Group, prefix: str) -> None:
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                walk(command, f"{prefix}{name} ")
            else:
                found[prefix + name] = command

    walk(typer.main.get_command(app), "")  # type: ignore[arg-type]
    return found


def takes_json(command: Any) -> bool:
    return any(set(getattr(p, "opts", ())) & {"--json", "--jsonl"} for p in command.params)


def test_every_command_has_a_failing_run_here_and_every_json_one_has_one() -> None:
    commands = app_commands()
    assert sorted(FAILING_BY_COMMAND) == sorted(commands)  # a new command must be added above
    for path, command in commands.items():
        if takes_json(command) or path == "export":
            assert FAILING_BY_COMMAND[path], f"{path} takes --json but has no failing run"
        else:
            assert path == "pick", f"{path} has no --json: say why in FAILING_BY_COMMAND"


EVERY_FAILING = [(path, args) for path, runs in FAILING_BY_COMMAND.items() for args in runs]


@pytest.mark.parametrize(("path", "args"), EVERY_FAILING,
                         ids=[f"{path}-{n}" for n, (path, _) in enumerate(EVERY_FAILING)])
def test_every_command_failing_prints_one_json_error_document(path: str, args: tuple[str, ...], run_cli: RunCli,
                                                              mini_base: Path,
                                                              validate_json: Callable[[Any, str], None]) -> None:
    before = {name: (mini_base / name).read_bytes() for name in ("facts.toml", "sources.toml")}
    result = run_cli(*(arg.replace("{base}", str(mini_base)) for arg in args))
    assert result.code == 2, result.stderr
    document = result.json()  # the whole of stdout is one document
    validate_json(document, "error")
    assert document["error"]["exit_code"] == 2
    assert result.stderr.splitlines()[-1] == f"nc-facts: error: {document['error']['message']}"
    assert {name: (mini_base / name).read_bytes() for name in before} == before
