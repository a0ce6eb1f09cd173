"""The on-disk search index: same results as the in-memory search, never stale, never fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nc_facts import load_base, serialize, store
from nc_facts.loader import bundled_base_dir, resolve_base_dir
from nc_facts.search import find

from conftest import RunCli, write_synthetic_base

QUERIES = ["2020 turnout", "darmanin", "turnot", "referendum", "the", "of the", "96", "kanak independence 2021",
           "azerbaijan baku", "new caledonia", "xyzzy", "frnace", "1853", "noumea riots 2024", "special status state",
           "2020 participation rate", "no vote 2018", "Nouvelle-Calédonie annexion", "85.64", "island", "annexed"]


def expected_document(directory: Path, query: str, limit: int) -> dict[str, Any]:
    base = load_base(directory)
    return serialize.search_document(query, find(base, query, limit), base)


@pytest.mark.parametrize("limit", [1, 3, 5, 50])
def test_index_gives_the_in_memory_results_on_the_bundled_base(limit: int) -> None:
    directory = str(resolve_base_dir(None))
    for query in QUERIES:
        assert store.search_document(directory, query, limit) == expected_document(bundled_base_dir(), query, limit)


def test_index_gives_the_in_memory_results_on_a_synthetic_base(tmp_path: Path) -> None:
    planted = write_synthetic_base(tmp_path / "synthetic", 400, seed=7)
    queries = [*QUERIES, "unemployment rate 2019", "minister resigned energy", "kana", "survey approval"]
    queries += [query for plant in planted for query in plant["queries"]]
    for query in queries:
        assert store.search_document(str(tmp_path / "synthetic"), query, 5) == \
            expected_document(tmp_path / "synthetic", query, 5)


def test_planted_facts_are_found_first(tmp_path: Path) -> None:
    planted = write_synthetic_base(tmp_path / "synthetic", 2000, seed=3)
    assert len(planted) == 8
    for plant in planted:
        for query in plant["queries"]:
            results = store.search_document(str(tmp_path / "synthetic"), query, 1)["results"]
            assert [result["id"] for result in results] == [plant["id"]], query


def _age(base: Path) -> None:
    """Date the base's files a minute back, out of the window where the index double-checks them."""
    for name in ("facts.toml", "sources.toml"):
        old = (base / name).stat().st_mtime_ns - 60 * 10**9
        os.utime(base / name, ns=(old, old))


def test_the_second_query_reads_the_saved_index(mini_base: Path) -> None:
    _age(mini_base)
    store.search_document(str(mini_base), "turnout", 5)
    path = store.index_path(str(mini_base))
    assert os.path.isfile(path)
    before = os.stat(path).st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    store.search_document(str(mini_base), "turnout", 5)
    assert os.stat(path).st_mtime_ns == before - 10**9  # not rewritten


def _claim_of_first(run_cli: RunCli, base: Path, query: str) -> str:
    result = run_cli("search", query, "--base", str(base), "--json")
    assert result.code == 0, result.stderr
    claim: str = result.json()["results"][0]["claim"]
    return claim


def test_an_edit_of_the_base_is_seen_by_the_next_query(run_cli: RunCli, mini_base: Path) -> None:
    assert "85.64" in _claim_of_first(run_cli, mini_base, "turnout 2020")
    facts = mini_base / "facts.toml"
    # Same size, same second: only the content tells the two versions apart.
    facts.write_text(facts.read_text(encoding="utf-8").replace("was 85.64 %", "was 85.99 %"), encoding="utf-8")
    assert "85.99" in _claim_of_first(run_cli, mini_base, "turnout 2020")


def test_an_edit_of_the_sources_is_seen_by_the_next_query(run_cli: RunCli, mini_base: Path) -> None:
    run_cli("search", "turnout", "--base", str(mini_base), "--json")
    sources = mini_base / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    outlet = json.loads(run_cli("search", "turnout", "--base", str(mini_base), "--json").stdout)[
        "results"][0]["citations"][0]["outlet"]
    sources.write_text(text.replace(f'"{outlet}"', '"Renamed Outlet"'), encoding="utf-8")
    result = run_cli("search", "turnout", "--base", str(mini_base), "--json").json()
    assert result["results"][0]["citations"][0]["outlet"] == "Renamed Outlet"


def test_a_base_made_invalid_is_refused_not_answered_from_the_index(run_cli: RunCli, mini_base: Path) -> None:
    assert run_cli("search", "turnout", "--base", str(mini_base)).code == 0
    facts = mini_base / "facts.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('kind = "statistic"', 'kind = "rumour"', 1),
                     encoding="utf-8")
    result = run_cli("search", "turnout", "--base", str(mini_base), "--json")
    assert result.code == 2
    assert "results" not in result.json()
    assert "unknown kind 'rumour'" in result.stderr


def test_a_touched_but_unchanged_base_keeps_its_index(mini_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Touching sets the change time to now, which the index double-checks for RACY_NS: shrink that window.
    monkeypatch.setattr(store, "RACY_NS", 0)
    first = store.search_document(str(mini_base), "turnout", 5)
    facts = mini_base / "facts.toml"
    os.utime(facts, ns=(10**18, 10**18))
    os.utime(mini_base / "sources.toml", ns=(10**18, 10**18))
    assert store.search_document(str(mini_base), "turnout", 5) == first
    header = store.open_index(str(mini_base)).header
    assert header["stats"][0][1] == 10**18  # the new time was recorded after the content hash matched
    stats = [store._file_stat(str(mini_base / name)) for name in ("facts.toml", "sources.toml")]
    assert store._trusted_by_stat(header, stats)


@pytest.mark.parametrize("piece", [7, 1 << 22])
def test_recording_new_times_copies_the_data_unchanged(piece: int, mini_base: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "RACY_NS", 0)
    store.search_document(str(mini_base), "turnout", 5)
    path = Path(store.index_path(str(mini_base)))
    before = store.open_index(str(mini_base))
    data = bytes(before._view[before._start:])
    pieces = store.DiskIndex.data_pieces
    monkeypatch.setattr(store.DiskIndex, "data_pieces", lambda self: pieces(self, piece))
    for name in ("facts.toml", "sources.toml"):
        os.utime(mini_base / name, ns=(10**18, 10**18))
    store.open_index(str(mini_base))  # the content hash matches: the times are recorded in a copy
    reread = store.open_index(str(mini_base))
    assert reread.header["stats"][0][1] == 10**18
    assert bytes(reread._view[reread._start:]) == data and path.read_bytes().endswith(store.TRAILER)


def test_a_truncated_or_foreign_index_file_is_rebuilt(mini_base: Path) -> None:
    expected = store.search_document(str(mini_base), "turnout", 5)
    path = Path(store.index_path(str(mini_base)))
    whole = path.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"", b"not an index at all", whole[:-1] + b"X"):
        path.write_bytes(damaged)
        assert store.search_document(str(mini_base), "turnout", 5) == expected
        assert path.read_bytes()[-len(store.TRAILER):] == store.TRAILER


def test_leftovers_of_an_interrupted_build_are_ignored_and_cleared(mini_base: Path) -> None:
    path = Path(store.index_path(str(mini_base)))
    path.parent.mkdir(parents=True)
    leftover = path.parent / ".building-x.tmp"
    leftover.write_bytes(b"half")
    assert store.search_document(str(mini_base), "turnout", 5)["results"]
    removed = store.clear_cache()
    assert sorted(removed) == sorted([str(leftover), str(path)])
    assert list(store.cache_files()) == []


def test_an_unwritable_cache_still_answers(run_cli: RunCli, mini_base: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run_cli("search", "turnout", "--base", str(mini_base), "--json",
                     env={"NC_FACTS_CACHE_DIR": str(blocker / "cache")})
    assert (result.code, result.stderr) == (0, "")
    assert result.json() == expected_document(mini_base, "turnout", 5)


def test_concurrent_builds_leave_one_complete_index(mini_base: Path, private_cache: Path) -> None:
    script = ("import sys; from nc_facts import store; "
              "[store.build_index(sys.argv[1], store.index_path(sys.argv[1])) for _ in range(5)]")
    env = dict(os.environ, NC_FACTS_CACHE_DIR=str(private_cache))
    workers = [subprocess.Popen([sys.executable, "-c", script, str(mini_base)], env=env) for _ in range(4)]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0, 0, 0]
    assert [Path(path).name for path in store.cache_files()] == [Path(store.index_path(str(mini_base))).name]
    assert store.search_document(str(mini_base), "turnout", 5) == expected_document(mini_base, "turnout", 5)


def test_cache_commands(run_cli: RunCli, mini_base: Path, private_cache: Path,
                        validate_json: Callable[[Any, str], None]) -> None:
    run_cli("search", "turnout", "--base", str(mini_base))
    shown = run_cli("cache", "path", "--json")
    assert shown.code == 0
    validate_json(shown.json(), "cache")
    assert shown.json()["cache"] == str(private_cache / "index")
    assert shown.json()["files"] == [store.index_path(str(mini_base))]
    cleared = run_cli("cache", "clear", "--json")
    validate_json(cleared.json(), "cache")
    assert cleared.json()["removed"] == [store.index_path(str(mini_base))]
    assert run_cli("cache", "path", "--json").json()["files"] == []
    assert "removed 0" not in run_cli("cache", "clear").stdout


def test_cache_root_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NC_FACTS_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert store.cache_root() == str(tmp_path / "nc-facts")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert store.cache_root() == os.path.expanduser("~/.cache/nc-facts")
