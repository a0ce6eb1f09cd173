"""What a terminal user expects of every command: help with examples, --version, completion, colour, paging."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer

from nc_facts import __version__
from nc_facts.cli import _register_commands
from nc_facts.cli.app import app

from conftest import MINI_BASE, RunCli

COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;)[0-9;]*m")


def all_command_paths() -> list[tuple[str, ...]]:
    """Every command of the app, sub-commands of groups included, as registered now."""
    _register_commands()
    paths: list[tuple[str, ...]] = []

    def walk(group: click.Group, prefix: tuple[str, ...]) -> None:
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                walk(command, (*prefix, name))
            else:
                paths.append((*prefix, name))

    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    walk(root, ())
    return paths


def test_the_desk_commands_are_registered() -> None:
    names = {path[-1] for path in all_command_paths()}
    assert {"search", "list", "timeline", "init", "add-fact", "add-source"} <= names


@pytest.mark.parametrize("path", all_command_paths(), ids=" ".join)
def test_every_command_has_help_and_examples(run_cli: RunCli, path: tuple[str, ...]) -> None:
    result = run_cli(*path, "--help")
    assert result.code == 0, result.stderr
    assert "Usage:" in result.stdout
    assert "Examples:" in result.stdout
    assert " ".join(("nc-facts", *path)) in result.stdout.split("Examples:", 1)[1]


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert result.stdout.strip() == f"nc-facts {__version__}"


@pytest.mark.parametrize(("shell", "marker"), [("bash", "complete -o default -F"), ("zsh", "compdef"),
                                               ("fish", "complete --command nc-facts")])
def test_show_completion_for_each_shell(run_cli: RunCli, shell: str, marker: str) -> None:
    # Typer detects the shell from the parent process; this variable makes it take the shell as an argument.
    result = run_cli("--show-completion", shell, env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.code == 0, result.stderr
    assert "_NC_FACTS_COMPLETE" in result.stdout
    assert marker in result.stdout


def test_install_completion_writes_to_the_users_shell_files(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("--install-completion", "bash",
                     env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1", "HOME": str(tmp_path)})
    assert result.code == 0, result.stderr
    assert "nc-facts" in (tmp_path / ".bashrc").read_text() or "nc_facts" in (tmp_path / ".bashrc").read_text()


def test_completion_completes_commands_and_kinds(run_cli: RunCli) -> None:
    commands = run_cli(env={"_NC_FACTS_COMPLETE": "complete_bash", "COMP_WORDS": "nc-facts time",
                            "COMP_CWORD": "1"})
    assert commands.stdout.split() == ["timeline"]
    kinds = run_cli(env={"_NC_FACTS_COMPLETE": "complete_bash", "COMP_WORDS": "nc-facts list --kind alle",
                         "COMP_CWORD": "3"})
    assert kinds.stdout.split() == ["allegation"]


@pytest.mark.parametrize("command", [("list",), ("timeline",), ("search", "referendum")])
def test_colour_only_when_wanted(run_cli: RunCli, command: tuple[str, ...]) -> None:
    args = (*command, "--base", str(MINI_BASE))
    forced = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    assert COLOUR.search(run_cli(*args, env=forced).stdout)
    assert not COLOUR.search(run_cli(*args, env={**forced, "NO_COLOR": "1"}).stdout)
    assert not COLOUR.search(run_cli(*args, "--no-color", env=forced).stdout)


def test_output_is_paged_only_with_pager(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    import pydoc

    paged: list[str] = []
    monkeypatch.setattr(pydoc, "pager", paged.append)
    plain = run_cli("list", "--base", str(MINI_BASE))
    assert paged == []
    assert "island-future" in plain.stdout
    run_cli("list", "--base", str(MINI_BASE), "--pager")
    assert len(paged) == 1 and "island-future" in paged[0]


@pytest.mark.parametrize(("args", "usage"), [((), "Usage: nc-facts [OPTIONS] COMMAND"),
                                              (("cache",), "Usage: nc-facts cache [OPTIONS] COMMAND")])
def test_a_command_run_without_arguments_shows_its_help_and_no_empty_error(run_cli: RunCli, args: tuple[str, ...],
                                                                          usage: str) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert usage in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(("args", "wanted"), [
    (["--debug", "search", "x"], True),
    (["search", "--debug"], False),  # not a search option: Click rejects it
    (["check", "--", "--debug"], False),  # a claim that reads "--debug"
    (["search", "--debug x"], False),
    ([], False),
])
def test_debug_is_an_option_before_the_command(args: list[str], wanted: bool) -> None:
    from nc_facts import cli

    assert cli._wants_debug(args) is wanted


@pytest.mark.parametrize(("command", "shown"), [
    ("add-fact", "(default: made from the claim)"), ("add-source", "(default: made from outlet and title)"),
    ("import", "(default: from the file's name)"), ("search", "(default: the bundled base)"),
])
def test_defaults_named_in_help_are_shown_not_taken_for_markup(run_cli: RunCli, command: str, shown: str) -> None:
    # Rich reads "[default: ...]" as a style tag and prints nothing of it.
    result = run_cli(command, "--help", env={"COLUMNS": "200"})
    assert result.code == 0
    assert shown in " ".join(result.stdout.split())
