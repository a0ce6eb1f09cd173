"""A rebuild shares its per-fact work with a forked process; the index file is the same byte for byte."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from nc_facts import store
from nc_facts.loader import bundled_base_dir, collection_paused, load_base

from conftest import MINI_BASE, write_synthetic_base

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="this platform has no fork: the build stays serial")


@pytest.fixture(scope="module")
def synthetic_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("synthetic")
    write_synthetic_base(directory, 700, seed=17)
    return directory


def _bases(synthetic_base: Path) -> list[Path]:
    return [MINI_BASE, Path(bundled_base_dir()), synthetic_base]


def _index_bytes(base_dir: Path, parallel: bool) -> bytes:
    with collection_paused():
        base = load_base(base_dir)
        return store._assemble(*store._index_chunks(base, parallel=parallel))


def _count_workers(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    started: list[Any] = []
    start = store._start_worker

    def recording(*args: Any) -> Any:
        worker = start(*args)
        started.append(worker)
        return worker

    monkeypatch.setattr(store, "_start_worker", recording)
    return started


@needs_fork
@pytest.mark.parametrize("which", [0, 1, 2], ids=["mini", "bundled", "synthetic"])
def test_parallel_build_writes_the_same_bytes(which: int, synthetic_base: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    base_dir = _bases(synthetic_base)[which]
    serial = _index_bytes(base_dir, parallel=False)
    monkeypatch.setattr(store, "PARALLEL_MIN_FACTS", 0)
    started = _count_workers(monkeypatch)
    finished: list[Any] = []
    finish = store._finish_worker
    monkeypatch.setattr(store, "_finish_worker", lambda worker: finished.append(finish(worker)) or finished[-1])
    parallel = _index_bytes(base_dir, parallel=True)
    assert len(started) == 1 and started[0] is not None
    assert len(finished) == 1 and finished[0] is not None  # the worker's half was used, not recomputed here
    assert parallel == serial


@needs_fork
def test_a_failing_worker_falls_back_to_the_same_bytes(synthetic_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _index_bytes(synthetic_base, parallel=False)
    monkeypatch.setattr(store, "PARALLEL_MIN_FACTS", 0)

    def broken(self: Any) -> bytes:
        raise RuntimeError("worker broke")  # raised in the forked process only: the parent never dumps

    monkeypatch.setattr(store._Part, "dumps", broken)
    started = _count_workers(monkeypatch)
    assert _index_bytes(synthetic_base, parallel=True) == serial
    assert len(started) == 1 and started[0] is not None


def test_small_bases_and_platforms_without_fork_build_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _index_bytes(MINI_BASE, parallel=False)
    started = _count_workers(monkeypatch)
    assert _index_bytes(MINI_BASE, parallel=True) == serial  # below PARALLEL_MIN_FACTS
    monkeypatch.setattr(store, "PARALLEL_MIN_FACTS", 0)
    monkeypatch.delattr(os, "fork", raising=False)
    assert _index_bytes(MINI_BASE, parallel=True) == serial
    assert started == [None]
