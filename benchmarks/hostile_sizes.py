#!/usr/bin/env python3
"""Time and peak memory of nc-facts fed input of hostile sizes, beside ``python -c pass``.

    .venv/bin/python benchmarks/hostile_sizes.py [--seconds 20] [--big-mb 50]

Each line is one fresh process of the installed entry point (peak RSS of the child from wait4):

- ``check --file /dev/zero``, and a megabyte of NUL bytes on stdin: refused at once;
- endless stdin (``yes 'Turnout in 2020 was 85.64 %.'``) for ``--seconds``, then stopped: memory stays
  flat however long it runs, and the documents counted show it answers as it reads;
- drafts of 200 and 2,000 sentences made from the base (``check_draft.py``'s), with ``--jsonl`` and
  ``--json``: time grows with the sentences, memory does not;
- a ``--big-mb`` draft: checked for ``--seconds`` and stopped (memory as for a small one), and a file of
  that size without a line break or a sentence end, read to its end (cut, said so);
- ``annotate`` of the 200- and 2,000-sentence drafts (it holds the draft whole), and of the big draft:
  refused over its limit, at once;
- ``cite`` of 10,000 ids, ``export`` of 10,000 ``--facts``, a search and a check of a 128 KiB argument
  (the most one argument may be on Linux; the 1 MB query is tested in-process).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from check_draft import draft_from_base
from run import NC_FACTS, PYTHON

MINI_BASE = Path(__file__).resolve().parent.parent / "tests" / "data" / "mini"
YES_LINE = b"Turnout in 2020 was 85.64 %.\n"


def measure(command: list[str], env: dict[str, str], *, feed: bytes | None = None, endless: bool = False,
            seconds: float | None = None) -> tuple[float, float, int, int]:
    """Wall seconds, peak MiB, exit code and lines printed of one run; stopped with SIGTERM after ``seconds``."""
    stdin = subprocess.PIPE if feed is not None else subprocess.DEVNULL
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines = [0]
    counter = threading.Thread(target=_count_lines, args=(process, lines), daemon=True)
    counter.start()
    if feed is not None:
        threading.Thread(target=_feed, args=(process, feed, endless), daemon=True).start()
    if seconds is not None:
        timer = threading.Timer(seconds, lambda: process.poll() is None and process.send_signal(signal.SIGTERM))
        timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if seconds is not None:
        timer.cancel()
    counter.join(timeout=60)  # what the process printed last is still in the pipe
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), lines[0]


def _count_lines(process: subprocess.Popen[bytes], lines: list[int]) -> None:
    assert process.stdout is not None
    for _ in process.stdout:
        lines[0] += 1


def _feed(process: subprocess.Popen[bytes], data: bytes, endless: bool) -> None:
    assert process.stdin is not None
    try:
        while True:
            process.stdin.write(data)
            if not endless:
                break
        process.stdin.close()
    except (BrokenPipeError, ValueError, OSError):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the endless runs go on")
    parser.add_argument("--big-mb", type=int, default=50)
    args = parser.parse_args()
    base = ["--base", str(MINI_BASE)]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = {"PATH": "/usr/bin:/bin", "NC_FACTS_CACHE_DIR": str(folder / "cache"), "LANG": "C.UTF-8",
               "HOME": scratch}
        drafts = {n: folder / f"draft-{n}.md" for n in (200, 2000)}
        for n, path in drafts.items():
            path.write_text(draft_from_base(MINI_BASE, n), encoding="utf-8")
        big = folder / "big.md"
        _write_big(big, drafts[2000].read_bytes(), args.big_mb)
        line = folder / "one-line.txt"
        with line.open("wb") as out:
            for _ in range(args.big_mb):
                out.write(b"x" * (1024 * 1024))
        ids = ["island-turnout-2020", "minister-allegation-2024"] * 5000
        argument = "turnout 2020 " * (128 * 1024 // 13)
        runs: list[tuple[str, list[str], dict[str, object]]] = [
            ("python -c pass", [PYTHON, "-c", "pass"], {}),
            ("check --file /dev/zero", [NC_FACTS, "check", "--file", "/dev/zero", *base], {}),
            ("1 MB of NUL on stdin", [NC_FACTS, "check", "--file", "-", *base], {"feed": b"\0" * 2**20}),
            (f"endless stdin, {args.seconds:.0f} s", [NC_FACTS, "check", "--file", "-", "--jsonl", *base],
             {"feed": YES_LINE * 100, "endless": True, "seconds": args.seconds}),
            *[(f"{n} sentences --jsonl", [NC_FACTS, "check", "--file", str(p), "--jsonl", *base], {})
              for n, p in drafts.items()],
            *[(f"{n} sentences --json", [NC_FACTS, "check", "--file", str(p), "--json", *base], {})
              for n, p in drafts.items()],
            (f"{args.big_mb} MB draft, {args.seconds:.0f} s", [NC_FACTS, "check", "--file", str(big), "--jsonl", *base],
             {"seconds": args.seconds}),
            (f"{args.big_mb} MB, no line break", [NC_FACTS, "check", "--file", str(line), "--jsonl", *base], {}),
            *[(f"annotate {n} sentences", [NC_FACTS, "annotate", str(p), *base], {}) for n, p in drafts.items()],
            (f"annotate {args.big_mb} MB draft", [NC_FACTS, "annotate", str(big), *base], {}),
            ("cite 10,000 ids --notes", [NC_FACTS, "cite", *ids, "--notes", *base], {}),
            ("export --facts x 10,000", [NC_FACTS, "export", *(a for i in ids for a in ("--facts", i)), *base], {}),
            ("search 128 KiB query", [NC_FACTS, "search", argument, *base], {}),
            ("check 128 KiB claim", [NC_FACTS, "check", argument, *base], {}),
        ]
        print(f"{'run':34} {'seconds':>8} {'peak MiB':>9} {'exit':>5} {'lines out':>10}")
        for name, command, options in runs:
            seconds, memory, code, lines = measure(command, env, **options)  # type: ignore[arg-type]
            print(f"{name:34} {seconds:8.2f} {memory:9.1f} {code:5d} {lines:10d}")
            sys.stdout.flush()
    return 0


def _write_big(path: Path, paragraph: bytes, megabytes: int) -> None:
    with path.open("wb") as out:
        while out.tell() < megabytes * 1024 * 1024:
            out.write(paragraph)


if __name__ == "__main__":
    raise SystemExit(main())
