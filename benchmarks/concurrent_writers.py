#!/usr/bin/env python3
"""Start many writers on one large base at once and check that every entry reported added lands.

    python benchmarks/concurrent_writers.py [--writers 24] [--size 20000] [--seed S] [--program PATH]

Writes a synthetic base of N facts with make_base.py, starts W processes of
the installed program at the same moment (add-fact and add-source in turn),
waits for all of them, and checks: each exited 0; the base validates and
holds every entry; no writer's message advises removing the lock.  Prints
the total time and the longest a writer waited; exits 1 when a check failed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Report:
    writers: int = 0
    landed: int = 0
    said_waiting: int = 0  # writers that printed the waiting notice
    total_seconds: float = 0.0
    longest_seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{self.writers} writers at once: {self.landed} entries landed, {self.said_waiting} said they were "
                f"waiting; all done in {self.total_seconds:.1f} s, the last writer took {self.longest_seconds:.1f} s",
                f"checks failed: {len(self.failures)}", *self.failures]


def writer_command(program: Path, base: Path, number: int) -> tuple[list[str], tuple[str, str]]:
    if number % 2:
        key = f"concurrent-source-{number}"
        return ([str(program), "add-source", "--base", str(base), "--key", key, "--outlet", f"Outlet {number}",
                 "--title", f"Report number {number}", "--kind", "news-article"], ("source", key))
    fact_id = f"concurrent-fact-{number}"
    return ([str(program), "add-fact", "--base", str(base), "--id", fact_id, "--claim",
             f"Concurrent writer number {number} reported this claim.", "--kind", "statement"], ("fact", fact_id))


def run_writers(base: Path, writers: int, program: Path) -> Report:
    from nc_facts import loader

    report = Report(writers=writers)
    started = time.monotonic()
    commands = [writer_command(program, base, number) for number in range(writers)]
    running = [(entry, subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        stdin=subprocess.DEVNULL)) for argv, entry in commands]
    wanted = set()
    for entry, process in running:
        _, err = process.communicate()
        report.longest_seconds = max(report.longest_seconds, time.monotonic() - started)
        if process.returncode != 0:
            report.failures.append(f"{entry[1]}: exit code {process.returncode}: {err.strip()}")
        else:
            wanted.add(entry)
        report.said_waiting += "waiting for" in err
        if "remove" in err:
            report.failures.append(f"{entry[1]}: a message advises removing the lock: {err.strip()}")
    report.total_seconds = time.monotonic() - started
    loaded = loader.load_base(base)
    found = {("fact", fact.id) for fact in loaded.facts} | {("source", key) for key in loaded.sources}
    report.landed = len(wanted & found)
    if wanted - found:
        report.failures.append(f"reported added but missing: {sorted(wanted - found)}")
    return report


def run(writers: int, size: int, seed: int, program: Path) -> Report:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_base import make_base

    directory = Path(tempfile.mkdtemp(prefix="nc-facts-writers-"))
    try:
        make_base(size, directory / "base", seed=seed)
        return run_writers(directory / "base", writers, program)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=24)
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--program", type=Path, default=Path(sys.executable).parent / "nc-facts")
    args = parser.parse_args()
    report = run(args.writers, args.size, args.seed, args.program)
    print("\n".join(report.lines()))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
