#!/usr/bin/env python3
"""What checking the index's block sums costs a query, measured in-process.

    python benchmarks/index_checks.py BASE_DIR [--runs 40] [QUERY ...]

For each query, alternately: opens the saved index afresh (as each command
does) and answers with the checks, then the same with them switched off
(the index treated as if built by this process).  Reports the median CPU
time of each in ms, the ratio, and how many of the index's blocks the query
checked.  The index is built before timing starts.  CPU time, not wall time:
on a shared machine the wall time of a few milliseconds is mostly the
scheduler's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from nc_facts import store


def answer_cpu_ms(base: str, query: str, checked: bool) -> tuple[float, int]:
    """CPU ms to open the index and answer ``query``; the blocks checked."""
    start = time.process_time()
    index = store.open_index(base)
    if not checked:
        index._unchecked = None
    store._answer(index, base, query, 10)
    spent = (time.process_time() - start) * 1000
    return spent, index._unchecked.count(0) if index._unchecked is not None else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("queries", nargs="*", default=["unemployment rate 2019", "rate"])
    parser.add_argument("--runs", type=int, default=40)
    arguments = parser.parse_args()
    store.search_document(arguments.base, arguments.queries[0], 10)  # built and saved before timing
    blocks = store.open_index(arguments.base)._unchecked
    report = {}
    for query in arguments.queries:
        on, off, checked_blocks = [], [], 0
        for _ in range(arguments.runs):
            spent, checked_blocks = answer_cpu_ms(arguments.base, query, True)
            on.append(spent)
            off.append(answer_cpu_ms(arguments.base, query, False)[0])
        with_checks, without = statistics.median(on), statistics.median(off)
        report[query] = {"checked_ms": round(with_checks, 2), "unchecked_ms": round(without, 2),
                         "ratio": round(with_checks / without, 2), "blocks_checked": checked_blocks,
                         "blocks": len(blocks) if blocks is not None else 0}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
