#!/usr/bin/env python3
"""Search-as-you-type latency of ``nc-facts pick``, measured in-process.

    python benchmarks/keystrokes.py BASE_DIR QUERY [--rounds 3]

Types QUERY into the picker one key at a time, headless (Textual's test
driver, 120x40), and measures each key from the press until the screen is
idle again (the search, the list and the preview all redrawn): the CPU time
this process spent, which is the keystroke's cost, and the wall time, which
also holds the driver's own pauses (shown by a key that changes nothing,
End in the query box).  Also times the search alone (``Finder.results`` on
each prefix).  The index is built before timing starts.  Prints one JSON
object: medians and maxima in ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

from nc_facts.cli.picker import PickerApp
from nc_facts.filters import make_filter
from nc_facts.picking import Finder

Timings = dict[str, list[float]]


async def keystroke_times(finder: Finder, query: str, times: Timings) -> None:
    app = PickerApp(finder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = [("idle", "end") for _ in range(5)] + [("key", "space" if c == " " else c) for c in query]
        for name, key in keys:
            cpu, wall = time.process_time(), time.perf_counter()
            await pilot.press(key)
            times[f"{name}_cpu"].append(time.process_time() - cpu)
            times[f"{name}_wall"].append(time.perf_counter() - wall)
        await pilot.press("escape")


def search_times(finder: Finder, query: str) -> list[float]:
    times = []
    for end in range(1, len(query) + 1):
        start = time.perf_counter()
        finder.results(query[:end])
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("query")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    finder = Finder(options.base, make_filter(), 20)
    times: Timings = {name: [] for name in ("key_cpu", "key_wall", "idle_cpu", "idle_wall", "search")}
    for _ in range(options.rounds):
        asyncio.run(keystroke_times(finder, options.query, times))
        times["search"] += search_times(finder, options.query)
    summary: dict[str, float] = {"keys": len(times["key_cpu"])}
    for name, values in times.items():
        summary[f"{name}_median_ms"] = round(statistics.median(values) * 1000, 1)
        summary[f"{name}_max_ms"] = round(max(values) * 1000, 1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
