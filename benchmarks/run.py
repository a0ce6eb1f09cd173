#!/usr/bin/env python3
"""Cold-process timings of nc-facts against Python's own start and fzf.

    .venv/bin/python benchmarks/run.py [--runs 15] [--sizes 100000,1000000] [--skip-rebuild] [--cache-dir DIR]
                                       [--only-keystrokes]

Every measurement is a fresh process.  Commands being compared run
alternately (A, B, A, B...), so a noisy machine slows both alike, and the
table shows medians and their ratio.  Peak memory is the child's maximum
RSS (from wait4).  The synthetic bases are written once to benchmarks/bases/
(not in git) by make_base.py and reused.  The interpreter is this one, by
the path it was started with (a virtual environment's python is the real
binary behind a symlink, not a version-manager shim).  The indexes go to a
fresh cache directory, removed at the end, unless ``--cache-dir`` names one
to keep and reuse (building the 1,000,000-fact index takes minutes).
Unless ``--skip-rebuild``, each base's first query after a change is timed
too: the cache is cleared and the query run, alternately with tomllib's parse
of the same facts.toml, up to three times (clearing removes every index in
the cache directory).
The picker's search-as-you-type latency (``pick``) is measured in-process
by keystrokes.py, in a process of its own per base; ``--only-keystrokes``
measures that alone.
The package is byte-compiled first, as installing it from a wheel does: an
environment with PYTHONDONTWRITEBYTECODE set would otherwise compile every
module from source in every run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASES = HERE / "bases"
PYTHON = sys.executable
NC_FACTS = str(Path(PYTHON).with_name("nc-facts"))


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB, and exit code of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def compare(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Median seconds and peak MiB of each command, run alternately."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, float] = dict.fromkeys(commands, 0.0)
    for command in commands.values():  # warm the page cache and the index
        run_once(command, env)
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, rss, _ = run_once(command, env)
            times[name].append(elapsed)
            memory[name] = max(memory[name], rss)
    return {name: (statistics.median(values), memory[name]) for name, values in times.items()}


def row(label: str, ours: tuple[float, float], reference: tuple[float, float], target: str) -> str:
    ratio = ours[0] / reference[0]
    return (f"| {label} | {ours[0] * 1000:.0f} ms | {reference[0] * 1000:.0f} ms | {ratio:.2f}x | {target} | "
            f"{ours[1]:.0f} MiB |")


def ensure_base(size: int) -> Path:
    directory = BASES / (f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}m")
    if not (directory / "planted.json").exists():
        print(f"writing a {size}-fact base to {directory} ...", file=sys.stderr)
        subprocess.run([PYTHON, str(HERE / "make_base.py"), str(size), str(directory)], check=True)
    return directory


def planted_recall(directory: Path, env: dict[str, str]) -> tuple[int, int]:
    """How many planted queries return their planted fact first."""
    found = total = 0
    for plant in json.loads((directory / "planted.json").read_text(encoding="utf-8")):
        for query in plant["queries"]:
            total += 1
            output = subprocess.run([NC_FACTS, "search", query, "--json", "--limit", "1"], env=env,
                                    capture_output=True, text=True).stdout
            results = json.loads(output)["results"] if output else []
            found += bool(results) and results[0]["id"] == plant["id"]
    return found, total


def rebuild_ratio(directory: Path, env: dict[str, str], runs: int) -> str:
    """First query after a change (index rebuilt) against tomllib parsing facts.toml alone, run alternately."""
    parse = [PYTHON, "-c", f"import tomllib; tomllib.loads(open({str(directory / 'facts.toml')!r}, "
                           "encoding='utf-8').read())"]
    query = [NC_FACTS, "search", "rebuild check", "--json"]
    clear = [NC_FACTS, "cache", "clear"]
    parse_times, rebuild_times, rss = [], [], 0.0
    for _ in range(runs):
        parse_times.append(run_once(parse, env)[0])
        run_once(clear, env)
        elapsed, peak, _ = run_once(query, env)
        rebuild_times.append(elapsed)
        rss = max(rss, peak)
    parse_time, rebuild_time = statistics.median(parse_times), statistics.median(rebuild_times)
    return (f"| first query after a change, {directory.name} | {rebuild_time:.1f} s | tomllib {parse_time:.1f} s | "
            f"{rebuild_time / parse_time:.2f}x | <= 1.5x | {rss:.0f} MiB |")


def query_rows(directory: Path, size: int, query: str, target: str, runs: int, env: dict[str, str],
               fzf: str | None) -> list[str]:
    """Table rows for one query over a synthetic base: ours against fzf --filter over the same claims."""
    commands = {"ours": [NC_FACTS, "search", query, "--json"]}
    if fzf:
        commands["fzf"] = ["sh", "-c", f'exec {fzf} --filter "$0" < "$1"', query, str(directory / "claims.txt")]
    result = compare(commands, runs, env)
    if not fzf:
        return [f"| {size:,} facts, `{query}` --json | {result['ours'][0] * 1000:.0f} ms | | | | "
                f"{result['ours'][1]:.0f} MiB |"]
    return [row(f"{size:,} facts, `{query}` --json, vs `fzf --filter`", result["ours"], result["fzf"], target),
            f"| fzf --filter `{query}`, {size:,} claims | {result['fzf'][0] * 1000:.0f} ms | | | | "
            f"{result['fzf'][1]:.0f} MiB |"]


# Per keystroke: under 50 ms on the bundled base, under 150 ms at 100,000 facts (issue 18).
KEYSTROKE_TARGETS = {"bundled": 0.050, "large": 0.150}


def keystroke_row(directory: Path, label: str, query: str, target: float, env: dict[str, str]) -> str:
    """The picker's CPU time per keystroke typing ``query`` (median, max), and the test driver's wall time."""
    output = subprocess.run([PYTHON, str(HERE / "keystrokes.py"), str(directory), query], env=env, check=True,
                            capture_output=True, text=True).stdout
    result = json.loads(output)
    return (f"| pick, {label}, typing `{query}`: CPU per keystroke (median, max) | {result['key_cpu_median_ms']:.0f} ms"
            f", {result['key_cpu_max_ms']:.0f} ms | search alone {result['search_median_ms']:.1f} ms | | "
            f"< {target * 1000:.0f} ms | wall through the test driver {result['key_wall_median_ms']:.0f} ms, of "
            f"which its pauses {result['idle_wall_median_ms']:.0f} ms |")


def keystroke_rows(sizes: list[int], env: dict[str, str]) -> list[str]:
    rows = [keystroke_row(HERE.parent, "bundled base", "turnot 2020", KEYSTROKE_TARGETS["bundled"], env)]
    for size in sizes:
        rows.append(keystroke_row(ensure_base(size), f"{size:,} facts", "unemploymnet rate 2019",
                                  KEYSTROKE_TARGETS["large"], env))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--skip-rebuild", action="store_true", help="do not time index rebuilds")
    parser.add_argument("--cache-dir", help="keep the indexes in this directory and reuse them")
    parser.add_argument("--only-keystrokes", action="store_true", help="measure only the picker's keystrokes")
    options = parser.parse_args()
    import compileall

    compileall.compile_dir(str(HERE.parent / "nc_facts"), quiet=1)
    env = dict(os.environ)
    env.pop("NC_FACTS_BASE", None)
    env["NC_FACTS_CACHE_DIR"] = options.cache_dir or tempfile.mkdtemp(prefix="nc-facts-bench-")
    lines = ["| measurement | nc-facts | reference | ratio | target | peak RSS |", "|---|---|---|---|---|---|"]
    notes: list[str] = []
    sizes = [int(text) for text in options.sizes.split(",") if text]
    if options.only_keystrokes:
        lines += keystroke_rows(sizes, env)
    else:
        lines += command_rows(options, sizes, env, notes)
    if not options.cache_dir:
        shutil.rmtree(env["NC_FACTS_CACHE_DIR"], ignore_errors=True)
    print("\n".join(lines))
    for note in notes:
        print(note)
    print(f"\n{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {options.runs} runs per command (medians).")


def command_rows(options: argparse.Namespace, sizes: list[int], env: dict[str, str], notes: list[str]) -> list[str]:
    """The cold-process rows: search on the bundled and synthetic bases, recall, rebuilds, keystrokes."""
    lines: list[str] = []
    python = [PYTHON, "-c", "pass"]
    bundled = compare({"json": [NC_FACTS, "search", "2020 turnout", "--json"],
                       "human": [NC_FACTS, "search", "2020 turnout"], "python": python}, options.runs, env)
    lines.append(row("bundled base, --json, vs `python -c pass`", bundled["json"], bundled["python"], "<= 8x"))
    lines.append(row("bundled base, human output, vs `python -c pass`", bundled["human"], bundled["python"],
                     "<= 12x"))
    fzf = shutil.which("fzf")
    if not fzf:
        notes.append("fzf is not installed: the fzf comparisons were skipped.")
    for size in sizes:
        directory = ensure_base(size)
        base_env = dict(env, NC_FACTS_BASE=str(directory))
        runs = max(5, options.runs // 2) if size >= 1_000_000 else options.runs
        target = "<= 0.5x" if size < 1_000_000 else "<= 0.1x, <= 200 MiB"
        lines += query_rows(directory, size, "unemployment rate 2019", target, runs, base_env, fzf)
        # A word held by a large share of the base: the costliest kind of query, with no target of its own.
        lines += query_rows(directory, size, "rate", "(one frequent word)", max(3, runs // 3), base_env, fzf)
        found, total = planted_recall(directory, base_env)
        lines.append(f"| planted facts found first, {size:,} facts | {found}/{total} | | | all | |")
        if not options.skip_rebuild:
            lines.append(rebuild_ratio(directory, base_env, max(1, min(3, options.runs))))
    return lines + keystroke_rows(sizes, env)


if __name__ == "__main__":
    main()
