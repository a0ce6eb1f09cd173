"""A full disk under the base, and separately under the search index: one line, nothing changed, search answers.

The disk is a small tmpfs mounted in a private mount namespace (``unshare``), so nothing outside the test sees
it; where neither root nor unprivileged user namespaces allow the mount, the tests skip and say so.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ENTRY_POINT = Path(sys.executable).parent / "nc-facts"
SCENARIO = Path(__file__).resolve().parent / "full_disk_scenario.py"


@functools.cache
def namespace_command() -> list[str] | None:
    """How to run a command in a mount namespace of its own here, or None when this platform cannot."""
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return None
    root = os.geteuid() == 0
    for command in (["unshare", "--mount"] if root else [], ["unshare", "--mount", "--user", "--map-root-user"]):
        if command and subprocess.run([*command, "true"], capture_output=True).returncode == 0:
            return command
    return None


needs_a_tmpfs = pytest.mark.skipif(
    namespace_command() is None or not ENTRY_POINT.exists(),
    reason="mounting a small tmpfs needs Linux with unshare, as root or with unprivileged user namespaces "
           "(and the installed nc-facts entry point)")


def scenario(which: str, tmp_path: Path) -> dict[str, Any]:
    command = namespace_command()
    assert command is not None
    result = subprocess.run([*command, sys.executable, str(SCENARIO), str(ENTRY_POINT), str(tmp_path), which],
                            capture_output=True, text=True, timeout=300, env=dict(os.environ))
    if result.returncode == 77:
        pytest.skip("the tmpfs could not be mounted in the namespace")
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def result_ids(step: dict[str, Any]) -> list[str]:
    return [hit["id"] for hit in json.loads(step["stdout"])["results"]]


@needs_a_tmpfs
def test_an_edit_on_a_full_disk_is_one_line_and_leaves_the_file(tmp_path: Path) -> None:
    steps = scenario("base", tmp_path)
    facts = Path(steps["base"]) / "facts.toml"
    assert (steps["edit"]["code"], steps["edit"]["stderr"]) == (
        2, f"nc-facts: error: {facts}: cannot write: No space left on device\n")
    assert steps["facts_unchanged"]
    assert steps["leftovers"] == []
    assert steps["after"]["code"] == 0
    assert result_ids(steps["after"]) == result_ids(steps["before"]) != []


@needs_a_tmpfs
def test_a_full_disk_under_the_index_leaves_search_and_edits_working(tmp_path: Path) -> None:
    steps = scenario("cache", tmp_path)
    assert (steps["edit"]["code"], steps["edit"]["stderr"]) == (0, "")
    assert (steps["after"]["code"], steps["after"]["stderr"]) == (0, "")
    assert result_ids(steps["after"]) == result_ids(steps["before"]) != []
    assert steps["found"]["code"] == 0
    assert result_ids(steps["found"])[0] == "harbour-reopened-june-2024"  # answered from memory, edit included
