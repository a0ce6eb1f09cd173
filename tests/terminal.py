"""Running nc-facts under a real pseudo-terminal, and telling its own styling from anything raw."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from nc_facts.visible import visible

# The program's own styling: SGR colour codes, and OSC 8 links to printable ASCII http(s) URLs (or the
# empty URL that closes a link).
OUR_SGR = re.compile(rb"\x1b\[[0-9;]*m")
OUR_LINK = re.compile(rb"\x1b\]8;[!-~]*;(?P<url>(?:https?://[!-~]+)?)\x1b\\")


# Runs each command in turn in one Python under the pty (an interpreter per command would take a minute),
# with a marker after each that no output of the program can contain.
_DRIVER = """
import json, os, sys
from nc_facts.cli import main
for index, args in enumerate(json.loads(sys.argv[1])):
    code = main(args)
    sys.stdout.flush()
    sys.stderr.flush()
    os.write(1, ("\\n@@ end of command %d: %d @@\\n" % (index, code)).encode())
"""
_MARKER = re.compile(rb"\r?\n@@ end of command (\d+): (\d+) @@\r?\n")


def run_in_terminal(commands: Sequence[Sequence[str]], env: dict[str, str], cwd: Path,
                    timeout: float = 120) -> list[tuple[int, bytes]]:
    """Run each ``nc-facts ARGS`` with stdin empty and stdout and stderr on one pty; each exit code and bytes."""
    output = _pty_output([sys.executable, "-c", _DRIVER, json.dumps([list(c) for c in commands])], env, cwd, timeout)
    results: list[tuple[int, bytes]] = []
    start = 0
    for marker in _MARKER.finditer(output):
        results.append((int(marker.group(2)), output[start:marker.start()]))
        start = marker.end()
    assert len(results) == len(commands), output[start:].decode("utf-8", "replace")[-2000:]
    return results


def _pty_output(argv: Sequence[str], env: dict[str, str], cwd: Path, timeout: float) -> bytes:
    import pty

    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env,
                                   cwd=cwd)
    finally:
        os.close(follower)
    output = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # every end of the follower is closed: the program has ended (EIO on Linux)
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
    return bytes(output)


def terminal_environment(home: Path) -> dict[str, str]:
    """A colour terminal of fixed size, and nothing of the machine's own settings."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "TERM": "xterm-256color",
            "FORCE_COLOR": "1", "COLUMNS": "100", "LINES": "40", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "PYTHONIOENCODING": "utf-8", "NC_FACTS_CACHE_DIR": str(home / "cache")}


def raw_controls(output: bytes) -> list[str]:
    """Everything in ``output`` a terminal would act on that is not the program's own styling.

    The pty turns each newline into CR LF; both are allowed, as is a tab.
    """
    plain = OUR_LINK.sub(b"", OUR_SGR.sub(b"", output)).decode("utf-8", errors="replace")
    return [ch for ch in plain if ch not in "\r\n\t" and (visible(ch) != ch or ch == "\ufffd")]


def link_targets(output: bytes) -> set[str]:
    return {match.group("url").decode("ascii") for match in OUR_LINK.finditer(output)}
