"""Start the benchmark's commands from a small process, so that their peak RSS is their own.

    python -S benchmarks/spawner.py    (run.py starts it; one request per line on stdin)

A process's peak RSS as wait4 reports it (``ru_maxrss``) includes the peak
of the process it was forked from, up to its ``exec``: a command started by
run.py directly would report at least run.py's own peak.  So run.py starts
this process once, before it grows, and hands it each command as a JSON line
``{"argv", "env", "timeout"}``; it answers with a JSON line ``{"seconds",
"rss_kib", "status", "timed_out"}``.  It imports only what it needs and runs
without ``site`` (``-S``), so the floor it sets is well under Python's own
start.  The command runs in a session of its own, output to /dev/null; past
``timeout`` seconds its whole process group is killed.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time


def run(argv: list[str], env: dict[str, str], timeout: float) -> dict[str, object]:
    devnull = os.devnull
    actions = [(os.POSIX_SPAWN_OPEN, 1, devnull, os.O_WRONLY, 0), (os.POSIX_SPAWN_OPEN, 2, devnull, os.O_WRONLY, 0)]
    timed_out = False

    def kill(_signal: int, _frame: object) -> None:
        nonlocal timed_out
        try:
            os.killpg(pid, signal.SIGKILL)
            timed_out = True
        except ProcessLookupError:  # it ended just now, on its own
            pass

    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, env, file_actions=actions, setsid=True)
    signal.signal(signal.SIGALRM, kill)
    if timeout:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    signal.setitimer(signal.ITIMER_REAL, 0)
    return {"seconds": seconds, "rss_kib": usage.ru_maxrss, "status": os.waitstatus_to_exitcode(status),
            "timed_out": timed_out}


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.write(json.dumps(run(request["argv"], request["env"], request["timeout"] or 0)) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
