"""A damaged or hostile index file: the right answer or a rebuild, never a wrong answer, a traceback or a hang."""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from nc_facts import load_base, serialize, store
from nc_facts.search import find

from conftest import RunCli

QUERIES = ["turnout 2020", "referendum", "85.64", "island riots"]
# Blocks this small split the tiny base's index into dozens, so that a query reads some and skips others.
SMALL_BLOCK = 256


def expected_answers(base: Path) -> list[dict[str, Any]]:
    loaded = load_base(base)
    return [serialize.search_document(query, find(loaded, query, 5), loaded) for query in QUERIES]


def answers(base: Path) -> list[dict[str, Any]]:
    return [store.search_document(str(base), query, 5) for query in QUERIES]


def _age(base: Path) -> None:
    """Date the base's files a minute back, out of the window where the index double-checks them."""
    for name in ("facts.toml", "sources.toml"):
        old = (base / name).stat().st_mtime_ns - 60 * 10**9
        os.utime(base / name, ns=(old, old))


@pytest.fixture
def indexed(mini_base: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, bytes]:
    """The tiny base, aged, with its index saved in small blocks: base, index path, the index's bytes."""
    monkeypatch.setattr(store, "BLOCK_SIZE", SMALL_BLOCK)
    _age(mini_base)
    answers(mini_base)
    path = Path(store.index_path(str(mini_base)))
    return mini_base, path, path.read_bytes()


def test_the_index_is_checked_in_blocks_that_a_query_reads_only_in_part(indexed: tuple[Path, Path, bytes]) -> None:
    base, _, _ = indexed
    index = store.open_index(str(base))
    assert index._unchecked is not None and len(index._unchecked) > 20  # read from the file: checked as read
    store._answer(index, str(base), "turnout 2020", 5)
    assert 0 < index._unchecked.count(0) < len(index._unchecked)


def test_a_thousand_single_bit_flips_never_change_an_answer(indexed: tuple[Path, Path, bytes]) -> None:
    base, path, whole = indexed
    expected = expected_answers(base)
    randomness = random.Random(14)
    rebuilt = 0
    for trial in range(1000):
        damaged = bytearray(whole)
        at = randomness.randrange(len(damaged))
        damaged[at] ^= 1 << randomness.randrange(8)
        path.write_bytes(damaged)
        asked = trial % len(QUERIES)  # one query each: each reads only some of the blocks
        assert store.search_document(str(base), QUERIES[asked], 5) == expected[asked], f"bit flip at byte {at}"
        rebuilt += path.read_bytes() != bytes(damaged)
    # Flips in blocks the query did not read stay unnoticed (and harmless); the others were noticed and rebuilt.
    assert 300 < rebuilt < 1000


def test_a_thousand_flips_at_once_are_rebuilt_over(indexed: tuple[Path, Path, bytes]) -> None:
    base, path, whole = indexed
    damaged = bytearray(whole)
    randomness = random.Random(1000)
    for _ in range(1000):
        damaged[randomness.randrange(len(damaged))] ^= 1 << randomness.randrange(8)
    path.write_bytes(damaged)
    assert answers(base) == expected_answers(base)
    assert store._parse_file(path.read_bytes()) is not None


def test_an_index_truncated_anywhere_is_rebuilt(indexed: tuple[Path, Path, bytes]) -> None:
    base, path, whole = indexed
    expected = expected_answers(base)
    for length in range(0, len(whole), 97):
        path.write_bytes(whole[:length])
        assert answers(base) == expected, f"truncated to {length} bytes"


def test_zeroed_runs_of_an_index_never_change_an_answer(indexed: tuple[Path, Path, bytes]) -> None:
    base, path, whole = indexed
    expected = expected_answers(base)
    path.write_bytes(bytes(len(whole)))
    assert answers(base) == expected
    for start in range(0, len(whole), 211):
        path.write_bytes(whole[:start] + bytes(100) + whole[start + 100:])
        assert answers(base) == expected, f"zeroed from byte {start}"


def test_a_checksum_made_to_match_still_meets_the_bounds_of_each_section(indexed: tuple[Path, Path, bytes]) -> None:
    base, _, _ = indexed
    index = store.open_index(str(base))
    index._layout = {**index._layout, "post_start": [index._layout["post_start"][0], 8, "Q"]}  # one entry
    with pytest.raises(store.IndexUntrusted):
        store._answer(index, str(base), "turnout 2020", 5)


def test_another_bases_index_swapped_in_is_not_answered_from(tmp_path: Path, mini_base: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(mini_base, other)
    facts = other / "facts.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("was 85.64 %", "was 15.64 %"), encoding="utf-8")
    _age(mini_base)
    _age(other)
    answers(other)
    shutil.copyfile(store.index_path(str(other)), store.index_path(str(mini_base)))
    assert answers(mini_base) == expected_answers(mini_base)


def test_an_index_of_an_earlier_version_of_the_base_swapped_back_is_not_answered_from(mini_base: Path) -> None:
    _age(mini_base)
    answers(mini_base)
    earlier = Path(store.index_path(str(mini_base))).read_bytes()
    facts = mini_base / "facts.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("was 85.64 %", "was 15.64 %"), encoding="utf-8")
    _age(mini_base)
    answers(mini_base)
    Path(store.index_path(str(mini_base))).write_bytes(earlier)
    assert answers(mini_base) == expected_answers(mini_base)
    assert "15.64" in answers(mini_base)[0]["results"][0]["claim"]


def _search_in_a_process(base: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """The plain search, as a user runs it, in a process of its own: a hang fails the test instead of stalling it."""
    env = dict(os.environ, NC_FACTS_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "nc_facts", "search", "turnout 2020", "--base", str(base), "--json"],
                          env=env, capture_output=True, text=True, timeout=60)


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


def _make_directory(path: Path) -> None:
    path.mkdir()
    (path / "inside").write_text("not ours")


def _link_to(target: str) -> Any:
    def make(path: Path) -> None:
        path.symlink_to(target)
    return make


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and device files need a POSIX system")
@pytest.mark.parametrize(("make", "replaced"), [(_make_fifo, True), (_make_directory, False),
                                                (_link_to("/dev/zero"), True), (_link_to("/dev/urandom"), True)],
                         ids=["fifo", "directory", "link-to-dev-zero", "link-to-dev-urandom"])
def test_what_is_not_an_index_file_at_its_path_is_answered_around(mini_base: Path, private_cache: Path,
                                                                    make: Any, replaced: bool) -> None:
    path = Path(store.index_path(str(mini_base)))
    path.parent.mkdir(parents=True)
    make(path)
    run = _search_in_a_process(mini_base, private_cache)
    assert (run.returncode, run.stderr) == (0, "")
    assert json.loads(run.stdout) == expected_answers(mini_base)[0]
    # Where it could be, the index was saved over it; a directory stays and the answer came from memory.
    assert stat.S_ISREG(os.lstat(path).st_mode) is replaced


def test_an_edit_keeping_size_and_modification_time_is_seen(mini_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "RACY_NS", 0)  # only the change time can tell
    _age(mini_base)
    facts = mini_base / "facts.toml"
    before = facts.stat()
    assert "85.64" in answers(mini_base)[0]["results"][0]["claim"]
    facts.write_text(facts.read_text(encoding="utf-8").replace("was 85.64 %", "was 15.64 %"), encoding="utf-8")
    os.utime(facts, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (facts.stat().st_size, facts.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert answers(mini_base) == expected_answers(mini_base)
    assert "15.64" in answers(mini_base)[0]["results"][0]["claim"]


def test_an_edit_the_file_times_cannot_show_is_seen_by_content(mini_base: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # A file system whose times did not move (a coarse clock, times restored): recent times make the index
    # compare content hashes, so the edit is noticed all the same.
    moment = time.time_ns()
    monkeypatch.setattr(store, "_file_stat", lambda path: [os.stat(path).st_size, moment, moment, 1, 1])
    assert "85.64" in answers(mini_base)[0]["results"][0]["claim"]
    facts = mini_base / "facts.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("was 85.64 %", "was 15.64 %"), encoding="utf-8")
    assert "15.64" in answers(mini_base)[0]["results"][0]["claim"]


# --- cache path and cache clear over what they did not expect ----------------------------------------------

def _one_line_error(run: Any, wanted: str) -> None:
    assert run.code == 2
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("nc-facts: error: ")
    assert wanted in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and device files need a POSIX system")
def test_cache_clear_removes_fifos_links_and_empty_directories_never_what_links_point_to(
        run_cli: RunCli, mini_base: Path, private_cache: Path, tmp_path: Path) -> None:
    answers(mini_base)
    directory = private_cache / "index"
    os.mkfifo(directory / "a-fifo")
    (directory / "empty").mkdir()
    kept = tmp_path / "kept.txt"
    kept.write_text("not the cache's")
    (directory / "link").symlink_to(kept)
    (directory / "device").symlink_to("/dev/zero")
    cleared = run_cli("cache", "clear", "--json")
    assert (cleared.code, cleared.stderr) == (0, "")
    assert len(cleared.json()["removed"]) == 5
    assert os.listdir(directory) == []
    assert kept.read_text() == "not the cache's"


def test_cache_clear_names_what_it_cannot_remove_after_removing_the_rest(run_cli: RunCli, mini_base: Path,
                                                                        private_cache: Path) -> None:
    answers(mini_base)
    full = private_cache / "index" / "full"
    (full / "inside").mkdir(parents=True)
    cleared = run_cli("cache", "clear")
    _one_line_error(cleared, f"removed 1 of 2 cache entries; cannot remove {full}: Directory not empty")
    assert os.listdir(private_cache / "index") == ["full"]
    failed = run_cli("cache", "clear", "--json")
    assert failed.json()["error"]["exit_code"] == 2


def test_cache_clear_in_a_read_only_cache_is_one_line(run_cli: RunCli, mini_base: Path, private_cache: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    answers(mini_base)
    path = store.index_path(str(mini_base))

    def refuse(target: str) -> None:
        raise PermissionError(13, "Permission denied", target)

    # The file system's refusal, as a read-only directory gives it even to an administrator (who may
    # otherwise remove anything: a real read-only directory is tested below where the user is not one).
    monkeypatch.setattr(os, "remove", refuse)
    _one_line_error(run_cli("cache", "clear"), f"cannot remove {path}: Permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="an administrator may remove files from a read-only directory")
def test_cache_clear_in_a_really_read_only_directory_is_one_line(run_cli: RunCli, mini_base: Path,
                                                                 private_cache: Path) -> None:
    answers(mini_base)
    directory = private_cache / "index"
    directory.chmod(0o500)
    try:
        _one_line_error(run_cli("cache", "clear"), "Permission denied")
    finally:
        directory.chmod(0o700)


@pytest.mark.parametrize("command", ["path", "clear"])
def test_cache_commands_on_an_index_directory_that_is_not_one(run_cli: RunCli, private_cache: Path,
                                                              command: str) -> None:
    (private_cache / "index").write_text("a file where the directory belongs")
    _one_line_error(run_cli("cache", command), f"cannot read the cache directory {private_cache / 'index'}: ")
    assert (private_cache / "index").is_file()


# --- searches while the index is rebuilt -------------------------------------------------------------------

SEARCHER = """
import json, sys
from nc_facts import store
for _ in range(int(sys.argv[2])):
    print(json.dumps(store.search_document(sys.argv[1], "turnout 2020", 5)), flush=True)
"""
BUILDER = """
import sys
from nc_facts import store
for _ in range(int(sys.argv[2])):
    store.build_index(sys.argv[1], store.index_path(sys.argv[1]))
"""
EDITOR = """
import os, sys, time
base, versions = sys.argv[1], sys.argv[3:]
for turn in range(int(sys.argv[2])):
    # Replaced whole, as the desk's edits do: the loader never reads half an edit, and each version is new.
    temporary = os.path.join(base, ".facts.toml.new")
    with open(versions[turn % 2], "rb") as source, open(temporary, "wb") as target:
        target.write(source.read())
    os.replace(temporary, os.path.join(base, "facts.toml"))
    time.sleep(0.01)
"""


def test_searches_during_rebuilds_and_edits_answer_from_whole_indexes(tmp_path: Path, mini_base: Path,
                                                                       private_cache: Path) -> None:
    edited = tmp_path / "edited"
    shutil.copytree(mini_base, edited)
    facts = edited / "facts.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("was 85.64 %", "was 15.64 %"), encoding="utf-8")
    versions = [str(tmp_path / "first.toml"), str(tmp_path / "second.toml")]
    shutil.copyfile(mini_base / "facts.toml", versions[0])
    shutil.copyfile(facts, versions[1])
    either = [serialize.search_document("turnout 2020", find(loaded, "turnout 2020", 5), loaded)
              for loaded in (load_base(mini_base), load_base(edited))]
    for document in either:
        document["base"] = str(mini_base)
    env = dict(os.environ, NC_FACTS_CACHE_DIR=str(private_cache))

    def start(script: str, count: int, *extra: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", script, str(mini_base), str(count), *extra], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    processes = [start(BUILDER, 60), start(BUILDER, 60), start(EDITOR, 60, *versions)]
    searchers = [start(SEARCHER, 150) for _ in range(3)]
    seen = set()
    for searcher in searchers:
        out, err = searcher.communicate(timeout=300)
        assert (searcher.returncode, err) == (0, "")
        lines = out.splitlines()
        assert len(lines) == 150
        for line in lines:
            document = json.loads(line)
            assert document in either
            seen.add(either.index(document))
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert (process.returncode, err) == (0, "")
    assert seen == {0, 1}  # the searches did run while the base changed under them
