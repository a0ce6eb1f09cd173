#!/usr/bin/env python3
"""Kill add-fact, add-source and init with SIGKILL at random moments and check what is left.

    python benchmarks/kill_edits.py [--runs 100] [--size N] [--seed S] [--program PATH]

Each run starts the installed program (``nc-facts`` beside this Python) on
a base (an empty one from ``init``, or a synthetic base of N facts from
make_base.py), kills it after a random delay up to a little more than an
unkilled edit takes, then checks: the base validates; it holds exactly
the entries reported added (exit code 0) plus, at most, the one in flight;
the lock can be taken at once (no stale lock blocks the next write). At the
end, one more edit leaves no temporary file behind.  A second loop kills
``init`` in a new directory and checks that running init again gives a
valid base.  Prints the counts; exits 1 when any check failed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

LOCK_FREE_WITHIN_SECONDS = 0.5


@dataclass
class Report:
    """What the runs did and which checks failed."""

    runs: int = 0
    finished: int = 0  # ended on their own before the kill
    killed: int = 0
    killed_but_written: int = 0  # the entry in flight landed before the kill
    init_runs: int = 0
    init_files_left: list[int] = field(default_factory=lambda: [0, 0, 0])  # runs that left 0, 1 or 2 base files
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{self.runs} edits: {self.finished} finished before the kill, {self.killed} killed "
                f"({self.killed_but_written} of them after their entry was written)",
                f"{self.init_runs} inits killed at random: {self.init_files_left[0]} left no base file, "
                f"{self.init_files_left[1]} one, {self.init_files_left[2]} both; running init again gave a valid "
                f"base each time unless a check below says otherwise",
                f"checks failed: {len(self.failures)}", *self.failures]


def default_program() -> Path:
    return Path(sys.executable).parent / "nc-facts"


def edit_command(program: Path, base: Path, number: int) -> tuple[list[str], str, str]:
    """The command of run ``number``: (argv, "fact" or "source", the entry's id or key)."""
    if number % 2:
        key = f"killed-source-{number}"
        return ([str(program), "add-source", "--base", str(base), "--key", key, "--outlet", f"Outlet {number}",
                 "--title", f"Report number {number}", "--kind", "news-article"], "source", key)
    fact_id = f"killed-fact-{number}"
    return ([str(program), "add-fact", "--base", str(base), "--id", fact_id, "--claim",
             f"Writer number {number} reported this claim.", "--kind", "statement"], "fact", fact_id)


def entries(base: Path) -> set[tuple[str, str]]:
    """The base's entries as ("fact", id) and ("source", key); raises when it does not validate."""
    from nc_facts import loader

    loaded = loader.load_base(base)
    return {("fact", fact.id) for fact in loaded.facts} | {("source", key) for key in loaded.sources}


def lock_is_free(base: Path) -> bool:
    """Whether the base's lock can be taken within LOCK_FREE_WITHIN_SECONDS (it is a flock on its file)."""
    import fcntl

    from nc_facts.editing import LOCK_FILE

    path = base / LOCK_FILE
    if not path.exists():
        return True
    descriptor = os.open(path, os.O_RDONLY)
    deadline = time.monotonic() + LOCK_FREE_WITHIN_SECONDS
    try:
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.01)
    finally:
        os.close(descriptor)


def time_one_edit(program: Path, base: Path, number: int) -> float:
    argv, _, _ = edit_command(program, base, number)
    started = time.monotonic()
    subprocess.run(argv, capture_output=True, check=True, stdin=subprocess.DEVNULL)
    return time.monotonic() - started


def kill_edits(base: Path, runs: int, rng: random.Random, program: Path, report: Report) -> None:
    """``runs`` edits of ``base``, each killed at a random moment, each followed by the checks."""
    longest = time_one_edit(program, base, 0) * 1.2
    expected = entries(base)
    for number in range(1, runs + 1):
        argv, kind, name = edit_command(program, base, number)
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, longest))
        process.send_signal(signal.SIGKILL)
        _, err = process.communicate()
        report.runs += 1
        if process.returncode == 0:
            report.finished += 1
            expected.add((kind, name))
        elif process.returncode == -signal.SIGKILL:
            report.killed += 1
        else:
            report.failures.append(f"run {number}: exit code {process.returncode}: {err.decode().strip()}")
        check_after_kill(base, number, expected, (kind, name), report)


def check_after_kill(base: Path, number: int, expected: set[tuple[str, str]], in_flight: tuple[str, str],
                     report: Report) -> None:
    from nc_facts.errors import NcFactsError

    try:
        found = entries(base)
    except NcFactsError as exc:
        report.failures.append(f"run {number}: the base does not validate: {exc}")
        return
    if in_flight in found and in_flight not in expected:
        report.killed_but_written += 1
        expected.add(in_flight)  # it is in the base now: later runs must keep it
    if found != expected:
        report.failures.append(f"run {number}: entries differ: missing {sorted(expected - found)}, "
                               f"unexpected {sorted(found - expected)}")
        expected.intersection_update(found)
    if not lock_is_free(base):
        report.failures.append(f"run {number}: the lock could not be taken within {LOCK_FREE_WITHIN_SECONDS} s")


def check_no_leftovers(base: Path, program: Path, report: Report) -> None:
    time_one_edit(program, base, -1)  # the next edit clears what killed writers left
    leftovers = sorted(path.name for path in base.iterdir() if path.name.endswith(".tmp"))
    if leftovers:
        report.failures.append(f"temporary files left after the next edit: {leftovers}")


def kill_inits(directory: Path, runs: int, rng: random.Random, program: Path, report: Report) -> None:
    """``init`` killed at random moments, each in a new directory, then run again: a valid base every time."""
    from nc_facts.errors import NcFactsError

    started = time.monotonic()
    subprocess.run([str(program), "init", str(directory / "timed")], capture_output=True, check=True)
    longest = (time.monotonic() - started) * 1.2
    for number in range(runs):
        target = directory / f"init-{number}"
        process = subprocess.Popen([str(program), "init", str(target)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, longest))
        process.send_signal(signal.SIGKILL)
        process.wait()
        report.init_runs += 1
        present = [name for name in ("facts.toml", "sources.toml") if (target / name).exists()]
        report.init_files_left[len(present)] += 1
        again = subprocess.run([str(program), "init", str(target)], capture_output=True, text=True)
        if again.returncode != 0 and len(present) < 2:
            report.failures.append(f"init {number}: run again after the kill: {again.stderr.strip()}")
        try:
            entries(target)
        except NcFactsError as exc:
            report.failures.append(f"init {number}: no valid base after running init again: {exc}")


def make_base_dir(directory: Path, size: int, program: Path) -> Path:
    base = directory / "base"
    if size:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from make_base import make_base

        make_base(size, base)
    else:
        subprocess.run([str(program), "init", str(base)], capture_output=True, check=True)
    return base


def run(runs: int, size: int, seed: int, program: Path, init_runs: int | None = None) -> Report:
    """Every loop in a temporary directory; the report of what held."""
    rng = random.Random(seed)
    report = Report()
    directory = Path(tempfile.mkdtemp(prefix="nc-facts-kill-"))
    try:
        base = make_base_dir(directory, size, program)
        kill_edits(base, runs, rng, program, report)
        check_no_leftovers(base, program, report)
        kill_inits(directory, runs if init_runs is None else init_runs, rng, program, report)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--size", type=int, default=0, help="facts in a synthetic base (0: an empty base)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--program", type=Path, default=default_program())
    args = parser.parse_args()
    report = run(args.runs, args.size, args.seed, args.program)
    print("\n".join(report.lines()))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
