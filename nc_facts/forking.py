"""Share a step with a forked process: it computes bytes while this process does the other half.

Used where a large base makes one step long (parsing facts.toml, the per-fact
index work) and the machine has a second core.  Everything here may fail
quietly: the caller then does the work itself, so the result never depends on
whether a fork happened.  The other process is never left running or
unreaped.

``NC_FACTS_FORK`` names the steps that may fork, separated by commas
(``parse``, ``index``; unset: both; empty: none), so that the benchmark can
time a rebuild with each step shared or not.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

FORK_ENV = "NC_FACTS_FORK"
STEPS = ("parse", "index")


class Forked:
    """A forked process computing one result; ``result`` waits for it, ``cancel`` stops it."""

    def __init__(self, pid: int, descriptor: int) -> None:
        self._pid: int | None = pid
        self._descriptor: int | None = descriptor  # None once read or closed: never closed twice

    def result(self) -> bytes | None:
        """What the process computed; None when it failed or stopped before sending all of it."""
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is None:  # read or cancelled already
            return None
        try:
            with os.fdopen(descriptor, "rb") as incoming:
                size = incoming.read(8)
                length = int.from_bytes(size, "little")
                data = incoming.read(length)
        except OSError:
            return None
        finally:
            self.cancel()
        return data if len(size) == 8 and len(data) == length else None

    def cancel(self) -> None:
        """Stop the process if it still runs and reap it; calling it again does nothing."""
        if self._descriptor is not None:
            with contextlib.suppress(OSError):
                os.close(self._descriptor)
            self._descriptor = None
        if self._pid is None:
            return
        import signal

        with contextlib.suppress(OSError):
            os.kill(self._pid, signal.SIGKILL)  # normally gone already
        with contextlib.suppress(OSError):
            os.waitpid(self._pid, 0)
        self._pid = None


def may_fork(step: str) -> bool:
    """Whether ``step`` may be shared with a forked process here (the platform forks, ``NC_FACTS_FORK`` allows)."""
    allowed = os.environ.get(FORK_ENV)
    return hasattr(os, "fork") and (allowed is None or step in allowed.split(","))


def fork(step: str, work: Callable[[], bytes]) -> Forked | None:
    """Run ``work`` in a forked process; None where ``step`` may not fork or the system refuses a process."""
    if not may_fork(step):
        return None
    try:
        reader, writer = os.pipe()
    except OSError:  # out of descriptors
        return None
    try:
        pid = os.fork()
    except OSError:  # out of processes or memory
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # the child: never returns into the caller, whatever work() does
        status = 1
        try:
            os.close(reader)
            data = work()
            with os.fdopen(writer, "wb") as out:
                out.write(len(data).to_bytes(8, "little"))
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    return Forked(pid, reader)
