"""Every broken base gives one line on stderr, exit 2 and no traceback, from every command that loads a base.

The corpus lives in tests/broken/<case>/ with the exact line in expected.txt.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from nc_facts import loader
from nc_facts.errors import BaseInvalidError, BaseNotFoundError

from conftest import MINI_BASE, RunCli

BROKEN = Path(__file__).resolve().parent / "broken"
CASES = sorted(path.name for path in BROKEN.iterdir() if (path / "expected.txt").is_file())


# Commands that ask for fields before touching the base: the least they need to get to loading it.
FIELDS = {
    "add-fact": ["--claim", "A claim.", "--kind", "event"],
    "add-source": ["--outlet", "An outlet", "--title", "A title", "--kind", "profile"],
    "check": ["A claim."],
    "correct": ["--caveat", "note: a caveat"],
    "edit-fact": ["--claim", "A claim."],
    "edit-source": ["--note", "A note."],
}


def base_commands() -> list[list[str]]:
    """Every command that takes --base, with a placeholder for each required argument or option."""
    import typer.main

    from nc_facts.cli import _register_commands
    from nc_facts.cli.app import app

    _register_commands()
    group = typer.main.get_command(app)
    commands = []
    for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
        if name == "validate" or not any("--base" in param.opts for param in command.params):
            continue  # validate reports the problems on stdout: tested below
        args = [name, *FIELDS.get(name, [])]
        for param in command.params:
            if param.required:
                args += ["x"] if param.param_type_name == "argument" else [param.opts[0], "x"]
        commands.append(args)
    return commands


@pytest.fixture
def in_broken(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    # A copy: commands that write (add-fact) leave a lock file beside the base, and must not touch the corpus.
    copy = tmp_path / "broken"
    shutil.copytree(BROKEN, copy)
    monkeypatch.chdir(copy)
    yield


def expected_line(case: str) -> str:
    return (BROKEN / case / "expected.txt").read_text(encoding="utf-8")


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_each_command_gives_the_expected_line(case: str, run_cli: RunCli, in_broken: None) -> None:
    commands = base_commands()
    assert any(args[0] == "search" for args in commands)
    for args in commands:
        result = run_cli(*args, "--base", case)
        assert (result.code, result.stderr) == (2, expected_line(case)), args
        assert result.stdout == ""


@pytest.mark.parametrize("case", CASES)
def test_json_mode_gives_the_same_line(case: str, run_cli: RunCli, in_broken: None) -> None:
    result = run_cli("search", "turnout", "--json", "--base", case)
    assert (result.code, result.stderr, result.stdout) == (2, expected_line(case), "")


@pytest.mark.parametrize("case", CASES)
def test_debug_shows_the_traceback_then_the_line(case: str, run_cli: RunCli, in_broken: None) -> None:
    result = run_cli("--debug", "search", "turnout", "--base", case)
    assert result.code == 2
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.endswith(expected_line(case))


@pytest.mark.parametrize("case", CASES)
def test_validate_reports_the_same_problem(case: str, run_cli: RunCli, in_broken: None) -> None:
    result = run_cli("validate", "--json", "--base", case)
    assert result.code == 2
    line = expected_line(case).removeprefix("nc-facts: error: ").rstrip("\n")
    if result.stdout:  # the base was read: the problems are the document
        first = result.json()["problems"][0]["text"]
        assert line.startswith(first)
    else:  # a file could not be read at all
        assert result.stderr == expected_line(case)


def test_every_message_is_one_line_without_raw_escapes() -> None:
    for case in CASES:
        text = expected_line(case)
        assert text.count("\n") == 1 and text.endswith("\n"), case
        assert text.isprintable() is False  # only because of the final newline
        assert text[:-1].isprintable(), case


def test_a_hostile_field_name_is_shown_escaped(in_broken: None, run_cli: RunCli) -> None:
    result = run_cli("search", "x", "--base", "hostile-key")
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b[31mred\\u202e" in result.stderr


def test_missing_base_directory(run_cli: RunCli, in_broken: None) -> None:
    result = run_cli("search", "x", "--base", "no-such-base")
    assert (result.code, result.stderr) == (2, "nc-facts: error: no-such-base: no such base directory\n")


def test_base_that_is_a_file(run_cli: RunCli, in_broken: None) -> None:
    result = run_cli("search", "x", "--base", "README.md")
    assert result.code == 2
    assert result.stderr == ("nc-facts: error: README.md: is not a directory "
                             "(a base is a directory with facts.toml and sources.toml)\n")


def test_base_from_the_environment_is_named_as_given(run_cli: RunCli, in_broken: None) -> None:
    result = run_cli("search", "x", env={"NC_FACTS_BASE": "empty-facts"})
    assert (result.code, result.stderr) == (2, "nc-facts: error: empty-facts/facts.toml: file is empty\n")


def test_a_special_file_is_refused_not_read(mini_base: Path, run_cli: RunCli) -> None:
    (mini_base / "facts.toml").unlink()
    os.mkfifo(mini_base / "facts.toml")  # reading it would block forever
    result = run_cli("search", "x", "--base", str(mini_base))
    assert result.code == 2
    assert result.stderr.endswith("facts.toml: is not a regular file, expected a TOML file\n")


def test_unreadable_file(mini_base: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, for whom chmod 000 changes nothing: make the open fail instead.
    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "facts.toml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    result = run_cli("search", "x", "--base", str(mini_base))
    assert (result.code, result.stderr) == (2, f"nc-facts: error: {mini_base / 'facts.toml'}: permission denied\n")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_for_real(mini_base: Path, run_cli: RunCli) -> None:
    (mini_base / "sources.toml").chmod(0)
    result = run_cli("search", "x", "--base", str(mini_base))
    assert (result.code, result.stderr) == (2, f"nc-facts: error: {mini_base / 'sources.toml'}: permission denied\n")


def test_a_file_over_the_limit_is_refused_with_the_limit(mini_base: Path, run_cli: RunCli,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 2 * 2**20)
    with (mini_base / "facts.toml").open("ab") as stream:
        stream.write(b"# padding\n" * (300 * 1024))  # 3 MiB
    result = run_cli("search", "x", "--base", str(mini_base))
    assert (result.code, result.stderr) == (
        2, f"nc-facts: error: {mini_base / 'facts.toml'}: file is 3 MiB; the limit is 2 MiB\n")


def test_a_file_that_grows_past_the_limit_is_still_bounded(mini_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # stat() may be wrong (a file still being written, /proc): the read itself stops at the limit.
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1000)
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: os.stat_result((0o100644, 0, 0, 1, 0, 0, 0, 0, 0, 0))
                        if self.name == "facts.toml" else real_stat(self, **kw))
    with pytest.raises(BaseInvalidError, match="the limit is 0 MiB"):
        loader.load_base(mini_base)


def test_the_mini_base_itself_loads() -> None:
    # The corpus is built from it: a broken mini base would make every case meaningless.
    assert len(loader.load_base(MINI_BASE).facts) == 5


def test_load_errors_are_project_errors(tmp_path: Path) -> None:
    with pytest.raises(BaseNotFoundError):
        loader.load_base(tmp_path / "nothing")


@pytest.mark.parametrize("filters", [(), ("--kind", "statistic")], ids=["plain search", "through Typer"])
def test_a_large_file_is_announced_before_the_wait(filters: tuple[str, ...], mini_base: Path, run_cli: RunCli,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "LARGE_FILE_BYTES", 100)
    monkeypatch.setattr(loader, "_large_file_notice", None)  # as in a new process
    result = run_cli("search", "turnout", "--json", "--base", str(mini_base), *filters)
    assert result.code == 0
    assert f"nc-facts: {mini_base / 'sources.toml'} is 0 MiB: loading it may take minutes" in result.stderr
    assert result.json()["results"]
