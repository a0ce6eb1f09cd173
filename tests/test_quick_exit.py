"""``run``, the program's entry point: ``main``'s exit code and output, then an end without teardown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import installed_entry_point

from conftest import RunCli


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "NC_FACTS_BASE"}


def _run_python(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env=_environment(), timeout=60)


@pytest.mark.parametrize(("args", "status", "stderr"), [
    (["search", "Lachin", "--json"], 0, ""),
    (["search", "zzqxv wvkjq", "--json"], 1, "nc-facts: no fact matches 'zzqxv wvkjq'\n"),
    (["show", "no-such-fact"], 2, None),
    (["list", "--kind", "no-such-kind"], 2, None),
])
def test_the_entry_point_exits_with_mains_code_and_output(args: list[str], status: int, stderr: str | None,
                                                          run_cli: RunCli, tmp_path: Path) -> None:
    expected = run_cli(*args)
    proc = subprocess.run([installed_entry_point(), *args], capture_output=True, text=True, cwd=tmp_path,
                          env=_environment(), timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (status, expected.stdout, expected.stderr)
    if stderr is not None:
        assert proc.stderr == stderr


def test_long_output_arrives_whole_through_a_pipe(run_cli: RunCli, tmp_path: Path) -> None:
    expected = run_cli("export", "--format", "biblatex").stdout
    proc = subprocess.run([installed_entry_point(), "export", "--format", "biblatex"], capture_output=True,
                          text=True, cwd=tmp_path, env=_environment(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert len(expected) > 5000
    assert proc.stdout == expected


def test_exit_handlers_registered_by_the_command_still_run(tmp_path: Path) -> None:
    script = """
import atexit, sys
from nc_facts import cli
real_main = cli.main
def main_with_a_handler(argv=None):
    atexit.register(lambda: print("handler ran", file=sys.stderr))
    return real_main(argv)
cli.main = main_with_a_handler
sys.argv = ["nc-facts", "search", "zzqxv wvkjq", "--json"]
sys.exit(cli.run())
"""
    proc = _run_python(script, tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == "nc-facts: no fact matches 'zzqxv wvkjq'\nhandler ran\n"


def test_a_bug_in_main_ends_the_usual_way_with_its_traceback(tmp_path: Path) -> None:
    script = """
import sys
from nc_facts import cli
def broken_main(argv=None):
    raise RuntimeError("a bug")
cli.main = broken_main
sys.exit(cli.run())
"""
    proc = _run_python(script, tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Traceback (most recent call last):")
    assert proc.stderr.endswith("RuntimeError: a bug\n")


def test_a_host_programs_earlier_exit_handler_and_status_are_kept(tmp_path: Path) -> None:
    script = """
import atexit, sys
atexit.register(lambda: print("host handler ran", file=sys.stderr))
sys.argv = ["nc-facts", "search", "zzqxv wvkjq", "--json"]
try:
    import nc_facts.__main__
except SystemExit as exc:
    print("caught", exc.code, file=sys.stderr)
sys.exit(3)
"""
    proc = _run_python(script, tmp_path)
    assert proc.returncode == 3
    assert proc.stderr == "nc-facts: no fact matches 'zzqxv wvkjq'\ncaught 1\nhost handler ran\n"


class _Unwritable:
    def flush(self) -> None:
        raise OSError(28, "No space left on device")


def test_output_that_cannot_be_flushed_is_left_to_pythons_usual_end(monkeypatch: pytest.MonkeyPatch) -> None:
    from nc_facts import cli

    ended: list[int] = []
    monkeypatch.setattr(cli.os, "_exit", ended.append)
    quick_exit = cli._QuickExit()
    quick_exit.status = 0
    monkeypatch.setattr(sys, "stdout", _Unwritable())
    quick_exit()
    assert ended == []  # Python then reports the error and exits 120
    monkeypatch.setattr(sys, "stdout", None)
    quick_exit()
    assert ended == [0]


def test_the_program_ends_without_tearing_the_interpreter_down(tmp_path: Path) -> None:
    script = """
import sys
class Noisy:
    def __del__(self):
        print("teardown ran", file=sys.stderr)
kept_until_teardown = Noisy()
from nc_facts.cli import main, run  # as the entry point an installer writes
sys.argv = ["nc-facts", "search", "zzqxv wvkjq", "--json"]
sys.exit(run())
"""
    proc = _run_python(script, tmp_path)
    assert (proc.returncode, proc.stderr) == (1, "nc-facts: no fact matches 'zzqxv wvkjq'\n")
    assert _run_python(script.replace("sys.exit(run())", "sys.exit(main())"), tmp_path).stderr.endswith(
        "teardown ran\n")


def test_a_program_that_is_not_the_entry_point_ends_as_python_does(tmp_path: Path) -> None:
    script = """
import sys
class Noisy:
    def __del__(self):
        print("teardown ran", file=sys.stderr)
kept_until_teardown = Noisy()
from nc_facts import cli
sys.argv = ["nc-facts", "search", "zzqxv wvkjq", "--json"]
sys.exit(cli.run())
"""
    assert _run_python(script, tmp_path).stderr.endswith("teardown ran\n")


def test_a_traced_programs_earlier_exit_handler_still_runs(tmp_path: Path) -> None:
    script = """
import atexit, sys
sys.settrace(lambda frame, event, arg: None)  # as a coverage tool does, with a handler that saves its data
atexit.register(lambda: print("tracer's handler ran", file=sys.stderr))
from nc_facts.cli import run
sys.argv = ["nc-facts", "search", "zzqxv wvkjq", "--json"]
sys.exit(run())
"""
    proc = _run_python(script, tmp_path)
    assert (proc.returncode, proc.stderr) == (1, "nc-facts: no fact matches 'zzqxv wvkjq'\ntracer's handler ran\n")
