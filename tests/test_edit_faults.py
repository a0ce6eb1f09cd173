"""Edits under faults: writers killed, a lock held, a base file that is a symlink, an init cut short.

The 100-run SIGKILL loop is benchmarks/kill_edits.py; a short run of the same loop is here.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from nc_facts import editing, load_base

from conftest import MINI_BASE, ROOT, RunCli

ENTRY_POINT = Path(sys.executable).parent / "nc-facts"
needs_entry_point = pytest.mark.skipif(not ENTRY_POINT.exists(),
                                       reason="the nc-facts entry point is not installed beside this Python")
needs_posix = pytest.mark.skipif(os.name != "posix", reason="sends SIGKILL and uses flock")

_HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from nc_facts import editing
with editing.locked(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_the_lock(base: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the base's lock for ``seconds``; returns once it holds it."""
    process = subprocess.Popen([sys.executable, "-c", _HOLD_THE_LOCK, str(base), str(seconds)],
                               stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdout is not None
    assert process.stdout.readline() == "held\n"
    return process


def add(run_cli: RunCli, base: Path, claim: str = "The harbour reopened in June 2024.") -> Any:
    return run_cli("add-fact", "--base", str(base), "--claim", claim, "--kind", "event")


def kill_edits_module() -> Any:
    spec = importlib.util.spec_from_file_location("kill_edits", ROOT / "benchmarks" / "kill_edits.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["kill_edits"] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@needs_posix
def test_a_writer_waits_as_long_as_a_live_process_holds_the_lock(run_cli: RunCli, mini_base: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(editing, "LOCK_NOTICE_AFTER_SECONDS", 0.2)
    holder = hold_the_lock(mini_base, 1.5)
    started = time.monotonic()
    result = add(run_cli, mini_base)
    waited = time.monotonic() - started
    assert holder.wait(timeout=60) == 0
    assert result.code == 0, result.stderr
    assert waited > 1.0  # it waited for the holder rather than giving up or going ahead
    notice = result.stderr.splitlines()[0]
    assert notice.startswith(f"nc-facts: waiting for {mini_base / editing.LOCK_FILE}: another edit "
                             f"(pid {holder.pid} on ")
    assert "remove" not in result.stderr
    assert load_base(mini_base).get("harbour-reopened-june-2024") is not None


@needs_posix
def test_a_lock_whose_holder_was_killed_blocks_nothing(run_cli: RunCli, mini_base: Path) -> None:
    holder = hold_the_lock(mini_base, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=60)
    assert (mini_base / editing.LOCK_FILE).read_text(encoding="utf-8").split()[0] == str(holder.pid)
    started = time.monotonic()
    result = add(run_cli, mini_base)
    assert (result.code, result.stderr) == (0, "")
    assert time.monotonic() - started < editing.LOCK_NOTICE_AFTER_SECONDS


def test_the_holder_is_named_in_the_lock_file(mini_base: Path) -> None:
    import socket

    with editing.locked(mini_base):
        holder = editing.lock_holder(mini_base / editing.LOCK_FILE)
    assert holder == f"pid {os.getpid()} on {socket.gethostname()}"


@needs_posix
def test_a_lock_file_removed_under_a_waiting_writer_is_not_taken_for_the_lock(tmp_path: Path) -> None:
    import fcntl

    path = tmp_path / editing.LOCK_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        assert editing._is_the_file_at(path, descriptor)
        path.unlink()  # what init does when it is done
        assert not editing._is_the_file_at(path, descriptor)
        path.touch()  # a newcomer's file
        assert not editing._is_the_file_at(path, descriptor)
    finally:
        os.close(descriptor)


def test_temporary_files_of_killed_writers_are_cleared_by_the_next_edit(run_cli: RunCli, mini_base: Path) -> None:
    for name in (".facts.toml.k1ll3d.tmp", ".sources.toml.x.tmp"):
        (mini_base / name).write_bytes(b"half of a file")
    (mini_base / "notes.tmp").write_bytes(b"not ours")
    assert add(run_cli, mini_base).code == 0
    assert sorted(p.name for p in mini_base.iterdir() if p.name.endswith(".tmp")) == ["notes.tmp"]


def test_a_symlinked_base_file_is_edited_through_the_link(run_cli: RunCli, tmp_path: Path) -> None:
    real, base = tmp_path / "real", tmp_path / "base"
    real.mkdir()
    base.mkdir()
    for name in ("facts.toml", "sources.toml"):
        (real / name).write_bytes((MINI_BASE / name).read_bytes())
        (base / name).symlink_to(Path("..") / "real" / name)
    assert add(run_cli, base).code == 0
    assert run_cli("edit-source", "daily-news", "--base", str(base), "--note", "checked").code == 0
    assert run_cli("retire", "island-future", "--base", str(base), "--reason", "superseded").code == 0
    for name in ("facts.toml", "sources.toml"):
        assert os.readlink(base / name) == str(Path("..") / "real" / name)  # still the same link
    assert "harbour-reopened-june-2024" in (real / "facts.toml").read_text(encoding="utf-8")
    assert load_base(real).sources["daily-news"].note == "checked"
    assert [p.name for d in (real, base) for p in d.iterdir() if p.name.endswith(".tmp")] == []


def test_an_init_cut_short_between_its_files_is_finished_by_running_it_again(run_cli: RunCli, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new"
    write = editing.write_atomically

    def killed_after_the_first(path: Path, data: bytes) -> None:
        write(path, data)
        raise KeyboardInterrupt  # stands for the process dying here

    monkeypatch.setattr(editing, "write_atomically", killed_after_the_first)
    assert run_cli("init", str(target)).code == 130
    monkeypatch.setattr(editing, "write_atomically", write)
    assert [p.name for p in target.iterdir() if p.suffix == ".toml"] == ["sources.toml"]
    again = run_cli("init", str(target), "--json")
    assert again.code == 0, again.stderr
    assert [Path(p).name for p in again.json()["created"]] == ["facts.toml", ".gitignore"]
    assert run_cli("validate", "--base", str(target)).code == 0


def test_init_refuses_a_half_base_whose_file_was_changed(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "half"
    target.mkdir()
    (target / "sources.toml").write_text("schema_version = 1\n# my own\n", encoding="utf-8")
    result = run_cli("init", str(target))
    assert (result.code, result.stderr) == (2, f"nc-facts: error: {target}: already holds sources.toml; "
                                               f"nothing was changed\n")
    assert not (target / "facts.toml").exists()


@needs_entry_point
@needs_posix
def test_edits_killed_at_random_moments_leave_a_valid_base_with_every_reported_entry() -> None:
    kill_edits = kill_edits_module()
    report = kill_edits.run(runs=5, size=0, seed=3, program=ENTRY_POINT, init_runs=2)
    assert report.failures == []
    assert (report.runs, report.init_runs) == (5, 2)
    assert report.finished + report.killed == report.runs
