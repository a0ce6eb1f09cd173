"""A step shared with a forked process: its bytes, or None, and never a process left behind."""

from __future__ import annotations

import os
import time

import pytest

from nc_facts import forking

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="this platform has no fork")


def _is_reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_result_is_what_the_process_computed() -> None:
    forked = forking.fork("index", lambda: b"x" * 200_000)  # more than a pipe holds at once
    assert forked is not None
    assert forked.result() == b"x" * 200_000
    assert forked.result() is None  # one result, then nothing


def test_a_process_that_fails_gives_none() -> None:
    def broken() -> bytes:
        raise RuntimeError("fails in the child")

    forked = forking.fork("index", broken)
    assert forked is not None
    assert forked.result() is None


def test_cancel_stops_a_running_process_and_reaps_it() -> None:
    def slow() -> bytes:
        time.sleep(60)
        return b""

    forked = forking.fork("index", slow)
    assert forked is not None
    pid = forked._pid
    assert pid is not None
    started = time.monotonic()
    forked.cancel()
    forked.cancel()
    assert time.monotonic() - started < 30
    assert _is_reaped(pid)


def test_no_process_where_the_system_refuses_one(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert forking.fork("index", lambda: b"") is None
