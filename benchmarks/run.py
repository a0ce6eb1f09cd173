#!/usr/bin/env python3
"""Cold-process timings of every nc-facts command against Python's own start, the plain search and fzf.

    .venv/bin/python benchmarks/run.py [--runs 15] [--sizes 100000,1000000] [--commands NAME,...]
                                       [--timeout 60] [--skip-rebuild] [--cache-dir DIR]
                                       [--only-keystrokes]

Every measurement is a fresh process.  Commands being compared run
alternately (A, B, A, B...), so a noisy machine slows them alike, and the
tables show medians and their ratios.  Peak memory is the child's maximum
RSS (from wait4), each command started by a small process of its own
(spawner.py), so that the figure is not this one's.  A run that outlasts
``--timeout`` seconds is killed and its command reported as "timeout" (and
not run again); a command that
exits with a usage or data error (2) is reported as failed.  Each command
runs once before it is timed, to warm the page cache and the index; a
command whose first run took more than a second keeps it as a time sample
(the page cache is then immaterial; its memory is not counted, as that run
may build the index or the checker's saved view), and one whose median is over a second
stops at three runs, so the slow commands of a large base cost no run in
vain.

The bundled base is timed beside ``python -c pass``, the synthetic bases
beside the plain search and beside ``fzf --filter`` over the same claims
(each command alternating with both).  Commands that take ``--json`` are
timed with it (the document scripts read); ``export`` prints its default
format.  ``--commands`` selects among COMMANDS below (default: all).

The synthetic bases are written once to benchmarks/bases/ (not in git) by
make_base.py and reused.  The interpreter is this one, by the path it was
started with (a virtual environment's python is the real binary behind a
symlink, not a version-manager shim).  The indexes go to a fresh cache
directory, removed at the end, unless ``--cache-dir`` names one to keep and
reuse (building the 1,000,000-fact index takes minutes).  Unless
``--skip-rebuild`` (or ``rebuild`` left out of ``--commands``), each base's
first query after a change is timed too: the cache is cleared and the query
run, alternately with tomllib's parse of the same facts.toml, three times
(clearing removes every index in the cache directory).  The picker's
search-as-you-type latency (``pick``) is measured in-process by
keystrokes.py, in a process of its own per base; ``--only-keystrokes``
measures that alone.  The package is byte-compiled first, as installing it
from a wheel does: an environment with PYTHONDONTWRITEBYTECODE set would
otherwise compile every module from source in every run.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASES = HERE / "bases"
PYTHON = sys.executable
NC_FACTS = str(Path(PYTHON).with_name("nc-facts"))
# What ``--commands`` selects among, in the order of the tables.
COMMANDS = ("search", "show", "list", "search-tag", "timeline", "cite", "export-facts", "export-query",
            "export-style", "check", "check-file", "recall", "rebuild", "keystrokes")
TIMED_COMMANDS = COMMANDS[:11]  # those timed beside python -c pass, the plain search and fzf
TABLE_HEADER = ["| measurement | nc-facts | reference | ratio | target | peak RSS |", "|---|---|---|---|---|---|"]
DRAFT_SENTENCES = 200
SLOW_RUNS = 3  # runs of a command taking more than a second: its median is then steady enough
# Per keystroke: under 50 ms on the bundled base, under 150 ms at 100,000 facts (issue 18).
KEYSTROKE_TARGETS = {"bundled": 0.050, "large": 0.150}


class TimedOut(Exception):
    """A run outlasted the timeout and was killed."""


@dataclass
class Result:
    """A command's median seconds and peak MiB over its runs, or why it has none."""

    seconds: float = 0.0
    rss: float = 0.0
    failure: str = ""  # "timeout", "exit 2"...: the command has no time


class Spawner:
    """The small process that starts every timed command (spawner.py), started before this one grows."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None

    def run(self, command: list[str], env: dict[str, str], timeout: float | None) -> dict[str, Any]:
        if self._process is None:
            self._process = subprocess.Popen([PYTHON, "-S", str(HERE / "spawner.py")], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, text=True)
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps({"argv": command, "env": env, "timeout": timeout}) + "\n")
        self._process.stdin.flush()
        answer: dict[str, Any] = json.loads(self._process.stdout.readline())
        return answer


SPAWNER = Spawner()


def run_once(command: list[str], env: dict[str, str], timeout: float | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB, and exit code of one run; TimedOut when it outlasts ``timeout``."""
    answer = SPAWNER.run(command, env, timeout)
    if answer["timed_out"]:
        raise TimedOut(command[1] if len(command) > 1 else command[0])
    return answer["seconds"], answer["rss_kib"] / 1024, answer["status"]


def compare(commands: dict[str, list[str]], runs: int, env: dict[str, str],
            timeout: float | None = None) -> dict[str, Result]:
    """Median seconds and peak MiB of each command, run alternately."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    results = {name: Result() for name in commands}
    for name, command in commands.items():  # warm the page cache and the index
        _sample(name, command, env, timeout, results, times, keep_slow=True)
    for _ in range(runs):
        for name, command in commands.items():
            if not results[name].failure and len(times[name]) < _wanted(times[name], runs):
                _sample(name, command, env, timeout, results, times, keep_slow=False)
    for name, values in times.items():
        if values and not results[name].failure:
            results[name].seconds = statistics.median(values)
    return results


def _wanted(times: list[float], runs: int) -> int:
    """How many runs a command gets: ``runs``, or three once it has shown it takes seconds."""
    return min(runs, SLOW_RUNS) if len(times) >= SLOW_RUNS and statistics.median(times) > 1.0 else runs


def _sample(name: str, command: list[str], env: dict[str, str], timeout: float | None, results: dict[str, Result],
            times: dict[str, list[float]], keep_slow: bool) -> None:
    """One run of ``command`` into ``times`` (a warm-up only when ``keep_slow`` and it took under a second)."""
    try:
        elapsed, rss, code = run_once(command, env, timeout)
    except TimedOut:
        results[name].failure = f"timeout (> {timeout:.0f} s)"
        return
    if code >= 2 and code != 3:  # 1 and 3 are answers (nothing found, refuted; not enough information)
        results[name].failure = f"exit {code}"
        return
    if not keep_slow or elapsed > 1.0:
        times[name].append(elapsed)
    if not keep_slow:  # a warm-up's memory is never counted: it may build the index or the checker's view
        results[name].rss = max(results[name].rss, rss)


def milliseconds(result: Result) -> str:
    if result.failure:
        return result.failure
    return f"{result.seconds * 1000:.0f} ms" if result.seconds < 1 else f"{result.seconds:.2f} s"


def ratio(result: Result, reference: Result | None) -> str:
    if reference is None or result.failure or reference.failure or not reference.seconds:
        return ""
    return f"{result.seconds / reference.seconds:.2f}x"


def mebibytes(result: Result) -> str:
    return f"{result.rss:.0f} MiB" if result.rss else ""


def ensure_base(size: int) -> Path:
    directory = BASES / (f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}m")
    if not (directory / "planted.json").exists():
        print(f"writing a {size}-fact base to {directory} ...", file=sys.stderr)
        subprocess.run([PYTHON, str(HERE / "make_base.py"), str(size), str(directory)], check=True)
    return directory


@dataclass
class Workload:
    """What each command is asked on one base: the ids, tag, queries, dates, claim and draft it uses."""

    query: str
    ids: tuple[str, str]
    tag: str
    tag_query: str
    export_query: str
    dates: tuple[str, str]
    claim: str
    draft: Path

    def commands(self) -> dict[str, list[str]]:
        first, second = self.ids
        return {
            "search": ["search", self.query, "--json"],
            "show": ["show", first, "--json"],
            "list": ["list", "--tag", self.tag, "--json"],
            "search-tag": ["search", self.tag_query, "--tag", self.tag, "--json"],
            "timeline": ["timeline", "--from", self.dates[0], "--to", self.dates[1], "--json"],
            "cite": ["cite", first, second, "--json"],
            "export-facts": ["export", "--facts", first, "--facts", second],
            "export-query": ["export", "--query", self.export_query],
            "export-style": ["export", "--style", "apa"],
            "check": ["check", self.claim, "--json"],
            "check-file": ["check", "--file", str(self.draft), "--json"],
        }


def bundled_workload(scratch: Path) -> Workload:
    import tomllib

    facts = tomllib.loads((HERE.parent / "facts.toml").read_text(encoding="utf-8"))["fact"]
    claims = [fact["claim"] for fact in facts]
    return Workload(query="2020 turnout", ids=("referendum-2020-turnout", "referendum-2018-turnout"),
                    tag="referendum", tag_query="turnout", export_query="2020 turnout", dates=("2020", "2021"),
                    claim="The turnout in 2020 was 85.64 %.", draft=write_draft(scratch / "bundled.md", claims))


def synthetic_workload(directory: Path, scratch: Path) -> Workload:
    claims = spread_lines(directory / "claims.txt", DRAFT_SENTENCES)
    return Workload(query="unemployment rate 2019", ids=("planted-glacier", "planted-cable"), tag="planted",
                    tag_query="glacier", export_query="fennimark glacier", dates=("2019-03", "2019-03"),
                    claim="The Fennimark glacier retreated 1.8 kilometres between 1990 and 2020.",
                    draft=write_draft(scratch / f"{directory.name}.md", claims))


def spread_lines(path: Path, count: int) -> list[str]:
    """About ``count`` lines spread through the file (not its first facts only), read without holding it whole."""
    with path.open(encoding="utf-8") as stream:
        total = sum(1 for _ in stream)
        stream.seek(0)
        step = max(1, total // count)
        return [line.rstrip("\n") for number, line in enumerate(stream) if number % step == 0]


def write_draft(path: Path, claims: list[str]) -> Path:
    from check_draft import draft_from_claims

    path.write_text(draft_from_claims(claims, DRAFT_SENTENCES), encoding="utf-8")
    return path


def selected(commands: dict[str, list[str]], names: set[str]) -> dict[str, list[str]]:
    return {name: [NC_FACTS, *args] for name, args in commands.items() if name in names}


def bundled_rows(workload: Workload, names: set[str], runs: int, env: dict[str, str], timeout: float) -> list[str]:
    """Each command on the bundled base against ``python -c pass``, alternately."""
    targets = {"cite": "<= 15x", "export-style": "<= 15x"}
    commands = selected(workload.commands(), names)
    if "search" in names:
        commands["search-human"] = [NC_FACTS, "search", workload.query]
    results = compare({**commands, "python": [PYTHON, "-c", "pass"]}, runs, env, timeout)
    python = results["python"]
    lines = ["| bundled base (80 facts) | nc-facts | `python -c pass` | ratio | target | peak RSS |",
             "|---|---|---|---|---|---|"]
    for name in commands:
        label = "search (human output)" if name == "search-human" else _label(name, [*commands[name][1:]])
        target = targets.get(name, "<= 12x" if name == "search-human" else "<= 8x")
        lines.append(f"| {label} | {milliseconds(results[name])} | {milliseconds(python)} | "
                     f"{ratio(results[name], python)} | {target} | {mebibytes(results[name])} |")
    return lines


def _label(name: str, args: list[str]) -> str:
    shown = " ".join(f"'{arg}'" if " " in arg else arg for arg in args if arg != "--json")
    if name == "check-file":
        shown = f"check --file (a {DRAFT_SENTENCES}-sentence draft)"
    return f"`{shown}`"


def size_rows(size: int, workload: Workload, names: set[str], runs: int, env: dict[str, str], timeout: float,
              fzf: str | None, claims: Path) -> list[str]:
    """Each command on a synthetic base against the plain search and fzf --filter, alternately."""
    commands = selected(workload.commands(), names)
    if "search" in names:
        commands["search-rate"] = [NC_FACTS, "search", "rate", "--json"]  # a word in 12 % of the facts
    if fzf:
        commands["fzf"] = ["sh", "-c", f'exec {fzf} --filter "$0" < "$1"', workload.query, str(claims)]
    results = compare(commands, runs, env, timeout)
    search, reference = results.get("search"), results.get("fzf")
    large = size >= 1_000_000
    lines = [f"| {size:,} facts | nc-facts | vs plain search | vs `fzf --filter` | target | peak RSS |",
             "|---|---|---|---|---|---|"]
    for name in commands:
        if name == "fzf":
            continue
        label = "`search rate` (a word in 12 % of the facts)" if name == "search-rate" else \
            _label(name, commands[name][1:])
        lines.append(f"| {label} | {milliseconds(results[name])} | "
                     f"{'' if name == 'search' else ratio(results[name], search)} | "
                     f"{ratio(results[name], reference)} | {_size_target(name, large)} | "
                     f"{mebibytes(results[name])} |")
    if reference is not None:
        lines.append(f"| `fzf --filter '{workload.query}'` over the {size:,} claims | {milliseconds(reference)} | | "
                     f"| | {mebibytes(reference)} |")
    return lines


def _size_target(name: str, large: bool) -> str:
    if name == "search-rate":
        return "(one frequent word)"
    if large:
        return "<= 0.1x fzf, <= 200 MiB"
    if name == "search":
        return "<= 0.5x fzf"
    if name == "check-file":
        return "<= 2x search, < fzf, <= 1 s"
    return "<= 2x search, < fzf"


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


def rebuild_row(directory: Path, env: dict[str, str], runs: int) -> str:
    """First query after a change (index rebuilt) against tomllib parsing facts.toml alone, run alternately."""
    parse = [PYTHON, "-c", f"import tomllib; tomllib.loads(open({str(directory / 'facts.toml')!r}, "
                           "encoding='utf-8').read())"]
    query = [NC_FACTS, "search", "rebuild check", "--json"]
    clear = [NC_FACTS, "cache", "clear"]
    parse_times: list[float] = []
    ratios: list[float] = []
    rebuild_times: list[float] = []
    rss = 0.0
    for _ in range(runs):
        parse_times.append(run_once(parse, env)[0])
        run_once(clear, env)
        elapsed, peak, _ = run_once(query, env)
        rebuild_times.append(elapsed)
        ratios.append(elapsed / parse_times[-1])
        rss = max(rss, peak)
    parse_time, rebuild_time = statistics.median(parse_times), statistics.median(rebuild_times)
    each = ", ".join(f"{value:.2f}x" for value in ratios)
    return (f"| first query after a change, {directory.name} | {rebuild_time:.1f} s | tomllib {parse_time:.1f} s | "
            f"{rebuild_time / parse_time:.2f}x (each run: {each}) | <= 1.2x | {rss:.0f} MiB |")


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
    rows = [*TABLE_HEADER, keystroke_row(HERE.parent, "bundled base", "turnot 2020", KEYSTROKE_TARGETS["bundled"], env)]
    for size in sizes:
        rows.append(keystroke_row(ensure_base(size), f"{size:,} facts", "unemploymnet rate 2019",
                                  KEYSTROKE_TARGETS["large"], env))
    return rows


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--commands", default=",".join(COMMANDS), help=f"among {', '.join(COMMANDS)}")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a run may take before it is killed")
    parser.add_argument("--skip-rebuild", action="store_true", help="do not time index rebuilds")
    parser.add_argument("--cache-dir", help="keep the indexes in this directory and reuse them")
    parser.add_argument("--only-keystrokes", action="store_true", help="measure only the picker's keystrokes")
    options = parser.parse_args()
    options.names = {name for name in options.commands.split(",") if name}
    unknown = options.names - set(COMMANDS)
    if unknown:
        parser.error(f"unknown command(s): {', '.join(sorted(unknown))} (known: {', '.join(COMMANDS)})")
    if options.only_keystrokes:
        options.names = {"keystrokes"}
    if options.skip_rebuild:
        options.names.discard("rebuild")
    return options


def main() -> None:
    options = parse_options()
    SPAWNER.run(["true"], {"PATH": os.environ.get("PATH", "")}, None)  # started now, while this process is small
    import compileall

    compileall.compile_dir(str(HERE.parent / "nc_facts"), quiet=1)
    env = dict(os.environ)
    env.pop("NC_FACTS_BASE", None)
    env["NC_FACTS_CACHE_DIR"] = options.cache_dir or tempfile.mkdtemp(prefix="nc-facts-bench-")
    sizes = [int(text) for text in options.sizes.split(",") if text]
    with tempfile.TemporaryDirectory(prefix="nc-facts-drafts-") as scratch:
        tables = command_tables(options, sizes, env, Path(scratch))
    if "keystrokes" in options.names:
        tables.append(keystroke_rows(sizes, env))
    if not options.cache_dir:
        shutil.rmtree(env["NC_FACTS_CACHE_DIR"], ignore_errors=True)
    print("\n\n".join("\n".join(table) for table in tables))
    print(f"\n{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {options.runs} runs per command (medians).")


def command_tables(options: argparse.Namespace, sizes: list[int], env: dict[str, str],
                   scratch: Path) -> list[list[str]]:
    """The cold-process tables: every command on the bundled base, then on each synthetic base."""
    names: set[str] = options.names
    tables: list[list[str]] = []
    if names & set(TIMED_COMMANDS):
        run_once([NC_FACTS, "search", "index build", "--json"], env)  # the bundled base's index, built before
        tables.append(bundled_rows(bundled_workload(scratch), names, options.runs, env, options.timeout))
    fzf = shutil.which("fzf")
    if not fzf:
        print("fzf is not installed: the fzf comparisons are left out.", file=sys.stderr)
    for size in sizes:
        directory = ensure_base(size)
        base_env = dict(env, NC_FACTS_BASE=str(directory))
        run_once([NC_FACTS, "search", "index build", "--json"], base_env)  # no command below pays for the build
        if names & set(TIMED_COMMANDS):
            tables.append(size_rows(size, synthetic_workload(directory, scratch), names,
                                    _size_runs(options.runs, size), base_env, options.timeout, fzf,
                                    directory / "claims.txt"))
        tables.append(TABLE_HEADER + recall_and_rebuild_rows(directory, size, names, base_env))
    return [table for table in tables if len(table) > len(TABLE_HEADER)]


def recall_and_rebuild_rows(directory: Path, size: int, names: set[str], env: dict[str, str]) -> list[str]:
    rows = []
    if "recall" in names:
        found, total = planted_recall(directory, env)
        rows.append(f"| planted facts found first, {size:,} facts | {found}/{total} | | | all | |")
    if "rebuild" in names:
        rows.append(rebuild_row(directory, env, 3))
    return rows


def _size_runs(runs: int, size: int) -> int:
    return max(5, runs // 2) if size >= 1_000_000 else runs


if __name__ == "__main__":
    main()
