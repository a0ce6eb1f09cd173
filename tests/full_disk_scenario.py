"""Run inside a private mount namespace: a small tmpfs is mounted, filled, and nc-facts run against it.

    unshare --mount [--user --map-root-user] python tests/full_disk_scenario.py PROGRAM WORKDIR base|cache

Prints one JSON document of what each step gave; tests/test_full_disk.py checks it.  Exit code 77 when the
tmpfs cannot be mounted.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

MINI_BASE = Path(__file__).resolve().parent / "data" / "mini"
TMPFS_SIZE = "512k"
CLAIM = "The harbour reopened in June 2024."


def mount_tmpfs(point: Path) -> bool:
    point.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs", str(point)],
                          capture_output=True).returncode == 0


def fill(point: Path) -> None:
    """Write to the file system until it refuses."""
    descriptor = os.open(point / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 1024)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def run(program: str, *args: str, cache: Path) -> dict[str, Any]:
    result = subprocess.run([program, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                            env={**os.environ, "NC_FACTS_CACHE_DIR": str(cache)}, timeout=120)
    return {"code": result.returncode, "stdout": result.stdout, "stderr": result.stderr}


def copy_base(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("facts.toml", "sources.toml"):
        shutil.copyfile(MINI_BASE / name, target / name)
    return target


def steps(program: str, base: Path, cache: Path, full: Path) -> dict[str, Any]:
    """An answer before the disk is full, an edit and a search after, and what the base's file holds."""
    before = run(program, "search", "turnout", "--base", str(base), "--json", cache=cache)
    fill(full)
    facts = (base / "facts.toml").read_bytes()
    edit = run(program, "add-fact", "--base", str(base), "--claim", CLAIM, "--kind", "event", cache=cache)
    after = run(program, "search", "turnout", "--base", str(base), "--json", cache=cache)
    found = run(program, "search", "harbour reopened", "--base", str(base), "--json", cache=cache)
    return {"before": before, "edit": edit, "after": after, "found": found,
            "facts_unchanged": (base / "facts.toml").read_bytes() == facts,
            "leftovers": sorted(p.name for p in base.iterdir() if p.name.endswith(".tmp"))}


def main() -> int:
    program, workdir, which = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    point = workdir / "full"
    if not mount_tmpfs(point):
        return 77
    try:
        if which == "base":  # the base on the full disk, the cache elsewhere
            result = steps(program, copy_base(point / "base"), workdir / "cache", point)
        else:  # the cache on the full disk, the base elsewhere
            result = steps(program, copy_base(workdir / "base"), point / "cache", point)
        result["base"] = str(point / "base" if which == "base" else workdir / "base")
    finally:
        subprocess.run(["umount", str(point)], capture_output=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
