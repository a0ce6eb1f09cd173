"""Output does not depend on the interpreter's string hashing, which differs from one process to the next."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA

DRAFT = DATA / "ingest" / "canal-article.md"


def _run(args: list[str], seed: str, cache: Path) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed, NC_FACTS_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, "-m", "nc_facts", *args], env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode in (0, 1, 3), done.stderr
    return done.stdout


@pytest.mark.parametrize("args", [
    ["check", "--file", str(DRAFT), "--jsonl"],  # sentences the base does not cover name what it lacks
    ["check", "The Panama Canal opened in August 1914 after a decade of American construction.", "--json"],
    ["search", "referendum turnout independence", "--json"],
], ids=" ".join)
def test_two_hash_seeds_print_the_same(args: list[str], tmp_path: Path) -> None:
    first = _run(args, "1", tmp_path)
    assert first
    assert all(_run(args, seed, tmp_path) == first for seed in ("2", "3"))
