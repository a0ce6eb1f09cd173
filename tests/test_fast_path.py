"""The read commands run without Typer and print exactly what the Typer commands print."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nc_facts import base_dir
from nc_facts.cli import fast
from nc_facts.loader import resolve_base_dir

from conftest import DATA, MINI_BASE, RunCli

MINI = str(MINI_BASE)
DRAFT = str(DATA / "ingest" / "canal-article.md")
ARGUMENT_LISTS = [
    ["search", "2020 turnout"], ["search", "2020 turnout", "--json"], ["search", "--json", "turnout"],
    ["search", "turnout", "--limit", "2"], ["search", "turnout", "-n", "1", "--json"], ["search", "turnout", "-n1"],
    ["search", "turnout", "--limit=3", "--json"], ["search", "turnout", "--limit", "0"],
    ["search", "turnout", "--limit", "x"], ["search", "turnout", "--limit"], ["search", "turnout", "-n", "-1"],
    ["search", "turnout", "--base", MINI], ["search", "turnout", "-b", MINI, "--json"],
    ["search", "turnout", f"-b{MINI}"], ["search", "turnout", f"--base={MINI}", "--json"],
    ["search", "turnout", "--base", "/no/such/base"], ["search", "turnout", "--base", ""],
    ["search", "xyzzy", "--json"], ["search", "xyzzy"], ["search", "", "--json"], ["search", "   "],
    ["search", "the", "--json"], ["search", "-", "--json"], ["search", "--", "-x"], ["search"],
    ["search", "a", "b"], ["search", "turnout", "--no-color"], ["search", "turnout", "--json", "--json"],
    ["search", "turnout", "--limit", "2", "--limit", "1", "--json"], ["search", "--help"], ["search", "-h"],
    ["search", "turnout", "--jsn"], ["search", "turnout", "--debug"], ["--debug", "search", "turnout"],
    ["search", "Nouvelle-Calédonie annexion", "--json"], ["search", "darmanin", "--limit", "007", "--json"],
    ["search", "referendum", "--tag", "referendum", "--json"], ["search", "protests", "--kind", "allegation"],
    ["search", "turnout", "--from", "2020", "--to", "2021-06", "--year", "2020"], ["search", "x", "--year", "+5"],
    ["search", "turnout", "--tag", "referendm"], ["search", "turnout", "--kind", "nope"], ["search", "a", "--tag"],
    ["show", "referendum-2020-turnout"], ["show", "referendum-2020-turnout", "--json", "-b", MINI],
    ["show", "referendum-2020-turnot"], ["show"], ["show", "a", "b"], ["show", "--help"],
    ["list"], ["list", "--tag", "referendum", "--json"], ["list", "--tag", "REFERENDUM", "--tag", "history"],
    ["list", "--unsourced", "--caveats"], ["list", "--claimant", "darmanin", "--include-retired", "--json"],
    ["list", "--year", "2018", "--from", "2024"], ["list", "--from", "2025", "--to", "2024"], ["list", "extra"],
    ["list", "--year=2020", "--json"], ["list", "--source", "bbc"], ["list", "--pager", "--kind", "event"],
    ["timeline"], ["timeline", "--from", "2024-04", "--to", "2024-06", "--json"], ["timeline", "--year", "1853"],
    ["cite", "referendum-2020-turnout", "darmanin-allegation-2024", "--notes"],
    ["cite", "referendum-2020-turnout", "referendum-2020-turnout", "--notes", "--format", "markdown"],
    ["cite", "referendum-2020-turnout", "-s", "apa", "--json"], ["cite", "nope"], ["cite"], ["cite", "--notes"],
    ["cite", "referendum-2020-turnout", "-Fhtml"],
    ["export"], ["export", "--format", "ris", "--facts", "referendum-2020-turnout"], ["export", "-q", "darmanin"],
    ["export", "--style", "apa", "--format", "markdown", "-f", "referendum-2020-turnout"], ["export", "--json"],
    ["export", "--facts", "nope"], ["export", "--format", "nope"],
    ["check", "Turnout in the 2020 referendum was 80%"], ["check", "In 2018, 56.7% voted no", "--json"],
    ["check", "In 2018, 56.7% voted no", "--format", "claimreview", "--url", "https://example.org/c"],
    ["check", "x", "--format", "JSON"], ["check", "x", "--format", "xml"], ["check"], ["check", "a", "b"],
    ["check", "--file", DRAFT, "--jsonl"], ["check", "--file", DRAFT, "-b", MINI], ["check", "a", "--file", DRAFT],
    ["check", "a", "--jsonl", "--format", "claimreview"], ["check", "--file", "/no/such/draft.md", "--json"],
    ["check", "-f", DRAFT, "--format=json"], ["check", f"-f{DRAFT}", "--json", "-b", MINI], ["check", ""],
    ["check", "--format", "claimreview", "Turnout in 2020 was 85.64 %.", "--url=https://example.org/"],
    ["check", "x", "--url"], ["check", "--", "-x"], ["check", "x", "--file"], ["check", "x", "--format", ""],
    ["check", "--help"], ["check", "Turnout in 2020 was 85.64 %.", "--no-color", "--jsonl"],
]


@pytest.mark.parametrize("args", ARGUMENT_LISTS, ids=" ".join)
def test_fast_path_prints_what_typer_prints(args: list[str], run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_run = run_cli(*args)
    with monkeypatch.context() as patch:
        patch.setattr("nc_facts.cli.parse_command", lambda _args: None)
        typer_run = run_cli(*args)
    assert (fast_run.code, fast_run.stdout, fast_run.stderr) == (typer_run.code, typer_run.stdout, typer_run.stderr)


def test_the_plain_shapes_take_the_fast_path() -> None:
    taken = [args for args in ARGUMENT_LISTS if fast.parse_command(args) is not None]
    assert ["search", "2020 turnout"] in taken
    assert ["search", "turnout", f"--base={MINI}", "--json"] in taken
    assert ["list", "--tag", "referendum", "--json"] in taken and ["cite", "nope"] in taken
    assert ["search", "--help"] not in taken and ["search", "turnout", "--limit", "0"] not in taken
    assert ["show", "a", "b"] not in taken and ["search", "x", "--year", "+5"] not in taken
    assert ["check", "In 2018, 56.7% voted no", "--json"] in taken and ["check", "--file", DRAFT, "--jsonl"] in taken
    assert ["check", "x", "--format", "JSON"] not in taken and ["check", "a", "b"] not in taken


def test_the_check_formats_are_the_commands() -> None:
    from nc_facts.cli.commands.check import CheckFormat

    assert fast._CHOICES["output_format"] == {choice.value for choice in CheckFormat}


def test_check_reads_a_draft_from_stdin_on_the_fast_path() -> None:
    parsed = fast.parse_command(["check", "--file", "-", "--jsonl"])
    assert parsed is not None and parsed.values["file"] == "-" and parsed.values["claim"] is None


def test_an_empty_base_variable_is_left_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NC_FACTS_BASE", "")
    assert fast.parse_command(["search", "turnout"]) is None
    monkeypatch.setenv("NC_FACTS_BASE", MINI)
    parsed = fast.parse_command(["search", "turnout"])
    assert parsed is not None and parsed.values["base"] is None


@pytest.mark.parametrize("base", [None, MINI, "relative/dir/", "./a//b/.", "//net/share", "///x", "a/../b", "."])
def test_base_directory_spelling_matches_the_loader(base: str | None) -> None:
    assert base_dir.base_dir_text(base) == str(resolve_base_dir(base))


@given(st.text(alphabet="ab./", min_size=1, max_size=12))
def test_pure_path_matches_pathlib(text: str) -> None:
    assert base_dir._pure_path(text) == str(PurePosixPath(text))


def test_json_search_loads_neither_typer_nor_rich(tmp_path: Path) -> None:
    script = ("import sys; from nc_facts.cli import main; code = main(['search', '2020 turnout', '--json']); "
              "print(sorted(m for m in ('typer', 'click', 'rich', 'nc_facts.loader') if m in sys.modules))")
    env = dict(os.environ, NC_FACTS_CACHE_DIR=str(tmp_path))
    subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True)  # builds the index
    output = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert output.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("command", [["show", "referendum-2020-turnout"], ["list", "--tag", "referendum"],
                                     ["timeline", "--from", "2020"], ["search", "turnout", "--kind", "statistic"]],
                         ids=" ".join)
def test_json_read_commands_load_neither_typer_rich_nor_the_loader(command: list[str], tmp_path: Path) -> None:
    script = (f"import sys; from nc_facts.cli import main; code = main({[*command, '--json']!r}); "
              "print(sorted(m for m in ('typer', 'click', 'rich', 'nc_facts.loader') if m in sys.modules))")
    env = dict(os.environ, NC_FACTS_CACHE_DIR=str(tmp_path))
    subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True)  # builds the index
    output = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert output.stdout.strip().splitlines()[-1] == "[]"
