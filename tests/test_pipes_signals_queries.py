"""Odd queries never crash; a closed pipe and Ctrl-C end the run quietly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

# nc_facts re-exports a function named search, which hides the module of that name.
from nc_facts import store

from conftest import MINI_BASE, RunCli

ENTRY_POINT = Path(sys.executable).parent / "nc-facts"
needs_entry_point = pytest.mark.skipif(not ENTRY_POINT.exists(),
                                       reason="the nc-facts entry point is not installed beside this Python")
NOISE = ("Traceback", "Exception ignored", "BrokenPipeError", "KeyboardInterrupt")


@pytest.mark.parametrize("query", ["", " ", "\t\n  "])
def test_an_empty_query_is_a_usage_error(query: str, run_cli: RunCli) -> None:
    result = run_cli("search", query, "--base", str(MINI_BASE))
    assert (result.code, result.stdout, result.stderr) == (2, "", "nc-facts: error: the query is empty\n")
    result = run_cli("search", query, "--json", "--base", str(MINI_BASE))
    assert (result.code, result.stderr) == (2, "nc-facts: error: the query is empty\n")
    assert result.json()["error"]["message"] == "the query is empty"


ODD_QUERIES = {
    "long": "turnout " * 12_500,  # 100,000 characters
    "long-word": "x" * 100_000,
    "controls": "turnout\x1b[31m\x00\x07\x9b\u202e",
    "regex": r".*+?[](){}|^$\ \d+ (?P<x>) [[:alpha:]]",
    "rtl": "نعم לא الاستفتاء",
    "emoji": "🗳️🇫🇷👍🏽 turnout",
    "lone-surrogates": "\ud800turnout\udcff",
    "only-punctuation": "!!! ??? ...",
    "only-stopwords": "the of and",
    "numbers": "85,64 % 1e308 -0 99999999999999999999999999",
    "markup": "[bold red]turnout[/] [link=javascript:x]y[/link]",
}


@pytest.mark.parametrize("name", sorted(ODD_QUERIES))
def test_odd_queries_never_crash(name: str, run_cli: RunCli) -> None:
    query = ODD_QUERIES[name]
    human = run_cli("search", query, "--base", str(MINI_BASE))
    assert human.code in (0, 1), human.stderr
    assert human.stderr.count("\n") <= 1 and len(human.stderr) < 200
    assert all(ch == "\n" or ch.isprintable() for ch in human.stderr + human.stdout)
    as_json = run_cli("search", query, "--json", "--base", str(MINI_BASE))
    assert as_json.code == human.code
    assert as_json.json()["query"] == query


def test_a_query_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    # A shell passes any bytes; Python hands them over as lone surrogates.
    result = subprocess.run([sys.executable, "-m", "nc_facts", "search", b"turnout \xff\xfe", "--json",
                             "--base", str(MINI_BASE)], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["query"] == "turnout \udcff\udcfe"


def write_big_base(directory: Path, count: int) -> Path:
    """A valid base of ``count`` facts that all match 'turnout': output far larger than a pipe's buffer."""
    directory.mkdir()
    (directory / "sources.toml").write_bytes((MINI_BASE / "sources.toml").read_bytes())
    blocks = ["schema_version = 1\n"]
    for n in range(count):
        blocks.append(
            f'[[fact]]\nid = "turnout-{n}"\nkind = "statistic"\n'
            f'claim = "Turnout in referendum number {n} of the island was high, said a long sentence {"x" * 200}."\n'
            '[[fact.citations]]\nsource = "daily-news"\nfootnote = 1\n'
        )
    (directory / "facts.toml").write_text("\n".join(blocks), encoding="utf-8")
    return directory


@needs_entry_point
@pytest.mark.parametrize("json_output", [False, True], ids=["human", "json"])
def test_a_reader_that_stops_early_gets_no_noise(json_output: bool, tmp_path: Path) -> None:
    base = write_big_base(tmp_path / "big", 800)
    args = [str(ENTRY_POINT), "search", "turnout", "--limit", "800", "--base", str(base)]
    args += ["--json"] if json_output else []
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # like `| head -1`: the rest has nowhere to go
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, stderr
    assert first.strip()
    assert not any(word in stderr for word in NOISE), stderr


@needs_entry_point
@pytest.mark.parametrize("json_flag", ["", "--json"])
def test_search_piped_into_head(json_flag: str) -> None:
    script = f'set -o pipefail; "{ENTRY_POINT}" search turnout {json_flag} | head -1'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""


_SLOW_SEARCH = """
import signal, sys, time
import nc_facts.store

# A shell that starts the suite in the background starts it with SIGINT ignored, and Python then installs no
# handler: restore the one an interactive terminal gives, which is what this test is about.
signal.signal(signal.SIGINT, signal.default_int_handler)

def slow_search(*args, **kwargs):
    sys.stderr.write("searching\\n")
    sys.stderr.flush()
    time.sleep(60)

nc_facts.store.search_document = slow_search
from nc_facts.cli import main
sys.exit(main())
"""


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_mid_command_exits_130_without_traceback() -> None:
    process = subprocess.Popen([sys.executable, "-c", _SLOW_SEARCH, "search", "turnout", "--base", str(MINI_BASE)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    assert process.stderr.readline() == "searching\n"  # the command is running
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 130
    assert not any(word in process.stderr.read() for word in NOISE)


def test_ctrl_c_in_process(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "search_document", interrupted)
    result = run_cli("search", "turnout", "--base", str(MINI_BASE))
    assert result.code == 130
    assert "Traceback" not in result.stderr


def test_ctrl_c_outside_a_command(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    import nc_facts.cli as cli

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_register_commands", interrupted)
    result = run_cli("sources")
    assert (result.code, result.stderr) == (130, "nc-facts: interrupted\n")


@pytest.mark.parametrize(("command", "indent"), [(("search", "turnout"), "   "), (("list",), "   "),
                                                (("timeline",), "2020" + " " * 14)])
def test_human_output_is_not_wrapped_when_piped(command: tuple[str, ...], indent: str, mini_base: Path,
                                                run_cli: RunCli) -> None:
    facts = mini_base / "facts.toml"
    long_claim = "Turnout in the island's 2020 referendum was 85.64 %, " + "and so on " * 30 + "end."
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "Turnout in the island's 2020 referendum was 85.64 %.", long_claim), encoding="utf-8")
    result = run_cli(*command, "--base", str(mini_base), env={"COLUMNS": "40"})
    assert f"\n{indent}{long_claim}\n" in "\n" + result.stdout  # one line, whole: grep finds it


class _ClosedPipe:
    """A stdout whose reader has gone: every write fails as a real closed pipe does (errno EPIPE)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError("no file descriptor")


@pytest.mark.parametrize("args", [["search", "turnout"], ["search", "turnout", "--json"], ["sources"],
                                  ["show", "island-no-2020", "--json"]])
def test_a_closed_pipe_in_process_is_a_quiet_success(args: list[str], monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from nc_facts.cli import main

    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    code = main([*args, "--base", str(MINI_BASE)])
    assert (code, capsys.readouterr().err) == (0, "")


@pytest.mark.parametrize("args", [("search", "turnout"), ("search", "turnout", "--kind", "statistic"), ("list",)],
                         ids=["plain search", "search through Typer", "list"])
def test_ctrl_c_says_so_on_both_paths(args: tuple[str, ...], run_cli: RunCli,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from nc_facts import loader

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(loader, "load_base", interrupted)
    monkeypatch.setattr(store, "search_document", interrupted)
    result = run_cli(*args, "--base", str(MINI_BASE))
    assert (result.code, result.stdout, result.stderr) == (130, "", "nc-facts: interrupted\n")
