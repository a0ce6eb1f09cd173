"""The README's Python examples run as written and print what their comments say."""

from __future__ import annotations

import contextlib
import io
import re

from conftest import ROOT


def _python_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_every_python_example_runs() -> None:
    blocks = _python_blocks()
    assert len(blocks) >= 3
    for block in blocks:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(block, "README.md", "exec"), {})


def test_the_check_example_prints_its_verdicts() -> None:
    (block,) = [b for b in _python_blocks() if "Checker(" in b]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("supported - the claim says 85.64 %; ")
    assert "figure agrees referendum-2020-turnout" in lines
    assert lines[-1] == "supported" and len([line for line in lines if line in ("supported", "refuted")]) == 1
