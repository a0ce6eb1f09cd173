"""Closed standard streams, a narrow encoding, absurd terminal sizes, forced colour, and Ctrl-C at a prompt.

Each keeps the documented exit code, prints at most one line on stderr (where stderr is open) and never a
traceback; an edit whose report cannot be printed says by its exit code whether the entry was added.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nc_facts import load_base
from nc_facts.cli import main

from conftest import MINI_BASE, RunCli

ENTRY_POINT = Path(sys.executable).parent / "nc-facts"
needs_entry_point = pytest.mark.skipif(not ENTRY_POINT.exists(),
                                       reason="the nc-facts entry point is not installed beside this Python")
needs_posix_shell = pytest.mark.skipif(os.name != "posix", reason="closes descriptors with a POSIX shell")
NOISE = ("Traceback", "Exception ignored", "Error:")


def shell(redirect: str, *args: str, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    """``nc-facts ARGS REDIRECT`` run by bash, so that the program starts with the stream closed as a user's would."""
    return subprocess.run(["bash", "-c", f'"$@" {redirect}', "bash", str(ENTRY_POINT), *args],
                          capture_output=True, text=True, timeout=120, stdin=stdin)


def fact_ids(base: Path) -> list[str]:
    return [fact.id for fact in load_base(base).facts]


def add_args(base: Path, claim: str = "The harbour reopened in June 2024.") -> tuple[str, ...]:
    return ("add-fact", "--base", str(base), "--claim", claim, "--kind", "event")


def assert_quiet(stderr: str, lines: int = 1) -> None:
    assert stderr.count("\n") <= lines, stderr
    assert not any(word in stderr for word in NOISE), stderr


CLOSED_STREAM_RUNS = [
    (">&-", ("search", "turnout", "--base", str(MINI_BASE)), 0),
    (">&-", ("search", "quixotry", "--base", str(MINI_BASE)), 1),
    (">&-", ("show", "no-such-fact", "--base", str(MINI_BASE), "--json"), 2),
    ("2>&-", ("show", "no-such-fact", "--base", str(MINI_BASE)), 2),
    ("2>&-", ("search", "--limit", "x", "turnout"), 2),
    ("2>&-", ("search", "quixotry", "--base", str(MINI_BASE)), 1),
    ("<&-", ("check", "--file", "-", "--base", str(MINI_BASE)), 0),
    (">&- 2>&- <&-", ("validate", "--base", str(MINI_BASE)), 0),
]


@needs_entry_point
@needs_posix_shell
@pytest.mark.parametrize(("redirect", "args", "code"), CLOSED_STREAM_RUNS,
                         ids=[f"{r}-{'-'.join(a[:2])}-{c}" for r, a, c in CLOSED_STREAM_RUNS])
def test_a_closed_stream_keeps_the_exit_code(redirect: str, args: tuple[str, ...], code: int) -> None:
    result = shell(redirect, *args)
    assert result.returncode == code, result.stderr
    assert_quiet(result.stderr)


@needs_entry_point
@needs_posix_shell
@pytest.mark.parametrize("redirect", [">&-", "2>&- <&-"])
def test_an_edit_with_a_closed_stream_adds_its_entry_once_and_says_so_by_its_exit_code(redirect: str,
                                                                                        mini_base: Path) -> None:
    before = fact_ids(mini_base)
    result = shell(redirect, *add_args(mini_base))
    assert result.returncode == 0, result.stderr
    assert fact_ids(mini_base) == [*before, "harbour-reopened-june-2024"]
    again = shell(redirect, *add_args(mini_base))  # a script retrying on failure would be told the truth
    assert again.returncode == 2
    assert fact_ids(mini_base) == [*before, "harbour-reopened-june-2024"]
    assert [p.name for p in mini_base.iterdir() if p.name.endswith(".tmp")] == []


@needs_entry_point
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device every write to fails")
def test_an_edit_whose_report_cannot_be_written_is_still_reported_done(mini_base: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([str(ENTRY_POINT), *add_args(mini_base), "--json"], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 0
    assert result.stderr == ("nc-facts: the change was written, but its report was not: cannot write the output: "
                             "No space left on device\n")
    assert fact_ids(mini_base)[-1] == "harbour-reopened-june-2024"


@needs_entry_point
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device every write to fails")
@pytest.mark.parametrize("json_flag", [(), ("--json",)], ids=["human", "json"])
def test_a_result_that_cannot_be_written_is_a_failure(json_flag: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([str(ENTRY_POINT), "search", "turnout", "--base", str(MINI_BASE), *json_flag],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (2, "nc-facts: error: cannot write the output: "
                                                     "No space left on device\n")


# Every command that prints the base's text, over the bundled base (Turkish titles, curly quotes, “ğ”, “ı”).
NARROW_ENCODING_RUNS = [
    (("search", "Darmanin"), "iso-8859-1"), (("search", "Darmanin", "--json"), "ascii"),
    (("search", "turnout", "--kind", "statistic"), "iso-8859-1"), (("show", "darmanin-allegation-2024"), "ascii"),
    (("sources",), "iso-8859-1"), (("list", "--tag", "referendum"), "ascii"), (("timeline",), "iso-8859-1"),
    (("check", "Turnout in 2020 was 85.64 %."), "iso-8859-1"), (("cite", "referendum-2020-turnout"), "ascii"),
    (("export", "--format", "bibtex"), "ascii"), (("export", "--format", "json"), "ascii"),
]


@pytest.mark.parametrize(("args", "encoding"), NARROW_ENCODING_RUNS,
                         ids=lambda a: "-".join(a) if isinstance(a, tuple) else a)
def test_an_encoding_without_the_base_s_letters_escapes_them(args: tuple[str, ...], encoding: str,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    # What Python gives a program started under LANG=en_US.ISO-8859-1 (or PYTHONIOENCODING=ascii).
    def printed(stream_encoding: str) -> str:
        raw = io.BytesIO()
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding=stream_encoding, write_through=True))
        code = main(list(args))
        assert code in (0, 1, 3), capsys.readouterr().err
        return raw.getvalue().decode(stream_encoding)  # every byte is one the encoding has

    narrow, utf8 = printed(encoding), printed("utf-8")
    if "--json" in args or "json" in args:
        assert json.loads(narrow) == json.loads(utf8)  # the same data, \u-escaped
    else:
        assert narrow == utf8.encode(encoding, "backslashreplace").decode(encoding)  # the letters it lacks escaped


def latin_1_locale(directory: Path) -> dict[str, str]:
    """The variables of a real en_US.ISO-8859-1 locale, compiled into ``directory``; skips where it cannot be."""
    if shutil.which("localedef") is None:
        pytest.skip("needs localedef to compile an ISO-8859-1 locale")
    made = subprocess.run(["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(directory / "en_US.ISO-8859-1")],
                          capture_output=True, timeout=120)
    if made.returncode not in (0, 1):  # 1: compiled, with warnings
        pytest.skip(f"localedef could not compile en_US.ISO-8859-1: {made.stderr.decode(errors='replace')}")
    return {"LOCPATH": str(directory), "LC_ALL": "en_US.ISO-8859-1", "LANG": "en_US.ISO-8859-1"}


@needs_entry_point
@pytest.mark.parametrize("how", ["PYTHONIOENCODING", "locale"])
def test_a_latin_1_terminal_gets_escapes_not_a_traceback(how: str, tmp_path: Path) -> None:
    variables = {"PYTHONIOENCODING": "iso-8859-1"} if how == "PYTHONIOENCODING" else latin_1_locale(tmp_path)
    result = subprocess.run([str(ENTRY_POINT), "show", "darmanin-allegation-2024"], capture_output=True,
                            timeout=120, env={**os.environ, **variables})
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("iso-8859-1")
    assert "Gérald Darmanin" in text and "\\u201c" in text


@pytest.mark.parametrize("args", [
    ("show", "\udcff"), ("search", "turnout \udcff", "--base", str(MINI_BASE)), ("check", "Turnout \udcfe was 85 %."),
    ("cite", "\udcff"), ("export", "--facts", "\udcff"), ("list", "--tag", "\udcff"), ("timeline", "--from", "\udcff"),
    ("sources", "--base", "/nonexistent/\udcff"), ("validate", "--base", "\udcff"), ("export", "--style", "\udcff"),
    ("annotate", "\udcff"), ("ingest", "\udcff", "--base", "{base}"), ("import", "\udcff.bib", "--base", "{base}"),
], ids=lambda a: "-".join(a[:2]).encode("ascii", "backslashreplace").decode())
def test_argument_bytes_that_are_not_utf8_are_one_line(args: tuple[str, ...], run_cli: RunCli,
                                                       mini_base: Path) -> None:
    args = tuple(arg.replace("{base}", str(mini_base)) for arg in args)  # edits lock a copy, never the repository
    result = run_cli(*args)
    assert result.code in (0, 1, 2, 3)
    assert_quiet(result.stderr, lines=2 if result.code == 3 else 1)
    as_json = run_cli(*args, "--json") if args[0] not in ("export",) else None
    if as_json is not None and as_json.stdout:
        json.loads(as_json.stdout)


@pytest.mark.parametrize("option", [("--claim", "The harbour \udcff reopened."), ("--tag", "port\udcfe"),
                                    ("--claimant", "The \udcff mayor")])
def test_an_entry_with_bytes_that_are_not_utf8_is_refused_and_nothing_written(option: tuple[str, str],
                                                                               run_cli: RunCli,
                                                                               mini_base: Path) -> None:
    before = (mini_base / "facts.toml").read_bytes()
    args = dict(zip(("--claim", "--kind"), ("The harbour reopened.", "event"), strict=True))
    args[option[0]] = option[1]
    result = run_cli("add-fact", "--base", str(mini_base), *(part for pair in args.items() for part in pair))
    assert result.code == 2
    field = option[0].removeprefix("--").replace("tag", "tags")
    assert result.stderr.startswith(f"nc-facts: error: field '{field}': the text holds bytes that are not UTF-8")
    assert (mini_base / "facts.toml").read_bytes() == before


@needs_entry_point
def test_real_argument_bytes_that_are_not_utf8(mini_base: Path) -> None:
    before = (mini_base / "facts.toml").read_bytes()
    result = subprocess.run([str(ENTRY_POINT), "add-fact", "--base", str(mini_base), "--claim", b"Caf\xe9 closed.",
                             "--kind", "event"], capture_output=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == (b"nc-facts: error: field 'claim': the text holds bytes that are not UTF-8 (\\udce9); "
                             b"nothing was written\n")
    assert (mini_base / "facts.toml").read_bytes() == before


@pytest.mark.parametrize("columns", ["10000000", "1e7", "-5", "abc"])
def test_an_absurd_terminal_width_gives_help_quickly_and_small(columns: str, run_cli: RunCli) -> None:
    started = time.monotonic()
    result = run_cli("search", "--help", env={"COLUMNS": columns, "LINES": "99999999"})
    assert result.code == 0
    assert time.monotonic() - started < 5
    assert "Usage: nc-facts search" in result.stdout
    assert len(result.stdout) < 200_000


def test_forced_colour_does_not_wrap_piped_output(run_cli: RunCli, tmp_path: Path) -> None:
    base = tmp_path / "broken"
    base.mkdir()
    (base / "sources.toml").write_bytes((MINI_BASE / "sources.toml").read_bytes())
    facts = (MINI_BASE / "facts.toml").read_text(encoding="utf-8")
    (base / "facts.toml").write_text(facts.replace('source = "daily-news"', 'source = "a-key-that-no-source-has"'),
                                     encoding="utf-8")
    plain = run_cli("validate", "--base", str(base))
    forced = run_cli("validate", "--base", str(base), env={"FORCE_COLOR": "1", "COLUMNS": "40"})
    assert plain.code == forced.code == 2
    assert len(plain.stdout.splitlines()) == len(forced.stdout.splitlines()) > 1
    assert all(len(line) > 40 for line in forced.stdout.splitlines())


@needs_entry_point
@needs_posix_shell
@pytest.mark.parametrize(("args", "reader"), [(("--help",), "true"), (("search", "--help"), "head -1"),
                                              (("export", "--help"), "true")])  # true is gone before help is written
def test_help_into_a_reader_that_stops_exits_0(args: tuple[str, ...], reader: str) -> None:
    script = f'set -o pipefail; "$@" | {reader}'
    result = subprocess.run(["bash", "-c", script, "bash", str(ENTRY_POINT), *args], capture_output=True,
                            text=True, timeout=120)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.count("\n") == (1 if reader.startswith("head") else 0)


def _prompted(args: tuple[str, ...], base: Path, first_prompt: str) -> tuple[subprocess.Popen[bytes], int]:
    """``nc-facts ARGS`` on a pseudo-terminal, once it shows its first prompt; returns it and the terminal."""
    import pty

    master, terminal = pty.openpty()
    process = subprocess.Popen([str(ENTRY_POINT), *args, "--base", str(base)], stdin=terminal, stdout=terminal,
                               stderr=terminal, start_new_session=True)
    os.close(terminal)
    shown = _read_terminal(master, until=first_prompt)
    assert first_prompt in shown, shown
    return process, master


def _read_terminal(master: int, until: str = "", seconds: float = 60) -> str:
    """What the program wrote to its terminal, up to ``until`` (or until it closes the terminal)."""
    import select

    shown = b""
    deadline = time.monotonic() + seconds
    while (not until or until.encode() not in shown) and time.monotonic() < deadline:
        if not select.select([master], [], [], 0.2)[0]:
            continue
        try:
            chunk = os.read(master, 1024)
        except OSError:  # the program has ended and closed its side
            break
        if not chunk:
            break
        shown += chunk
    return shown.decode(errors="replace")


def _ended(process: subprocess.Popen[bytes], master: int) -> tuple[int, str]:
    """The exit code of the program on the terminal and what it wrote there after its prompt."""
    try:
        code = process.wait(timeout=60)
        return code, _read_terminal(master, seconds=2).strip()
    finally:
        os.close(master)


@needs_entry_point
@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("command", "first_prompt"), [("add-fact", "Claim"), ("add-source", "Outlet")])
def test_ctrl_c_at_a_prompt_exits_130(command: str, first_prompt: str, mini_base: Path) -> None:
    import signal

    before = {name: (mini_base / name).read_bytes() for name in ("facts.toml", "sources.toml")}
    process, master = _prompted((command,), mini_base, first_prompt)
    time.sleep(0.5)  # as a person would press it: once the program waits for the answer
    process.send_signal(signal.SIGINT)
    assert _ended(process, master) == (130, "nc-facts: interrupted")
    assert {name: (mini_base / name).read_bytes() for name in before} == before


@needs_entry_point
@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_end_of_input_at_a_prompt_is_a_usage_error(mini_base: Path) -> None:
    process, master = _prompted(("add-fact",), mini_base, "Claim")
    os.write(master, b"\x04")  # Ctrl-D
    assert _ended(process, master) == (2, "nc-facts: aborted")
